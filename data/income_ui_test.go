package data

import "testing"

func TestCheckEntryValidatesWithoutSaving(t *testing.T) {
	f := newLedgerFixture(t)
	s := f.s
	x := &CollectiveEntry{Date: day("2025-06-26"), VillageID: f.village.ID, Direction: DirectionIncome, Category: "管理费用", Amount: 0}
	err := s.CheckEntry(x)
	wantProblem(t, err, "Category", "err.entry.category.invalid")
	wantProblem(t, err, "Amount", "err.entry.amount.positive")
	x.Category, x.Amount, x.SubItem = IncomeOperating, 120000, "  土地流转费 "
	noErr(t, s.CheckEntry(x))
	if x.SubItem != "  土地流转费 " || x.ID != 0 {
		t.Fatalf("CheckEntry changed its input: %+v", x)
	}
	if n := countRows(t, s, "SELECT count(*) FROM collective_entries"); n != 0 {
		t.Fatalf("CheckEntry wrote %d rows", n)
	}
}

func TestEntryYearsAndSubItemSuggestions(t *testing.T) {
	f := newLedgerFixture(t)
	s := f.s
	years, err := s.EntryYears()
	noErr(t, err)
	if len(years) != 0 {
		t.Fatalf("years of an empty ledger: %v", years)
	}
	add := func(date, category, sub string) *CollectiveEntry {
		x := &CollectiveEntry{Date: day(date), VillageID: f.village.ID, Direction: DirectionIncome, Category: category, SubItem: sub, Amount: 100}
		noErr(t, s.SaveEntry(x))
		return x
	}
	add("2024-03-01", IncomeOperating, "大棚租金")
	add("2025-03-01", IncomeOperating, "大棚租金")
	add("2025-04-01", IncomeOperating, "冷库服务费")
	gone := add("2023-04-01", IncomeOperating, "旧名称")
	noErr(t, s.DeleteEntry(gone.ID))
	years, err = s.EntryYears()
	noErr(t, err)
	if len(years) != 2 || years[0] != 2025 || years[1] != 2024 {
		t.Fatalf("years %v", years)
	}

	all, err := s.SubItemSuggestions(IncomeOperating, "", 0)
	noErr(t, err)
	// The usual names first, then the typed ones by use (a deleted entry's name is not offered).
	if all[0] != SubItems[IncomeOperating][0] || all[len(all)-2] != "大棚租金" || all[len(all)-1] != "冷库服务费" {
		t.Fatalf("suggestions %v", all)
	}
	some, err := s.SubItemSuggestions(IncomeOperating, "租", 10)
	noErr(t, err)
	want := []string{"租赁收入", "大棚租金"}
	if len(some) != len(want) || some[0] != want[0] || some[1] != want[1] {
		t.Fatalf("suggestions for 租: %v", some)
	}
	few, err := s.SubItemSuggestions(IncomeOperating, "", 2)
	noErr(t, err)
	if len(few) != 2 {
		t.Fatalf("limit ignored: %v", few)
	}
	odd, err := s.SubItemSuggestions(IncomeOperating, "100%_", 10)
	noErr(t, err)
	if len(odd) != 0 {
		t.Fatalf("LIKE wildcards not escaped: %v", odd)
	}
}
