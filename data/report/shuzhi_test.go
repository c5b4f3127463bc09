package report

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"cunji/data"
)

// The 述职 made from a real (demo) database prints the year's figures exactly as YearSummary gives
// them, for one village and for all, with the space for the first secretary's own text.
func TestShuzhiShowsTheSummarysFigures(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	must(t, data.Demo(path, data.DemoOptions{Sales: 600, Years: 2, Villages: 2, Today: data.MustDate(2025, 12, 31), Seed: 5}))
	st, err := data.OpenExisting(path)
	must(t, err)
	defer st.Close()
	must(t, st.SetSetting(data.SettingSecretary, "王志强"))
	villages, err := st.Villages()
	must(t, err)
	v := villages[0]
	must(t, st.SaveVillageTarget(&data.VillageTarget{VillageID: v.ID, Year: 2025, Amount: 200000_00, Measure: data.MeasureTotal}))
	day := data.WorkDay{VillageID: v.ID, Date: data.MustDate(2025, 11, 3), Presence: data.PresenceIn,
		Visits: []data.WorkVisit{{Name: "测试走访户甲"}}, Issues: []data.WorkIssue{{Problem: "路灯不亮", Solved: true}}}
	if old, _ := st.WorkDayOn(v.ID, day.Date); old != nil {
		day.ID = old.ID
	}
	must(t, st.SaveWorkDay(&day))

	for _, id := range []int64{v.ID, 0} {
		var buf bytes.Buffer
		must(t, Shuzhi(st, 2025, id, &buf, ShuzhiOptions{Today: data.MustDate(2026, 1, 5)}))
		all := flat(pdfText(t, buf.Bytes()))
		raw := flat(pdfRawText(t, buf.Bytes()))
		sum, err := st.YearSummary(2025, id)
		must(t, err)
		w := sum.WorkLog
		if w.DaysInVillage == 0 || w.Households == 0 || sum.Sales.Total == 0 || sum.Income.Total == 0 {
			t.Fatalf("village %d: nothing to check: %+v", id, sum)
		}
		want := []string{"驻村第一书记2025年度述职报告", "述职人：王志强", "统计期间：" + data.YearPeriod(2025).Chinese(),
			"集体经济总收入" + sum.Income.Total.String(), "其中：经营性收入" + sum.Income.Operating.String(),
			"净收入（收入减支出）" + sum.Net.String(), "上年（2024年）总收入" + sum.PreviousIncome.Total.String(),
			"助农销售额" + sum.Sales.Total.String(), fmt.Sprintf("销售场次%d场", sum.Sales.Events),
			fmt.Sprintf("%d户", sum.Sales.Sellers),
			fmt.Sprintf("%d个", sum.Projects.Count), "项目资金" + sum.Projects.Budget.String(),
			"截至年末已拨付" + sum.Projects.Disbursed.String(),
			"本年应收租金" + sum.Contracts.RentDue.String(), "本年实收租金" + sum.Contracts.Received.String(),
			fmt.Sprintf("本年作出决议的事项%d项", sum.Decisions.Taken),
			fmt.Sprintf("在村天数%d天（每月目标%d天）", w.DaysInVillage, sum.WorkDaysTarget),
			fmt.Sprintf("走访农户%d户，%d人次", w.Households, w.Visits),
			fmt.Sprintf("民情日记%d条，已解决%d条", w.Issues, w.Solved),
			"述职内容", "述职人（签字）：", "日期：2026年1月5日"}
		if id != 0 {
			want = append(want, "驻村："+v.Name, "年度目标（集体经济总收入）"+data.Money(200000_00).String(),
				fmt.Sprintf("%s，完成%d%%", sum.Target.Achieved, sum.Target.Percent))
		}
		want = append(want, "揭榜挂帅", fmt.Sprintf("本年揭榜的榜单事项（不含已撤销）%d项", sum.Tasks.Count),
			fmt.Sprintf("已完成%d项", sum.Tasks.Done), fmt.Sprintf("逾期未完成%d项", sum.Tasks.Overdue),
			"帮扶组团", fmt.Sprintf("有帮扶的单位%d个", sum.Partners.Units), "帮扶单位出资"+sum.Partners.Funding.String(),
			"帮扶单位采购（消费帮扶）"+sum.Partners.Purchases.String())
		for _, s := range want {
			if !strings.Contains(all, flat(s)) {
				t.Errorf("village %d: the 述职 lacks %q", id, s)
			}
		}
		// Each item's row, cell after cell as drawn: title, deadline, status today, result, closing note.
		tasks, err := st.TaskResults(2025, id)
		must(t, err)
		shown := map[string]int{}
		for _, r := range tasks {
			shown[r.Shown]++
			row := r.Title + r.Deadline.String() + r.Shown + taskResult(&r.Task, r.Progress) + r.ClosingNote
			if !strings.Contains(raw, flat(row)) {
				t.Errorf("village %d: the 述职 lacks the item row %q", id, row)
			}
		}
		if sum.Tasks.Count != len(tasks) || shown[data.TaskOverdue] == 0 || shown[data.TaskDone] == 0 || sum.Partners.Units == 0 {
			t.Errorf("village %d: nothing to check: %d items, %v, %+v", id, len(tasks), shown, sum.Partners)
		}
	}
}

func TestChangeFromLastYear(t *testing.T) {
	for _, c := range []struct {
		now, before data.Money
		want        string
	}{{115_00, 100_00, "+¥15.00（+15%）"}, {80_00, 100_00, "-¥20.00（-20%）"}, {50_00, 0, "+¥50.00"}, {0, 0, "¥0.00"}} {
		if got := change(c.now, c.before); got != c.want {
			t.Errorf("change(%v, %v) = %q, want %q", c.now, c.before, got, c.want)
		}
	}
}
