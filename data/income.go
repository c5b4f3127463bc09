package data

import (
	"database/sql"
	"fmt"
)

// Directions of a collective entry.
const (
	DirectionIncome  = "income"
	DirectionExpense = "expense"
)

// Directions lists both, income first.
var Directions = []string{DirectionIncome, DirectionExpense}

// DirectionName is 收入 or 支出.
func DirectionName(d string) string {
	switch d {
	case DirectionIncome:
		return "收入"
	case DirectionExpense:
		return "支出"
	}
	return d
}

// Income categories of 《农村集体经济组织会计制度》(财会〔2023〕14号).
const (
	IncomeOperating  = "经营收入"
	IncomeInvestment = "投资收益"
	IncomeSubsidy    = "补助收入"
	IncomeOther      = "其他收入"
)

// IncomeCategories lists the four income categories in the official order.
var IncomeCategories = []string{IncomeOperating, IncomeInvestment, IncomeSubsidy, IncomeOther}

// ExpenseCategories lists the six expense categories in the official order.
var ExpenseCategories = []string{"经营支出", "税金及附加", "管理费用", "公益支出", "其他支出", "所得税费用"}

// Categories returns the category list of a direction.
func Categories(direction string) []string {
	if direction == DirectionExpense {
		return ExpenseCategories
	}
	if direction == DirectionIncome {
		return IncomeCategories
	}
	return nil
}

// SubItems are the local names people still use, offered under the category they map onto;
// any text is accepted as a sub-item.
var SubItems = map[string][]string{
	"经营收入":  {"土地流转费", "发包收入", "租赁收入", "服务收入", "产品销售收入", "上交收入"},
	"投资收益":  {"入股分红", "投资收益", "理财收益"},
	"补助收入":  {"财政补助", "运转经费补助", "项目补助"},
	"其他收入":  {"利息收入", "捐赠收入", "罚没收入", "其他"},
	"经营支出":  {"种苗农资", "用工支出", "水电费", "维修费"},
	"税金及附加": {"增值税附加", "印花税", "房产税"},
	"管理费用":  {"办公费", "差旅费", "会议费", "干部报酬"},
	"公益支出":  {"道路维护", "环境整治", "困难户救助", "文体活动"},
	"其他支出":  {"利息支出", "其他"},
	"所得税费用": {"所得税"},
}

// CollectiveEntry is one income or expense of the village collective (村集体收支).
type CollectiveEntry struct {
	ID           int64
	UUID         string
	Date         Date
	VillageID    int64
	Direction    string // DirectionIncome or DirectionExpense
	Category     string // from IncomeCategories or ExpenseCategories
	SubItem      string // local name, e.g. 土地流转费
	Amount       Money
	Counterparty string // 对方单位或个人
	Voucher      string // 凭证号
	ProjectID    int64  // 0: not linked; else the project whose asset produced it
	Note         string
}

var entryTable = table[CollectiveEntry]{
	name: "collective_entries",
	cols: []string{"date", "village_id", "direction", "category", "sub_item", "amount", "counterparty", "voucher", "project_id", "note"},
	fields: func(x *CollectiveEntry) []any {
		return []any{&x.ID, &x.UUID, &x.Date, &x.VillageID, &x.Direction, &x.Category, &x.SubItem, &x.Amount,
			&x.Counterparty, &x.Voucher, nullableID{&x.ProjectID}, &x.Note}
	},
}

// GetEntry returns a live collective entry.
func (s *Store) GetEntry(id int64) (*CollectiveEntry, error) { return entryTable.load(s.db, id, true) }

func validateEntry(q querier, x *CollectiveEntry) error {
	c := newCheck("entry")
	c.date("Date", x.Date)
	if err := c.ref(q, "VillageID", "villages", x.VillageID, true); err != nil {
		return err
	}
	c.oneOf("Direction", x.Direction, Directions)
	if !c.failed("Direction") {
		c.oneOf("Category", x.Category, Categories(x.Direction))
	}
	c.maxLen("SubItem", x.SubItem, nameLen)
	c.positive("Amount", x.Amount)
	c.maxLen("Counterparty", x.Counterparty, nameLen)
	c.maxLen("Voucher", x.Voucher, nameLen)
	if err := entryProjectRef(q, c, x); err != nil {
		return err
	}
	c.maxLen("Note", x.Note, noteLen)
	return c.err()
}

// entryProjectRef checks the entry's project link: a new link needs a live project, but a link the
// saved entry already has is kept when its project was deleted since (undoing that brings it back whole).
func entryProjectRef(q querier, c *check, x *CollectiveEntry) error {
	if x.ID != 0 && x.ProjectID != 0 {
		var kept int
		err := q.QueryRow("SELECT count(*) FROM collective_entries WHERE id = ? AND project_id = ?", x.ID, x.ProjectID).Scan(&kept)
		if err != nil || kept > 0 {
			return err
		}
	}
	return c.ref(q, "ProjectID", "projects", x.ProjectID, false)
}

// SaveEntry inserts (ID 0) or updates a collective entry; an entry a contract receipt booked is
// changed only through its receipt (SaveReceipt).
func (s *Store) SaveEntry(x *CollectiveEntry) error {
	x.SubItem, x.Counterparty, x.Voucher, x.Note = clean(x.SubItem), clean(x.Counterparty), clean(Halfwidth(x.Voucher)), clean(x.Note)
	return saveChild(s, entryTable, x, func(q querier, x *CollectiveEntry) error {
		if err := notFromReceipt(q, x.ID); err != nil {
			return err
		}
		return validateEntry(q, x)
	})
}

// DeleteEntry soft-deletes a collective entry (one a receipt booked goes with DeleteReceipt).
func (s *Store) DeleteEntry(id int64) error {
	return s.write(func(tx *Tx) error {
		if err := notFromReceipt(tx, id); err != nil {
			return err
		}
		return entryTable.delete(tx, id)
	})
}

// RestoreEntry undoes DeleteEntry (one a receipt booked comes back with RestoreReceipt).
func (s *Store) RestoreEntry(id int64) error {
	return s.write(func(tx *Tx) error {
		if err := notFromReceipt(tx, id); err != nil {
			return err
		}
		return entryTable.restore(tx, id)
	})
}

// notFromReceipt refuses to touch an entry a contract receipt booked: one way in, through the receipt.
func notFromReceipt(q querier, entryID int64) error {
	if entryID == 0 {
		return nil
	}
	n, err := queryCount(q, "SELECT count(*) FROM contract_receipts WHERE entry_id = ?", entryID)
	if err != nil || n == 0 {
		return err
	}
	c := newCheck("entry")
	c.fail("", "receipt")
	return c.err()
}

// EntryFilter narrows the collective ledger. Zero fields do not filter; Month needs Year.
type EntryFilter struct {
	Year      int
	Month     int
	From, To  Date // an explicit range (reports); combined with Year/Month when both are set
	VillageID int64
	Direction string
	Category  string
	ProjectID int64
	Search    string // in sub-item, counterparty, voucher or note
}

// EntryRow is a collective entry with the names the ledger screen shows.
type EntryRow struct {
	CollectiveEntry
	Village        string
	Project        string // "" when not linked
	ProjectDeleted bool   // the linked project was deleted (the link is kept for undo)
	ReceiptID      int64  // the contract receipt that booked it (0 none): edit it there, not here
	ContractID     int64
	Contract       string // that contract's code and subject ("" none)
}

func (f EntryFilter) where() (string, []any) {
	var c conds
	c.add("x.deleted_at IS NULL")
	if f.Year != 0 {
		p := YearPeriod(f.Year)
		if f.Month != 0 {
			p = MonthPeriod(f.Year, f.Month)
		}
		c.add("x.date BETWEEN ? AND ?", p.From, p.To)
	}
	if !f.From.IsZero() {
		c.add("x.date >= ?", f.From)
	}
	if !f.To.IsZero() {
		c.add("x.date <= ?", f.To)
	}
	if f.VillageID != 0 {
		c.add("x.village_id = ?", f.VillageID)
	}
	if f.Direction != "" {
		c.add("x.direction = ?", f.Direction)
	}
	if f.Category != "" {
		c.add("x.category = ?", f.Category)
	}
	if f.ProjectID != 0 {
		c.add("x.project_id = ?", f.ProjectID)
	}
	if q := clean(f.Search); q != "" {
		pat := likePattern(q)
		c.add(`(x.sub_item LIKE ? ESCAPE '\' OR x.counterparty LIKE ? ESCAPE '\' OR x.voucher LIKE ? ESCAPE '\' OR x.note LIKE ? ESCAPE '\')`,
			pat, pat, pat, pat)
	}
	return c.sql()
}

const entryRowSelect = `SELECT x.id, x.uuid, x.date, x.village_id, x.direction, x.category, x.sub_item, x.amount,
	x.counterparty, x.voucher, coalesce(x.project_id, 0), x.note, v.name, coalesce(p.name, ''), p.deleted_at IS NOT NULL,
	coalesce(cr.id, 0), coalesce(ct.id, 0), coalesce(ct.code || ' ' || ct.subject, '')
	FROM collective_entries x JOIN villages v ON v.id = x.village_id LEFT JOIN projects p ON p.id = x.project_id
	LEFT JOIN contract_receipts cr ON cr.entry_id = x.id LEFT JOIN contracts ct ON ct.id = cr.contract_id`

func scanEntryRow(rows *sql.Rows) (EntryRow, error) {
	var r EntryRow
	var amount int64
	err := rows.Scan(&r.ID, &r.UUID, &r.Date, &r.VillageID, &r.Direction, &r.Category, &r.SubItem, &amount,
		&r.Counterparty, &r.Voucher, &r.ProjectID, &r.Note, &r.Village, &r.Project, &r.ProjectDeleted,
		&r.ReceiptID, &r.ContractID, &r.Contract)
	r.Amount = Money(amount)
	return r, err
}

// ListEntries reads one page of the collective ledger, newest first.
func (s *Store) ListEntries(f EntryFilter, offset, limit int) ([]EntryRow, error) {
	where, args := f.where()
	limit, offset = pageArgs(offset, limit)
	return queryRows(s.db, entryRowSelect+" WHERE "+where+" ORDER BY x.date DESC, x.id DESC LIMIT ? OFFSET ?",
		append(args, limit, offset), scanEntryRow)
}

// CountEntries counts the rows ListEntries pages through.
func (s *Store) CountEntries(f EntryFilter) (int, error) {
	where, args := f.where()
	return queryCount(s.db, "SELECT count(*) FROM collective_entries x WHERE "+where, args...)
}

// EntryTotals are the totals strip of the collective ledger.
type EntryTotals struct {
	Income    Money // all income
	Operating Money // 经营性收入: income less 补助收入 and 其他收入
	Expense   Money
	Net       Money // income less expense
	Count     int
}

// EntryTotals adds up the rows the filter selects.
func (s *Store) EntryTotals(f EntryFilter) (EntryTotals, error) {
	where, args := f.where()
	var t EntryTotals
	var income, operating, expense int64
	err := s.db.QueryRow(`SELECT count(*),
		coalesce(sum(CASE WHEN x.direction = 'income' THEN x.amount END), 0),
		coalesce(sum(CASE WHEN x.direction = 'income' AND x.category NOT IN (?, ?) THEN x.amount END), 0),
		coalesce(sum(CASE WHEN x.direction = 'expense' THEN x.amount END), 0)
		FROM collective_entries x WHERE `+where, append([]any{IncomeSubsidy, IncomeOther}, args...)...).
		Scan(&t.Count, &income, &operating, &expense)
	t.Income, t.Operating, t.Expense = Money(income), Money(operating), Money(expense)
	t.Net = t.Income - t.Expense
	return t, err
}

// Achieved is the figure a target with this measure is judged on.
func (t EntryTotals) Achieved(measure string) Money {
	switch measure {
	case MeasureOperating:
		return t.Operating
	case MeasureNet:
		return t.Net
	}
	return t.Income
}

// TargetProgress is how far a village's year has come towards its collective-income target.
type TargetProgress struct {
	VillageID int64
	Year      int
	HasTarget bool
	Target    Money
	Measure   string
	Achieved  Money
	Percent   int   // whole percent reached, rounded down; may pass 100
	Remaining Money // 0 once reached
}

// TargetProgress compares the village's year with its target (HasTarget false when none is set).
func (s *Store) TargetProgress(villageID int64, year int) (*TargetProgress, error) {
	tp := &TargetProgress{VillageID: villageID, Year: year, Measure: MeasureTotal}
	t, err := s.VillageTarget(villageID, year)
	if err != nil {
		return nil, err
	}
	if t != nil {
		tp.HasTarget, tp.Target, tp.Measure = true, t.Amount, t.Measure
	}
	totals, err := s.EntryTotals(EntryFilter{Year: year, VillageID: villageID})
	if err != nil {
		return nil, err
	}
	tp.Achieved = totals.Achieved(tp.Measure)
	if tp.Target > 0 {
		tp.Percent = int(max(tp.Achieved, 0) * 100 / tp.Target)
	}
	tp.Remaining = max(tp.Target-tp.Achieved, 0)
	return tp, nil
}

// Chinese is the sentence the ledger shows: 已完成 78%，距 10 万元目标还差 ¥21,560.00.
func (tp *TargetProgress) Chinese() string {
	if !tp.HasTarget {
		return fmt.Sprintf("%d年未设定%s目标", tp.Year, MeasureName(tp.Measure))
	}
	goal := tp.Target.String() + " "
	if tp.Target%1000000 == 0 && tp.Target > 0 {
		goal = fmt.Sprintf("%d 万元", tp.Target/1000000)
	}
	if tp.Remaining == 0 {
		return fmt.Sprintf("已完成 %d%%，%s已达到 %s目标", tp.Percent, MeasureName(tp.Measure), goal)
	}
	return fmt.Sprintf("已完成 %d%%，距 %s目标还差 %s", tp.Percent, goal, tp.Remaining)
}

// ProjectEntries lists the collective entries linked to a project (its asset's income), by date.
func (s *Store) ProjectEntries(projectID int64) ([]EntryRow, error) {
	return queryRows(s.db, entryRowSelect+" WHERE x.project_id = ? AND x.deleted_at IS NULL ORDER BY x.date, x.id", []any{projectID}, scanEntryRow)
}

// EachEntry streams the live collective entries dated in p (villageID 0: all villages) by date.
func (s *Store) EachEntry(p Period, villageID int64, fn func(EntryRow) error) error {
	where, args := EntryFilter{From: p.From, To: p.To, VillageID: villageID}.where()
	return eachRow(s.db, entryRowSelect+" WHERE "+where+" ORDER BY x.date, x.id", args, scanEntryRow, fn)
}
