package data

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"
)

func validTask(f *ledgerFixture) Task {
	return Task{VillageID: f.village.ID, Title: "村集体经营性收入突破20万元", Poster: PosterTown, TargetKind: TargetIncome,
		TargetValue: 20_000_000, TakenOn: day("2025-03-01"), Deadline: day("2025-12-31"), Responsible: "王书记", Status: TaskOpen}
}

func TestTaskValidation(t *testing.T) {
	f := newLedgerFixture(t)
	partner := &Partner{Name: "济南市农业农村局", Kind: PartnerGovernment}
	noErr(t, f.s.SavePartner(partner))
	cases := []struct {
		name       string
		edit       func(x *Task)
		field, key string
	}{
		{"title", func(x *Task) { x.Title = " " }, "Title", "err.task.title.required"},
		{"poster", func(x *Task) { x.Poster = "省" }, "Poster", "err.task.poster.invalid"},
		{"partner needed", func(x *Task) { x.Poster = PosterPartner }, "PosterPartnerID", "err.task.poster_partner_id.required"},
		{"partner not poster", func(x *Task) { x.PosterPartnerID = partner.ID }, "PosterPartnerID", "err.task.poster_partner_id.poster"},
		{"kind", func(x *Task) { x.TargetKind = "利润" }, "TargetKind", "err.task.target_kind.invalid"},
		{"value", func(x *Task) { x.TargetValue = 0 }, "TargetValue", "err.task.target_value.positive"},
		{"value without kind", func(x *Task) { x.TargetKind = "" }, "TargetValue", "err.task.target_value.none"},
		{"stage", func(x *Task) { x.TargetKind, x.TargetValue, x.TargetStage = TargetStage, 0, StageTerminated }, "TargetStage", "err.task.target_stage.invalid"},
		{"deadline before", func(x *Task) { x.Deadline = day("2025-02-01") }, "Deadline", "err.task.deadline.before"},
		{"status", func(x *Task) { x.Status = TaskOverdue }, "Status", "err.task.status.invalid"},
		{"closed needs date", func(x *Task) { x.Status = TaskDone }, "ClosedOn", "err.task.closed_on.required"},
		{"open has no date", func(x *Task) { x.ClosedOn = day("2025-06-01") }, "ClosedOn", "err.task.closed_on.open"},
		{"progress", func(x *Task) { x.Progress = 101 }, "Progress", "err.task.progress.range"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := validTask(f)
			c.edit(&x)
			wantProblem(t, f.s.CheckTask(&x), c.field, c.key)
			wantProblem(t, f.s.SaveTask(&x), c.field, c.key)
		})
	}
	if n := countRows(t, f.s, "SELECT count(*) FROM tasks"); n != 0 {
		t.Fatalf("%d items saved by refused saves", n)
	}
}

// An item, its links and its evidence are saved, deleted and restored with audit; its 历史 holds
// its links; Verify agrees throughout.
func TestTaskSaveLinkDeleteRestoreAudited(t *testing.T) {
	f := newLedgerFixture(t)
	p := validProject(f)
	noErr(t, f.s.SaveProject(&p))
	x := validTask(f)
	noErr(t, f.s.SaveTask(&x))
	l := TaskLink{TaskID: x.ID, ProjectID: p.ID}
	noErr(t, f.s.AddTaskLink(&l))
	dup := TaskLink{TaskID: x.ID, ProjectID: p.ID}
	wantProblem(t, f.s.AddTaskLink(&dup), "", "err.task_link.duplicate")
	two := TaskLink{TaskID: x.ID, ProjectID: p.ID, EventID: 1}
	wantProblem(t, f.s.AddTaskLink(&two), "", "err.task_link.owner")
	file := TaskFile{TaskID: x.ID, FileName: "验收照片.jpg", Mime: "image/jpeg", Data: []byte("jpeg")}
	noErr(t, f.s.AddTaskFile(&file))
	x.Status, x.ClosedOn, x.ClosingNote = TaskDone, day("2025-11-30"), "经营性收入21.3万元"
	noErr(t, f.s.SaveTask(&x))
	verifyOK(t, f.s)

	noErr(t, f.s.DeleteTaskLink(l.ID))
	noErr(t, f.s.DeleteTaskFile(file.ID))
	noErr(t, f.s.DeleteTask(x.ID))
	if n, _ := f.s.CountTasks(TaskFilter{}); n != 0 {
		t.Fatalf("count after delete %d", n)
	}
	verifyOK(t, f.s)
	noErr(t, f.s.RestoreTask(x.ID))
	noErr(t, f.s.RestoreTaskLink(l.ID))
	noErr(t, f.s.RestoreTaskFile(file.ID))
	links, err := f.s.TaskLinks(x.ID)
	noErr(t, err)
	if len(links) != 1 || links[0].Label != p.Name || links[0].Kind != "项目" {
		t.Fatalf("links %+v", links)
	}
	if b, err := f.s.TaskFileData(file.ID); err != nil || string(b) != "jpeg" {
		t.Fatalf("file %q %v", b, err)
	}
	verifyOK(t, f.s)
	h, err := f.s.RecordHistory("tasks", x.ID)
	noErr(t, err)
	tables := map[string]int{}
	for _, e := range h {
		tables[e.Table]++
	}
	if tables["tasks"] != 4 || tables["task_links"] != 3 || tables["task_files"] != 3 {
		t.Fatalf("history by table %v", tables)
	}
	if h[len(h)-1].What.Text != "揭榜挂帅" {
		t.Fatalf("history label %q", h[len(h)-1].What.Text)
	}
}

// Progress comes from the records where the target is measurable: the village's operating income
// inside the item's period, the linked events' sales (else the village's), the linked projects'
// households, the linked project's stage; otherwise it is as typed.
func TestTaskProgressComputed(t *testing.T) {
	f := newLedgerFixture(t)
	f.s.now = func() time.Time { return day("2025-08-01").Time() }
	income := func(date string, cat string, amount Money, village int64) {
		e := CollectiveEntry{Date: day(date), VillageID: village, Direction: DirectionIncome, Category: cat, Amount: amount}
		noErr(t, f.s.SaveEntry(&e))
	}
	income("2025-02-28", IncomeOperating, 1_000_000, f.village.ID) // before the item's period
	income("2025-03-01", IncomeOperating, 6_000_000, f.village.ID)
	income("2025-07-01", IncomeInvestment, 4_000_000, f.village.ID)
	income("2025-07-02", IncomeSubsidy, 9_000_000, f.village.ID)    // not operating
	income("2025-07-03", IncomeOperating, 3_000_000, f.village2.ID) // another village
	x := validTask(f)
	noErr(t, f.s.SaveTask(&x))
	pr, err := f.s.TaskProgressOf(&x)
	noErr(t, err)
	if !pr.Measured || pr.Value != 10_000_000 || pr.Percent != 50 || pr.Reached {
		t.Fatalf("income progress %+v", pr)
	}

	sale := func(date string, qty Quantity, price Money) *SaleEvent {
		ev := &SaleEvent{Date: day(date), VillageID: f.village.ID, Channel: ChannelMarketDay}
		noErr(t, f.s.SaveSaleEvent(ev, []SaleLine{{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: qty, Price: price}}))
		return ev
	}
	e1 := sale("2025-04-01", 1000, 30_000) // ¥300
	sale("2025-05-01", 1000, 50_000)       // ¥500, not linked
	sales := Task{VillageID: f.village.ID, Title: "消费帮扶销售", Poster: PosterDistrict, TargetKind: TargetSales, TargetValue: 60_000,
		TakenOn: day("2025-03-01"), Deadline: day("2025-06-30"), Status: TaskOpen}
	noErr(t, f.s.SaveTask(&sales))
	if pr, _ := f.s.TaskProgressOf(&sales); pr.Value != 80_000 || !pr.Reached || pr.Percent != 100 {
		t.Fatalf("village-wide sales progress %+v", pr)
	}
	noErr(t, f.s.AddTaskLink(&TaskLink{TaskID: sales.ID, EventID: e1.ID}))
	if pr, _ := f.s.TaskProgressOf(&sales); pr.Value != 30_000 || pr.Reached || pr.Percent != 50 {
		t.Fatalf("linked sales progress %+v", pr)
	}

	p1, p2 := validProject(f), validProject(f)
	p2.Name, p2.Households = "光伏电站", 45
	noErr(t, f.s.SaveProject(&p1))
	noErr(t, f.s.SaveProject(&p2))
	hh := Task{VillageID: f.village.ID, Title: "带动农户增收", Poster: PosterCity, TargetKind: TargetHouseholds, TargetValue: 100,
		TakenOn: day("2025-01-01"), Deadline: day("2025-12-31"), Status: TaskOpen, Progress: 40}
	noErr(t, f.s.SaveTask(&hh))
	if pr, _ := f.s.TaskProgressOf(&hh); pr.Measured || pr.Percent != 40 {
		t.Fatalf("households with nothing linked should be as typed: %+v", pr)
	}
	noErr(t, f.s.AddTaskLink(&TaskLink{TaskID: hh.ID, ProjectID: p1.ID}))
	noErr(t, f.s.AddTaskLink(&TaskLink{TaskID: hh.ID, ProjectID: p2.ID}))
	if pr, _ := f.s.TaskProgressOf(&hh); !pr.Measured || pr.Value != 75 || pr.Percent != 75 {
		t.Fatalf("households progress %+v", pr)
	}

	st := Task{VillageID: f.village.ID, Title: "冷库竣工", Poster: PosterTown, TargetKind: TargetStage, TargetStage: StageAccepted,
		TakenOn: day("2025-01-01"), Deadline: day("2025-06-30"), Status: TaskOpen}
	noErr(t, f.s.SaveTask(&st))
	noErr(t, f.s.AddTaskLink(&TaskLink{TaskID: st.ID, ProjectID: p2.ID}))
	noErr(t, f.s.SaveStageChange(&StageChange{ProjectID: p2.ID, Stage: StageBuilding, Date: day("2025-05-01")}))
	pr, _ = f.s.TaskProgressOf(&st)
	if !pr.Measured || pr.Stage != StageBuilding || pr.Reached || pr.Percent != 5*100/6 {
		t.Fatalf("stage progress %+v", pr)
	}
	noErr(t, f.s.SaveStageChange(&StageChange{ProjectID: p2.ID, Stage: StageAccepted, Date: day("2025-06-20")}))
	if pr, _ := f.s.TaskProgressOf(&st); !pr.Reached || pr.Percent != 100 {
		t.Fatalf("stage reached %+v", pr)
	}

	words := Task{VillageID: f.village.ID, Title: "建强村党组织", Poster: PosterTown, TakenOn: day("2025-01-01"),
		Deadline: day("2025-07-31"), Status: TaskOpen, Progress: 70}
	noErr(t, f.s.SaveTask(&words))
	rows, err := f.s.ListTasks(TaskFilter{Status: TaskOverdue}, 0, 0)
	noErr(t, err)
	if len(rows) != 3 || rows[0].ID != sales.ID || rows[1].ID != st.ID || rows[2].ID != words.ID || rows[2].Shown != TaskOverdue ||
		rows[2].DaysLeft != -1 || rows[2].Progress.Percent != 70 {
		t.Fatalf("overdue rows %+v", rows)
	}
	sum, err := f.s.YearSummary(2025, 0)
	noErr(t, err)
	if sum.Tasks != (TaskFigures{Count: 5, Overdue: 3}) { // sales (06-30), stage (06-30), words (07-31) past their deadline on 08-01
		t.Fatalf("summary tasks %+v", sum.Tasks)
	}
	words.Status, words.ClosedOn = TaskDone, day("2025-07-30")
	noErr(t, f.s.SaveTask(&words))
	hh.Status, hh.ClosedOn = TaskWithdrawn, day("2025-07-30")
	noErr(t, f.s.SaveTask(&hh))
	sum, _ = f.s.YearSummary(2025, 0)
	if sum.Tasks != (TaskFigures{Count: 4, Done: 1, Overdue: 2}) {
		t.Fatalf("summary tasks after closing %+v", sum.Tasks)
	}
	results, err := f.s.TaskResults(2025, f.village.ID)
	noErr(t, err)
	if len(results) != 4 {
		t.Fatalf("TaskResults %d rows", len(results))
	}
	for _, r := range results {
		if r.ID == words.ID && (r.Shown != TaskDone || r.Progress.Percent != 100) {
			t.Fatalf("done item %+v", r)
		}
	}
	if open, _ := f.s.OpenTasks(0, 10); len(open) != 3 || open[0].Shown != TaskOverdue {
		t.Fatalf("open items %+v", open)
	}
}

// A row audited before partner_id existed (NULL) keeps its hash: the hash over the old columns
// alone. Setting the unit changes it, and a unit set outside 村记 is found by Verify.
func TestPartnerColumnKeepsOldHashes(t *testing.T) {
	f := newLedgerFixture(t)
	p := validProject(f)
	noErr(t, f.s.SaveProject(&p))
	fl := FundingLine{ProjectID: p.ID, Source: "帮扶单位资金", Amount: 500_000}
	noErr(t, f.s.SaveFundingLine(&fl))
	oldHash := func(q string, id int64) string {
		rows, err := f.s.db.Query(q, id)
		noErr(t, err)
		defer rows.Close()
		rows.Next()
		vals := make([]any, 7)
		ptrs := make([]any, 7)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		noErr(t, rows.Scan(ptrs...))
		h := sha256.New()
		for _, v := range vals {
			writeValue(h, v)
		}
		return hex.EncodeToString(h.Sum(nil))
	}
	var audited string
	noErr(t, f.s.db.QueryRow("SELECT row_hash FROM audit_log WHERE tbl = 'funding_lines' AND row_id = ?", fl.ID).Scan(&audited))
	if want := oldHash("SELECT id, uuid, project_id, source, amount, note, deleted_at IS NOT NULL FROM funding_lines WHERE id = ?", fl.ID); audited != want {
		t.Fatalf("a funding line without a unit hashes %s, its columns before 0009 %s", audited, want)
	}
	partner := &Partner{Name: "齐鲁银行", Kind: PartnerEnterprise}
	noErr(t, f.s.SavePartner(partner))
	fl.PartnerID = partner.ID
	noErr(t, f.s.SaveFundingLine(&fl))
	verifyOK(t, f.s)
	_, err := f.s.db.Exec("UPDATE funding_lines SET partner_id = NULL WHERE id = ?", fl.ID)
	noErr(t, err)
	r, err := f.s.Verify(t.Context())
	noErr(t, err)
	if r.OK() {
		t.Fatal("Verify missed a unit cleared outside 村记")
	}
}

// The contribution figures agree with plain SQL over the same rows, unit by unit and in total.
func TestPartnerContributionsAgainstSQL(t *testing.T) {
	f := newLedgerFixture(t)
	units := make([]*Partner, 3)
	for i, n := range []string{"济南市财政局", "齐鲁银行", "历下区甸柳社区"} {
		units[i] = &Partner{Name: n, Kind: PartnerKinds[i]}
		noErr(t, f.s.SavePartner(units[i]))
	}
	for i := range 6 {
		p := validProject(f)
		p.Name = "项目" + string(rune('A'+i))
		p.YearStarted = 2024 + i%2
		p.VillageIDs = []int64{[]int64{f.village.ID, f.village2.ID}[i%2]}
		p.PartnerIDs = []int64{units[i%3].ID}
		if i == 5 {
			p.PartnerIDs = []int64{units[0].ID, units[1].ID}
		}
		noErr(t, f.s.SaveProject(&p))
		for k := range 3 {
			fl := FundingLine{ProjectID: p.ID, Source: "帮扶单位资金", Amount: Money(100_000 * (i + k + 1)), PartnerID: units[(i+k)%3].ID}
			if k == 2 {
				fl.PartnerID = 0
			}
			noErr(t, f.s.SaveFundingLine(&fl))
			if i == 4 && k == 1 {
				noErr(t, f.s.DeleteFundingLine(fl.ID))
			}
		}
	}
	for i := range 12 {
		v, sl := f.village, f.seller
		if i%3 == 0 {
			v, sl = f.village2, f.seller2
		}
		ev := &SaleEvent{Date: day("2025-01-15").AddDays(i * 35), VillageID: v.ID, Channel: ChannelUnitPurchase, Buyer: "单位食堂",
			PartnerID: units[i%3].ID}
		if i == 7 {
			ev.PartnerID = 0
		}
		noErr(t, f.s.SaveSaleEvent(ev, []SaleLine{{ProductID: f.garlic.ID, SellerID: sl.ID, Quantity: Quantity(1000 * (i + 1)), Price: 500}}))
		if i == 9 {
			noErr(t, f.s.DeleteSaleEvent(ev.ID))
		}
	}
	for i, u := range units {
		st := PartnerStaff{PartnerID: u.ID, VillageID: f.village.ID, DateFrom: day("2024-03-01").AddDays(i * 200), People: i + 1, Names: "张三"}
		noErr(t, f.s.SavePartnerStaff(&st))
	}
	for _, villageID := range []int64{0, f.village.ID, f.village2.ID} {
		for _, per := range []Period{YearPeriod(2025), YearPeriod(2024), QuarterPeriod(2025, 2)} {
			rows, total, err := f.s.PartnerContributions(per, villageID)
			noErr(t, err)
			if len(rows) != 3 {
				t.Fatalf("%d rows", len(rows))
			}
			var sumFunding, sumPurchases Money
			for _, r := range rows {
				var want PartnerContribution
				noErr(t, f.s.db.QueryRow(`SELECT coalesce(sum(f.amount), 0) FROM funding_lines f, projects p
					WHERE p.id = f.project_id AND f.partner_id = ? AND f.deleted_at IS NULL AND p.deleted_at IS NULL
					AND p.year_started >= ? AND p.year_started <= ?
					AND (? = 0 OR EXISTS (SELECT 1 FROM project_villages pv WHERE pv.project_id = p.id AND pv.village_id = ?))`,
					r.PartnerID, per.From.Year(), per.To.Year(), villageID, villageID).Scan(&want.Funding))
				noErr(t, f.s.db.QueryRow(`SELECT coalesce(sum(l.amount), 0), count(DISTINCT e.id) FROM sale_lines l, sale_events e
					WHERE l.event_id = e.id AND e.partner_id = ? AND l.deleted_at IS NULL AND e.deleted_at IS NULL
					AND e.date >= ? AND e.date <= ? AND (? = 0 OR e.village_id = ?)`,
					r.PartnerID, per.From, per.To, villageID, villageID).Scan(&want.Purchases, &want.Events))
				noErr(t, f.s.db.QueryRow(`SELECT coalesce(sum(people), 0) FROM partner_staff WHERE partner_id = ? AND deleted_at IS NULL
					AND date_from <= ? AND (date_to IS NULL OR date_to >= ?) AND (? = 0 OR village_id = ?)`,
					r.PartnerID, per.To, per.From, villageID, villageID).Scan(&want.People))
				if r.Funding != want.Funding || r.Purchases != want.Purchases || r.Events != want.Events || r.People != want.People {
					t.Fatalf("%s %v village %d: got %+v want %+v", r.Name, per, villageID, r, want)
				}
				sumFunding += r.Funding
				sumPurchases += r.Purchases
			}
			if total.Funding != sumFunding || total.Purchases != sumPurchases {
				t.Fatalf("totals %+v", total)
			}
			sum, err := f.s.PeriodSummary(per, villageID)
			noErr(t, err)
			if sum.Partners.Funding != total.Funding || sum.Partners.Purchases != total.Purchases {
				t.Fatalf("summary %+v total %+v", sum.Partners, total)
			}
		}
	}
	// Projects: every project here is active in 2025 (no stage), so each unit counts its own.
	rows, total, err := f.s.PartnerContributions(YearPeriod(2025), 0)
	noErr(t, err)
	for _, r := range rows {
		want := countRows(t, f.s, "SELECT count(*) FROM project_partners WHERE partner_id = ?", r.PartnerID)
		if int64(r.Projects) != want {
			t.Fatalf("%s projects %d want %d", r.Name, r.Projects, want)
		}
	}
	if total.Projects != 6 {
		t.Fatalf("distinct projects %d", total.Projects)
	}
	verifyOK(t, f.s)
}

// Past sales whose buyer names a unit are previewed, linked in one audited change, and unlinked
// by the undo; a sale linked meanwhile by hand is left alone.
func TestLinkPartnerSales(t *testing.T) {
	f := newLedgerFixture(t)
	bank := &Partner{Name: "齐鲁银行", Kind: PartnerEnterprise}
	branch := &Partner{Name: "齐鲁银行历下支行", Kind: PartnerEnterprise}
	noErr(t, f.s.SavePartner(bank))
	noErr(t, f.s.SavePartner(branch))
	sale := func(buyer string) *SaleEvent {
		ev := &SaleEvent{Date: day("2024-05-01"), VillageID: f.village.ID, Channel: ChannelUnitPurchase, Buyer: buyer}
		noErr(t, f.s.SaveSaleEvent(ev, []SaleLine{{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 2000, Price: 500}}))
		return ev
	}
	a, b, c, d := sale("齐鲁银行食堂"), sale("齐鲁银行历下支行工会"), sale("甸柳社区"), sale("齐鲁银行")
	preview, err := f.s.PartnerSaleMatches(0)
	noErr(t, err)
	if len(preview) != 3 || preview[0].EventID != a.ID || preview[0].PartnerID != bank.ID || preview[1].EventID != b.ID ||
		preview[1].PartnerID != branch.ID || preview[2].EventID != d.ID || preview[0].Total != 1000 {
		t.Fatalf("preview %+v", preview)
	}
	if only, _ := f.s.PartnerSaleMatches(branch.ID); len(only) != 1 || only[0].EventID != b.ID {
		t.Fatalf("one unit's preview %+v", only)
	}
	d.PartnerID = branch.ID // linked by hand meanwhile: left as it is
	noErr(t, f.s.SaveSaleEvent(d, []SaleLine{{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 2000, Price: 500}}))
	before := countRows(t, f.s, "SELECT count(*) FROM audit_log")
	done, err := f.s.LinkPartnerSales(preview)
	noErr(t, err)
	if len(done) != 2 {
		t.Fatalf("linked %+v", done)
	}
	if n := countRows(t, f.s, "SELECT count(*) FROM audit_log") - before; n != 2 {
		t.Fatalf("%d audit rows for 2 links", n)
	}
	for ev, want := range map[int64]int64{a.ID: bank.ID, b.ID: branch.ID, c.ID: 0, d.ID: branch.ID} {
		got, _ := f.s.GetSaleEvent(ev)
		if got.PartnerID != want {
			t.Fatalf("event %d unit %d want %d", ev, got.PartnerID, want)
		}
	}
	if got, _ := f.s.GetSaleEvent(a.ID); got.Buyer != "齐鲁银行食堂" {
		t.Fatalf("buyer text changed: %q", got.Buyer)
	}
	rows, _, _ := f.s.PartnerContributions(YearPeriod(2024), 0)
	if rows[0].Name != bank.Name || rows[0].Purchases != 1000 || rows[1].Purchases != 2000 {
		t.Fatalf("contributions after linking %+v", rows)
	}
	verifyOK(t, f.s)
	_, err = f.s.LinkPartnerSales(preview)
	wantProblem(t, err, "", "err.partner_link.none")

	noErr(t, f.s.UnlinkPartnerSales(done))
	for _, ev := range []int64{a.ID, b.ID} {
		if got, _ := f.s.GetSaleEvent(ev); got.PartnerID != 0 {
			t.Fatalf("undo left event %d linked", ev)
		}
	}
	if got, _ := f.s.GetSaleEvent(d.ID); got.PartnerID != branch.ID {
		t.Fatal("undo unlinked a sale linked by hand")
	}
	verifyOK(t, f.s)
}
