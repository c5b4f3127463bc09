package importfile

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cunji/data"
)

// writeZip writes a workbook part by part, as other writers lay them out.
func writeZip(t *testing.T, parts map[string]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, body := range parts {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	f.Close()
	return path
}

// A workbook as the .NET SDK writes it (every element prefixed x:), with rich text and phonetic
// runs in the shared strings, an inline string, XML and _xHHHH_ escapes, a 1904 date system and
// a date format that hides the year.
func TestXLSXReaderOddWriters(t *testing.T) {
	ns := `xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	path := writeZip(t, map[string]string{
		"xl/workbook.xml": `<?xml version="1.0"?><x:workbook ` + ns + `><x:workbookPr date1904="1"/><x:sheets>` +
			`<x:sheet name="隐藏" sheetId="2" state="hidden" r:id="rId2"/><x:sheet name="销售" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="worksheet" Target="/xl/worksheets/s1.xml"/><Relationship Id="rId2" Type="worksheet" Target="worksheets/s2.xml"/></Relationships>`,
		"xl/styles.xml": `<?xml version="1.0"?><x:styleSheet ` + ns + `><x:numFmts count="1"><x:numFmt numFmtId="170" formatCode="m&quot;月&quot;d&quot;日&quot;"/></x:numFmts>` +
			`<x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="170"/></x:cellXfs></x:styleSheet>`,
		"xl/sharedStrings.xml": `<?xml version="1.0"?><x:sst ` + ns + ` uniqueCount="4">` +
			`<x:si><x:t>日期</x:t></x:si><x:si><x:r><x:rPr/><x:t>姓</x:t></x:r><x:r><x:t xml:space="preserve">名</x:t></x:r><x:rPh sb="0" eb="1"><x:t>xingming</x:t></x:rPh></x:si>` +
			`<x:si><x:t>张&amp;三_x000D_</x:t></x:si><x:si/></x:sst>`,
		"xl/worksheets/s1.xml": `<?xml version="1.0"?><x:worksheet ` + ns + `><x:sheetData>` +
			`<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>品名</x:t></x:is></x:c>` +
			`<x:c r="E1" t="inlineStr"><x:is><x:t>金额</x:t></x:is></x:c></x:row>` +
			`<x:row r="3"><x:c r="A3" s="1"><x:v>43590</x:v></x:c><x:c r="B3" t="s"><x:v>2</x:v></x:c><x:c r="C3" t="str"><x:f>"大"&amp;"蒜"</x:f><x:v>大蒜</x:v></x:c>` +
			`<x:c r="D3" t="b"><x:v>1</x:v></x:c><x:c r="E3"><x:v>87.099999999999994</x:v></x:c><x:c r="F3" t="e"><x:v>#N/A</x:v></x:c></x:row>` +
			`</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A3:A4"/></x:mergeCells></x:worksheet>`,
		"xl/worksheets/s2.xml": `<?xml version="1.0"?><x:worksheet ` + ns + `><x:sheetData/></x:worksheet>`,
	})
	src, err := openSource(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.close()
	sheets := src.sheets()
	if len(sheets) != 2 || !sheets[0].hidden || sheets[1].name != "销售" {
		t.Fatalf("sheets %+v", sheets)
	}
	if names, _ := Sheets(path); len(names) != 1 || names[0] != "销售" {
		t.Fatalf("visible sheets %v", names)
	}
	var rows []rawRow
	err = src.rows(context.Background(), sheets[1], nil, func(r rawRow) error { rows = append(rows, r); return nil })
	if err != nil || len(rows) != 2 || rows[1].num != 3 {
		t.Fatalf("%v %+v", err, rows)
	}
	h, r := rows[0].cells, rows[1].cells
	if h[0].text != "日期" || h[1].text != "姓名" || h[2].text != "品名" || h[3].kind != cellEmpty || h[4].text != "金额" {
		t.Errorf("header cells %+v", h)
	}
	if r[0] != (cell{kind: cellNumber, text: "43590", date: true, noYear: true}) || r[1].text != "张&三\r" || r[2].text != "大蒜" ||
		r[3] != (cell{kind: cellBool, text: "TRUE"}) || r[4].text != "87.099999999999994" || r[5].kind != cellError {
		t.Errorf("data cells %+v", r)
	}
	// 43590 in the 1904 system is 2023-05-06; the format hides the year, so the given one counts.
	res, err := Parse(context.Background(), path, Options{Kind: data.ImportSales, Year: 2024, Mapping: []Field{FieldDate, FieldSeller, FieldProduct, FieldQuantity, FieldAmount}})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := parseDate(r[0], 0, true); err != nil || got.date != data.MustDate(2023, 5, 6) {
		t.Errorf("1904 serial: %v %v", got, err)
	}
	if len(res.Errors) != 1 || res.Errors[0].Key != "err.import.qty.invalid" || res.Errors[0].Row != 3 {
		t.Errorf("TRUE is not a quantity: %v", res.Errors)
	}
}

// A workbook written by excelize (not our exporter's StreamWriter path): the amount cell stores
// 18.680651 but shows 18.68; the stored value is read.
func TestStoredValueNotDisplayedText(t *testing.T) {
	f := excelize.NewFile()
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	f.SetSheetRow("Sheet1", "A1", &[]any{"单位：万元"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"项目名称", "建设地点", "总投资", "衔接资金", "村自筹"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"大棚", "东泉村", 18.680651, 15.000001, 3.68065})
	f.SetSheetRow("Sheet1", "A4", &[]any{"冷库", "东泉村", 87.09999999999999, 87.09999999999999, "-"})
	f.SetCellStyle("Sheet1", "C3", "E4", style)
	path := filepath.Join(t.TempDir(), "p.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	shown, _ := f.GetCellValue("Sheet1", "C3")
	res, err := Parse(context.Background(), path, Options{Kind: data.ImportProjects, Year: 2024})
	if err != nil || len(res.Errors) != 0 {
		t.Fatalf("%v %v", err, res.Errors)
	}
	if shown != "18.68" || res.projects[0].Funding[0].Amount != 15000001 || res.projects[0].Funding[1].Amount != 3680650 ||
		res.Totals.Budget != 18680651+87100000 {
		t.Fatalf("shown %q, funding %+v, budget %d", shown, res.projects[0].Funding, res.Totals.Budget)
	}
}

func TestUnescapeXML(t *testing.T) {
	for in, want := range map[string]string{"a&lt;b&gt;&amp;&quot;&apos;": `a<b>&"'`, "&#20013;&#x6587;": "中文", "_x000D__x000A_": "\r\n",
		"_x005F_x000D_": "_x000D_", "a_b": "a_b", "&unknown;": "&unknown;", "& alone": "& alone"} {
		if got := string(unescapeXML(nil, []byte(in))); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}

// Header detection finds the header among titles and notes and maps each kind's words.
func TestHeaderWords(t *testing.T) {
	for _, c := range []struct {
		kind  data.ImportKind
		group string
		text  string
		want  Field
	}{
		{data.ImportSales, "", "农户姓名", FieldSeller}, {data.ImportSales, "", "卖家", FieldSeller}, {data.ImportSales, "", "商品", FieldProduct},
		{data.ImportSales, "", "重量（斤）", FieldQuantity}, {data.ImportSales, "", "计量单位", FieldUnit}, {data.ImportSales, "", "销售金额(元)", FieldAmount},
		{data.ImportSales, "", " 销售\n日期 ", FieldDate}, {data.ImportSales, "", "销售渠道", FieldChannel}, {data.ImportIncome, "", "摘要", FieldSummary},
		{data.ImportIncome, "", "凭证号", FieldVoucher}, {data.ImportIncome, "", "收入类别", FieldCategory}, {data.ImportIncome, "", "科目", FieldCategory},
		{data.ImportIncome, "金额", "收入", FieldIncome}, {data.ImportIncome, "金额", "支出", FieldExpense}, {data.ImportIncome, "", "支出金额", FieldExpense},
		{data.ImportProjects, "", "实施地点", FieldVillage}, {data.ImportProjects, "", "拨付金额", FieldDisbursed}, {data.ImportProjects, "", "已拨付", FieldDisbursed},
		{data.ImportProjects, "", "拨付日期", FieldDisbursedDate}, {data.ImportProjects, "", "进度", FieldStatus}, {data.ImportProjects, "", "总投资（万元）", FieldTotal},
		{data.ImportProjects, "资金来源", "中央衔接资金", FieldFundLinked}, {data.ImportProjects, "资金来源（万元）", "市级", FieldFundLinked},
		{data.ImportProjects, "资金来源", "帮扶单位", FieldFundPartner}, {data.ImportProjects, "", "帮扶单位", FieldPartner},
		{data.ImportProjects, "资金来源", "村自筹", FieldFundVillage}, {data.ImportProjects, "资金来源", "合计", FieldTotal},
		{data.ImportProjects, "带动农户数", "脱贫户", FieldHouseholdsPoor}, {data.ImportProjects, "", "截至10月已拨付资金", FieldDisbursed},
		{data.ImportSales, "", "东泉村2024年助农销售台账", FieldNone},
	} {
		if got := headerField(c.kind, c.group, c.text, nil); got != c.want {
			t.Errorf("%s %q/%q: %s, want %s", c.kind, c.group, c.text, got, c.want)
		}
	}
	if headerUnit("金额（万元）") != "万元" || headerUnit("重量(斤)") != "斤" || headerUnit("单价（元/斤）") != "元/斤" || headerUnit("金额") != "" {
		t.Error("header units")
	}
}

func FuzzHeader(f *testing.F) {
	for _, s := range []string{"序号,日期,姓名,品名,数量,单价,金额", "资金来源,,\n中央,省级,村自筹", "2024年,,凭证号\n月,日,", "合计,,,100",
		"一、产业发展类", "制表人：张三", "\"a\nb\",c", "日期\t姓名\t金额", ",,,,"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(2))
	}
	kinds := data.ImportKinds
	f.Fuzz(func(t *testing.T, head string, k uint8) {
		kind := kinds[int(k)%len(kinds)]
		for _, line := range strings.Split(head, "\n") {
			cells := strings.Split(line, ",")
			fields := (&sheetParser{opt: &Options{Kind: kind}}).headerFields(cells, nil)
			if len(fields) != len(cells) {
				t.Fatalf("%q: %d fields for %d cells", line, len(fields), len(cells))
			}
			for _, fl := range fields {
				if _, ok := fieldInfos[fl]; !ok {
					t.Fatalf("%q: unknown field %q", line, fl)
				}
			}
		}
		// The whole way through, a file of these rows: no panic, and the counts add up.
		path := filepath.Join(t.TempDir(), "f.csv")
		os.WriteFile(path, []byte(head+"\n2024-05-08,东泉村,张三,大蒜,2,3.5,7\n"), 0o644)
		res, err := Parse(context.Background(), path, Options{Kind: kind, Year: 2024, KeepRows: true})
		if err != nil {
			var fe *FileError
			if !errorsAs(err, &fe) {
				t.Fatal(err)
			}
			return
		}
		rows := 0
		for _, sh := range res.Sheets {
			rows += len(sh.Rows)
		}
		if res.Counts.Data != res.Counts.Valid+res.Counts.Errors || rows != res.Counts.Data+res.Counts.Skipped {
			t.Fatalf("counts %+v for %d rows", res.Counts, rows)
		}
	})
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }
