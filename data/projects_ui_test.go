package data

import "testing"

func TestProjectChoicesYearRangeAndCheck(t *testing.T) {
	f := newLedgerFixture(t)
	s := f.s
	first, last, err := s.ProjectYearRange()
	noErr(t, err)
	if first != 0 || last != 0 {
		t.Fatalf("empty range %d-%d", first, last)
	}
	bad := &Project{Name: " ", Type: "产业发展", VillageIDs: []int64{f.village.ID}, YearStarted: 2024, Households: 2, HouseholdsPoor: 3}
	err = s.CheckProject(bad)
	wantProblem(t, err, "Name", "err.project.name.required")
	wantProblem(t, err, "HouseholdsPoor", "err.project.households_poor.exceeds")
	if n := countRows(t, s, "SELECT count(*) FROM projects"); n != 0 {
		t.Fatalf("CheckProject wrote %d rows", n)
	}

	b := &Project{Name: "冷库", Type: "产业发展", VillageIDs: []int64{f.village.ID}, YearStarted: 2023}
	noErr(t, s.CheckProject(b))
	noErr(t, s.SaveProject(b))
	a := &Project{Name: "大棚", Type: "产业发展", VillageIDs: []int64{f.village.ID}, YearStarted: 2024}
	noErr(t, s.SaveProject(a))
	gone := &Project{Name: "已删除", Type: "其他", VillageIDs: []int64{f.village.ID}, YearStarted: 2020}
	noErr(t, s.SaveProject(gone))
	noErr(t, s.DeleteProject(gone.ID))
	noErr(t, s.SaveDisbursement(&Disbursement{ProjectID: a.ID, Date: day("2026-02-01"), Amount: 100}))

	cs, err := s.ProjectChoices(0)
	noErr(t, err)
	if len(cs) != 2 || cs[0].Name != "冷库" || cs[1].ID != a.ID { // by name (code point order)
		t.Fatalf("choices %+v", cs)
	}
	first, last, err = s.ProjectYearRange()
	noErr(t, err)
	if first != 2023 || last != 2026 {
		t.Fatalf("range %d-%d", first, last)
	}
}
