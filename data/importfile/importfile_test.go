package importfile

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cunji/data"
)

// The fixtures in data/testdata/import were written by LibreOffice (from the .fods sources
// there), iconv and by hand — see data/testdata/import/gen.
const fixtures = "../testdata/import/"

func parse(t *testing.T, file string, opt Options) *Result {
	t.Helper()
	opt.KeepRows = true
	res, err := Parse(context.Background(), fixtures+file, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// statuses is each row of a sheet as "导入", "跳过 reason" or "错误 column key…".
func statuses(sh *Sheet) map[int]string {
	out := map[int]string{}
	for _, r := range sh.Rows {
		switch r.Status {
		case StatusImport:
			out[r.Num] = "导入"
		case StatusSkip:
			out[r.Num] = "跳过 " + r.Reason
		default:
			s := "错误"
			for _, e := range r.Errors {
				s += " " + e.Column + " " + e.Key
			}
			out[r.Num] = s
		}
	}
	return out
}

func wantStatuses(t *testing.T, sh *Sheet, want map[int]string) {
	t.Helper()
	got := statuses(sh)
	for n, w := range want {
		if got[n] != w {
			t.Errorf("%s row %d: %q, want %q", sh.Name, n, got[n], w)
		}
	}
	for n, g := range got {
		if _, ok := want[n]; !ok {
			t.Errorf("%s row %d: unexpected %q", sh.Name, n, g)
		}
	}
}

func TestSalesWorkbook(t *testing.T) {
	res := parse(t, "sales_ledger.xlsx", Options{Kind: data.ImportSales})
	if len(res.Sheets) != 2 || len(res.Ignored) != 1 || res.Ignored[0] != "填表说明" {
		t.Fatalf("sheets %d, ignored %v", len(res.Sheets), res.Ignored)
	}
	first := res.Sheets[0]
	if first.HeaderRow != 3 || first.Year != 2024 || first.YearFrom != "工作表名" || first.Title != "东泉村2024年助农销售台账" {
		t.Errorf("first sheet: header %d, year %d from %s, title %q", first.HeaderRow, first.Year, first.YearFrom, first.Title)
	}
	wantStatuses(t, first, map[int]string{
		1: "跳过 标题", 2: "跳过 标题", 3: "跳过 表头", 4: "导入", 5: "导入", 6: "导入", 8: "导入", 9: "导入",
		10: "跳过 只有序号", 11: "跳过 合计行", 12: "导入",
		13: "错误 重量（斤） err.import.qty.unit", 14: "错误 重量（斤） err.import.qty.vague", 15: "错误 户主 err.import.sale.seller",
		16: "错误 销售额 err.import.sale.mismatch", 17: "错误 销售额 err.import.sale.negative", 18: "导入",
		19: "错误  err.import.row.duplicate", 20: "跳过 合计行", 22: "跳过 签名行",
	})
	wantStatuses(t, res.Sheets[1], map[int]string{
		1: "跳过 标题", 2: "跳过 表头", 3: "导入", 4: "导入", 5: "导入", 6: "导入", 7: "导入", 8: "导入",
		9: "错误 销售日期 err.import.date.impossible", 10: "跳过 合计行",
	})
	if res.Totals.Amount != 250410 || res.Totals.Lines != 13 || res.Counts != (Counts{Data: 20, Valid: 13, Errors: 7, Skipped: 10}) {
		t.Errorf("totals %+v, counts %+v", res.Totals, res.Counts)
	}
	byRow := map[data.ImportRef]data.ImportSale{}
	for _, x := range res.sales {
		byRow[x.Ref] = x
	}
	first1 := func(n int) data.ImportSale { return byRow[data.ImportRef{Sheet: "2024年上半年", Row: n}] }
	second := func(n int) data.ImportSale { return byRow[data.ImportRef{Sheet: "2024年下半年", Row: n}] }
	checks := []struct {
		got, want any
		what      string
	}{
		{first1(5).Date, data.MustDate(2024, 5, 8), "the date merged over a market day's rows"},
		{first1(5).Amount, data.Money(8710), "87.1 stored, 87.10"},
		{first1(4).Unit, "斤", "the unit from the header 重量（斤）"},
		{first1(8).Date, data.MustDate(2024, 5, 20), "5月20日 typed in 2023 on the 2024 sheet"},
		{first1(8).Channel, data.ChannelLivestream, "直播"},
		{first1(9).Channel, data.ChannelUnitPurchase, "832平台"},
		{first1(12).Amount, data.Money(103200), "1,032.00 as text"},
		{first1(12).Note, "区机关食堂", "备注"},
		{second(3).Spec + second(3).Unit, "5斤装箱", "规格 and 计量单位"},
		{second(4).Date, data.MustDate(2024, 10, 1), "2024.10.1"},
		{second(6).Date, data.MustDate(2024, 11, 5), "2024年11月5日"},
		{second(7).Date, data.MustDate(2024, 12, 5), "an Excel day number in a General cell"},
		{second(8).Amount, data.Money(4000), "¥40.00"},
		{second(3).Place, "甸柳社区共富超市", "地点"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.what, c.got, c.want)
		}
	}
}

func TestIncomeWorkbookTwoRowHeader(t *testing.T) {
	res := parse(t, "income_ledger.xlsx", Options{Kind: data.ImportIncome})
	sh := res.Sheets[0]
	if sh.HeaderRow != 3 || sh.HeaderRows != 2 || sh.Year != 2024 {
		t.Fatalf("header %d+%d, year %d", sh.HeaderRow, sh.HeaderRows, sh.Year)
	}
	want := []Field{FieldMonth, FieldDay, FieldVoucher, FieldSummary, FieldCategory, FieldIncome, FieldExpense, FieldNone}
	for c, f := range want {
		if sh.Mapping[c] != f {
			t.Errorf("column %s (%s): %s, want %s", ColumnName(c), sh.Headers[c], sh.Mapping[c], f)
		}
	}
	wantStatuses(t, sh, map[int]string{
		1: "跳过 标题", 2: "跳过 标题", 3: "跳过 表头", 4: "跳过 表头", 5: "跳过 合计行", 6: "导入", 7: "导入", 8: "导入",
		9: "跳过 合计行", 10: "导入", 11: "导入", 12: "导入", 13: "跳过 合计行", 14: "导入",
		15: "错误 2024年/日 err.import.date.impossible", 16: "错误 金额/收入 err.import.entry.both",
		17: "错误 金额/收入 err.import.entry.neither", 18: "错误 类别 err.import.entry.category",
		19: "跳过 合计行", 20: "跳过 合计行", 21: "跳过 签名行",
	})
	if res.Totals.Income != 11003580 || res.Totals.Expense != 506050 || res.Totals.Operating != 6000000 {
		t.Errorf("totals %+v", res.Totals)
	}
	got := map[int]data.ImportEntry{}
	for _, e := range res.entries {
		got[e.Ref.Row] = e
	}
	for row, want := range map[int]data.ImportEntry{
		6:  {Date: data.MustDate(2024, 1, 15), Direction: "income", Category: "经营收入", SubItem: "光伏收益", Amount: 1200000, Voucher: "记-1", Note: "收到光伏电站发电收益"},
		7:  {Date: data.MustDate(2024, 1, 20), Direction: "expense", Category: "管理费用", SubItem: "办公费", Amount: 86050, Voucher: "记-2", Note: "支付办公用品"},
		8:  {Date: data.MustDate(2024, 1, 31), Direction: "income", Category: "其他收入", SubItem: "利息收入", Amount: 3580, Voucher: "记-3", Note: "银行存款利息"},
		11: {Date: data.MustDate(2024, 3, 12), Direction: "income", Category: "经营收入", SubItem: "租金", Amount: 1800000, Voucher: "记-5", Note: "收到厂房租金"},
		14: {Date: data.MustDate(2024, 6, 5), Direction: "income", Category: "补助收入", SubItem: "上级补助", Amount: 5000000, Voucher: "记-7", Note: "上级拨付运转经费"},
	} {
		g := got[row]
		g.Ref = data.ImportRef{}
		if g != want {
			t.Errorf("row %d: %+v, want %+v", row, g, want)
		}
	}
}

// LibreOffice's GBK CSV export of the same ledger (merged months left empty, amounts as shown)
// reads the same as the workbook.
func TestLibreOfficeGBKExportReadsLikeTheWorkbook(t *testing.T) {
	csv := parse(t, "income_lo_gbk.csv", Options{Kind: data.ImportIncome})
	xlsx := parse(t, "income_ledger.xlsx", Options{Kind: data.ImportIncome})
	if csv.Totals != xlsx.Totals || csv.Counts != xlsx.Counts || len(csv.Errors) != len(xlsx.Errors) {
		t.Fatalf("csv %+v %+v, xlsx %+v %+v", csv.Totals, csv.Counts, xlsx.Totals, xlsx.Counts)
	}
	for i := range csv.entries {
		a, b := csv.entries[i], xlsx.entries[i]
		a.Ref, b.Ref = data.ImportRef{}, data.ImportRef{}
		if a != b {
			t.Errorf("entry %d: %+v, want %+v", i, a, b)
		}
	}
}

func TestProjectsWorkbookInWanYuan(t *testing.T) {
	res := parse(t, "projects_ledger.xlsx", Options{Kind: data.ImportProjects})
	sh := res.Sheets[0]
	if sh.Scale != TenThousand || sh.HeaderRows != 2 {
		t.Fatalf("scale %d, header rows %d", sh.Scale, sh.HeaderRows)
	}
	wantStatuses(t, sh, map[int]string{
		1: "跳过 标题", 2: "跳过 标题", 3: "跳过 表头", 4: "跳过 表头", 5: "跳过 分类行", 6: "导入", 7: "导入", 8: "导入",
		9: "跳过 分类行", 10: "导入", 11: "导入", 12: "错误 总投资 err.import.project.total", 13: "错误 项目名称 err.import.project.name",
		14: "跳过 分类行", 15: "导入", 16: "导入", 17: "导入", 18: "跳过 合计行", 19: "跳过 签名行",
	})
	if res.Totals != (data.ImportTotals{Count: 8, Budget: 182180651, Disbursed: 109000000}) {
		t.Errorf("totals %+v", res.Totals)
	}
	got := map[int]data.ImportProject{}
	for _, p := range res.projects {
		got[p.Ref.Row] = p
	}
	cherry := got[6]
	if fmt.Sprint(cherry.Funding) != "[{0  0 财政衔接资金 ¥150,000.00  0} {0  0 帮扶单位资金 ¥36,806.51  0}]" || cherry.Disbursed != 15500000 ||
		cherry.DisbursedDate != data.MustDate(2024, 4, 1) || cherry.Type != "产业发展" || cherry.Stage != data.StageAccepted ||
		fmt.Sprint(cherry.Partners) != "[济南市农业农村局]" || cherry.Households != 45 || cherry.YearStarted != 2024 {
		t.Errorf("樱桃大棚: %+v", cherry)
	}
	if v := got[7].Villages; fmt.Sprint(v) != "[东泉村 西岭村]" {
		t.Errorf("two villages: %v", v)
	}
	solar := got[8]
	if fmt.Sprint(solar.Villages) != "[东泉村]" || solar.Note != "建设地点：东泉村三组" || solar.DisbursedDate != data.MustDate(2024, 10, 31) ||
		!strings.Contains(solar.DisbursedNote, "按2024年10月31日计") || solar.Stage != data.StageOperating {
		t.Errorf("光伏电站 (未完工 in the date column, 截至 in the title): %+v", solar)
	}
	for row, want := range map[int][2]string{10: {"基础设施", data.StageFunded}, 11: {"基础设施", data.StageAccepted},
		15: {"公益事业", data.StageHandedOver}, 16: {"公益事业", data.StageAccepted}, 17: {"公益事业", data.StageAccepted}} {
		if p := got[row]; p.Type != want[0] || p.Stage != want[1] {
			t.Errorf("row %d: type %s stage %s, want %v (section rows give the type; 招标中, 已竣工验收, 资产已移交, 已审计, 已兑付)", row, p.Type, p.Stage, want)
		}
	}
	if msg := sh.Rows[11].Errors[0].Message; !strings.Contains(msg, "12万元（¥120,000.00）") || !strings.Contains(msg, "10万元") {
		t.Errorf("the mismatch speaks in the sheet's 万元: %s", msg)
	}
}

func TestCSVEncodings(t *testing.T) {
	res := parse(t, "sales_gb18030.csv", Options{Kind: data.ImportSales})
	if len(res.Errors) != 0 || res.Totals.Amount != 157100 || res.Totals.Lines != 4 {
		t.Fatalf("errors %v, totals %+v", res.Errors, res.Totals)
	}
	if s := res.sales; s[0].Seller != "王䶮" || s[1].Seller != "陈𠮷" || s[0].Quantity != 12000 || s[1].Amount != 13500 ||
		s[2].Village != "西岭村" || s[2].Channel != data.ChannelUnitPurchase || s[3].Amount != 20000 {
		t.Fatalf("GB18030 names (not in GBK), full-width digits, U+3000, ￥: %+v", s)
	}
	// The second record spans two lines (a line break inside quotes); the next one starts on line 5.
	if rows := res.Sheets[0].Rows; rows[2].Num != 3 || rows[3].Num != 5 || rows[5].Reason != reasonTotal {
		t.Fatalf("record lines: %d %d, last %q", rows[2].Num, rows[3].Num, rows[5].Reason)
	}
	bom := parse(t, "income_bom.csv", Options{Kind: data.ImportIncome, Village: "东泉村"})
	if len(bom.Errors) != 0 || bom.Totals.Income != 812345 || bom.Totals.Expense != 60000 || bom.Totals.Operating != 812345 {
		t.Fatalf("BOM CSV: %v %+v", bom.Errors, bom.Totals)
	}
	if e := bom.entries; e[0].Category != "经营收入" || e[0].SubItem != "土地流转费" || e[1].Category != "公益支出" || e[2].Category != "投资收益" {
		t.Fatalf("BOM CSV categories: %+v", e)
	}
}

func TestUTF16TabText(t *testing.T) {
	// Excel's "Unicode 文本": UTF-16LE with a BOM, tab-separated.
	text := "日期\t姓名\t品名\t数量\t单价\t金额\r\n2024-05-08\t张建国\t大蒜\t2\t3.5\t7\r\n"
	b := []byte{0xFF, 0xFE}
	for _, r := range text {
		if r > 0xFFFF {
			t.Fatal("test text is BMP only")
		}
		b = append(b, byte(r), byte(r>>8))
	}
	path := filepath.Join(t.TempDir(), "unicode.txt")
	os.WriteFile(path, b, 0o644)
	res, err := Parse(context.Background(), path, Options{Kind: data.ImportSales})
	if err != nil || len(res.sales) != 1 || res.sales[0].Seller != "张建国" || res.sales[0].Amount != 700 {
		t.Fatalf("%v %+v %v", err, res.sales, res.Errors)
	}
}

func TestUnreadableFilesSayWhatToDo(t *testing.T) {
	_, err := Parse(context.Background(), fixtures+"sales_ledger.xls", Options{Kind: data.ImportSales})
	var fe *FileError
	if !errors.As(err, &fe) || fe.Key != "err.import.file.xls" || !strings.Contains(fe.Msg, "另存为") {
		t.Fatalf(".xls from LibreOffice: %v", err)
	}
	dir := t.TempDir()
	for name, content := range map[string]string{"a.xls": "<html><table><tr><td>1</td></tr></table></html>", "b.xlsx": "not a zip",
		"c.pdf": "%PDF-1.4", "d.ods": "PK\x03\x04xxxx"} {
		os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
		_, err := Parse(context.Background(), filepath.Join(dir, name), Options{Kind: data.ImportSales})
		if !errors.As(err, &fe) || !strings.Contains(fe.Msg, ".xlsx") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := Parse(context.Background(), filepath.Join(dir, "missing.xlsx"), Options{Kind: data.ImportSales}); !errors.As(err, &fe) || fe.Key != "err.import.file.missing" {
		t.Errorf("missing file: %v", err)
	}
	if _, err := Parse(context.Background(), fixtures+"sales_ledger.xlsx", Options{Kind: data.ImportSales, Sheet: "没有"}); !errors.As(err, &fe) ||
		fe.Key != "err.import.file.sheet" || !strings.Contains(fe.Msg, "2024年上半年") {
		t.Errorf("unknown sheet: %v", err)
	}
}

// The user corrects the header row and the mapping; the preview follows.
func TestHeaderAndMappingChosenByTheUser(t *testing.T) {
	res := parse(t, "sales_ledger.xlsx", Options{Kind: data.ImportSales, Sheet: "2024年上半年"})
	sh := res.Sheets[0]
	if len(sh.Candidates) == 0 || sh.Candidates[0].Row != 3 {
		t.Fatalf("candidates %+v", sh.Candidates)
	}
	// Read 备注 (column I) as the place and leave 销售渠道 unread: every line is then 其他.
	mapping := append([]Field(nil), sh.Mapping...)
	mapping[7], mapping[8] = FieldNone, FieldPlace
	res = parse(t, "sales_ledger.xlsx", Options{Kind: data.ImportSales, Sheet: "2024年上半年", Mapping: mapping})
	for _, s := range res.sales {
		if s.Channel != data.ChannelOther {
			t.Fatalf("row %d channel %s", s.Ref.Row, s.Channel)
		}
		if s.Ref.Row == 8 && s.Place != "抖音直播" {
			t.Fatalf("row 8 place %q", s.Place)
		}
	}
	mem := data.ImportMemory{}
	LearnMapping(&mem, data.ImportSales, res.Sheets[0])
	if mem.Headers["sales|备注"] != "place" || mem.Headers["sales|销售渠道"] != "" || len(mem.Headers) != 2 {
		t.Fatalf("memory %v", mem.Headers)
	}
	// Remembered, the next file's 备注 is read as the place without asking.
	res = parse(t, "sales_ledger.xlsx", Options{Kind: data.ImportSales, Sheet: "2024年上半年", Memory: mem})
	if m := res.Sheets[0].Mapping; m[8] != FieldPlace || m[7] != FieldNone {
		t.Fatalf("remembered mapping %v", m)
	}
	// A header row chosen by hand: row 1 (the title) leaves no columns, so nothing is data.
	res = parse(t, "sales_ledger.xlsx", Options{Kind: data.ImportSales, Sheet: "2024年上半年", HeaderRow: 1})
	if res.Sheets[0].HeaderRow != 1 || len(res.Sheets[0].Missing) == 0 || res.Counts.Data != 0 || len(res.Errors) != 1 {
		t.Fatalf("header row 1: %+v %+v %v", res.Sheets[0].Missing, res.Counts, res.Errors)
	}
}

// A word the table does not know is an error listed for the user to map once; mapped, it is read.
func TestUnknownWordsMappedOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "收支.csv")
	os.WriteFile(path, []byte("日期,摘要,类别,收入,支出\n2024-01-05,鱼塘承包,鱼塘收益,5000,\n2024-01-06,鱼塘承包,鱼塘收益,6000,\n"), 0o644)
	res, err := Parse(context.Background(), path, Options{Kind: data.ImportIncome})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Unknown) != 1 || res.Unknown[0].Word != "鱼塘收益" || res.Unknown[0].Rows != 2 || res.Unknown[0].Field != FieldCategory ||
		res.Counts.Errors != 2 || res.Errors[0].Key != "err.import.word.unknown" {
		t.Fatalf("unknown %+v, errors %v", res.Unknown, res.Errors)
	}
	mem := data.ImportMemory{}
	LearnWord(&mem, FieldCategory, "鱼塘收益", data.IncomeOperating)
	res, _ = Parse(context.Background(), path, Options{Kind: data.ImportIncome, Memory: mem})
	if len(res.Errors) != 0 || res.entries[0].Category != data.IncomeOperating || res.entries[0].SubItem != "鱼塘收益" {
		t.Fatalf("after mapping: %v %+v", res.Errors, res.entries)
	}
}

// The preview's first rows come from reading only as far as they need; cancelling stops a read.
func TestLimitProgressAndCancel(t *testing.T) {
	res := parse(t, "sales_ledger.xlsx", Options{Kind: data.ImportSales, Limit: 3})
	if res.Complete || res.Counts.Data != 3 || len(res.Sheets) != 1 {
		t.Fatalf("limit 3: complete %v, %+v, %d sheets", res.Complete, res.Counts, len(res.Sheets))
	}
	var last Progress
	calls := 0
	Parse(context.Background(), fixtures+"sales_ledger.xlsx", Options{Kind: data.ImportSales, Progress: func(p Progress) { last = p; calls++ }})
	if calls == 0 || last.Fraction != 1 || last.Rows == 0 {
		t.Fatalf("progress: %d calls, last %+v", calls, last)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := bigCSV(t, 5000)
	if _, err := Parse(ctx, path, Options{Kind: data.ImportSales}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

// bigCSV writes a sales CSV of n lines.
func bigCSV(t testing.TB, n int) string {
	var b strings.Builder
	b.WriteString("日期,村,姓名,品名,数量,单价,金额\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "2024-%02d-%02d,东泉村,农户%d,大蒜,%d,3.5,%.2f\n", 1+i%12, 1+i%28, i%50, 1+i%40, float64(1+i%40)*3.5)
	}
	path := filepath.Join(t.TempDir(), "big.csv")
	os.WriteFile(path, []byte(b.String()), 0o644)
	return path
}
