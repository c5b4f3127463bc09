package report

import (
	"cunji/data"
)

// Tables gives every table of the 报表 screen for period p and a village (0: all villages):
// the 收支汇总, the 销售汇总 by channel, product and seller, the 项目资金情况表, the
// income distributions and the 租金收缴情况. The export and the disclosure sheet print these same values.
// The entry-by-entry 集体收支明细表 is streamed by EachEntry.
func Tables(st *data.Store, p data.Period, villageID int64) (*Report, error) {
	return tables(st, p, villageID, true)
}

// tables is Tables; without groups it leaves out the sales by product and by seller, which
// read every sale line of the period and which the yearly workbook does not need.
func tables(st *data.Store, p data.Period, villageID int64, groups bool) (*Report, error) {
	sum, err := st.PeriodSummary(p, villageID)
	if err != nil {
		return nil, err
	}
	r := &Report{Period: p, VillageID: villageID, Village: "全部村"}
	if v := sum.Village; v != nil {
		r.Village = v.Town + v.Name
	}
	r.Statement = statement(sum)
	if err := salesTables(st, r, sum, groups); err != nil {
		return nil, err
	}
	if err := projectTables(st, r); err != nil {
		return nil, err
	}
	r.Contracts, r.Assets, r.RentCutoff = sum.Contracts, sum.Assets, st.RentCutoff(p)
	if r.Rent, err = st.RentCollection(p, villageID); err != nil {
		return nil, err
	}
	if r.Decisions, err = decisionLines(st, p, villageID); err != nil {
		return nil, err
	}
	if r.Partners, r.PartnerTotal, err = st.PartnerContributions(p, villageID); err != nil {
		return nil, err
	}
	return r, nil
}

// statement lays the summary's category figures out in the ledger's order, zeros included.
// The entry counts come from one more grouped query.
func statement(sum *data.Summary) IncomeStatement {
	s := IncomeStatement{
		IncomeTotal:  sum.Income.Total,
		ExpenseTotal: sum.Expense.Total,
		Operating:    sum.Income.Operating,
		Net:          sum.Net,
	}
	for _, c := range data.IncomeCategories {
		s.Income = append(s.Income, CategoryAmount{Category: c, Amount: sum.Income.ByCategory[c]})
	}
	for _, c := range data.ExpenseCategories {
		s.Expense = append(s.Expense, CategoryAmount{Category: c, Amount: sum.Expense.ByCategory[c]})
	}
	// A category outside the lists (typed before a list change) still counts in the totals: show it.
	for c, m := range sum.Income.ByCategory {
		if !contains(data.IncomeCategories, c) && m != 0 {
			s.Income = append(s.Income, CategoryAmount{Category: c, Amount: m})
		}
	}
	for c, m := range sum.Expense.ByCategory {
		if !contains(data.ExpenseCategories, c) && m != 0 {
			s.Expense = append(s.Expense, CategoryAmount{Category: c, Amount: m})
		}
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func salesTables(st *data.Store, r *Report, sum *data.Summary, groups bool) error {
	r.SalesTotal, r.SalesLines, r.SalesEvents, r.SalesSellers = sum.Sales.Total, sum.Sales.Lines, sum.Sales.Events, sum.Sales.Sellers
	by := []string{"channel"}
	if groups {
		by = append(by, "product", "seller")
	}
	for _, by := range by {
		rows, err := st.SalesBy(r.Period, r.VillageID, by)
		if err != nil {
			return err
		}
		groups := make([]SalesGroup, 0, len(rows))
		for _, x := range rows {
			g := SalesGroup{Name: x.Key, Lines: x.Lines, Amount: x.Amount}
			switch by {
			case "product":
				g.Detail = x.Quantity.String() + x.Unit
			case "seller":
				g.Detail = x.Status
				if r.VillageID == 0 && x.Village != "" {
					g.Detail = x.Village + " · " + x.Status
				}
			}
			groups = append(groups, g)
		}
		switch by {
		case "channel":
			r.SalesByChannel = groups
		case "product":
			r.SalesByProduct = groups
		case "seller":
			r.SalesBySeller = groups
		}
	}
	return nil
}

func projectTables(st *data.Store, r *Report) error {
	t := &r.ProjectTotal
	t.Name = "合计"
	err := st.EachProjectFunding(r.Period, r.VillageID, func(x data.ProjectFundingRow) error {
		pf := ProjectFunds{
			ProjectID:         x.ID,
			Name:              x.Name,
			Type:              x.Type,
			Villages:          x.Villages,
			Share:             x.Share,
			Stage:             x.Stage,
			Budget:            x.Budget,
			DisbursedInPeriod: x.DisbursedInPeriod,
			Disbursed:         x.Disbursed,
			Balance:           x.Balance,
		}
		for _, src := range data.FundingSources {
			if m := x.BySource[src]; m != 0 {
				pf.Sources = append(pf.Sources, SourceAmount{src, m})
			}
		}
		for src, m := range x.BySource {
			if !contains(data.FundingSources, src) && m != 0 {
				pf.Sources = append(pf.Sources, SourceAmount{src, m})
			}
		}
		r.Projects = append(r.Projects, pf)
		t.Budget += pf.Budget
		t.DisbursedInPeriod += pf.DisbursedInPeriod
		t.Disbursed += pf.Disbursed
		t.Balance += pf.Balance
		return nil
	})
	if err != nil {
		return err
	}
	index := map[int64]int{}
	for i, p := range r.Projects {
		index[p.ProjectID] = i
	}
	err = st.EachDistribution(r.Period, r.VillageID, func(d data.DistributionRow) error {
		r.Distributions = append(r.Distributions, DistributionRow{
			Date: d.Date, Project: d.Project, Recipient: d.Recipient, Amount: d.Amount, Note: d.Note,
		})
		r.Distributed += d.Amount
		if i, ok := index[d.ProjectID]; ok {
			r.Projects[i].Distributed += d.Amount
			t.Distributed += d.Amount
		}
		return nil
	})
	return err
}

// EachEntry streams the 集体收支明细表: the collective entries dated in p (villageID 0: all
// villages), by date. It is data.Store.EachEntry, named here so the screen and the export
// read the table from the same place as the others.
func EachEntry(st *data.Store, p data.Period, villageID int64, fn func(data.EntryRow) error) error {
	return st.EachEntry(p, villageID, fn)
}
