package data

import (
	"strings"
	"testing"
)

func validDecision(f *ledgerFixture) Decision {
	return Decision{VillageID: f.village.ID, Matter: "东洼机动地发包", Kind: "合同发包/租赁", Source: "村干部提议", Amount: 9_600_000}
}

func meeting(decisionID int64, step, date string, expected, present, votesFor int) DecisionStep {
	return DecisionStep{DecisionID: decisionID, Step: step, Date: day(date), Form: "会议", Place: "村委会议室",
		Expected: expected, Present: present, For: votesFor}
}

func auditCount(t *testing.T, s *Store, table string, id int64, action string) int64 {
	t.Helper()
	return countRows(t, s, "SELECT count(*) FROM audit_log WHERE tbl = ? AND row_id = ? AND action = ?", table, id, action)
}

// A decision and its steps are saved, deleted and restored with an audit row each, and Verify
// agrees with the audit afterwards.
func TestDecisionSaveDeleteRestoreAudited(t *testing.T) {
	f := newLedgerFixture(t)
	c := validContract(f)
	noErr(t, f.s.SaveContract(&c))
	d := validDecision(f)
	d.ContractID = c.ID
	noErr(t, f.s.SaveDecision(&d))
	if d.ID == 0 || d.UUID == "" {
		t.Fatal("no id or uuid")
	}
	st := meeting(d.ID, StepPropose, "2024-01-02", 5, 5, 5)
	noErr(t, f.s.SaveDecisionStep(&st))
	d.Amount = 10_000_000
	noErr(t, f.s.SaveDecision(&d))
	got, err := f.s.GetDecision(d.ID)
	noErr(t, err)
	if got.Amount != 10_000_000 || got.ContractID != c.ID || got.ProjectID != 0 {
		t.Fatalf("read back %+v", got)
	}
	if of, err := f.s.DecisionOfContract(c.ID); err != nil || of == nil || of.ID != d.ID {
		t.Fatalf("DecisionOfContract = %v, %v", of, err)
	}

	noErr(t, f.s.DeleteDecisionStep(st.ID))
	noErr(t, f.s.DeleteDecision(d.ID))
	if _, err := f.s.GetDecision(d.ID); err != ErrNotFound {
		t.Fatalf("deleted decision read: %v", err)
	}
	if of, err := f.s.DecisionOfContract(c.ID); err != nil || of != nil {
		t.Fatalf("a deleted decision still approves the contract: %v, %v", of, err)
	}
	if n, _ := f.s.CountDecisions(DecisionFilter{}); n != 0 {
		t.Fatalf("count after delete %d", n)
	}
	verifyOK(t, f.s)
	noErr(t, f.s.RestoreDecision(d.ID))
	noErr(t, f.s.RestoreDecisionStep(st.ID))
	for _, a := range []struct {
		table  string
		id     int64
		action string
		want   int64
	}{{"decisions", d.ID, "insert", 1}, {"decisions", d.ID, "update", 1}, {"decisions", d.ID, "delete", 1}, {"decisions", d.ID, "restore", 1},
		{"decision_steps", st.ID, "insert", 1}, {"decision_steps", st.ID, "delete", 1}, {"decision_steps", st.ID, "restore", 1}} {
		if n := auditCount(t, f.s, a.table, a.id, a.action); n != a.want {
			t.Errorf("%s %d %s: %d audit rows, want %d", a.table, a.id, a.action, n, a.want)
		}
	}
	rows, err := f.s.ListDecisions(DecisionFilter{ContractID: c.ID}, 0, 10)
	noErr(t, err)
	if len(rows) != 1 || rows[0].Village != "东泉村" || rows[0].Steps != 1 || rows[0].LastStep != StepPropose {
		t.Fatalf("rows %+v", rows)
	}
	hist, err := f.s.RecordHistory("decisions", d.ID)
	noErr(t, err)
	if len(hist) != 7 || hist[len(hist)-1].What.Text != "四议两公开" {
		t.Fatalf("history of the decision: %d entries %+v", len(hist), hist)
	}
	verifyOK(t, f.s)
	if _, err := f.s.db.Exec("UPDATE decision_steps SET votes_for = 4 WHERE id = ?", st.ID); err != nil {
		t.Fatal(err)
	}
	if r, err := f.s.Verify(t.Context()); err != nil || r.OK() {
		t.Fatalf("Verify missed an edit of a decision step: %+v %v", r, err)
	}
}

func TestDecisionValidation(t *testing.T) {
	f := newLedgerFixture(t)
	cases := []struct {
		name       string
		edit       func(d *Decision)
		field, key string
	}{
		{"village", func(d *Decision) { d.VillageID = 0 }, "VillageID", "err.decision.village_id.required"},
		{"matter", func(d *Decision) { d.Matter = " " }, "Matter", "err.decision.matter.required"},
		{"matter long", func(d *Decision) { d.Matter = long(61) }, "Matter", "err.decision.matter.long"},
		{"kind", func(d *Decision) { d.Kind = "买卖" }, "Kind", "err.decision.kind.invalid"},
		{"source", func(d *Decision) { d.Source = "" }, "Source", "err.decision.source.invalid"},
		{"project", func(d *Decision) { d.ProjectID = 99 }, "ProjectID", "err.decision.project_id.missing"},
		{"contract", func(d *Decision) { d.ContractID = 99 }, "ContractID", "err.decision.contract_id.missing"},
		{"asset", func(d *Decision) { d.AssetID = 99 }, "AssetID", "err.decision.asset_id.missing"},
		{"amount", func(d *Decision) { d.Amount = -1 }, "Amount", "err.decision.amount.negative"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := validDecision(f)
			tc.edit(&d)
			wantProblem(t, f.s.CheckDecision(&d), tc.field, tc.key)
			wantProblem(t, f.s.SaveDecision(&d), tc.field, tc.key)
		})
	}
}

// Steps go in the order of the procedure, one entry each, dates never going backwards; with 一肩挑
// the 提议 stands for the 商议.
func TestDecisionStepOrder(t *testing.T) {
	f := newLedgerFixture(t)
	d := validDecision(f)
	noErr(t, f.s.SaveDecision(&d))

	review := meeting(d.ID, StepReview, "2024-01-10", 30, 25, 20)
	wantProblem(t, f.s.SaveDecisionStep(&review), "Step", "err.decision_step.step.order")
	propose := meeting(d.ID, StepPropose, "2024-01-05", 5, 5, 5)
	noErr(t, f.s.SaveDecisionStep(&propose))
	again := meeting(d.ID, StepPropose, "2024-01-06", 5, 5, 5)
	wantProblem(t, f.s.SaveDecisionStep(&again), "Step", "err.decision_step.step.duplicate")

	discuss := meeting(d.ID, StepDiscuss, "2024-01-04", 9, 9, 9)
	err := f.s.SaveDecisionStep(&discuss)
	wantProblem(t, err, "Date", "err.decision_step.date.before")
	if msg := problemFor(t, err, "Date").Msg; !strings.Contains(msg, "党支部会提议") || !strings.Contains(msg, "2024-01-05") {
		t.Fatalf("message does not name the step in the way: %s", msg)
	}
	discuss.Date = day("2024-01-05") // the same day is not backwards
	noErr(t, f.s.SaveDecisionStep(&discuss))
	propose.Date = day("2024-01-06")
	wantProblem(t, f.s.SaveDecisionStep(&propose), "Date", "err.decision_step.date.after")

	// the two resolutions are one step
	resolve := meeting(d.ID, StepResolveAll, "2024-01-20", 800, 500, 400)
	wantProblem(t, f.s.SaveDecisionStep(&resolve), "Step", "err.decision_step.step.order")
	noErr(t, f.s.SaveDecisionStep(&review))
	noErr(t, f.s.SaveDecisionStep(&resolve))
	other := meeting(d.ID, StepResolve, "2024-01-21", 40, 35, 30)
	wantProblem(t, f.s.SaveDecisionStep(&other), "Step", "err.decision_step.step.duplicate")

	// delete from the end only; a restored step is checked again
	wantProblem(t, f.s.DeleteDecisionStep(review.ID), "", "err.decision_step.inuse")
	noErr(t, f.s.DeleteDecisionStep(resolve.ID))
	noErr(t, f.s.DeleteDecisionStep(review.ID))
	review2 := meeting(d.ID, StepReview, "2024-01-25", 30, 25, 20)
	noErr(t, f.s.SaveDecisionStep(&review2))
	wantProblem(t, f.s.RestoreDecisionStep(review.ID), "Step", "err.decision_step.step.duplicate")

	steps, err := f.s.DecisionStepsOf(d.ID)
	noErr(t, err)
	var names []string
	for _, s := range steps {
		names = append(names, s.Step)
	}
	if got := strings.Join(names, ","); got != "党支部会提议,两委会商议,党员大会审议" {
		t.Fatalf("steps %s", got)
	}

	// 一肩挑: no separate 商议, and 审议 follows the 提议
	m := validDecision(f)
	m.Merged = true
	noErr(t, f.s.SaveDecision(&m))
	p := meeting(m.ID, StepPropose, "2024-02-01", 5, 5, 5)
	noErr(t, f.s.SaveDecisionStep(&p))
	disc := meeting(m.ID, StepDiscuss, "2024-02-01", 9, 9, 9)
	wantProblem(t, f.s.SaveDecisionStep(&disc), "Step", "err.decision_step.step.merged")
	r := meeting(m.ID, StepReview, "2024-02-03", 30, 20, 20)
	noErr(t, f.s.SaveDecisionStep(&r))
	d.Merged = true // d has a 商议 step
	wantProblem(t, f.s.SaveDecision(&d), "Merged", "err.decision.merged.steps")

	bad := meeting(m.ID, StepResolve, "2024-02-05", 40, 41, 30)
	bad.Abstain = 20
	err = f.s.SaveDecisionStep(&bad)
	wantProblem(t, err, "Present", "err.decision_step.present.exceeds")
	bad.Present = 40
	wantProblem(t, f.s.SaveDecisionStep(&bad), "For", "err.decision_step.for.exceeds")
}

func ruleOf(t *testing.T, fs []Finding, rule string) Finding {
	t.Helper()
	for _, f := range fs {
		if f.Rule == rule {
			return f
		}
	}
	t.Fatalf("no %s finding in %+v", rule, fs)
	return Finding{}
}

// The rules at their boundaries: exactly two thirds present is a quorum, one fewer is not; a tie
// does not pass, one vote more does; 村民会议 by adults (more than half) or households (two thirds).
func TestDecisionRulesAtBoundaries(t *testing.T) {
	cases := []struct {
		name string
		st   DecisionStep
		rule string
		ok   bool
	}{
		{"党员大会 exactly 2/3", DecisionStep{Step: StepReview, Expected: 30, Present: 20, For: 11}, RuleQuorum, true},
		{"党员大会 one short of 2/3", DecisionStep{Step: StepReview, Expected: 30, Present: 19, For: 19}, RuleQuorum, false},
		{"党员大会 2/3 of an odd number", DecisionStep{Step: StepReview, Expected: 31, Present: 21, For: 21}, RuleQuorum, true},
		{"党员大会 20 of 31", DecisionStep{Step: StepReview, Expected: 31, Present: 20, For: 20}, RuleQuorum, false},
		{"代表会议 exactly 2/3", DecisionStep{Step: StepResolve, Expected: 45, Present: 30, For: 16}, RuleQuorum, true},
		{"代表会议 short", DecisionStep{Step: StepResolve, Expected: 45, Present: 29, For: 29}, RuleQuorum, false},
		{"tie", DecisionStep{Step: StepResolve, Expected: 45, Present: 30, For: 15, Against: 15}, RuleMajority, false},
		{"half with abstentions", DecisionStep{Step: StepResolve, Expected: 45, Present: 30, For: 15, Abstain: 15}, RuleMajority, false},
		{"one more than half", DecisionStep{Step: StepResolve, Expected: 45, Present: 30, For: 16, Against: 14}, RuleMajority, true},
		{"odd present, just over half", DecisionStep{Step: StepReview, Expected: 21, Present: 21, For: 11, Against: 10}, RuleMajority, true},
		{"党支部会 majority too", DecisionStep{Step: StepPropose, Expected: 5, Present: 4, For: 2, Against: 2}, RuleMajority, false},
		{"村民会议 exactly half of adults", DecisionStep{Step: StepResolveAll, Expected: 800, Present: 400, For: 400}, RuleQuorum, false},
		{"村民会议 one over half", DecisionStep{Step: StepResolveAll, Expected: 800, Present: 401, For: 401}, RuleQuorum, true},
		{"村民会议 2/3 of households", DecisionStep{Step: StepResolveAll, Expected: 800, Present: 300, Households: 300, HouseholdsPresent: 200, For: 200},
			RuleQuorum, true},
		{"村民会议 households short", DecisionStep{Step: StepResolveAll, Expected: 800, Present: 300, Households: 300, HouseholdsPresent: 199, For: 200},
			RuleQuorum, false},
		{"attendance not recorded", DecisionStep{Step: StepReview, Present: 10, For: 10}, RuleMissing, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := ruleOf(t, StepFindings(tc.st), tc.rule)
			if got.OK != tc.ok || got.Msg == "" {
				t.Fatalf("%s: ok %v, want %v (%s)", tc.rule, got.OK, tc.ok, got.Msg)
			}
		})
	}
	if fs := StepFindings(DecisionStep{Step: StepPublishResolve, Days: 7}); len(fs) != 0 {
		t.Fatalf("a 公开 step has no meeting rules: %+v", fs)
	}
	if fs := StepFindings(DecisionStep{Step: StepPropose, Expected: 5, Present: 5, For: 5}); len(fs) != 1 {
		t.Fatalf("a 党支部会 has no quorum rule: %+v", fs)
	}
}

// A decision whose meeting lacked a quorum is saved (the rules are shown, not enforced) and its
// findings mark the failure; the 村务公开表 filter finds decisions by their 公开 date; a project
// finds its decision.
func TestDecisionFindingsAndQueries(t *testing.T) {
	f := newLedgerFixture(t)
	p := validProject(f)
	noErr(t, f.s.SaveProject(&p))
	d := validDecision(f)
	d.Kind, d.ProjectID, d.Merged = "项目立项", p.ID, true
	noErr(t, f.s.SaveDecision(&d))
	for _, st := range []DecisionStep{
		meeting(d.ID, StepPropose, "2024-03-01", 5, 5, 5),
		meeting(d.ID, StepReview, "2024-03-05", 30, 19, 19),
		meeting(d.ID, StepResolve, "2024-03-08", 45, 40, 20),
		{DecisionID: d.ID, Step: StepPublishResolve, Date: day("2024-03-09"), Form: "公开栏", Place: "村务公开栏", Days: 7},
	} {
		noErr(t, f.s.SaveDecisionStep(&st))
	}
	fs, err := f.s.DecisionFindings(d.ID)
	noErr(t, err)
	var failed []string
	for _, x := range fs {
		if !x.OK {
			failed = append(failed, x.Step+" "+x.Rule)
		}
	}
	if got := strings.Join(failed, ","); got != "党员大会审议 quorum,村民代表会议决议 majority" {
		t.Fatalf("failed rules %q in %+v", got, fs)
	}
	if of, err := f.s.DecisionOfProject(p.ID); err != nil || of == nil || of.ID != d.ID {
		t.Fatalf("DecisionOfProject = %v, %v", of, err)
	}
	other := validDecision(f)
	other.VillageID = f.village2.ID
	noErr(t, f.s.SaveDecision(&other))
	for _, tc := range []struct {
		f    DecisionFilter
		want int
	}{
		{DecisionFilter{}, 2},
		{DecisionFilter{VillageID: f.village2.ID}, 1},
		{DecisionFilter{Kind: "项目立项"}, 1},
		{DecisionFilter{ProjectID: p.ID}, 1},
		{DecisionFilter{PublicFrom: day("2024-03-01"), PublicTo: day("2024-03-31")}, 1},
		{DecisionFilter{PublicFrom: day("2024-03-10"), PublicTo: day("2024-03-31")}, 0},
		{DecisionFilter{Search: "机动地"}, 2},
	} {
		n, err := f.s.CountDecisions(tc.f)
		noErr(t, err)
		rows, err := f.s.ListDecisions(tc.f, 0, 10)
		noErr(t, err)
		if n != tc.want || len(rows) != tc.want {
			t.Errorf("%+v: count %d, rows %d, want %d", tc.f, n, len(rows), tc.want)
		}
	}
	rows, err := f.s.ListDecisions(DecisionFilter{ProjectID: p.ID}, 0, 10)
	noErr(t, err)
	if rows[0].Steps != 4 || rows[0].LastStep != StepPublishResolve || rows[0].LastDate != day("2024-03-09") ||
		len(rows[0].Failed) != 2 || rows[0].Failed[0].Rule != RuleQuorum || rows[0].Failed[1].Rule != RuleMajority {
		t.Fatalf("row %+v", rows[0])
	}
	if of, err := f.s.DecisionOfProject(p.ID + 100); err != nil || of != nil {
		t.Fatalf("no decision: %v, %v", of, err)
	}
	verifyOK(t, f.s)
}

// A step's photo is stored with its bytes, listed without them, audited, and deleted and restored;
// a photo of no step, or an empty file, is refused.
func TestStepFilesAddDeleteRestore(t *testing.T) {
	f := newLedgerFixture(t)
	d := validDecision(f)
	noErr(t, f.s.SaveDecision(&d))
	st := meeting(d.ID, StepPropose, "2024-01-02", 5, 5, 5)
	noErr(t, f.s.SaveDecisionStep(&st))
	file := &StepFile{StepID: st.ID, FileName: " 签到表.jpg ", Mime: "image/jpeg", Data: []byte("jpeg bytes")}
	noErr(t, f.s.AddStepFile(file))
	list, err := f.s.StepFiles(st.ID)
	noErr(t, err)
	if len(list) != 1 || list[0].FileName != "签到表.jpg" || list[0].Size != 10 || list[0].Data != nil {
		t.Fatalf("listed %+v", list)
	}
	if b, err := f.s.StepFileData(file.ID); err != nil || string(b) != "jpeg bytes" {
		t.Fatalf("data %q, %v", b, err)
	}
	noErr(t, f.s.DeleteStepFile(file.ID))
	if list, _ := f.s.StepFiles(st.ID); len(list) != 0 {
		t.Fatal("a deleted file is listed")
	}
	noErr(t, f.s.RestoreStepFile(file.ID))
	for _, action := range []string{"insert", "delete", "restore"} {
		if n := auditCount(t, f.s, "decision_files", file.ID, action); n != 1 {
			t.Errorf("%s: %d audit rows", action, n)
		}
	}
	if hist, err := f.s.RecordHistory("decision_steps", st.ID); err != nil || len(hist) != 4 {
		t.Fatalf("the step's history: %d entries, %v", len(hist), err)
	}
	wantProblem(t, f.s.AddStepFile(&StepFile{FileName: "x.jpg", Data: []byte("x")}), "StepID", "err.decision_file.step_id.required")
	wantProblem(t, f.s.AddStepFile(&StepFile{StepID: st.ID, FileName: "x.jpg"}), "Data", "err.decision_file.data.empty")
	verifyOK(t, f.s)
}
