package data

import "database/sql"

// ProjectChoice is a project as a picker offers it.
type ProjectChoice struct {
	ID   int64
	Name string
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
	in.AssetOwner, in.AssetDescription, in.Decision, in.Note = clean(in.AssetOwner), clean(in.AssetDescription), clean(in.Decision), clean(in.Note)
	in.VillageIDs, in.PartnerIDs = cleanIDs(p.VillageIDs), cleanIDs(p.PartnerIDs)
	return validateProject(s.db, &in)
}
