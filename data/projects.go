package data

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Project types (项目类型).
var ProjectTypes = []string{"产业发展", "基础设施", "公益事业", "就业帮扶", "其他"}

// Project stages in their usual order (终止 ends a project early).
const (
	StagePlanning     = "谋划"
	StagePublicity    = "公示"
	StageListed       = "入库"
	StageFunded       = "资金下达"
	StageBuilding     = "实施"
	StageAccepted     = "验收"
	StageHandedOver   = "资产移交"
	StageOperating    = "运营管护"
	StageDistributing = "收益分配"
	StageTerminated   = "终止"
)

// Stages lists every stage in order.
var Stages = []string{StagePlanning, StagePublicity, StageListed, StageFunded, StageBuilding,
	StageAccepted, StageHandedOver, StageOperating, StageDistributing, StageTerminated}

// finishedStages are stages after which a project no longer counts as active (see docs/DATA.md).
var finishedStages = []string{StageHandedOver, StageOperating, StageDistributing, StageTerminated}

// NextStage is the stage that usually follows; "" after 收益分配 and 终止.
func NextStage(stage string) string {
	i := slices.Index(Stages, stage)
	switch {
	case stage == "":
		return StagePlanning
	case i < 0 || stage == StageDistributing || stage == StageTerminated:
		return ""
	}
	return Stages[i+1]
}

// Funding sources (资金来源).
var FundingSources = []string{"财政衔接资金", "其他财政资金", "帮扶单位资金", "社会捐赠", "村集体自筹", "其他"}

// Project is an assistance project (帮扶项目).
type Project struct {
	ID         int64
	UUID       string
	Name       string
	Type       string  // one of ProjectTypes
	VillageIDs []int64 // one or more (连片/联建)
	// Shares is each village's share of a 联建 project in basis points (10000 = 100%), adding up
	// to 10000; empty for equal shares. Per-village figures count this part of the project's money.
	Shares              map[int64]int
	Responsible         string  // 责任人
	Implementer         string  // 实施单位
	PartnerIDs          []int64 // 帮扶单位, may be empty
	YearStarted         int
	Households          int // 带动农户数
	HouseholdsPoor      int // of them 脱贫户
	HouseholdsMonitored int // of them 监测户
	// The asset a project recorded before the asset register: migration 0006 moved it into
	// the register (ProjectAssets lists it), so an asset has one home. Read only: SaveProject
	// refuses a change (err.project.asset_*.moved) and a new project has none.
	AssetKind        string
	AssetValue       Money
	AssetOwner       string
	AssetDescription string
	Decision         string // “四议两公开” record
	Note             string
}

var projectTable = table[Project]{
	name: "projects",
	cols: []string{"name", "type", "responsible", "implementer", "year_started", "households", "households_poor",
		"households_monitored", "decision", "note"},
	fields: func(p *Project) []any {
		return []any{&p.ID, &p.UUID, &p.Name, &p.Type, &p.Responsible, &p.Implementer, &p.YearStarted, &p.Households,
			&p.HouseholdsPoor, &p.HouseholdsMonitored, &p.Decision, &p.Note}
	},
	more: loadProjectLinks,
}

// projectHashCols are the columns a project row's audit hash covers: still the read-only asset
// columns, in their old place, so rows audited before the register verify unchanged.
var projectHashCols = []string{"name", "type", "responsible", "implementer", "year_started", "households", "households_poor",
	"households_monitored", "asset_kind", "asset_value", "asset_owner", "asset_description", "decision", "note"}

func loadProjectLinks(q querier, p *Project) error {
	var err error
	type link struct {
		village int64
		share   int
	}
	links, err := queryRows(q, "SELECT village_id, share_bp FROM project_villages WHERE project_id = ? ORDER BY village_id", []any{p.ID},
		func(rows *sql.Rows) (link, error) {
			var l link
			err := rows.Scan(&l.village, &l.share)
			return l, err
		})
	if err != nil {
		return err
	}
	p.VillageIDs, p.Shares = nil, nil
	for _, l := range links {
		p.VillageIDs = append(p.VillageIDs, l.village)
		if l.share != 0 {
			if p.Shares == nil {
				p.Shares = map[int64]int{}
			}
			p.Shares[l.village] = l.share
		}
	}
	if p.PartnerIDs, err = queryIDs(q, "SELECT partner_id FROM project_partners WHERE project_id = ? ORDER BY partner_id", p.ID); err != nil {
		return err
	}
	return scanOne(q.QueryRow("SELECT asset_kind, asset_value, asset_owner, asset_description FROM projects WHERE id = ?", p.ID).
		Scan(&p.AssetKind, &p.AssetValue, &p.AssetOwner, &p.AssetDescription))
}

func queryIDs(q querier, query string, args ...any) ([]int64, error) {
	return queryRows(q, query, args, scanValue[int64])
}

// GetProject returns a live project with its village and partner links.
func (s *Store) GetProject(id int64) (*Project, error) { return projectTable.load(s.db, id, true) }

func validateProject(q querier, p *Project) error {
	c := newCheck("project")
	c.required("Name", p.Name)
	c.maxLen("Name", p.Name, nameLen)
	c.oneOf("Type", p.Type, ProjectTypes)
	if len(p.VillageIDs) == 0 {
		c.fail("VillageIDs", "required")
	}
	for _, id := range p.VillageIDs {
		if ok, err := liveExists(q, "villages", id); err != nil {
			return err
		} else if !ok && !c.failed("VillageIDs") {
			c.fail("VillageIDs", "missing")
		}
	}
	for _, id := range p.PartnerIDs {
		if ok, err := liveExists(q, "partners", id); err != nil {
			return err
		} else if !ok && !c.failed("PartnerIDs") {
			c.fail("PartnerIDs", "missing")
		}
	}
	checkShares(c, p)
	c.maxLen("Responsible", p.Responsible, nameLen)
	c.maxLen("Implementer", p.Implementer, nameLen)
	c.year("YearStarted", p.YearStarted)
	c.notNegative("Households", int64(p.Households))
	c.notNegative("HouseholdsPoor", int64(p.HouseholdsPoor))
	c.notNegative("HouseholdsMonitored", int64(p.HouseholdsMonitored))
	if !c.failed("HouseholdsPoor") && !c.failed("HouseholdsMonitored") && p.HouseholdsPoor+p.HouseholdsMonitored > p.Households {
		c.fail("HouseholdsPoor", "exceeds")
	}
	if err := projectAssetMoved(q, c, p); err != nil {
		return err
	}
	c.maxLen("Decision", p.Decision, noteLen)
	c.maxLen("Note", p.Note, noteLen)
	return c.err()
}

// projectAssetMoved refuses a change to the read-only asset fields: the asset register holds assets now.
func projectAssetMoved(q querier, c *check, p *Project) error {
	var old Project
	if p.ID != 0 {
		err := q.QueryRow("SELECT asset_kind, asset_value, asset_owner, asset_description FROM projects WHERE id = ?", p.ID).
			Scan(&old.AssetKind, &old.AssetValue, &old.AssetOwner, &old.AssetDescription)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	for _, f := range []struct {
		field   string
		changed bool
	}{
		{"AssetKind", p.AssetKind != old.AssetKind}, {"AssetValue", p.AssetValue != old.AssetValue},
		{"AssetOwner", p.AssetOwner != old.AssetOwner}, {"AssetDescription", p.AssetDescription != old.AssetDescription},
	} {
		if f.changed {
			c.fail(f.field, "moved")
		}
	}
	return nil
}

// checkShares checks set shares: every village's positive, all adding up to 100%.
func checkShares(c *check, p *Project) {
	if len(p.Shares) == 0 {
		return
	}
	sum := 0
	for _, id := range p.VillageIDs {
		if p.Shares[id] <= 0 {
			c.fail("Shares", "positive")
			return
		}
		sum += p.Shares[id]
	}
	if sum != ShareWhole {
		c.fail("Shares", "sum")
		c.For("Shares").Msg = fmt.Sprintf("各村分成比例加起来是 %s，应为 100%%：请调整比例，或全部留空按村平分", FormatShare(sum))
	}
}

// ShareWhole is a whole project in the basis points Project.Shares counts in.
const ShareWhole = 10000

// FormatShare writes basis points as a percent: 3333 → 33.33%, 5000 → 50%.
func FormatShare(bp int) string {
	s := fmt.Sprintf("%d.%02d", bp/100, bp%100)
	return strings.TrimSuffix(strings.TrimRight(strings.TrimRight(s, "0"), "."), ".") + "%"
}

// ParseShare reads a percent as people type it (50, 33.33, 50%, ５０％) into basis points.
func ParseShare(s string) (int, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(Halfwidth(s), "%"))
	bad := func() error { return errors.New("share") }
	v, err := parseDecimal(s, 2, decimalOpts{empty: bad, decimals: bad, format: bad, comma: bad, overflow: bad, negative: bad,
		invalid: func(rune) error { return bad() }})
	if err != nil || v > ShareWhole {
		return 0, false
	}
	return int(v), true
}

// cleanShares keeps the shares of the project's villages; none for one village or when all are 0.
func cleanShares(villages []int64, shares map[int64]int) map[int64]int {
	if len(villages) < 2 {
		return nil
	}
	out := map[int64]int{}
	set := false
	for _, id := range villages {
		if v, ok := shares[id]; ok {
			out[id] = v
			set = set || v != 0
		}
	}
	if !set {
		return nil
	}
	return out
}

func cleanIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// SaveProject inserts (ID 0) or updates a project and replaces its village and partner links.
func (s *Store) SaveProject(p *Project) error {
	p.Name, p.Responsible, p.Implementer = clean(p.Name), clean(p.Responsible), clean(p.Implementer)
	p.Decision, p.Note = clean(p.Decision), clean(p.Note)
	in := *p
	in.VillageIDs, in.PartnerIDs = cleanIDs(p.VillageIDs), cleanIDs(p.PartnerIDs)
	in.Shares = cleanShares(in.VillageIDs, p.Shares)
	err := s.write(func(tx *Tx) error {
		if err := validateProject(tx, &in); err != nil {
			return err
		}
		if err := projectTable.save(tx, &in); err != nil {
			return err
		}
		return saveProjectLinks(tx, &in)
	})
	if err == nil {
		*p = in
	}
	return err
}

func saveProjectLinks(tx *Tx, p *Project) error {
	if _, err := tx.Exec("DELETE FROM project_villages WHERE project_id = ?", p.ID); err != nil {
		return err
	}
	for _, id := range p.VillageIDs {
		if _, err := tx.Exec("INSERT INTO project_villages(project_id, village_id, share_bp) VALUES (?, ?, ?)", p.ID, id, p.Shares[id]); err != nil {
			return err
		}
	}
	if _, err := tx.Exec("DELETE FROM project_partners WHERE project_id = ?", p.ID); err != nil {
		return err
	}
	for _, id := range p.PartnerIDs {
		if _, err := tx.Exec("INSERT INTO project_partners(project_id, partner_id) VALUES (?, ?)", p.ID, id); err != nil {
			return err
		}
	}
	return nil
}

// DeleteProject soft-deletes a project; its funding, stages and notes go (and come back) with it.
func (s *Store) DeleteProject(id int64) error {
	return s.write(func(tx *Tx) error { return projectTable.delete(tx, id) })
}

// RestoreProject undoes DeleteProject.
func (s *Store) RestoreProject(id int64) error {
	return s.write(func(tx *Tx) error { return projectTable.restore(tx, id) })
}

// projectRef checks a child's link to a live project.
func projectRef(q querier, c *check, projectID int64) error {
	if ok, err := liveExists(q, "projects", projectID); err != nil {
		return err
	} else if !ok {
		c.fail("ProjectID", "missing")
	}
	return nil
}

// FundingLine is one source of a project's money (资金来源) and its amount.
type FundingLine struct {
	ID        int64
	UUID      string
	ProjectID int64
	Source    string // one of FundingSources
	Amount    Money
	Note      string
	PartnerID int64 // the partner unit that gave it (帮扶组团); 0 none
}

var fundingTable = table[FundingLine]{
	name: "funding_lines",
	cols: []string{"project_id", "source", "amount", "note", "partner_id"},
	fields: func(f *FundingLine) []any {
		return []any{&f.ID, &f.UUID, &f.ProjectID, &f.Source, &f.Amount, &f.Note, nullableID{&f.PartnerID}}
	},
}

// FundingLines lists a project's live funding lines in the order they were entered.
func (s *Store) FundingLines(projectID int64) ([]FundingLine, error) {
	return fundingTable.list(s.db, "project_id = ?", "id", projectID)
}

// SaveFundingLine inserts (ID 0) or updates a funding line.
func (s *Store) SaveFundingLine(f *FundingLine) error {
	f.Note = clean(f.Note)
	return saveChild(s, fundingTable, f, validateFunding)
}

func validateFunding(q querier, f *FundingLine) error {
	c := newCheck("funding")
	if err := projectRef(q, c, f.ProjectID); err != nil {
		return err
	}
	c.oneOf("Source", f.Source, FundingSources)
	c.positive("Amount", f.Amount)
	c.maxLen("Note", f.Note, noteLen)
	if err := keptOrLiveRef(q, c, "funding_lines", f.ID, "PartnerID", "partners", f.PartnerID); err != nil {
		return err
	}
	return c.err()
}

// DeleteFundingLine soft-deletes a funding line.
func (s *Store) DeleteFundingLine(id int64) error { return deleteChild(s, fundingTable, id) }

// RestoreFundingLine undoes DeleteFundingLine.
func (s *Store) RestoreFundingLine(id int64) error { return restoreChild(s, fundingTable, id) }

// saveChild validates and saves one small entity in its own write; x gets its ID and UUID only on success.
func saveChild[T any](s *Store, t table[T], x *T, validate func(q querier, x *T) error) error {
	in := *x
	err := s.write(func(tx *Tx) error {
		if err := validate(tx, &in); err != nil {
			return err
		}
		return t.save(tx, &in)
	})
	if err == nil {
		*x = in
	}
	return err
}

func deleteChild[T any](s *Store, t table[T], id int64) error {
	return s.write(func(tx *Tx) error { return t.delete(tx, id) })
}

func restoreChild[T any](s *Store, t table[T], id int64) error {
	return s.write(func(tx *Tx) error { return t.restore(tx, id) })
}

// Disbursement is money actually paid out to a project (拨付).
type Disbursement struct {
	ID        int64
	UUID      string
	ProjectID int64
	Date      Date
	Amount    Money
	Note      string
}

var disbursementTable = table[Disbursement]{
	name: "disbursements",
	cols: []string{"project_id", "date", "amount", "note"},
	fields: func(d *Disbursement) []any {
		return []any{&d.ID, &d.UUID, &d.ProjectID, &d.Date, &d.Amount, &d.Note}
	},
}

// Disbursements lists a project's disbursements by date.
func (s *Store) Disbursements(projectID int64) ([]Disbursement, error) {
	return disbursementTable.list(s.db, "project_id = ?", "date, id", projectID)
}

// SaveDisbursement inserts (ID 0) or updates a disbursement.
func (s *Store) SaveDisbursement(d *Disbursement) error {
	d.Note = clean(d.Note)
	return saveChild(s, disbursementTable, d, validateDisbursement)
}

func validateDisbursement(q querier, d *Disbursement) error {
	c := newCheck("disbursement")
	if err := projectRef(q, c, d.ProjectID); err != nil {
		return err
	}
	c.date("Date", d.Date)
	c.positive("Amount", d.Amount)
	c.maxLen("Note", d.Note, noteLen)
	return c.err()
}

// DeleteDisbursement soft-deletes a disbursement.
func (s *Store) DeleteDisbursement(id int64) error { return deleteChild(s, disbursementTable, id) }

// RestoreDisbursement undoes DeleteDisbursement.
func (s *Store) RestoreDisbursement(id int64) error { return restoreChild(s, disbursementTable, id) }

// StageChange records that a project entered a stage on a date. Dates follow the order of
// Stages (SaveStageChange checks it); the current stage is the latest by date, then the furthest
// along on that day, then the last entered.
type StageChange struct {
	ID        int64
	UUID      string
	ProjectID int64
	Stage     string // one of Stages
	Date      Date
	Note      string
}

var stageTable = table[StageChange]{
	name: "stage_changes",
	cols: []string{"project_id", "stage", "date", "note"},
	fields: func(c *StageChange) []any {
		return []any{&c.ID, &c.UUID, &c.ProjectID, &c.Stage, &c.Date, &c.Note}
	},
}

// StageHistory lists a project's stage changes, oldest first; the last one is the current stage.
func (s *Store) StageHistory(projectID int64) ([]StageChange, error) {
	return stageTable.list(s.db, "project_id = ?", "date, "+stageOrderSQL("stage")+", id", projectID)
}

// stageLatestFirst orders a project's stage changes (columns prefixed by alias) from the current one back.
func stageLatestFirst(alias string) string {
	return alias + "date DESC, " + stageOrderSQL(alias+"stage") + " DESC, " + alias + "id DESC"
}

// CurrentStage is the project's latest stage ("" before any is recorded).
func (s *Store) CurrentStage(projectID int64) (string, error) {
	var stage string
	err := s.db.QueryRow(`SELECT stage FROM stage_changes WHERE project_id = ? AND deleted_at IS NULL
		ORDER BY `+stageLatestFirst("")+` LIMIT 1`, projectID).Scan(&stage)
	if errors.Is(scanOne(err), ErrNotFound) {
		return "", nil
	}
	return stage, err
}

// SaveStageChange inserts (ID 0) or updates a stage change.
func (s *Store) SaveStageChange(sc *StageChange) error {
	sc.Note = clean(sc.Note)
	return saveChild(s, stageTable, sc, validateStageChange)
}

// validateStageChange is SaveStageChange's check (the import runs it too).
func validateStageChange(q querier, sc *StageChange) error {
	c := newCheck("stage")
	if err := projectRef(q, c, sc.ProjectID); err != nil {
		return err
	}
	c.oneOf("Stage", sc.Stage, Stages)
	c.date("Date", sc.Date)
	c.maxLen("Note", sc.Note, noteLen)
	if err := checkStageOrder(q, c, sc); err != nil {
		return err
	}
	return c.err()
}

// checkStageOrder fails Date when sc would put the project's stages out of date order: an earlier
// stage dated after it, or a later stage (终止 is the last) dated before it. The message names that
// stage and its date.
func checkStageOrder(q querier, c *check, sc *StageChange) error {
	i := slices.Index(Stages, sc.Stage)
	if i < 0 || sc.Date.IsZero() || c.failed("ProjectID") {
		return nil
	}
	others, err := stageTable.list(q, "project_id = ? AND id <> ?", "date, id", sc.ProjectID, sc.ID)
	if err != nil {
		return err
	}
	var before, after *StageChange
	for k := range others {
		o := &others[k]
		j := slices.Index(Stages, o.Stage)
		if j < i && o.Date.After(sc.Date) && (before == nil || o.Date.After(before.Date)) {
			before = o
		}
		if j > i && o.Date.Before(sc.Date) && (after == nil || o.Date.Before(after.Date)) {
			after = o
		}
	}
	switch {
	case before != nil:
		c.fail("Date", "before")
		c.For("Date").Msg = fmt.Sprintf("%s的日期（%s）早于已登记的前一阶段%s（%s）。阶段日期不能倒退：请填 %s 或以后的日期，或先改%s的日期",
			sc.Stage, sc.Date, before.Stage, before.Date, before.Date, before.Stage)
	case after != nil:
		c.fail("Date", "after")
		c.For("Date").Msg = fmt.Sprintf("%s的日期（%s）晚于已登记的后一阶段%s（%s）。阶段日期不能倒退：请填 %s 或以前的日期，或先改%s的日期",
			sc.Stage, sc.Date, after.Stage, after.Date, after.Date, after.Stage)
	}
	return nil
}

// DeleteStageChange soft-deletes a stage change (the previous stage becomes current again).
func (s *Store) DeleteStageChange(id int64) error { return deleteChild(s, stageTable, id) }

// RestoreStageChange undoes DeleteStageChange, unless a stage entered or moved meanwhile would then be out of date order.
func (s *Store) RestoreStageChange(id int64) error {
	return s.write(func(tx *Tx) error {
		sc, err := stageTable.load(tx, id, false)
		if err != nil {
			return err
		}
		c := newCheck("stage")
		if err := checkStageOrder(tx, c, sc); err != nil {
			return err
		}
		if err := c.err(); err != nil {
			return err
		}
		return stageTable.restore(tx, id)
	})
}

// Distribution is income from a project's asset paid out (收益分配): date, amount, to whom.
type Distribution struct {
	ID        int64
	UUID      string
	ProjectID int64
	Date      Date
	Amount    Money
	Recipient string // to whom or for what, e.g. 脱贫户分红
	Note      string
}

var distributionTable = table[Distribution]{
	name: "distributions",
	cols: []string{"project_id", "date", "amount", "recipient", "note"},
	fields: func(d *Distribution) []any {
		return []any{&d.ID, &d.UUID, &d.ProjectID, &d.Date, &d.Amount, &d.Recipient, &d.Note}
	},
}

// Distributions lists a project's income distributions by date.
func (s *Store) Distributions(projectID int64) ([]Distribution, error) {
	return distributionTable.list(s.db, "project_id = ?", "date, id", projectID)
}

// SaveDistribution inserts (ID 0) or updates an income distribution.
func (s *Store) SaveDistribution(d *Distribution) error {
	d.Recipient, d.Note = clean(d.Recipient), clean(d.Note)
	return saveChild(s, distributionTable, d, func(q querier, d *Distribution) error {
		c := newCheck("distribution")
		if err := projectRef(q, c, d.ProjectID); err != nil {
			return err
		}
		c.date("Date", d.Date)
		c.positive("Amount", d.Amount)
		c.required("Recipient", d.Recipient)
		c.maxLen("Recipient", d.Recipient, nameLen)
		c.maxLen("Note", d.Note, noteLen)
		return c.err()
	})
}

// DeleteDistribution soft-deletes a distribution.
func (s *Store) DeleteDistribution(id int64) error { return deleteChild(s, distributionTable, id) }

// RestoreDistribution undoes DeleteDistribution.
func (s *Store) RestoreDistribution(id int64) error { return restoreChild(s, distributionTable, id) }

// ProgressNote is a dated entry in a project's progress log (进展记录).
type ProgressNote struct {
	ID          int64
	UUID        string
	ProjectID   int64
	Date        Date
	Text        string
	Attachments int // number of live attachments (read only)
}

var noteTable = table[ProgressNote]{
	name: "progress_notes",
	cols: []string{"project_id", "date", "text"},
	fields: func(n *ProgressNote) []any {
		return []any{&n.ID, &n.UUID, &n.ProjectID, &n.Date, &n.Text}
	},
	more: func(q querier, n *ProgressNote) error {
		return q.QueryRow("SELECT count(*) FROM attachments WHERE note_id = ? AND deleted_at IS NULL", n.ID).Scan(&n.Attachments)
	},
}

// ProgressNotes lists a project's progress notes, newest first.
func (s *Store) ProgressNotes(projectID int64) ([]ProgressNote, error) {
	return noteTable.list(s.db, "project_id = ?", "date DESC, id DESC", projectID)
}

// SaveProgressNote inserts (ID 0) or updates a progress note.
func (s *Store) SaveProgressNote(n *ProgressNote) error {
	n.Text = clean(n.Text)
	return saveChild(s, noteTable, n, func(q querier, n *ProgressNote) error {
		c := newCheck("note")
		if err := projectRef(q, c, n.ProjectID); err != nil {
			return err
		}
		c.date("Date", n.Date)
		c.required("Text", n.Text)
		c.maxLen("Text", n.Text, noteLen)
		return c.err()
	})
}

// DeleteProgressNote soft-deletes a note (its photos are hidden with it).
func (s *Store) DeleteProgressNote(id int64) error { return deleteChild(s, noteTable, id) }

// RestoreProgressNote undoes DeleteProgressNote.
func (s *Store) RestoreProgressNote(id int64) error { return restoreChild(s, noteTable, id) }

// MaxAttachmentSize bounds one photo or file stored in the database.
const MaxAttachmentSize = 20 << 20

// Attachment is a photo or file attached to a progress note, stored inside the database.
// Lists leave Data empty; AttachmentData reads it.
type Attachment struct {
	ID       int64
	UUID     string
	NoteID   int64
	FileName string
	Mime     string
	Size     int64
	Data     []byte `json:"-"` // kept out of the audit log
}

var attachmentTable = table[Attachment]{
	name: "attachments",
	cols: []string{"note_id", "file_name", "mime", "size"},
	fields: func(a *Attachment) []any {
		return []any{&a.ID, &a.UUID, &a.NoteID, &a.FileName, &a.Mime, &a.Size}
	},
}

// Attachments lists a note's attachments without their bytes.
func (s *Store) Attachments(noteID int64) ([]Attachment, error) {
	return attachmentTable.list(s.db, "note_id = ?", "id", noteID)
}

// AttachmentData reads the bytes of a live attachment.
func (s *Store) AttachmentData(id int64) ([]byte, error) {
	return fileData(s.db, "attachments", id)
}

// AddAttachment stores a new attachment (a.Data holds the file) and fills its ID, UUID and Size.
func (s *Store) AddAttachment(a *Attachment) error {
	in := *a
	in.FileName, in.Mime, in.Size = clean(in.FileName), strings.TrimSpace(in.Mime), int64(len(in.Data))
	err := s.write(func(tx *Tx) error {
		c := newCheck("attachment")
		if ok, err := liveExists(tx, "progress_notes", in.NoteID); err != nil {
			return err
		} else if !ok {
			c.fail("NoteID", "missing")
		}
		c.file(in.FileName, in.Data)
		if err := c.err(); err != nil {
			return err
		}
		return attachmentTable.insert(tx, &in, column{"data", in.Data})
	})
	if err == nil {
		*a = in
	}
	return err
}

// DeleteAttachment soft-deletes an attachment.
func (s *Store) DeleteAttachment(id int64) error { return deleteChild(s, attachmentTable, id) }

// RestoreAttachment undoes DeleteAttachment.
func (s *Store) RestoreAttachment(id int64) error { return restoreChild(s, attachmentTable, id) }

// activeCond is the one definition of "a project active in period p", used by the project
// list's year filter and by the summary (docs/DATA.md says the same in words): the project is
// not deleted, it started in or before p's last year, and either it had not been finished
// (资产移交, 运营管护, 收益分配 or 终止) by the day p began, or a stage change or a
// disbursement of it is dated inside p. The project table's alias must be p.
func activeCond(per Period) (string, []any) {
	cond := `p.year_started <= ? AND (
		coalesce((SELECT sc.stage FROM stage_changes sc WHERE sc.project_id = p.id AND sc.deleted_at IS NULL AND sc.date < ?
			ORDER BY ` + stageLatestFirst("sc.") + ` LIMIT 1), '') NOT IN (?, ?, ?, ?)
		OR EXISTS (SELECT 1 FROM stage_changes sc WHERE sc.project_id = p.id AND sc.deleted_at IS NULL AND sc.date BETWEEN ? AND ?)
		OR EXISTS (SELECT 1 FROM disbursements d WHERE d.project_id = p.id AND d.deleted_at IS NULL AND d.date BETWEEN ? AND ?))`
	args := []any{per.To.Year(), per.From}
	for _, st := range finishedStages {
		args = append(args, st)
	}
	return cond, append(args, per.From, per.To, per.From, per.To)
}

// ProjectFilter narrows the project list. Year selects the projects active in that year
// (see activeCond) and shows their stage and disbursements as at the year's end.
type ProjectFilter struct {
	Year      int
	VillageID int64
	Stage     string // current stage ("" all; StageNone for projects without one)
	Type      string
	Search    string // in name, responsible person or implementing unit
	Sort      string // name, villages, type, stage, budget, disbursed, percent, households, year; "" newest first
	Desc      bool
}

// StageNone is how lists and the summary name a project without any stage recorded yet.
const StageNone = "未登记"

// ProjectRow is one line of the project list.
type ProjectRow struct {
	ID                  int64
	Name                string
	Villages            string // names joined with 、
	Type                string
	Stage               string // current stage, StageNone when none
	YearStarted         int
	Responsible         string
	Budget              Money // sum of funding lines
	Disbursed           Money
	Households          int
	HouseholdsPoor      int
	HouseholdsMonitored int
}

// DisbursedPercent is disbursed/budget in whole percent (0 without a budget).
func (r ProjectRow) DisbursedPercent() int {
	if r.Budget <= 0 {
		return 0
	}
	return int(r.Disbursed * 100 / r.Budget)
}

var projectSorts = map[string]string{
	"name": "name, id", "villages": "villages, id", "type": "type, id", "budget": "budget, id",
	"disbursed": "disbursed, id", "households": "households, id", "year": "year_started, id",
	"percent": "CASE WHEN budget > 0 THEN disbursed * 10000 / budget ELSE 0 END, id",
	"stage":   stageOrderSQL("stage") + ", id",
}

func stageOrderSQL(col string) string {
	var b strings.Builder
	b.WriteString("CASE " + col)
	for i, st := range Stages {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", st, i+1)
	}
	b.WriteString(" ELSE 0 END")
	return b.String()
}

// projectRowsCTE is "WITH r AS (…)" holding every project the filter's base conditions select,
// with its figures as at asOf; per (non-zero) restricts to projects active in per.
func projectRowsCTE(per Period, f ProjectFilter) (string, []any) {
	asOf := "9999-12-31"
	if !per.IsZero() {
		asOf = per.To.String()
	}
	var c conds
	c.add("p.deleted_at IS NULL")
	if !per.IsZero() {
		cond, a := activeCond(per)
		c.add(cond, a...)
	}
	if f.VillageID != 0 {
		c.add("EXISTS (SELECT 1 FROM project_villages pv WHERE pv.project_id = p.id AND pv.village_id = ?)", f.VillageID)
	}
	if f.Type != "" {
		c.add("p.type = ?", f.Type)
	}
	if q := clean(f.Search); q != "" {
		pat := likePattern(q)
		c.add(`(p.name LIKE ? ESCAPE '\' OR p.responsible LIKE ? ESCAPE '\' OR p.implementer LIKE ? ESCAPE '\')`, pat, pat, pat)
	}
	where, args := c.sql()
	// With a village, a 联建 project's money is the village's share of it.
	fJoin, fAmount, fArgs := projectAmount("fl", f.VillageID)
	dJoin, dAmount, dArgs := projectAmount("d", f.VillageID)
	cte := `WITH r AS (SELECT p.id, p.name, p.type, p.year_started, p.responsible, p.households, p.households_poor, p.households_monitored,
		coalesce((SELECT group_concat(v.name, '、' ORDER BY v.name) FROM project_villages pv JOIN villages v ON v.id = pv.village_id
			WHERE pv.project_id = p.id), '') AS villages,
		coalesce((SELECT sc.stage FROM stage_changes sc WHERE sc.project_id = p.id AND sc.deleted_at IS NULL AND sc.date <= ?
			ORDER BY ` + stageLatestFirst("sc.") + ` LIMIT 1), '` + StageNone + `') AS stage,
		coalesce((SELECT sum(` + fAmount + `) FROM funding_lines fl` + fJoin + ` WHERE fl.project_id = p.id AND fl.deleted_at IS NULL), 0) AS budget,
		coalesce((SELECT sum(` + dAmount + `) FROM disbursements d` + dJoin + ` WHERE d.project_id = p.id AND d.deleted_at IS NULL AND d.date <= ?), 0) AS disbursed
		FROM projects p WHERE ` + where + `)`
	all := append([]any{asOf}, fArgs...)
	all = append(append(all, dArgs...), asOf)
	return cte, append(all, args...)
}

func (f ProjectFilter) period() Period {
	if f.Year == 0 {
		return Period{}
	}
	return YearPeriod(f.Year)
}

func (f ProjectFilter) stageCond() (string, []any) {
	if f.Stage == "" {
		return "1", nil
	}
	return "stage = ?", []any{f.Stage}
}

// ListProjects reads one page of the project list.
func (s *Store) ListProjects(f ProjectFilter, offset, limit int) ([]ProjectRow, error) {
	cte, args := projectRowsCTE(f.period(), f)
	stage, sargs := f.stageCond()
	order := "year_started DESC, id DESC"
	if f.Sort != "" {
		order = sortSQL(f.Sort, f.Desc, projectSorts, "name, id")
	}
	limit, offset = pageArgs(offset, limit)
	args = append(append(args, sargs...), limit, offset)
	return queryRows(s.db, cte+` SELECT id, name, villages, type, stage, year_started, responsible, budget, disbursed,
		households, households_poor, households_monitored FROM r WHERE `+stage+` ORDER BY `+order+` LIMIT ? OFFSET ?`, args,
		func(rows *sql.Rows) (ProjectRow, error) {
			var r ProjectRow
			var budget, disbursed int64
			err := rows.Scan(&r.ID, &r.Name, &r.Villages, &r.Type, &r.Stage, &r.YearStarted, &r.Responsible, &budget, &disbursed,
				&r.Households, &r.HouseholdsPoor, &r.HouseholdsMonitored)
			r.Budget, r.Disbursed = Money(budget), Money(disbursed)
			return r, err
		})
}

// ProjectTotals is the totals row under the project list.
type ProjectTotals struct {
	Count               int
	Budget              Money
	Disbursed           Money
	Households          int
	HouseholdsPoor      int
	HouseholdsMonitored int
}

// ProjectTotals adds up every project the filter selects (all pages).
func (s *Store) ProjectTotals(f ProjectFilter) (ProjectTotals, error) {
	return s.projectTotals(f.period(), f)
}

func (s *Store) projectTotals(per Period, f ProjectFilter) (ProjectTotals, error) {
	cte, args := projectRowsCTE(per, f)
	stage, sargs := f.stageCond()
	var t ProjectTotals
	var budget, disbursed int64
	err := s.db.QueryRow(cte+` SELECT count(*), coalesce(sum(budget), 0), coalesce(sum(disbursed), 0), coalesce(sum(households), 0),
		coalesce(sum(households_poor), 0), coalesce(sum(households_monitored), 0) FROM r WHERE `+stage, append(args, sargs...)...).
		Scan(&t.Count, &budget, &disbursed, &t.Households, &t.HouseholdsPoor, &t.HouseholdsMonitored)
	t.Budget, t.Disbursed = Money(budget), Money(disbursed)
	return t, err
}

// projectsByStage counts the projects active in per by their stage at per's end.
func (s *Store) projectsByStage(per Period, villageID int64) (map[string]int, error) {
	cte, args := projectRowsCTE(per, ProjectFilter{VillageID: villageID})
	rows, err := s.db.Query(cte+" SELECT stage, count(*) FROM r GROUP BY stage", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var stage string
		var n int
		if err := rows.Scan(&stage, &n); err != nil {
			return nil, err
		}
		out[stage] = n
	}
	return out, rows.Err()
}

// ProjectMoney is the money side of one project's page.
type ProjectMoney struct {
	Budget      Money
	BySource    map[string]Money // funding by source (only sources present)
	Disbursed   Money
	Balance     Money // budget not yet disbursed
	Distributed Money // income distributed
	AssetIncome Money // collective income entries linked to the project
	Stage       string
	StageDate   Date
}

// ProjectMoney gathers a project's budget, disbursements, distributions and linked income.
func (s *Store) ProjectMoney(projectID int64) (*ProjectMoney, error) {
	m := &ProjectMoney{BySource: map[string]Money{}, Stage: StageNone}
	rows, err := s.db.Query(`SELECT source, sum(amount) FROM funding_lines WHERE project_id = ? AND deleted_at IS NULL GROUP BY source`, projectID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var src string
		var amount int64
		if err := rows.Scan(&src, &amount); err != nil {
			rows.Close()
			return nil, err
		}
		m.BySource[src] = Money(amount)
		m.Budget += Money(amount)
	}
	rows.Close()
	var disbursed, distributed, income int64
	err = s.db.QueryRow(`SELECT
		coalesce((SELECT sum(amount) FROM disbursements WHERE project_id = ?1 AND deleted_at IS NULL), 0),
		coalesce((SELECT sum(amount) FROM distributions WHERE project_id = ?1 AND deleted_at IS NULL), 0),
		coalesce((SELECT sum(amount) FROM collective_entries WHERE project_id = ?1 AND direction = 'income' AND deleted_at IS NULL), 0)`,
		projectID).Scan(&disbursed, &distributed, &income)
	if err != nil {
		return nil, err
	}
	m.Disbursed, m.Distributed, m.AssetIncome = Money(disbursed), Money(distributed), Money(income)
	m.Balance = m.Budget - m.Disbursed
	err = s.db.QueryRow(`SELECT stage, date FROM stage_changes WHERE project_id = ? AND deleted_at IS NULL
		ORDER BY `+stageLatestFirst("")+` LIMIT 1`, projectID).Scan(&m.Stage, &m.StageDate)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	return m, nil
}

// GetFundingLine returns a live funding line.
func (s *Store) GetFundingLine(id int64) (*FundingLine, error) {
	return fundingTable.load(s.db, id, true)
}

// GetDisbursement returns a live disbursement.
func (s *Store) GetDisbursement(id int64) (*Disbursement, error) {
	return disbursementTable.load(s.db, id, true)
}

// GetStageChange returns a live stage change.
func (s *Store) GetStageChange(id int64) (*StageChange, error) {
	return stageTable.load(s.db, id, true)
}

// GetDistribution returns a live income distribution.
func (s *Store) GetDistribution(id int64) (*Distribution, error) {
	return distributionTable.load(s.db, id, true)
}

// GetProgressNote returns a live progress note.
func (s *Store) GetProgressNote(id int64) (*ProgressNote, error) {
	return noteTable.load(s.db, id, true)
}

// GetAttachment returns a live attachment without its bytes (AttachmentData reads them).
func (s *Store) GetAttachment(id int64) (*Attachment, error) {
	return attachmentTable.load(s.db, id, true)
}
