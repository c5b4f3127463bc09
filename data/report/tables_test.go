package report

import (
	"testing"

	"cunji/data"
)

func TestTablesAgreeWithSummary(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct {
		p       data.Period
		village int64
	}{
		{data.YearPeriod(2025), 0},
		{data.YearPeriod(2025), f.east.ID},
		{data.QuarterPeriod(2025, 3), f.east.ID},
		{data.MonthPeriod(2025, 8), f.west.ID},
		{data.Period{From: data.MustDate(2024, 12, 15), To: data.MustDate(2025, 1, 10)}, 0},
	} {
		r, err := Tables(f.st, c.p, c.village)
		must(t, err)
		sum, err := f.st.PeriodSummary(c.p, c.village)
		must(t, err)
		name := c.p.String()
		st := r.Statement
		if st.IncomeTotal != sum.Income.Total || st.ExpenseTotal != sum.Expense.Total || st.Operating != sum.Income.Operating || st.Net != sum.Net {
			t.Errorf("%s: statement %+v, summary %+v", name, st, sum)
		}
		if len(st.Income) != len(data.IncomeCategories) || len(st.Expense) != len(data.ExpenseCategories) {
			t.Errorf("%s: %d income and %d expense categories", name, len(st.Income), len(st.Expense))
		}
		var in, out, operating data.Money
		for _, c := range st.Income {
			in += c.Amount
			if c.Category != data.IncomeSubsidy && c.Category != data.IncomeOther {
				operating += c.Amount
			}
		}
		for _, c := range st.Expense {
			out += c.Amount
		}
		if in != st.IncomeTotal || out != st.ExpenseTotal || operating != st.Operating || in-out != st.Net {
			t.Errorf("%s: categories add up to %v/%v/%v", name, in, out, operating)
		}
		if r.SalesTotal != sum.Sales.Total || r.SalesLines != sum.Sales.Lines || r.SalesSellers != sum.Sales.Sellers {
			t.Errorf("%s: sales %v/%d/%d, summary %+v", name, r.SalesTotal, r.SalesLines, r.SalesSellers, sum.Sales)
		}
		for by, groups := range map[string][]SalesGroup{"channel": r.SalesByChannel, "product": r.SalesByProduct, "seller": r.SalesBySeller} {
			var total data.Money
			lines := 0
			for _, g := range groups {
				total, lines = total+g.Amount, lines+g.Lines
			}
			if total != r.SalesTotal || lines != r.SalesLines {
				t.Errorf("%s: sales by %s add up to %v in %d lines, want %v in %d", name, by, total, lines, r.SalesTotal, r.SalesLines)
			}
		}
		if len(r.SalesByChannel) != len(data.Channels) {
			t.Errorf("%s: %d channels", name, len(r.SalesByChannel))
		}
		if r.ProjectTotal.Budget != sum.Projects.Budget || r.ProjectTotal.Disbursed != sum.Projects.Disbursed || len(r.Projects) != sum.Projects.Count {
			t.Errorf("%s: projects %+v (%d), summary %+v", name, r.ProjectTotal, len(r.Projects), sum.Projects)
		}
		var rent data.ContractFigures
		for _, x := range r.Rent {
			rent.RentDue, rent.Received, rent.Overdue = rent.RentDue+x.Due, rent.Received+x.Received, rent.Overdue+x.Overdue
		}
		if rent.RentDue != sum.Contracts.RentDue || rent.Received != sum.Contracts.Received || rent.Overdue != sum.Contracts.Overdue ||
			r.Contracts != sum.Contracts || r.Assets != sum.Assets {
			t.Errorf("%s: rent rows add to %+v, summary %+v %+v", name, rent, sum.Contracts, sum.Assets)
		}
		for _, pf := range r.Projects {
			var sources data.Money
			for _, s := range pf.Sources {
				sources += s.Amount
			}
			if sources != pf.Budget || pf.Balance != pf.Budget-pf.Disbursed || pf.DisbursedInPeriod > pf.Disbursed {
				t.Errorf("%s: project %s: sources %v, %+v", name, pf.Name, sources, pf)
			}
		}
	}

	// Q3 in the east: 光伏 distributed 15,000 + 600; the 联建 shed disbursed 600,000 in July, of
	// which the east's equal share is half.
	r, err := Tables(f.st, data.QuarterPeriod(2025, 3), f.east.ID)
	must(t, err)
	if r.Distributed != 1560000 || len(r.Distributions) != 2 || r.Village != "龙山街道三涧溪村" {
		t.Fatalf("distributions %v %d, village %q", r.Distributed, len(r.Distributions), r.Village)
	}
	for _, pf := range r.Projects {
		switch pf.ProjectID {
		case f.shed.ID:
			if pf.DisbursedInPeriod != 30000000 || pf.Disbursed != 30000000 || pf.Stage != data.StageBuilding || pf.Villages != "三涧溪村、西岭村" {
				t.Errorf("shed: %+v", pf)
			}
		case f.solar.ID:
			if pf.Distributed != 1560000 || pf.Disbursed != 50000000 {
				t.Errorf("solar: %+v", pf)
			}
		}
	}
}
