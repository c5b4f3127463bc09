package data

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// ledgerTruth remembers, in plain Go, everything a test wrote, so the expected figures are
// computed without the store's SQL.
type ledgerTruth struct {
	entries  []CollectiveEntry
	events   map[int64]*SaleEvent
	lines    []SaleLine
	projects []truthProject
}

type truthProject struct {
	Project
	funding  []Money
	disb     []Disbursement
	stages   []StageChange
	villages []int64
}

func buildTruth(t *testing.T, f *ledgerFixture, seed uint64) *ledgerTruth {
	rnd := rand.New(rand.NewPCG(seed, 99))
	tr := &ledgerTruth{events: map[int64]*SaleEvent{}}
	villages := []int64{f.village.ID, f.village2.ID}
	randDate := func() Date {
		return MustDate(2024+rnd.IntN(3), 1+rnd.IntN(12), 1+rnd.IntN(28))
	}
	for i := 0; i < 120; i++ {
		dir := Directions[rnd.IntN(2)]
		cats := Categories(dir)
		e := CollectiveEntry{Date: randDate(), VillageID: villages[rnd.IntN(2)], Direction: dir, Category: cats[rnd.IntN(len(cats))],
			Amount: Money(1 + rnd.IntN(5_000_000))}
		noErr(t, f.s.SaveEntry(&e))
		if rnd.IntN(10) == 0 {
			noErr(t, f.s.DeleteEntry(e.ID))
			continue
		}
		tr.entries = append(tr.entries, e)
	}
	sellers := []*Seller{f.seller, f.seller2}
	for i := 0; i < 4; i++ {
		x := &Seller{Name: fmt.Sprintf("卖家%d", i), VillageID: villages[i%2]}
		noErr(t, f.s.SaveSeller(x))
		sellers = append(sellers, x)
	}
	for i := 0; i < 80; i++ {
		ev := &SaleEvent{Date: randDate(), VillageID: villages[rnd.IntN(2)], Channel: Channels[rnd.IntN(len(Channels))]}
		ls := make([]SaleLine, rnd.IntN(6))
		for j := range ls {
			ls[j] = SaleLine{ProductID: []int64{f.garlic.ID, f.apple.ID}[rnd.IntN(2)], SellerID: sellers[rnd.IntN(len(sellers))].ID,
				Quantity: Quantity(1 + rnd.IntN(100_000)), Price: Money(rnd.IntN(10_000))}
			if rnd.IntN(8) == 0 {
				ls[j].Amount, ls[j].AmountTyped = Money(rnd.IntN(100_000)), true
			}
		}
		noErr(t, f.s.SaveSaleEvent(ev, ls))
		if rnd.IntN(6) == 0 && len(ls) > 0 { // later edit: drop the first line, move the event
			ev.Date = randDate()
			ls = ls[1:]
			noErr(t, f.s.SaveSaleEvent(ev, ls))
		}
		if rnd.IntN(10) == 0 {
			noErr(t, f.s.DeleteSaleEvent(ev.ID))
			continue
		}
		tr.events[ev.ID] = ev
		tr.lines = append(tr.lines, ls...)
	}
	for i := 0; i < 12; i++ {
		p := truthProject{}
		p.Project = Project{Name: fmt.Sprintf("项目%d", i), Type: ProjectTypes[i%5], YearStarted: 2023 + rnd.IntN(4),
			VillageIDs: villages[:1+rnd.IntN(2)]}
		if rnd.IntN(2) == 0 {
			p.VillageIDs = []int64{f.village2.ID}
		}
		if len(p.VillageIDs) == 2 && i%3 != 0 { // 联建 with set shares; the others split equally
			bp := 1 + rnd.IntN(ShareWhole-1)
			p.Shares = map[int64]int{p.VillageIDs[0]: bp, p.VillageIDs[1]: ShareWhole - bp}
		}
		noErr(t, f.s.SaveProject(&p.Project))
		p.villages = p.VillageIDs
		for k := 0; k < rnd.IntN(3); k++ {
			fl := FundingLine{ProjectID: p.ID, Source: FundingSources[rnd.IntN(6)], Amount: Money(1 + rnd.IntN(10_000_000))}
			noErr(t, f.s.SaveFundingLine(&fl))
			p.funding = append(p.funding, fl.Amount)
		}
		// Stages in their order with dates that never go backwards, as SaveStageChange requires.
		n := rnd.IntN(4)
		order, dates := make([]int, n), make([]Date, n)
		for k := range n {
			order[k], dates[k] = rnd.IntN(len(Stages)), randDate()
		}
		slices.Sort(order)
		slices.SortFunc(dates, func(a, b Date) int { return a.Compare(b) })
		for k := range n {
			sc := StageChange{ProjectID: p.ID, Stage: Stages[order[k]], Date: dates[k]}
			noErr(t, f.s.SaveStageChange(&sc))
			p.stages = append(p.stages, sc)
		}
		for k := 0; k < rnd.IntN(3); k++ {
			d := Disbursement{ProjectID: p.ID, Date: randDate(), Amount: Money(1 + rnd.IntN(1_000_000))}
			noErr(t, f.s.SaveDisbursement(&d))
			p.disb = append(p.disb, d)
		}
		if i == 11 {
			noErr(t, f.s.DeleteProject(p.ID))
			continue
		}
		tr.projects = append(tr.projects, p)
	}
	return tr
}

// part is village v's part of an amount of the project (v 0: all of it), restated from docs/DATA.md:
// its share rounded down to the fen, the remainder to the village with the largest share, then the lowest id.
func (p truthProject) part(amount Money, v int64) Money {
	if v == 0 {
		return amount
	}
	weight := func(id int64) (int64, int64) {
		if len(p.Shares) == 0 {
			return 1, int64(len(p.villages))
		}
		return int64(p.Shares[id]), ShareWhole
	}
	lead := p.villages[0]
	for _, id := range p.villages {
		if p.Shares[id] > p.Shares[lead] {
			lead = id
		}
	}
	if v != lead {
		w, tw := weight(v)
		return amount * Money(w) / Money(tw)
	}
	rest := amount
	for _, id := range p.villages {
		if id != lead {
			rest -= p.part(amount, id)
		}
	}
	return rest
}

func (tr *ledgerTruth) in(p Period, villageID int64, d Date, v int64) bool {
	return p.Contains(d) && (villageID == 0 || v == villageID)
}

// stageAt is the latest stage dated on or before d (ties: the later entry).
func (p truthProject) stageAt(d Date) string {
	best := -1
	for i, sc := range p.stages {
		if !sc.Date.After(d) && (best < 0 || !sc.Date.Before(p.stages[best].Date)) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return p.stages[best].Stage
}

// active restates docs/DATA.md's rule in Go.
func (p truthProject) active(per Period) bool {
	if p.YearStarted > per.To.Year() {
		return false
	}
	for _, sc := range p.stages {
		if per.Contains(sc.Date) {
			return true
		}
	}
	for _, d := range p.disb {
		if per.Contains(d.Date) {
			return true
		}
	}
	return !slices.Contains([]string{StageHandedOver, StageOperating, StageDistributing, StageTerminated}, p.stageAt(per.From.AddDays(-1)))
}

func (tr *ledgerTruth) expect(p Period, villageID int64) Summary {
	want := Summary{Year: p.From.Year(),
		Income:   IncomeFigures{ByCategory: map[string]Money{"经营收入": 0, "投资收益": 0, "补助收入": 0, "其他收入": 0}},
		Expense:  ExpenseFigures{ByCategory: map[string]Money{}},
		Sales:    SalesFigures{ByChannel: map[string]Money{}},
		Projects: ProjectFigures{ByStage: map[string]int{}}}
	want.Income, want.Expense = tr.income(p, villageID)
	want.PreviousIncome, _ = tr.income(p.YearEarlier(), villageID)
	_, prevExpense := tr.income(p.YearEarlier(), villageID)
	want.PreviousNet = want.PreviousIncome.Total - prevExpense.Total
	want.WorkDaysTarget = DefaultWorkDaysTarget
	want.Decisions.ByKind = map[string]int{}
	for _, k := range DecisionKinds {
		want.Decisions.ByKind[k] = 0
	}
	want.Net = want.Income.Total - want.Expense.Total
	for _, c := range Channels {
		want.Sales.ByChannel[c] = 0
	}
	sellers := map[int64]bool{}
	for _, ev := range tr.events {
		if tr.in(p, villageID, ev.Date, ev.VillageID) {
			want.Sales.Events++
		}
	}
	for _, l := range tr.lines {
		ev := tr.events[l.EventID]
		if !tr.in(p, villageID, ev.Date, ev.VillageID) {
			continue
		}
		want.Sales.Total += l.Amount
		want.Sales.Lines++
		want.Sales.ByChannel[ev.Channel] += l.Amount
		sellers[l.SellerID] = true
	}
	want.Sales.Sellers = len(sellers)
	for _, pr := range tr.projects {
		if (villageID != 0 && !slices.Contains(pr.villages, villageID)) || !pr.active(p) {
			continue
		}
		want.Projects.Count++
		for _, a := range pr.funding {
			want.Projects.Budget += pr.part(a, villageID)
		}
		for _, d := range pr.disb {
			if !d.Date.After(p.To) {
				want.Projects.Disbursed += pr.part(d.Amount, villageID)
			}
		}
		stage := pr.stageAt(p.To)
		if stage == "" {
			stage = StageNone
		}
		want.Projects.ByStage[stage]++
	}
	return want
}

// income adds up the entries of a period the way the summary's income and expense figures do.
func (tr *ledgerTruth) income(p Period, villageID int64) (IncomeFigures, ExpenseFigures) {
	var want Summary
	want.Income = IncomeFigures{ByCategory: map[string]Money{"经营收入": 0, "投资收益": 0, "补助收入": 0, "其他收入": 0}}
	want.Expense = ExpenseFigures{ByCategory: map[string]Money{}}
	for _, e := range tr.entries {
		if !tr.in(p, villageID, e.Date, e.VillageID) {
			continue
		}
		if e.Direction == DirectionIncome {
			want.Income.Total += e.Amount
			want.Income.ByCategory[e.Category] += e.Amount
			if e.Category != "补助收入" && e.Category != "其他收入" {
				want.Income.Operating += e.Amount
			}
		} else {
			want.Expense.Total += e.Amount
			want.Expense.ByCategory[e.Category] += e.Amount
		}
	}
	return want.Income, want.Expense
}

// The summary's figures equal sums the test computes itself from the rows it inserted.
func TestSummaryEqualsIndependentSums(t *testing.T) {
	f := newLedgerFixture(t)
	tr := buildTruth(t, f, 42)
	checkSalesTotals(t, f.s)
	periods := []Period{YearPeriod(2024), YearPeriod(2025), YearPeriod(2026), QuarterPeriod(2025, 2), MonthPeriod(2025, 12),
		{day("2025-02-14"), day("2025-11-03")}, {day("2025-03-02"), day("2025-03-09")}, {day("2024-12-15"), day("2026-01-15")}}
	for _, p := range periods {
		for _, v := range []int64{0, f.village.ID, f.village2.ID} {
			got, err := f.s.PeriodSummary(p, v)
			noErr(t, err)
			want := tr.expect(p, v)
			if v != 0 && p == YearPeriod(p.From.Year()) {
				want.Target, err = f.s.TargetProgress(v, p.From.Year())
				noErr(t, err)
			}
			got.Period, got.Village = Period{}, nil
			if !reflect.DeepEqual(*got, want) {
				t.Errorf("%s village %d:\n got %+v\nwant %+v", p, v, *got, want)
			}
		}
	}
	y, err := f.s.YearSummary(2025, f.village.ID)
	noErr(t, err)
	if y.Period != YearPeriod(2025) || y.Village.Name != "东泉村" {
		t.Fatalf("%+v", y)
	}
}

func TestSummaryJSONShape(t *testing.T) {
	s := ledgerStore(t)
	sum, err := s.YearSummary(2025, 0)
	noErr(t, err)
	b, err := json.Marshal(sum)
	noErr(t, err)
	want := `{"year":2025,"income":{"total":0,"operating":0,"by_category":{"其他收入":0,"投资收益":0,"经营收入":0,"补助收入":0}},` +
		`"expense":{"total":0,"by_category":{}},"net":0,"sales":{"total":0,"lines":0,"events":0,"sellers":0,` +
		`"by_channel":{"共富超市":0,"其他":0,"助农大集":0,"单位采购":0,"直播带货":0}},"projects":{"count":0,"budget":0,"disbursed":0,"by_stage":{}},` +
		`"contracts":{"count":0,"active":0,"rent_due":0,"received":0,"overdue":0},"assets":{"count":0,"value":0},` +
		`"tasks":{"count":0,"done":0,"overdue":0},"partners":{"units":0,"funding":0,"purchases":0},` +
		`"decisions":{"taken":0,"active":0,"by_kind":{"借贷/担保":0,"其他":0,"合同发包/租赁":0,"资产处置":0,"集体收益使用":0,"项目立项":0}},` +
		`"worklog":{"days_logged":0,"days_in_village":0,"days_away":0,"visits":0,"households":0,"issues":0,"solved":0},"work_days_target":20,` +
		`"previous_income":{"total":0,"operating":0,"by_category":{"其他收入":0,"投资收益":0,"经营收入":0,"补助收入":0}},"previous_net":0}`
	if string(b) != want {
		t.Fatalf("JSON\n got %s\nwant %s", b, want)
	}
}

func TestSplitPeriod(t *testing.T) {
	for _, c := range []struct {
		p    Period
		want string
	}{
		{YearPeriod(2025), "2025-01..2025-12 []"},
		{Period{day("2025-01-15"), day("2025-03-31")}, "2025-02..2025-03 [2025-01-15..2025-01-31]"},
		{Period{day("2025-01-01"), day("2025-03-30")}, "2025-01..2025-02 [2025-03-01..2025-03-30]"},
		{Period{day("2025-01-02"), day("2025-01-30")}, ".. [2025-01-02..2025-01-30]"},
		{Period{day("2025-01-31"), day("2025-02-01")}, ".. [2025-01-31..2025-02-01]"},
		{Period{day("2024-12-31"), day("2025-02-01")}, "2025-01..2025-01 [2024-12-31..2024-12-31 2025-02-01..2025-02-01]"},
		{Period{day("2024-02-01"), day("2024-02-29")}, "2024-02..2024-02 []"},
	} {
		sp := splitPeriod(c.p)
		var edges []string
		for _, e := range sp.edges {
			edges = append(edges, e.From.String()+".."+e.To.String())
		}
		got := sp.fromMonth + ".." + sp.toMonth + " [" + strings.Join(edges, " ") + "]"
		if got != c.want {
			t.Errorf("%s: got %s want %s", c.p, got, c.want)
		}
	}
}

func TestReportIteratorsAgreeWithSummary(t *testing.T) {
	f := newLedgerFixture(t)
	tr := buildTruth(t, f, 7)
	p := YearPeriod(2025)
	for _, v := range []int64{0, f.village.ID} {
		sum, err := f.s.PeriodSummary(p, v)
		noErr(t, err)
		var total Money
		var n int
		var last SaleLineRow
		noErr(t, f.s.EachSaleLine(p, v, func(r SaleLineRow) error {
			if r.Date.Before(last.Date) {
				t.Fatal("lines come by date")
			}
			last = r
			total += r.Amount
			n++
			if r.Product == "" || r.Seller == "" || r.Channel == "" || r.Unit == "" {
				t.Fatalf("names missing: %+v", r)
			}
			return nil
		}))
		if total != sum.Sales.Total || n != sum.Sales.Lines {
			t.Fatalf("EachSaleLine %v/%d vs summary %v/%d", total, n, sum.Sales.Total, sum.Sales.Lines)
		}
		for _, by := range []string{"channel", "product", "seller"} {
			rows, err := f.s.SalesBy(p, v, by)
			noErr(t, err)
			var t2 Money
			var lines int
			for _, r := range rows {
				t2 += r.Amount
				lines += r.Lines
			}
			if t2 != sum.Sales.Total || lines != sum.Sales.Lines {
				t.Fatalf("SalesBy %s: %v/%d", by, t2, lines)
			}
			if by == "channel" && (len(rows) != len(Channels) || rows[0].Key != Channels[0]) {
				t.Fatalf("%+v", rows)
			}
			if by == "seller" && len(rows) != sum.Sales.Sellers {
				t.Fatalf("%d sellers vs %d", len(rows), sum.Sales.Sellers)
			}
		}
		monthly, err := f.s.MonthlySalesByChannel(2025, v)
		noErr(t, err)
		var mt Money
		for i, m := range monthly {
			if m.Key != Channels[i] || m.Total != sum.Sales.ByChannel[m.Key] {
				t.Fatalf("%+v", m)
			}
			mt += m.Total
		}
		if mt != sum.Sales.Total {
			t.Fatal("monthly sales")
		}
		income, err := f.s.MonthlyIncomeByCategory(2025, v)
		noErr(t, err)
		for i, m := range income {
			var months Money
			for _, x := range m.Months {
				months += x
			}
			if m.Key != IncomeCategories[i] || m.Total != sum.Income.ByCategory[m.Key] || months != m.Total {
				t.Fatalf("%+v", m)
			}
		}
		var budget, disbursed Money
		var projects int
		noErr(t, f.s.EachProjectFunding(p, v, func(r ProjectFundingRow) error {
			projects++
			budget += r.Budget
			disbursed += r.Disbursed
			var bySource Money
			for _, a := range r.BySource {
				bySource += a
			}
			if bySource != r.Budget || r.Balance != r.Budget-r.Disbursed || r.DisbursedInPeriod > r.Disbursed {
				t.Fatalf("%+v", r)
			}
			return nil
		}))
		if projects != sum.Projects.Count || budget != sum.Projects.Budget || disbursed != sum.Projects.Disbursed {
			t.Fatalf("EachProjectFunding %d %v %v vs %+v", projects, budget, disbursed, sum.Projects)
		}
		var want Money
		for _, pr := range tr.projects {
			for _, d := range pr.disb {
				if p.Contains(d.Date) && (v == 0 || slices.Contains(pr.villages, v)) {
					want += d.Amount
				}
			}
		}
		var got Money
		noErr(t, f.s.EachDisbursement(p, v, func(r DisbursementRow) error {
			got += r.Amount
			if r.Project == "" || r.Villages == "" {
				t.Fatalf("%+v", r)
			}
			return nil
		}))
		if got != want {
			t.Fatalf("EachDisbursement %v want %v", got, want)
		}
	}
	if _, err := f.s.SalesBy(p, 0, "month"); err == nil {
		t.Fatal("unknown grouping")
	}
}
