package data

import (
	"strings"
	"testing"
)

func inVillage(f *ledgerFixture, date string) WorkDay {
	return WorkDay{VillageID: f.village.ID, Date: day(date), Presence: PresenceIn, Work: "走访脱贫户，查看大棚"}
}

// A day with its visits and 民情日记 is saved, changed, deleted and restored with an audit row for
// each row touched; a typed name of the village's seller is linked to it; Verify agrees throughout.
func TestWorkDaySaveDeleteRestoreAudited(t *testing.T) {
	f := newLedgerFixture(t)
	d := inVillage(f, "2025-06-26")
	d.Visits = []WorkVisit{{SellerID: f.seller.ID}, {Name: "王大妈"}, {Name: "  "}, {Name: "李秀英"}}
	d.Issues = []WorkIssue{{Problem: "灌溉水渠堵了", Solved: true, How: "联系镇水利站清淤"}, {}}
	noErr(t, f.s.SaveWorkDay(&d))
	if d.ID == 0 || len(d.Visits) != 3 || len(d.Issues) != 1 {
		t.Fatalf("saved %+v", d)
	}
	if d.Visits[0].Name != "张建国" || d.Visits[2].SellerID != 0 {
		t.Fatalf("visits %+v: the listed seller reads by name; 李秀英 lives in another village and stays typed", d.Visits)
	}
	if n := countRows(t, f.s, "SELECT count(*) FROM worklog_visits WHERE seller_id IS NOT NULL AND name <> ''"); n != 0 {
		t.Fatal("a listed seller's name was copied into the visit")
	}
	// Unchanged rows are not rewritten; a row left out is deleted.
	d.Visits = d.Visits[:2]
	d.Visits[1].Name = "张建国" // typed, and exactly one seller of the village has it
	noErr(t, f.s.SaveWorkDay(&d))
	if d.Visits[1].SellerID != f.seller.ID {
		t.Fatalf("typed name not linked: %+v", d.Visits[1])
	}
	if n := auditCount(t, f.s, "worklog_issues", d.Issues[0].ID, "update"); n != 0 {
		t.Fatalf("an unchanged issue was audited as changed %d times", n)
	}
	if n := countRows(t, f.s, "SELECT count(*) FROM audit_log WHERE tbl = 'worklog_visits' AND action = 'delete'"); n != 1 {
		t.Fatalf("%d visit deletions audited, want 1", n)
	}
	verifyOK(t, f.s)

	noErr(t, f.s.DeleteWorkDay(d.ID))
	if got, err := f.s.WorkDayOn(f.village.ID, day("2025-06-26")); err != nil || got != nil {
		t.Fatalf("deleted day still found: %v %v", got, err)
	}
	noErr(t, f.s.RestoreWorkDay(d.ID))
	got, err := f.s.WorkDayOn(f.village.ID, day("2025-06-26"))
	noErr(t, err)
	if got == nil || len(got.Visits) != 2 || len(got.Issues) != 1 || !got.Issues[0].Solved {
		t.Fatalf("restored day %+v", got)
	}
	if auditCount(t, f.s, "worklog_days", d.ID, "restore") != 1 {
		t.Fatal("restore not audited")
	}
	verifyOK(t, f.s)

	h, err := f.s.RecordHistory("worklog_days", d.ID)
	noErr(t, err)
	var tables []string
	for _, e := range h {
		tables = append(tables, e.What.Text)
	}
	if s := strings.Join(tables, ","); !strings.Contains(s, "工作日志") || !strings.Contains(s, "走访农户") || !strings.Contains(s, "民情日记") {
		t.Fatalf("history labels %s", s)
	}
}

// Validation: keys and Chinese messages for each field, the 1950–2100 bounds, a reason when away,
// one entry a day (also when undoing a delete), and the rows of the grid named by their index.
func TestWorkDayValidation(t *testing.T) {
	f := newLedgerFixture(t)
	wantProblem(t, f.s.CheckWorkDay(&WorkDay{Presence: PresenceIn, Date: day("2025-01-01")}), "VillageID", "err.workday.village_id.required")
	d := inVillage(f, "2025-01-01")
	d.Date = Date{}
	wantProblem(t, f.s.CheckWorkDay(&d), "Date", "err.workday.date.required")
	for _, y := range []int32{1949, 2101} {
		d.Date = Date{y, 1, 1}
		wantProblem(t, f.s.CheckWorkDay(&d), "Date", "err.workday.date.range")
	}
	for _, ok := range []string{"1950-01-01", "2100-12-31"} {
		d.Date = day(ok)
		noErr(t, f.s.CheckWorkDay(&d))
	}
	d = inVillage(f, "2025-03-03")
	d.Presence = "出门"
	wantProblem(t, f.s.CheckWorkDay(&d), "Presence", "err.workday.presence.invalid")
	d.Presence = PresenceAway
	wantProblem(t, f.s.CheckWorkDay(&d), "Reason", "err.workday.reason.invalid")
	d.Reason = "培训"
	noErr(t, f.s.CheckWorkDay(&d))
	d.Work = strings.Repeat("字", 2001)
	wantProblem(t, f.s.CheckWorkDay(&d), "Work", "err.workday.work.long")
	d.Work = ""
	d.Visits = []WorkVisit{{Name: strings.Repeat("名", 61)}}
	d.Issues = []WorkIssue{{Problem: "路灯不亮"}, {How: "已修好"}}
	err := f.s.CheckWorkDay(&d)
	wantProblem(t, err, "Visits[0].Name", "err.workday.name.long")
	wantProblem(t, err, "Issues[1].Problem", "err.workday.problem.required")

	// One entry a day and village; another village may log the same day.
	a := inVillage(f, "2025-03-04")
	noErr(t, f.s.SaveWorkDay(&a))
	b := inVillage(f, "2025-03-04")
	err = f.s.SaveWorkDay(&b)
	wantProblem(t, err, "Date", "err.workday.date.duplicate")
	if fe := problemFor(t, err, "Date"); !strings.Contains(fe.Msg, "2025年3月4日") {
		t.Fatalf("message does not name the day: %s", fe.Msg)
	}
	b.VillageID = f.village2.ID
	noErr(t, f.s.SaveWorkDay(&b))
	// Undoing a delete after the day was logged again is refused with a message.
	noErr(t, f.s.DeleteWorkDay(a.ID))
	c := inVillage(f, "2025-03-04")
	noErr(t, f.s.SaveWorkDay(&c))
	wantProblem(t, f.s.RestoreWorkDay(a.ID), "", "err.workday.restore.duplicate")

	wantProblem(t, f.s.SetWorkDaysTarget(0), "WorkDaysTarget", "err.setting.work_days_target.range")
	wantProblem(t, f.s.SetWorkDaysTarget(32), "WorkDaysTarget", "err.setting.work_days_target.range")
}

// The month view and the counts: days in the village counted once a day, away days by the days
// with no entry in the village, households once however often visited, deleted days left out.
func TestWorkLogMonthAndCounts(t *testing.T) {
	f := newLedgerFixture(t)
	n, err := f.s.WorkDaysTarget()
	noErr(t, err)
	if n != 20 {
		t.Fatalf("default target %d", n)
	}
	noErr(t, f.s.SetWorkDaysTarget(22))
	if n, _ := f.s.WorkDaysTarget(); n != 22 {
		t.Fatalf("target %d after setting 22", n)
	}
	save := func(d WorkDay) WorkDay {
		noErr(t, f.s.SaveWorkDay(&d))
		return d
	}
	d1 := inVillage(f, "2025-05-05")
	d1.Visits = []WorkVisit{{SellerID: f.seller.ID}, {Name: "王大妈"}}
	d1.Issues = []WorkIssue{{Problem: "低保复核", Solved: true}, {Problem: "道路破损"}}
	save(d1)
	d2 := inVillage(f, "2025-05-06")
	d2.Visits = []WorkVisit{{SellerID: f.seller.ID}, {Name: "赵六"}}
	save(d2)
	save(WorkDay{VillageID: f.village.ID, Date: day("2025-05-07"), Presence: PresenceAway, Reason: "开会"})
	gone := save(inVillage(f, "2025-05-08"))
	noErr(t, f.s.DeleteWorkDay(gone.ID))
	save(inVillage(f, "2025-06-01"))
	other := inVillage(f, "2025-05-05") // the same day in another village counts once for all villages
	other.VillageID = f.village2.ID
	save(other)

	rows, err := f.s.WorkMonth(f.village.ID, 2025, 5)
	noErr(t, err)
	if len(rows) != 3 || rows[0].Date != day("2025-05-05") || rows[0].Visits != 2 || rows[0].Issues != 2 ||
		rows[2].Presence != PresenceAway || rows[2].Reason != "开会" {
		t.Fatalf("month rows %+v", rows)
	}
	fig, err := f.s.WorkLogFigures(MonthPeriod(2025, 5), f.village.ID)
	noErr(t, err)
	want := WorkLogFigures{DaysLogged: 3, DaysInVillage: 2, DaysAway: 1, Visits: 4, Households: 3, Issues: 2, Solved: 1}
	if fig != want {
		t.Fatalf("May figures %+v, want %+v", fig, want)
	}
	all, err := f.s.WorkLogFigures(MonthPeriod(2025, 5), 0)
	noErr(t, err)
	if all.DaysInVillage != 2 || all.DaysLogged != 3 {
		t.Fatalf("all villages %+v", all)
	}
	year, err := f.s.WorkLogFigures(YearPeriod(2025), f.village.ID)
	noErr(t, err)
	if year.DaysInVillage != 3 || year.Households != 3 || year.Visits != 4 || year.DaysAway != 1 {
		t.Fatalf("year counts %+v", year)
	}
	sum, err := f.s.YearSummary(2025, f.village.ID)
	noErr(t, err)
	if sum.WorkLog.DaysInVillage != 3 || sum.WorkLog.Households != 3 {
		t.Fatalf("summary work log %+v", sum.WorkLog)
	}
}

// A day's photos are added, read back, deleted and restored, audited without their bytes.
func TestWorkFiles(t *testing.T) {
	f := newLedgerFixture(t)
	wantProblem(t, f.s.AddWorkFile(&WorkFile{FileName: "a.jpg", Data: []byte{1}}), "DayID", "err.workfile.day_id.required")
	d := inVillage(f, "2025-07-01")
	noErr(t, f.s.SaveWorkDay(&d))
	wantProblem(t, f.s.AddWorkFile(&WorkFile{DayID: d.ID, FileName: "a.jpg"}), "Data", "err.workfile.data.empty")
	p := WorkFile{DayID: d.ID, FileName: "走访.jpg", Mime: "image/jpeg", Data: []byte("jpegbytes")}
	noErr(t, f.s.AddWorkFile(&p))
	files, err := f.s.WorkFiles(d.ID)
	noErr(t, err)
	if len(files) != 1 || files[0].Size != 9 {
		t.Fatalf("files %+v", files)
	}
	b, err := f.s.WorkFileData(p.ID)
	noErr(t, err)
	if string(b) != "jpegbytes" {
		t.Fatalf("bytes %q", b)
	}
	if n := countRows(t, f.s, "SELECT count(*) FROM audit_log WHERE tbl = 'worklog_files' AND new_json LIKE '%jpegbytes%'"); n != 0 {
		t.Fatal("photo bytes in the audit log")
	}
	noErr(t, f.s.DeleteWorkFile(p.ID))
	noErr(t, f.s.RestoreWorkFile(p.ID))
	verifyOK(t, f.s)
}

// The summary's decisions and previous-year income come from the records of the period.
func TestSummaryDecisionsAndPreviousYear(t *testing.T) {
	f := newLedgerFixture(t)
	d := validDecision(f)
	noErr(t, f.s.SaveDecision(&d))
	for _, st := range []DecisionStep{meeting(d.ID, StepPropose, "2024-12-20", 5, 5, 5), meeting(d.ID, StepDiscuss, "2025-01-03", 7, 7, 7),
		meeting(d.ID, StepReview, "2025-01-10", 30, 25, 20), meeting(d.ID, StepResolve, "2025-01-15", 40, 35, 30)} {
		noErr(t, f.s.SaveDecisionStep(&st))
	}
	open := validDecision(f)
	noErr(t, f.s.SaveDecision(&open))
	st := meeting(open.ID, StepPropose, "2025-11-01", 5, 5, 5)
	noErr(t, f.s.SaveDecisionStep(&st))
	for _, e := range []CollectiveEntry{
		{Date: day("2024-05-01"), VillageID: f.village.ID, Direction: DirectionIncome, Category: IncomeCategories[0], Amount: 500_000},
		{Date: day("2025-05-01"), VillageID: f.village.ID, Direction: DirectionIncome, Category: IncomeCategories[0], Amount: 800_000},
	} {
		noErr(t, f.s.SaveEntry(&e))
	}
	sum, err := f.s.YearSummary(2025, f.village.ID)
	noErr(t, err)
	if sum.Decisions.Taken != 1 || sum.Decisions.Active != 2 || sum.Decisions.ByKind["合同发包/租赁"] != 1 {
		t.Fatalf("decisions %+v", sum.Decisions)
	}
	if sum.PreviousIncome.Total != 500_000 || sum.Income.Total != 800_000 || sum.Target == nil {
		t.Fatalf("income %v previous %v target %v", sum.Income.Total, sum.PreviousIncome.Total, sum.Target)
	}
	last, err := f.s.YearSummary(2024, f.village.ID)
	noErr(t, err)
	if last.Decisions.Taken != 0 || last.Decisions.Active != 1 {
		t.Fatalf("2024 decisions %+v", last.Decisions)
	}
	if got := MonthPeriod(2025, 2).YearEarlier(); got != MonthPeriod(2024, 2) {
		t.Fatalf("February a year earlier: %v", got)
	}
}

// The summary's work-log and partner queries read only covering indexes (migration 0015): a
// town's year never visits its work-log rows, partner events or their sale lines one by one.
func TestSummaryReadsCoveringIndexes(t *testing.T) {
	s := ledgerStore(t)
	plan := func(query string, args ...any) string {
		rows, err := s.db.Query("EXPLAIN QUERY PLAN "+query, args...)
		noErr(t, err)
		defer rows.Close()
		var lines []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			noErr(t, rows.Scan(&id, &parent, &notused, &detail))
			lines = append(lines, detail)
		}
		noErr(t, rows.Err())
		return strings.Join(lines, "\n")
	}
	p := YearPeriod(2025)
	for _, village := range []int64{0, 1} {
		days := "COVERING INDEX worklog_days_date"
		if village != 0 {
			days = "INDEX worklog_days_live_date (village_id=?"
		}
		text := plan(workLogFiguresSQL(village), p.From, p.To, village, PresenceIn)
		for _, want := range []string{days, "COVERING INDEX worklog_visits_day", "COVERING INDEX worklog_issues_day"} {
			if !strings.Contains(text, want) {
				t.Errorf("work log, village %d: no %q in the plan:\n%s", village, want, text)
			}
		}
		query, _, args := partnerContributionsSQL(p, village)
		text = plan(query, args...)
		for _, want := range []string{"COVERING INDEX sale_events_partner", "COVERING INDEX sale_lines_event"} {
			if !strings.Contains(text, want) {
				t.Errorf("partners, village %d: no %q in the plan:\n%s", village, want, text)
			}
		}
	}
}
