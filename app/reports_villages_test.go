package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"cunji/data"
)

// seedSecondVillage adds 西山村 with its own operating income and a 联建 project with 东山村
// split 70/30.
func seedSecondVillage(t *testing.T, st *data.Store, east *data.Village, year int) *data.Village {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	west := &data.Village{Name: "西山村", Town: "龙山街道"}
	must(st.SaveVillage(west))
	must(st.SaveEntry(&data.CollectiveEntry{Date: data.MustDate(year, 2, 1), VillageID: west.ID, Direction: data.DirectionIncome,
		Category: data.IncomeOperating, Amount: 120000_00}))
	p := &data.Project{Name: "联建冷库", Type: "产业发展", VillageIDs: []int64{east.ID, west.ID}, YearStarted: year,
		Shares: map[int64]int{east.ID: 7000, west.ID: 3000}}
	must(st.SaveProject(p))
	must(st.SaveFundingLine(&data.FundingLine{ProjectID: p.ID, Source: "财政衔接资金", Amount: 100000_00}))
	return west
}

// 各村对比 and 收益分配统计表 list every village for the period with the 联建 project by its shares
// and a total line equal to the summary, whichever village the choice shows.
func TestReportsVillageTabs(t *testing.T) {
	m, st := newTestWindow(t)
	year := data.Today().Year()
	east := seedLedger(t, st, year)
	seedSecondVillage(t, st, east, year)
	r := reportsOf(t, m)
	r.kind.SetSelectedIndex(periodYear)
	var titles []string
	for _, it := range r.tabs.Items {
		titles = append(titles, it.Text)
	}
	r.tabs.SelectIndex(len(r.tabs.Items) - 2)
	if r.tabs.Selected().Text != "各村对比" || r.tabs.Items[len(r.tabs.Items)-1].Text != "收益分配统计表" {
		t.Fatalf("tabs %v", titles)
	}
	check := func() {
		t.Helper()
		if r.compare.Rows() != 3 || r.distribution.Rows() != 3 {
			t.Fatalf("各村对比 %d rows, 收益分配统计表 %d rows", r.compare.Rows(), r.distribution.Rows())
		}
		e := findRow(t, r.compare, "东山村")
		// 经营性收入 30,000 + 15,000.50 is under 5万; the target of 10万 is 45% reached; funds: own 20万 and 70% of 10万.
		if e[1] != "¥45,000.50" || e[2] != "5万以下" || e[3] != "¥100,000.00" || e[4] != "经营性收入" || e[5] != "45%" || e[7] != "2" ||
			e[8] != "¥470.00" || e[13] != "2" || e[15] != "¥270,000.00" || e[16] != "¥80,000.00" || e[17] != "29%" {
			t.Errorf("东山村 %q", e)
		}
		w := findRow(t, r.compare, "西山村")
		if w[1] != "¥120,000.00" || w[2] != "10–30万" || w[3] != "" || w[13] != "1" || w[15] != "¥30,000.00" {
			t.Errorf("西山村 %q", w)
		}
		sum, err := st.YearSummary(year, 0)
		if err != nil {
			t.Fatal(err)
		}
		tot := findRow(t, r.compare, "合计")
		if tot[1] != sum.Income.Operating.String() || tot[2] != "" || tot[6] != sum.Sales.Total.String() || tot[13] != "2" ||
			tot[15] != sum.Projects.Budget.String() || tot[15] != "¥300,000.00" {
			t.Errorf("合计 %q, summary %+v", tot, sum)
		}
		d := findRow(t, r.distribution, "东山村")
		if d[1] != "¥30,000.00" || d[2] != "¥15,000.50" || d[3] != "¥20,000.00" || d[7] != "¥4,000.00" || d[10] != "¥61,000.50" {
			t.Errorf("东山村 收益分配 %q", d)
		}
		if dt := findRow(t, r.distribution, "合计"); dt[10] != sum.Net.String() || dt[5] != sum.Income.Total.String() {
			t.Errorf("收益分配 合计 %q, net %v", dt, sum.Net)
		}
	}
	check()
	if got := r.bandsNote.Text; !strings.Contains(got, "5万以下 1 个村") || !strings.Contains(got, "10–30万 1 个村") || !strings.Contains(got, "无收益 0 个村") {
		t.Errorf("bands note %q", got)
	}
	r.village.SetSelected("西山村")
	if r.shownVillage == 0 {
		t.Fatal("village choice not applied")
	}
	// The 项目资金情况表 of one village shows its share of the 联建 project, and says so.
	if got := findRow(t, r.projects, "联建冷库"); got[1] != "东山村、西山村（本村 30%）" || got[4] != "¥30,000.00" {
		t.Errorf("联建冷库 from 西山村: %q", got)
	}
	check() // still every village
}

func TestBandLabelInEnglish(t *testing.T) {
	englishWindow(t)
	for zh, en := range map[string]string{"无收益": lang.L("无收益"), "5万以下": "under ¥50k", "5–10万": "¥50k–100k",
		"100万以上": "¥1M and over", "2.5–50.5万": "¥25k–505k", "50–100万": "¥500k–1M"} {
		if got := bandLabel(zh); got != en {
			t.Errorf("bandLabel(%q) = %q, want %q", zh, got, en)
		}
	}
	if lang.L("无收益") != "No income" {
		t.Errorf("无收益 in English: %q", lang.L("无收益"))
	}
}
