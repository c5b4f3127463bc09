package data

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestFillDemoFillsAnOpenEmptyStoreOnce(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "cunji.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	changes := 0
	cancel := s.Subscribe(func(Change) { changes++ })
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
	if changes == 0 {
		t.Error("subscribers heard nothing")
	}
	if err := s.FillDemo(DemoOptions{Sales: 10, Today: today}); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second fill: %v", err)
	}
}
