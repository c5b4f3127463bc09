package data

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"
)

func TestFillDemoFillsAnOpenEmptyStoreOnce(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "cunji.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	changes := 0
	var tables []string
	cancel := s.Subscribe(func(c Change) { changes++; tables = c.Tables })
	defer cancel()
	today := MustDate(2025, 9, 30)
	if err := s.FillDemo(DemoOptions{Sales: 2000, Today: today}); err != nil {
		t.Fatal(err)
	}
	if empty, _ := s.IsEmpty(); empty {
		t.Fatal("still empty")
	}
	sum, err := s.YearSummary(2025, 0)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Sales.Lines == 0 || sum.Income.Total == 0 || sum.Projects.Count == 0 {
		t.Fatalf("demo year looks empty: %+v", sum)
	}
	// One notice for the whole fill, naming the ledgers it wrote.
	if changes != 1 || !slices.Contains(tables, "villages") || !slices.Contains(tables, "sale_lines") {
		t.Errorf("%d notices, last %q", changes, tables)
	}
	// Notices flow again afterwards.
	if err := s.SetSetting(SettingUnit, "某单位"); err != nil || changes != 2 {
		t.Errorf("after the fill: %d notices, %v", changes, err)
	}
	if err := s.FillDemo(DemoOptions{Sales: 10, Today: today}); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second fill: %v", err)
	}
}
