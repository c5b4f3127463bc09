package data

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

func validProject(f *ledgerFixture) Project {
	return Project{Name: "大樱桃种植大棚", Type: "产业发展", VillageIDs: []int64{f.village.ID}, YearStarted: 2024,
		Households: 30, HouseholdsPoor: 5, HouseholdsMonitored: 2}
}

func TestProjectValidation(t *testing.T) {
	f := newLedgerFixture(t)
	partner := &Partner{Name: "齐鲁农旅", Kind: PartnerEnterprise}
	noErr(t, f.s.SavePartner(partner))
	noErr(t, f.s.DeletePartner(partner.ID))
	cases := []struct {
		name       string
		edit       func(p *Project)
		field, key string
	}{
		{"name required", func(p *Project) { p.Name = "" }, "Name", "err.project.name.required"},
		{"name long", func(p *Project) { p.Name = long(61) }, "Name", "err.project.name.long"},
		{"type", func(p *Project) { p.Type = "养殖" }, "Type", "err.project.type.invalid"},
		{"villages required", func(p *Project) { p.VillageIDs = nil }, "VillageIDs", "err.project.village_ids.required"},
		{"village missing", func(p *Project) { p.VillageIDs = append(p.VillageIDs, 999) }, "VillageIDs", "err.project.village_ids.missing"},
		{"partner deleted", func(p *Project) { p.PartnerIDs = []int64{partner.ID} }, "PartnerIDs", "err.project.partner_ids.missing"},
		{"responsible long", func(p *Project) { p.Responsible = long(61) }, "Responsible", "err.project.responsible.long"},
		{"implementer long", func(p *Project) { p.Implementer = long(61) }, "Implementer", "err.project.implementer.long"},
		{"year", func(p *Project) { p.YearStarted = 0 }, "YearStarted", "err.project.year_started.range"},
		{"households", func(p *Project) { p.Households = -1 }, "Households", "err.project.households.negative"},
		{"poor negative", func(p *Project) { p.HouseholdsPoor = -1 }, "HouseholdsPoor", "err.project.households_poor.negative"},
		{"monitored negative", func(p *Project) { p.HouseholdsMonitored = -1 }, "HouseholdsMonitored", "err.project.households_monitored.negative"},
		{"more poor than helped", func(p *Project) { p.HouseholdsPoor, p.HouseholdsMonitored = 25, 6 }, "HouseholdsPoor", "err.project.households_poor.exceeds"},
		// The asset lives in the register now (its own checks are in TestAssetValidation).
		{"asset kind moved", func(p *Project) { p.AssetKind = "经营性" }, "AssetKind", "err.project.asset_kind.moved"},
		{"asset value moved", func(p *Project) { p.AssetValue = 100 }, "AssetValue", "err.project.asset_value.moved"},
		{"asset owner moved", func(p *Project) { p.AssetOwner = "村集体" }, "AssetOwner", "err.project.asset_owner.moved"},
		{"asset description moved", func(p *Project) { p.AssetDescription = "冷库" }, "AssetDescription", "err.project.asset_description.moved"},
		{"decision long", func(p *Project) { p.Decision = long(2001) }, "Decision", "err.project.decision.long"},
		{"note long", func(p *Project) { p.Note = long(2001) }, "Note", "err.project.note.long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := validProject(f)
			c.edit(&p)
			wantProblem(t, f.s.SaveProject(&p), c.field, c.key)
		})
	}
	if n := countRows(t, f.s, "SELECT count(*) FROM projects"); n != 0 {
		t.Fatal("nothing saved")
	}
}

func TestProjectLinksAuditAndUndo(t *testing.T) {
	f := newLedgerFixture(t)
	partner := &Partner{Name: "齐鲁农旅", Kind: PartnerEnterprise}
	noErr(t, f.s.SavePartner(partner))
	p := validProject(f)
	p.VillageIDs = []int64{f.village2.ID, f.village.ID, f.village.ID}
	p.PartnerIDs = []int64{partner.ID}
	noErr(t, f.s.SaveProject(&p))
	got, err := f.s.GetProject(p.ID)
	noErr(t, err)
	if len(got.VillageIDs) != 2 || got.VillageIDs[0] != f.village.ID || len(got.PartnerIDs) != 1 {
		t.Fatalf("links %+v", got)
	}
	p.VillageIDs = []int64{f.village.ID}
	p.Name = "大樱桃大棚（二期）"
	noErr(t, f.s.SaveProject(&p))
	log, _ := f.s.AuditLog("projects", p.ID, 5)
	if !strings.Contains(log[0].OldJSON, `"VillageIDs":[1,2]`) || !strings.Contains(log[0].NewJSON, `"VillageIDs":[1]`) ||
		!strings.Contains(log[0].OldJSON, "大樱桃种植大棚") {
		t.Fatalf("audit old %s new %s", log[0].OldJSON, log[0].NewJSON)
	}
	noErr(t, f.s.DeleteProject(p.ID))
	if rows, _ := f.s.ListProjects(ProjectFilter{}, 0, 10); len(rows) != 0 {
		t.Fatal("deleted project listed")
	}
	noErr(t, f.s.RestoreProject(p.ID))
	if rows, _ := f.s.ListProjects(ProjectFilter{}, 0, 10); len(rows) != 1 || rows[0].Villages != "东泉村" {
		t.Fatalf("restored %+v", rows)
	}
}

func TestProjectChildrenValidation(t *testing.T) {
	f := newLedgerFixture(t)
	p := validProject(f)
	noErr(t, f.s.SaveProject(&p))
	gone := validProject(f)
	noErr(t, f.s.SaveProject(&gone))
	noErr(t, f.s.DeleteProject(gone.ID))
	when := day("2025-03-01")
	t.Run("funding", func(t *testing.T) {
		for _, c := range []struct {
			x          FundingLine
			field, key string
		}{
			{FundingLine{ProjectID: gone.ID, Source: "社会捐赠", Amount: 1}, "ProjectID", "err.funding.project_id.missing"},
			{FundingLine{ProjectID: p.ID, Source: "银行贷款", Amount: 1}, "Source", "err.funding.source.invalid"},
			{FundingLine{ProjectID: p.ID, Source: "社会捐赠"}, "Amount", "err.funding.amount.positive"},
			{FundingLine{ProjectID: p.ID, Source: "社会捐赠", Amount: -5}, "Amount", "err.funding.amount.positive"},
			{FundingLine{ProjectID: p.ID, Source: "社会捐赠", Amount: 1, Note: long(2001)}, "Note", "err.funding.note.long"},
		} {
			x := c.x
			wantProblem(t, f.s.SaveFundingLine(&x), c.field, c.key)
		}
	})
	t.Run("disbursement", func(t *testing.T) {
		for _, c := range []struct {
			x          Disbursement
			field, key string
		}{
			{Disbursement{ProjectID: gone.ID, Date: when, Amount: 1}, "ProjectID", "err.disbursement.project_id.missing"},
			{Disbursement{ProjectID: p.ID, Amount: 1}, "Date", "err.disbursement.date.required"},
			{Disbursement{ProjectID: p.ID, Date: when}, "Amount", "err.disbursement.amount.positive"},
			{Disbursement{ProjectID: p.ID, Date: when, Amount: 1, Note: long(2001)}, "Note", "err.disbursement.note.long"},
		} {
			x := c.x
			wantProblem(t, f.s.SaveDisbursement(&x), c.field, c.key)
		}
	})
	t.Run("stage", func(t *testing.T) {
		for _, c := range []struct {
			x          StageChange
			field, key string
		}{
			{StageChange{ProjectID: gone.ID, Stage: StageBuilding, Date: when}, "ProjectID", "err.stage.project_id.missing"},
			{StageChange{ProjectID: p.ID, Stage: "完工", Date: when}, "Stage", "err.stage.stage.invalid"},
			{StageChange{ProjectID: p.ID, Stage: StageBuilding}, "Date", "err.stage.date.required"},
			{StageChange{ProjectID: p.ID, Stage: StageBuilding, Date: when, Note: long(2001)}, "Note", "err.stage.note.long"},
		} {
			x := c.x
			wantProblem(t, f.s.SaveStageChange(&x), c.field, c.key)
		}
	})
	t.Run("distribution", func(t *testing.T) {
		for _, c := range []struct {
			x          Distribution
			field, key string
		}{
			{Distribution{ProjectID: gone.ID, Date: when, Amount: 1, Recipient: "脱贫户"}, "ProjectID", "err.distribution.project_id.missing"},
			{Distribution{ProjectID: p.ID, Amount: 1, Recipient: "脱贫户"}, "Date", "err.distribution.date.required"},
			{Distribution{ProjectID: p.ID, Date: when, Recipient: "脱贫户"}, "Amount", "err.distribution.amount.positive"},
			{Distribution{ProjectID: p.ID, Date: when, Amount: 1}, "Recipient", "err.distribution.recipient.required"},
			{Distribution{ProjectID: p.ID, Date: when, Amount: 1, Recipient: long(61)}, "Recipient", "err.distribution.recipient.long"},
			{Distribution{ProjectID: p.ID, Date: when, Amount: 1, Recipient: "脱贫户", Note: long(2001)}, "Note", "err.distribution.note.long"},
		} {
			x := c.x
			wantProblem(t, f.s.SaveDistribution(&x), c.field, c.key)
		}
	})
	t.Run("note", func(t *testing.T) {
		for _, c := range []struct {
			x          ProgressNote
			field, key string
		}{
			{ProgressNote{ProjectID: gone.ID, Date: when, Text: "开工"}, "ProjectID", "err.note.project_id.missing"},
			{ProgressNote{ProjectID: p.ID, Text: "开工"}, "Date", "err.note.date.required"},
			{ProgressNote{ProjectID: p.ID, Date: when, Text: " "}, "Text", "err.note.text.required"},
			{ProgressNote{ProjectID: p.ID, Date: when, Text: long(2001)}, "Text", "err.note.text.long"},
		} {
			x := c.x
			wantProblem(t, f.s.SaveProgressNote(&x), c.field, c.key)
		}
	})
	t.Run("attachment", func(t *testing.T) {
		n := &ProgressNote{ProjectID: p.ID, Date: when, Text: "开工"}
		noErr(t, f.s.SaveProgressNote(n))
		png := []byte("\x89PNG fake")
		for _, c := range []struct {
			x          Attachment
			field, key string
		}{
			{Attachment{NoteID: 999, FileName: "a.png", Data: png}, "NoteID", "err.attachment.note_id.missing"},
			{Attachment{NoteID: n.ID, Data: png}, "FileName", "err.attachment.file_name.required"},
			{Attachment{NoteID: n.ID, FileName: long(61), Data: png}, "FileName", "err.attachment.file_name.long"},
			{Attachment{NoteID: n.ID, FileName: "a.png"}, "Data", "err.attachment.data.empty"},
			{Attachment{NoteID: n.ID, FileName: "a.png", Data: make([]byte, MaxAttachmentSize+1)}, "Data", "err.attachment.data.large"},
		} {
			x := c.x
			wantProblem(t, f.s.AddAttachment(&x), c.field, c.key)
		}
	})
}

func TestProjectChildrenSaveListDeleteRestore(t *testing.T) {
	f := newLedgerFixture(t)
	p := validProject(f)
	noErr(t, f.s.SaveProject(&p))
	fl := &FundingLine{ProjectID: p.ID, Source: "财政衔接资金", Amount: 50_000_000}
	noErr(t, f.s.SaveFundingLine(fl))
	noErr(t, f.s.SaveFundingLine(&FundingLine{ProjectID: p.ID, Source: "村集体自筹", Amount: 5_000_000}))
	noErr(t, f.s.SaveDisbursement(&Disbursement{ProjectID: p.ID, Date: day("2025-04-01"), Amount: 20_000_000}))
	dis := &Disbursement{ProjectID: p.ID, Date: day("2025-07-01"), Amount: 10_000_000}
	noErr(t, f.s.SaveDisbursement(dis))
	noErr(t, f.s.SaveDistribution(&Distribution{ProjectID: p.ID, Date: day("2025-12-20"), Amount: 3_000_000, Recipient: "脱贫户分红"}))
	noErr(t, f.s.SaveEntry(&CollectiveEntry{Date: day("2025-10-01"), VillageID: f.village.ID, Direction: DirectionIncome,
		Category: IncomeOperating, Amount: 4_000_000, ProjectID: p.ID}))

	// Stages: the current one is the latest by date, then the later entry on the same date.
	for _, sc := range []StageChange{{Stage: StagePlanning, Date: day("2025-01-05")}, {Stage: StageBuilding, Date: day("2025-05-01")},
		{Stage: StageFunded, Date: day("2025-03-01")}, {Stage: StageAccepted, Date: day("2025-05-01")}} {
		sc.ProjectID = p.ID
		noErr(t, f.s.SaveStageChange(&sc))
	}
	stage, err := f.s.CurrentStage(p.ID)
	noErr(t, err)
	if stage != StageAccepted {
		t.Fatalf("current stage %s", stage)
	}
	hist, _ := f.s.StageHistory(p.ID)
	if len(hist) != 4 || hist[1].Stage != StageFunded || hist[3].Stage != StageAccepted {
		t.Fatalf("history %+v", hist)
	}
	noErr(t, f.s.DeleteStageChange(hist[3].ID)) // undo the last move
	if stage, _ := f.s.CurrentStage(p.ID); stage != StageBuilding {
		t.Fatalf("after deleting the last stage: %s", stage)
	}
	noErr(t, f.s.RestoreStageChange(hist[3].ID))

	m, err := f.s.ProjectMoney(p.ID)
	noErr(t, err)
	if m.Budget != 55_000_000 || m.BySource["村集体自筹"] != 5_000_000 || m.Disbursed != 30_000_000 ||
		m.Balance != 25_000_000 || m.Distributed != 3_000_000 || m.AssetIncome != 4_000_000 ||
		m.Stage != StageAccepted || m.StageDate != day("2025-05-01") {
		t.Fatalf("%+v", m)
	}
	noErr(t, f.s.DeleteDisbursement(dis.ID))
	if m, _ := f.s.ProjectMoney(p.ID); m.Disbursed != 20_000_000 {
		t.Fatalf("after delete %v", m.Disbursed)
	}
	noErr(t, f.s.RestoreDisbursement(dis.ID))
	fl.Amount = 60_000_000
	noErr(t, f.s.SaveFundingLine(fl))
	lines, _ := f.s.FundingLines(p.ID)
	if len(lines) != 2 || lines[0].Amount != 60_000_000 || lines[0].UUID != fl.UUID {
		t.Fatalf("%+v", lines)
	}
	if ds, _ := f.s.Disbursements(p.ID); len(ds) != 2 || ds[0].Date != day("2025-04-01") {
		t.Fatalf("%+v", ds)
	}
	if ds, _ := f.s.Distributions(p.ID); len(ds) != 1 {
		t.Fatal(ds)
	}
	if es, _ := f.s.ProjectEntries(p.ID); len(es) != 1 || es[0].Project != p.Name {
		t.Fatalf("%+v", es)
	}

	n := &ProgressNote{ProjectID: p.ID, Date: day("2025-05-02"), Text: "大棚钢架完工"}
	noErr(t, f.s.SaveProgressNote(n))
	photo := demoPhoto(rand.New(rand.NewPCG(1, 2)))
	a := &Attachment{NoteID: n.ID, FileName: "钢架.png", Mime: "image/png", Data: photo}
	noErr(t, f.s.AddAttachment(a))
	notes, _ := f.s.ProgressNotes(p.ID)
	if len(notes) != 1 || notes[0].Attachments != 1 {
		t.Fatalf("%+v", notes)
	}
	list, _ := f.s.Attachments(n.ID)
	if len(list) != 1 || list[0].Size != int64(len(photo)) || list[0].Data != nil {
		t.Fatalf("%+v", list)
	}
	b, err := f.s.AttachmentData(a.ID)
	noErr(t, err)
	if string(b) != string(photo) {
		t.Fatal("photo bytes differ")
	}
	log, _ := f.s.AuditLog("attachments", a.ID, 1)
	if len(log[0].NewJSON) > 500 {
		t.Fatal("the audit log keeps no photo bytes")
	}
	noErr(t, f.s.DeleteAttachment(a.ID))
	if _, err := f.s.AttachmentData(a.ID); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	noErr(t, f.s.RestoreAttachment(a.ID))
	noErr(t, f.s.DeleteProgressNote(n.ID))
	noErr(t, f.s.RestoreProgressNote(n.ID))
	noErr(t, f.s.DeleteFundingLine(fl.ID))
	noErr(t, f.s.RestoreFundingLine(fl.ID))
	noErr(t, f.s.DeleteDistribution(1))
	noErr(t, f.s.RestoreDistribution(1))
}

func TestNextStage(t *testing.T) {
	for in, want := range map[string]string{"": StagePlanning, StagePlanning: StagePublicity, StageAccepted: StageHandedOver,
		StageOperating: StageDistributing, StageDistributing: "", StageTerminated: "", "乱写": ""} {
		if got := NextStage(in); got != want {
			t.Errorf("NextStage(%q) = %q, want %q", in, got, want)
		}
	}
}

// activeFixture builds projects that test each clause of the "active in a year" rule.
func activeFixture(t *testing.T) (*ledgerFixture, map[string]int64) {
	f := newLedgerFixture(t)
	ids := map[string]int64{}
	add := func(name string, year int, stages []StageChange, disb []Disbursement) {
		p := validProject(f)
		p.Name, p.YearStarted = name, year
		noErr(t, f.s.SaveProject(&p))
		noErr(t, f.s.SaveFundingLine(&FundingLine{ProjectID: p.ID, Source: "财政衔接资金", Amount: 100_000}))
		for _, sc := range stages {
			sc.ProjectID = p.ID
			noErr(t, f.s.SaveStageChange(&sc))
		}
		for _, d := range disb {
			d.ProjectID = p.ID
			noErr(t, f.s.SaveDisbursement(&d))
		}
		ids[name] = p.ID
	}
	add("无阶段2023", 2023, nil, nil)
	add("明年开工", 2026, []StageChange{{Stage: StagePlanning, Date: day("2025-11-01")}}, nil)
	add("2024年已移交", 2023, []StageChange{{Stage: StageBuilding, Date: day("2023-05-01")}, {Stage: StageHandedOver, Date: day("2024-06-01")}}, nil)
	add("移交后尾款", 2023, []StageChange{{Stage: StageHandedOver, Date: day("2024-06-01")}},
		[]Disbursement{{Date: day("2025-02-01"), Amount: 30_000}})
	add("年中终止", 2024, []StageChange{{Stage: StageBuilding, Date: day("2024-03-01")}, {Stage: StageTerminated, Date: day("2025-06-01")}}, nil)
	add("2024年已终止", 2024, []StageChange{{Stage: StageTerminated, Date: day("2024-12-31")}}, nil)
	add("实施中", 2025, []StageChange{{Stage: StageBuilding, Date: day("2025-03-01")}},
		[]Disbursement{{Date: day("2025-04-01"), Amount: 40_000}, {Date: day("2026-01-10"), Amount: 20_000}})
	return f, ids
}

func TestActiveProjectsInAYear(t *testing.T) {
	f, ids := activeFixture(t)
	rows, err := f.s.ListProjects(ProjectFilter{Year: 2025, Sort: "name"}, 0, 100)
	noErr(t, err)
	got := map[string]ProjectRow{}
	for _, r := range rows {
		got[r.Name] = r
	}
	for name, want := range map[string]bool{"无阶段2023": true, "明年开工": false, "2024年已移交": false, "移交后尾款": true,
		"年中终止": true, "2024年已终止": false, "实施中": true} {
		if _, ok := got[name]; ok != want {
			t.Errorf("%s active in 2025: %v, want %v", name, ok, want)
		}
	}
	if r := got["实施中"]; r.Disbursed != 40_000 || r.Stage != StageBuilding || r.Budget != 100_000 {
		t.Errorf("as at the year's end: %+v", r)
	}
	if r := got["无阶段2023"]; r.Stage != StageNone {
		t.Errorf("no stage: %q", r.Stage)
	}
	all, _ := f.s.ListProjects(ProjectFilter{}, 0, 100)
	if len(all) != len(ids) {
		t.Fatalf("without a year every project is listed: %d", len(all))
	}
	for _, r := range all {
		if r.Name == "实施中" && r.Disbursed != 60_000 {
			t.Fatalf("all disbursements without a year: %v", r.Disbursed)
		}
	}
	tot, err := f.s.ProjectTotals(ProjectFilter{Year: 2025})
	noErr(t, err)
	if tot.Count != 4 || tot.Budget != 400_000 || tot.Disbursed != 70_000 {
		t.Fatalf("totals %+v", tot)
	}
}

func TestListProjectsFiltersSortAndPages(t *testing.T) {
	f, _ := activeFixture(t)
	other := validProject(f)
	other.Name, other.Type, other.VillageIDs, other.Responsible = "西岭村道路", "基础设施", []int64{f.village2.ID}, "赵德明"
	noErr(t, f.s.SaveProject(&other))
	check := func(flt ProjectFilter, want ...string) {
		t.Helper()
		rows, err := f.s.ListProjects(flt, 0, 100)
		noErr(t, err)
		var names []string
		for _, r := range rows {
			names = append(names, r.Name)
		}
		if strings.Join(names, ",") != strings.Join(want, ",") {
			t.Fatalf("%+v: got %v want %v", flt, names, want)
		}
		n, _ := f.s.ProjectTotals(flt)
		if n.Count != len(want) {
			t.Fatalf("%+v: totals count %d", flt, n.Count)
		}
	}
	check(ProjectFilter{VillageID: f.village2.ID}, "西岭村道路")
	check(ProjectFilter{Type: "基础设施"}, "西岭村道路")
	check(ProjectFilter{Search: "德明"}, "西岭村道路")
	check(ProjectFilter{Stage: StageTerminated, Sort: "name"}, "2024年已终止", "年中终止")
	check(ProjectFilter{Stage: StageNone, Sort: "name", Desc: true}, "西岭村道路", "无阶段2023")
	check(ProjectFilter{Year: 2025, Sort: "disbursed", Desc: true}, "实施中", "移交后尾款", "西岭村道路", "年中终止", "无阶段2023")
	check(ProjectFilter{Year: 2025, Stage: StageTerminated}, "年中终止")
	page1, _ := f.s.ListProjects(ProjectFilter{Sort: "name"}, 0, 3)
	page2, _ := f.s.ListProjects(ProjectFilter{Sort: "name"}, 3, 3)
	if len(page1) != 3 || len(page2) != 3 || page1[2].Name >= page2[0].Name {
		t.Fatalf("pages %v %v", page1, page2)
	}
	for _, key := range []string{"name", "villages", "type", "stage", "budget", "disbursed", "percent", "households", "year", "nonsense"} {
		if _, err := f.s.ListProjects(ProjectFilter{Sort: key}, 0, 5); err != nil {
			t.Fatalf("sort %s: %v", key, err)
		}
	}
	if (ProjectRow{Budget: 300, Disbursed: 100}).DisbursedPercent() != 33 || (ProjectRow{}).DisbursedPercent() != 0 {
		t.Fatal("percent")
	}
}

// Stage dates follow the stages' order: a later stage is never dated before an earlier one, on
// entry, on edit or on restore; the message names the stage in the way and its date. A skipped
// stage can be filled in between its neighbours, and the current stage is the furthest one on
// the latest date.
func TestStageDatesNeverGoBackwards(t *testing.T) {
	f := newLedgerFixture(t)
	p := validProject(f)
	noErr(t, f.s.SaveProject(&p))
	add := func(stage, date string) (*StageChange, error) {
		sc := &StageChange{ProjectID: p.ID, Stage: stage, Date: day(date)}
		return sc, f.s.SaveStageChange(sc)
	}
	current := func(want string) {
		t.Helper()
		stage, err := f.s.CurrentStage(p.ID)
		noErr(t, err)
		m, err := f.s.ProjectMoney(p.ID)
		noErr(t, err)
		hist, err := f.s.StageHistory(p.ID)
		noErr(t, err)
		rows, err := f.s.ListProjects(ProjectFilter{}, 0, 10)
		noErr(t, err)
		if stage != want || m.Stage != want || hist[len(hist)-1].Stage != want || rows[0].Stage != want {
			t.Fatalf("current stage %q, money %q, history ends %q, list %q; want %q", stage, m.Stage, hist[len(hist)-1].Stage, rows[0].Stage, want)
		}
	}

	planning, err := add(StagePlanning, "2025-03-05")
	noErr(t, err)
	_, err = add(StagePublicity, "2025-03-01")
	wantProblem(t, err, "Date", "err.stage.date.before")
	if msg := problemFor(t, err, "Date").Msg; !strings.Contains(msg, "谋划") || !strings.Contains(msg, "2025-03-05") {
		t.Fatalf("the message does not name the earlier stage and its date: %q", msg)
	}
	current(StagePlanning)
	publicity, err := add(StagePublicity, "2025-03-10")
	noErr(t, err)
	current(StagePublicity)

	_, err = add(StageBuilding, "2025-05-01")
	noErr(t, err)
	_, err = add(StageListed, "2025-03-20") // filled in later, between its neighbours
	noErr(t, err)
	_, err = add(StageFunded, "2025-05-10") // after 实施, which comes later
	wantProblem(t, err, "Date", "err.stage.date.after")
	if msg := problemFor(t, err, "Date").Msg; !strings.Contains(msg, "实施") || !strings.Contains(msg, "2025-05-01") {
		t.Fatalf("the message does not name the later stage and its date: %q", msg)
	}
	_, err = add(StageFunded, "2025-05-01") // the same day as 实施, entered after it
	noErr(t, err)
	current(StageBuilding)

	// Editing: moving 公示 before 谋划 is refused; its own date does not stand in its way.
	moved := *publicity
	moved.Date = day("2025-03-01")
	wantProblem(t, f.s.SaveStageChange(&moved), "Date", "err.stage.date.before")
	moved.Date = day("2025-03-05")
	noErr(t, f.s.SaveStageChange(&moved))

	// Restoring: 公示 cannot come back once 谋划 has moved past it.
	noErr(t, f.s.DeleteStageChange(publicity.ID))
	planning.Date = day("2025-03-15")
	noErr(t, f.s.SaveStageChange(planning))
	wantProblem(t, f.s.RestoreStageChange(publicity.ID), "Date", "err.stage.date.before")
	if _, err := f.s.GetStageChange(publicity.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a refused restore brought the stage back: %v", err)
	}
	planning.Date = day("2025-03-05")
	noErr(t, f.s.SaveStageChange(planning))
	noErr(t, f.s.RestoreStageChange(publicity.ID))

	// 终止 ends the order: nothing is dated after it.
	_, err = add(StageTerminated, "2025-06-01")
	noErr(t, err)
	_, err = add(StageAccepted, "2025-07-01")
	wantProblem(t, err, "Date", "err.stage.date.after")
	current(StageTerminated)
}

// ProjectHoldings says what a project holds before it is deleted; deleting it keeps the links of
// its collective entries (an edit of such an entry keeps the link, no new entry can take it), and
// restoring it brings everything back.
func TestProjectHoldingsAndLinksKeptThroughDelete(t *testing.T) {
	f := newLedgerFixture(t)
	p := validProject(f)
	noErr(t, f.s.SaveProject(&p))
	noErr(t, f.s.SaveAsset(&Asset{Name: p.Name, VillageID: f.village.ID, Class: "经营性", Source: AssetSourceProject, ProjectID: p.ID,
		Value: 48_000_000, Status: AssetLet}))
	noErr(t, f.s.SaveFundingLine(&FundingLine{ProjectID: p.ID, Source: "财政衔接资金", Amount: 40_000_000}))
	noErr(t, f.s.SaveFundingLine(&FundingLine{ProjectID: p.ID, Source: "村集体自筹", Amount: 10_000_000}))
	noErr(t, f.s.SaveDisbursement(&Disbursement{ProjectID: p.ID, Date: day("2025-04-01"), Amount: 30_000_000}))
	noErr(t, f.s.SaveStageChange(&StageChange{ProjectID: p.ID, Stage: StagePlanning, Date: day("2025-01-05")}))
	noErr(t, f.s.SaveStageChange(&StageChange{ProjectID: p.ID, Stage: StageBuilding, Date: day("2025-04-01")}))
	n := &ProgressNote{ProjectID: p.ID, Date: day("2025-05-02"), Text: "钢架完工"}
	noErr(t, f.s.SaveProgressNote(n))
	noErr(t, f.s.AddAttachment(&Attachment{NoteID: n.ID, FileName: "a.png", Data: []byte{1}}))
	noErr(t, f.s.SaveDistribution(&Distribution{ProjectID: p.ID, Date: day("2025-12-20"), Amount: 500_000, Recipient: "脱贫户分红"}))
	rent := &CollectiveEntry{Date: day("2025-10-01"), VillageID: f.village.ID, Direction: DirectionIncome,
		Category: IncomeOperating, SubItem: "大棚租金", Amount: 1_200_000, ProjectID: p.ID}
	noErr(t, f.s.SaveEntry(rent))
	noErr(t, f.s.SaveEntry(&CollectiveEntry{Date: day("2025-10-02"), VillageID: f.village.ID, Direction: DirectionExpense,
		Category: "经营支出", Amount: 300_000, ProjectID: p.ID}))

	want := ProjectHoldings{FundingLines: 2, Budget: 50_000_000, Disbursements: 1, Disbursed: 30_000_000, Stages: 2,
		Stage: StageBuilding, Notes: 1, Photos: 1, Distributions: 1, Distributed: 500_000, Entries: 2, EntryIncome: 1_200_000,
		EntryExpense: 300_000, Assets: 1, AssetKind: "经营性", AssetValue: 48_000_000}
	h, err := f.s.ProjectHoldings(p.ID)
	noErr(t, err)
	if *h != want {
		t.Fatalf("holdings %+v\nwant %+v", *h, want)
	}

	noErr(t, f.s.DeleteProject(p.ID))
	rows, err := f.s.ListEntries(EntryFilter{}, 0, 10)
	noErr(t, err)
	for _, r := range rows {
		if r.ProjectID != p.ID || r.Project != p.Name || !r.ProjectDeleted {
			t.Fatalf("entry row after the project's delete: %+v", r)
		}
	}
	if c, err := f.s.ProjectChoiceOf(p.ID); err != nil || c.Name != p.Name || !c.Deleted {
		t.Fatalf("choice of a deleted project %+v %v", c, err)
	}
	rent.Amount = 1_500_000 // an edit keeps the link
	noErr(t, f.s.SaveEntry(rent))
	if x, _ := f.s.GetEntry(rent.ID); x.ProjectID != p.ID || x.Amount != 1_500_000 {
		t.Fatalf("after edit %+v", x)
	}
	wantProblem(t, f.s.SaveEntry(&CollectiveEntry{Date: day("2025-10-03"), VillageID: f.village.ID, Direction: DirectionIncome,
		Category: IncomeOperating, Amount: 100, ProjectID: p.ID}), "ProjectID", "err.entry.project_id.missing")
	other := validProject(f)
	other.Name = "冷库"
	noErr(t, f.s.SaveProject(&other))
	noErr(t, f.s.DeleteProject(other.ID))
	moved := *rent
	moved.ProjectID = other.ID
	wantProblem(t, f.s.SaveEntry(&moved), "ProjectID", "err.entry.project_id.missing")

	noErr(t, f.s.RestoreProject(p.ID))
	want.EntryIncome = 1_500_000
	if h, err := f.s.ProjectHoldings(p.ID); err != nil || *h != want {
		t.Fatalf("after restore %+v %v", h, err)
	}
	if c, _ := f.s.ProjectChoiceOf(p.ID); c.Deleted {
		t.Fatal("restored project still marked deleted")
	}
}
