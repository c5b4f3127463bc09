package report

import (
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"cunji/data"
)

// The workbook's 各村对比 and 收益分配统计表, read back by excelize's reader: one row per village
// with the comparison's figures and a total row equal to the all-village summary.
func TestExportYearHasTheVillageTables(t *testing.T) {
	f := newFixture(t)
	book := exportFixture(t, f, 2025)
	sum, err := f.st.YearSummary(2025, 0)
	must(t, err)
	c, err := f.st.CompareVillages(data.YearPeriod(2025))
	must(t, err)

	rows, err := book.GetRows(SheetDistribution, excelize.Options{RawCellValue: true})
	must(t, err)
	if len(rows) != 1+len(c.Rows)+1 || len(c.Rows) != 2 {
		t.Fatalf("收益分配统计表 has %d rows for %d villages", len(rows), len(c.Rows))
	}
	for i, h := range DistributionHeadings {
		if rows[0][2+i] != h+"(元)" {
			t.Fatalf("heading %d is %q, want %s(元)", i, rows[0][2+i], h)
		}
	}
	for i, x := range append(slices.Clone(c.Rows), c.Total) {
		row := rows[1+i]
		if row[1] != x.Village {
			t.Fatalf("row %d is %q, want %s", i, row[1], x.Village)
		}
		for k, m := range DistributionAmounts(x.Distribution) {
			if got := yuanToMoney(t, row[2+k]); got != m {
				t.Errorf("%s %s: %v, want %v", x.Village, DistributionHeadings[k], got, m)
			}
		}
	}
	total := rows[len(rows)-1]
	profit := yuanToMoney(t, total[len(total)-1])
	if total[1] != "合计" || profit != sum.Net || yuanToMoney(t, total[2+4]) != sum.Income.Total || yuanToMoney(t, total[2+8]) != sum.Expense.Total {
		t.Fatalf("total row %v, summary income %v expense %v net %v", total, sum.Income.Total, sum.Expense.Total, sum.Net)
	}
	checkMoneyCell(t, book, SheetDistribution, cellName(t, 2, 1))

	rows, err = book.GetRows(SheetCompare, excelize.Options{RawCellValue: true})
	must(t, err)
	head := rows[0]
	money := func(row []string, title string) data.Money { return yuanToMoney(t, row[colIndex(t, head, title)]) }
	if len(rows) != 4 {
		t.Fatalf("各村对比 has %d rows", len(rows))
	}
	var budget, sales data.Money
	for i, x := range c.Rows {
		row := rows[1+i]
		if row[1] != x.Village || money(row, "经营性收入(元)") != x.Operating || row[colIndex(t, head, "收入档次")] != c.Bands[x.Band] ||
			money(row, "项目资金(元)") != x.Budget || money(row, "共富超市(元)") != x.ByChannel[data.ChannelStore] {
			t.Errorf("row %v, want %+v", row, x)
		}
		budget += money(row, "项目资金(元)")
		sales += money(row, "销售额(元)")
	}
	total = rows[3]
	if total[1] != "合计" || money(total, "经营性收入(元)") != sum.Income.Operating || money(total, "销售额(元)") != sum.Sales.Total ||
		money(total, "项目资金(元)") != sum.Projects.Budget || money(total, "已拨付(元)") != sum.Projects.Disbursed ||
		money(total, "逾期租金(元)") != sum.Contracts.Overdue || total[colIndex(t, head, "项目数")] != strconv.Itoa(sum.Projects.Count) {
		t.Fatalf("total row %v, summary %+v", total, sum)
	}
	// The 联建 shed counts in both villages by its share, and once, whole, in the total.
	if budget != sum.Projects.Budget || sales != sum.Sales.Total {
		t.Fatalf("villages add up to budget %v sales %v; summary %v %v", budget, sales, sum.Projects.Budget, sum.Sales.Total)
	}
	for _, st := range c.Stages {
		colIndex(t, head, st)
	}
}
