package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"cunji/data"
	"cunji/data/report"
)

func reportsOf(t *testing.T, m *MainWindow) *reportsView {
	t.Helper()
	return screenOf[*reportsView](t, m, "报表")
}

func TestReportsShowThePeriodsTotals(t *testing.T) {
	m, st := newTestWindow(t)
	year := data.Today().Year()
	v := seedLedger(t, st, year)
	r := reportsOf(t, m)

	// The first quarter: March's income only, nothing sold, the project's stage at the quarter's end.
	r.kind.SetSelectedIndex(periodQuarter)
	r.quarter.SetSelectedIndex(0)
	p := data.QuarterPeriod(year, 1)
	sum, err := st.PeriodSummary(p, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := findRow(t, r.statement, "收入合计"); got[1] != sum.Income.Total.String() || got[1] != "¥50,000.00" {
		t.Errorf("收入合计 %q, summary %v", got[1], sum.Income.Total)
	}
	if got := findRow(t, r.statement, "　其中：经营性收入"); got[1] != "¥30,000.00" {
		t.Errorf("经营性收入 %q", got[1])
	}
	if got := findRow(t, r.statement, "三、收支相抵（净收入）"); got[1] != sum.Net.String() {
		t.Errorf("净收入 %q, summary %v", got[1], sum.Net)
	}
	if r.entries.Rows() != 2+2 { // two entries and the two total rows
		t.Errorf("明细表 has %d rows", r.entries.Rows())
	}
	if r.periodLabel.Text == "" || r.shownPeriod != p {
		t.Errorf("period shown %v %q", r.shownPeriod, r.periodLabel.Text)
	}

	// The whole year for the village: sales by channel, product and seller, and the project.
	r.kind.SetSelectedIndex(periodYear)
	r.village.SetSelected(v.Name)
	if r.shownVillage != v.ID {
		t.Fatalf("village shown %d", r.shownVillage)
	}
	sum, _ = st.YearSummary(year, v.ID)
	if got := findRow(t, r.byChannel, "助农大集"); got[2] != "¥470.00" || got[3] != "100.0%" {
		t.Errorf("助农大集 row %q", got)
	}
	if got := findRow(t, r.byChannel, "合计"); got[2] != sum.Sales.Total.String() {
		t.Errorf("channel total %q, summary %v", got[2], sum.Sales.Total)
	}
	if got := findRow(t, r.bySeller, "张三明"); got[3] != "¥350.00" {
		t.Errorf("张三明 earned %q", got[3])
	}
	if got := findRow(t, r.byProduct, "大蒜"); got[3] != "¥470.00" {
		t.Errorf("大蒜 row %q", got)
	}
	if got := findRow(t, r.projects, "蔬菜大棚"); got[2] != "实施" || got[4] != "¥200,000.00" || got[6] != "¥80,000.00" || got[7] != "¥120,000.00" {
		t.Errorf("project row %q", got)
	}
	// Money columns are right-aligned.
	for i, c := range r.projects.cols {
		if i >= 4 && !c.numeric {
			t.Errorf("column %q not right-aligned", c.title)
		}
	}
}

func findRow(t *testing.T, rt *reportTable, first string) []string {
	t.Helper()
	for i := 0; i < rt.Rows(); i++ {
		if rt.CellText(i, 0) == first {
			row := make([]string, len(rt.cols))
			for c := range row {
				row[c] = rt.CellText(i, c)
			}
			return row
		}
	}
	t.Fatalf("no row %q", first)
	return nil
}

func TestReportsExportWritesAReadableWorkbook(t *testing.T) {
	m, st := newTestWindow(t)
	year := data.Today().Year()
	seedLedger(t, st, year)
	r := reportsOf(t, m)
	path := filepath.Join(t.TempDir(), "村记-"+strconv.Itoa(year)+".xlsx")
	r.exportExcel(path, year)
	if r.status.Text != "已保存："+path {
		t.Fatal(r.status.Text)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(report.SheetSales, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == report.AmountHeading {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no %s column in %q", report.AmountHeading, rows[0])
	}
	var fen int64
	for _, row := range rows[1:] {
		if col < len(row) && row[col] != "" {
			m, err := data.ParseMoney(row[col])
			if err != nil {
				t.Fatalf("amount %q: %v", row[col], err)
			}
			fen += int64(m)
		}
	}
	sum, _ := st.YearSummary(year, 0)
	if data.Money(fen) != sum.Sales.Total {
		t.Errorf("workbook sales %v, summary %v", data.Money(fen), sum.Sales.Total)
	}
	if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*")); len(matches) != 1 {
		t.Errorf("temporary files left: %q", matches)
	}
}

func TestReportsDisclosureWritesAPDFForOneVillage(t *testing.T) {
	m, st := newTestWindow(t)
	year := data.Today().Year()
	v := seedLedger(t, st, year)
	r := reportsOf(t, m)
	got, ok := r.disclosureVillage()
	if !ok || got.ID != v.ID {
		t.Fatalf("with one village the sheet is for %+v %v", got, ok)
	}
	path := filepath.Join(t.TempDir(), report.DisclosureFileName(v.Name, data.QuarterPeriod(year, 1)))
	if filepath.Base(path) != "村务公开表-东山村-"+strconv.Itoa(year)+"年第一季度.pdf" {
		t.Errorf("file name %q", filepath.Base(path))
	}
	r.writeDisclosure(path, data.QuarterPeriod(year, 1), v.ID, report.DisclosureOptions{Note: "测试"}, false)
	if r.status.Text != "已保存："+path {
		t.Fatal(r.status.Text)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("not a PDF: %q", b[:min(len(b), 8)])
	}
	// A second village: the sheet then needs a choice.
	if err := st.SaveVillage(&data.Village{Name: "西河村"}); err != nil {
		t.Fatal(err)
	}
	if _, ok := r.disclosureVillage(); ok {
		t.Error("a village was guessed among several")
	}
}

func TestReportsFileURLIsAbsolute(t *testing.T) {
	u := fileURL("/tmp/村务公开表.pdf")
	if u.Scheme != "file" || u.Path != "/tmp/村务公开表.pdf" {
		t.Fatalf("%v", u)
	}
}

func TestReportsMonthAndCustomRange(t *testing.T) {
	m, st := newTestWindow(t)
	year := data.Today().Year()
	seedLedger(t, st, year)
	r := reportsOf(t, m)

	r.kind.SetSelectedIndex(periodMonth)
	r.month.SetSelectedIndex(6) // July: 投资收益 15,000.50
	if r.shownPeriod != data.MonthPeriod(year, 7) {
		t.Fatalf("period %v", r.shownPeriod)
	}
	if got := findRow(t, r.statement, "收入合计"); got[1] != "¥15,000.50" {
		t.Errorf("July income %q", got[1])
	}

	// A custom range typed backwards says so and keeps the last figures.
	r.kind.SetSelectedIndex(periodCustom)
	r.from.SetText(strconv.Itoa(year) + "-06-30")
	r.to.SetText(strconv.Itoa(year) + "-03-01")
	r.reload()
	if r.status.Text == "" || r.to.Hint.Error() == "" {
		t.Errorf("backwards range: status %q, hint %q", r.status.Text, r.to.Hint.Error())
	}
	r.to.SetText(strconv.Itoa(year) + "年6月30日")
	r.from.SetText(strconv.Itoa(year) + "/3/1")
	r.reload()
	want := data.Period{From: data.MustDate(year, 3, 1), To: data.MustDate(year, 6, 30)}
	if r.shownPeriod != want {
		t.Fatalf("custom period %v, want %v", r.shownPeriod, want)
	}
	sum, _ := st.PeriodSummary(want, 0)
	if got := findRow(t, r.statement, "收入合计"); got[1] != sum.Income.Total.String() || got[1] != "¥50,000.00" {
		t.Errorf("March–June income %q, summary %v", got[1], sum.Income.Total)
	}
	if got := findRow(t, r.byChannel, "合计"); got[2] != "¥470.00" {
		t.Errorf("March–June sales %q", got[2])
	}
}

func TestReportsSaveDialogsOpen(t *testing.T) {
	m, st := newTestWindow(t)
	seedLedger(t, st, data.Today().Year())
	r := reportsOf(t, m)
	m.Env.App.Preferences().SetString(prefSaveDir, t.TempDir())
	r.askExcel()      // the file dialog shows in the remembered folder
	r.askDisclosure() // the note and date come first
	if len(m.Env.Win.Canvas().Overlays().List()) < 2 {
		t.Fatalf("%d dialogs shown", len(m.Env.Win.Canvas().Overlays().List()))
	}
}

// Periods on screen follow the language: English shows no 年 or 季度.
func TestPeriodNameFollowsTheLanguage(t *testing.T) {
	newTestWindow(t)
	t.Cleanup(func() { SetupLanguage(LangChinese) })
	custom, err := data.ParsePeriod("2026-01-01..2026-03-30")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		p      data.Period
		zh, en string
	}{
		{data.YearPeriod(2026), "2026年", "2026"},
		{data.QuarterPeriod(2026, 3), "2026年第三季度", "2026 Q3"},
		{data.MonthPeriod(2026, 7), "2026年7月", "July 2026"},
		{custom, "2026年1月1日至2026年3月30日", "2026-01-01 – 2026-03-30"},
	}
	for _, c := range cases {
		if got := periodName(c.p); got != c.zh {
			t.Errorf("Chinese %q, want %q", got, c.zh)
		}
	}
	SetupLanguage(LangEnglish)
	for _, c := range cases {
		if got := periodName(c.p); got != c.en {
			t.Errorf("English %q, want %q", got, c.en)
		}
	}
}
