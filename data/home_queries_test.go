package data

import (
	"path/filepath"
	"slices"
	"testing"
)

func TestYearRangeCoversEveryLedger(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "cunji.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if f, l, err := s.YearRange(); err != nil || f != 0 || l != 0 {
		t.Fatalf("empty: %d %d %v", f, l, err)
	}
	v := &Village{Name: "东泉村"}
	if err := s.SaveVillage(v); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveEntry(&CollectiveEntry{Date: MustDate(2021, 3, 1), VillageID: v.ID, Direction: DirectionIncome,
		Category: IncomeOperating, Amount: 100}); err != nil {
		t.Fatal(err)
	}
	p := &Project{Name: "大棚", Type: "产业发展", VillageIDs: []int64{v.ID}, YearStarted: 2019}
	if err := s.SaveProject(p); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDisbursement(&Disbursement{ProjectID: p.ID, Date: MustDate(2027, 1, 5), Amount: 100}); err != nil {
		t.Fatal(err)
	}
	f, l, err := s.YearRange()
	if err != nil || f != 2019 || l != 2027 {
		t.Fatalf("range %d–%d %v", f, l, err)
	}
	if err := s.DeleteProject(p.ID); err != nil {
		t.Fatal(err)
	}
	if f, _, _ := s.YearRange(); f != 2021 {
		t.Errorf("a deleted project still counts: first %d", f)
	}
}

func TestOfferedYears(t *testing.T) {
	for _, c := range []struct {
		first, last, this, back int
		want                    []int
	}{
		{0, 0, 2025, 2, []int{2025, 2024, 2023}},
		{2019, 2025, 2025, 2, []int{2025, 2024, 2023, 2022, 2021, 2020, 2019}},
		{2024, 2026, 2025, 2, []int{2026, 2025, 2024, 2023}},
		{1950, 2025, 2025, 2, nil}, // capped at 30 years
	} {
		got := OfferedYears(c.first, c.last, c.this, c.back)
		if c.want == nil {
			if len(got) != 30 || got[0] != 2025 {
				t.Errorf("%v: %v", c, got)
			}
			continue
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%v: %v", c, got)
		}
	}
}
