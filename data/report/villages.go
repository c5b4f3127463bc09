package report

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"cunji/data"
)

// Sheet names of the cross-village tables.
const (
	SheetCompare      = "各村对比"
	SheetDistribution = "收益分配统计表"
)

// DistributionHeadings are the 收益分配统计表's amount columns, in the 农经 report's order.
var DistributionHeadings = []string{"经营收入", "投资收益", "补助收入", "其他收入", "收入合计", "经营支出", "管理费用", "其他支出", "支出合计", "本年收益"}

// DistributionAmounts are a row's amounts in DistributionHeadings order.
func DistributionAmounts(d data.IncomeDistribution) []data.Money {
	return []data.Money{d.Operating, d.Investment, d.Subsidy, d.OtherIncome, d.Income(), d.OpExpense, d.Management, d.OtherExp, d.Expense(), d.Profit}
}

// TargetText is a village's target as the tables show it: the amount, and the measure when it is
// not 经营性收入 (the column the band is on); "" without a target.
func TargetText(f data.VillageFigures) string {
	if !f.HasTarget {
		return ""
	}
	if f.Measure == data.MeasureOperating {
		return f.Target.String()
	}
	return f.Target.String() + "（" + data.MeasureName(f.Measure) + "）"
}

// StagesText lists a line's projects by stage in the comparison's stage order: 实施 2、验收 1.
func StagesText(c *data.VillagesCompared, f data.VillageFigures, word func(string) string) string {
	var parts []string
	for _, st := range c.Stages {
		if n := f.ByStage[st]; n > 0 {
			parts = append(parts, word(st)+" "+strconv.Itoa(n))
		}
	}
	return strings.Join(parts, "、")
}

func compareSheet(f *excelize.File, styles workbookStyles, c *data.VillagesCompared) error {
	cols := []column{
		{"乡镇（街道）", 14, colText}, {"村", 14, colText},
		{"经营性收入(元)", 16, colMoney}, {"收入档次", 11, colText},
		{"目标(元)", 15, colMoney}, {"考核口径", 11, colText}, {"完成(%)", 9, colInt},
		{"销售额(元)", 15, colMoney}, {"销售笔数", 10, colInt}, {"有销售的卖家", 10, colInt}, {"其中农户", 10, colInt},
	}
	for _, ch := range data.Channels {
		cols = append(cols, column{ch + "(元)", 14, colMoney})
	}
	cols = append(cols, column{"项目数", 8, colInt})
	for _, st := range c.Stages {
		cols = append(cols, column{st, 8, colInt})
	}
	cols = append(cols, column{"项目资金(元)", 16, colMoney}, column{"已拨付(元)", 16, colMoney}, column{"拨付率(%)", 9, colInt},
		column{"逾期租金(元)", 14, colMoney})
	line := func(x data.VillageFigures) []any {
		row := []any{x.Town, x.Village, x.Operating, c.Bands[x.Band], nil, nil, nil, x.Sales, x.Lines, x.Sellers, x.Households}
		if x.HasTarget {
			row[4], row[5], row[6] = x.Target, data.MeasureName(x.Measure), x.Percent
		}
		for _, ch := range data.Channels {
			row = append(row, x.ByChannel[ch])
		}
		row = append(row, x.Projects)
		for _, st := range c.Stages {
			row = append(row, x.ByStage[st])
		}
		return append(row, x.Budget, x.Disbursed, x.DisbursedPercent(), x.RentOverdue)
	}
	return writeSheet(f, SheetCompare, false, cols, styles, len(c.Rows)+1, func(sh *sheetWriter) error {
		for _, x := range c.Rows {
			if err := sh.add(line(x)...); err != nil {
				return err
			}
		}
		return sh.addTotal(line(c.Total)...)
	})
}

func distributionSheet(f *excelize.File, styles workbookStyles, c *data.VillagesCompared) error {
	cols := []column{{"乡镇（街道）", 14, colText}, {"村", 14, colText}}
	for _, h := range DistributionHeadings {
		cols = append(cols, column{h + "(元)", 15, colMoney})
	}
	line := func(x data.VillageFigures) []any {
		row := []any{x.Town, x.Village}
		for _, m := range DistributionAmounts(x.Distribution) {
			row = append(row, m)
		}
		return row
	}
	return writeSheet(f, SheetDistribution, false, cols, styles, len(c.Rows)+1, func(sh *sheetWriter) error {
		for _, x := range c.Rows {
			if err := sh.add(line(x)...); err != nil {
				return err
			}
		}
		return sh.addTotal(line(c.Total)...)
	})
}
