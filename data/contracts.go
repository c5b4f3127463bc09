package data

import (
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// ContractKinds are the kinds of contract (合同类型): what the collective lets or contracts out.
var ContractKinds = []string{"土地", "林地", "水面", "设施农业", "厂房", "门面", "设备", "其他"}

// PartyPerson is the kind of a lessee who is a person: their name is masked in anything public.
const PartyPerson = "个人"

// PartyKinds are who the other side (承包方) may be.
var PartyKinds = []string{PartyPerson, "企业", "合作社", "其他组织"}

// Payment terms (付款方式).
const (
	PayYearly     = "年付"
	PayHalfYearly = "半年付"
	PayQuarterly  = "季付"
	PayOnce       = "一次性"
)

// PaymentTerms lists the payment terms; PayOnce is paid as one total price (总价款), the others as an annual rent.
var PaymentTerms = []string{PayYearly, PayHalfYearly, PayQuarterly, PayOnce}

// periodMonths is the length of one item of the schedule; 0 for PayOnce (one item for the whole term).
func periodMonths(payment string) int {
	switch payment {
	case PayYearly:
		return 12
	case PayHalfYearly:
		return 6
	case PayQuarterly:
		return 3
	}
	return 0
}

// ContractSubItem is the sub-item of 经营收入 a contract's rent is booked under: land is
// 土地流转费, forest and water are contracted out (发包收入), buildings, facilities and
// equipment are let (租赁收入).
func ContractSubItem(kind string) string {
	switch kind {
	case "土地":
		return "土地流转费"
	case "林地", "水面":
		return "发包收入"
	}
	return "租赁收入"
}

// Contract is one contract of the collective (发包/租赁合同).
type Contract struct {
	ID              int64
	UUID            string
	Code            string // 合同编号: unique in its village; SaveContract gives the next HT-2025-001… when empty
	VillageID       int64
	Kind            string // one of ContractKinds
	Subject         string // 标的
	Area            Quantity
	Quantity        Quantity // 数量, counted in Unit
	Unit            string
	Party           string // 承包方
	PartyKind       string // one of PartyKinds
	Start, End      Date   // 起止日期, both days included
	AnnualRent      Money  // 年租金 (every payment term but PayOnce)
	TotalPrice      Money  // 总价款 (PayOnce)
	Payment         string // one of PaymentTerms
	DueDay          int    // the day of the month each item is due (1–31, past a month's end: its last day); 0: the item's first day
	Deposit         Money  // 保证金 (held, not income)
	EscalationYears int    // 递增条款: every this many contract years …
	EscalationBP    int    // … the annual rent rises by this many basis points (500 = 5%), compounding
	PublicTrade     bool   // 是否公开交易
	DecisionID      int64  // the approving 四议两公开 record (issue 14); 0 none. No foreign key until that table exists
	AssetID         int64  // the asset it lets; 0 none
	RenewsID        int64  // the contract this one renews (续签); 0 none
	Note            string
}

var contractTable = table[Contract]{
	name: "contracts",
	cols: []string{"code", "village_id", "kind", "subject", "area", "quantity", "unit", "party", "party_kind", "start_date", "end_date",
		"annual_rent", "total_price", "payment", "due_day", "deposit", "escalation_years", "escalation_bp", "public_trade",
		"decision_id", "asset_id", "renews_id", "note"},
	fields: func(c *Contract) []any {
		return []any{&c.ID, &c.UUID, &c.Code, &c.VillageID, &c.Kind, &c.Subject, &c.Area, &c.Quantity, &c.Unit, &c.Party,
			&c.PartyKind, &c.Start, &c.End, &c.AnnualRent, &c.TotalPrice, &c.Payment, &c.DueDay, &c.Deposit,
			&c.EscalationYears, &c.EscalationBP, &c.PublicTrade, nullableID{&c.DecisionID}, nullableID{&c.AssetID},
			nullableID{&c.RenewsID}, &c.Note}
	},
}

// maxEscalationYears bounds the escalation step a form takes.
const maxEscalationYears = 50

// RentItem is one item of a contract's rent schedule (第N期).
type RentItem struct {
	Period   int  // 1, 2, …
	From, To Date // the days it pays for
	Due      Date
	Amount   Money
}

// Schedule is the contract's rent schedule, computed from its terms (nil while they are incomplete):
//
//   - Items follow each other every 12, 6 or 3 months from the start date (年付, 半年付, 季付);
//     each boundary is counted from the start, so a contract starting on the 31st has items
//     starting on the 31st or, in shorter months, on the month's last day. A 一次性 contract has one
//     item for the whole term, of the total price. There is no partial first item: the first
//     item starts on the start date.
//   - An item is due in its first month, on DueDay (past the month's end: its last day; 0: the
//     item's first day), but never before the contract starts: rent is paid in advance.
//   - The annual rent of contract year y (0 the first) is AnnualRent raised by EscalationBP,
//     compounding, once every EscalationYears years (y / EscalationYears times), each rise
//     rounded half up to the fen. A year's rent is shared among its items so they add up to it
//     exactly (the later items take the odd fen).
//   - The last item ends on the end date; when that cuts it short it pays its share of the full
//     item's rent by days: rent × days covered / days of the full item, rounded half up.
func (c *Contract) Schedule() []RentItem {
	items, _ := c.schedule()
	return items
}

// maxRentItems bounds a schedule (150 years of quarters is 600) against a row edited outside 村记.
const maxRentItems = 1000

// schedule is Schedule; false when escalation takes a year's rent past MaxTotal.
func (c *Contract) schedule() ([]RentItem, bool) {
	if c.Start.IsZero() || c.End.IsZero() || c.End.Before(c.Start) {
		return nil, true
	}
	if c.Payment == PayOnce {
		return []RentItem{{Period: 1, From: c.Start, To: c.End, Due: c.dueIn(c.Start), Amount: c.TotalPrice}}, true
	}
	months := periodMonths(c.Payment)
	if months == 0 {
		return nil, true
	}
	perYear := 12 / months
	var out []RentItem
	year, rent := 0, c.AnnualRent
	for k := 0; k < maxRentItems; k++ {
		from := addMonths(c.Start, k*months)
		if from.After(c.End) {
			break
		}
		to := addMonths(c.Start, (k+1)*months).AddDays(-1)
		for ; year < k/perYear; year++ {
			if c.EscalationYears > 0 && (year+1)%c.EscalationYears == 0 {
				rent += Money(roundDiv(int64(rent)*int64(c.EscalationBP), maxBP))
				if rent > MaxTotal {
					return out, false
				}
			}
		}
		i := int64(k % perYear)
		amount := Money(int64(rent)*(i+1)/int64(perYear) - int64(rent)*i/int64(perYear))
		if to.After(c.End) {
			amount = Money(roundDiv(int64(amount)*int64(daysBetween(from, c.End)), int64(daysBetween(from, to))))
			to = c.End
		}
		out = append(out, RentItem{Period: k + 1, From: from, To: to, Due: c.dueIn(from), Amount: amount})
	}
	return out, true
}

// dueIn is the due date of an item starting on from.
func (c *Contract) dueIn(from Date) Date {
	d := c.DueDay
	if d <= 0 {
		d = from.Day()
	}
	due := Date{from.y, from.m, uint8(min(d, daysIn(from.Year(), from.Month())))}
	if due.Before(c.Start) {
		return c.Start
	}
	return due
}

// addMonths is d moved by n months, on d's day or the month's last day when it has fewer.
func addMonths(d Date, n int) Date {
	m := d.Year()*12 + d.Month() - 1 + n
	y, mon := m/12, m%12+1
	return Date{int32(y), uint8(mon), uint8(min(d.Day(), daysIn(y, mon)))}
}

// daysBetween counts the days from a to b, both included.
func daysBetween(a, b Date) int { return int(b.Time().Sub(a.Time()).Hours()/24) + 1 }

// addYears matches SQLite's date(d, '+n years'): Go's AddDate normalizes 29 February the same way.
func addYears(d Date, n int) Date { return DateOf(d.Time().AddDate(n, 0, 0)) }

// GetContract returns a live contract.
func (s *Store) GetContract(id int64) (*Contract, error) { return contractTable.load(s.db, id, true) }

// NextContractCode is the code SaveContract gives a new contract of the village without one:
// HT-2025-001, HT-2025-002 … for contracts starting in 2025.
func (s *Store) NextContractCode(villageID int64, year int) (string, error) {
	return nextCode(s.db, "contracts", villageID, fmt.Sprintf("HT-%04d-", year), 3)
}

func cleanContract(c *Contract) {
	c.Code, c.Subject, c.Unit = clean(Halfwidth(c.Code)), clean(c.Subject), clean(c.Unit)
	c.Party, c.Note = clean(c.Party), clean(c.Note)
}

func validateContract(q querier, x *Contract) error {
	c := newCheck("contract")
	c.maxLen("Code", x.Code, nameLen)
	if err := c.ref(q, "VillageID", "villages", x.VillageID, true); err != nil {
		return err
	}
	if x.VillageID != 0 {
		if err := c.unique(q, "Code", "contracts", x.ID, "village_id = ? AND code = ?", x.VillageID, x.Code); err != nil {
			return err
		}
	}
	c.oneOf("Kind", x.Kind, ContractKinds)
	c.required("Subject", x.Subject)
	c.maxLen("Subject", x.Subject, nameLen)
	c.notNegative("Area", int64(x.Area))
	c.notNegative("Quantity", int64(x.Quantity))
	c.maxLen("Unit", x.Unit, unitLen)
	c.required("Party", x.Party)
	c.maxLen("Party", x.Party, nameLen)
	c.oneOf("PartyKind", x.PartyKind, PartyKinds)
	c.date("Start", x.Start)
	c.date("End", x.End)
	if !c.failed("Start") && !c.failed("End") && x.End.Before(x.Start) {
		c.fail("End", "before")
	}
	c.oneOf("Payment", x.Payment, PaymentTerms)
	if x.Payment == PayOnce {
		c.amount("AnnualRent", x.AnnualRent)
		c.positive("TotalPrice", x.TotalPrice)
		if x.EscalationYears != 0 || x.EscalationBP != 0 {
			c.fail("EscalationYears", "once")
		}
	} else {
		c.positive("AnnualRent", x.AnnualRent)
		c.amount("TotalPrice", x.TotalPrice)
	}
	c.between("DueDay", x.DueDay, 0, 31)
	c.amount("Deposit", x.Deposit)
	if !c.failed("EscalationYears") {
		c.between("EscalationYears", x.EscalationYears, 0, maxEscalationYears)
	}
	c.between("EscalationBP", x.EscalationBP, 0, maxBP)
	switch {
	case x.EscalationYears > 0 && x.EscalationBP == 0 && !c.failed("EscalationBP"):
		c.fail("EscalationBP", "required")
	case x.EscalationBP > 0 && x.EscalationYears == 0 && !c.failed("EscalationYears"):
		c.fail("EscalationYears", "required")
	}
	if err := contractAssetRef(q, c, x); err != nil {
		return err
	}
	if x.RenewsID != 0 && x.RenewsID == x.ID {
		c.fail("RenewsID", "self")
	} else if err := c.ref(q, "RenewsID", "contracts", x.RenewsID, false); err != nil {
		return err
	}
	c.maxLen("Note", x.Note, noteLen)
	if c.failed("AnnualRent") || c.failed("Start") || c.failed("End") || c.failed("Payment") || c.failed("EscalationBP") || c.failed("EscalationYears") {
		return c.err()
	}
	items, ok := x.schedule()
	var total Money
	for _, it := range items {
		total += it.Amount
	}
	if !ok || total > MaxTotal {
		c.fail("AnnualRent", "total")
	}
	if x.ID != 0 && !c.failed("AnnualRent") {
		if err := receiptsFit(q, c, x.ID, items); err != nil {
			return err
		}
	}
	return c.err()
}

// contractAssetRef checks the asset a contract lets: live, in the contract's village, and not let
// by another live contract over days this one covers.
func contractAssetRef(q querier, c *check, x *Contract) error {
	if x.AssetID == 0 {
		return nil
	}
	var village int64
	err := q.QueryRow("SELECT village_id FROM assets WHERE id = ? AND deleted_at IS NULL", x.AssetID).Scan(&village)
	if errors.Is(err, sql.ErrNoRows) {
		c.fail("AssetID", "missing")
		return nil
	}
	if err != nil {
		return err
	}
	if x.VillageID != 0 && village != x.VillageID {
		c.fail("AssetID", "village")
		return nil
	}
	if c.failed("Start") || c.failed("End") {
		return nil
	}
	var code string
	var from, to Date
	err = q.QueryRow(`SELECT code, start_date, end_date FROM contracts WHERE asset_id = ? AND id <> ? AND deleted_at IS NULL
		AND start_date <= ? AND end_date >= ? ORDER BY start_date, id LIMIT 1`, x.AssetID, x.ID, x.End, x.Start).Scan(&code, &from, &to)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	c.fail("AssetID", "overlap")
	c.For("AssetID").Msg = fmt.Sprintf("这项资产已由合同%s出租（%s至%s），与本合同的期限重叠，同一资产不能在重叠的日子里出租两次：请调整起止日期，或先修改那份合同",
		code, from, to)
	return nil
}

// receiptsFit fails when the schedule items no longer cover what the contract's live receipts paid.
func receiptsFit(q querier, c *check, contractID int64, items []RentItem) error {
	paid, err := receivedByPeriod(q, contractID)
	if err != nil {
		return err
	}
	for _, period := range slices.Sorted(maps.Keys(paid)) {
		got := paid[period]
		var due Money
		if period <= len(items) {
			due = items[period-1].Amount
		}
		if got > due {
			c.fail("", "receipts")
			c.For("").Msg = fmt.Sprintf("第%d期已经收了%s，按修改后的合同这一期只应收%s：请先修改或删除这一期的收款记录，再改合同", period, got, due)
			return nil
		}
	}
	return nil
}

// receivedByPeriod adds up a contract's live receipts by item.
func receivedByPeriod(q querier, contractID int64) (map[int]Money, error) {
	out := map[int]Money{}
	err := eachRow(q, "SELECT period, sum(amount) FROM contract_receipts WHERE contract_id = ? AND deleted_at IS NULL GROUP BY period",
		[]any{contractID}, func(rows *sql.Rows) ([2]int64, error) {
			var v [2]int64
			err := rows.Scan(&v[0], &v[1])
			return v, err
		}, func(v [2]int64) error {
			out[int(v[0])] = Money(v[1])
			return nil
		})
	return out, err
}

// CheckContract runs SaveContract's validation without saving, so a form can show problems as the user types.
func (s *Store) CheckContract(x *Contract) error {
	in := *x
	cleanContract(&in)
	return validateContract(s.db, &in)
}

// SaveContract inserts (ID 0) or updates a contract. An empty code gets the village's next one.
// Its rent schedule is rewritten, and the income entries of its receipts follow a change of
// village, kind, lessee or asset.
func (s *Store) SaveContract(x *Contract) error {
	in := *x
	cleanContract(&in)
	err := s.write(func(tx *Tx) error {
		if in.Code == "" && in.VillageID != 0 {
			year := in.Start.Year()
			if in.Start.IsZero() {
				year = DateOf(tx.Now).Year()
			}
			var err error
			if in.Code, err = nextCode(tx, "contracts", in.VillageID, fmt.Sprintf("HT-%04d-", year), 3); err != nil {
				return err
			}
		}
		if err := validateContract(tx, &in); err != nil {
			return err
		}
		if err := contractTable.save(tx, &in); err != nil {
			return err
		}
		if err := writeSchedule(tx, &in); err != nil {
			return err
		}
		return syncReceiptEntries(tx, &in)
	})
	if err == nil {
		*x = in
	}
	return err
}

// DeleteContract soft-deletes a contract without live receipts (delete those first: each took its income entry with it).
func (s *Store) DeleteContract(id int64) error {
	return s.write(func(tx *Tx) error {
		n, err := queryCount(tx, "SELECT count(*) FROM contract_receipts WHERE contract_id = ? AND deleted_at IS NULL", id)
		if err != nil {
			return err
		}
		if n > 0 {
			c := newCheck("contract")
			c.fail("", "inuse")
			return c.err()
		}
		if err := contractTable.delete(tx, id); err != nil {
			return err
		}
		_, err = tx.Exec("DELETE FROM rent_schedule WHERE contract_id = ?", id)
		return err
	})
}

// RestoreContract undoes DeleteContract, unless its asset was let to another contract meanwhile.
func (s *Store) RestoreContract(id int64) error {
	return s.write(func(tx *Tx) error {
		x, err := contractTable.load(tx, id, false)
		if err != nil {
			return err
		}
		c := newCheck("contract")
		if err := contractAssetRef(tx, c, x); err != nil {
			return err
		}
		if err := c.err(); err != nil {
			return err
		}
		if err := contractTable.restore(tx, id); err != nil {
			return err
		}
		return writeSchedule(tx, x)
	})
}

// writeSchedule rewrites the contract's rows of rent_schedule with what its receipts paid on each item.
func writeSchedule(tx *Tx, x *Contract) error {
	if _, err := tx.Exec("DELETE FROM rent_schedule WHERE contract_id = ?", x.ID); err != nil {
		return err
	}
	paid, err := receivedByPeriod(tx, x.ID)
	if err != nil {
		return err
	}
	stmt, err := tx.Prepare(`INSERT INTO rent_schedule(contract_id, period, village_id, period_from, period_to, due_date, amount, received)
		VALUES (?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, it := range x.Schedule() {
		if _, err := stmt.Exec(x.ID, it.Period, x.VillageID, it.From, it.To, it.Due, it.Amount, paid[it.Period]); err != nil {
			return err
		}
	}
	return nil
}

// RebuildRentSchedule recomputes rent_schedule from the live contracts and receipts (a repair
// tool; the write methods keep it, and tests check that it never finds drift).
func (s *Store) RebuildRentSchedule() error {
	return s.write(func(tx *Tx) error {
		if _, err := tx.Exec("DELETE FROM rent_schedule"); err != nil {
			return err
		}
		list, err := contractTable.list(tx, "1", "id")
		if err != nil {
			return err
		}
		for i := range list {
			if err := writeSchedule(tx, &list[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// RentItemRow is an item of a contract's schedule with what its receipts paid.
type RentItemRow struct {
	RentItem
	Received Money
}

// Left is what is still to be paid on the item.
func (r RentItemRow) Left() Money { return r.Amount - r.Received }

// ContractSchedule reads a live contract's rent schedule with what was received on each item.
func (s *Store) ContractSchedule(contractID int64) ([]RentItemRow, error) {
	return queryRows(s.db, `SELECT period, period_from, period_to, due_date, amount, received FROM rent_schedule
		WHERE contract_id = ? ORDER BY period`, []any{contractID}, func(rows *sql.Rows) (RentItemRow, error) {
		var r RentItemRow
		err := rows.Scan(&r.Period, &r.From, &r.To, &r.Due, &r.Amount, &r.Received)
		return r, err
	})
}

// Receipt is money received on one item of a contract's schedule (收款). Saving it books the
// collective income entry (EntryID) in the same write; deleting or restoring it does the same to
// the entry. The entry cannot be changed from the collective ledger: one way in.
type Receipt struct {
	ID         int64
	UUID       string
	ContractID int64
	Period     int // the schedule item it pays (RentItem.Period)
	Date       Date
	Amount     Money
	Voucher    string // 凭证号, copied to the entry
	Note       string
	EntryID    int64 // read only: the income entry it booked
}

var receiptTable = table[Receipt]{
	name: "contract_receipts",
	cols: []string{"contract_id", "period", "date", "amount", "voucher", "note", "entry_id"},
	fields: func(r *Receipt) []any {
		return []any{&r.ID, &r.UUID, &r.ContractID, &r.Period, &r.Date, &r.Amount, &r.Voucher, &r.Note, &r.EntryID}
	},
}

// GetReceipt returns a live receipt.
func (s *Store) GetReceipt(id int64) (*Receipt, error) { return receiptTable.load(s.db, id, true) }

// Receipts lists a contract's live receipts by item and date.
func (s *Store) Receipts(contractID int64) ([]Receipt, error) {
	return receiptTable.list(s.db, "contract_id = ?", "period, date, id", contractID)
}

// validateReceipt checks r against its contract x (nil when that is not live).
func validateReceipt(q querier, x *Contract, r *Receipt) error {
	c := newCheck("receipt")
	if x == nil {
		c.fail("ContractID", "missing")
		return c.err()
	}
	items := x.Schedule()
	if r.Period < 1 || r.Period > len(items) {
		c.fail("Period", "invalid")
	}
	c.date("Date", r.Date)
	c.positive("Amount", r.Amount)
	c.maxLen("Voucher", r.Voucher, nameLen)
	c.maxLen("Note", r.Note, noteLen)
	if c.failed("Period") || c.failed("Amount") {
		return c.err()
	}
	item := items[r.Period-1]
	var received Money
	if err := q.QueryRow(`SELECT coalesce(sum(amount), 0) FROM contract_receipts WHERE contract_id = ? AND period = ?
		AND deleted_at IS NULL AND id <> ?`, x.ID, r.Period, r.ID).Scan(&received); err != nil {
		return err
	}
	if left := item.Amount - received; r.Amount > left {
		c.fail("Amount", "exceeds")
		msg := fmt.Sprintf("第%d期（%s至%s）应收%s，已收%s，这笔最多%s：请检查金额，多收的部分请记到下一期", item.Period, item.From, item.To,
			item.Amount, received, max(left, 0))
		if left <= 0 {
			msg = fmt.Sprintf("第%d期（%s至%s）的%s已经收齐，请选择还没收齐的一期", item.Period, item.From, item.To, item.Amount)
		}
		c.For("Amount").Msg = msg
	}
	return c.err()
}

// liveContract loads the receipt's contract, nil when it is not live.
func liveContract(q querier, id int64) (*Contract, error) {
	x, err := contractTable.load(q, id, true)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	return x, err
}

// SaveReceipt inserts (ID 0) or updates a receipt and its income entry. A receipt stays with its
// contract: an edit keeps the saved ContractID.
func (s *Store) SaveReceipt(r *Receipt) error {
	in := *r
	in.Voucher, in.Note = clean(Halfwidth(in.Voucher)), clean(in.Note)
	err := s.write(func(tx *Tx) error {
		var old *Receipt
		if in.ID != 0 {
			var err error
			if old, err = receiptTable.load(tx, in.ID, true); err != nil {
				return err
			}
			in.ContractID, in.EntryID = old.ContractID, old.EntryID
		}
		x, err := liveContract(tx, in.ContractID)
		if err != nil {
			return err
		}
		if err := validateReceipt(tx, x, &in); err != nil {
			return err
		}
		if in.EntryID, err = saveReceiptEntry(tx, x, &in); err != nil {
			return err
		}
		if err := receiptTable.save(tx, &in); err != nil {
			return err
		}
		if old != nil {
			if err := addReceived(tx, old.ContractID, old.Period, -old.Amount); err != nil {
				return err
			}
		}
		return addReceived(tx, in.ContractID, in.Period, in.Amount)
	})
	if err == nil {
		*r = in
	}
	return err
}

// DeleteReceipt soft-deletes a receipt and the income entry it booked.
func (s *Store) DeleteReceipt(id int64) error {
	return s.write(func(tx *Tx) error {
		r, err := receiptTable.load(tx, id, true)
		if err != nil {
			return err
		}
		if err := receiptTable.delete(tx, id); err != nil {
			return err
		}
		if err := entryTable.delete(tx, r.EntryID); err != nil {
			return err
		}
		return addReceived(tx, r.ContractID, r.Period, -r.Amount)
	})
}

// RestoreReceipt undoes DeleteReceipt, bringing its income entry back, unless its contract was
// deleted or changed meanwhile so that the item no longer has room for it.
func (s *Store) RestoreReceipt(id int64) error {
	return s.write(func(tx *Tx) error {
		r, err := receiptTable.load(tx, id, false)
		if err != nil {
			return err
		}
		if live, err := liveExists(tx, receiptTable.name, id); err != nil || live {
			return err
		}
		x, err := liveContract(tx, r.ContractID)
		if err != nil {
			return err
		}
		if err := validateReceipt(tx, x, r); err != nil {
			return err
		}
		if err := receiptTable.restore(tx, id); err != nil {
			return err
		}
		if err := entryTable.restore(tx, r.EntryID); err != nil {
			return err
		}
		if _, err := saveReceiptEntry(tx, x, r); err != nil { // the contract may have changed meanwhile
			return err
		}
		return addReceived(tx, r.ContractID, r.Period, r.Amount)
	})
}

func addReceived(tx *Tx, contractID int64, period int, amount Money) error {
	_, err := tx.Exec("UPDATE rent_schedule SET received = received + ? WHERE contract_id = ? AND period = ?", amount, contractID, period)
	return err
}

// receiptEntry is the income entry a receipt books: 经营收入 with the contract kind's sub-item,
// from the lessee, in the contract's village, linked to the project that formed the let asset.
func receiptEntry(x *Contract, r *Receipt, projectID int64) CollectiveEntry {
	return CollectiveEntry{ID: r.EntryID, Date: r.Date, VillageID: x.VillageID, Direction: DirectionIncome, Category: IncomeOperating,
		SubItem: ContractSubItem(x.Kind), Amount: r.Amount, Counterparty: x.Party, Voucher: r.Voucher, ProjectID: projectID,
		Note: fmt.Sprintf("合同%s第%d期租金", x.Code, r.Period)}
}

// saveReceiptEntry inserts or updates (when it differs) the entry the receipt books and returns its id.
func saveReceiptEntry(tx *Tx, x *Contract, r *Receipt) (int64, error) {
	var old *CollectiveEntry
	if r.EntryID != 0 {
		var err error
		if old, err = entryTable.load(tx, r.EntryID, true); err != nil {
			return 0, err
		}
	}
	var project int64
	if x.AssetID != 0 {
		if err := tx.QueryRow("SELECT coalesce(project_id, 0) FROM assets WHERE id = ?", x.AssetID).Scan(&project); err != nil {
			return 0, err
		}
	}
	if project != 0 && (old == nil || old.ProjectID != project) {
		if live, err := liveExists(tx, "projects", project); err != nil {
			return 0, err
		} else if !live {
			project = 0 // a deleted project gets no new link; a link the entry has is kept
		}
	}
	e := receiptEntry(x, r, project)
	if old != nil {
		e.UUID = old.UUID
		if e == *old {
			return e.ID, nil
		}
	}
	if err := validateEntry(tx, &e); err != nil {
		return 0, err
	}
	err := entryTable.save(tx, &e)
	return e.ID, err
}

// syncReceiptEntries brings the entries of a contract's live receipts in line with the contract.
func syncReceiptEntries(tx *Tx, x *Contract) error {
	list, err := receiptTable.list(tx, "contract_id = ?", "id", x.ID)
	if err != nil {
		return err
	}
	for i := range list {
		if _, err := saveReceiptEntry(tx, x, &list[i]); err != nil {
			return err
		}
	}
	return nil
}
