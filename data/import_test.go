package data

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func salesBatch() *ImportBatch {
	ref := func(n int) ImportRef { return ImportRef{Sheet: "2024年", Row: n} }
	return &ImportBatch{Kind: ImportSales, FileName: "销售台账.xlsx", SHA256: "ab12", Sheets: []string{"2024年"},
		Columns: map[string]string{"Amount": "销售额", "Seller": "户主", "Date": "日期"},
		Sales: []ImportSale{
			{Ref: ref(4), Date: day("2024-05-08"), Village: "东泉村", Channel: ChannelMarketDay, Place: "柳埠大集", Seller: "张建国",
				Product: "大蒜", Quantity: 20000, Price: 350, Amount: 7000, Note: "早市"},
			{Ref: ref(5), Date: day("2024-05-08"), Village: "东泉村", Channel: ChannelMarketDay, Place: "柳埠大集", Seller: "王福",
				Product: "花生", Quantity: 12500, Price: 600, Amount: 7500},
			{Ref: ref(6), Date: day("2024-06-02"), Village: "北坡村", Channel: ChannelUnitPurchase, Seller: "北坡村股份经济合作社",
				Product: "小米", Spec: "5斤装", Unit: "袋", Quantity: 3000, Price: 4500, Amount: 13400, AmountTyped: true},
		}}
}

// salesTotalsRight compares the monthly totals the import kept with a recount from the lines.
func salesTotalsRight(t *testing.T, s *Store) {
	t.Helper()
	read := func() string {
		rows, err := queryRows(s.db, "SELECT month || '|' || village_id || '|' || channel || '|' || amount || '|' || lines FROM sales_month ORDER BY 1", nil, scanValue[string])
		noErr(t, err)
		return strings.Join(rows, ";")
	}
	kept := read()
	noErr(t, s.RebuildSalesTotals())
	if again := read(); again != kept {
		t.Fatalf("monthly totals %s, recounted %s", kept, again)
	}
}

func TestImportSales(t *testing.T) {
	f := newLedgerFixture(t)
	s := f.s
	rep, err := s.Import(salesBatch(), ImportOptions{})
	noErr(t, err)
	if rep.BatchID == 0 || rep.Imported != 3 || len(rep.Problems) != 0 || rep.Totals.Amount != 27900 || rep.Totals.Lines != 3 {
		t.Fatalf("report %+v", rep)
	}
	if strings.Join(rep.New.Villages, ",") != "北坡村" || strings.Join(rep.New.Sellers, ",") != "王福,北坡村股份经济合作社" ||
		strings.Join(rep.New.Products, ",") != "花生,小米（5斤装）" {
		t.Fatalf("new %+v (东泉村, 张建国 and 大蒜 exist)", rep.New)
	}
	if n := countRows(t, s, "SELECT count(*) FROM sale_events WHERE import_id = ?", rep.BatchID); n != 2 {
		t.Fatalf("%d events: lines of one date, village, channel and place share one", n)
	}
	var kind string
	noErr(t, s.db.QueryRow("SELECT kind FROM sellers WHERE name = '北坡村股份经济合作社'").Scan(&kind))
	var unit string
	noErr(t, s.db.QueryRow("SELECT unit FROM products WHERE name = '小米'").Scan(&unit))
	var amount, typed int64
	noErr(t, s.db.QueryRow("SELECT amount, amount_typed FROM sale_lines WHERE unit = '袋'").Scan(&amount, &typed))
	if kind != "村集体" || unit != "袋" || amount != 13400 || typed != 1 {
		t.Fatalf("seller kind %s, product unit %s, typed amount %d/%d", kind, unit, amount, typed)
	}
	var note string
	noErr(t, s.db.QueryRow("SELECT note FROM sale_events WHERE place = '柳埠大集'").Scan(&note))
	if note != "早市" {
		t.Fatalf("event note %q", note)
	}
	salesTotalsRight(t, s)
	sum, err := s.YearSummary(2024, 0)
	noErr(t, err)
	if sum.Sales.Total != 27900 || sum.Sales.Lines != 3 {
		t.Fatalf("summary %+v", sum.Sales)
	}
	// One entry names the file and its hash; the rows are covered by the chain (Verify).
	log, err := s.AuditLog("imports", rep.BatchID, 10)
	noErr(t, err)
	var note2 importNote
	if len(log) != 1 || json.Unmarshal([]byte(log[0].NewJSON), &note2) != nil || note2.File != "销售台账.xlsx" || note2.SHA256 != "ab12" || note2.Rows != 3 {
		t.Fatalf("audit %+v", log)
	}
	if v, err := s.Verify(context.Background()); err != nil || !v.OK() {
		t.Fatalf("verify: %+v %v", v, err)
	}
	list, err := s.Imports(ImportSales)
	noErr(t, err)
	if len(list) != 1 || list[0].FileName != "销售台账.xlsx" || list[0].Rows != 3 || list[0].Undone {
		t.Fatalf("imports %+v", list)
	}
}

func TestImportAgainMarksPresent(t *testing.T) {
	f := newLedgerFixture(t)
	s := f.s
	_, err := s.Import(salesBatch(), ImportOptions{})
	noErr(t, err)
	before := countRows(t, s, "SELECT count(*) FROM sale_lines")
	rep, err := s.Import(salesBatch(), ImportOptions{})
	noErr(t, err)
	if rep.BatchID != 0 || rep.Imported != 0 || len(rep.Present) != 3 || countRows(t, s, "SELECT count(*) FROM sale_lines") != before {
		t.Fatalf("again: %+v", rep)
	}
	// One new line among known ones: only it goes in. Two equal lines need two in the ledger.
	b := salesBatch()
	twin := b.Sales[0]
	twin.Ref.Row = 9
	b.Sales = append(b.Sales, twin)
	rep, err = s.Import(b, ImportOptions{})
	noErr(t, err)
	if rep.Imported != 1 || len(rep.Present) != 3 || rep.Totals.Amount != 7000 {
		t.Fatalf("one new: %+v", rep)
	}
	// Entered by hand counts too.
	entries := &ImportBatch{Kind: ImportIncome, FileName: "收支.csv", Entries: []ImportEntry{{Ref: ImportRef{Row: 2}, Date: day("2024-01-05"),
		Village: "东泉村", Direction: DirectionIncome, Category: IncomeOperating, SubItem: "租金", Amount: 100000, Voucher: "记-1"}}}
	noErr(t, s.SaveEntry(&CollectiveEntry{Date: day("2024-01-05"), VillageID: f.village.ID, Direction: DirectionIncome,
		Category: IncomeOperating, SubItem: "租金", Amount: 100000, Voucher: "记-1"}))
	rep, err = s.Import(entries, ImportOptions{})
	noErr(t, err)
	if len(rep.Present) != 1 || rep.Imported != 0 {
		t.Fatalf("hand-entered entry: %+v", rep)
	}
}

func TestUndoImport(t *testing.T) {
	f := newLedgerFixture(t)
	s := f.s
	rep, err := s.Import(salesBatch(), ImportOptions{})
	noErr(t, err)
	// 王福 sells again, entered by hand: he stays when the import goes.
	var wang int64
	noErr(t, s.db.QueryRow("SELECT id FROM sellers WHERE name = '王福'").Scan(&wang))
	ev := &SaleEvent{Date: day("2024-07-01"), VillageID: f.village.ID, Channel: ChannelOther}
	noErr(t, s.SaveSaleEvent(ev, []SaleLine{{ProductID: f.garlic.ID, SellerID: wang, Quantity: 1000, Price: 300}}))

	noErr(t, s.UndoImport(rep.BatchID))
	sum, err := s.YearSummary(2024, 0)
	noErr(t, err)
	if sum.Sales.Total != 300 || sum.Sales.Lines != 1 {
		t.Fatalf("after undo: %+v", sum.Sales)
	}
	salesTotalsRight(t, s)
	live := func(table, name string) int64 {
		return countRows(t, s, "SELECT count(*) FROM "+table+" WHERE name = ? AND deleted_at IS NULL", name)
	}
	if live("sellers", "王福") != 1 || live("sellers", "北坡村股份经济合作社") != 0 || live("villages", "北坡村") != 0 ||
		live("products", "花生") != 0 || live("sellers", "张建国") != 1 || live("products", "大蒜") != 1 {
		t.Fatal("undo removes what only the import used, and nothing else")
	}
	if v, err := s.Verify(context.Background()); err != nil || !v.OK() {
		t.Fatalf("verify after undo: %+v %v", v, err)
	}
	noErr(t, s.UndoImport(rep.BatchID)) // twice is harmless
	list, _ := s.Imports("")
	if !list[0].Undone {
		t.Fatalf("imports %+v", list)
	}
	// Undone, the same file imports again as new.
	rep, err = s.Import(salesBatch(), ImportOptions{})
	noErr(t, err)
	if rep.Imported != 3 || len(rep.Present) != 0 {
		t.Fatalf("reimport after undo: %+v", rep)
	}
	// A line added by hand to an imported event is not deleted behind the user's back.
	var evID int64
	noErr(t, s.db.QueryRow("SELECT id FROM sale_events WHERE import_id = ? ORDER BY id LIMIT 1", rep.BatchID).Scan(&evID))
	s.now = func() time.Time { return time.Now().Add(time.Hour) } // the line comes after the import
	noErr(t, s.AddSaleLinesBulk(evID, []SaleLine{{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1000, Price: 100}}, "test"))
	if err := s.UndoImport(rep.BatchID); !errors.Is(err, ErrImportChanged) {
		t.Fatalf("undo with a hand-added line: %v", err)
	}
	if err := s.UndoImport(999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown import: %v", err)
	}
}

func TestImportProblemsWriteNothing(t *testing.T) {
	f := newLedgerFixture(t)
	s := f.s
	b := salesBatch()
	b.Sales[1].Amount, b.Sales[1].AmountTyped = MaxAmount+1, true // over the cap of the Save checks
	b.Sales[2].Seller = strings.Repeat("长", nameLen+1)            // a name the catalog refuses
	b.Sales = append(b.Sales, ImportSale{Ref: ImportRef{Sheet: "2024年", Row: 7}, Date: Date{1949, 12, 31}, Village: "东泉村",
		Channel: ChannelOther, Seller: "张建国", Product: "大蒜", Quantity: 1000, Price: 100, Amount: 100})
	counts := func() int64 {
		return countRows(t, s, "SELECT (SELECT count(*) FROM sale_lines) + (SELECT count(*) FROM sellers) + (SELECT count(*) FROM villages) + (SELECT count(*) FROM imports)")
	}
	before := counts()
	rep, err := s.Import(b, ImportOptions{})
	noErr(t, err)
	got := map[int]string{}
	for _, p := range rep.Problems {
		got[p.Ref.Row] += p.Column + ":" + p.Key + " "
	}
	if got[5] != "销售额:err.sale_line.amount.large " || got[6] != "户主:err.seller.name.long " || got[7] != "日期:err.sale_event.date.range " ||
		rep.Imported != 0 || rep.BatchID != 0 || counts() != before {
		t.Fatalf("problems %v, report %+v", got, rep)
	}
	rep, err = s.Import(b, ImportOptions{DryRun: true, SkipErrors: true})
	noErr(t, err)
	if rep.Imported != 1 || len(rep.Problems) != 3 || counts() != before || rep.Totals.Amount != 7000 {
		t.Fatalf("dry run: %+v", rep)
	}
	rep, err = s.Import(b, ImportOptions{SkipErrors: true})
	noErr(t, err)
	if rep.Imported != 1 || rep.BatchID == 0 || len(rep.Problems) != 3 || len(rep.New.Villages) != 0 {
		t.Fatalf("skip errors: %+v (北坡村 belongs only to a refused row)", rep)
	}
	salesTotalsRight(t, s)
}

func TestImportNeedsVillage(t *testing.T) {
	s := ledgerStore(t)
	b := salesBatch()
	for i := range b.Sales {
		b.Sales[i].Village = ""
	}
	var nv *NeedVillageError
	if _, err := s.Import(b, ImportOptions{}); !errors.As(err, &nv) || len(nv.Villages) != 0 || !strings.Contains(err.Error(), "-village") {
		t.Fatalf("empty database: %v", err)
	}
	b.Village = "东泉村"
	rep, err := s.Import(b, ImportOptions{})
	noErr(t, err)
	if strings.Join(rep.New.Villages, ",") != "东泉村" || rep.Imported != 3 {
		t.Fatalf("%+v", rep)
	}
	// With the one village there is, rows without one go to it.
	b.Village = ""
	b.Sales[0].Quantity = 99000
	rep, err = s.Import(b, ImportOptions{})
	noErr(t, err)
	if rep.Imported != 1 || len(rep.Present) != 2 {
		t.Fatalf("%+v", rep)
	}
}

func TestImportEntriesAndProjects(t *testing.T) {
	f := newLedgerFixture(t)
	s := f.s
	entries := &ImportBatch{Kind: ImportIncome, FileName: "收支.xlsx", Entries: []ImportEntry{
		{Ref: ImportRef{Row: 6}, Date: day("2024-01-15"), Village: "东泉村", Direction: DirectionIncome, Category: IncomeOperating, SubItem: "光伏收益", Amount: 1200000, Voucher: "记-1"},
		{Ref: ImportRef{Row: 7}, Date: day("2024-01-20"), Village: "东泉村", Direction: DirectionExpense, Category: "管理费用", SubItem: "办公费", Amount: 86050},
		{Ref: ImportRef{Row: 8}, Date: day("2024-06-05"), Village: "东泉村", Direction: DirectionIncome, Category: IncomeSubsidy, SubItem: "上级补助", Amount: 5000000},
	}}
	rep, err := s.Import(entries, ImportOptions{})
	noErr(t, err)
	sum, err := s.YearSummary(2024, f.village.ID)
	noErr(t, err)
	if rep.Totals.Income != 6200000 || rep.Totals.Operating != 1200000 || rep.Totals.Expense != 86050 ||
		sum.Income.Total != rep.Totals.Income || sum.Income.Operating != rep.Totals.Operating || sum.Expense.Total != rep.Totals.Expense {
		t.Fatalf("report %+v, summary %+v %+v", rep.Totals, sum.Income, sum.Expense)
	}
	projects := &ImportBatch{Kind: ImportProjects, FileName: "项目.xlsx", Projects: []ImportProject{
		{Ref: ImportRef{Row: 6}, Name: "樱桃大棚", Type: "产业发展", Villages: []string{"东泉村"}, YearStarted: 2024, Partners: []string{"济南市农业农村局"},
			Funding:   []FundingLine{{Source: "财政衔接资金", Amount: 15000000}, {Source: "帮扶单位资金", Amount: 3680651}},
			Disbursed: 15500000, DisbursedDate: day("2024-04-01"), Stage: StageAccepted, StageDate: day("2024-10-31"), StageNote: "导入时项目状态：已验收", Households: 45},
		{Ref: ImportRef{Row: 7}, Name: "冷库", Type: "产业发展", Villages: []string{"东泉村", "南山村"}, YearStarted: 2024,
			Partners: []string{"齐鲁农旅发展有限公司"}, Funding: []FundingLine{{Source: "财政衔接资金", Amount: 50000000}}},
	}}
	rep, err = s.Import(projects, ImportOptions{})
	noErr(t, err)
	if rep.Totals != (ImportTotals{Count: 2, Budget: 68680651, Disbursed: 15500000}) || strings.Join(rep.New.Villages, ",") != "南山村" ||
		strings.Join(rep.New.Partners, ",") != "济南市农业农村局,齐鲁农旅发展有限公司" {
		t.Fatalf("projects %+v", rep)
	}
	sum, err = s.YearSummary(2024, 0)
	noErr(t, err)
	if sum.Projects.Count != 2 || sum.Projects.Budget != rep.Totals.Budget || sum.Projects.Disbursed != rep.Totals.Disbursed || sum.Projects.ByStage[StageAccepted] != 1 {
		t.Fatalf("summary %+v", sum.Projects)
	}
	var kind string
	noErr(t, s.db.QueryRow("SELECT kind FROM partners WHERE name = '齐鲁农旅发展有限公司'").Scan(&kind))
	if kind != PartnerEnterprise {
		t.Fatalf("partner kind %s", kind)
	}
	// A project whose village set is known is already present.
	rep, err = s.Import(projects, ImportOptions{})
	noErr(t, err)
	if len(rep.Present) != 2 {
		t.Fatalf("again %+v", rep)
	}
	if v, err := s.Verify(context.Background()); err != nil || !v.OK() {
		t.Fatalf("verify: %+v %v", v, err)
	}
	list, _ := s.Imports(ImportProjects)
	noErr(t, s.UndoImport(list[0].ID))
	sum, _ = s.YearSummary(2024, 0)
	if sum.Projects.Count != 0 || countRows(t, s, "SELECT count(*) FROM villages WHERE name = '南山村' AND deleted_at IS NULL") != 0 ||
		countRows(t, s, "SELECT count(*) FROM partners WHERE deleted_at IS NULL") != 0 {
		t.Fatalf("after undo %+v", sum.Projects)
	}
	list, _ = s.Imports(ImportIncome)
	noErr(t, s.UndoImport(list[0].ID))
	if sum, _ = s.YearSummary(2024, 0); sum.Income.Total != 0 || sum.Expense.Total != 0 {
		t.Fatalf("income after undo %+v", sum.Income)
	}
	if v, err := s.Verify(context.Background()); err != nil || !v.OK() {
		t.Fatalf("verify after undo: %+v %v", v, err)
	}
}

// A reader that fails half-way (a damaged file, a cancelled read) leaves nothing behind.
func TestImportStreamFailureWritesNothing(t *testing.T) {
	f := newLedgerFixture(t)
	s := f.s
	boom := errors.New("文件读到一半坏了")
	b := &ImportBatch{Kind: ImportSales, FileName: "坏.xlsx", Stream: func(emit func(any) bool) error {
		for i := 0; i < 500; i++ {
			if !emit(ImportSale{Ref: ImportRef{Row: i + 2}, Date: day("2024-05-08"), Village: "东泉村", Channel: ChannelMarketDay,
				Seller: "新户" + string(rune('甲'+i%10)), Product: "大蒜", Quantity: Quantity(1000 * (i + 1)), Price: 300, Amount: Quantity(1000 * (i + 1)).Times(300)}) {
				return nil
			}
		}
		return boom
	}}
	before := countRows(t, s, "SELECT (SELECT count(*) FROM sale_lines) + (SELECT count(*) FROM sellers) + (SELECT count(*) FROM imports) + (SELECT count(*) FROM audit_log)")
	rep, err := s.Import(b, ImportOptions{})
	if !errors.Is(err, boom) || rep == nil || rep.BatchID != 0 {
		t.Fatalf("%v %+v", err, rep)
	}
	if after := countRows(t, s, "SELECT (SELECT count(*) FROM sale_lines) + (SELECT count(*) FROM sellers) + (SELECT count(*) FROM imports) + (SELECT count(*) FROM audit_log)"); after != before {
		t.Fatalf("rows %d → %d", before, after)
	}
}

func TestImportMemoryKept(t *testing.T) {
	s := ledgerStore(t)
	m, err := s.ImportMemory()
	noErr(t, err)
	if len(m.Headers)+len(m.Words) != 0 {
		t.Fatalf("fresh memory %+v", m)
	}
	m = ImportMemory{Headers: map[string]string{"sales|交售人": "seller"}, Words: map[string]string{"category|鱼塘收益": IncomeOperating}}
	noErr(t, s.SaveImportMemory(m))
	got, err := s.ImportMemory()
	noErr(t, err)
	if got.Headers["sales|交售人"] != "seller" || got.Words["category|鱼塘收益"] != IncomeOperating {
		t.Fatalf("%+v", got)
	}
	if log, _ := s.AuditLog("settings", 0, 5); len(log) != 1 {
		t.Fatalf("audited: %+v", log)
	}
}

// The bulk entry's hash, taken as the lines are written, is the one Verify reads back.
func TestBulkLinesHashAsVerifyReadsThem(t *testing.T) {
	f := newLedgerFixture(t)
	s := f.s
	ev := &SaleEvent{Date: day("2024-05-08"), VillageID: f.village.ID, Channel: ChannelMarketDay}
	noErr(t, s.SaveSaleEvent(ev, nil))
	lines := []SaleLine{{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1500, Price: 350},
		{ProductID: f.apple.ID, SellerID: f.seller2.ID, Quantity: 300000, Unit: "箱", Price: 123456, Amount: 100, AmountTyped: true}}
	noErr(t, s.AddSaleLinesBulk(ev.ID, lines, "test"))
	log, err := s.AuditLog("sale_lines", 0, 1)
	noErr(t, err)
	var note bulkNote
	noErr(t, json.Unmarshal([]byte(log[0].NewJSON), &note))
	want, err := rangeHash(s.db, "sale_lines", lines[0].ID, lines[1].ID)
	noErr(t, err)
	if note.RowsSHA256 != want || note.FirstID != lines[0].ID {
		t.Fatalf("bulk hash %s, read back %s", note.RowsSHA256, want)
	}
}
