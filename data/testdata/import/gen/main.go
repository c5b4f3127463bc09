// Command gen writes the import fixtures from the tables below: flat OpenDocument spreadsheets
// (.fods, the sources), which LibreOffice then converts into the .xlsx (and one .xls and one
// GBK CSV) that the tests read — files written by another program than ours. The hand-made
// CSVs are written here too, the GB18030 one through iconv.
//
// Run from the module root (needs soffice and iconv): go run ./data/testdata/import/gen
//
// With -big FILE.xlsx it writes instead the 200,000-line, ten-column sales workbook of the
// speed measurement (docs/PERFORMANCE.md): a CSV made here, converted by LibreOffice.
package main

import (
	"flag"
	"fmt"
	"html"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

const dir = "data/testdata/import"

// A cell is written as "kind:value" with options after "|": s:text (the default), n:12.5,
// d:2024-05-08, f:SUM(G4:G10)=362.1; |cs=3 spans columns, |rs=3 rows, |fmt=md (m月d日),
// ymd, 2 (0.00), 6 (0.000000). "~" is a cell covered by a merge, "" an empty cell.
type sheet struct {
	name string
	rows [][]string
}

func main() {
	log.SetFlags(0)
	big := flag.String("big", "", "write the 200,000-line sales workbook to this .xlsx instead")
	flag.Parse()
	if *big != "" {
		writeBig(*big, 200_000)
		return
	}
	write("sales_ledger", salesSheets())
	write("income_ledger", incomeSheets())
	write("projects_ledger", projectSheets())
	convert("sales_ledger.fods", "xlsx")
	convert("income_ledger.fods", "xlsx")
	convert("projects_ledger.fods", "xlsx")
	convert("sales_ledger.fods", "xls")
	// LibreOffice's own CSV export with its GBK filter: comma, double quotes, 67 (RTL_TEXTENCODING_GBK).
	run("soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,67,1", "--outdir", dir+"/lo", dir+"/income_ledger.xlsx")
	os.Rename(dir+"/lo/income_ledger.csv", dir+"/income_lo_gbk.csv")
	os.RemoveAll(dir + "/lo")
	writeCSVs()
}

func salesSheets() []sheet {
	first := sheet{"2024年上半年", [][]string{
		{"东泉村2024年助农销售台账|cs=9", "~", "~", "~", "~", "~", "~", "~", "~"},
		{"填报单位：东泉村村委会|cs=5", "~", "~", "~", "~", "", "", "单位：元"},
		{"序号", "日期", "户主", "品名", "重量（斤）", "单价", "销售额", "销售渠道", "备注"},
		{"n:1", "d:2024-05-08|fmt=md|rs=3", "张建国", "大蒜", "n:20", "n:3.5", "n:70", "大集", ""},
		{"n:2", "~", "李秀英", "小米", "n:10", "n:8.71", "n:87.09999999999999|fmt=2", "大集", ""},
		{"n:3", "~", "王福", "花生", "n:12.5", "n:6", "n:75", "大集", ""},
		{},
		// Typed in 2023 as 5月20日: the cell hides the year, the sheet says 2024.
		{"n:4", "d:2023-05-20|fmt=md", "张建国", "香椿", "n:3", "n:30", "n:90", "直播", "抖音直播"},
		{"n:5", "d:2024-05-20|fmt=md", "赵小花", "土鸡蛋", "n:50", "n:0.8", "n:40", "832平台", ""},
		{"n:6"},
		{"", "本月合计", "", "", "", "", "f:SUM(G4:G9)=362.1", "", ""},
		{"n:7", "d:2024-06-02|fmt=md", "李秀英", "小米", "n:120", "n:8.6", "1,032.00", "食堂采购", "区机关食堂"},
		{"n:8", "d:2024-06-02|fmt=md", "王福", "核桃", "15斤", "n:20", "n:300", "食堂采购", ""},
		{"n:9", "d:2024-06-09|fmt=md", "刘强", "蜂蜜", "约20", "n:50", "n:1000", "大集", ""},
		{"n:10", "d:2024-06-09|fmt=md", "", "苹果", "n:30", "n:4", "n:120", "大集", ""},
		{"n:11", "d:2024-06-09|fmt=md", "孙丽", "苹果", "n:30", "n:4", "n:125", "大集", ""},
		{"n:12", "d:2024-06-16|fmt=md", "孙丽", "苹果", "n:10", "n:4", "n:-40", "大集", "退货"},
		{"n:13", "d:2024-06-23|fmt=md", "周梅", "樱桃", "n:8", "n:15", "n:120", "大集", ""},
		{"n:14", "d:2024-06-23|fmt=md", "周梅", "樱桃", "n:8", "n:15", "n:120", "大集", ""},
		{"", "合计", "", "", "", "", "f:SUM(G4:G19)=2949.1", "", ""},
		{},
		{"制表人：王会计|cs=4", "~", "~", "~", "", "审核人：张书记|cs=3", "~", "~"},
	}}
	second := sheet{"2024年下半年", [][]string{
		{"东泉村助农销售台账（2024年7—12月）|cs=10", "~", "~", "~", "~", "~", "~", "~", "~", "~"},
		{"销售日期", "姓名", "产品", "规格", "数量", "计量单位", "单价（元）", "金额（元）", "渠道", "地点"},
		{"2024/9/28", "张建国", "苹果", "5斤装", "n:10", "箱", "n:45", "n:450", "共富超市", "甸柳社区共富超市"},
		{"2024.10.1", "李秀英", "小米", "", "n:20", "斤", "n:8.5", "n:170", "直播带货", ""},
		{"2024-10-09", "王福", "花生", "", "n:15", "斤", "n:6", "n:90", "单位采购", ""},
		{"2024年11月5日", "赵小花", "土鸡蛋", "", "n:100", "个", "n:1.2", "n:120", "助农大集", "柳埠大集"},
		{"n:45631", "张建国", "大蒜", "", "n:30", "斤", "n:4", "n:120", "大集", ""}, // an Excel day number in a General cell: 2024-12-05
		{"2024/12/15", "周梅", "核桃", "", "n:2", "斤", "n:20", "¥40.00", "大集", ""},
		{"2025-02-30", "刘强", "蜂蜜", "", "n:1", "斤", "n:60", "n:60", "大集", ""},
		{"合 计", "", "", "", "", "", "", "f:SUM(H3:H9)=1050", "", ""},
	}}
	notes := sheet{"填表说明", [][]string{
		{"1. 每场大集单独填写，日期可合并。"},
		{"2. 金额保留两位小数。"},
	}}
	return []sheet{first, second, notes}
}

func incomeSheets() []sheet {
	return []sheet{{"收支明细", [][]string{
		{"东泉村集体经济组织收支明细账|cs=8", "~", "~", "~", "~", "~", "~", "~"},
		{"2024年度|cs=2", "~", "", "", "", "", "单位：元"},
		{"2024年|cs=2", "~", "凭证号|rs=2", "摘要|rs=2", "类别|rs=2", "金额|cs=2", "~", "余额|rs=2"},
		{"月", "日", "~", "~", "~", "收入", "支出", "~"},
		{"n:1", "n:1", "", "上年结转", "", "", "", "n:52000|fmt=2"},
		{"n:1|rs=3", "n:15", "记-1", "收到光伏电站发电收益", "光伏收益", "n:12000|fmt=2", "", "n:64000|fmt=2"},
		{"~", "n:20", "记-2", "支付办公用品", "办公费", "", "n:860.5|fmt=2", "n:63139.5|fmt=2"},
		{"~", "n:31", "记-3", "银行存款利息", "利息收入", "n:35.8|fmt=2", "", "n:63175.3|fmt=2"},
		{"", "", "", "本月合计", "", "f:SUM(F6:F8)=12035.8", "f:SUM(G6:G8)=860.5", ""},
		{"n:3", "n:10", "记-4", "收到合作社入股分红", "入股分红", "n:30000|fmt=2", "", ""},
		{"", "n:12", "记-5", "收到厂房租金", "租金", "n:18000|fmt=2", "", ""},
		{"", "n:28", "记-6", "村道维修", "道路维护", "", "n:4200|fmt=2", ""},
		{"", "", "", "本月合计", "", "f:SUM(F10:F12)=48000", "f:SUM(G10:G12)=4200", ""},
		{"n:6", "n:5", "记-7", "上级拨付运转经费", "上级补助", "n:50000|fmt=2", "", ""},
		{"", "n:31", "记-8", "日期写错的一笔", "上级补助", "n:100|fmt=2", "", ""},
		{"", "n:18", "记-9", "收入支出都填了", "租金", "n:500|fmt=2", "n:200|fmt=2", ""},
		{"", "n:19", "记-10", "收入支出都没填", "租金", "", "", ""},
		{"", "n:20", "记-11", "类别没填", "", "n:300|fmt=2", "", ""},
		{"", "", "", "过次页", "", "", "", ""},
		{"", "", "", "本年累计", "", "f:SUM(F6:F18)=110935.8", "f:SUM(G6:G18)=5260.5", ""},
		{"会计：王会计|cs=3", "~", "~", "出纳：李出纳", "", "审核：张书记"},
	}}}
}

func projectSheets() []sheet {
	return []sheet{{"2024年项目", [][]string{
		{"2024年东泉村衔接资金项目台账|cs=15", "~", "~", "~", "~", "~", "~", "~", "~", "~", "~", "~", "~", "~", "~"},
		{"填报单位：柳埠街道|cs=3", "~", "~", "单位：万元|cs=2", "~", "", "", "", "", "", "截至2024年10月31日|cs=3", "~", "~"},
		{"序号|rs=2", "项目名称|rs=2", "建设地点|rs=2", "总投资|rs=2", "资金来源|cs=6", "~", "~", "~", "~", "~",
			"已拨付|rs=2", "拨付日期|rs=2", "项目状态|rs=2", "帮扶单位|rs=2", "带动农户数|rs=2"},
		{"~", "~", "~", "~", "中央衔接资金", "省级衔接资金", "市级衔接资金", "县级衔接资金", "帮扶单位资金", "村自筹", "~", "~", "~", "~", "~"},
		{"一、产业发展类|cs=3", "~", "~", "f:SUM(D6:D8)=98.680651|fmt=2"},
		{"n:1", "东泉村樱桃大棚", "东泉村", "n:18.680651|fmt=2", "n:10", "n:5", "-", "/", "n:3.680651|fmt=2", "", "n:15.5", "2024.4.1", "已验收", "济南市农业农村局", "n:45"},
		{"n:2", "冷库建设", "东泉村、西岭村", "n:50", "n:30", "n:10", "n:5", "n:5", "n:0", "n:0", "n:20", "d:2024-06-15|fmt=ymd", "实施中", "齐鲁农旅发展有限公司", "n:120"},
		{"n:3", "光伏电站", "东泉村三组", "n:30", "n:20", "", "", "", "n:5", "n:5", "n:30", "未完工", "运营中", "", "n:60"},
		{"二、基础设施类|cs=3", "~", "~"},
		{"n:4", "村内道路硬化", "西岭村", "n:40", "n:20", "n:10", "n:5", "n:5", "", "", "n:0", "", "招标中", "", "n:200"},
		{"n:5", "供水管网改造", "东泉村", "n:25", "n:15", "n:5", "", "", "n:5", "", "n:25", "2024年9月28日", "已竣工验收", "", "n:150"},
		{"n:6", "路灯安装", "东泉村", "n:12", "n:5", "n:5", "", "", "", "", "n:12", "2024/8/8", "已完工", "", "n:300"},
		{"n:7", "", "西岭村", "n:8", "n:8", "", "", "", "", "", "n:8", "2024/8/9", "已完工", "", ""},
		{"三、公益事业类|cs=3", "~", "~"},
		{"n:8", "村史馆", "西岭村", "n:6.5", "", "", "", "", "n:6.5", "", "n:6.5", "d:2024-07-01|fmt=ymd", "资产已移交", "山东省大数据局", "n:0"},
		{"n:9", "文化广场", "东泉村", "n:9", "n:9", "", "", "", "", "", "n:9", "d:2024-05-05|fmt=ymd", "已审计", "", ""},
		{"n:10", "困难户帮扶", "东泉村", "n:3", "n:3", "", "", "", "", "", "n:3", "d:2024-03-03|fmt=ymd", "已兑付", "", ""},
		{"合计|cs=3", "~", "~", "f:SUM(D6:D17)=202.180651|fmt=2"},
		{"填报人：王五|cs=3", "~", "~", "", "", "审核人：张书记|cs=3", "~", "~"},
	}}}
}

// writeCSVs writes the CSVs a Chinese Excel and a "CSV UTF-8" save produce.
func writeCSVs() {
	// GB18030 without a BOM, CRLF, a quoted field with a line break and one with thousands
	// separators; 䶮 (Ext. A) and 𠮷 (Ext. B) are in GB18030 but not in GBK.
	gbk := strings.Join([]string{
		"日期,村,卖家,品名,数量,单位,单价,金额,渠道,备注",
		"2024-03-05,东泉村,王䶮,大蒜,１２,斤,3,36.00,大集,",
		"2024-03-05,东泉村,陈𠮷,苹果,30,斤,4.5,\"　135.00　\",大集,\"早上\r\n摆摊\"",
		"2024-03-15,西岭村,李秀英,小米,300,斤,4,\"1,200.00\",食堂采购,",
		"2024-03-15,西岭村,李秀英,核桃,10,斤,20,￥200,食堂采购,",
		",,,,,,,\"1,571.00\",,",
	}, "\r\n") + "\r\n"
	os.WriteFile(dir+"/sales_utf8.tmp", []byte(gbk), 0o644)
	out, err := exec.Command("iconv", "-f", "UTF-8", "-t", "GB18030", dir+"/sales_utf8.tmp").Output()
	if err != nil {
		log.Fatal("iconv: ", err)
	}
	os.Remove(dir + "/sales_utf8.tmp")
	os.WriteFile(dir+"/sales_gb18030.csv", out, 0o644)

	bom := "\uFEFF" + strings.Join([]string{
		"凭证号,日期,摘要,科目,收入金额,支出金额",
		"1,2024/1/5,收到土地流转费,土地流转费,\"8,000.00\",",
		"2,2024/1/9,支付保洁费,保洁费,,600",
		"3,2024/2/1,收到理财收益,理财收益,123.45,",
		",,合计,,\"8,123.45\",600",
	}, "\r\n") + "\r\n"
	os.WriteFile(dir+"/income_bom.csv", []byte(bom), 0o644)
}

func write(name string, sheets []sheet) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <number:date-style style:name="Nmd"><number:month/><number:text>月</number:text><number:day/><number:text>日</number:text></number:date-style>
  <number:date-style style:name="Nymd"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
  <number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-integer-digits="1"/></number:number-style>
  <number:number-style style:name="N6"><number:number number:decimal-places="6" number:min-integer-digits="1"/></number:number-style>
  <style:style style:name="md" style:family="table-cell" style:data-style-name="Nmd"/>
  <style:style style:name="ymd" style:family="table-cell" style:data-style-name="Nymd"/>
  <style:style style:name="2" style:family="table-cell" style:data-style-name="N2"/>
  <style:style style:name="6" style:family="table-cell" style:data-style-name="N6"/>
 </office:automatic-styles>
 <office:body><office:spreadsheet>
`)
	for _, sh := range sheets {
		fmt.Fprintf(&b, "  <table:table table:name=%q>\n", sh.name)
		for _, row := range sh.rows {
			b.WriteString("   <table:table-row>")
			if len(row) == 0 {
				b.WriteString("<table:table-cell/>")
			}
			for _, c := range row {
				b.WriteString(cellXML(c))
			}
			b.WriteString("</table:table-row>\n")
		}
		b.WriteString("  </table:table>\n")
	}
	b.WriteString(" </office:spreadsheet></office:body>\n</office:document>\n")
	if err := os.WriteFile(filepath.Join(dir, name+".fods"), []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
}

func cellXML(spec string) string {
	if spec == "~" {
		return "<table:covered-table-cell/>"
	}
	if spec == "" {
		return "<table:table-cell/>"
	}
	parts := strings.Split(spec, "|")
	value := parts[0]
	attrs := ""
	for _, opt := range parts[1:] {
		k, v, _ := strings.Cut(opt, "=")
		switch k {
		case "cs":
			attrs += ` table:number-columns-spanned="` + v + `"`
		case "rs":
			attrs += ` table:number-rows-spanned="` + v + `"`
		case "fmt":
			attrs += ` table:style-name="` + v + `"`
		}
	}
	kind, text, ok := strings.Cut(value, ":")
	if !ok || len(kind) != 1 {
		kind, text = "s", value
	}
	switch kind {
	case "n":
		if _, err := strconv.ParseFloat(text, 64); err != nil {
			log.Fatalf("bad number %q", text)
		}
		return fmt.Sprintf(`<table:table-cell%s office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>`, attrs, text, text)
	case "d":
		return fmt.Sprintf(`<table:table-cell%s office:value-type="date" office:date-value="%s"><text:p>%s</text:p></table:table-cell>`, attrs, text, text)
	case "f":
		formula, val, _ := strings.Cut(text, "=")
		return fmt.Sprintf(`<table:table-cell%s table:formula="of:=%s" office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>`,
			attrs, html.EscapeString(odfRange(formula)), val, val)
	}
	return fmt.Sprintf(`<table:table-cell%s office:value-type="string"><text:p>%s</text:p></table:table-cell>`, attrs, html.EscapeString(text))
}

// odfRange writes SUM(G4:G10) as OpenFormula does: SUM([.G4:.G10]).
func odfRange(f string) string {
	open := strings.IndexByte(f, '(')
	return f[:open+1] + "[." + strings.Replace(f[open+1:len(f)-1], ":", ":.", 1) + "])"
}

func convert(src, format string) {
	run("soffice", "--headless", "--convert-to", format, "--outdir", dir, filepath.Join(dir, src))
}

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		log.Fatalf("%s %v: %v", name, args, err)
	}
}

// writeBig writes n sale lines as a CSV and has LibreOffice make the .xlsx of it.
func writeBig(out string, n int) {
	tmp, err := os.MkdirTemp("", "cunji-big-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	var b strings.Builder
	b.WriteString("序号,销售日期,村,姓名,品名,数量,单位,单价,销售额,销售渠道\n")
	names := []string{"张", "王", "李", "赵", "刘", "陈", "杨", "黄"}
	products := []string{"大蒜", "苹果", "小米", "花生", "土鸡蛋", "核桃", "香椿", "樱桃"}
	channels := []string{"大集", "共富超市", "直播", "食堂采购"}
	for i := 0; i < n; i++ {
		qty := float64(1+i%50) + 0.5
		price := float64(300+i%700) / 100
		fmt.Fprintf(&b, "%d,2024-%02d-%02d,%s,%s%d,%s,%g,斤,%g,%.2f,%s\n", i+1, 1+i%12, 1+i%28, []string{"东泉村", "西岭村"}[i%2],
			names[i%8], i%500, products[i%8], qty, price, float64(int64(qty*price*100+0.5))/100, channels[i%4])
	}
	csv := filepath.Join(tmp, strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))+".csv")
	if err := os.WriteFile(csv, []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	// UTF-8 (76), the header on line 1, column 2 read as Y-M-D dates.
	run("soffice", "--headless", "--infilter=Text - txt - csv (StarCalc):44,34,76,1,2/5", "--convert-to", "xlsx", "--outdir", filepath.Dir(out), csv)
}
