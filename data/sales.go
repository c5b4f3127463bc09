package data

import (
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strings"

	"github.com/google/uuid"
)

// Sales channels (销售渠道).
const (
	ChannelMarketDay    = "助农大集"
	ChannelStore        = "共富超市"
	ChannelLivestream   = "直播带货"
	ChannelUnitPurchase = "单位采购"
	ChannelOther        = "其他"
)

// Channels lists the channels in the order screens and reports show them.
var Channels = []string{ChannelMarketDay, ChannelStore, ChannelLivestream, ChannelUnitPurchase, ChannelOther}

// Seller kinds (卖家类别).
var SellerKinds = []string{"农户", "合作社", "村集体"}

// Household statuses (户类别). 一般户 is an ordinary household.
const (
	StatusFormerlyPoor = "脱贫户"
	StatusMonitored    = "监测户"
	StatusOrdinary     = "一般户"
)

// PovertyStatuses lists the statuses in the order a form offers them.
var PovertyStatuses = []string{StatusFormerlyPoor, StatusMonitored, StatusOrdinary}

// Units are the usual units of measure; a product may use another short unit.
var Units = []string{"斤", "公斤", "箱", "袋", "个", "盒", "只", "瓶", "桶", "份"}

// PaymentMethods are offered to a form; any short text is accepted.
var PaymentMethods = []string{"现金", "微信", "支付宝", "银行转账", "单位结算", "其他"}

const unitLen = 8

// Seller is a household, cooperative or the village collective selling produce.
// Phone and IDNumber are optional personal information: mask them when printing.
type Seller struct {
	ID        int64
	UUID      string
	Name      string
	Kind      string // one of SellerKinds; "" means 农户
	VillageID int64
	Status    string // one of PovertyStatuses; "" means 一般户
	Phone     string
	IDNumber  string
	Note      string
	Purged    bool // personal information erased (read only)
}

var sellerTable = table[Seller]{
	name: "sellers",
	cols: []string{"name", "pinyin", "kind", "village_id", "status", "phone", "id_number", "note"},
	fields: func(x *Seller) []any {
		return []any{&x.ID, &x.UUID, &x.Name, pinyinOf{x.Name}, &x.Kind, &x.VillageID, &x.Status, &x.Phone, &x.IDNumber, &x.Note}
	},
	more: func(q querier, x *Seller) error {
		var purged sql.NullString
		err := q.QueryRow("SELECT purged_at FROM sellers WHERE id = ?", x.ID).Scan(&purged)
		x.Purged = purged.Valid
		return err
	},
	audit: func(x *Seller) any { return x.masked() },
}

// masked is the seller as the audit log keeps it: no full phone or ID number.
func (x *Seller) masked() *Seller {
	m := *x
	if m.Phone != "" {
		m.Phone = MaskPhone(m.Phone)
	}
	if m.IDNumber != "" {
		m.IDNumber = MaskID(m.IDNumber)
	}
	return &m
}

// pinyinOf writes the initials of a name into the pinyin column and ignores it when read.
type pinyinOf struct{ name string }

func (p pinyinOf) Value() (driver.Value, error) { return PinyinInitials(p.name), nil }
func (p pinyinOf) Scan(any) error               { return nil }

// GetSeller returns a live seller.
func (s *Store) GetSeller(id int64) (*Seller, error) { return sellerTable.load(s.db, id, true) }

func validateSeller(q querier, x *Seller) error {
	c := newCheck("seller")
	c.required("Name", x.Name)
	c.maxLen("Name", x.Name, nameLen)
	c.oneOf("Kind", x.Kind, SellerKinds)
	if err := c.ref(q, "VillageID", "villages", x.VillageID, true); err != nil {
		return err
	}
	c.oneOf("Status", x.Status, PovertyStatuses)
	if x.Phone != "" && !ValidPhone(x.Phone) {
		c.fail("Phone", "invalid")
	}
	if x.IDNumber != "" && !ValidID(x.IDNumber) {
		c.fail("IDNumber", "invalid")
	}
	c.maxLen("Note", x.Note, noteLen)
	return c.err()
}

func (x *Seller) tidy() {
	x.Name, x.Note = clean(x.Name), clean(x.Note)
	x.Phone = strings.ReplaceAll(clean(Halfwidth(x.Phone)), " ", "")
	x.IDNumber = strings.ToUpper(strings.ReplaceAll(clean(Halfwidth(x.IDNumber)), " ", ""))
	if x.Kind == "" {
		x.Kind = SellerKinds[0]
	}
	if x.Status == "" {
		x.Status = StatusOrdinary
	}
}

// SaveSeller inserts (ID 0) or updates a seller. The audit log keeps phone and ID masked.
func (s *Store) SaveSeller(x *Seller) error {
	x.tidy()
	return saveChild(s, sellerTable, x, func(q querier, x *Seller) error {
		if x.ID != 0 {
			if old, err := sellerTable.load(q, x.ID, true); err != nil {
				return err
			} else if old.Purged {
				c := newCheck("seller")
				c.fail("", "purged")
				return c.err()
			}
		}
		return validateSeller(q, x)
	})
}

// DeleteSeller soft-deletes a seller; past sale lines keep showing the name.
func (s *Store) DeleteSeller(id int64) error { return deleteChild(s, sellerTable, id) }

// RestoreSeller undoes DeleteSeller (not PurgeSeller).
func (s *Store) RestoreSeller(id int64) error {
	return s.write(func(tx *Tx) error {
		if old, err := sellerTable.load(tx, id, false); err != nil {
			return err
		} else if old.Purged {
			c := newCheck("seller")
			c.fail("", "purged")
			return c.err()
		}
		return sellerTable.restore(tx, id)
	})
}

// PurgeSeller erases a person's personal information for good (个人信息删除): phone and ID number
// are removed, the name is masked (张*明) here and in earlier audit entries, and the seller is
// deleted. Sale lines keep their amounts so the ledgers still add up. It cannot be undone.
func (s *Store) PurgeSeller(id int64) error {
	return s.write(func(tx *Tx) error {
		old, err := sellerTable.load(tx, id, false)
		if err != nil {
			return err
		}
		masked := MaskName(old.Name)
		if err := tx.noteOld("sellers", id); err != nil {
			return err
		}
		_, err = tx.Exec(`UPDATE sellers SET name = ?1, pinyin = '', phone = '', id_number = '', note = '',
			purged_at = ?2, deleted_at = coalesce(deleted_at, ?2), updated_at = ?2 WHERE id = ?3`, masked, tx.Stamp(), id)
		if err != nil {
			return err
		}
		var first sql.NullInt64
		if err := tx.QueryRow(`SELECT min(id) FROM audit_log WHERE tbl = 'sellers' AND row_id = ?`, id).Scan(&first); err != nil {
			return err
		}
		for _, col := range []string{"old_json", "new_json"} {
			_, err = tx.Exec(`UPDATE audit_log SET `+col+` = json_replace(`+col+`, '$.Name', ?, '$.Phone', '', '$.IDNumber', '', '$.Note', '')
				WHERE tbl = 'sellers' AND row_id = ? AND json_valid(`+col+`)`, masked, id)
			if err != nil {
				return err
			}
		}
		if first.Valid {
			if err := tx.rechain(first.Int64); err != nil {
				return err
			}
		}
		return tx.Audit("sellers", id, "delete", nil, map[string]any{"ID": id, "Name": masked, "Purged": true})
	})
}

// FindOrCreateSeller returns the live seller of that name in the village, adding a new
// household (一般户) when there is none — for typing a new name straight into a sale line.
func (s *Store) FindOrCreateSeller(name string, villageID int64) (*Seller, error) {
	var x *Seller
	err := s.write(func(tx *Tx) (err error) {
		x, err = findOrCreateSeller(tx, name, villageID)
		return err
	})
	return x, err
}

func findOrCreateSeller(tx *Tx, name string, villageID int64) (*Seller, error) {
	x := &Seller{Name: clean(name), VillageID: villageID}
	return findOrCreate(tx, sellerTable, x, validateSeller, x.tidy,
		"SELECT id FROM sellers WHERE name = ? AND village_id = ? AND deleted_at IS NULL ORDER BY id LIMIT 1", x.Name, villageID)
}

// findOrCreate loads the first live row the query finds, or validates and inserts x.
func findOrCreate[T any](tx *Tx, t table[T], x *T, validate func(querier, *T) error, tidy func(), query string, args ...any) (*T, error) {
	var id int64
	err := tx.QueryRow(query, args...).Scan(&id)
	if err == nil {
		return t.load(tx, id, true)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	tidy()
	if err := validate(tx, x); err != nil {
		return nil, err
	}
	if err := t.save(tx, x); err != nil {
		return nil, err
	}
	return x, nil
}

// SellerFilter narrows the seller catalog. Search matches the name or its pinyin initials.
type SellerFilter struct {
	Search    string
	VillageID int64
	Status    string
}

// SellerRow is a seller with the name of its village, for the catalog screen.
type SellerRow struct {
	Seller
	Village string
}

func (f SellerFilter) where() (string, []any) {
	var c conds
	c.add("x.deleted_at IS NULL")
	if q := clean(f.Search); q != "" {
		c.add(`(x.name LIKE ? ESCAPE '\' OR x.pinyin LIKE ? ESCAPE '\')`, likePattern(q), initialsPattern(q))
	}
	if f.VillageID != 0 {
		c.add("x.village_id = ?", f.VillageID)
	}
	if f.Status != "" {
		c.add("x.status = ?", f.Status)
	}
	return c.sql()
}

// ListSellers reads one page of the seller catalog, by name.
func (s *Store) ListSellers(f SellerFilter, offset, limit int) ([]SellerRow, error) {
	where, args := f.where()
	limit, offset = pageArgs(offset, limit)
	return queryRows(s.db, `SELECT x.id, x.uuid, x.name, x.kind, x.village_id, x.status, x.phone, x.id_number, x.note,
		x.purged_at IS NOT NULL, v.name FROM sellers x JOIN villages v ON v.id = x.village_id
		WHERE `+where+` ORDER BY x.name, x.id LIMIT ? OFFSET ?`, append(args, limit, offset),
		func(rows *sql.Rows) (SellerRow, error) {
			var r SellerRow
			err := rows.Scan(&r.ID, &r.UUID, &r.Name, &r.Kind, &r.VillageID, &r.Status, &r.Phone, &r.IDNumber, &r.Note,
				&r.Purged, &r.Village)
			return r, err
		})
}

// CountSellers counts the sellers ListSellers would page through.
func (s *Store) CountSellers(f SellerFilter) (int, error) {
	where, args := f.where()
	return queryCount(s.db, "SELECT count(*) FROM sellers x WHERE "+where, args...)
}

// Product is an item in the produce catalog.
type Product struct {
	ID           int64
	UUID         string
	Name         string
	Spec         string // 规格, e.g. 5斤装
	Unit         string // usually one of Units
	DefaultPrice Money  // per unit
	Note         string
}

var productTable = table[Product]{
	name: "products",
	cols: []string{"name", "pinyin", "spec", "unit", "default_price", "note"},
	fields: func(x *Product) []any {
		return []any{&x.ID, &x.UUID, &x.Name, pinyinOf{x.Name}, &x.Spec, &x.Unit, &x.DefaultPrice, &x.Note}
	},
}

// Label is the product as lines show it: 大蒜（5斤装）.
func (x Product) Label() string {
	if x.Spec == "" {
		return x.Name
	}
	return x.Name + "（" + x.Spec + "）"
}

// GetProduct returns a live product.
func (s *Store) GetProduct(id int64) (*Product, error) { return productTable.load(s.db, id, true) }

func validateProduct(q querier, x *Product) error {
	c := newCheck("product")
	c.required("Name", x.Name)
	c.maxLen("Name", x.Name, nameLen)
	c.maxLen("Spec", x.Spec, nameLen)
	c.required("Unit", x.Unit)
	c.maxLen("Unit", x.Unit, unitLen)
	c.amount("DefaultPrice", x.DefaultPrice)
	c.maxLen("Note", x.Note, noteLen)
	if err := c.unique(q, "Name", "products", x.ID, "name = ? AND spec = ?", x.Name, x.Spec); err != nil {
		return err
	}
	return c.err()
}

// SaveProduct inserts (ID 0) or updates a product.
func (s *Store) SaveProduct(x *Product) error {
	x.Name, x.Spec, x.Unit, x.Note = clean(x.Name), clean(x.Spec), clean(x.Unit), clean(x.Note)
	return saveChild(s, productTable, x, validateProduct)
}

// DeleteProduct soft-deletes a product; past sale lines keep showing it.
func (s *Store) DeleteProduct(id int64) error { return deleteChild(s, productTable, id) }

// RestoreProduct undoes DeleteProduct.
func (s *Store) RestoreProduct(id int64) error { return restoreChild(s, productTable, id) }

// FindOrCreateProduct returns the first live product of that name, adding one sold by the 斤
// when there is none — for typing a new product straight into a sale line.
func (s *Store) FindOrCreateProduct(name string) (*Product, error) {
	var x *Product
	err := s.write(func(tx *Tx) (err error) {
		x, err = findOrCreateProduct(tx, name)
		return err
	})
	return x, err
}

func findOrCreateProduct(tx *Tx, name string) (*Product, error) {
	x := &Product{Name: clean(name), Unit: Units[0]}
	return findOrCreate(tx, productTable, x, validateProduct, func() {},
		"SELECT id FROM products WHERE name = ? AND deleted_at IS NULL ORDER BY spec <> '', id LIMIT 1", x.Name)
}

// ListProducts returns the live products whose name or pinyin initials contain search
// (ds → 大蒜, 蒜 → 大蒜); closest matches first. The catalog is small, so no paging.
func (s *Store) ListProducts(search string) ([]Product, error) {
	q := clean(search)
	if q == "" {
		return productTable.list(s.db, "1", "name, spec, id")
	}
	// Same rule as MatchesQuery: the text in the name, or in the pinyin initials; prefixes rank first.
	initials := initialsPattern(q)
	return productTable.list(s.db, `name LIKE ? ESCAPE '\' OR pinyin LIKE ? ESCAPE '\'`,
		"name = ? DESC, name LIKE ? ESCAPE '\\' DESC, pinyin LIKE ? ESCAPE '\\' DESC, name, spec, id",
		likePattern(q), initials, q, strings.TrimPrefix(likePattern(q), "%"), strings.TrimPrefix(initials, "%"))
}

// SaleEvent is one market day, store delivery, livestream or purchase: the lines hang on it.
type SaleEvent struct {
	ID             int64
	UUID           string
	Date           Date
	VillageID      int64
	Channel        string // one of Channels
	Place          string // event or place, e.g. 历下区共富超市
	Buyer          string // buying unit or community
	Payment        string // usually one of PaymentMethods
	ConsumptionAid bool   // counts as 消费帮扶
	Note           string
	PartnerID      int64 // the partner unit that bought (单位采购), Buyer kept as typed; 0 none
}

var saleEventTable = table[SaleEvent]{
	name: "sale_events",
	cols: []string{"date", "village_id", "channel", "place", "buyer", "payment", "consumption_aid", "note", "partner_id"},
	fields: func(x *SaleEvent) []any {
		return []any{&x.ID, &x.UUID, &x.Date, &x.VillageID, &x.Channel, &x.Place, &x.Buyer, &x.Payment, &x.ConsumptionAid, &x.Note,
			nullableID{&x.PartnerID}}
	},
}

// SaleLine is one product sold by one seller at an event. Amount is Quantity × Price rounded
// to the fen unless AmountTyped says the person typed it.
type SaleLine struct {
	ID          int64
	UUID        string
	EventID     int64
	ProductID   int64
	SellerID    int64
	Quantity    Quantity
	Unit        string // "" takes the product's unit
	Price       Money
	Amount      Money
	AmountTyped bool

	// A name typed into the grid that is not in the catalogs yet: with ProductID (SellerID) 0,
	// SaveSaleEvent finds or adds the product (the seller, in the event's village) in the same
	// transaction as the event, so a failed save adds nothing. Not stored on the line.
	NewProduct, NewSeller string
}

var saleLineTable = table[SaleLine]{
	name: "sale_lines",
	cols: []string{"event_id", "product_id", "seller_id", "quantity", "unit", "price", "amount", "amount_typed"},
	fields: func(x *SaleLine) []any {
		return []any{&x.ID, &x.UUID, &x.EventID, &x.ProductID, &x.SellerID, &x.Quantity, &x.Unit, &x.Price, &x.Amount, &x.AmountTyped}
	},
}

// GetSaleEvent returns a live sales event.
func (s *Store) GetSaleEvent(id int64) (*SaleEvent, error) {
	return saleEventTable.load(s.db, id, true)
}

// checkSaleEvent records the event's problems in c; the error is only for a failed read.
func checkSaleEvent(q querier, c *check, x *SaleEvent) error {
	c.date("Date", x.Date)
	if err := c.ref(q, "VillageID", "villages", x.VillageID, true); err != nil {
		return err
	}
	c.oneOf("Channel", x.Channel, Channels)
	c.maxLen("Place", x.Place, nameLen)
	c.maxLen("Buyer", x.Buyer, nameLen)
	c.maxLen("Payment", x.Payment, nameLen)
	c.maxLen("Note", x.Note, noteLen)
	return keptOrLiveRef(q, c, "sale_events", x.ID, "PartnerID", "partners", x.PartnerID)
}

// CheckSaleEvent runs SaveSaleEvent's checks without saving, so a form can mark problems as
// the user types. ev and lines are not changed.
func (s *Store) CheckSaleEvent(ev *SaleEvent, lines []SaleLine) error {
	in := *ev
	in.tidy()
	return checkSaleEventAndLines(s.db, &in, append([]SaleLine(nil), lines...), true)
}

func checkSaleEventAndLines(q querier, ev *SaleEvent, lines []SaleLine, newNames bool) error {
	c := newCheck("sale_event")
	if err := checkSaleEvent(q, c, ev); err != nil {
		return err
	}
	lc := newLineChecker(q)
	lc.newNames = newNames
	if err := lc.checkLines(c, lines); err != nil {
		return err
	}
	return c.err()
}

func (x *SaleEvent) tidy() {
	x.Place, x.Buyer, x.Payment, x.Note = clean(x.Place), clean(x.Buyer), clean(x.Payment), clean(x.Note)
}

// lineChecker validates sale lines, remembering which products and sellers it has seen live.
type lineChecker struct {
	q        querier
	products map[int64]string // id → unit; absent: not checked yet; "\x00": missing
	sellers  map[int64]bool
	newNames bool // lines may carry new names instead of IDs (CheckSaleEvent: SaveSaleEvent adds them)
}

func newLineChecker(q querier) *lineChecker {
	return &lineChecker{q: q, products: map[int64]string{}, sellers: map[int64]bool{}}
}

func (lc *lineChecker) productUnit(id int64) (string, bool, error) {
	if u, ok := lc.products[id]; ok {
		return u, u != "\x00", nil
	}
	var unit string
	err := lc.q.QueryRow("SELECT unit FROM products WHERE id = ? AND deleted_at IS NULL", id).Scan(&unit)
	if errors.Is(err, sql.ErrNoRows) {
		lc.products[id] = "\x00"
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	lc.products[id] = unit
	return unit, true, nil
}

func (lc *lineChecker) sellerLive(id int64) (bool, error) {
	if ok, seen := lc.sellers[id]; seen {
		return ok, nil
	}
	ok, err := liveExists(lc.q, "sellers", id)
	lc.sellers[id] = ok
	return ok, err
}

// check tidies one line (unit from the product, amount from quantity × price) and records its problems.
func (lc *lineChecker) check(c *check, x *SaleLine) error {
	x.Unit = clean(x.Unit)
	if x.ProductID == 0 && lc.newNames && clean(x.NewProduct) != "" { // SaveSaleEvent adds it, sold by the 斤
		if x.Unit == "" {
			x.Unit = Units[0]
		}
	} else if x.ProductID == 0 {
		c.fail("ProductID", "required")
	} else if unit, ok, err := lc.productUnit(x.ProductID); err != nil {
		return err
	} else if !ok {
		c.fail("ProductID", "missing")
	} else if x.Unit == "" {
		x.Unit = unit
	}
	if x.SellerID == 0 {
		if !lc.newNames || clean(x.NewSeller) == "" {
			c.fail("SellerID", "required")
		}
	} else if ok, err := lc.sellerLive(x.SellerID); err != nil {
		return err
	} else if !ok {
		c.fail("SellerID", "missing")
	}
	if x.Quantity <= 0 {
		c.fail("Quantity", "positive")
	}
	if x.Unit == "" && !c.failed("ProductID") {
		c.fail("Unit", "required")
	}
	c.maxLen("Unit", x.Unit, unitLen)
	c.amount("Price", x.Price)
	if !x.AmountTyped {
		amount, ok := x.Quantity.TimesOK(x.Price)
		if !ok || amount > MaxAmount {
			c.fail("Amount", "overflow")
		}
		x.Amount = amount
	}
	c.amount("Amount", x.Amount)
	return nil
}

// checkLines validates every line; problems name the row: Lines[2].Quantity.
func (lc *lineChecker) checkLines(c *check, lines []SaleLine) error {
	for i := range lines {
		c.entity, c.prefix = "sale_line", fmt.Sprintf("Lines[%d].", i)
		if err := lc.check(c, &lines[i]); err != nil {
			return err
		}
	}
	c.entity, c.prefix = "sale_event", ""
	return nil
}

// SaveSaleEvent saves an event and makes its live lines exactly `lines` in one transaction:
// lines with an ID are updated, lines without one are added, and the event's other lines are
// deleted. Any problem leaves the database as it was. On success ev and lines get their IDs.
func (s *Store) SaveSaleEvent(ev *SaleEvent, lines []SaleLine) error {
	ev.tidy()
	in := *ev
	ls := make([]SaleLine, len(lines))
	copy(ls, lines)
	err := s.write(func(tx *Tx) error {
		if err := addNewNames(tx, &in, ls); err != nil {
			return err
		}
		if err := checkSaleEventAndLines(tx, &in, ls, false); err != nil {
			return err
		}
		totals := newSalesTotals()
		if err := totals.addEvent(tx, in.ID, -1); err != nil { // 0 for a new event: nothing
			return err
		}
		if err := saleEventTable.save(tx, &in); err != nil {
			return err
		}
		if err := replaceSaleLines(tx, in.ID, ls); err != nil {
			return err
		}
		if err := totals.addEvent(tx, in.ID, +1); err != nil {
			return err
		}
		return totals.flush(tx)
	})
	if err == nil {
		*ev = in
		copy(lines, ls)
	}
	return err
}

// addNewNames gives lines that carry a new product or seller name the catalog row of that name,
// adding it when there is none. A name the catalog refuses is reported on the line's column.
func addNewNames(tx *Tx, ev *SaleEvent, lines []SaleLine) error {
	c := newCheck("sale_event")
	villageOK, err := liveExists(tx, "villages", ev.VillageID)
	if err != nil {
		return err
	}
	for i := range lines {
		x := &lines[i]
		if x.ProductID == 0 && clean(x.NewProduct) != "" {
			p, err := findOrCreateProduct(tx, x.NewProduct)
			if err := lineFieldErr(c, i, "ProductID", err); err != nil {
				return err
			}
			if p != nil {
				x.ProductID = p.ID
			}
		}
		if x.SellerID == 0 && clean(x.NewSeller) != "" && villageOK { // no village: the event's check says so
			sl, err := findOrCreateSeller(tx, x.NewSeller, ev.VillageID)
			if err := lineFieldErr(c, i, "SellerID", err); err != nil {
				return err
			}
			if sl != nil {
				x.SellerID = sl.ID
			}
		}
	}
	return c.err()
}

// lineFieldErr moves a catalog row's validation problems onto a grid column (Lines[2].ProductID);
// other errors are returned.
func lineFieldErr(c *check, line int, field string, err error) error {
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	for _, f := range ve.Fields {
		c.Add(fmt.Sprintf("Lines[%d].%s", line, field), f.Key, f.Msg)
	}
	return nil
}

func replaceSaleLines(tx *Tx, eventID int64, lines []SaleLine) error {
	existing, err := queryIDs(tx, "SELECT id FROM sale_lines WHERE event_id = ? AND deleted_at IS NULL", eventID)
	if err != nil {
		return err
	}
	keep := map[int64]bool{}
	for i := range lines {
		x := &lines[i]
		x.EventID = eventID
		if x.ID != 0 {
			if !containsID(existing, x.ID) {
				return fmt.Errorf("第%d行：%w", i+1, ErrNotFound)
			}
			keep[x.ID] = true
		}
		if err := saleLineTable.save(tx, x); err != nil {
			return err
		}
	}
	for _, id := range existing {
		if !keep[id] {
			if err := saleLineTable.delete(tx, id); err != nil {
				return err
			}
		}
	}
	return nil
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// DeleteSaleEvent soft-deletes an event; its lines leave every total with it.
func (s *Store) DeleteSaleEvent(id int64) error {
	return s.write(func(tx *Tx) error {
		totals := newSalesTotals()
		if err := totals.addEvent(tx, id, -1); err != nil {
			return err
		}
		if err := saleEventTable.delete(tx, id); err != nil {
			return err
		}
		return totals.flush(tx)
	})
}

// RestoreSaleEvent undoes DeleteSaleEvent.
func (s *Store) RestoreSaleEvent(id int64) error {
	return s.write(func(tx *Tx) error {
		var deleted bool
		if err := tx.QueryRow("SELECT deleted_at IS NOT NULL FROM sale_events WHERE id = ?", id).Scan(&deleted); err != nil {
			return scanOne(err)
		}
		if err := saleEventTable.restore(tx, id); err != nil || !deleted {
			return err
		}
		totals := newSalesTotals()
		if err := totals.addEvent(tx, id, +1); err != nil {
			return err
		}
		return totals.flush(tx)
	})
}

// AddSaleLinesBulk appends many lines to an event in one transaction with one prepared
// statement, audited as a single 'bulk' entry naming source and row count (imports, demo).
// All lines are checked first; any problem adds none. On success lines get their IDs.
func (s *Store) AddSaleLinesBulk(eventID int64, lines []SaleLine, source string) error {
	ls := make([]SaleLine, len(lines))
	copy(ls, lines)
	err := s.write(func(tx *Tx) error {
		c := newCheck("sale_line")
		if ok, err := liveExists(tx, "sale_events", eventID); err != nil {
			return err
		} else if !ok {
			c.fail("EventID", "missing")
			return c.err()
		}
		if err := newLineChecker(tx).checkLines(c, ls); err != nil {
			return err
		}
		if err := c.err(); err != nil {
			return err
		}
		for i := range ls {
			ls[i].EventID = eventID
		}
		return insertSaleLinesBulk(tx, ls, source)
	})
	if err == nil {
		copy(lines, ls)
	}
	return err
}

// saleLineInsert is the one INSERT bulk paths prepare: one line a statement, as a statement of many
// needs a statement journal (its foreign keys may abort it) that costs more than it saves.
const saleLineInsert = `INSERT INTO sale_lines(uuid, event_id, product_id, seller_id, quantity, unit, price, amount,
	amount_typed, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`

// NewSortedUUID is a time-ordered (version 7) UUID for rows added in bulk: appending to the uuid
// index is much faster than inserting random keys all over it.
func NewSortedUUID() string { return uuid.Must(uuid.NewV7()).String() }

// insertSaleLinesBulk inserts checked lines, many to a statement, and audits them as one entry.
func insertSaleLinesBulk(tx *Tx, lines []SaleLine, source string) error {
	if len(lines) == 0 {
		return nil
	}
	w, err := newLineWriter(tx)
	if err != nil {
		return err
	}
	for i := range lines {
		if err := w.add(&lines[i]); err != nil {
			return err
		}
	}
	return w.finish(source)
}

// lineWriter inserts checked sale lines as they come with one prepared statement, keeps the
// monthly totals and audits all it inserted as one bulk entry (finish).
type lineWriter struct {
	tx          *Tx
	stmt        *sql.Stmt
	totals      *salesTotals
	events      map[int64]*eventKey
	stamp       string
	first, last int64
	n           int
	row, all    hash.Hash // the audit's hash of the lines (rangeHash), taken as they are written

	// The tallies a line adds to, by event and by event and seller: found once, not per line.
	channelTallies map[int64]*tally
	sellerTallies  map[[2]int64]*tally
}

func newLineWriter(tx *Tx) (*lineWriter, error) {
	// A big transaction spills dirty pages to disk once the default 2 MB cache is full: let the
	// cache grow for the bulk insert (close gives the memory back).
	if _, err := tx.Exec("PRAGMA cache_size = -131072"); err != nil {
		return nil, err
	}
	stmt, err := tx.Prepare(saleLineInsert)
	if err != nil {
		return nil, err
	}
	return &lineWriter{tx: tx, stmt: stmt, totals: newSalesTotals(), events: map[int64]*eventKey{}, stamp: tx.Stamp(),
		row: sha256.New(), all: sha256.New(), channelTallies: map[int64]*tally{}, sellerTallies: map[[2]int64]*tally{}}, nil
}

// add inserts one checked line and gives it its ID and UUID.
func (w *lineWriter) add(x *SaleLine) error {
	ek, ok := w.events[x.EventID]
	if !ok {
		var err error
		if ek, err = loadEventKey(w.tx, x.EventID); err != nil {
			return err
		}
		w.events[x.EventID] = ek
	}
	if ek != nil {
		ct := w.channelTallies[x.EventID]
		if ct == nil {
			ct = w.totals.channelTally(*ek)
			w.channelTallies[x.EventID] = ct
		}
		k := [2]int64{x.EventID, x.SellerID}
		st := w.sellerTallies[k]
		if st == nil {
			st = w.totals.sellerTally(sellerMonth{ek.month, ek.village, x.SellerID})
			w.sellerTallies[k] = st
		}
		ct.add(x.Amount, 1)
		st.add(x.Amount, 1)
	}
	x.UUID = NewSortedUUID()
	res, err := w.stmt.Exec(x.UUID, x.EventID, x.ProductID, x.SellerID, int64(x.Quantity), x.Unit, int64(x.Price),
		int64(x.Amount), x.AmountTyped, w.stamp, w.stamp)
	if err != nil {
		return fmt.Errorf("第%d行：%w", w.n+1, err)
	}
	if x.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if w.first == 0 {
		w.first = x.ID
	}
	w.last = x.ID
	w.n++
	w.hashRow(x)
	return nil
}

// hashRow adds a written line to the bulk entry's hash as rowHasher would read it back: the
// columns of rowHashSQL, amount_typed as the integer SQLite stores, not deleted.
func (w *lineWriter) hashRow(x *SaleLine) {
	h := w.row
	h.Reset()
	writeInt(h, x.ID)
	writeBytes(h, 's', []byte(x.UUID))
	for _, v := range []int64{x.EventID, x.ProductID, x.SellerID, int64(x.Quantity)} {
		writeInt(h, v)
	}
	writeBytes(h, 's', []byte(x.Unit))
	typed := int64(0)
	if x.AmountTyped {
		typed = 1
	}
	for _, v := range []int64{int64(x.Price), int64(x.Amount), typed, 0} {
		writeInt(h, v)
	}
	var sum [32]byte
	w.all.Write(h.Sum(sum[:0]))
}

// close gives back the statement and the cache memory; finish calls it.
func (w *lineWriter) close() {
	w.stmt.Close()
	w.tx.Exec("PRAGMA cache_size = -2000")
}

// finish writes the monthly totals and audits the lines as one bulk entry.
func (w *lineWriter) finish(source string) error {
	defer w.close()
	if w.n == 0 {
		return nil
	}
	if err := w.totals.flush(w.tx); err != nil {
		return err
	}
	return w.tx.Audit("sale_lines", 0, "bulk", nil, bulkNote{Source: source, Rows: w.n, FirstID: w.first, LastID: w.last,
		RowsSHA256: hex.EncodeToString(w.all.Sum(nil))})
}

// eventKey is where an event's lines count in the monthly totals.
type eventKey struct {
	month   string // YYYY-MM
	village int64
	channel string
}

// loadEventKey reads a live event's key; nil for a deleted event (its lines count nowhere).
func loadEventKey(q querier, eventID int64) (*eventKey, error) {
	var ek eventKey
	err := q.QueryRow("SELECT substr(date, 1, 7), village_id, channel FROM sale_events WHERE id = ? AND deleted_at IS NULL", eventID).
		Scan(&ek.month, &ek.village, &ek.channel)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &ek, err
}

// salesTotals gathers what one write changes in the monthly totals (sales_month per channel,
// seller_month per seller) and applies it at the end, one upsert per key touched. Every write
// that adds, changes or removes live lines of live events goes through it, so summaries and
// charts read the totals instead of scanning the lines.
type salesTotals struct {
	channel map[eventKey]*tally
	seller  map[sellerMonth]*tally
}

type sellerMonth struct {
	month   string
	village int64
	seller  int64
}

// tally is what one write adds to one key; overflow says the amounts added did not fit in int64.
type tally struct {
	amount, lines int64
	overflow      bool
}

func newSalesTotals() *salesTotals {
	return &salesTotals{channel: map[eventKey]*tally{}, seller: map[sellerMonth]*tally{}}
}

func (st *salesTotals) add(ek *eventKey, sellerID int64, amount Money, lines int64) {
	st.channelTally(*ek).add(amount, lines)
	st.sellerTally(sellerMonth{ek.month, ek.village, sellerID}).add(amount, lines)
}

func (t *tally) add(amount Money, lines int64) {
	var ok bool
	if t.amount, ok = addOK(t.amount, int64(amount)); !ok {
		t.overflow = true
	}
	t.lines += lines
}

func (st *salesTotals) channelTally(k eventKey) *tally {
	t := st.channel[k]
	if t == nil {
		t = &tally{}
		st.channel[k] = t
	}
	return t
}

func (st *salesTotals) sellerTally(k sellerMonth) *tally {
	t := st.seller[k]
	if t == nil {
		t = &tally{}
		st.seller[k] = t
	}
	return t
}

// addEvent adds (sign +1) or takes away (sign -1) every live line of a live event as it stands now.
func (st *salesTotals) addEvent(q querier, eventID int64, sign int64) error {
	ek, err := loadEventKey(q, eventID)
	if err != nil || ek == nil {
		return err
	}
	rows, err := q.Query("SELECT seller_id, sum(amount), count(*) FROM sale_lines WHERE event_id = ? AND deleted_at IS NULL GROUP BY seller_id", eventID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var seller, amount, lines int64
		if err := rows.Scan(&seller, &amount, &lines); err != nil {
			return err
		}
		st.add(ek, seller, Money(sign*amount), sign*lines)
	}
	return rows.Err()
}

// flush writes the gathered changes and drops keys left without lines.
func (st *salesTotals) flush(tx *Tx) error {
	for k, t := range st.channel {
		if err := applyTally(tx, t, "sales_month", "channel", "e.channel", k.month, k.village, k.channel); err != nil {
			return err
		}
	}
	for k, t := range st.seller {
		if err := applyTally(tx, t, "seller_month", "seller_id", "l.seller_id", k.month, k.village, k.seller); err != nil {
			return err
		}
	}
	if len(st.channel) > 0 {
		if _, err := tx.Exec("DELETE FROM sales_month WHERE lines = 0"); err != nil {
			return err
		}
		if _, err := tx.Exec("DELETE FROM seller_month WHERE lines = 0"); err != nil {
			return err
		}
	}
	return nil
}

// applyTally adds t to one row of a monthly table with checked arithmetic in Go, so a total never
// wraps or turns into a REAL as SQLite's own + would. A total that is not a clean integer (an
// overflow before the caps) is recounted from the lines. No write takes a total past MaxTotal.
func applyTally(tx *Tx, t *tally, table, keyCol, lineCol, month string, village int64, key any) error {
	if t.lines == 0 && t.amount == 0 && !t.overflow {
		return nil
	}
	var stored any
	var lines int64
	err := tx.QueryRow("SELECT amount, lines FROM "+table+" WHERE month = ? AND village_id = ? AND "+keyCol+" = ?",
		month, village, key).Scan(&stored, &lines)
	if errors.Is(err, sql.ErrNoRows) {
		stored, err = int64(0), nil
	}
	if err != nil {
		return err
	}
	old, isInt := stored.(int64)
	amount, ok := addOK(old, t.amount)
	lines += t.lines
	if !isInt || !ok || t.overflow {
		if amount, lines, ok, err = recountTally(tx, lineCol, month, village, key); err != nil {
			return err
		}
	}
	if !ok || amount > int64(MaxTotal) && t.amount > 0 {
		c := newCheck("sale_event")
		c.fail("", "total.large")
		return c.err()
	}
	_, err = tx.Exec("INSERT INTO "+table+"(month, village_id, "+keyCol+", amount, lines) VALUES (?, ?, ?, ?, ?)"+
		" ON CONFLICT DO UPDATE SET amount = excluded.amount, lines = excluded.lines",
		month, village, key, amount, lines)
	return err
}

// recountTally adds up one key's live lines in Go; ok is false when they do not fit in int64.
func recountTally(tx *Tx, lineCol, month string, village int64, key any) (amount, lines int64, ok bool, err error) {
	rows, err := tx.Query(`SELECT l.amount FROM sale_lines l JOIN sale_events e ON e.id = l.event_id
		WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL AND substr(e.date, 1, 7) = ? AND e.village_id = ? AND `+lineCol+` = ?`,
		month, village, key)
	if err != nil {
		return 0, 0, false, err
	}
	defer rows.Close()
	ok = true
	for rows.Next() {
		var a int64
		if err := rows.Scan(&a); err != nil {
			return 0, 0, false, err
		}
		var fits bool
		amount, fits = addOK(amount, a)
		ok = ok && fits
		lines++
	}
	return amount, lines, ok, rows.Err()
}

// rebuildSalesTotals recomputes both monthly tables from the lines (repair and tests).
func rebuildSalesTotals(tx *Tx) error {
	_, err := tx.Exec(`DELETE FROM sales_month;
		INSERT INTO sales_month(month, village_id, channel, amount, lines)
		SELECT substr(e.date, 1, 7), e.village_id, e.channel, sum(l.amount), count(*)
		FROM sale_lines l JOIN sale_events e ON e.id = l.event_id
		WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL GROUP BY 1, 2, 3;
		DELETE FROM seller_month;
		INSERT INTO seller_month(month, village_id, seller_id, amount, lines)
		SELECT substr(e.date, 1, 7), e.village_id, l.seller_id, sum(l.amount), count(*)
		FROM sale_lines l JOIN sale_events e ON e.id = l.event_id
		WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL GROUP BY 1, 2, 3`)
	return err
}

// RebuildSalesTotals recomputes the monthly sales totals from the sale lines. The write
// methods keep them right; this is a repair tool (and the check tests use).
func (s *Store) RebuildSalesTotals() error {
	return s.write(func(tx *Tx) error {
		if err := rebuildSalesTotals(tx); err != nil {
			return err
		}
		return tx.Audit("sales_month", 0, "bulk", nil, map[string]string{"source": "rebuild"})
	})
}

// bulkNote is what the audit log keeps for a bulk insert.
type bulkNote struct {
	Source  string `json:"source"`
	Rows    int    `json:"rows"`
	FirstID int64  `json:"first_id"`
	LastID  int64  `json:"last_id"`
	// RowsSHA256 is one hash over the rows as inserted (audit.go), filled in by Tx.Audit.
	RowsSHA256 string `json:"rows_sha256,omitempty"`
	// A town database's merges (merge.go): the village package's uuid, and whether the rows are
	// the village's own (replaced by its newer package) rather than shared.
	Package string `json:"package,omitempty"`
	Owned   bool   `json:"owned,omitempty"`
	// PackageSHA256 (merges) stands for RowsSHA256: the package's hash, the rows not read back.
	PackageSHA256 string `json:"package_sha256,omitempty"`
}

// SaleEventFilter narrows the list of sales events; zero fields do not filter.
type SaleEventFilter struct {
	From, To  Date
	Channel   string
	VillageID int64
	SellerID  int64  // events with a line of this seller
	ProductID int64  // events with a line of this product
	Search    string // in place or buyer
}

// SaleEventRow is one line of the sales-event list.
type SaleEventRow struct {
	ID             int64
	Date           Date
	VillageID      int64
	Village        string
	Channel        string
	Place          string
	Buyer          string
	Payment        string
	ConsumptionAid bool
	LineCount      int
	Total          Money
}

func (f SaleEventFilter) where() (string, []any) {
	var c conds
	c.add("e.deleted_at IS NULL")
	if !f.From.IsZero() {
		c.add("e.date >= ?", f.From)
	}
	if !f.To.IsZero() {
		c.add("e.date <= ?", f.To)
	}
	if f.Channel != "" {
		c.add("e.channel = ?", f.Channel)
	}
	if f.VillageID != 0 {
		c.add("e.village_id = ?", f.VillageID)
	}
	switch { // with both, events where this seller sold this product
	case f.SellerID != 0 && f.ProductID != 0:
		c.add("e.id IN (SELECT l.event_id FROM sale_lines l WHERE l.seller_id = ? AND l.product_id = ? AND l.deleted_at IS NULL)",
			f.SellerID, f.ProductID)
	case f.SellerID != 0:
		c.add("e.id IN (SELECT l.event_id FROM sale_lines l WHERE l.seller_id = ? AND l.deleted_at IS NULL)", f.SellerID)
	case f.ProductID != 0:
		c.add("e.id IN (SELECT l.event_id FROM sale_lines l WHERE l.product_id = ? AND l.deleted_at IS NULL)", f.ProductID)
	}
	if q := clean(f.Search); q != "" {
		c.add(`(e.place LIKE ? ESCAPE '\' OR e.buyer LIKE ? ESCAPE '\')`, likePattern(q), likePattern(q))
	}
	return c.sql()
}

// ListSaleEvents reads one page of sales events, newest first, with each event's line count and total.
func (s *Store) ListSaleEvents(f SaleEventFilter, offset, limit int) ([]SaleEventRow, error) {
	where, args := f.where()
	limit, offset = pageArgs(offset, limit)
	return queryRows(s.db, `SELECT e.id, e.date, e.village_id, v.name, e.channel, e.place, e.buyer, e.payment, e.consumption_aid,
		(SELECT count(*) FROM sale_lines l WHERE l.event_id = e.id AND l.deleted_at IS NULL),
		(SELECT coalesce(sum(l.amount), 0) FROM sale_lines l WHERE l.event_id = e.id AND l.deleted_at IS NULL)
		FROM sale_events e JOIN villages v ON v.id = e.village_id
		WHERE `+where+` ORDER BY e.date DESC, e.id DESC LIMIT ? OFFSET ?`, append(args, limit, offset),
		func(rows *sql.Rows) (SaleEventRow, error) {
			var r SaleEventRow
			var total int64
			err := rows.Scan(&r.ID, &r.Date, &r.VillageID, &r.Village, &r.Channel, &r.Place, &r.Buyer, &r.Payment,
				&r.ConsumptionAid, &r.LineCount, &total)
			r.Total = Money(total)
			return r, err
		})
}

// CountSaleEvents counts the events ListSaleEvents pages through.
func (s *Store) CountSaleEvents(f SaleEventFilter) (int, error) {
	where, args := f.where()
	return queryCount(s.db, "SELECT count(*) FROM sale_events e WHERE "+where, args...)
}

// SaleLineRow is a sale line with the names around it: for an event's grid and for exports.
type SaleLineRow struct {
	SaleLine
	Date           Date
	VillageID      int64
	Village        string
	Channel        string
	Place          string
	Buyer          string
	ConsumptionAid bool
	Product        string
	Spec           string
	Seller         string
	SellerKind     string
	SellerStatus   string
}

const saleLineRowSelect = `SELECT l.id, l.uuid, l.event_id, l.product_id, l.seller_id, l.quantity, l.unit, l.price, l.amount, l.amount_typed,
	e.date, e.village_id, v.name, e.channel, e.place, e.buyer, e.consumption_aid, p.name, p.spec, x.name, x.kind, x.status
	FROM sale_lines l JOIN sale_events e ON e.id = l.event_id JOIN villages v ON v.id = e.village_id
	JOIN products p ON p.id = l.product_id JOIN sellers x ON x.id = l.seller_id`

// saleLineScan scans into plain integers (faster than reflection on named types for big exports).
type saleLineScan struct {
	r                       SaleLineRow
	quantity, price, amount int64
	dest                    []any
}

func newSaleLineScan() *saleLineScan {
	sc := &saleLineScan{}
	r := &sc.r
	sc.dest = []any{&r.ID, &r.UUID, &r.EventID, &r.ProductID, &r.SellerID, &sc.quantity, &r.Unit, &sc.price, &sc.amount,
		&r.AmountTyped, &r.Date, &r.VillageID, &r.Village, &r.Channel, &r.Place, &r.Buyer, &r.ConsumptionAid, &r.Product,
		&r.Spec, &r.Seller, &r.SellerKind, &r.SellerStatus}
	return sc
}

func (sc *saleLineScan) scan(rows *sql.Rows) (SaleLineRow, error) {
	err := rows.Scan(sc.dest...)
	sc.r.Quantity, sc.r.Price, sc.r.Amount = Quantity(sc.quantity), Money(sc.price), Money(sc.amount)
	return sc.r, err
}

func (s *Store) eachSaleLineRow(query string, args []any, fn func(SaleLineRow) error) error {
	return eachRow(s.db, query, args, newSaleLineScan().scan, fn)
}

// SaleLines returns an event's live lines in the order they were entered.
func (s *Store) SaleLines(eventID int64) ([]SaleLineRow, error) {
	return queryRows(s.db, saleLineRowSelect+" WHERE l.event_id = ? AND l.deleted_at IS NULL ORDER BY l.id", []any{eventID},
		newSaleLineScan().scan)
}

// SellerBillRow is one household's line in the 共富账单: what it sold in the period.
type SellerBillRow struct {
	SellerID int64
	Name     string
	Kind     string
	Status   string
	Village  string
	Lines    int
	Amount   Money
}

// SellerBill reads one page of the 共富账单 for a period (villageID 0: all villages),
// biggest earners first. Whole months come from the monthly totals, not from the lines.
func (s *Store) SellerBill(p Period, villageID int64, offset, limit int) ([]SellerBillRow, error) {
	src, args := sellerTotalsSQL(p, villageID)
	limit, offset = pageArgs(offset, limit)
	return queryRows(s.db, `SELECT t.seller_id, x.name, x.kind, x.status, v.name, t.lines, t.amount
		FROM (`+src+`) t JOIN sellers x ON x.id = t.seller_id JOIN villages v ON v.id = x.village_id
		ORDER BY t.amount DESC, x.name, t.seller_id LIMIT ? OFFSET ?`, append(args, limit, offset),
		func(rows *sql.Rows) (SellerBillRow, error) {
			var r SellerBillRow
			var amount int64
			err := rows.Scan(&r.SellerID, &r.Name, &r.Kind, &r.Status, &r.Village, &r.Lines, &amount)
			r.Amount = Money(amount)
			return r, err
		})
}

// CountSellerBill counts the sellers with sales in the period.
func (s *Store) CountSellerBill(p Period, villageID int64) (int, error) {
	src, args := sellerTotalsSQL(p, villageID)
	return queryCount(s.db, "SELECT count(*) FROM ("+src+")", args...)
}

// GetSaleLine returns a live sale line.
func (s *Store) GetSaleLine(id int64) (*SaleLine, error) { return saleLineTable.load(s.db, id, true) }
