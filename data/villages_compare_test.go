package data

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// compareStore is a demo ledger of four villages with its 联建 project split 40/30/20/10 and targets
// on two measures, its clock at the demo's last day.
func compareStore(t *testing.T) *Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "town.db")
	today := MustDate(2025, 8, 15)
	noErr(t, Demo(path, DemoOptions{Sales: 3000, Villages: 4, Years: 2, Today: today}))
	s, err := OpenExisting(path)
	noErr(t, err)
	t.Cleanup(func() { s.Close() })
	s.now = func() time.Time { return today.Time() }
	villages, err := s.Villages()
	noErr(t, err)
	var shared int64
	noErr(t, s.db.QueryRow("SELECT project_id FROM project_villages GROUP BY project_id HAVING count(*) = 4").Scan(&shared))
	p, err := s.GetProject(shared)
	noErr(t, err)
	p.Shares = map[int64]int{}
	for i, v := range villages {
		p.Shares[v.ID] = []int{4000, 3000, 2000, 1000}[i]
	}
	noErr(t, s.SaveProject(p))
	if tg, err := s.VillageTarget(villages[2].ID, 2025); err != nil || tg != nil {
		noErr(t, err)
		noErr(t, s.DeleteVillageTarget(tg.ID))
	}
	noErr(t, s.SaveVillageTarget(&VillageTarget{VillageID: villages[0].ID, Year: 2025, Amount: 20 * wan, Measure: MeasureOperating}))
	noErr(t, s.SaveVillageTarget(&VillageTarget{VillageID: villages[1].ID, Year: 2025, Amount: 5 * wan, Measure: MeasureNet}))
	return s
}

func sqlMoney(t *testing.T, s *Store, q string, args ...any) Money {
	t.Helper()
	var m Money
	noErr(t, s.db.QueryRow(q, args...).Scan(&m))
	return m
}

// Each village's line agrees with plain SQL over the ledgers' own rows (sales from the lines, not the
// monthly totals) and with that village's summary; the total line is the all-village summary; the
// villages' money adds up to the total.
func TestCompareVillagesAgreesWithIndependentSQL(t *testing.T) {
	s := compareStore(t)
	for _, p := range []Period{YearPeriod(2025), YearPeriod(2024), {day("2024-11-10"), day("2025-07-20")}} {
		c, err := s.CompareVillages(p)
		noErr(t, err)
		if len(c.Rows) != 4 {
			t.Fatalf("%d rows", len(c.Rows))
		}
		var sum VillageFigures
		sum.ByChannel = map[string]Money{}
		for _, r := range c.Rows {
			v := r.VillageID
			entries := `SELECT coalesce(sum(amount), 0) FROM collective_entries WHERE deleted_at IS NULL AND village_id = ? AND date BETWEEN ? AND ?`
			in := func(cats ...string) Money {
				var m Money
				for _, cat := range cats {
					m += sqlMoney(t, s, entries+" AND direction = 'income' AND category = ?", v, p.From, p.To, cat)
				}
				return m
			}
			out := func(cats ...string) Money {
				var m Money
				for _, cat := range cats {
					m += sqlMoney(t, s, entries+" AND direction = 'expense' AND category = ?", v, p.From, p.To, cat)
				}
				return m
			}
			want := IncomeDistribution{
				Operating: in(IncomeOperating), Investment: in(IncomeInvestment), Subsidy: in(IncomeSubsidy), OtherIncome: in(IncomeOther),
				OpExpense: out("经营支出", "税金及附加"), Management: out("管理费用"), OtherExp: out("公益支出", "其他支出", "所得税费用"),
			}
			want.Profit = sqlMoney(t, s, entries+" AND direction = 'income'", v, p.From, p.To) -
				sqlMoney(t, s, entries+" AND direction = 'expense'", v, p.From, p.To)
			if r.Distribution != want {
				t.Errorf("%s %s: 收益分配 %+v, SQL %+v", p, r.Village, r.Distribution, want)
			}
			if r.Operating != in(IncomeOperating, IncomeInvestment) {
				t.Errorf("%s %s: 经营性收入 %v", p, r.Village, r.Operating)
			}
			lines := ` FROM sale_lines l JOIN sale_events e ON e.id = l.event_id JOIN sellers x ON x.id = l.seller_id
				WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL AND e.village_id = ? AND e.date BETWEEN ? AND ?`
			for _, ch := range Channels {
				if got, w := r.ByChannel[ch], sqlMoney(t, s, "SELECT coalesce(sum(l.amount), 0)"+lines+" AND e.channel = ?", v, p.From, p.To, ch); got != w {
					t.Errorf("%s %s %s: %v, SQL %v", p, r.Village, ch, got, w)
				}
			}
			if w := sqlMoney(t, s, "SELECT coalesce(sum(l.amount), 0)"+lines, v, p.From, p.To); r.Sales != w {
				t.Errorf("%s %s: sales %v, SQL %v", p, r.Village, r.Sales, w)
			}
			if w := int(sqlMoney(t, s, "SELECT count(*)"+lines, v, p.From, p.To)); r.Lines != w {
				t.Errorf("%s %s: lines %d, SQL %d", p, r.Village, r.Lines, w)
			}
			// Sellers count in their own village, wherever they sold.
			sold := ` FROM sale_lines l JOIN sale_events e ON e.id = l.event_id JOIN sellers x ON x.id = l.seller_id
				WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL AND x.village_id = ? AND e.date BETWEEN ? AND ?`
			if w := int(sqlMoney(t, s, "SELECT count(DISTINCT l.seller_id)"+sold+" AND x.kind = '农户'", v, p.From, p.To)); r.Households != w || w == 0 && p.To.Year() == 2025 {
				t.Errorf("%s %s: households %d, SQL %d", p, r.Village, r.Households, w)
			}
			if w := int(sqlMoney(t, s, "SELECT count(DISTINCT l.seller_id)"+sold, v, p.From, p.To)); r.Sellers != w {
				t.Errorf("%s %s: sellers %d, SQL %d", p, r.Village, r.Sellers, w)
			}
			vs, err := s.PeriodSummary(p, v)
			noErr(t, err)
			if r.Projects != vs.Projects.Count || r.Budget != vs.Projects.Budget ||
				r.Disbursed != vs.Projects.Disbursed || !reflect.DeepEqual(r.ByStage, vs.Projects.ByStage) || r.RentOverdue != vs.Contracts.Overdue {
				t.Errorf("%s %s: %+v\nsummary %+v", p, r.Village, r, vs)
			}
			sum.Budget += r.Budget
			sum.Disbursed += r.Disbursed
			sum.Sales += r.Sales
			sum.Operating += r.Operating
			sum.RentOverdue += r.RentOverdue
			sum.Sellers += r.Sellers
			sum.Distribution.Profit += r.Distribution.Profit
			for ch, m := range r.ByChannel {
				sum.ByChannel[ch] += m
			}
		}
		tot, all := c.Total, mustSummary(t, s, p)
		if tot.Operating != all.Income.Operating || tot.Distribution.Income() != all.Income.Total || tot.Distribution.Expense() != all.Expense.Total ||
			tot.Distribution.Profit != all.Net || tot.Sales != all.Sales.Total || tot.Lines != all.Sales.Lines || tot.Sellers != all.Sales.Sellers ||
			!reflect.DeepEqual(tot.ByChannel, all.Sales.ByChannel) || tot.Projects != all.Projects.Count || tot.Budget != all.Projects.Budget ||
			tot.Disbursed != all.Projects.Disbursed || !reflect.DeepEqual(tot.ByStage, all.Projects.ByStage) || tot.RentOverdue != all.Contracts.Overdue {
			t.Errorf("%s: total %+v\nsummary %+v", p, tot, all)
		}
		if sum.Budget != tot.Budget || sum.Disbursed != tot.Disbursed || sum.Sales != tot.Sales || sum.Operating != tot.Operating ||
			sum.RentOverdue != tot.RentOverdue || sum.Sellers != tot.Sellers || sum.Distribution.Profit != tot.Distribution.Profit || !reflect.DeepEqual(sum.ByChannel, tot.ByChannel) {
			t.Errorf("%s: villages add up to %+v, total %+v", p, sum, tot)
		}
		if tot.Budget == 0 || tot.Sales == 0 || tot.Distribution.Profit == 0 {
			t.Fatalf("%s: an empty comparison proves nothing: %+v", p, tot)
		}
		for _, st := range c.Stages {
			if tot.ByStage[st] == 0 {
				t.Errorf("stage %s listed without projects", st)
			}
		}
	}
}

func mustSummary(t *testing.T, s *Store, p Period) *Summary {
	t.Helper()
	sum, err := s.PeriodSummary(p, 0)
	noErr(t, err)
	return sum
}

// Targets are judged on their own measure; 经营性收入 falls in the band the setting says.
func TestCompareVillagesTargetsAndBands(t *testing.T) {
	s := compareStore(t)
	c, err := s.CompareVillages(YearPeriod(2025))
	noErr(t, err)
	first, second := c.Rows[0], c.Rows[1]
	if !first.HasTarget || first.Measure != MeasureOperating || first.Achieved != first.Operating || first.Percent != int(max(first.Operating, 0)*100/(20*wan)) {
		t.Fatalf("first village's target: %+v", first)
	}
	if !second.HasTarget || second.Measure != MeasureNet || second.Achieved != second.Distribution.Profit {
		t.Fatalf("second village's target: %+v", second)
	}
	if c.Rows[2].HasTarget || c.Total.HasTarget {
		t.Fatal("a target where none is set")
	}
	if !slices.Equal(c.Bands, []string{"无收益", "5万以下", "5–10万", "10–30万", "30–50万", "50–100万", "100万以上"}) {
		t.Fatalf("bands %v", c.Bands)
	}
	counts := make([]int, len(c.Bands))
	for _, r := range c.Rows {
		if r.Band != DefaultIncomeBands.Band(r.Operating) {
			t.Fatalf("%s in band %d", r.Village, r.Band)
		}
		counts[r.Band]++
	}
	if !slices.Equal(counts, c.BandCounts) {
		t.Fatalf("band counts %v, want %v", c.BandCounts, counts)
	}
	// A village's own band moves with the setting: one bound just above its income, one at it.
	op := first.Operating
	noErr(t, s.SetIncomeBands(IncomeBands{op, op + 1}))
	c, err = s.CompareVillages(YearPeriod(2025))
	noErr(t, err)
	if c.Rows[0].Band != 2 || len(c.Bands) != 4 {
		t.Fatalf("with bounds at %v: band %d of %v", op, c.Rows[0].Band, c.Bands)
	}
}

func TestIncomeBands(t *testing.T) {
	b := DefaultIncomeBands
	for m, want := range map[Money]int{-1: 0, 0: 0, 1: 1, 5*wan - 1: 1, 5 * wan: 2, 10 * wan: 3, 29 * wan: 3, 50 * wan: 5, 100*wan - 1: 5, 100 * wan: 6, 900 * wan: 6} {
		if got := b.Band(m); got != want {
			t.Errorf("Band(%v) = %d (%s), want %d", m, got, b.Names()[got], want)
		}
	}
	got, err := ParseIncomeBands("3，8、20 50.5 100")
	noErr(t, err)
	if got.String() != "3,8,20,50.5,100" || got.Names()[4] != "20–50.5万" {
		t.Fatalf("parsed %v %v", got, got.Names())
	}
	for _, bad := range []string{"", "5,5", "10,5", "0,5", "五,十", "-5"} {
		if _, err := ParseIncomeBands(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	s := ledgerStore(t)
	noErr(t, s.SetIncomeBands(IncomeBands{3 * wan}))
	back, err := s.IncomeBands()
	noErr(t, err)
	if !slices.Equal(back, IncomeBands{3 * wan}) || !slices.Equal(back.Names(), []string{"无收益", "3万以下", "3万以上"}) {
		t.Fatalf("read back %v %v", back, back.Names())
	}
	noErr(t, s.SetIncomeBands(nil))
	if back, _ := s.IncomeBands(); !slices.Equal(back, DefaultIncomeBands) {
		t.Fatalf("reset to %v", back)
	}
}

func TestIncomeBandsInHistory(t *testing.T) {
	s := ledgerStore(t)
	noErr(t, s.SetIncomeBands(IncomeBands{3 * wan, 8 * wan}))
	h, err := s.ListHistory(AuditFilter{}, 0, 1)
	noErr(t, err)
	if len(h) != 1 || h[0].Record != "经营性收入分档（万元）" || h[0].Changes[0].New != "3,8" {
		t.Fatalf("history %+v", h)
	}
}

// A project's stage at a date is read from the index kept in the order stageLatestFirst picks it
// (migration 0009), without sorting: the index's expression is still stageOrderSQL's.
func TestStageAtReadsTheOrderedIndex(t *testing.T) {
	s := ledgerStore(t)
	cte, args := projectRowsCTE(YearPeriod(2025), ProjectFilter{})
	rows, err := s.db.Query("EXPLAIN QUERY PLAN "+cte+" SELECT stage, budget, disbursed FROM r", args...)
	noErr(t, err)
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		noErr(t, rows.Scan(&id, &parent, &notused, &detail))
		plan = append(plan, detail)
	}
	text := strings.Join(plan, "\n")
	if !strings.Contains(text, "stage_changes_order") || strings.Contains(text, "TEMP B-TREE") ||
		!strings.Contains(text, "funding_lines_live") || !strings.Contains(text, "disbursements_live") {
		t.Fatalf("plan:\n%s", text)
	}
}
