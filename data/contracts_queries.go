package data

import (
	"database/sql"
	"slices"
	"strings"
)

// Checks on a contract: each is one SQL condition on contracts c at a date (checkCond), shared by
// the register's filter, its rows' flags and the 首页 reminders.
const (
	CheckOver20     = "over20"     // a term over 20 years: the Civil Code (Art. 705) voids the excess
	CheckLong       = "long"       // a term of 15 years or more
	CheckNoDecision = "nodecision" // no approving 四议两公开 record
	CheckOverdue    = "overdue"    // rent due on or before the date and not received
	CheckEnding     = "ending"     // ends within 90 days and is not renewed
	CheckEnded      = "ended"      // ended within the past year and was not renewed
)

// ContractChecks lists every check in the order a screen shows them.
var ContractChecks = []string{CheckOverdue, CheckEnding, CheckEnded, CheckNoDecision, CheckOver20, CheckLong}

// CheckName is a check as a person reads it.
func CheckName(check string) string {
	return map[string]string{
		CheckOver20: "期限超过20年", CheckLong: "期限15年及以上", CheckNoDecision: "没有决议记录",
		CheckOverdue: "租金逾期", CheckEnding: "90天内到期", CheckEnded: "已到期未续签",
	}[check]
}

// followedSQL is true when a live contract renews c (RenewsID) or lets c's asset from a later start.
const followedSQL = `EXISTS (SELECT 1 FROM contracts n WHERE n.deleted_at IS NULL AND n.id <> c.id
	AND (n.renews_id = c.id OR (c.asset_id IS NOT NULL AND n.asset_id = c.asset_id AND n.start_date > c.start_date)))`

// noDecisionSQL is true when no 四议两公开 record approves contract c: it names none
// (contracts.decision_id, which uses the index of undecided contracts) and no live decision names it.
const noDecisionSQL = `c.decision_id IS NULL AND NOT EXISTS (SELECT 1 FROM decisions d
	WHERE d.contract_id = c.id AND d.deleted_at IS NULL)`

// checkCond is the condition of a check on contracts c at day t ("" for an unknown check). The
// term rules count whole years as SQLite's date(…, '+N years') does, and Go's addYears agrees.
func checkCond(check string, t Date) (string, []any) {
	switch check {
	case CheckOver20:
		return "c.end_date >= date(c.start_date, '+20 years')", nil
	case CheckLong:
		return "c.end_date >= date(c.start_date, '+15 years', '-1 day')", nil
	case CheckNoDecision:
		return noDecisionSQL, nil
	case CheckOverdue:
		return "c.id IN (SELECT contract_id FROM rent_schedule INDEXED BY rent_schedule_unpaid WHERE received < amount AND due_date <= ?)", []any{t}
	case CheckEnding:
		return "c.end_date BETWEEN ? AND date(?, '+90 days') AND NOT " + followedSQL, []any{t, t}
	case CheckEnded:
		return "c.end_date < ? AND c.end_date >= date(?, '-1 year') AND NOT " + followedSQL, []any{t, t}
	}
	return "", nil
}

// Contract states at a date.
const (
	ContractFuture = "未开始"
	ContractActive = "执行中"
	ContractEnded  = "已到期"
)

// ContractFilter narrows the contract register. Zero fields do not filter.
type ContractFilter struct {
	VillageID int64
	Kind      string
	State     string // ContractFuture, ContractActive or ContractEnded at Today
	Check     string // only contracts a check flags (one of ContractChecks)
	AssetID   int64
	StartedBy Date   // only contracts starting on or before this day (a year's register: the summary's count)
	Search    string // in code, subject, lessee or note
	Today     Date   // the date states, checks and rent figures are taken at; zero: today
	Sort      string // code, kind, party, start, end, rent, overdue; "" newest start first
	Desc      bool
}

// ContractRow is a contract with the names and figures the register shows, at the filter's Today.
type ContractRow struct {
	Contract
	Village   string
	Asset     string // the let asset's code and name ("" none)
	State     string
	DueToDate Money // schedule items due on or before Today
	Received  Money // every live receipt
	Overdue   Money // due on or before Today and not received
	Checks    []string
}

// Decided reports whether a 四议两公开 record approves the contract (no CheckNoDecision).
func (r *ContractRow) Decided() bool { return !slices.Contains(r.Checks, CheckNoDecision) }

func (f ContractFilter) where(t Date) (string, []any) {
	var c conds
	c.add("c.deleted_at IS NULL")
	if f.VillageID != 0 {
		c.add("c.village_id = ?", f.VillageID)
	}
	if f.Kind != "" {
		c.add("c.kind = ?", f.Kind)
	}
	switch f.State {
	case ContractFuture:
		c.add("c.start_date > ?", t)
	case ContractActive:
		c.add("c.start_date <= ? AND c.end_date >= ?", t, t)
	case ContractEnded:
		c.add("c.end_date < ?", t)
	}
	if cond, args := checkCond(f.Check, t); cond != "" {
		c.add(cond, args...)
	}
	if f.AssetID != 0 {
		c.add("c.asset_id = ?", f.AssetID)
	}
	if !f.StartedBy.IsZero() {
		c.add("c.start_date <= ?", f.StartedBy)
	}
	if q := clean(f.Search); q != "" {
		pat := likePattern(q)
		c.add(`(c.code LIKE ? ESCAPE '\' OR c.subject LIKE ? ESCAPE '\' OR c.party LIKE ? ESCAPE '\' OR c.note LIKE ? ESCAPE '\')`,
			pat, pat, pat, pat)
	}
	return c.sql()
}

var contractSorts = map[string]string{
	"code": "c.code, c.id", "kind": "c.kind, c.code, c.id", "party": "c.party, c.id", "start": "c.start_date, c.id",
	"end": "c.end_date, c.id", "rent": "c.annual_rent + c.total_price, c.id", "overdue": "CASE WHEN od.a IS NULL THEN 0 ELSE od.a END, c.id", // no comma inside: sortSQL splits on them
}

// overdueJoin joins od(contract_id, a): each contract's rent due on or before ?1 and not received,
// read from the index of unpaid items only.
const overdueJoin = ` LEFT JOIN (SELECT contract_id, sum(amount - received) AS a FROM rent_schedule INDEXED BY rent_schedule_unpaid
	WHERE received < amount AND due_date <= ?1 GROUP BY contract_id) od ON od.contract_id = c.id`

// contractRowsSQL selects the ContractRow columns of the contracts where, in order, limited as
// tail says (" LIMIT ? OFFSET ?" or ""). The contracts are chosen and ordered first and the
// per-row figures read for those alone. Its first argument is the date (?1), then where's.
func contractRowsSQL(where, order, tail string) string {
	var flags []string
	for _, ch := range []string{CheckOver20, CheckLong, CheckEnding, CheckEnded, CheckNoDecision} {
		cond, _ := checkCond(ch, Date{})
		flags = append(flags, "("+strings.ReplaceAll(cond, "?", "?1")+")")
	}
	pick := "SELECT c.id FROM contracts c"
	if strings.Contains(order, "od.") {
		pick += overdueJoin
	}
	return `SELECT c.id, c.uuid, c.code, c.village_id, c.kind, c.subject, c.area, c.quantity, c.unit, c.party, c.party_kind,
		c.start_date, c.end_date, c.annual_rent, c.total_price, c.payment, c.due_day, c.deposit, c.escalation_years, c.escalation_bp,
		c.public_trade, c.decision_id, c.asset_id, c.renews_id, c.note, v.name, coalesce(a.code || ' ' || a.name, ''),
		coalesce((SELECT sum(s.amount) FROM rent_schedule s WHERE s.contract_id = c.id AND s.due_date <= ?1), 0),
		coalesce((SELECT sum(s.received) FROM rent_schedule s WHERE s.contract_id = c.id), 0),
		coalesce(od.a, 0), ` + strings.Join(flags, ", ") + `
		FROM (` + pick + ` WHERE ` + where + ` ORDER BY ` + order + tail + `) page
		JOIN contracts c ON c.id = page.id JOIN villages v ON v.id = c.village_id LEFT JOIN assets a ON a.id = c.asset_id` +
		overdueJoin + ` ORDER BY ` + order
}

func scanContractRow(t Date) func(*sql.Rows) (ContractRow, error) {
	return func(rows *sql.Rows) (ContractRow, error) {
		var r ContractRow
		var flags [5]bool
		f := contractTable.fields(&r.Contract)
		f = append(f, &r.Village, &r.Asset, &r.DueToDate, &r.Received, &r.Overdue, &flags[0], &flags[1], &flags[2], &flags[3], &flags[4])
		if err := rows.Scan(f...); err != nil {
			return r, err
		}
		switch {
		case t.Before(r.Start):
			r.State = ContractFuture
		case t.After(r.End):
			r.State = ContractEnded
		default:
			r.State = ContractActive
		}
		if r.Overdue > 0 {
			r.Checks = append(r.Checks, CheckOverdue)
		}
		if flags[2] {
			r.Checks = append(r.Checks, CheckEnding)
		}
		if flags[3] {
			r.Checks = append(r.Checks, CheckEnded)
		}
		if flags[4] {
			r.Checks = append(r.Checks, CheckNoDecision)
		}
		if flags[0] {
			r.Checks = append(r.Checks, CheckOver20)
		} else if flags[1] {
			r.Checks = append(r.Checks, CheckLong)
		}
		return r, nil
	}
}

func (f ContractFilter) order() string {
	if f.Sort == "" {
		return "c.start_date DESC, c.id DESC"
	}
	return sortSQL(f.Sort, f.Desc, contractSorts, "c.code, c.id")
}

// ListContracts reads one page of the contract register.
func (s *Store) ListContracts(f ContractFilter, offset, limit int) ([]ContractRow, error) {
	t := s.asOf(f.Today)
	where, args := f.where(t)
	limit, offset = pageArgs(offset, limit)
	return queryRows(s.db, contractRowsSQL(where, f.order(), " LIMIT ? OFFSET ?"),
		append(append([]any{t}, args...), limit, offset), scanContractRow(t))
}

// CountContracts counts the rows ListContracts pages through.
func (s *Store) CountContracts(f ContractFilter) (int, error) {
	where, args := f.where(s.asOf(f.Today))
	return queryCount(s.db, "SELECT count(*) FROM contracts c WHERE "+where, args...)
}

// EachContract streams every contract the filter selects, in the list's order (reports).
func (s *Store) EachContract(f ContractFilter, fn func(ContractRow) error) error {
	t := s.asOf(f.Today)
	where, args := f.where(t)
	return eachRow(s.db, contractRowsSQL(where, f.order(), ""), append([]any{t}, args...), scanContractRow(t), fn)
}

// ContractRowOf is one live contract as the register shows it at day t (zero: today), with its checks.
func (s *Store) ContractRowOf(id int64, t Date) (*ContractRow, error) {
	t = s.asOf(t)
	r, err := queryRows(s.db, contractRowsSQL("c.id = ? AND c.deleted_at IS NULL", "c.id", ""), []any{t, id}, scanContractRow(t))
	if err != nil {
		return nil, err
	}
	if len(r) == 0 {
		return nil, ErrNotFound
	}
	return &r[0], nil
}

// ContractTotals is the totals row under the contract register.
type ContractTotals struct {
	Count      int
	AnnualRent Money // of the selected contracts (PayOnce ones count their total price)
	Deposit    Money
	DueToDate  Money
	Received   Money
	Overdue    Money
}

// ContractTotals adds up every contract the filter selects (all pages).
func (s *Store) ContractTotals(f ContractFilter) (ContractTotals, error) {
	t := s.asOf(f.Today)
	where, args := f.where(t)
	var x ContractTotals
	err := s.db.QueryRow(`SELECT count(*), coalesce(sum(c.annual_rent + c.total_price), 0), coalesce(sum(c.deposit), 0)
		FROM contracts c WHERE `+where, args...).Scan(&x.Count, &x.AnnualRent, &x.Deposit)
	if err != nil {
		return x, err
	}
	err = s.db.QueryRow(`SELECT coalesce(sum(CASE WHEN s.due_date <= ?1 THEN s.amount END), 0), coalesce(sum(s.received), 0),
		coalesce(sum(CASE WHEN s.due_date <= ?1 THEN s.amount - s.received END), 0)
		FROM rent_schedule s WHERE s.contract_id IN (SELECT c.id FROM contracts c WHERE `+where+`)`, append([]any{t}, args...)...).
		Scan(&x.DueToDate, &x.Received, &x.Overdue)
	return x, err
}

// ContractChoice is a contract as a picker offers it (a renewal's earlier contract).
type ContractChoice struct {
	ID    int64
	Label string // code and subject
	End   Date
}

// ContractChoices lists the village's live contracts, latest end first; at most limit (0: 1000).
func (s *Store) ContractChoices(villageID int64, limit int) ([]ContractChoice, error) {
	if limit <= 0 {
		limit = 1000
	}
	return queryRows(s.db, `SELECT id, code || ' ' || subject, end_date FROM contracts WHERE deleted_at IS NULL
		AND (?1 = 0 OR village_id = ?1) ORDER BY end_date DESC, id DESC LIMIT ?2`, []any{villageID, limit},
		func(rows *sql.Rows) (ContractChoice, error) {
			var c ContractChoice
			err := rows.Scan(&c.ID, &c.Label, &c.End)
			return c, err
		})
}

// Reminder kinds on 首页.
const (
	ReminderRentDue    = "rent_due"   // rent due in the next 30 days
	ReminderOverdue    = "overdue"    // rent overdue (one reminder per contract, with the amount)
	ReminderEnding     = CheckEnding  // a contract ending within 90 days, not renewed
	ReminderEnded      = CheckEnded   // a contract ended in the past year, not renewed
	ReminderNoDecision = "nodecision" // a contract not yet ended without an approving decision
	ReminderIdleAsset  = "idle_asset" // an idle asset
)

// Reminder is one line of the 提醒 strip; it opens the contract or the asset.
type Reminder struct {
	Kind       string
	ContractID int64
	AssetID    int64
	Title      string // the contract's code and subject, or the asset's code and name
	Village    string // the village's name: codes repeat from village to village
	Party      string // the lessee
	Date       Date   // due date (rent due; the earliest unpaid one when overdue); end date
	Amount     Money  // rent due or overdue
	Items      int    // overdue: how many schedule items are behind
}

// ReminderList is one kind of reminder: how many, their amount and the first few.
type ReminderList struct {
	Count int
	Total Money
	Items []Reminder // the most pressing first, at most the limit asked for
}

// Reminders is the 提醒 strip on 首页.
type Reminders struct {
	Today      Date
	RentDue    ReminderList // due after today and within 30 days, not yet received
	Overdue    ReminderList // due on or before today and not received (Total: the amount behind)
	Ending     ReminderList // ending within 90 days or ended in the past year, not renewed
	NoDecision ReminderList // not ended, without an approving decision
	IdleAssets ReminderList // Total: their original value
}

// villageName is the name of the village of the row aliased t, for a reminder's line.
func villageName(t string) string {
	return "coalesce((SELECT name FROM villages WHERE id = " + t + ".village_id), '')"
}

// Reminders gathers the 提醒 strip for day today (villageID 0: all villages), each list holding at
// most limit items (0: 10). Every part reads an index of what is pending, never a whole ledger.
func (s *Store) Reminders(today Date, villageID int64, limit int) (*Reminders, error) {
	if limit <= 0 {
		limit = 10
	}
	r := &Reminders{Today: today}
	village := func(col string) (string, []any) {
		if villageID == 0 {
			return "", nil
		}
		return " AND " + col + " = ?", []any{villageID}
	}
	collect := func(list *ReminderList, query string, args []any, scan func(*sql.Rows, *Reminder) error) error {
		return eachRow(s.db, query, args, func(rows *sql.Rows) (Reminder, error) {
			var x Reminder
			err := scan(rows, &x)
			return x, err
		}, func(x Reminder) error {
			list.Count++
			list.Total += x.Amount
			if len(list.Items) < limit {
				list.Items = append(list.Items, x)
			}
			return nil
		})
	}

	vw, va := village("s.village_id")
	err := collect(&r.RentDue, `SELECT s.contract_id, s.due_date, s.amount - s.received, c.code || ' ' || c.subject, `+villageName("c")+`, c.party
		FROM rent_schedule s INDEXED BY rent_schedule_unpaid JOIN contracts c ON c.id = s.contract_id
		WHERE s.received < s.amount AND s.due_date > ? AND s.due_date <= ?`+vw+` ORDER BY s.due_date, c.code`,
		append([]any{today, today.AddDays(30)}, va...), func(rows *sql.Rows, x *Reminder) error {
			x.Kind = ReminderRentDue
			return rows.Scan(&x.ContractID, &x.Date, &x.Amount, &x.Title, &x.Village, &x.Party)
		})
	if err != nil {
		return nil, err
	}
	err = collect(&r.Overdue, `SELECT s.contract_id, min(s.due_date), sum(s.amount - s.received), count(*), c.code || ' ' || c.subject, `+villageName("c")+`, c.party
		FROM rent_schedule s INDEXED BY rent_schedule_unpaid JOIN contracts c ON c.id = s.contract_id
		WHERE s.received < s.amount AND s.due_date <= ?`+vw+` GROUP BY s.contract_id ORDER BY min(s.due_date), c.code`,
		append([]any{today}, va...), func(rows *sql.Rows, x *Reminder) error {
			x.Kind = ReminderOverdue
			return rows.Scan(&x.ContractID, &x.Date, &x.Amount, &x.Items, &x.Title, &x.Village, &x.Party)
		})
	if err != nil {
		return nil, err
	}
	vw, va = village("c.village_id")
	err = collect(&r.Ending, `SELECT c.id, c.end_date, c.code || ' ' || c.subject, `+villageName("c")+`, c.party FROM contracts c INDEXED BY contracts_live_end
		WHERE c.deleted_at IS NULL AND c.end_date >= date(?, '-1 year') AND c.end_date <= date(?, '+90 days') AND NOT `+followedSQL+vw+`
		ORDER BY c.end_date < ?, c.end_date, c.code`, append(append([]any{today, today}, va...), today), func(rows *sql.Rows, x *Reminder) error {
		x.Kind = ReminderEnding
		err := rows.Scan(&x.ContractID, &x.Date, &x.Title, &x.Village, &x.Party)
		if x.Date.Before(today) {
			x.Kind = ReminderEnded
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	undecided := ` FROM contracts c INDEXED BY contracts_undecided WHERE ` + noDecisionSQL + ` AND c.deleted_at IS NULL AND c.end_date >= ?` + vw
	if r.NoDecision.Count, err = queryCount(s.db, `SELECT count(*)`+undecided, append([]any{today}, va...)...); err != nil {
		return nil, err
	}
	r.NoDecision.Items, err = queryRows(s.db, `SELECT c.id, c.end_date, c.code || ' ' || c.subject, `+villageName("c")+`, c.party`+undecided+` ORDER BY c.end_date, c.code LIMIT ?`,
		append(append([]any{today}, va...), limit), func(rows *sql.Rows) (Reminder, error) {
			x := Reminder{Kind: ReminderNoDecision}
			err := rows.Scan(&x.ContractID, &x.Date, &x.Title, &x.Village, &x.Party)
			return x, err
		})
	if err != nil {
		return nil, err
	}
	vw, va = village("a.village_id")
	if err := s.db.QueryRow(`SELECT count(*), coalesce(sum(a.value), 0) FROM assets a WHERE a.status = ? AND a.deleted_at IS NULL`+vw,
		append([]any{AssetIdle}, va...)...).Scan(&r.IdleAssets.Count, &r.IdleAssets.Total); err != nil {
		return nil, err
	}
	r.IdleAssets.Items, err = queryRows(s.db, `SELECT a.id, a.code || ' ' || a.name, `+villageName("a")+`, a.value FROM assets a
		WHERE a.status = ? AND a.deleted_at IS NULL`+vw+` ORDER BY a.code, a.id LIMIT ?`, append(append([]any{AssetIdle}, va...), limit),
		func(rows *sql.Rows) (Reminder, error) {
			x := Reminder{Kind: ReminderIdleAsset}
			err := rows.Scan(&x.AssetID, &x.Title, &x.Village, &x.Amount)
			return x, err
		})
	if err != nil {
		return nil, err
	}
	return r, nil
}
