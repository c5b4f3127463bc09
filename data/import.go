package data

import (
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Importing other people's files: data/importfile turns an .xlsx or .csv into an ImportBatch of
// typed rows (names, not ids); Store.Import writes the rows through the same checks as the
// Save methods, in one transaction, tagged with the import's id so UndoImport can take the
// whole import back. See docs/IMPORT.md.

// ImportKind is the ledger a file is imported into.
type ImportKind string

// The three kinds of file 村记 imports.
const (
	ImportSales    ImportKind = "sales"
	ImportIncome   ImportKind = "income"
	ImportProjects ImportKind = "projects"
)

// ImportKinds lists the kinds.
var ImportKinds = []ImportKind{ImportSales, ImportIncome, ImportProjects}

// Chinese is the ledger's name: 助农销售, 集体收支, 帮扶项目.
func (k ImportKind) Chinese() string {
	switch k {
	case ImportSales:
		return "助农销售"
	case ImportIncome:
		return "集体收支"
	case ImportProjects:
		return "帮扶项目"
	}
	return string(k)
}

// ImportRef is where a row came from: its sheet and the row number Excel shows (for a CSV, the
// first line of the record).
type ImportRef struct {
	Sheet string `json:"sheet"`
	Row   int    `json:"row"`
}

// ImportSale is one sale line of a file. Lines with the same date, village, channel, place,
// buyer and payment become one sales event.
type ImportSale struct {
	Ref          ImportRef
	Date         Date
	Village      string // "" is the batch's village
	Channel      string // one of Channels
	Place        string
	Buyer        string
	Payment      string
	Note         string // kept on the event
	Seller       string
	SellerStatus string // for a new seller; "" is 一般户
	Product      string
	Spec         string
	Quantity     Quantity
	Unit         string // "" takes the product's unit
	Price        Money
	Amount       Money
	AmountTyped  bool // Amount is not Quantity × Price rounded: keep it as the file says
}

// ImportEntry is one collective income or expense of a file.
type ImportEntry struct {
	Ref          ImportRef
	Date         Date
	Village      string
	Direction    string
	Category     string
	SubItem      string
	Amount       Money
	Counterparty string
	Voucher      string
	Note         string
}

// ImportProject is one project of a file with its funding, what was disbursed and its stage.
type ImportProject struct {
	Ref                 ImportRef
	Name                string
	Type                string
	Villages            []string // "" entries are the batch's village
	Responsible         string
	Implementer         string
	Partners            []string
	YearStarted         int
	Households          int
	HouseholdsPoor      int
	HouseholdsMonitored int
	Funding             []FundingLine // Source, Amount, Note
	Disbursed           Money
	DisbursedDate       Date
	DisbursedNote       string
	Stage               string
	StageDate           Date
	StageNote           string
	Note                string
}

// ImportBatch is what one import writes: the valid rows of a file.
type ImportBatch struct {
	Kind     ImportKind
	FileName string // the name shown in the audit log and the undo list
	SHA256   string // of the file's bytes, hex
	Sheets   []string
	Village  string            // the village of rows that name none; "" is the database's only village
	Columns  map[string]string // field of the rows (Date, Amount …) → the file's header, to name it in problems
	Sales    []ImportSale
	Entries  []ImportEntry
	Projects []ImportProject

	// Stream, when set, hands the rows (ImportSale, ImportEntry or ImportProject values) over
	// as a reader goes through the file, instead of the slices, so reading and writing overlap
	// and no file is held whole in memory (cunji import). Import calls it once per pass; it
	// stops when emit returns false. It may fill Sheets and Columns; its error ends the pass
	// with nothing written, and Import returns that error with the report so far.
	Stream func(emit func(row any) bool) error
}

// ImportOptions: DryRun writes nothing; SkipErrors writes the valid rows when some have problems.
type ImportOptions struct {
	DryRun     bool
	SkipErrors bool
}

// ImportProblem is a row the ledger refuses: which column and why, in Chinese (Key translates it).
type ImportProblem struct {
	Ref     ImportRef
	Column  string
	Message string
	Key     string
}

// ImportNames are the villages, sellers, products and partner units an import adds.
type ImportNames struct {
	Villages []string `json:"villages"`
	Sellers  []string `json:"sellers"`
	Products []string `json:"products"`
	Partners []string `json:"partners"`
}

// ImportTotals add up the rows that went in (or would): sales, collective income or projects.
type ImportTotals struct {
	Amount    Money // sales
	Lines     int
	Income    Money // collective entries
	Expense   Money
	Operating Money // income less 补助收入 and 其他收入, as in the summary
	Count     int   // projects
	Budget    Money
	Disbursed Money
}

// ImportReport is what Import did (or, for a dry run, would do).
type ImportReport struct {
	BatchID  int64 // 0 when nothing was written
	Imported int   // rows written (or that would be)
	Present  []ImportRef
	Problems []ImportProblem
	New      ImportNames
	Totals   ImportTotals
}

// NeedVillageError says rows name no village and the database does not have exactly one.
type NeedVillageError struct{ Villages []string }

func (e *NeedVillageError) Error() string {
	if len(e.Villages) == 0 {
		return "文件里有的行没有写村名，数据库里也还没有村。请指定这些行属于哪个村（命令行用 -village 村名），村记会新建这个村。"
	}
	return fmt.Sprintf("文件里有的行没有写村名，数据库里有 %d 个村（%s），请指定这些行属于哪个村（命令行用 -village %s）。",
		len(e.Villages), strings.Join(e.Villages, "、"), e.Villages[0])
}

var errRollback = errors.New("rollback")

// Import writes a batch in one transaction: every row goes through the checks of the Save
// methods; rows already in the ledger are not written again (Present); new villages, sellers,
// products and partner units are added. With any problem nothing is written, unless
// SkipErrors, which writes the other rows. One audit entry names the file and its SHA-256.
func (s *Store) Import(b *ImportBatch, o ImportOptions) (*ImportReport, error) {
	if !slices.Contains(ImportKinds, b.Kind) {
		return nil, fmt.Errorf("导入：未知的台账类型 %q", b.Kind)
	}
	rep, err := s.importPass(b, nil, !o.DryRun)
	if err != nil || len(rep.Problems) == 0 {
		return rep, err
	}
	if !o.SkipErrors {
		return &ImportReport{Problems: rep.Problems, Present: rep.Present}, nil
	}
	bad := map[ImportRef]bool{}
	for _, p := range rep.Problems {
		bad[p.Ref] = true
	}
	rep2, err := s.importPass(b, func(r ImportRef) bool { return !bad[r] }, !o.DryRun)
	if err != nil {
		return rep2, err
	}
	if len(rep2.Problems) > 0 { // a problem only the smaller batch has (a month's total over the cap)
		return &ImportReport{Problems: append(rep.Problems, rep2.Problems...), Present: rep.Present}, nil
	}
	rep2.Problems = rep.Problems
	return rep2, nil
}

// importPass runs the whole import in one transaction and commits it only when asked and
// no row had a problem. keep (nil: all) chooses the rows. A stream's error is returned with the
// report so far.
func (s *Store) importPass(b *ImportBatch, keep func(ImportRef) bool, commit bool) (*ImportReport, error) {
	rep := &ImportReport{}
	var streamErr error
	err := s.write(func(tx *Tx) error {
		im := &importer{tx: tx, b: b, rep: rep, keep: keep, villages: map[string]int64{}, sellers: map[sellerKey]int64{},
			products: map[[2]string]int64{}, partners: map[string]int64{}, groups: map[eventGroupKey]*eventGroup{}}
		res, err := tx.Exec(`INSERT INTO imports(uuid, kind, file_name, sha256, created_at, updated_at) VALUES (?,?,?,?,?,?)`,
			NewUUID(), string(b.Kind), b.FileName, b.SHA256, tx.Stamp(), tx.Stamp())
		if err != nil {
			return err
		}
		if im.id, err = res.LastInsertId(); err != nil {
			return err
		}
		defer im.close()
		if err := im.run(); err != nil {
			var se streamError
			if errors.As(err, &se) {
				streamErr = se.err
				return errRollback
			}
			return err
		}
		if len(rep.Problems) > 0 || !commit || rep.Imported == 0 { // nothing new: no empty import to undo
			return errRollback
		}
		if _, err := tx.Exec(`UPDATE imports SET rows = ?, sheets = ? WHERE id = ?`, rep.Imported, strings.Join(b.Sheets, "\n"), im.id); err != nil {
			return err
		}
		rep.BatchID = im.id
		return tx.Audit("imports", im.id, "insert", nil, importNote{Kind: b.Kind, File: b.FileName, SHA256: b.SHA256,
			Sheets: b.Sheets, Rows: rep.Imported, Present: len(rep.Present), New: rep.New})
	})
	if errors.Is(err, errRollback) {
		err = streamErr
		if err != nil {
			rep.BatchID = 0
		}
		return rep, err
	}
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// streamError carries a Stream's own error out of the pass.
type streamError struct{ err error }

func (e streamError) Error() string { return e.err.Error() }

// importNote is the one audit entry of an import.
type importNote struct {
	Kind    ImportKind  `json:"kind"`
	File    string      `json:"file"`
	SHA256  string      `json:"sha256"`
	Sheets  []string    `json:"sheets"`
	Rows    int         `json:"rows"`
	Present int         `json:"present,omitempty"`
	New     ImportNames `json:"new"`
}

type sellerKey struct {
	name    string
	village int64
}

// importer is one pass over a batch inside a write. Rows are checked as they come and written
// at once while no row has had a problem; after the first problem they are only checked, and
// the pass ends without committing.
type importer struct {
	tx   *Tx
	b    *ImportBatch
	rep  *ImportReport
	keep func(ImportRef) bool
	id   int64 // the imports row

	villages       map[string]int64 // name → id
	defaultVillage string
	sellers        map[sellerKey]int64
	products       map[[2]string]int64 // name, spec
	partners       map[string]int64

	present      map[[16]byte]int // content keys of rows already in the ledger
	presentMonth map[string]bool  // months whose rows are in present
	ledgerEmpty  bool             // the ledger had no rows of this kind: nothing can be present

	// sales
	groups      map[eventGroupKey]*eventGroup
	evStmt      *sql.Stmt
	evFirst     int64
	evLast      int64
	events      int
	lines       *lineWriter
	lc          *lineChecker
	notedGroups []*eventGroup
	lastKey     eventGroupKey
	lastGroup   *eventGroup

	// collective entries
	enStmt  *sql.Stmt
	enFirst int64
	enLast  int64
}

func (im *importer) skip(r ImportRef) bool { return im.keep != nil && !im.keep(r) }

// writing reports whether rows are still being written (no problem so far).
func (im *importer) writing() bool { return len(im.rep.Problems) == 0 }

// run takes every row of the batch, then finishes what the rows started.
func (im *importer) run() error {
	if err := im.begin(); err != nil {
		return err
	}
	var rowErr error
	add := func(row any) bool {
		switch x := row.(type) {
		case ImportSale:
			rowErr = im.sale(&x)
		case ImportEntry:
			rowErr = im.entry(&x)
		case ImportProject:
			rowErr = im.project(&x)
		default:
			rowErr = fmt.Errorf("导入：%T 不是%s台账的行", row, im.b.Kind.Chinese())
		}
		return rowErr == nil
	}
	if im.b.Stream != nil {
		err := im.b.Stream(add)
		if rowErr != nil {
			return rowErr
		}
		if err != nil {
			return streamError{err}
		}
	} else {
		for _, x := range im.b.Sales {
			if !add(x) {
				return rowErr
			}
		}
		for _, x := range im.b.Entries {
			if !add(x) {
				return rowErr
			}
		}
		for _, x := range im.b.Projects {
			if !add(x) {
				return rowErr
			}
		}
	}
	for i := range im.rep.Problems { // the stream may have named the columns as it went
		im.rep.Problems[i].Column = im.column(im.rep.Problems[i].Column)
	}
	if !im.writing() {
		return nil
	}
	return im.finish()
}

// begin prepares the pass: whether anything can be present, and the kind's writers.
func (im *importer) begin() error {
	query := map[ImportKind]string{
		ImportSales:    "SELECT EXISTS (SELECT 1 FROM sale_lines l JOIN sale_events e ON e.id = l.event_id WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL)",
		ImportIncome:   "SELECT EXISTS (SELECT 1 FROM collective_entries WHERE deleted_at IS NULL)",
		ImportProjects: "SELECT EXISTS (SELECT 1 FROM projects WHERE deleted_at IS NULL)",
	}[im.b.Kind]
	var some bool
	if err := im.tx.QueryRow(query).Scan(&some); err != nil {
		return err
	}
	im.ledgerEmpty = !some
	im.present, im.presentMonth = map[[16]byte]int{}, map[string]bool{}
	switch im.b.Kind {
	case ImportSales:
		im.lc = newLineChecker(im.tx)
	case ImportProjects:
		if !im.ledgerEmpty {
			return im.loadPresent(`SELECT p.name, coalesce((SELECT group_concat(v.name, '、' ORDER BY v.name) FROM project_villages pv
				JOIN villages v ON v.id = pv.village_id WHERE pv.project_id = p.id), '') FROM projects p WHERE p.deleted_at IS NULL`, nil, 2,
				func(v []any) [16]byte { return contentKey(v[0], v[1]) })
		}
	}
	return nil
}

// finish writes what the rows left pending and audits the bulk inserts.
func (im *importer) finish() error {
	source := im.source()
	switch im.b.Kind {
	case ImportSales:
		for _, g := range im.notedGroups {
			if _, err := im.tx.Exec("UPDATE sale_events SET note = ? WHERE id = ?", truncateRunes(strings.Join(g.notes, "；"), noteLen), g.id); err != nil {
				return err
			}
		}
		if im.events > 0 {
			if err := im.tx.Audit("sale_events", 0, "bulk", nil, bulkNote{Source: source, Rows: im.events, FirstID: im.evFirst, LastID: im.evLast}); err != nil {
				return err
			}
		}
		if im.lines != nil {
			if err := im.lines.finish(source); err != nil {
				var ve *ValidationError
				if errors.As(err, &ve) { // a month's total over the cap
					return im.problem(ImportRef{Sheet: strings.Join(im.b.Sheets, "、")}, err, nil)
				}
				return err
			}
		}
	case ImportIncome:
		if im.enStmt != nil {
			return im.tx.Audit("collective_entries", 0, "bulk", nil, bulkNote{Source: source, Rows: im.rep.Imported, FirstID: im.enFirst, LastID: im.enLast})
		}
	}
	return nil
}

// close gives back what a pass that did not finish holds.
func (im *importer) close() {
	if im.lines != nil {
		im.lines.close()
	}
	for _, st := range []*sql.Stmt{im.evStmt, im.enStmt} {
		if st != nil {
			st.Close()
		}
	}
}

// columnLabels name a field when the file had no column for it.
var columnLabels = map[string]string{
	"Date": "日期", "Village": "村", "Channel": "销售渠道", "Place": "地点", "Buyer": "购买方", "Payment": "付款方式",
	"Note": "备注", "Seller": "姓名", "SellerStatus": "户类别", "Product": "产品", "Spec": "规格", "Quantity": "数量",
	"Unit": "计量单位", "Price": "单价", "Amount": "金额", "Direction": "收入/支出", "Category": "类别", "SubItem": "明细项目",
	"Counterparty": "对方单位", "Voucher": "凭证号", "Name": "项目名称", "Type": "项目类型", "Villages": "建设地点",
	"Responsible": "责任人", "Implementer": "实施单位", "Partners": "帮扶单位", "YearStarted": "年度", "Households": "带动农户数",
	"HouseholdsPoor": "其中脱贫户", "HouseholdsMonitored": "其中监测户", "Funding": "资金来源", "Disbursed": "已拨付",
	"DisbursedDate": "拨付日期", "Stage": "项目状态", "StageDate": "状态日期",
}

// column is the file's header of a row field, else its usual name.
func (im *importer) column(field string) string {
	if h := im.b.Columns[field]; h != "" {
		return h
	}
	if l, ok := columnLabels[field]; ok {
		return l
	}
	return field
}

// problem records a refused row under the row's field (run names the column at the end);
// fields maps the checked struct's field names to the row's.
func (im *importer) problem(ref ImportRef, err error, fields map[string]string) error {
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	for _, f := range ve.Fields {
		field := f.Field
		if i := strings.LastIndexByte(field, '.'); i >= 0 {
			field = field[i+1:]
		}
		if m, ok := fields[field]; ok {
			field = m
		}
		im.rep.Problems = append(im.rep.Problems, ImportProblem{Ref: ref, Column: field, Message: f.Msg, Key: f.Key})
	}
	return nil
}

// village finds a live village by name, adding it when there is none ("" is the batch's village).
func (im *importer) village(name string, ref ImportRef) (int64, string, error) {
	name = clean(name)
	if name == "" {
		var err error
		if name, err = im.batchVillage(); err != nil {
			return 0, "", err
		}
	}
	if id, ok := im.villages[name]; ok {
		return id, name, nil
	}
	var id int64
	err := im.tx.QueryRow("SELECT id FROM villages WHERE name = ? AND deleted_at IS NULL", name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		v := &Village{Name: name}
		if err := validateVillage(im.tx, v); err != nil {
			return 0, name, im.problem(ref, err, map[string]string{"Name": "Village"})
		}
		if err := villageTable.save(im.tx, v); err != nil {
			return 0, name, err
		}
		if err := im.tag("villages", v.ID); err != nil {
			return 0, name, err
		}
		id = v.ID
		im.rep.New.Villages = append(im.rep.New.Villages, name)
	} else if err != nil {
		return 0, name, err
	}
	im.villages[name] = id
	return id, name, nil
}

// batchVillage is the village of rows that name none: the batch's, else the only one there is.
func (im *importer) batchVillage() (string, error) {
	if im.defaultVillage != "" {
		return im.defaultVillage, nil
	}
	if v := clean(im.b.Village); v != "" {
		im.defaultVillage = v
		return v, nil
	}
	names, err := queryRows(im.tx, "SELECT name FROM villages WHERE deleted_at IS NULL ORDER BY name", nil, scanValue[string])
	if err != nil {
		return "", err
	}
	if len(names) != 1 {
		return "", &NeedVillageError{Villages: names}
	}
	im.defaultVillage = names[0]
	return names[0], nil
}

// tag marks a row as added by this import.
func (im *importer) tag(table string, id int64) error {
	_, err := im.tx.Exec("UPDATE "+table+" SET import_id = ? WHERE id = ?", im.id, id)
	return err
}

// contentKey is a short hash of a row's content, for "already in the ledger".
func contentKey(parts ...any) [16]byte {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%v\x1f", p)
	}
	var k [16]byte
	copy(k[:], h.Sum(nil))
	return k
}

// isPresent reports whether the ledger already holds a row with this content, counting each
// ledger row once (two equal rows in a file need two in the ledger).
func (im *importer) isPresent(k [16]byte) bool {
	if im.present[k] > 0 {
		im.present[k]--
		return true
	}
	return false
}

// loadPresent adds the content keys of the ledger rows a query returns.
func (im *importer) loadPresent(query string, args []any, n int, key func(vals []any) [16]byte) error {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	rows, err := im.tx.Query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		im.present[key(vals)]++
	}
	return rows.Err()
}

// loadMonth reads the ledger's rows of one month into present, once; query takes the month's first and last day.
func (im *importer) loadMonth(d Date, query string, n int, key func(vals []any) [16]byte) error {
	m := d.String()[:7]
	if im.presentMonth[m] {
		return nil
	}
	im.presentMonth[m] = true
	p := MonthPeriod(d.Year(), d.Month())
	return im.loadPresent(query, []any{p.From, p.To}, n, key)
}

func saleKey(date, village, seller, product, spec any, qty, price, amount int64) [16]byte {
	return contentKey(date, village, seller, product, spec, qty, price, amount)
}

// eventGroupKey is what makes lines one sales event.
type eventGroupKey struct {
	date                  Date
	village               int64
	channel, place, buyer string
	payment               string
}

// eventGroup is one sales event an import makes.
type eventGroup struct {
	id       int64
	problems []*FieldError
	notes    []string
}

// sale checks one sale line and, while nothing is wrong, writes it (and its event, first time).
func (im *importer) sale(x *ImportSale) error {
	if im.skip(x.Ref) {
		return nil
	}
	villageID, villageName, err := im.village(x.Village, x.Ref)
	if err != nil || villageID == 0 {
		return err // 0: the village's name was refused, already a problem
	}
	seller, product, spec := clean(x.Seller), clean(x.Product), clean(x.Spec)
	if !im.ledgerEmpty && !x.Date.IsZero() {
		err := im.loadMonth(x.Date, `SELECT e.date, v.name, x.name, p.name, p.spec, l.quantity, l.price, l.amount
			FROM sale_lines l JOIN sale_events e ON e.id = l.event_id JOIN villages v ON v.id = e.village_id
			JOIN sellers x ON x.id = l.seller_id JOIN products p ON p.id = l.product_id
			WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL AND e.date BETWEEN ? AND ?`, 8,
			func(v []any) [16]byte {
				return saleKey(v[0], v[1], v[2], v[3], v[4], v[5].(int64), v[6].(int64), v[7].(int64))
			})
		if err != nil {
			return err
		}
		if im.isPresent(saleKey(x.Date.String(), villageName, seller, product, spec, int64(x.Quantity), int64(x.Price), int64(x.Amount))) {
			im.rep.Present = append(im.rep.Present, x.Ref)
			return nil
		}
	}
	ev := SaleEvent{Date: x.Date, VillageID: villageID, Channel: x.Channel, Place: x.Place, Buyer: x.Buyer, Payment: x.Payment,
		ConsumptionAid: x.Channel != ChannelOther}
	ev.tidy()
	gk := eventGroupKey{ev.Date, ev.VillageID, ev.Channel, ev.Place, ev.Buyer, ev.Payment}
	g := im.lastGroup
	if g == nil || gk != im.lastKey { // lines of one event mostly come together
		g = im.groups[gk]
		im.lastKey = gk
	}
	if g == nil {
		g = &eventGroup{}
		c := newCheck("sale_event")
		if err := checkSaleEvent(im.tx, c, &ev); err != nil {
			return err
		}
		g.problems = c.Fields
		im.groups[gk] = g
	}
	im.lastGroup = g
	for _, f := range g.problems {
		im.rep.Problems = append(im.rep.Problems, ImportProblem{Ref: x.Ref, Column: f.Field, Message: f.Msg, Key: f.Key})
	}
	sellerID, err := im.seller(seller, x.SellerStatus, villageID, x.Ref)
	if err != nil {
		return err
	}
	productID, err := im.product(product, spec, x.Unit, x.Ref)
	if err != nil || sellerID == 0 || productID == 0 {
		return err // 0: the name was refused, already a problem
	}
	line := &SaleLine{ProductID: productID, SellerID: sellerID, Quantity: x.Quantity, Unit: x.Unit, Price: x.Price,
		Amount: x.Amount, AmountTyped: x.AmountTyped}
	c := newCheck("sale_line")
	if err := im.lc.check(c, line); err != nil {
		return err
	}
	if len(c.Fields) > 0 {
		return im.problem(x.Ref, c.err(), map[string]string{"ProductID": "Product", "SellerID": "Seller"})
	}
	im.rep.Imported++
	im.rep.Totals.Amount += line.Amount
	im.rep.Totals.Lines++
	if !im.writing() {
		return nil
	}
	if g.id == 0 {
		if g.id, err = im.insertEvent(&ev); err != nil {
			return err
		}
	}
	if n := clean(x.Note); n != "" && !slices.Contains(g.notes, n) {
		if len(g.notes) == 0 {
			im.notedGroups = append(im.notedGroups, g)
		}
		g.notes = append(g.notes, n)
	}
	if im.lines == nil {
		if im.lines, err = newLineWriter(im.tx); err != nil {
			return err
		}
	}
	line.EventID = g.id
	return im.lines.add(line)
}

// insertEvent writes one sales event of the import (audited in bulk by finish).
func (im *importer) insertEvent(ev *SaleEvent) (int64, error) {
	if im.evStmt == nil {
		var err error
		im.evStmt, err = im.tx.Prepare(`INSERT INTO sale_events(uuid, date, village_id, channel, place, buyer, payment,
			consumption_aid, note, import_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`)
		if err != nil {
			return 0, err
		}
	}
	res, err := im.evStmt.Exec(NewSortedUUID(), ev.Date, ev.VillageID, ev.Channel, ev.Place, ev.Buyer, ev.Payment,
		ev.ConsumptionAid, "", im.id, im.tx.Stamp(), im.tx.Stamp())
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	if im.evFirst == 0 {
		im.evFirst = id
	}
	im.evLast = id
	im.events++
	return id, nil
}

func (im *importer) source() string { return fmt.Sprintf("导入#%d %s", im.id, im.b.FileName) }

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// sellerKind guesses a new seller's kind from the name.
func sellerKind(name string) string {
	switch {
	case strings.Contains(name, "股份经济合作社") || strings.Contains(name, "经济联合社") || strings.Contains(name, "村集体") ||
		strings.Contains(name, "村委会") || strings.Contains(name, "村民委员会"):
		return "村集体"
	case strings.Contains(name, "合作社"):
		return "合作社"
	}
	return "农户"
}

// seller finds a live seller by name in the village, or adds one; 0 when the name is refused.
func (im *importer) seller(name, status string, villageID int64, ref ImportRef) (int64, error) {
	k := sellerKey{name, villageID}
	if id, ok := im.sellers[k]; ok {
		return id, nil
	}
	var id int64
	err := im.tx.QueryRow("SELECT id FROM sellers WHERE name = ? AND village_id = ? AND deleted_at IS NULL ORDER BY id LIMIT 1",
		name, villageID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		x := &Seller{Name: name, Kind: sellerKind(name), VillageID: villageID, Status: status}
		x.tidy()
		if err := validateSeller(im.tx, x); err != nil {
			return 0, im.problem(ref, err, map[string]string{"Name": "Seller", "Status": "SellerStatus", "VillageID": "Village"})
		}
		if err := sellerTable.save(im.tx, x); err != nil {
			return 0, err
		}
		if err := im.tag("sellers", x.ID); err != nil {
			return 0, err
		}
		id = x.ID
		im.rep.New.Sellers = append(im.rep.New.Sellers, name)
	} else if err != nil {
		return 0, err
	}
	im.sellers[k] = id
	return id, nil
}

// product finds a live product by name and spec, or adds one sold in unit (斤 when none); 0 when refused.
func (im *importer) product(name, spec, unit string, ref ImportRef) (int64, error) {
	k := [2]string{name, spec}
	if id, ok := im.products[k]; ok {
		return id, nil
	}
	var id int64
	err := im.tx.QueryRow("SELECT id FROM products WHERE name = ? AND spec = ? AND deleted_at IS NULL ORDER BY id LIMIT 1",
		name, spec).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		x := &Product{Name: name, Spec: spec, Unit: clean(unit)}
		if x.Unit == "" {
			x.Unit = Units[0]
		}
		if err := validateProduct(im.tx, x); err != nil {
			return 0, im.problem(ref, err, map[string]string{"Name": "Product"})
		}
		if err := productTable.save(im.tx, x); err != nil {
			return 0, err
		}
		if err := im.tag("products", x.ID); err != nil {
			return 0, err
		}
		id = x.ID
		im.rep.New.Products = append(im.rep.New.Products, x.Label())
	} else if err != nil {
		return 0, err
	}
	im.products[k] = id
	return id, nil
}

func entryKey(date, village, direction, category, subItem, voucher any, amount int64) [16]byte {
	return contentKey(date, village, direction, category, subItem, voucher, amount)
}

// entry checks one collective entry and, while nothing is wrong, writes it.
func (im *importer) entry(x *ImportEntry) error {
	if im.skip(x.Ref) {
		return nil
	}
	villageID, villageName, err := im.village(x.Village, x.Ref)
	if err != nil || villageID == 0 {
		return err
	}
	e := CollectiveEntry{Date: x.Date, VillageID: villageID, Direction: x.Direction, Category: x.Category, SubItem: clean(x.SubItem),
		Amount: x.Amount, Counterparty: clean(x.Counterparty), Voucher: clean(Halfwidth(x.Voucher)), Note: clean(x.Note)}
	if !im.ledgerEmpty && !e.Date.IsZero() {
		err := im.loadMonth(e.Date, `SELECT x.date, v.name, x.direction, x.category, x.sub_item, x.voucher, x.amount
			FROM collective_entries x JOIN villages v ON v.id = x.village_id WHERE x.deleted_at IS NULL AND x.date BETWEEN ? AND ?`, 7,
			func(v []any) [16]byte { return entryKey(v[0], v[1], v[2], v[3], v[4], v[5], v[6].(int64)) })
		if err != nil {
			return err
		}
		if im.isPresent(entryKey(e.Date.String(), villageName, e.Direction, e.Category, e.SubItem, e.Voucher, int64(e.Amount))) {
			im.rep.Present = append(im.rep.Present, x.Ref)
			return nil
		}
	}
	if err := validateEntry(im.tx, &e); err != nil {
		return im.problem(x.Ref, err, map[string]string{"VillageID": "Village"})
	}
	im.rep.Imported++
	if e.Direction == DirectionIncome {
		im.rep.Totals.Income += e.Amount
		if e.Category != IncomeSubsidy && e.Category != IncomeOther {
			im.rep.Totals.Operating += e.Amount
		}
	} else {
		im.rep.Totals.Expense += e.Amount
	}
	if !im.writing() {
		return nil
	}
	if im.enStmt == nil {
		if im.enStmt, err = im.tx.Prepare(`INSERT INTO collective_entries(uuid, date, village_id, direction, category, sub_item, amount,
			counterparty, voucher, note, import_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`); err != nil {
			return err
		}
	}
	res, err := im.enStmt.Exec(NewSortedUUID(), e.Date, e.VillageID, e.Direction, e.Category, e.SubItem, int64(e.Amount), e.Counterparty,
		e.Voucher, e.Note, im.id, im.tx.Stamp(), im.tx.Stamp())
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if im.enFirst == 0 {
		im.enFirst = id
	}
	im.enLast = id
	return nil
}

// partnerKind guesses a new partner unit's kind from its name.
func partnerKind(name string) string {
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(name, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("公司", "集团", "企业", "银行", "有限", "厂", "商会", "酒店", "超市"):
		return PartnerEnterprise
	case has("社区", "街道办", "居委会"):
		return PartnerCommunity
	case has("局", "委员会", "委", "办公室", "厅", "部", "院", "中心", "政府", "学校", "大学", "学院", "医院", "党校", "站", "所", "人大", "政协", "法院", "检察"):
		return PartnerGovernment
	}
	return PartnerOther
}

// partner finds a live partner unit by name, or adds one; 0 when the name is refused.
func (im *importer) partner(name string, ref ImportRef) (int64, error) {
	if id, ok := im.partners[name]; ok {
		return id, nil
	}
	var id int64
	err := im.tx.QueryRow("SELECT id FROM partners WHERE name = ? AND deleted_at IS NULL", name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		p := &Partner{Name: name, Kind: partnerKind(name)}
		if err := validatePartner(im.tx, p); err != nil {
			return 0, im.problem(ref, err, map[string]string{"Name": "Partners"})
		}
		if err := partnerTable.save(im.tx, p); err != nil {
			return 0, err
		}
		if err := im.tag("partners", p.ID); err != nil {
			return 0, err
		}
		id = p.ID
		im.rep.New.Partners = append(im.rep.New.Partners, name)
	} else if err != nil {
		return 0, err
	}
	im.partners[name] = id
	return id, nil
}

// project checks one project with its funding, disbursement and stage and, while nothing is
// wrong, writes them, each audited.
func (im *importer) project(x *ImportProject) error {
	if im.skip(x.Ref) {
		return nil
	}
	before := len(im.rep.Problems)
	p := Project{Name: clean(x.Name), Type: x.Type, Responsible: clean(x.Responsible), Implementer: clean(x.Implementer),
		YearStarted: x.YearStarted, Households: x.Households, HouseholdsPoor: x.HouseholdsPoor,
		HouseholdsMonitored: x.HouseholdsMonitored, Note: clean(x.Note)}
	var names []string
	villages := x.Villages
	if len(villages) == 0 {
		villages = []string{""}
	}
	for _, v := range villages {
		id, name, err := im.village(v, x.Ref)
		if err != nil {
			return err
		}
		if id != 0 && !slices.Contains(p.VillageIDs, id) {
			p.VillageIDs = append(p.VillageIDs, id)
			names = append(names, name)
		}
	}
	slices.Sort(names)
	if im.isPresent(contentKey(p.Name, strings.Join(names, "、"))) {
		im.rep.Present = append(im.rep.Present, x.Ref)
		return nil
	}
	for _, name := range x.Partners {
		if name = clean(name); name == "" {
			continue
		}
		id, err := im.partner(name, x.Ref)
		if err != nil {
			return err
		}
		if id != 0 && !slices.Contains(p.PartnerIDs, id) {
			p.PartnerIDs = append(p.PartnerIDs, id)
		}
	}
	p.VillageIDs, p.PartnerIDs = cleanIDs(p.VillageIDs), cleanIDs(p.PartnerIDs)
	if len(im.rep.Problems) > before {
		return nil
	}
	if err := validateProject(im.tx, &p); err != nil {
		return im.problem(x.Ref, err, map[string]string{"VillageIDs": "Villages", "PartnerIDs": "Partners"})
	}
	// The children are checked against the saved project, so a project is written even after a
	// problem; the pass then ends without committing.
	if err := projectTable.save(im.tx, &p); err != nil {
		return err
	}
	if err := saveProjectLinks(im.tx, &p); err != nil {
		return err
	}
	if err := im.tag("projects", p.ID); err != nil {
		return err
	}
	var budget Money
	for _, f := range x.Funding {
		f := FundingLine{ProjectID: p.ID, Source: f.Source, Amount: f.Amount, Note: clean(f.Note)}
		if err := importChild(im, x.Ref, validateFunding, fundingTable, &f, map[string]string{"Amount": "Funding", "Source": "Funding"}); err != nil {
			return err
		}
		budget += f.Amount
	}
	if x.Disbursed > 0 {
		d := Disbursement{ProjectID: p.ID, Date: x.DisbursedDate, Amount: x.Disbursed, Note: clean(x.DisbursedNote)}
		if err := importChild(im, x.Ref, validateDisbursement, disbursementTable, &d, map[string]string{"Amount": "Disbursed", "Date": "DisbursedDate"}); err != nil {
			return err
		}
	}
	if x.Stage != "" {
		sc := StageChange{ProjectID: p.ID, Stage: x.Stage, Date: x.StageDate, Note: clean(x.StageNote)}
		if err := importChild(im, x.Ref, validateStageChange, stageTable, &sc, map[string]string{"Date": "StageDate"}); err != nil {
			return err
		}
	}
	if len(im.rep.Problems) > before {
		return nil
	}
	im.rep.Imported++
	im.rep.Totals.Count++
	im.rep.Totals.Budget += budget
	im.rep.Totals.Disbursed += x.Disbursed
	return nil
}

// importChild validates and saves one of a project's rows; a refusal is the row's problem.
func importChild[T any](im *importer, ref ImportRef, validate func(querier, *T) error, t table[T], x *T, fields map[string]string) error {
	if err := validate(im.tx, x); err != nil {
		return im.problem(ref, err, fields)
	}
	return t.save(im.tx, x)
}

// ImportRecord is one import as the undo list shows it.
type ImportRecord struct {
	ID       int64
	Kind     ImportKind
	FileName string
	SHA256   string
	At       string // RFC3339 UTC
	Rows     int
	Undone   bool
}

// Imports lists the imports of a kind ("" all), newest first.
func (s *Store) Imports(kind ImportKind) ([]ImportRecord, error) {
	return queryRows(s.db, `SELECT id, kind, file_name, sha256, created_at, rows, deleted_at IS NOT NULL FROM imports
		WHERE ?1 = '' OR kind = ?1 ORDER BY id DESC`, []any{string(kind)}, func(rows *sql.Rows) (ImportRecord, error) {
		var r ImportRecord
		err := rows.Scan(&r.ID, &r.Kind, &r.FileName, &r.SHA256, &r.At, &r.Rows, &r.Undone)
		return r, err
	})
}

// ErrImportChanged is returned when lines were added by hand to an imported event since.
var ErrImportChanged = errors.New("导入之后，又有销售明细加进了这次导入的销售记录里，撤销会把它们一起删掉。请先把这些明细移到别的销售记录或删除，再撤销本次导入。")

// UndoImport takes a whole import back in one transaction: its events, entries and projects
// are deleted (and can be restored one by one like any deletion), and so are the villages,
// sellers, products and partner units it added that nothing else uses. Undoing twice is harmless.
func (s *Store) UndoImport(id int64) error {
	return s.write(func(tx *Tx) error {
		var old ImportRecord
		err := tx.QueryRow(`SELECT id, kind, file_name, sha256, created_at, rows, deleted_at IS NOT NULL FROM imports WHERE id = ?`, id).
			Scan(&old.ID, &old.Kind, &old.FileName, &old.SHA256, &old.At, &old.Rows, &old.Undone)
		if err != nil {
			return scanOne(err)
		}
		if old.Undone {
			return nil
		}
		var added int
		if err := tx.QueryRow(`SELECT count(*) FROM sale_lines l JOIN sale_events e ON e.id = l.event_id
			WHERE e.import_id = ? AND e.deleted_at IS NULL AND l.deleted_at IS NULL AND l.created_at > ?`, id, old.At).Scan(&added); err != nil {
			return err
		}
		if added > 0 {
			return ErrImportChanged
		}
		tagged := func(table string) ([]int64, error) {
			return queryIDs(tx, "SELECT id FROM "+table+" WHERE import_id = ? AND deleted_at IS NULL ORDER BY id", id)
		}
		events, err := tagged("sale_events")
		if err != nil {
			return err
		}
		totals := newSalesTotals()
		for _, ev := range events {
			if err := totals.addEvent(tx, ev, -1); err != nil {
				return err
			}
			if err := saleEventTable.delete(tx, ev); err != nil {
				return err
			}
		}
		if err := totals.flush(tx); err != nil {
			return err
		}
		for _, step := range []struct {
			table  string
			unused string // the row is used by nothing live outside this import
			delete func(*Tx, int64) error
		}{
			{"collective_entries", "1", entryTable.delete},
			{"projects", "1", projectTable.delete},
			{"sellers", `NOT EXISTS (SELECT 1 FROM sale_lines l JOIN sale_events e ON e.id = l.event_id
				WHERE l.seller_id = ?1 AND l.deleted_at IS NULL AND e.deleted_at IS NULL)`, sellerTable.delete},
			{"products", `NOT EXISTS (SELECT 1 FROM sale_lines l JOIN sale_events e ON e.id = l.event_id
				WHERE l.product_id = ?1 AND l.deleted_at IS NULL AND e.deleted_at IS NULL)`, productTable.delete},
			{"partners", `NOT EXISTS (SELECT 1 FROM project_partners pp JOIN projects p ON p.id = pp.project_id
				WHERE pp.partner_id = ?1 AND p.deleted_at IS NULL)`, partnerTable.delete},
			{"villages", `NOT EXISTS (SELECT 1 FROM project_villages pv JOIN projects p ON p.id = pv.project_id
				WHERE pv.village_id = ?1 AND p.deleted_at IS NULL)
				AND NOT EXISTS (SELECT 1 FROM sale_events WHERE village_id = ?1 AND deleted_at IS NULL)
				AND NOT EXISTS (SELECT 1 FROM sellers WHERE village_id = ?1 AND deleted_at IS NULL)
				AND NOT EXISTS (SELECT 1 FROM collective_entries WHERE village_id = ?1 AND deleted_at IS NULL)
				AND NOT EXISTS (SELECT 1 FROM village_targets WHERE village_id = ?1 AND deleted_at IS NULL)`, villageTable.delete},
		} {
			ids, err := tagged(step.table)
			if err != nil {
				return err
			}
			for _, rid := range ids {
				var unused bool
				if err := tx.QueryRow("SELECT "+step.unused, rid).Scan(&unused); err != nil {
					return err
				}
				if !unused {
					continue
				}
				if err := step.delete(tx, rid); err != nil {
					return err
				}
			}
		}
		if _, err := tx.Exec("UPDATE imports SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.Stamp(), tx.Stamp(), id); err != nil {
			return err
		}
		return tx.Audit("imports", id, "delete", old, nil)
	})
}

// ImportMemory is what the user taught the importer in previews: header → field (key
// "kind|header") and local word → official value (key "field|word"). importfile reads it.
type ImportMemory struct {
	Headers map[string]string `json:"headers,omitempty"`
	Words   map[string]string `json:"words,omitempty"`
}

// settingImportMemory is the setting that keeps ImportMemory.
const settingImportMemory = "import_memory"

// ImportMemory reads what earlier previews taught the importer.
func (s *Store) ImportMemory() (ImportMemory, error) {
	var m ImportMemory
	v, err := s.Setting(settingImportMemory)
	if err != nil || v == "" {
		return m, err
	}
	if err := json.Unmarshal([]byte(v), &m); err != nil {
		return ImportMemory{}, nil // a damaged memory is forgotten, not fatal
	}
	return m, nil
}

// SaveImportMemory keeps what the user chose in a preview for the next import.
func (s *Store) SaveImportMemory(m ImportMemory) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return s.setSetting(settingImportMemory, string(b), 200_000)
}
