package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"cunji/data"
	"cunji/data/report"
)

func init() { verbs["summary"] = runSummary }

// runSummary is `cunji summary -db PATH -year YYYY [-village NAME | -villages] [-json]`: the year's
// figures as a readable Chinese table, or as JSON with money in integer fen; -villages gives every
// village side by side (各村对比 and 收益分配统计表) instead.
func runSummary(args []string) int {
	flags := newFlags("cunji summary", "用法：cunji summary -db 数据库文件 -year 2025 [-village 东泉村 | -villages] [-json]")
	dbPath := flags.String("db", data.DefaultPath(), "数据库文件路径")
	yearText := flags.String("year", "", "年份，例如 2025")
	villageName := flags.String("village", "", "只看这个村（默认：全部村合计）")
	asJSON := flags.Bool("json", false, "输出 JSON（金额单位：分）")
	byVillage := flags.Bool("villages", false, "各村对比：每村一行（经营性收入、档次、目标、销售、项目、逾期租金）和收益分配统计表，加合计")
	if code := parseFlags(flags, args); code != 0 {
		return code
	}
	if *byVillage && strings.TrimSpace(*villageName) != "" {
		fmt.Fprintln(os.Stderr, "-villages 列出全部村，不能和 -village 一起用：请去掉其中一个")
		return 2
	}
	year, msg := summaryYear(*yearText)
	if msg != "" {
		fmt.Fprintln(os.Stderr, msg)
		return 2
	}
	st, code := openStore(*dbPath)
	if code != 0 {
		return code
	}
	defer st.Close()
	if *byVillage {
		return printVillages(st, year, *asJSON)
	}
	var villageID int64
	if strings.TrimSpace(*villageName) != "" {
		v, code := chooseVillage(st, *villageName)
		if code != 0 {
			return code
		}
		villageID = v.ID
	}
	sum, err := st.YearSummary(year, villageID)
	if err != nil {
		fmt.Fprintln(os.Stderr, "读取汇总失败：", err)
		return 1
	}
	if *asJSON {
		b, err := json.Marshal(sum)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Println(string(b))
		return 0
	}
	var progress *data.TargetProgress
	if villageID != 0 {
		if progress, err = st.TargetProgress(villageID, year); err != nil {
			fmt.Fprintln(os.Stderr, "读取目标失败：", err)
			return 1
		}
	}
	printSummary(os.Stdout, sum, progress)
	return 0
}

// printVillages writes the year's 各村对比 and 收益分配统计表 (report.Export has the same in Excel).
func printVillages(st *data.Store, year int, asJSON bool) int {
	c, err := st.CompareVillages(data.YearPeriod(year))
	if err != nil {
		fmt.Fprintln(os.Stderr, "读取各村对比失败：", err)
		return 1
	}
	if asJSON {
		b, err := json.Marshal(struct {
			Year int `json:"year"`
			*data.VillagesCompared
		}{year, c})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Println(string(b))
		return 0
	}
	w := os.Stdout
	fmt.Fprintf(w, "各村对比 %d年\n\n", year)
	cell := func(s string, width int) string { return padLeft(s, width) }
	fmt.Fprintln(w, padRight("村", 14)+cell("经营性收入", 16)+cell("档次", 10)+cell("目标完成", 10)+cell("销售额", 16)+
		cell("农户", 8)+cell("共富超市", 14)+cell("项目", 6)+cell("拨付率", 8)+cell("逾期租金", 14))
	lines := append(append([]data.VillageFigures{}, c.Rows...), c.Total)
	for _, x := range lines {
		band, done := c.Bands[x.Band], ""
		if x.VillageID == 0 {
			band = ""
		}
		if x.HasTarget {
			done = fmt.Sprintf("%d%%", x.Percent)
		}
		fmt.Fprintln(w, padRight(x.Village, 14)+cell(x.Operating.String(), 16)+cell(band, 10)+cell(done, 10)+cell(x.Sales.String(), 16)+
			cell(fmt.Sprint(x.Households), 8)+cell(x.ByChannel[data.ChannelStore].String(), 14)+cell(fmt.Sprint(x.Projects), 6)+
			cell(fmt.Sprintf("%d%%", x.DisbursedPercent()), 8)+cell(x.RentOverdue.String(), 14))
	}
	fmt.Fprintf(w, "\n村集体经济组织收益分配统计表 %d年\n\n", year)
	head := padRight("村", 14)
	for _, h := range report.DistributionHeadings {
		head += cell(h, 16)
	}
	fmt.Fprintln(w, head)
	for _, x := range lines {
		line := padRight(x.Village, 14)
		for _, m := range report.DistributionAmounts(x.Distribution) {
			line += cell(m.String(), 16)
		}
		fmt.Fprintln(w, line)
	}
	return 0
}

func summaryYear(s string) (int, string) {
	s = strings.TrimSuffix(data.Halfwidth(s), "年")
	if s == "" {
		return 0, "请用 -year 指定年份，例如 -year 2025"
	}
	y, err := checkYear(s, s)
	if err != nil {
		return 0, err.Error()
	}
	return y, ""
}

// printSummary writes the readable table: labels left, amounts right-aligned.
func printSummary(w io.Writer, sum *data.Summary, progress *data.TargetProgress) {
	who := "全部村合计"
	if sum.Village != nil {
		who = sum.Village.Name
	}
	fmt.Fprintf(w, "%s %s汇总\n", who, sum.Period.Chinese())
	row := func(indent int, label, value string) {
		fmt.Fprintf(w, "%s%s%s\n", strings.Repeat("  ", indent), padRight(label, 26-2*indent), padLeft(value, 18))
	}
	fmt.Fprintln(w, "\n一、村集体收入")
	for _, c := range data.IncomeCategories {
		row(1, c, sum.Income.ByCategory[c].String())
	}
	row(1, "收入合计", sum.Income.Total.String())
	row(1, "其中：经营性收入", sum.Income.Operating.String())
	fmt.Fprintln(w, "\n二、村集体支出")
	for _, c := range data.ExpenseCategories {
		if v, ok := sum.Expense.ByCategory[c]; ok {
			row(1, c, v.String())
		}
	}
	row(1, "支出合计", sum.Expense.Total.String())
	fmt.Fprintln(w)
	row(0, "三、净收入（收入减支出）", sum.Net.String())
	if progress != nil {
		fmt.Fprintf(w, "    目标：%s\n", progress.Chinese())
	}
	fmt.Fprintln(w, "\n四、助农销售")
	row(1, "销售额", sum.Sales.Total.String())
	row(1, "销售明细", fmt.Sprintf("%d 行", sum.Sales.Lines))
	row(1, "销售场次", fmt.Sprintf("%d 场", sum.Sales.Events))
	row(1, "有收入的卖家", fmt.Sprintf("%d 户", sum.Sales.Sellers))
	for _, c := range data.Channels {
		row(2, c, sum.Sales.ByChannel[c].String())
	}
	fmt.Fprintln(w, "\n五、帮扶项目（本年在实施或有资金往来的项目）")
	row(1, "项目个数", fmt.Sprintf("%d 个", sum.Projects.Count))
	row(1, "项目资金", sum.Projects.Budget.String())
	row(1, "截至年末已拨付", sum.Projects.Disbursed.String())
	if sum.Projects.Budget > 0 {
		row(1, "拨付进度", fmt.Sprintf("%d%%", sum.Projects.Disbursed*100/sum.Projects.Budget))
	}
	var stages []string
	for _, st := range append(append([]string{}, data.Stages...), data.StageNone) {
		if n := sum.Projects.ByStage[st]; n > 0 {
			stages = append(stages, fmt.Sprintf("%s %d", st, n))
		}
	}
	if len(stages) > 0 {
		fmt.Fprintf(w, "  按阶段：%s\n", strings.Join(stages, "，"))
	}
	c := sum.Contracts
	fmt.Fprintln(w, "\n六、合同与租金")
	row(1, "合同份数（年底前已开始）", fmt.Sprintf("%d 份", c.Count))
	row(1, "本年执行中", fmt.Sprintf("%d 份", c.Active))
	row(1, "本年应收租金", c.RentDue.String())
	row(1, "本年实收租金", c.Received.String())
	row(1, "逾期未收租金", c.Overdue.String())
	fmt.Fprintln(w, "\n七、资产（年末在册，不含已处置）")
	row(1, "资产项数", fmt.Sprintf("%d 项", sum.Assets.Count))
	row(1, "资产原值", sum.Assets.Value.String())
	fmt.Fprintln(w, "\n八、四议两公开")
	row(1, "本年作出决议的事项", fmt.Sprintf("%d 项", sum.Decisions.Taken))
	row(1, "本年有步骤进行的事项", fmt.Sprintf("%d 项", sum.Decisions.Active))
	wl := sum.WorkLog
	fmt.Fprintln(w, "\n九、驻村工作日志")
	row(1, "在村天数", fmt.Sprintf("%d 天", wl.DaysInVillage))
	row(1, "外出天数", fmt.Sprintf("%d 天", wl.DaysAway))
	row(1, "走访农户", fmt.Sprintf("%d 户 %d 人次", wl.Households, wl.Visits))
	row(1, "民情日记（已解决）", fmt.Sprintf("%d 条（%d 条）", wl.Issues, wl.Solved))
	fmt.Fprintln(w, "\n十、揭榜挂帅（本年榜单事项，不含已撤销）")
	row(1, "榜单事项", fmt.Sprintf("%d 项", sum.Tasks.Count))
	row(1, "已完成", fmt.Sprintf("%d 项", sum.Tasks.Done))
	row(1, "逾期未完成", fmt.Sprintf("%d 项", sum.Tasks.Overdue))
	fmt.Fprintln(w, "\n十一、帮扶组团")
	row(1, "有贡献的帮扶单位", fmt.Sprintf("%d 个", sum.Partners.Units))
	row(1, "帮扶单位资金", sum.Partners.Funding.String())
	row(1, "单位采购（消费帮扶）", sum.Partners.Purchases.String())
}

// displayWidth counts a Chinese character as two columns, as terminals show it.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x2E80 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func padRight(s string, width int) string {
	return s + strings.Repeat(" ", max(width-displayWidth(s), 1))
}

func padLeft(s string, width int) string {
	return strings.Repeat(" ", max(width-displayWidth(s), 0)) + s
}
