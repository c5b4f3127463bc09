package app

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit/kittest"
	"cunji/data"
)

// seedLedger writes a small year of rows into st: a village with a target, income and expenses,
// one market day with two sellers, and a project with funding, a disbursement and a stage.
func seedLedger(t *testing.T, st *data.Store, year int) *data.Village {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	v := &data.Village{Name: "东山村", Town: "龙山街道", County: "章丘区"}
	must(st.SaveVillage(v))
	must(st.SaveVillageTarget(&data.VillageTarget{VillageID: v.ID, Year: year, Amount: 100000_00, Measure: data.MeasureOperating}))
	d := func(m, day int) data.Date { return data.MustDate(year, m, day) }
	for _, e := range []data.CollectiveEntry{
		{Date: d(3, 1), Direction: data.DirectionIncome, Category: data.IncomeOperating, SubItem: "土地流转费", Amount: 30000_00},
		{Date: d(3, 20), Direction: data.DirectionIncome, Category: data.IncomeSubsidy, Amount: 20000_00},
		{Date: d(7, 5), Direction: data.DirectionIncome, Category: data.IncomeInvestment, Amount: 15000_50},
		{Date: d(8, 9), Direction: data.DirectionExpense, Category: "管理费用", Amount: 4000_00},
	} {
		e.VillageID = v.ID
		must(st.SaveEntry(&e))
	}
	garlic := &data.Product{Name: "大蒜", Unit: "斤", DefaultPrice: 3_50}
	must(st.SaveProduct(garlic))
	a := &data.Seller{Name: "张三明", VillageID: v.ID, Status: data.StatusFormerlyPoor}
	b := &data.Seller{Name: "李四", VillageID: v.ID}
	must(st.SaveSeller(a))
	must(st.SaveSeller(b))
	ev := &data.SaleEvent{Date: d(6, 15), VillageID: v.ID, Channel: data.ChannelMarketDay, Place: "龙山大集"}
	must(st.SaveSaleEvent(ev, []data.SaleLine{
		{ProductID: garlic.ID, SellerID: a.ID, Quantity: 100_000, Price: 3_50},
		{ProductID: garlic.ID, SellerID: b.ID, Quantity: 40_000, Price: 3_00},
	}))
	p := &data.Project{Name: "蔬菜大棚", Type: "产业发展", VillageIDs: []int64{v.ID}, YearStarted: year}
	must(st.SaveProject(p))
	must(st.SaveFundingLine(&data.FundingLine{ProjectID: p.ID, Source: "财政衔接资金", Amount: 200000_00}))
	must(st.SaveDisbursement(&data.Disbursement{ProjectID: p.ID, Date: d(5, 1), Amount: 80000_00}))
	must(st.SaveStageChange(&data.StageChange{ProjectID: p.ID, Stage: data.StageBuilding, Date: d(4, 1)}))
	return v
}

func homeOf(t *testing.T, m *MainWindow) *homeView {
	t.Helper()
	return screenOf[*homeView](t, m, "首页")
}

func TestHomeFillsInFromTheBackgroundWithTheSummarysFigures(t *testing.T) {
	m, st := newTestWindow(t)
	h := homeOf(t, m)
	year := data.Today().Year()
	v := seedLedger(t, st, year) // each write asks the visible dashboard to reload
	m.View(homeAt).OnShow()

	sum, err := st.YearSummary(year, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, got, want string }{
		{"income total", h.incomeTotal.Text, sum.Income.Total.String()},
		{"operating", h.incomeOperating.Text, sum.Income.Operating.String()},
		{"expense", h.incomeExpense.Text, sum.Expense.Total.String()},
		{"net", h.incomeNet.Text, sum.Net.String()},
		{"sales", h.salesTotal.Text, sum.Sales.Total.String()},
		{"sellers", h.salesSellers.Text, "2 户"},
		{"events", h.salesEvents.Text, "1 场"},
		{"projects", h.projCount.Text, "1 个"},
		{"budget", h.projBudget.Text, "¥200,000.00"},
		{"disbursed", h.projDisbursed.Text, "¥80,000.00"},
		{"stages", h.projStages.Text, "实施 1"},
	} {
		if c.got != c.want {
			t.Errorf("%s shows %q, want %q", c.name, c.got, c.want)
		}
	}
	if sum.Income.Total != 65000_50 || sum.Sales.Total != 470_00 {
		t.Fatalf("seeded figures changed: %v %v", sum.Income.Total, sum.Sales.Total)
	}
	// Target judged on operating income: 经营收入 30,000 + 投资收益 15,000.50 of 100,000.
	if !h.targetBar.Visible() || h.targetBar.Value < 0.45 || h.targetBar.Value > 0.46 {
		t.Errorf("target bar %v visible=%v", h.targetBar.Value, h.targetBar.Visible())
	}
	if want := "按经营性收入计，已完成 45%，距目标 ¥100,000.00 还差 ¥54,999.50"; h.targetText.Text != want {
		t.Errorf("target text %q, want %q", h.targetText.Text, want)
	}
	// Charts: March holds 经营收入 and 补助收入 stacked; June the market day.
	inc := h.incomeChart.values
	if inc[2][0] != 30000_00 || inc[2][2] != 20000_00 || inc[6][1] != 15000_50 {
		t.Errorf("income chart March %v July %v", inc[2], inc[6])
	}
	if h.salesChart.values[5][0] != 470_00 {
		t.Errorf("sales chart June %v", h.salesChart.values[5])
	}
	if len(h.fundingChart.rows) != 1 || h.fundingChart.rows[0].Name != "蔬菜大棚" {
		t.Errorf("funding rows %+v", h.fundingChart.rows)
	}
	if h.villages.Visible() {
		t.Error("village choice shown with one village")
	}

	// A second village brings the village choice; choosing one narrows the figures.
	if err := st.SaveVillage(&data.Village{Name: "西河村"}); err != nil {
		t.Fatal(err)
	}
	if !h.villages.Visible() || len(h.villages.Options) != 3 {
		t.Fatalf("village choice %v %q", h.villages.Visible(), h.villages.Options)
	}
	h.villages.SetSelected("西河村")
	if h.incomeTotal.Text != "¥0.00" || h.salesTotal.Text != "¥0.00" {
		t.Errorf("西河村 shows %q %q", h.incomeTotal.Text, h.salesTotal.Text)
	}
	h.villages.SetSelected("东山村")
	if h.incomeTotal.Text != "¥65,000.50" {
		t.Errorf("东山村 shows %q", h.incomeTotal.Text)
	}
	_ = v
}

func TestHomeRefreshesWhenAnotherScreenWrites(t *testing.T) {
	m, st := newTestWindow(t)
	h := homeOf(t, m)
	year := data.Today().Year()
	v := &data.Village{Name: "南岭村"}
	if err := st.SaveVillage(v); err != nil {
		t.Fatal(err)
	}
	e := &data.CollectiveEntry{Date: data.MustDate(year, 1, 10), VillageID: v.ID, Direction: data.DirectionIncome,
		Category: data.IncomeOperating, Amount: 1234_56}
	if err := st.SaveEntry(e); err != nil {
		t.Fatal(err)
	}
	if h.incomeTotal.Text != "¥1,234.56" {
		t.Fatalf("after a write the dashboard shows %q", h.incomeTotal.Text)
	}
	if !strings.Contains(h.targetText.Text, "设置") {
		t.Errorf("without a target: %q", h.targetText.Text)
	}
}

func TestHomeBuildsBeforeAnyFigureIsRead(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	if err := SetupLanguage(LangChinese); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(filepath.Join(t.TempDir(), "cunji.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	seedLedger(t, st, data.Today().Year())
	run := &kittest.Runner{}
	run.Hold() // the figures are read in the background, later than the window shows
	m := NewMainWindow(a, st, "test", run)
	h := homeOf(t, m)
	if h.incomeTotal.Text != "—" || h.status.Text != "正在统计…" || run.Waiting() == 0 {
		t.Fatalf("placeholders %q %q, %d loads waiting", h.incomeTotal.Text, h.status.Text, run.Waiting())
	}
	run.Release()
	if h.incomeTotal.Text != "¥65,000.50" || h.status.Visible() {
		t.Fatalf("after the load: %q, status %q", h.incomeTotal.Text, h.status.Text)
	}
}

// labelsText joins the text of every label under o.
func labelsText(o fyne.CanvasObject) string {
	var b strings.Builder
	kittest.Walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

func TestHomeOffersTheYearsThatHaveData(t *testing.T) {
	m, st := newTestWindow(t)
	h := homeOf(t, m)
	this := data.Today().Year()
	v := &data.Village{Name: "东泉村"}
	if err := st.SaveVillage(v); err != nil {
		t.Fatal(err)
	}
	old := this - 9
	if err := st.SaveEntry(&data.CollectiveEntry{Date: data.MustDate(old, 5, 1), VillageID: v.ID, Direction: data.DirectionIncome,
		Category: data.IncomeOperating, Amount: 777_00}); err != nil {
		t.Fatal(err)
	}
	if h.yearList[0] != this || h.yearList[len(h.yearList)-1] != old || h.years.Selected != strconv.Itoa(this)+"年" {
		t.Fatalf("years %v, chosen %q", h.yearList, h.years.Selected)
	}
	h.years.SetSelected(strconv.Itoa(old) + "年")
	if h.incomeTotal.Text != "¥777.00" {
		t.Errorf("%d shows %q", old, h.incomeTotal.Text)
	}
}
