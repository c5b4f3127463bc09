package report

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cunji/data"
)

// exportFixture writes the fixture's 2025 workbook to a file and opens it with excelize's
// reader (not the StreamWriter that wrote it).
func exportFixture(t *testing.T, f *fixture, year int) *excelize.File {
	t.Helper()
	out := filepath.Join(t.TempDir(), "台账.xlsx")
	w, err := os.Create(out)
	must(t, err)
	must(t, ExportYear(f.st, year, w))
	must(t, w.Close())
	book, err := excelize.OpenFile(out)
	must(t, err)
	t.Cleanup(func() { book.Close() })
	return book
}

// yuanToMoney reads a raw numeric cell (yuan, as the workbook stores it) back into fen exactly.
func yuanToMoney(t *testing.T, raw string) data.Money {
	t.Helper()
	if _, err := strconv.ParseFloat(raw, 64); err != nil {
		t.Fatalf("money cell %q is not a number", raw)
	}
	m, err := data.ParseMoney(raw)
	if err != nil {
		t.Fatalf("money cell %q: %v", raw, err)
	}
	return m
}

func colIndex(t *testing.T, header []string, title string) int {
	t.Helper()
	i := slices.Index(header, title)
	if i < 0 {
		t.Fatalf("no column %q in %v", title, header)
	}
	return i
}

func cellName(t *testing.T, col, row int) string {
	t.Helper()
	c, err := excelize.CoordinatesToCellName(col+1, row+1)
	must(t, err)
	return c
}

// checkMoneyCell asserts the cell holds a number (not text) shown with #,##0.00.
func checkMoneyCell(t *testing.T, book *excelize.File, sheet, cell string) {
	t.Helper()
	typ, err := book.GetCellType(sheet, cell)
	must(t, err)
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Fatalf("%s!%s has cell type %v, want a number", sheet, cell, typ)
	}
	checkNumFmt(t, book, sheet, cell, "#,##0.00")
}

func checkNumFmt(t *testing.T, book *excelize.File, sheet, cell, want string) {
	t.Helper()
	idx, err := book.GetCellStyle(sheet, cell)
	must(t, err)
	style, err := book.GetStyle(idx)
	must(t, err)
	if style.CustomNumFmt == nil || *style.CustomNumFmt != want {
		t.Fatalf("%s!%s number format %v, want %q", sheet, cell, style.CustomNumFmt, want)
	}
}

// checkDateCell asserts the cell is an Excel date serial shown as yyyy-mm-dd.
func checkDateCell(t *testing.T, book *excelize.File, sheet, cell string, year int) {
	t.Helper()
	raw, err := book.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	must(t, err)
	if n, err := strconv.Atoi(raw); err != nil || n < 40000 || n > 60000 {
		t.Fatalf("%s!%s raw date value %q is not an Excel date serial", sheet, cell, raw)
	}
	checkNumFmt(t, book, sheet, cell, "yyyy-mm-dd")
	shown, err := book.GetCellValue(sheet, cell)
	must(t, err)
	d, err := data.ParseDate(shown)
	if err != nil || d.Year() != year || len(shown) != 10 {
		t.Fatalf("%s!%s shows %q, want a yyyy-mm-dd date in %d", sheet, cell, shown, year)
	}
}

func TestExportYearAgreesWithSummary(t *testing.T) {
	f := newFixture(t)
	book := exportFixture(t, f, 2025)
	sum, err := f.st.YearSummary(2025, 0)
	must(t, err)

	if got, want := book.GetSheetList(), []string{SheetSummary, SheetCompare, SheetDistribution, SheetProjects, SheetDisbursements, SheetSales, SheetEntries,
		SheetContracts, SheetRent, SheetAssets, SheetPartners, SheetDecisions, SheetWorkLog}; !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	for _, sheet := range book.GetSheetList() {
		panes, err := book.GetPanes(sheet)
		must(t, err)
		if !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v", sheet, panes)
		}
		idx, err := book.GetCellStyle(sheet, "A1")
		must(t, err)
		style, err := book.GetStyle(idx)
		must(t, err)
		if style.Font == nil || !style.Font.Bold {
			t.Errorf("%s: header not bold", sheet)
		}
		if w, err := book.GetColWidth(sheet, "A"); err != nil || w < 8 {
			t.Errorf("%s: column A width %v %v", sheet, w, err)
		}
	}

	// 销售记录: one row per live line of the year; 金额(元) adds up to the summary's sales total.
	rows, err := book.GetRows(SheetSales, excelize.Options{RawCellValue: true})
	must(t, err)
	amountCol := colIndex(t, rows[0], AmountHeading)
	dateCol := colIndex(t, rows[0], "日期")
	var total data.Money
	for i, row := range rows[1:] {
		total += yuanToMoney(t, row[amountCol])
		checkMoneyCell(t, book, SheetSales, cellName(t, amountCol, i+1))
		checkMoneyCell(t, book, SheetSales, cellName(t, colIndex(t, rows[0], "单价(元)"), i+1))
		checkDateCell(t, book, SheetSales, cellName(t, dateCol, i+1), 2025)
	}
	if total != sum.Sales.Total || len(rows)-1 != sum.Sales.Lines || sum.Sales.Lines == 0 {
		t.Fatalf("销售记录: %d rows adding up to %v; summary: %d lines, %v", len(rows)-1, total, sum.Sales.Lines, sum.Sales.Total)
	}

	// 集体收支: the sums by direction are the summary's income and expense totals.
	rows, err = book.GetRows(SheetEntries, excelize.Options{RawCellValue: true})
	must(t, err)
	amountCol, dirCol := colIndex(t, rows[0], AmountHeading), colIndex(t, rows[0], "收支")
	dateCol = colIndex(t, rows[0], "日期")
	byDir := map[string]data.Money{}
	var fromContracts data.Money
	for i, row := range rows[1:] {
		byDir[row[dirCol]] += yuanToMoney(t, row[amountCol])
		checkMoneyCell(t, book, SheetEntries, cellName(t, amountCol, i+1))
		checkDateCell(t, book, SheetEntries, cellName(t, dateCol, i+1), 2025)
		if c := colIndex(t, rows[0], "关联合同"); c < len(row) && row[c] != "" {
			fromContracts += yuanToMoney(t, row[amountCol])
		}
	}
	if byDir["收入"] != sum.Income.Total || byDir["支出"] != sum.Expense.Total || len(byDir) != 2 {
		t.Fatalf("集体收支 by direction %v; summary income %v expense %v", byDir, sum.Income.Total, sum.Expense.Total)
	}
	if fromContracts != sum.Contracts.Received || fromContracts == 0 {
		t.Fatalf("集体收支 booked from contracts %v; summary received %v", fromContracts, sum.Contracts.Received)
	}

	// 汇总: the income, expense, operating and net lines hold the summary's figures as numbers.
	rows, err = book.GetRows(SheetSummary, excelize.Options{RawCellValue: true})
	must(t, err)
	want := map[string]data.Money{
		"收入合计": sum.Income.Total, "支出合计": sum.Expense.Total, "经营性收入": sum.Income.Operating,
		"净收入（收入－支出）": sum.Net, "销售合计": sum.Sales.Total, "项目资金总额": sum.Projects.Budget,
		"累计拨付（截至年底）": sum.Projects.Disbursed,
		"本年应收租金":     sum.Contracts.RentDue, "本年实收租金": sum.Contracts.Received, "逾期未收租金": sum.Contracts.Overdue,
		"年末在册资产原值": sum.Assets.Value,
	}
	for i, row := range rows {
		if len(row) < 2 {
			continue
		}
		if m, ok := want[row[0]]; ok {
			if got := yuanToMoney(t, row[1]); got != m {
				t.Errorf("汇总 %s = %v, want %v", row[0], got, m)
			}
			checkMoneyCell(t, book, SheetSummary, cellName(t, 1, i))
			delete(want, row[0])
		}
	}
	if len(want) > 0 {
		t.Errorf("汇总 lacks %v", want)
	}

	// 资金拨付 and 帮扶项目.
	rows, err = book.GetRows(SheetDisbursements, excelize.Options{RawCellValue: true})
	must(t, err)
	if len(rows) != 3 {
		t.Fatalf("资金拨付 has %d rows, want header + 2 disbursements of 2025", len(rows))
	}
	for i := range rows[1:] {
		checkMoneyCell(t, book, SheetDisbursements, cellName(t, colIndex(t, rows[0], AmountHeading), i+1))
		checkDateCell(t, book, SheetDisbursements, cellName(t, 0, i+1), 2025)
	}
	rows, err = book.GetRows(SheetProjects, excelize.Options{RawCellValue: true})
	must(t, err)
	if len(rows) != 3 {
		t.Fatalf("帮扶项目 has %d rows, want header + 2 projects", len(rows))
	}
	budgetCol := colIndex(t, rows[0], "资金总额(元)")
	var budget data.Money
	for i, row := range rows[1:] {
		budget += yuanToMoney(t, row[budgetCol])
		checkMoneyCell(t, book, SheetProjects, cellName(t, budgetCol, i+1))
	}
	if budget != sum.Projects.Budget {
		t.Fatalf("帮扶项目 budgets add up to %v, summary %v", budget, sum.Projects.Budget)
	}

	// 合同台账, 租金收缴情况 and 资产台账: their rows and totals are the summary's.
	rows, err = book.GetRows(SheetContracts, excelize.Options{RawCellValue: true})
	must(t, err)
	if len(rows)-1 != sum.Contracts.Count || sum.Contracts.Count != 2 {
		t.Fatalf("合同台账 has %d contracts, summary %d", len(rows)-1, sum.Contracts.Count)
	}
	for i, row := range rows[1:] {
		checkMoneyCell(t, book, SheetContracts, cellName(t, colIndex(t, rows[0], "年租金(元)"), i+1))
		checkDateCell(t, book, SheetContracts, cellName(t, colIndex(t, rows[0], "结束日期"), i+1), []int{2027, 2025}[i])
		if i == 0 && (row[colIndex(t, rows[0], "递增条款")] != "每2年递增5%" || row[colIndex(t, rows[0], "承包方")] != "李建国") {
			t.Errorf("合同台账 row %v", row)
		}
	}
	rows, err = book.GetRows(SheetRent, excelize.Options{RawCellValue: true})
	must(t, err)
	var due, got, overdue data.Money
	for i, row := range rows[1 : len(rows)-1] {
		due += yuanToMoney(t, row[colIndex(t, rows[0], "本年应收(元)")])
		got += yuanToMoney(t, row[colIndex(t, rows[0], "本年实收(元)")])
		overdue += yuanToMoney(t, row[colIndex(t, rows[0], "逾期未收(元)")])
		checkMoneyCell(t, book, SheetRent, cellName(t, colIndex(t, rows[0], "逾期未收(元)"), i+1))
	}
	last := rows[len(rows)-1]
	// Due in 2025: the pond's January and July halves (6,000 each) and the shop's 30,000; received
	// 6,000 + 2,000 + 30,000; overdue: the July half less the 2,000 paid.
	if due != sum.Contracts.RentDue || got != sum.Contracts.Received || overdue != sum.Contracts.Overdue || last[0] != "合计" ||
		yuanToMoney(t, last[colIndex(t, rows[0], "本年应收(元)")]) != due || due != 4200000 || got != 3800000 || overdue != 400000 {
		t.Fatalf("租金收缴情况 %v/%v/%v, total row %v; summary %+v", due, got, overdue, last, sum.Contracts)
	}
	rows, err = book.GetRows(SheetAssets, excelize.Options{RawCellValue: true})
	must(t, err)
	var value data.Money
	for _, row := range rows[1 : len(rows)-1] {
		value += yuanToMoney(t, row[colIndex(t, rows[0], "原值(元)")])
	}
	// Held at the end of 2025: the pond, the shop and the solar plant (not the store disposed of, nor the one built in 2026).
	if len(rows) != 5 || value != sum.Assets.Value || sum.Assets.Count != 3 || value != 112000000 {
		t.Fatalf("资产台账 %d rows, value %v; summary %+v", len(rows), value, sum.Assets)
	}

	// Phone and ID numbers typed anywhere are masked; the sellers' own numbers are not exported.
	for _, sheet := range book.GetSheetList() {
		rows, err := book.GetRows(sheet)
		must(t, err)
		for _, row := range rows {
			for _, cell := range row {
				for _, secret := range []string{f.phone, f.id, "13812345678", "87654321", "15066668888"} {
					if strings.Contains(cell, secret) {
						t.Errorf("%s: cell %q shows %s unmasked", sheet, cell, secret)
					}
				}
			}
		}
	}
}

func TestExportEmptyYear(t *testing.T) {
	f := newFixture(t)
	book := exportFixture(t, f, 2030)
	for _, sheet := range []string{SheetSales, SheetEntries, SheetDisbursements} {
		rows, err := book.GetRows(sheet)
		must(t, err)
		if len(rows) != 1 || !slices.Contains(rows[0], "日期") {
			t.Fatalf("%s of an empty year: %v", sheet, rows)
		}
	}
	if err := ExportYear(f.st, 1066, new(strings.Builder)); err == nil {
		t.Fatal("year 1066 accepted")
	}
}
