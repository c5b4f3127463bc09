package data

import (
	"strings"
	"testing"
)

func TestEntryValidation(t *testing.T) {
	f := newLedgerFixture(t)
	p := validProject(f)
	noErr(t, f.s.SaveProject(&p))
	noErr(t, f.s.DeleteProject(p.ID))
	valid := func() CollectiveEntry {
		return CollectiveEntry{Date: day("2025-03-01"), VillageID: f.village.ID, Direction: DirectionIncome, Category: IncomeOperating, Amount: 100}
	}
	for _, c := range []struct {
		name       string
		edit       func(e *CollectiveEntry)
		field, key string
	}{
		{"date", func(e *CollectiveEntry) { e.Date = Date{} }, "Date", "err.entry.date.required"},
		{"village required", func(e *CollectiveEntry) { e.VillageID = 0 }, "VillageID", "err.entry.village_id.required"},
		{"village missing", func(e *CollectiveEntry) { e.VillageID = 42 }, "VillageID", "err.entry.village_id.missing"},
		{"direction", func(e *CollectiveEntry) { e.Direction = "收入" }, "Direction", "err.entry.direction.invalid"},
		{"category unknown", func(e *CollectiveEntry) { e.Category = "发包收入" }, "Category", "err.entry.category.invalid"},
		{"expense category under income", func(e *CollectiveEntry) { e.Category = "管理费用" }, "Category", "err.entry.category.invalid"},
		{"income category under expense", func(e *CollectiveEntry) { e.Direction = DirectionExpense }, "Category", "err.entry.category.invalid"},
		{"sub-item long", func(e *CollectiveEntry) { e.SubItem = long(61) }, "SubItem", "err.entry.sub_item.long"},
		{"amount zero", func(e *CollectiveEntry) { e.Amount = 0 }, "Amount", "err.entry.amount.positive"},
		{"amount negative", func(e *CollectiveEntry) { e.Amount = -100 }, "Amount", "err.entry.amount.positive"},
		{"counterparty long", func(e *CollectiveEntry) { e.Counterparty = long(61) }, "Counterparty", "err.entry.counterparty.long"},
		{"voucher long", func(e *CollectiveEntry) { e.Voucher = long(61) }, "Voucher", "err.entry.voucher.long"},
		{"project deleted", func(e *CollectiveEntry) { e.ProjectID = p.ID }, "ProjectID", "err.entry.project_id.missing"},
		{"note long", func(e *CollectiveEntry) { e.Note = long(2001) }, "Note", "err.entry.note.long"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := valid()
			c.edit(&e)
			wantProblem(t, f.s.SaveEntry(&e), c.field, c.key)
		})
	}
	e := valid()
	e.Voucher = "记－００１"
	noErr(t, f.s.SaveEntry(&e))
	got, err := f.s.GetEntry(e.ID)
	noErr(t, err)
	if got.Voucher != "记-001" || got.ProjectID != 0 {
		t.Fatalf("%+v", got)
	}
}

func TestEntriesListTotalsAndTarget(t *testing.T) {
	f := newLedgerFixture(t)
	p := validProject(f)
	noErr(t, f.s.SaveProject(&p))
	add := func(date string, village int64, dir, cat string, yuan Money, project int64, sub string) *CollectiveEntry {
		e := &CollectiveEntry{Date: day(date), VillageID: village, Direction: dir, Category: cat, Amount: yuan * 100,
			ProjectID: project, SubItem: sub, Counterparty: "对方" + sub}
		noErr(t, f.s.SaveEntry(e))
		return e
	}
	v1, v2 := f.village.ID, f.village2.ID
	add("2025-01-10", v1, DirectionIncome, "经营收入", 30_000, p.ID, "土地流转费")
	add("2025-03-05", v1, DirectionIncome, "投资收益", 20_000, 0, "入股分红")
	add("2025-03-20", v1, DirectionIncome, "补助收入", 50_000, 0, "运转经费补助")
	add("2025-06-30", v1, DirectionIncome, "其他收入", 1_000, 0, "利息收入")
	add("2025-03-21", v1, DirectionExpense, "管理费用", 4_000, 0, "办公费")
	gone := add("2025-04-01", v1, DirectionExpense, "公益支出", 9_999, 0, "道路维护")
	add("2025-05-01", v2, DirectionIncome, "经营收入", 7_000, 0, "租赁收入")
	add("2024-12-31", v1, DirectionIncome, "经营收入", 8_000, 0, "发包收入")
	noErr(t, f.s.DeleteEntry(gone.ID))

	tot, err := f.s.EntryTotals(EntryFilter{Year: 2025, VillageID: v1})
	noErr(t, err)
	want := EntryTotals{Income: 10_100_000, Operating: 5_000_000, Expense: 400_000, Net: 9_700_000, Count: 5}
	if tot != want {
		t.Fatalf("totals %+v, want %+v", tot, want)
	}
	for _, c := range []struct {
		flt  EntryFilter
		want int
	}{
		{EntryFilter{Year: 2025}, 6}, {EntryFilter{Year: 2025, Month: 3}, 3}, {EntryFilter{Direction: DirectionExpense}, 1},
		{EntryFilter{Category: "经营收入"}, 3}, {EntryFilter{ProjectID: p.ID}, 1}, {EntryFilter{Search: "流转"}, 1},
		{EntryFilter{Search: "对方"}, 7}, {EntryFilter{VillageID: v2}, 1}, {EntryFilter{From: day("2025-03-05"), To: day("2025-03-21")}, 3},
	} {
		rows, err := f.s.ListEntries(c.flt, 0, 100)
		noErr(t, err)
		n, err := f.s.CountEntries(c.flt)
		noErr(t, err)
		if len(rows) != c.want || n != c.want {
			t.Errorf("%+v: %d rows, count %d, want %d", c.flt, len(rows), n, c.want)
		}
	}
	rows, _ := f.s.ListEntries(EntryFilter{Year: 2025, VillageID: v1}, 0, 2)
	if len(rows) != 2 || rows[0].Date != day("2025-06-30") || rows[1].Village != "东泉村" {
		t.Fatalf("newest first: %+v", rows)
	}
	if rows, _ := f.s.ListEntries(EntryFilter{ProjectID: p.ID}, 0, 5); rows[0].Project != p.Name {
		t.Fatal("the project's name comes with the row")
	}
	var streamed Money
	noErr(t, f.s.EachEntry(YearPeriod(2025), v1, func(r EntryRow) error {
		if r.Direction == DirectionIncome {
			streamed += r.Amount
		}
		return nil
	}))
	if streamed != tot.Income {
		t.Fatalf("EachEntry income %v", streamed)
	}

	tp, err := f.s.TargetProgress(v1, 2025)
	noErr(t, err)
	if tp.HasTarget || !strings.Contains(tp.Chinese(), "未设定") {
		t.Fatalf("%+v %s", tp, tp.Chinese())
	}
	noErr(t, f.s.SaveVillageTarget(&VillageTarget{VillageID: v1, Year: 2025, Amount: 10_000_000, Measure: MeasureOperating}))
	tp, _ = f.s.TargetProgress(v1, 2025)
	if tp.Achieved != 5_000_000 || tp.Percent != 50 || tp.Remaining != 5_000_000 || tp.Chinese() != "已完成 50%，距 10 万元目标还差 ¥50,000.00" {
		t.Fatalf("%+v %s", tp, tp.Chinese())
	}
	noErr(t, f.s.SaveVillageTarget(&VillageTarget{VillageID: v1, Year: 2025, Amount: 8_000_000, Measure: MeasureNet}))
	tp, _ = f.s.TargetProgress(v1, 2025)
	if tp.Achieved != 9_700_000 || tp.Percent != 121 || tp.Remaining != 0 || !strings.Contains(tp.Chinese(), "已达到") {
		t.Fatalf("%+v %s", tp, tp.Chinese())
	}
	noErr(t, f.s.SaveVillageTarget(&VillageTarget{VillageID: v1, Year: 2025, Amount: 12_345_600, Measure: MeasureTotal}))
	tp, _ = f.s.TargetProgress(v1, 2025)
	if tp.Chinese() != "已完成 81%，距 ¥123,456.00 目标还差 ¥22,456.00" {
		t.Fatal(tp.Chinese())
	}
}

func TestCategoriesAndDirections(t *testing.T) {
	if len(Categories(DirectionIncome)) != 4 || len(Categories(DirectionExpense)) != 6 || Categories("x") != nil {
		t.Fatal("official lists")
	}
	for _, c := range append(append([]string{}, IncomeCategories...), ExpenseCategories...) {
		if len(SubItems[c]) == 0 {
			t.Errorf("no sub-items offered under %s", c)
		}
	}
	if DirectionName(DirectionIncome) != "收入" || DirectionName(DirectionExpense) != "支出" || MeasureName(MeasureNet) != "净收入" {
		t.Fatal("names")
	}
}
