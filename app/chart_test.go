package app

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"cunji/data"
)

func newChartTestApp(t *testing.T) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	if err := SetupLanguage(LangChinese); err != nil {
		t.Fatal(err)
	}
}

func TestHomeChartDrawsOneStackedBarPerMonthInProportion(t *testing.T) {
	newChartTestApp(t)
	c := newBarChart([]string{"经营收入", "补助收入"}, monthLabels())
	values := make([][]int64, 12)
	for m := range values {
		values[m] = []int64{int64(m+1) * 1000_00, int64(m%3) * 500_00}
	}
	c.SetValues(values)
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(700, 320))

	r := test.WidgetRenderer(c).(*barChartRenderer)
	if len(r.bars) != 12 {
		t.Fatalf("%d bars, want 12", len(r.bars))
	}
	unit := r.bars[0][0].Size().Height / float32(values[0][0]) // pixels per fen
	if unit <= 0 {
		t.Fatal("first bar has no height")
	}
	for m, bar := range r.bars {
		for s, rect := range bar {
			want := float32(values[m][s]) * unit
			if s > 0 && values[m][s] > 0 {
				want += segmentOverlap
			}
			if math.Abs(float64(rect.Size().Height-want)) > 0.5 {
				t.Errorf("month %d series %d: height %.1f, want %.1f", m+1, s, rect.Size().Height, want)
			}
		}
		// Stacked: the second segment sits on top of the first.
		if math.Abs(float64(bar[1].Position().Y+bar[1].Size().Height-bar[0].Position().Y)) > segmentOverlap+0.01 && values[m][1] > 0 {
			t.Errorf("month %d: segments not stacked", m+1)
		}
	}
	// The tallest bar reaches no higher than the axis top and at least half of it.
	tallest := r.bars[11][0].Size().Height + r.bars[11][1].Size().Height - segmentOverlap
	if tallest > r.plot.h+0.5 || tallest < r.plot.h/2 {
		t.Errorf("tallest bar %.1f in a plot %.1f high", tallest, r.plot.h)
	}
	if r.xTexts[0].Text != "1月" || r.xTexts[11].Text != "12月" {
		t.Errorf("month labels %q … %q", r.xTexts[0].Text, r.xTexts[11].Text)
	}
	if r.legendTexts[0].Text != "经营收入" || r.legendTexts[1].Text != "补助收入" {
		t.Errorf("legend %q %q", r.legendTexts[0].Text, r.legendTexts[1].Text)
	}
	if !r.empty.Hidden {
		t.Error("“暂无数据” shown over figures")
	}
}

func TestHomeChartHoverShowsTheMonthsFigures(t *testing.T) {
	newChartTestApp(t)
	c := newBarChart([]string{"助农大集", "共富超市"}, monthLabels())
	values := make([][]int64, 12)
	values[2] = []int64{1234_50, 100_00}
	c.SetValues(values)
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(700, 320))
	r := test.WidgetRenderer(c).(*barChartRenderer)
	bar := r.bars[2][0]
	c.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: bar.Position().Add(fyne.NewPos(1, 1))}})
	var texts []string
	for _, t := range r.tipTexts {
		texts = append(texts, t.Text)
	}
	want := []string{"3月", "助农大集  ¥1,234.50", "共富超市  ¥100.00", "合计  ¥1,334.50"}
	if len(texts) != len(want) {
		t.Fatalf("tip %q", texts)
	}
	for i := range want {
		if texts[i] != want[i] {
			t.Errorf("tip line %d %q, want %q", i, texts[i], want[i])
		}
	}
	c.MouseOut()
	if !r.tipBox.Hidden {
		t.Error("tip stays after the mouse left")
	}
}

func TestHomeChartEmptySaysSo(t *testing.T) {
	newChartTestApp(t)
	c := newBarChart([]string{"经营收入"}, monthLabels())
	w := test.NewWindow(c)
	defer w.Close()
	r := test.WidgetRenderer(c).(*barChartRenderer)
	if r.empty.Hidden || r.empty.Text != "暂无数据" {
		t.Fatalf("empty chart text %q hidden=%v", r.empty.Text, r.empty.Hidden)
	}
}

func TestHomeChartAxis(t *testing.T) {
	for _, c := range []struct {
		max      int64
		top      int64
		topLabel string
	}{
		{0, 400, "4"},
		{1, 100, "1"},
		{250, 300, "3"},
		{35000_00, 40000_00, "4万"},
		{99999_00, 100000_00, "10万"},
		{123_45, 125_00, "125"},
		{5_200_000_00, 6_000_000_00, "600万"},
	} {
		top, n := niceAxis(c.max)
		if top != c.top || n < 1 || n > 6 || top%int64(n) != 0 {
			t.Errorf("niceAxis(%d) = %d, %d; want top %d", c.max, top, n, c.top)
		}
		if got := axisMoney(top); got != c.topLabel {
			t.Errorf("axisMoney(%d) = %q, want %q", top, got, c.topLabel)
		}
	}
	if got := axisMoney(2500_00); got != "2,500" {
		t.Errorf("axisMoney(2500 yuan) = %q", got)
	}
}

func TestHomeFundingChartBarsFollowBudgetAndDisbursed(t *testing.T) {
	newChartTestApp(t)
	c := newFundingChart()
	c.SetRows([]fundingBar{
		{Name: "蔬菜大棚", Budget: 100000_00, Disbursed: 60000_00},
		{Name: "冷库", Budget: 50000_00, Disbursed: 50000_00},
	}, 3)
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(700, 200))
	r := test.WidgetRenderer(c).(*fundingRenderer)
	full := r.tracks[0].Size().Width
	near := func(a, b float32) bool { return math.Abs(float64(a-b)) < 0.5 }
	if !near(r.fills[0].Size().Width, full*0.6) || !near(r.tracks[1].Size().Width, full/2) || !near(r.fills[1].Size().Width, full/2) {
		t.Fatalf("widths: track %.1f fill %.1f, track %.1f fill %.1f", full, r.fills[0].Size().Width, r.tracks[1].Size().Width, r.fills[1].Size().Width)
	}
	if r.figures[0].Text != "¥60,000.00 / ¥100,000.00  60%" {
		t.Errorf("figures %q", r.figures[0].Text)
	}
	if r.footer.Text != "另有 3 个项目未列出" {
		t.Errorf("footer %q", r.footer.Text)
	}
	_ = data.Money(0)
	_ = canvas.NewText
}
