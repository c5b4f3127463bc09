package data

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// SettingIncomeBands holds the 经营性收入 bands' bounds in 万元, ascending, e.g. "5,10,30,50,100".
const SettingIncomeBands = "income_bands"

// DefaultIncomeBands are the usual bounds: 无收益, 5万以下, 5–10万, 10–30万, 30–50万, 50–100万, 100万以上.
var DefaultIncomeBands = IncomeBands{5 * wan, 10 * wan, 30 * wan, 50 * wan, 100 * wan}

const wan = Money(1_000_000) // 1万元 in fen

// IncomeBands are the ascending bounds of the 经营性收入 bands. An amount of 0 or less is 无收益;
// below the first bound is "N万以下"; from one bound up to (not including) the next is "A–B万";
// from the last bound up is "N万以上".
type IncomeBands []Money

// Names are the bands' names, 无收益 first.
func (b IncomeBands) Names() []string {
	out := []string{"无收益"}
	if len(b) == 0 {
		return append(out, "有收益")
	}
	out = append(out, wanText(b[0])+"万以下")
	for i := 1; i < len(b); i++ {
		out = append(out, wanText(b[i-1])+"–"+wanText(b[i])+"万")
	}
	return append(out, wanText(b[len(b)-1])+"万以上")
}

// Band is the index in Names of the band an amount falls in.
func (b IncomeBands) Band(m Money) int {
	if m <= 0 {
		return 0
	}
	for i, bound := range b {
		if m < bound {
			return i + 1
		}
	}
	return len(b) + 1
}

// String is the setting's text: the bounds in 万元, comma separated.
func (b IncomeBands) String() string {
	parts := make([]string, len(b))
	for i, m := range b {
		parts[i] = wanText(m)
	}
	return strings.Join(parts, ",")
}

func wanText(m Money) string {
	s := strconv.FormatInt(int64(m/wan), 10)
	if frac := int64(m % wan); frac != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%06d", frac), "0")
	}
	return s
}

// ParseIncomeBands reads bounds in 万元 as typed ("5，10、30 50 100"): positive, ascending.
func ParseIncomeBands(s string) (IncomeBands, error) {
	fields := strings.FieldsFunc(Halfwidth(s), func(r rune) bool { return r == ',' || r == '、' || r == ' ' || r == '，' || r == ';' })
	bad := func() error {
		return &FieldError{Field: "Bands", Key: "err.bands.invalid", Msg: ledgerMsgs["err.bands.invalid"].zh}
	}
	if len(fields) == 0 {
		return nil, bad()
	}
	var out IncomeBands
	for _, f := range fields {
		v, err := parseDecimal(f, 6, decimalOpts{empty: bad, decimals: bad, format: bad, comma: bad, overflow: bad, negative: bad,
			invalid: func(rune) error { return bad() }})
		if err != nil {
			return nil, err
		}
		m := Money(v)
		if m <= 0 || m > MaxAmount || len(out) > 0 && m <= out[len(out)-1] {
			return nil, bad()
		}
		out = append(out, m)
	}
	return out, nil
}

// IncomeBands are the bands the setting holds, DefaultIncomeBands without one.
func (s *Store) IncomeBands() (IncomeBands, error) {
	v, err := s.Setting(SettingIncomeBands)
	if err != nil || v == "" {
		return DefaultIncomeBands, err
	}
	b, err := ParseIncomeBands(v)
	if err != nil {
		return DefaultIncomeBands, nil // a setting that no longer reads: the defaults, as a new database has
	}
	return b, nil
}

// SetIncomeBands stores the bands' bounds (nil: back to the defaults).
func (s *Store) SetIncomeBands(b IncomeBands) error {
	if b == nil {
		return s.SetSetting(SettingIncomeBands, "")
	}
	if _, err := ParseIncomeBands(b.String()); err != nil {
		return err
	}
	return s.SetSetting(SettingIncomeBands, b.String())
}

// VillageFigures is one village's line of the 各村对比 for a period (or the total line).
type VillageFigures struct {
	VillageID int64  `json:"village_id"` // 0 on the total line
	Village   string `json:"village"`
	Town      string `json:"town"`
	Operating Money  `json:"operating"`  // 经营性收入
	Band      int    `json:"band"`       // index in the bands' Names of the band Operating falls in
	HasTarget bool   `json:"has_target"` // a target is set for the period's first year
	Target    Money  `json:"target"`
	Measure   string `json:"measure"`  // the target's measure (MeasureOperating when none is set)
	Achieved  Money  `json:"achieved"` // the period's figure by that measure
	Percent   int    `json:"percent"`  // Achieved / Target in whole percent, rounded down (0 without a target)

	Sales      Money            `json:"sales"`
	Lines      int              `json:"lines"`
	Sellers    int              `json:"sellers"`    // the village's sellers (of every kind) with at least one line, wherever they sold
	Households int              `json:"households"` // of them 农户
	ByChannel  map[string]Money `json:"by_channel"` // every channel; 共富超市 among them

	Projects  int            `json:"projects"`  // active projects the village takes part in (the total: distinct projects)
	ByStage   map[string]int `json:"by_stage"`  // of them, by stage at the period's end
	Budget    Money          `json:"budget"`    // the village's share of their funding (the total: whole)
	Disbursed Money          `json:"disbursed"` // the village's share disbursed by the period's end

	RentOverdue Money `json:"rent_overdue"` // rent overdue at the cutoff (RentCutoff), of the village's contracts

	Distribution IncomeDistribution `json:"distribution"` // the 收益分配统计表 columns
}

// DisbursedPercent is the 拨付率: disbursed / budget in whole percent, rounded down (0 without budget).
func (f VillageFigures) DisbursedPercent() int {
	if f.Budget <= 0 {
		return 0
	}
	return int(f.Disbursed * 100 / f.Budget)
}

// IncomeDistribution is one row of the 农经 annual report's 村集体经济组织收益分配统计表
// (docs/DATA.md, "Cross-village figures", gives the mapping from the ledger's categories).
type IncomeDistribution struct {
	Operating   Money `json:"operating_income"`   // 经营收入
	Investment  Money `json:"investment_income"`  // 投资收益
	Subsidy     Money `json:"subsidy_income"`     // 补助收入
	OtherIncome Money `json:"other_income"`       // 其他收入 (and any income category outside the four)
	OpExpense   Money `json:"operating_expense"`  // 经营支出 (经营支出 + 税金及附加)
	Management  Money `json:"management_expense"` // 管理费用
	OtherExp    Money `json:"other_expense"`      // 其他支出 (公益支出 + 其他支出 + 所得税费用 and any other expense category)
	Profit      Money `json:"profit"`             // 本年收益 = the four incomes − the three expenses
}

// Income is the four incomes' sum.
func (d IncomeDistribution) Income() Money {
	return d.Operating + d.Investment + d.Subsidy + d.OtherIncome
}

// Expense is the three expenses' sum.
func (d IncomeDistribution) Expense() Money { return d.OpExpense + d.Management + d.OtherExp }

// add books one category's amount into its column.
func (d *IncomeDistribution) add(direction, category string, m Money) {
	if direction == DirectionIncome {
		switch category {
		case IncomeOperating:
			d.Operating += m
		case IncomeInvestment:
			d.Investment += m
		case IncomeSubsidy:
			d.Subsidy += m
		default:
			d.OtherIncome += m
		}
	} else {
		switch category {
		case "经营支出", "税金及附加":
			d.OpExpense += m
		case "管理费用":
			d.Management += m
		default:
			d.OtherExp += m
		}
	}
	d.Profit = d.Income() - d.Expense()
}

// VillagesCompared is the 各村对比 of a period: one line per live village by town and name, the total line
// (equal to the all-village summary), and the bands the lines were put in.
type VillagesCompared struct {
	Period     Period           `json:"-"`
	RentCutoff Date             `json:"-"`
	Bands      []string         `json:"bands"`       // band names, 无收益 first
	BandCounts []int            `json:"band_counts"` // how many villages fall in each band
	Rows       []VillageFigures `json:"rows"`
	Total      VillageFigures   `json:"total"`
	Stages     []string         `json:"stages"` // the stages that occur, in Stages order (StageNone last when it occurs)
}

// CompareVillages gives every village's figures for a period side by side. Each part is one query
// grouped by village, and sales come from the monthly totals as in the summary, so a district of a
// thousand villages answers in well under a second (docs/PERFORMANCE.md).
func (s *Store) CompareVillages(p Period) (*VillagesCompared, error) {
	bands, err := s.IncomeBands()
	if err != nil {
		return nil, err
	}
	out := &VillagesCompared{Period: p, RentCutoff: s.RentCutoff(p), Bands: bands.Names()}
	villages, err := s.Villages()
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(villages, func(a, b Village) int { return strings.Compare(a.Town, b.Town) })
	index := map[int64]int{}
	for i, v := range villages {
		index[v.ID] = i
		out.Rows = append(out.Rows, newVillageFigures(v.ID, v.Name, v.Town))
	}
	out.Total = newVillageFigures(0, "合计", "")
	row := func(v int64) *VillageFigures {
		if i, ok := index[v]; ok {
			return &out.Rows[i]
		}
		return nil // a deleted village's rows count in the total only
	}
	// The parts are independent reads that fill different fields (and maps) of the lines: they run
	// side by side on the pool's connections, the projects (the slowest) beside the rest.
	steps := []func(*VillagesCompared, Period, func(int64) *VillageFigures) error{
		s.compareProjects, s.compareSellers, s.compareEntries, s.compareSales, s.compareRent,
	}
	errs := make([]error, len(steps))
	var wg sync.WaitGroup
	for i, step := range steps {
		wg.Go(func() { errs[i] = step(out, p, row) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := s.compareTargets(out, p, row, bands); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for st := range out.Total.ByStage {
		seen[st] = true
	}
	for _, st := range append(slices.Clone(Stages), StageNone) {
		if seen[st] {
			out.Stages = append(out.Stages, st)
		}
	}
	return out, nil
}

func newVillageFigures(id int64, name, town string) VillageFigures {
	f := VillageFigures{VillageID: id, Village: name, Town: town, ByChannel: map[string]Money{}, ByStage: map[string]int{},
		Measure: MeasureOperating}
	for _, c := range Channels {
		f.ByChannel[c] = 0
	}
	return f
}

// each runs a grouped query whose first column is the village id and hands every row to scan.
func (s *Store) each(query string, args []any, scan func(rows *sql.Rows) error) error {
	rows, err := s.db.Query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *Store) compareEntries(out *VillagesCompared, p Period, row func(int64) *VillageFigures) error {
	return s.each(`SELECT village_id, direction, category, sum(amount) FROM collective_entries
		WHERE deleted_at IS NULL AND date BETWEEN ? AND ? GROUP BY 1, 2, 3`, []any{p.From, p.To}, func(rows *sql.Rows) error {
		var v int64
		var dir, cat string
		var m Money
		if err := rows.Scan(&v, &dir, &cat, &m); err != nil {
			return err
		}
		for _, f := range []*VillageFigures{row(v), &out.Total} {
			if f != nil {
				f.Distribution.add(dir, cat, m)
				if dir == DirectionIncome && cat != IncomeSubsidy && cat != IncomeOther { // as the summary's 经营性收入
					f.Operating += m
				}
			}
		}
		return nil
	})
}

func (s *Store) compareSales(out *VillagesCompared, p Period, row func(int64) *VillageFigures) error {
	u, args := salesUnion(p, 0, "sales_month", "village_id AS v, channel", "e.village_id AS v, e.channel")
	return s.each("SELECT v, k, sum(lines), sum(amount) FROM ("+u+") GROUP BY v, k", args, func(rows *sql.Rows) error {
		var v int64
		var ch string
		var lines int
		var m Money
		if err := rows.Scan(&v, &ch, &lines, &m); err != nil {
			return err
		}
		for _, f := range []*VillageFigures{row(v), &out.Total} {
			if f != nil {
				f.ByChannel[ch] += m
				f.Sales += m
				f.Lines += lines
			}
		}
		return nil
	})
}

// compareSellers counts the sellers with at least one line in the period by their own village
// (wherever they sold), so the villages add up to the total: one seek per seller into
// seller_month by seller for the whole months, and the lines for the partial months at the ends.
func (s *Store) compareSellers(out *VillagesCompared, p Period, row func(int64) *VillageFigures) error {
	sp := splitPeriod(p)
	var sold []string
	var args []any
	if sp.fromMonth != "" {
		sold = append(sold, "EXISTS (SELECT 1 FROM seller_month m INDEXED BY seller_month_seller WHERE m.seller_id = x.id AND m.month BETWEEN ? AND ?)")
		args = append(args, sp.fromMonth, sp.toMonth)
	}
	for _, e := range sp.edges {
		sold = append(sold, `EXISTS (SELECT 1 FROM sale_lines l JOIN sale_events e ON e.id = l.event_id
			WHERE l.seller_id = x.id AND l.deleted_at IS NULL AND e.deleted_at IS NULL AND e.date BETWEEN ? AND ?)`)
		args = append(args, e.From, e.To)
	}
	q := "SELECT x.village_id, count(*), coalesce(sum(x.kind IN ('', '" + SellerKinds[0] + "')), 0) FROM sellers x WHERE (" +
		strings.Join(sold, " OR ") + ") GROUP BY 1"
	return s.each(q, args, func(rows *sql.Rows) error {
		var v int64
		var sellers, households int
		if err := rows.Scan(&v, &sellers, &households); err != nil {
			return err
		}
		for _, f := range []*VillageFigures{row(v), &out.Total} {
			if f != nil {
				f.Sellers += sellers
				f.Households += households
			}
		}
		return nil
	})
}

// compareProjects reads the active projects once with a line per village taking part: its share
// of their money (by project_shares), and on the lead village's line the project's whole figures
// for the total, which counts each project once.
func (s *Store) compareProjects(out *VillagesCompared, p Period, row func(int64) *VillageFigures) error {
	cte, args := projectRowsCTE(p, ProjectFilter{})
	// The shares are read once here rather than looked up again for every line; a project of one
	// village (w = tw) is whole, without splitting its lines.
	q := cte + `, sh AS MATERIALIZED (SELECT project_id, village_id, equal, w, tw, lead FROM project_shares)
		SELECT s.village_id, s.lead, r.stage, r.budget, r.disbursed,
		CASE WHEN s.w = s.tw THEN r.budget ELSE (SELECT coalesce(sum(` + villagePart("fl.amount") + `), 0) FROM funding_lines fl
			WHERE fl.project_id = r.id AND fl.deleted_at IS NULL) END,
		CASE WHEN s.w = s.tw THEN r.disbursed ELSE (SELECT coalesce(sum(` + villagePart("d.amount") + `), 0) FROM disbursements d
			WHERE d.project_id = r.id AND d.deleted_at IS NULL AND d.date <= ?) END
		FROM r JOIN sh s ON s.project_id = r.id`
	return s.each(q, append(args, p.To), func(rows *sql.Rows) error {
		var v int64
		var lead bool
		var stage string
		var budget, disbursed, budgetPart, disbursedPart Money
		if err := rows.Scan(&v, &lead, &stage, &budget, &disbursed, &budgetPart, &disbursedPart); err != nil {
			return err
		}
		if f := row(v); f != nil {
			f.Projects++
			f.ByStage[stage]++
			f.Budget += budgetPart
			f.Disbursed += disbursedPart
		}
		if lead {
			t := &out.Total
			t.Projects++
			t.ByStage[stage]++
			t.Budget += budget
			t.Disbursed += disbursed
		}
		return nil
	})
}

func (s *Store) compareRent(out *VillagesCompared, p Period, row func(int64) *VillageFigures) error {
	_, _, overdue, args := rentParts(p, out.RentCutoff, 0)
	return s.each("SELECT c.village_id, sum(o.a) FROM ("+overdue+") o JOIN contracts c ON c.id = o.contract_id GROUP BY 1", args,
		func(rows *sql.Rows) error {
			var v int64
			var m Money
			if err := rows.Scan(&v, &m); err != nil {
				return err
			}
			if f := row(v); f != nil {
				f.RentOverdue += m
			}
			out.Total.RentOverdue += m
			return nil
		})
}

// compareTargets judges each village on its target for the period's first year, and bands its 经营性收入.
func (s *Store) compareTargets(out *VillagesCompared, p Period, row func(int64) *VillageFigures, bands IncomeBands) error {
	err := s.each(`SELECT village_id, amount, measure FROM village_targets WHERE deleted_at IS NULL AND year = ?`, []any{p.From.Year()},
		func(rows *sql.Rows) error {
			var v int64
			var m Money
			var measure string
			if err := rows.Scan(&v, &m, &measure); err != nil {
				return err
			}
			if f := row(v); f != nil {
				f.HasTarget, f.Target, f.Measure = true, m, measure
			}
			return nil
		})
	if err != nil {
		return err
	}
	for _, f := range append(slicesOfRows(out.Rows), &out.Total) {
		d := f.Distribution
		f.Achieved = map[string]Money{MeasureTotal: d.Income(), MeasureOperating: f.Operating, MeasureNet: d.Profit}[f.Measure]
		if f.HasTarget && f.Target > 0 {
			f.Percent = int(max(f.Achieved, 0) * 100 / f.Target)
		}
		f.Band = bands.Band(f.Operating)
	}
	out.BandCounts = make([]int, len(out.Bands))
	for _, r := range out.Rows {
		out.BandCounts[r.Band]++
	}
	return nil
}

func slicesOfRows(rows []VillageFigures) []*VillageFigures {
	out := make([]*VillageFigures, len(rows))
	for i := range rows {
		out[i] = &rows[i]
	}
	return out
}
