package data

import (
	"database/sql"
	"fmt"
	"slices"
)

// DecisionKinds are the kinds of matter decided by 四议两公开.
var DecisionKinds = []string{"项目立项", "合同发包/租赁", "资产处置", "集体收益使用", "借贷/担保", "其他"}

// DecisionSources are where a motion came from (动议来源).
var DecisionSources = []string{"党员群众建议", "村干部提议", "上级安排"}

// The steps of 四议两公开, in order. The resolution is taken either by the 村民代表会议 or by the
// 村民会议: the two are one step.
const (
	StepPropose        = "党支部会提议"
	StepDiscuss        = "两委会商议"
	StepReview         = "党员大会审议"
	StepResolve        = "村民代表会议决议"
	StepResolveAll     = "村民会议决议"
	StepPublishResolve = "决议公开"
	StepPublishResult  = "实施结果公开"
)

// DecisionSteps lists the steps in the order a form offers them.
var DecisionSteps = []string{StepPropose, StepDiscuss, StepReview, StepResolve, StepResolveAll, StepPublishResolve, StepPublishResult}

// stepOrder is a step's place in the procedure (-1 unknown); the two resolutions share one place.
func stepOrder(step string) int {
	i := slices.Index(DecisionSteps, step)
	if i > slices.Index(DecisionSteps, StepResolve) {
		i--
	}
	return i
}

// IsMeeting reports whether a step is one of the four meetings (attendance and votes recorded).
func IsMeeting(step string) bool {
	return stepOrder(step) >= 0 && stepOrder(step) <= stepOrder(StepResolve)
}

// Decision is one 四议两公开 record: the matter, what it concerns, and where the motion came from.
type Decision struct {
	ID         int64
	UUID       string
	VillageID  int64
	Matter     string // 事项
	Kind       string // one of DecisionKinds
	ProjectID  int64  // the project it concerns; 0 none
	ContractID int64  // the contract it concerns; 0 none
	AssetID    int64  // the asset it concerns; 0 none
	Source     string // 动议来源, one of DecisionSources
	Amount     Money  // 涉及金额
	Merged     bool   // 一肩挑: 提议 and 商议 taken in one meeting (no 两委会商议 step)
	Note       string
}

var decisionTable = table[Decision]{
	name: "decisions",
	cols: []string{"village_id", "matter", "kind", "project_id", "contract_id", "asset_id", "source", "amount", "merged", "note"},
	fields: func(d *Decision) []any {
		return []any{&d.ID, &d.UUID, &d.VillageID, &d.Matter, &d.Kind, nullableID{&d.ProjectID}, nullableID{&d.ContractID},
			nullableID{&d.AssetID}, &d.Source, &d.Amount, &d.Merged, &d.Note}
	},
}

// DecisionStep is one step of a decision: for a meeting its attendance, votes and what it decided;
// for a 公开 step where it was posted (Place), for how many days and the feedback.
type DecisionStep struct {
	ID                int64
	UUID              string
	DecisionID        int64
	Step              string // one of DecisionSteps
	Date              Date   // the meeting's day, or the day posted
	Form              string // 形式: 会议, 公开栏, 微信群 …
	Place             string // 地点, or where it was posted
	Expected          int    // 应到
	Present           int    // 实到
	Households        int    // 村民会议: households of the village
	HouseholdsPresent int    // 村民会议: households represented
	For               int    // 同意
	Against           int    // 反对
	Abstain           int    // 弃权
	Content           string // what was decided
	Days              int    // 公开 days
	Feedback          string // 反馈意见
}

var decisionStepTable = table[DecisionStep]{
	name: "decision_steps",
	cols: []string{"decision_id", "step", "date", "form", "place", "expected", "present", "households", "households_present",
		"votes_for", "votes_against", "votes_abstain", "content", "days", "feedback"},
	fields: func(s *DecisionStep) []any {
		return []any{&s.ID, &s.UUID, &s.DecisionID, &s.Step, &s.Date, &s.Form, &s.Place, &s.Expected, &s.Present, &s.Households,
			&s.HouseholdsPresent, &s.For, &s.Against, &s.Abstain, &s.Content, &s.Days, &s.Feedback}
	},
}

// maxCount bounds head counts and days typed into a step.
const maxCount = 1000000

func cleanDecision(d *Decision) { d.Matter, d.Note = clean(d.Matter), clean(d.Note) }

func validateDecision(q querier, d *Decision) error {
	c := newCheck("decision")
	if err := c.ref(q, "VillageID", "villages", d.VillageID, true); err != nil {
		return err
	}
	c.required("Matter", d.Matter)
	c.maxLen("Matter", d.Matter, nameLen)
	c.oneOf("Kind", d.Kind, DecisionKinds)
	for _, l := range []struct {
		field, table string
		id           int64
	}{{"ProjectID", "projects", d.ProjectID}, {"ContractID", "contracts", d.ContractID}, {"AssetID", "assets", d.AssetID}} {
		if err := keptOrLive(q, c, d.ID, l.field, l.table, l.id); err != nil {
			return err
		}
	}
	c.oneOf("Source", d.Source, DecisionSources)
	c.amount("Amount", d.Amount)
	c.maxLen("Note", d.Note, noteLen)
	if d.Merged && d.ID != 0 {
		n, err := queryCount(q, "SELECT count(*) FROM decision_steps WHERE decision_id = ? AND step = ? AND deleted_at IS NULL", d.ID, StepDiscuss)
		if err != nil {
			return err
		}
		if n > 0 {
			c.fail("Merged", "steps")
		}
	}
	return c.err()
}

// keptOrLive checks an optional link of a decision: a link the saved decision already has is kept
// when its record was deleted since (undo finds it as it was); a new link needs a live record.
func keptOrLive(q querier, c *check, id int64, field, table string, ref int64) error {
	return keptOrLiveRef(q, c, "decisions", id, field, table, ref)
}

// keptOrLiveRef is keptOrLive for a row of any table (own) with an optional link field to table.
func keptOrLiveRef(q querier, c *check, own string, id int64, field, table string, ref int64) error {
	if ref != 0 && id != 0 {
		n, err := queryCount(q, "SELECT count(*) FROM "+own+" WHERE id = ? AND "+snake(field)+" = ?", id, ref)
		if err != nil || n > 0 {
			return err
		}
	}
	return c.ref(q, field, table, ref, false)
}

// GetDecision returns a live decision.
func (s *Store) GetDecision(id int64) (*Decision, error) { return decisionTable.load(s.db, id, true) }

// CheckDecision runs SaveDecision's validation without saving.
func (s *Store) CheckDecision(d *Decision) error {
	in := *d
	cleanDecision(&in)
	return validateDecision(s.db, &in)
}

// SaveDecision inserts (ID 0) or updates a decision record.
func (s *Store) SaveDecision(d *Decision) error {
	cleanDecision(d)
	return saveChild(s, decisionTable, d, validateDecision)
}

// DeleteDecision soft-deletes a decision; its steps stay with it for RestoreDecision.
func (s *Store) DeleteDecision(id int64) error { return deleteChild(s, decisionTable, id) }

// RestoreDecision undoes DeleteDecision.
func (s *Store) RestoreDecision(id int64) error { return restoreChild(s, decisionTable, id) }

func cleanStep(st *DecisionStep) {
	st.Form, st.Place, st.Content, st.Feedback = clean(st.Form), clean(st.Place), clean(st.Content), clean(st.Feedback)
}

func validateStep(q querier, st *DecisionStep) error {
	c := newCheck("decision_step")
	if err := c.ref(q, "DecisionID", "decisions", st.DecisionID, true); err != nil {
		return err
	}
	c.oneOf("Step", st.Step, DecisionSteps)
	c.date("Date", st.Date)
	c.maxLen("Form", st.Form, nameLen)
	c.maxLen("Place", st.Place, nameLen)
	for _, n := range []struct {
		field string
		v     int
	}{{"Expected", st.Expected}, {"Present", st.Present}, {"Households", st.Households}, {"HouseholdsPresent", st.HouseholdsPresent},
		{"For", st.For}, {"Against", st.Against}, {"Abstain", st.Abstain}, {"Days", st.Days}} {
		c.between(n.field, n.v, 0, maxCount)
	}
	if !c.failed("Present") && st.Expected > 0 && st.Present > st.Expected {
		c.fail("Present", "exceeds")
	}
	if !c.failed("HouseholdsPresent") && st.Households > 0 && st.HouseholdsPresent > st.Households {
		c.fail("HouseholdsPresent", "exceeds")
	}
	if !c.failed("For") && st.For+st.Against+st.Abstain > st.Present {
		c.fail("For", "exceeds")
	}
	c.maxLen("Content", st.Content, noteLen)
	c.maxLen("Feedback", st.Feedback, noteLen)
	if err := checkStepOrder(q, c, st); err != nil {
		return err
	}
	return c.err()
}

// checkStepOrder keeps a decision's steps in the order of the procedure: one entry per step, the
// step before it recorded first (with 一肩挑 the 提议 stands for the 商议 too), and no date going
// backwards. The message names the step and date in the way.
func checkStepOrder(q querier, c *check, st *DecisionStep) error {
	i := stepOrder(st.Step)
	if i < 0 || c.failed("DecisionID") {
		return nil
	}
	d, err := decisionTable.load(q, st.DecisionID, false)
	if err != nil {
		return err
	}
	if d.Merged && st.Step == StepDiscuss {
		c.fail("Step", "merged")
		return nil
	}
	others, err := decisionStepTable.list(q, "decision_id = ? AND id <> ?", "date, id", st.DecisionID, st.ID)
	if err != nil {
		return err
	}
	prev := i - 1
	if d.Merged && prev == stepOrder(StepDiscuss) {
		prev--
	}
	var before, after *DecisionStep
	havePrev := prev < 0
	for k := range others {
		o := &others[k]
		j := stepOrder(o.Step)
		switch {
		case j == i:
			c.fail("Step", "duplicate")
			c.For("Step").Msg = fmt.Sprintf("这项决策已经登记了“%s”（%s），每个步骤只登记一次：请修改那一条", o.Step, o.Date)
			return nil
		case j == prev:
			havePrev = true
		}
		if j < i && o.Date.After(st.Date) && (before == nil || o.Date.After(before.Date)) {
			before = o
		}
		if j > i && o.Date.Before(st.Date) && (after == nil || o.Date.Before(after.Date)) {
			after = o
		}
	}
	if !havePrev {
		c.fail("Step", "order")
		c.For("Step").Msg = fmt.Sprintf("“%s”之前要先登记“%s”，四议两公开的步骤按顺序进行", st.Step, stepName(prev))
		return nil
	}
	if st.Date.IsZero() {
		return nil
	}
	switch {
	case before != nil:
		c.fail("Date", "before")
		c.For("Date").Msg = fmt.Sprintf("“%s”的日期（%s）早于前一步“%s”（%s）。步骤日期不能倒退：请填 %s 或以后的日期，或先改“%s”的日期",
			st.Step, st.Date, before.Step, before.Date, before.Date, before.Step)
	case after != nil:
		c.fail("Date", "after")
		c.For("Date").Msg = fmt.Sprintf("“%s”的日期（%s）晚于后一步“%s”（%s）。步骤日期不能倒退：请填 %s 或以前的日期，或先改“%s”的日期",
			st.Step, st.Date, after.Step, after.Date, after.Date, after.Step)
	}
	return nil
}

// stepName names the step at place i; the resolution place is named by both meetings.
func stepName(i int) string {
	if i == stepOrder(StepResolve) {
		return StepResolve + "或" + StepResolveAll
	}
	for _, s := range DecisionSteps {
		if stepOrder(s) == i {
			return s
		}
	}
	return ""
}

// CheckDecisionStep runs SaveDecisionStep's validation without saving.
func (s *Store) CheckDecisionStep(st *DecisionStep) error {
	in := *st
	cleanStep(&in)
	return validateStep(s.db, &in)
}

// SaveDecisionStep inserts (ID 0) or updates one step of a decision.
func (s *Store) SaveDecisionStep(st *DecisionStep) error {
	cleanStep(st)
	return saveChild(s, decisionStepTable, st, validateStep)
}

// DeleteDecisionStep soft-deletes a step, unless a later step follows it (delete from the end).
func (s *Store) DeleteDecisionStep(id int64) error {
	return s.write(func(tx *Tx) error {
		st, err := decisionStepTable.load(tx, id, true)
		if err != nil {
			return err
		}
		others, err := decisionStepTable.list(tx, "decision_id = ? AND id <> ?", "id", st.DecisionID, id)
		if err != nil {
			return err
		}
		for _, o := range others {
			if stepOrder(o.Step) > stepOrder(st.Step) {
				c := newCheck("decision_step")
				c.fail("", "inuse")
				c.For("").Msg = fmt.Sprintf("“%s”之后还登记了“%s”，请先删除后面的步骤", st.Step, o.Step)
				return c.err()
			}
		}
		return decisionStepTable.delete(tx, id)
	})
}

// RestoreDecisionStep undoes DeleteDecisionStep, unless a step entered or moved meanwhile would
// then be out of order.
func (s *Store) RestoreDecisionStep(id int64) error {
	return s.write(func(tx *Tx) error {
		st, err := decisionStepTable.load(tx, id, false)
		if err != nil {
			return err
		}
		if err := validateStep(tx, st); err != nil {
			return err
		}
		return decisionStepTable.restore(tx, id)
	})
}

// DecisionStepsOf lists a decision's live steps in the order of the procedure.
func (s *Store) DecisionStepsOf(decisionID int64) ([]DecisionStep, error) {
	steps, err := decisionStepTable.list(s.db, "decision_id = ?", "date, id", decisionID)
	slices.SortStableFunc(steps, func(a, b DecisionStep) int { return stepOrder(a.Step) - stepOrder(b.Step) })
	return steps, err
}

// PastPublicity reports whether a project at stage has moved past 公示: by then a 四议两公开
// decision should have approved it (a project stopped early, 终止, is not held to it).
func PastPublicity(stage string) bool {
	i := slices.Index(Stages, stage)
	return i > slices.Index(Stages, StagePublicity) && stage != StageTerminated
}

// DecisionOfProject is the latest live decision about a project; nil when there is none.
func (s *Store) DecisionOfProject(projectID int64) (*Decision, error) {
	return latest(decisionTable.list(s.db, "project_id = ?", "id DESC", projectID))
}

// DecisionOfContract is the live decision a contract names (Contract.DecisionID), else the latest
// live decision about it; nil when there is none (a contract signed without a decision).
func (s *Store) DecisionOfContract(contractID int64) (*Decision, error) {
	const named = "(SELECT decision_id FROM contracts WHERE id = ?1)"
	return latest(decisionTable.list(s.db, "contract_id = ?1 OR id = "+named, "id = "+named+" DESC, id DESC", contractID))
}

// latest is the first of a list read newest first; nil when it is empty.
func latest(ds []Decision, err error) (*Decision, error) {
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	return &ds[0], nil
}

// DecisionFilter narrows the list of decisions. Zero fields do not filter.
type DecisionFilter struct {
	VillageID  int64
	Kind       string
	ProjectID  int64
	ContractID int64
	AssetID    int64
	PublicFrom Date // with PublicTo: only decisions with a 公开 step dated in the period (the 村务公开表)
	PublicTo   Date
	Search     string // in the matter or the note
}

// DecisionRow is a decision with what the list shows.
type DecisionRow struct {
	Decision
	Village  string
	Steps    int       // live steps recorded
	LastStep string    // the furthest step recorded ("" none)
	LastDate Date      // its date
	Failed   []Finding // the rules its steps do not meet, or cannot be checked against (StepFindings)
}

func (f DecisionFilter) where() (string, []any) {
	var c conds
	c.add("d.deleted_at IS NULL")
	for _, l := range []struct {
		col string
		id  int64
	}{{"d.village_id", f.VillageID}, {"d.project_id", f.ProjectID}, {"d.contract_id", f.ContractID}, {"d.asset_id", f.AssetID}} {
		if l.id != 0 {
			c.add(l.col+" = ?", l.id)
		}
	}
	if f.Kind != "" {
		c.add("d.kind = ?", f.Kind)
	}
	if !f.PublicFrom.IsZero() || !f.PublicTo.IsZero() {
		to := f.PublicTo.String()
		if f.PublicTo.IsZero() {
			to = "9999-12-31"
		}
		c.add(`EXISTS (SELECT 1 FROM decision_steps p WHERE p.decision_id = d.id AND p.deleted_at IS NULL
			AND p.step IN (?, ?) AND p.date BETWEEN ? AND ?)`, StepPublishResolve, StepPublishResult, f.PublicFrom.String(), to)
	}
	if f.Search != "" {
		p := likePattern(f.Search)
		c.add(`(d.matter LIKE ? ESCAPE '\' OR d.note LIKE ? ESCAPE '\')`, p, p)
	}
	return c.sql()
}

// ListDecisions reads one page of decisions, newest first.
func (s *Store) ListDecisions(f DecisionFilter, offset, limit int) ([]DecisionRow, error) {
	where, args := f.where()
	limit, offset = pageArgs(offset, limit)
	q := `SELECT d.id, d.uuid, d.village_id, d.matter, d.kind, d.project_id, d.contract_id, d.asset_id, d.source, d.amount,
		d.merged, d.note, v.name,
		(SELECT count(*) FROM decision_steps s WHERE s.decision_id = d.id AND s.deleted_at IS NULL)
		FROM decisions d JOIN villages v ON v.id = d.village_id WHERE ` + where + ` ORDER BY d.id DESC LIMIT ? OFFSET ?`
	rows, err := queryRows(s.db, q, append(args, limit, offset), func(rows *sql.Rows) (DecisionRow, error) {
		var r DecisionRow
		err := rows.Scan(append(decisionTable.fields(&r.Decision), &r.Village, &r.Steps)...)
		return r, err
	})
	if err != nil {
		return nil, err
	}
	for i := range rows {
		steps, err := s.DecisionStepsOf(rows[i].ID)
		if err != nil {
			return nil, err
		}
		if n := len(steps); n > 0 {
			rows[i].LastStep, rows[i].LastDate = steps[n-1].Step, steps[n-1].Date
		}
		for _, st := range steps {
			for _, f := range StepFindings(st) {
				if !f.OK {
					rows[i].Failed = append(rows[i].Failed, f)
				}
			}
		}
	}
	return rows, nil
}

// CountDecisions counts the decisions ListDecisions pages through.
func (s *Store) CountDecisions(f DecisionFilter) (int, error) {
	where, args := f.where()
	return queryCount(s.db, "SELECT count(*) FROM decisions d WHERE "+where, args...)
}

// Rules a meeting is held to (村级组织工作规则), shown on the record and not enforced.
const (
	RuleQuorum   = "quorum"   // attendance: two thirds of members or representatives; 村民会议 see RuleVillagers
	RuleMajority = "majority" // a resolution passes with more than half of those present
	RuleMissing  = "missing"  // attendance or votes not recorded, so the rule cannot be checked
)

// Finding is one rule checked on a step.
type Finding struct {
	StepID int64
	Step   string
	Rule   string // RuleQuorum, RuleMajority or RuleMissing
	OK     bool
	Msg    string // Chinese, with the numbers
}

// StepFindings checks a step against the rules: quorum for the 党员大会 and the 村民代表会议 (at least
// two thirds present) and the 村民会议 (more than half of adult villagers, or two thirds of
// households), and for every meeting a majority of those present voting for.
func StepFindings(st DecisionStep) []Finding {
	if !IsMeeting(st.Step) {
		return nil
	}
	f := func(rule string, ok bool, msg string, args ...any) Finding {
		return Finding{StepID: st.ID, Step: st.Step, Rule: rule, OK: ok, Msg: fmt.Sprintf(msg, args...)}
	}
	var out []Finding
	switch st.Step {
	case StepReview, StepResolve:
		who := map[string]string{StepReview: "党员", StepResolve: "村民代表"}[st.Step]
		if st.Expected <= 0 {
			out = append(out, f(RuleMissing, false, "%s没有登记应到人数，无法核对是否达到三分之二", st.Step))
		} else {
			ok := 3*st.Present >= 2*st.Expected
			out = append(out, f(RuleQuorum, ok, "应到%s%d人，实到%d人，%s三分之二", who, st.Expected, st.Present, reached(ok)))
		}
	case StepResolveAll:
		switch {
		case st.Expected <= 0 && st.Households <= 0:
			out = append(out, f(RuleMissing, false, "%s没有登记应到人数或户数，无法核对到会人数", st.Step))
		case st.Expected > 0 && 2*st.Present > st.Expected:
			out = append(out, f(RuleQuorum, true, "应到十八周岁以上村民%d人，实到%d人，超过半数", st.Expected, st.Present))
		case st.Households > 0 && 3*st.HouseholdsPresent >= 2*st.Households:
			out = append(out, f(RuleQuorum, true, "全村%d户，到会%d户的代表，达到三分之二", st.Households, st.HouseholdsPresent))
		default:
			out = append(out, f(RuleQuorum, false, "到会村民%d人（应到%d人），%d户（共%d户）：既未超过半数村民，也未达到三分之二户数",
				st.Present, st.Expected, st.HouseholdsPresent, st.Households))
		}
	}
	if st.For+st.Against+st.Abstain == 0 || st.Present <= 0 {
		out = append(out, f(RuleMissing, false, "%s没有登记实到人数和表决结果，无法核对是否通过", st.Step))
	} else {
		ok := 2*st.For > st.Present
		verdict := "超过实到人数的一半，通过"
		if !ok {
			verdict = "未超过实到人数的一半，未通过"
		}
		out = append(out, f(RuleMajority, ok, "实到%d人，同意%d票、反对%d票、弃权%d票，同意票%s", st.Present, st.For, st.Against, st.Abstain, verdict))
	}
	return out
}

func reached(ok bool) string {
	if ok {
		return "达到"
	}
	return "未达到"
}

// DecisionFindings checks every live step of a decision against the rules (StepFindings), in order.
func (s *Store) DecisionFindings(decisionID int64) ([]Finding, error) {
	steps, err := s.DecisionStepsOf(decisionID)
	var out []Finding
	for _, st := range steps {
		out = append(out, StepFindings(st)...)
	}
	return out, err
}
