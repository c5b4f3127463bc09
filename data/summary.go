package data

import (
	"database/sql"
	"fmt"
	"strings"
)

// Summary is a period's figures for one village or all (villageID 0). The same numbers feed the
// dashboard, `cunji summary` and the exports. JSON gives the shape `cunji summary -json` prints,
// with money as integer fen.
type Summary struct {
	Year           int             `json:"year"`
	Income         IncomeFigures   `json:"income"`
	Expense        ExpenseFigures  `json:"expense"`
	Net            Money           `json:"net"` // income total less expense total
	Sales          SalesFigures    `json:"sales"`
	Projects       ProjectFigures  `json:"projects"`
	Contracts      ContractFigures `json:"contracts"`
	Assets         AssetFigures    `json:"assets"`
	Tasks          TaskFigures     `json:"tasks"`
	Partners       PartnerFigures  `json:"partners"`
	Decisions      DecisionFigures `json:"decisions"`
	WorkLog        WorkLogFigures  `json:"worklog"`
	WorkDaysTarget int             `json:"work_days_target"` // 每月在村天数目标 (设置)
	// The same period a year earlier, for the change from last year.
	PreviousIncome IncomeFigures `json:"previous_income"`
	PreviousNet    Money         `json:"previous_net"`
	// The village's collective-income target, for a whole year of one village; nil otherwise.
	Target  *TargetProgress `json:"target,omitempty"`
	Period  Period          `json:"-"`
	Village *Village        `json:"-"` // nil for all villages
}

// IncomeFigures are the collective's income: by_category always holds the four categories.
type IncomeFigures struct {
	Total      Money            `json:"total"`
	Operating  Money            `json:"operating"` // total less 补助收入 and 其他收入
	ByCategory map[string]Money `json:"by_category"`
}

// ExpenseFigures are the collective's expenses: by_category holds the categories that occur.
type ExpenseFigures struct {
	Total      Money            `json:"total"`
	ByCategory map[string]Money `json:"by_category"`
}

// SalesFigures add up the live lines of live events dated in the period; by_channel holds every channel.
type SalesFigures struct {
	Total     Money            `json:"total"`
	Lines     int              `json:"lines"`
	Events    int              `json:"events"`
	Sellers   int              `json:"sellers"` // distinct sellers with at least one line
	ByChannel map[string]Money `json:"by_channel"`
}

// ProjectFigures cover the projects active in the period (see activeCond): their whole budget,
// what was disbursed up to the period's end, and how many stand at each stage at that date.
type ProjectFigures struct {
	Count     int            `json:"count"`
	Budget    Money          `json:"budget"`
	Disbursed Money          `json:"disbursed"`
	ByStage   map[string]int `json:"by_stage"`
}

// ContractFigures are the period's contracts and rent (docs/DATA.md, "Contracts and rent").
type ContractFigures struct {
	Count    int   `json:"count"`    // live contracts that started on or before the period's end
	Active   int   `json:"active"`   // of them, in force on at least one day of the period
	RentDue  Money `json:"rent_due"` // rent schedule items due in the period
	Received Money `json:"received"` // receipts dated in the period (the income entries they booked)
	Overdue  Money `json:"overdue"`  // due on or before the cutoff (the period's end or today, the earlier) and not received by then
}

// AssetFigures are the assets held at the period's end: formed by then (or of unknown date) and
// not disposed of by then.
type AssetFigures struct {
	Count int   `json:"count"`
	Value Money `json:"value"` // their 原值
}

// YearSummary is the calendar year's summary.
func (s *Store) YearSummary(year int, villageID int64) (*Summary, error) {
	return s.PeriodSummary(YearPeriod(year), villageID)
}

// PeriodSummary is the summary of any period (month, quarter, year or range).
func (s *Store) PeriodSummary(p Period, villageID int64) (*Summary, error) {
	sum := &Summary{Year: p.From.Year(), Period: p}
	if villageID != 0 {
		v, err := s.GetVillage(villageID)
		if err != nil {
			return nil, err
		}
		sum.Village = v
	}
	var err error
	if sum.Income, sum.Expense, err = s.collectiveFigures(p, villageID); err != nil {
		return nil, err
	}
	sum.Net = sum.Income.Total - sum.Expense.Total
	if sum.Sales, err = s.salesFigures(p, villageID); err != nil {
		return nil, err
	}
	if sum.Projects, err = s.projectFigures(p, villageID); err != nil {
		return nil, err
	}
	if sum.Contracts, err = s.contractFigures(p, villageID); err != nil {
		return nil, err
	}
	if sum.Assets, err = s.assetFigures(p, villageID); err != nil {
		return nil, err
	}
	if sum.Decisions, err = s.decisionFigures(p, villageID); err != nil {
		return nil, err
	}
	if sum.WorkLog, err = s.WorkLogFigures(p, villageID); err != nil {
		return nil, err
	}
	if sum.WorkDaysTarget, err = s.WorkDaysTarget(); err != nil {
		return nil, err
	}
	var prevExpense ExpenseFigures
	if sum.PreviousIncome, prevExpense, err = s.collectiveFigures(p.YearEarlier(), villageID); err != nil {
		return nil, err
	}
	sum.PreviousNet = sum.PreviousIncome.Total - prevExpense.Total
	if villageID != 0 && p == YearPeriod(p.From.Year()) {
		if sum.Target, err = s.TargetProgress(villageID, p.From.Year()); err != nil {
			return nil, err
		}
	}
	if sum.Tasks, err = s.taskFigures(p, villageID); err != nil {
		return nil, err
	}
	if sum.Partners, err = s.partnerFigures(p, villageID); err != nil {
		return nil, err
	}
	return sum, nil
}

// DecisionFigures count the 四议两公开 records of a period.
type DecisionFigures struct {
	Taken  int            `json:"taken"`   // decisions resolved (村民代表会议 or 村民会议) in the period
	Active int            `json:"active"`  // decisions with any step dated in the period
	ByKind map[string]int `json:"by_kind"` // the decisions taken, by kind; every kind
}

func (s *Store) decisionFigures(p Period, villageID int64) (DecisionFigures, error) {
	f := DecisionFigures{ByKind: map[string]int{}}
	for _, k := range DecisionKinds {
		f.ByKind[k] = 0
	}
	err := eachRow(s.db, `SELECT d.kind,
		EXISTS (SELECT 1 FROM decision_steps st WHERE st.decision_id = d.id AND st.deleted_at IS NULL AND st.step IN (?4, ?5)
			AND st.date BETWEEN ?1 AND ?2)
		FROM decisions d WHERE d.deleted_at IS NULL AND (?3 = 0 OR d.village_id = ?3) AND EXISTS (SELECT 1 FROM decision_steps st
			WHERE st.decision_id = d.id AND st.deleted_at IS NULL AND st.date BETWEEN ?1 AND ?2)`,
		[]any{p.From, p.To, villageID, StepResolve, StepResolveAll}, func(rows *sql.Rows) (decisionKindTaken, error) {
			var x decisionKindTaken
			err := rows.Scan(&x.kind, &x.taken)
			return x, err
		}, func(x decisionKindTaken) error {
			f.Active++
			if x.taken {
				f.Taken++
				f.ByKind[x.kind]++
			}
			return nil
		})
	return f, err
}

type decisionKindTaken struct {
	kind  string
	taken bool
}

func (s *Store) contractFigures(p Period, villageID int64) (ContractFigures, error) {
	var f ContractFigures
	where, args := ContractFilter{VillageID: villageID, StartedBy: p.To}.where(p.To)
	err := s.db.QueryRow(`SELECT count(*), coalesce(sum(c.end_date >= ?), 0) FROM contracts c WHERE `+where,
		append([]any{p.From}, args...)...).Scan(&f.Count, &f.Active)
	if err != nil {
		return f, err
	}
	due, received, overdue, args := rentParts(p, s.RentCutoff(p), villageID)
	err = s.db.QueryRow(`SELECT (SELECT coalesce(sum(a), 0) FROM (`+due+`)), (SELECT coalesce(sum(a), 0) FROM (`+received+`)),
		(SELECT coalesce(sum(a), 0) FROM (`+overdue+`))`, args...).Scan(&f.RentDue, &f.Received, &f.Overdue)
	return f, err
}

// rentParts are the three queries of rows (contract_id, a) whose sums are a period's rent figures:
// due in it, received in it, and overdue at the cutoff — what is unpaid now on the items due by
// then plus what was paid on them after it, so both read small index ranges (rent_schedule_unpaid,
// live receipts by date) rather than every item since the first contract. The summary adds them
// up; RentCollection adds them up by contract. They take the arguments args.
func rentParts(p Period, cut Date, villageID int64) (due, received, overdue string, args []any) {
	village := " AND (?4 = 0 OR contract_id IN (SELECT id FROM contracts WHERE village_id = ?4))"
	due = `SELECT contract_id, amount AS a FROM rent_schedule WHERE due_date BETWEEN ?1 AND ?2` + village
	received = `SELECT contract_id, amount AS a FROM contract_receipts WHERE deleted_at IS NULL AND date BETWEEN ?1 AND ?2` + village
	overdue = `SELECT contract_id, a FROM (SELECT contract_id, amount - received AS a FROM rent_schedule INDEXED BY rent_schedule_unpaid
			WHERE received < amount AND due_date <= ?3
		UNION ALL SELECT r.contract_id, r.amount FROM contract_receipts r JOIN rent_schedule s ON s.contract_id = r.contract_id AND s.period = r.period
			WHERE r.deleted_at IS NULL AND r.date > ?3 AND s.due_date <= ?3) WHERE 1` + village
	return due, received, overdue, []any{p.From, p.To, cut, villageID}
}

func (s *Store) assetFigures(p Period, villageID int64) (AssetFigures, error) {
	var f AssetFigures
	where, args := AssetFilter{VillageID: villageID, HeldAt: p.To}.where()
	err := s.db.QueryRow(`SELECT count(*), coalesce(sum(a.value), 0) FROM assets a WHERE `+where, args...).Scan(&f.Count, &f.Value)
	return f, err
}

// RentCollectionRow is one contract's line of the 租金收缴情况 for a period.
type RentCollectionRow struct {
	ContractID int64
	Code       string
	Subject    string
	Kind       string
	Party      string
	PartyKind  string // PartyPerson: mask Party in anything public
	Village    string
	Start, End Date
	Due        Money // schedule items due in the period
	Received   Money // receipts dated in the period
	Overdue    Money // due on or before the cutoff and not received by then
}

// RentCutoff is the day a period's overdue rent is counted at: its end, or today when that is earlier.
func (s *Store) RentCutoff(p Period) Date {
	if t := s.today(); t.Before(p.To) {
		return t
	}
	return p.To
}

// RentCollection is the 租金收缴情况 of a period (villageID 0: all villages): every live contract
// with rent due or received in the period or overdue at its cutoff (RentCutoff), by code. Its
// columns add up to the summary's contract figures: both sum the same rentParts.
func (s *Store) RentCollection(p Period, villageID int64) ([]RentCollectionRow, error) {
	due, received, overdue, args := rentParts(p, s.RentCutoff(p), villageID)
	return queryRows(s.db, `WITH
		due AS (SELECT contract_id, sum(a) AS a FROM (`+due+`) GROUP BY contract_id),
		rec AS (SELECT contract_id, sum(a) AS a FROM (`+received+`) GROUP BY contract_id),
		late AS (SELECT contract_id, sum(a) AS a FROM (`+overdue+`) GROUP BY contract_id),
		act AS (SELECT contract_id FROM due UNION SELECT contract_id FROM rec UNION SELECT contract_id FROM late)
		SELECT c.id, c.code, c.subject, c.kind, c.party, c.party_kind, v.name, c.start_date, c.end_date,
			coalesce(due.a, 0), coalesce(rec.a, 0), coalesce(late.a, 0)
		FROM act JOIN contracts c ON c.id = act.contract_id JOIN villages v ON v.id = c.village_id
			LEFT JOIN due ON due.contract_id = c.id LEFT JOIN rec ON rec.contract_id = c.id LEFT JOIN late ON late.contract_id = c.id
		ORDER BY c.code, c.id`, args, func(rows *sql.Rows) (RentCollectionRow, error) {
		var r RentCollectionRow
		err := rows.Scan(&r.ContractID, &r.Code, &r.Subject, &r.Kind, &r.Party, &r.PartyKind, &r.Village, &r.Start, &r.End,
			&r.Due, &r.Received, &r.Overdue)
		return r, err
	})
}

func (s *Store) collectiveFigures(p Period, villageID int64) (IncomeFigures, ExpenseFigures, error) {
	in := IncomeFigures{ByCategory: map[string]Money{}}
	out := ExpenseFigures{ByCategory: map[string]Money{}}
	for _, c := range IncomeCategories {
		in.ByCategory[c] = 0
	}
	where, args := EntryFilter{From: p.From, To: p.To, VillageID: villageID}.where()
	rows, err := s.db.Query("SELECT x.direction, x.category, sum(x.amount) FROM collective_entries x WHERE "+where+
		" GROUP BY x.direction, x.category", args...)
	if err != nil {
		return in, out, err
	}
	defer rows.Close()
	for rows.Next() {
		var dir, cat string
		var amount int64
		if err := rows.Scan(&dir, &cat, &amount); err != nil {
			return in, out, err
		}
		if dir == DirectionIncome {
			in.ByCategory[cat] += Money(amount)
			in.Total += Money(amount)
			if cat != IncomeSubsidy && cat != IncomeOther {
				in.Operating += Money(amount)
			}
		} else {
			out.ByCategory[cat] += Money(amount)
			out.Total += Money(amount)
		}
	}
	return in, out, rows.Err()
}

// periodSplit divides a period into whole months (answered from the monthly totals) and the
// partial months at either end (answered from the lines themselves).
type periodSplit struct {
	fromMonth, toMonth string // "YYYY-MM", inclusive; both "" when p has no whole month
	edges              []Period
}

func monthKey(d Date) string { return fmt.Sprintf("%04d-%02d", d.Year(), d.Month()) }

func splitPeriod(p Period) periodSplit {
	first := MonthPeriod(p.From.Year(), p.From.Month())
	if p.From != first.From {
		first = monthAfter(first)
	}
	last := MonthPeriod(p.To.Year(), p.To.Month())
	if p.To != last.To {
		last = monthBefore(last)
	}
	if first.From.After(last.To) {
		return periodSplit{edges: []Period{p}}
	}
	sp := periodSplit{fromMonth: monthKey(first.From), toMonth: monthKey(last.From)}
	if p.From.Before(first.From) {
		sp.edges = append(sp.edges, Period{p.From, first.From.AddDays(-1)})
	}
	if last.To.Before(p.To) {
		sp.edges = append(sp.edges, Period{last.To.AddDays(1), p.To})
	}
	return sp
}

func monthAfter(m Period) Period {
	d := m.To.AddDays(1)
	return MonthPeriod(d.Year(), d.Month())
}

func monthBefore(m Period) Period {
	d := m.From.AddDays(-1)
	return MonthPeriod(d.Year(), d.Month())
}

// salesUnion is a UNION ALL of rows (key, lines, amount) for a period: whole months from the
// monthly table (keyCol there), partial months from the lines (lineKey there).
func salesUnion(p Period, villageID int64, monthTable, keyCol, lineKey string) (string, []any) {
	sp := splitPeriod(p)
	var parts []string
	var args []any
	village := func(col string) string {
		if villageID == 0 {
			return ""
		}
		args = append(args, villageID)
		return " AND " + col + " = ?"
	}
	if sp.fromMonth != "" {
		args = append(args, sp.fromMonth, sp.toMonth)
		parts = append(parts, "SELECT "+keyCol+" AS k, lines, amount FROM "+monthTable+" WHERE month BETWEEN ? AND ?"+village("village_id"))
	}
	for _, e := range sp.edges {
		args = append(args, e.From, e.To)
		parts = append(parts, "SELECT "+lineKey+" AS k, 1 AS lines, l.amount FROM sale_lines l JOIN sale_events e ON e.id = l.event_id"+
			" WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL AND e.date BETWEEN ? AND ?"+village("e.village_id"))
	}
	return strings.Join(parts, " UNION ALL "), args
}

// sellerTotalsSQL selects (seller_id, lines, amount) of every seller with sales in p.
func sellerTotalsSQL(p Period, villageID int64) (string, []any) {
	u, args := salesUnion(p, villageID, "seller_month", "seller_id", "l.seller_id")
	return "SELECT k AS seller_id, sum(lines) AS lines, sum(amount) AS amount FROM (" + u + ") GROUP BY k HAVING sum(lines) > 0", args
}

func (s *Store) salesFigures(p Period, villageID int64) (SalesFigures, error) {
	f := SalesFigures{ByChannel: map[string]Money{}}
	for _, c := range Channels {
		f.ByChannel[c] = 0
	}
	u, args := salesUnion(p, villageID, "sales_month", "channel", "e.channel")
	rows, err := s.db.Query("SELECT k, sum(lines), sum(amount) FROM ("+u+") GROUP BY k", args...)
	if err != nil {
		return f, err
	}
	defer rows.Close()
	for rows.Next() {
		var ch string
		var lines, amount int64
		if err := rows.Scan(&ch, &lines, &amount); err != nil {
			return f, err
		}
		f.ByChannel[ch] += Money(amount)
		f.Total += Money(amount)
		f.Lines += int(lines)
	}
	if err := rows.Err(); err != nil {
		return f, err
	}
	if f.Sellers, err = s.CountSellerBill(p, villageID); err != nil {
		return f, err
	}
	where, wargs := SaleEventFilter{From: p.From, To: p.To, VillageID: villageID}.where()
	err = s.db.QueryRow("SELECT count(*) FROM sale_events e WHERE "+where, wargs...).Scan(&f.Events)
	return f, err
}

func (s *Store) projectFigures(p Period, villageID int64) (ProjectFigures, error) {
	t, err := s.projectTotals(p, ProjectFilter{VillageID: villageID})
	if err != nil {
		return ProjectFigures{}, err
	}
	f := ProjectFigures{Count: t.Count, Budget: t.Budget, Disbursed: t.Disbursed}
	f.ByStage, err = s.projectsByStage(p, villageID)
	return f, err
}

// EachSaleLine streams the live lines of live events dated in p (villageID 0: all villages)
// by date, event and entry order, for exports. Nothing is held in memory between rows.
func (s *Store) EachSaleLine(p Period, villageID int64, fn func(SaleLineRow) error) error {
	q := saleLineRowSelect + " WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL AND e.date BETWEEN ? AND ?"
	args := []any{p.From, p.To}
	if villageID != 0 {
		q += " AND e.village_id = ?"
		args = append(args, villageID)
	}
	return s.eachSaleLineRow(q+" ORDER BY e.date, e.id, l.id", args, fn)
}

// SalesByRow is one line of a sales report grouped by channel, product or seller.
type SalesByRow struct {
	Key      string   // channel, product label (大蒜（5斤装）) or seller name
	ID       int64    // product or seller id; 0 for channels
	Unit     string   // product rows: the unit Quantity is counted in
	Quantity Quantity // product rows only
	Status   string   // seller rows: 脱贫户/监测户/一般户
	Village  string   // seller rows
	Lines    int
	Amount   Money
}

// SalesBy groups a period's sales by "channel" (every channel, in order), "product" (per
// product and unit) or "seller" (the 共富账单), biggest amount first for the last two.
func (s *Store) SalesBy(p Period, villageID int64, by string) ([]SalesByRow, error) {
	switch by {
	case "channel":
		return s.salesByChannel(p, villageID)
	case "product":
		return s.salesByProduct(p, villageID)
	case "seller":
		return s.salesBySeller(p, villageID)
	}
	return nil, fmt.Errorf("SalesBy: unknown grouping %q (channel, product or seller)", by)
}

func (s *Store) salesByChannel(p Period, villageID int64) ([]SalesByRow, error) {
	u, args := salesUnion(p, villageID, "sales_month", "channel", "e.channel")
	got := map[string]SalesByRow{}
	rows, err := s.db.Query("SELECT k, sum(lines), sum(amount) FROM ("+u+") GROUP BY k", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r SalesByRow
		var amount int64
		if err := rows.Scan(&r.Key, &r.Lines, &amount); err != nil {
			return nil, err
		}
		r.Amount = Money(amount)
		got[r.Key] = r
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]SalesByRow, 0, len(Channels))
	for _, c := range Channels {
		r := got[c]
		r.Key = c
		out = append(out, r)
	}
	return out, nil
}

func (s *Store) salesByProduct(p Period, villageID int64) ([]SalesByRow, error) {
	q := `SELECT l.product_id, pr.name, pr.spec, l.unit, sum(l.quantity), count(*), sum(l.amount)
		FROM sale_lines l JOIN sale_events e ON e.id = l.event_id JOIN products pr ON pr.id = l.product_id
		WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL AND e.date BETWEEN ? AND ?`
	args := []any{p.From, p.To}
	if villageID != 0 {
		q += " AND e.village_id = ?"
		args = append(args, villageID)
	}
	rows, err := s.db.Query(q+" GROUP BY l.product_id, l.unit ORDER BY sum(l.amount) DESC, pr.name", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SalesByRow
	for rows.Next() {
		var r SalesByRow
		var name, spec string
		var qty, amount int64
		if err := rows.Scan(&r.ID, &name, &spec, &r.Unit, &qty, &r.Lines, &amount); err != nil {
			return nil, err
		}
		r.Key, r.Quantity, r.Amount = Product{Name: name, Spec: spec}.Label(), Quantity(qty), Money(amount)
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *Store) salesBySeller(p Period, villageID int64) ([]SalesByRow, error) {
	var out []SalesByRow
	for offset := 0; ; offset += 1000 {
		page, err := s.SellerBill(p, villageID, offset, 1000)
		if err != nil {
			return nil, err
		}
		for _, b := range page {
			out = append(out, SalesByRow{Key: b.Name, ID: b.SellerID, Status: b.Status, Village: b.Village, Lines: b.Lines, Amount: b.Amount})
		}
		if len(page) < 1000 {
			return out, nil
		}
	}
}

// MonthlyAmounts is one series of a chart: a category or channel and its twelve months.
type MonthlyAmounts struct {
	Key    string
	Months [12]Money // January first
	Total  Money
}

// MonthlyIncomeByCategory gives the year's collective income per month for each of the four
// categories, in the official order (the dashboard's stacked bars).
func (s *Store) MonthlyIncomeByCategory(year int, villageID int64) ([]MonthlyAmounts, error) {
	where, args := EntryFilter{Year: year, VillageID: villageID, Direction: DirectionIncome}.where()
	return s.monthlySeries(IncomeCategories, "SELECT x.category, CAST(substr(x.date, 6, 2) AS INTEGER), sum(x.amount) FROM collective_entries x WHERE "+
		where+" GROUP BY 1, 2", args)
}

// MonthlySalesByChannel gives the year's sales per month for each channel, from the monthly totals.
func (s *Store) MonthlySalesByChannel(year int, villageID int64) ([]MonthlyAmounts, error) {
	q := "SELECT channel, CAST(substr(month, 6, 2) AS INTEGER), sum(amount) FROM sales_month WHERE month BETWEEN ? AND ?"
	args := []any{fmt.Sprintf("%04d-01", year), fmt.Sprintf("%04d-12", year)}
	if villageID != 0 {
		q += " AND village_id = ?"
		args = append(args, villageID)
	}
	return s.monthlySeries(Channels, q+" GROUP BY 1, 2", args)
}

func (s *Store) monthlySeries(keys []string, query string, args []any) ([]MonthlyAmounts, error) {
	out := make([]MonthlyAmounts, len(keys))
	index := map[string]int{}
	for i, k := range keys {
		out[i].Key = k
		index[k] = i
	}
	rows, err := s.db.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var month int
		var amount int64
		if err := rows.Scan(&key, &month, &amount); err != nil {
			return nil, err
		}
		i, ok := index[key]
		if !ok || month < 1 || month > 12 {
			continue
		}
		out[i].Months[month-1] += Money(amount)
		out[i].Total += Money(amount)
	}
	return out, rows.Err()
}

// ProjectFundingRow is one line of the 项目资金情况表.
type ProjectFundingRow struct {
	ProjectRow                         // Stage and Disbursed as at the period's end
	Share             int              // with a village: its share of the project in basis points (ShareWhole for its own)
	BySource          map[string]Money // funding by source, sources present only
	DisbursedInPeriod Money
	Balance           Money // budget less disbursed
}

// EachProjectFunding calls fn for every project active in p (villageID 0: all villages), by name.
// With a village, a 联建 project's money (budget, sources, disbursed) is the village's share.
func (s *Store) EachProjectFunding(p Period, villageID int64, fn func(ProjectFundingRow) error) error {
	cte, args := projectRowsCTE(p, ProjectFilter{VillageID: villageID})
	rows, err := s.db.Query(cte+` SELECT id, name, villages, type, stage, year_started, responsible, budget, disbursed,
		households, households_poor, households_monitored FROM r ORDER BY name, id`, args...)
	if err != nil {
		return err
	}
	var list []ProjectFundingRow // projects are few; read them all before the per-project queries
	for rows.Next() {
		var r ProjectFundingRow
		var budget, disbursed int64
		if err := rows.Scan(&r.ID, &r.Name, &r.Villages, &r.Type, &r.Stage, &r.YearStarted, &r.Responsible, &budget, &disbursed,
			&r.Households, &r.HouseholdsPoor, &r.HouseholdsMonitored); err != nil {
			rows.Close()
			return err
		}
		r.Budget, r.Disbursed, r.Balance = Money(budget), Money(disbursed), Money(budget-disbursed)
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	fJoin, fAmount, fArgs := projectAmount("fl", villageID)
	dJoin, dAmount, dArgs := projectAmount("d", villageID)
	for _, r := range list {
		r.BySource = map[string]Money{}
		sources, err := queryRows(s.db, `SELECT fl.source, sum(`+fAmount+`) FROM funding_lines fl`+fJoin+`
			WHERE fl.project_id = ? AND fl.deleted_at IS NULL GROUP BY fl.source`, append(fArgs, r.ID),
			func(rows *sql.Rows) (FundingLine, error) {
				var x FundingLine
				err := rows.Scan(&x.Source, &x.Amount)
				return x, err
			})
		if err != nil {
			return err
		}
		for _, x := range sources {
			r.BySource[x.Source] = x.Amount
		}
		var in int64
		if err := s.db.QueryRow(`SELECT coalesce(sum(`+dAmount+`), 0) FROM disbursements d`+dJoin+` WHERE d.project_id = ? AND d.deleted_at IS NULL
			AND d.date BETWEEN ? AND ?`, append(dArgs, r.ID, p.From, p.To)...).Scan(&in); err != nil {
			return err
		}
		r.DisbursedInPeriod = Money(in)
		r.Share = ShareWhole
		if villageID != 0 {
			if err := s.db.QueryRow(`SELECT w * ? / tw FROM project_shares WHERE project_id = ? AND village_id = ?`,
				ShareWhole, r.ID, villageID).Scan(&r.Share); err != nil {
				return err
			}
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// DisbursementRow is a disbursement with its project's name and villages.
type DisbursementRow struct {
	Disbursement
	Project  string
	Villages string
}

// EachDisbursement streams the disbursements dated in p of live projects (in the village, when
// given: its share of each), by date.
func (s *Store) EachDisbursement(p Period, villageID int64, fn func(DisbursementRow) error) error {
	return s.eachProjectDated(`SELECT d.id, d.uuid, d.project_id, d.date, %s, d.note, p.name,
		coalesce((SELECT group_concat(v.name, '、' ORDER BY v.name) FROM project_villages pv JOIN villages v ON v.id = pv.village_id
			WHERE pv.project_id = p.id), '')
		FROM disbursements d JOIN projects p ON p.id = d.project_id`, p, villageID, func(rows *sql.Rows) error {
		var r DisbursementRow
		var amount int64
		if err := rows.Scan(&r.ID, &r.UUID, &r.ProjectID, &r.Date, &amount, &r.Note, &r.Project, &r.Villages); err != nil {
			return err
		}
		r.Amount = Money(amount)
		return fn(r)
	})
}
