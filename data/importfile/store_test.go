package importfile

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"cunji/data"
)

func newStore(t testing.TB) *data.Store {
	t.Helper()
	st, err := data.Open(filepath.Join(t.TempDir(), "cunji.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Each fixture goes into a ledger, and the ledger's summary then shows the file's totals — both
// through the preview's batch and through the CLI's stream.
func TestFixturesIntoTheLedger(t *testing.T) {
	for _, c := range []struct {
		file string
		kind data.ImportKind
		want data.ImportTotals
	}{
		{"sales_ledger.xlsx", data.ImportSales, data.ImportTotals{Amount: 250410, Lines: 13}},
		{"sales_gb18030.csv", data.ImportSales, data.ImportTotals{Amount: 157100, Lines: 4}},
		{"income_ledger.xlsx", data.ImportIncome, data.ImportTotals{Income: 11003580, Expense: 506050, Operating: 6000000}},
		{"income_bom.csv", data.ImportIncome, data.ImportTotals{Income: 812345, Expense: 60000, Operating: 812345}},
		{"projects_ledger.xlsx", data.ImportProjects, data.ImportTotals{Count: 8, Budget: 182180651, Disbursed: 109000000}},
	} {
		t.Run(c.file, func(t *testing.T) {
			opt := Options{Kind: c.kind, Village: "东泉村"}
			res, err := Parse(context.Background(), fixtures+c.file, opt)
			if err != nil {
				t.Fatal(err)
			}
			st := newStore(t)
			rep, err := st.Import(res.Batch(), data.ImportOptions{SkipErrors: true})
			if err != nil || rep.Totals != c.want || rep.Imported != res.Counts.Valid {
				t.Fatalf("batch: %v %+v (parsed %+v)", err, rep, res.Counts)
			}
			checkSummary(t, st, c.kind, c.want)

			st2 := newStore(t)
			b, result, err := Stream(context.Background(), fixtures+c.file, opt, false)
			if err != nil {
				t.Fatal(err)
			}
			rep2, err := st2.Import(b, data.ImportOptions{SkipErrors: true})
			if err != nil || rep2.Totals != c.want || result().Counts != res.Counts || len(b.Sheets) == 0 {
				t.Fatalf("stream: %v %+v %+v", err, rep2, result())
			}
			checkSummary(t, st2, c.kind, c.want)
			if v, err := st2.Verify(context.Background()); err != nil || !v.OK() {
				t.Fatalf("verify %+v %v", v, err)
			}
		})
	}
}

func checkSummary(t *testing.T, st *data.Store, kind data.ImportKind, want data.ImportTotals) {
	t.Helper()
	sum, err := st.YearSummary(2024, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got data.ImportTotals
	switch kind {
	case data.ImportSales:
		got = data.ImportTotals{Amount: sum.Sales.Total, Lines: sum.Sales.Lines}
	case data.ImportIncome:
		got = data.ImportTotals{Income: sum.Income.Total, Expense: sum.Expense.Total, Operating: sum.Income.Operating}
	default:
		got = data.ImportTotals{Count: sum.Projects.Count, Budget: sum.Projects.Budget, Disbursed: sum.Projects.Disbursed}
	}
	if got != want {
		t.Fatalf("summary %+v, want the file's %+v", got, want)
	}
}

// Strict, a file with faulty rows writes nothing; the report still lists what the ledger refused.
func TestStreamStrictWritesNothing(t *testing.T) {
	st := newStore(t)
	b, result, err := Stream(context.Background(), fixtures+"sales_ledger.xlsx", Options{Kind: data.ImportSales, Village: "东泉村"}, true)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := st.Import(b, data.ImportOptions{})
	if !errors.Is(err, ErrRowErrors) || rep == nil || rep.BatchID != 0 || len(result().Errors) != 7 {
		t.Fatalf("%v %+v", err, rep)
	}
	if sum, _ := st.YearSummary(2024, 0); sum.Sales.Lines != 0 {
		t.Fatalf("%d lines written", sum.Sales.Lines)
	}
	if empty, _ := st.IsEmpty(); !empty {
		t.Fatal("the new village was written")
	}
	// The preview's dry run merges the ledger's findings into the rows.
	res, _ := Parse(context.Background(), fixtures+"sales_ledger.xlsx", Options{Kind: data.ImportSales, Village: "东泉村", KeepRows: true})
	first, err := st.Import(res.Batch(), data.ImportOptions{SkipErrors: true})
	if err != nil || first.Imported != 13 {
		t.Fatal(err, first)
	}
	again, err := st.Import(res.Batch(), data.ImportOptions{DryRun: true, SkipErrors: true})
	if err != nil {
		t.Fatal(err)
	}
	res.Merge(again)
	if res.Counts.Valid != 0 || res.Skips[reasonPresent] != 13 || res.Sheets[0].Rows[3].Reason != reasonPresent {
		t.Fatalf("merged: %+v %v", res.Counts, res.Skips)
	}
}
