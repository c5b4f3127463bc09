package data

import "database/sql"

// ProjectChoice is a project as a picker offers it.
type ProjectChoice struct {
	ID      int64
	Name    string
	Deleted bool // only from ProjectChoiceOf: a deleted project an entry still links to
}

// ProjectChoiceOf is one project, live or deleted, as a picker shows an entry's link to it.
func (s *Store) ProjectChoiceOf(id int64) (ProjectChoice, error) {
	c := ProjectChoice{ID: id}
	err := s.db.QueryRow(`SELECT name, deleted_at IS NOT NULL FROM projects WHERE id = ?`, id).Scan(&c.Name, &c.Deleted)
	return c, scanOne(err)
}

// ProjectHoldings is what a project holds: what its deletion takes out of view (and undo brings
// back), and the collective entries that stay linked to it.
type ProjectHoldings struct {
	FundingLines  int
	Budget        Money
	Disbursements int
	Disbursed     Money
	Stages        int
	Stage         string // the current stage, StageNone without one
	Notes         int    // progress notes
	Photos        int    // their attachments
	Distributions int
	Distributed   Money
	Entries       int // collective entries linked to the project
	EntryIncome   Money
	EntryExpense  Money
	Assets        int    // live assets in the register it formed
	AssetKind     string // their classes, joined with 、
	AssetValue    Money  // their 原值
}

// ProjectHoldings counts and adds up what a live project holds, for the question before deleting it.
func (s *Store) ProjectHoldings(id int64) (*ProjectHoldings, error) {
	if _, err := s.GetProject(id); err != nil {
		return nil, err
	}
	h := &ProjectHoldings{}
	err := s.db.QueryRow(`SELECT
		(SELECT count(*) FROM funding_lines WHERE project_id = ?1 AND deleted_at IS NULL),
		(SELECT coalesce(sum(amount), 0) FROM funding_lines WHERE project_id = ?1 AND deleted_at IS NULL),
		(SELECT count(*) FROM disbursements WHERE project_id = ?1 AND deleted_at IS NULL),
		(SELECT coalesce(sum(amount), 0) FROM disbursements WHERE project_id = ?1 AND deleted_at IS NULL),
		(SELECT count(*) FROM stage_changes WHERE project_id = ?1 AND deleted_at IS NULL),
		(SELECT count(*) FROM progress_notes WHERE project_id = ?1 AND deleted_at IS NULL),
		(SELECT count(*) FROM attachments a JOIN progress_notes n ON n.id = a.note_id
			WHERE n.project_id = ?1 AND n.deleted_at IS NULL AND a.deleted_at IS NULL),
		(SELECT count(*) FROM distributions WHERE project_id = ?1 AND deleted_at IS NULL),
		(SELECT coalesce(sum(amount), 0) FROM distributions WHERE project_id = ?1 AND deleted_at IS NULL),
		(SELECT count(*) FROM collective_entries WHERE project_id = ?1 AND deleted_at IS NULL),
		(SELECT coalesce(sum(amount), 0) FROM collective_entries WHERE project_id = ?1 AND direction = 'income' AND deleted_at IS NULL),
		(SELECT coalesce(sum(amount), 0) FROM collective_entries WHERE project_id = ?1 AND direction = 'expense' AND deleted_at IS NULL),
		(SELECT count(*) FROM assets WHERE project_id = ?1 AND deleted_at IS NULL),
		(SELECT coalesce(group_concat(class, '、'), '') FROM (SELECT DISTINCT class FROM assets WHERE project_id = ?1 AND deleted_at IS NULL AND class <> '' ORDER BY class)),
		(SELECT coalesce(sum(value), 0) FROM assets WHERE project_id = ?1 AND deleted_at IS NULL)`, id).
		Scan(&h.FundingLines, &h.Budget, &h.Disbursements, &h.Disbursed, &h.Stages, &h.Notes, &h.Photos,
			&h.Distributions, &h.Distributed, &h.Entries, &h.EntryIncome, &h.EntryExpense, &h.Assets, &h.AssetKind, &h.AssetValue)
	if err != nil {
		return nil, err
	}
	if h.Stage, err = s.CurrentStage(id); h.Stage == "" {
		h.Stage = StageNone
	}
	return h, err
}

// ProjectChoices lists every live project by name, for pickers such as an income entry's link.
// A village keeps tens of projects, so one read is fine; at most limit rows (0: 1000).
func (s *Store) ProjectChoices(limit int) ([]ProjectChoice, error) {
	if limit <= 0 {
		limit = 1000
	}
	return queryRows(s.db, `SELECT id, name FROM projects WHERE deleted_at IS NULL ORDER BY name, id LIMIT ?`, []any{limit},
		func(rows *sql.Rows) (ProjectChoice, error) {
			var c ProjectChoice
			err := rows.Scan(&c.ID, &c.Name)
			return c, err
		})
}

// ProjectYearRange is the first and last year a project list can be filtered by: from the earliest
// starting year to the latest year with a stage change or disbursement (0, 0 without projects).
func (s *Store) ProjectYearRange() (first, last int, err error) {
	err = s.db.QueryRow(`SELECT coalesce(min(year_started), 0), coalesce(max(year_started), 0)
		FROM projects WHERE deleted_at IS NULL`).Scan(&first, &last)
	if err != nil || first == 0 {
		return first, last, err
	}
	var later int
	err = s.db.QueryRow(`SELECT coalesce(max(y), 0) FROM (
		SELECT CAST(substr(max(date), 1, 4) AS INTEGER) AS y FROM stage_changes WHERE deleted_at IS NULL
		UNION ALL SELECT CAST(substr(max(date), 1, 4) AS INTEGER) FROM disbursements WHERE deleted_at IS NULL)`).Scan(&later)
	return first, max(last, later), err
}

// CheckProject runs SaveProject's validation without saving, so a form can show problems as the user types.
func (s *Store) CheckProject(p *Project) error {
	in := *p
	in.Name, in.Responsible, in.Implementer = clean(in.Name), clean(in.Responsible), clean(in.Implementer)
	in.Decision, in.Note = clean(in.Decision), clean(in.Note)
	in.VillageIDs, in.PartnerIDs = cleanIDs(p.VillageIDs), cleanIDs(p.PartnerIDs)
	in.Shares = cleanShares(in.VillageIDs, p.Shares)
	return validateProject(s.db, &in)
}
