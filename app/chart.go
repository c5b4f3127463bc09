package app

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// chartColors are calm colours that stay apart on an office monitor and on a grey printout.
var chartColors = []color.Color{
	color.NRGBA{R: 0x1F, G: 0x6F, B: 0x5C, A: 0xFF}, // teal (the theme's primary)
	color.NRGBA{R: 0xE0, G: 0x8E, B: 0x45, A: 0xFF}, // orange
	color.NRGBA{R: 0x3A, G: 0x7C, B: 0xA5, A: 0xFF}, // blue
	color.NRGBA{R: 0xB5, G: 0x5A, B: 0x7A, A: 0xFF}, // rose
	color.NRGBA{R: 0x9A, G: 0x9E, B: 0x3C, A: 0xFF}, // olive
	color.NRGBA{R: 0x7F, G: 0x6A, B: 0xA8, A: 0xFF}, // violet
	color.NRGBA{R: 0x8C, G: 0x8C, B: 0x8C, A: 0xFF}, // grey
}

func chartColor(i int) color.Color { return chartColors[i%len(chartColors)] }

// barChart draws one bar per label (a month), each bar split into its series stacked bottom-up.
// Values are money in fen; the axis shows yuan (万 above ten thousand). It is drawn with canvas
// objects, so it is as sharp as text at any scale. Hovering a bar shows its figures.
type barChart struct {
	widget.BaseWidget
	series []string  // legend names, already translated
	labels []string  // one per bar
	values [][]int64 // values[bar][series], fen; negative values are drawn as 0

	hover    int // bar under the mouse, -1 for none
	renderer *barChartRenderer
}

func newBarChart(series, labels []string) *barChart {
	c := &barChart{series: series, labels: labels, hover: -1}
	c.ExtendBaseWidget(c)
	return c
}

// monthLabels are 1月 … 12月.
func monthLabels() []string {
	if CurrentLanguage() == LangEnglish {
		return []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	}
	out := make([]string, 12)
	for i := range out {
		out[i] = strconv.Itoa(i+1) + "月"
	}
	return out
}

// SetValues replaces the figures; values[i] belongs to labels[i]. Call on the Fyne thread.
func (c *barChart) SetValues(values [][]int64) {
	c.values = values
	c.Refresh()
}

func (c *barChart) value(bar, s int) int64 {
	if bar >= len(c.values) || s >= len(c.values[bar]) {
		return 0
	}
	return max(c.values[bar][s], 0)
}

func (c *barChart) stack(bar int) int64 {
	var sum int64
	for s := range c.series {
		sum += c.value(bar, s)
	}
	return sum
}

func (c *barChart) MinSize() fyne.Size { return fyne.NewSize(360, 240) }

func (c *barChart) MouseIn(ev *desktop.MouseEvent)    { c.MouseMoved(ev) }
func (c *barChart) MouseOut()                         { c.setHover(-1) }
func (c *barChart) MouseMoved(ev *desktop.MouseEvent) { c.setHover(c.barAt(ev.Position)) }

func (c *barChart) setHover(i int) {
	if i != c.hover {
		c.hover = i
		c.Refresh()
	}
}

// barAt is the bar whose column holds p, or -1.
func (c *barChart) barAt(p fyne.Position) int {
	r, ok := c.cachedRenderer()
	if !ok || len(c.labels) == 0 {
		return -1
	}
	plot := r.plot
	if p.X < plot.x || p.X >= plot.x+plot.w || p.Y < plot.y || p.Y > plot.y+plot.h {
		return -1
	}
	return min(int((p.X-plot.x)/(plot.w/float32(len(c.labels)))), len(c.labels)-1)
}

func (c *barChart) cachedRenderer() (*barChartRenderer, bool) {
	return c.renderer, c.renderer != nil
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barChartRenderer{chart: c}
	r.rebuild()
	c.renderer = r
	return r
}

type plotArea struct{ x, y, w, h float32 }

// segmentOverlap is how far a stacked segment reaches over the one below it.
const segmentOverlap = 0.75

type barChartRenderer struct {
	chart *barChart

	legendSwatches []*canvas.Rectangle
	legendTexts    []*canvas.Text
	tickTexts      []*canvas.Text
	gridLines      []*canvas.Rectangle
	hoverBand      *canvas.Rectangle
	bars           [][]*canvas.Rectangle // [bar][series]
	xTexts         []*canvas.Text
	empty          *canvas.Text
	tipBox         *canvas.Rectangle
	tipTexts       []*canvas.Text

	top     int64 // value at the top of the axis, fen
	ticks   int
	plot    plotArea
	objects []fyne.CanvasObject
}

func (r *barChartRenderer) textSize() float32 {
	return r.chart.Theme().Size(theme.SizeNameCaptionText)
}

func (r *barChartRenderer) textColor() color.Color {
	return r.chart.Theme().Color(theme.ColorNameForeground, fyne.CurrentApp().Settings().ThemeVariant())
}

func (r *barChartRenderer) newText(s string) *canvas.Text {
	t := canvas.NewText(s, r.textColor())
	t.TextSize = r.textSize()
	return t
}

// rebuild makes the objects for the current series, labels and values.
func (r *barChartRenderer) rebuild() {
	c := r.chart
	r.legendSwatches, r.legendTexts = nil, nil
	for i, s := range c.series {
		sw := canvas.NewRectangle(chartColor(i))
		sw.CornerRadius = 2
		r.legendSwatches = append(r.legendSwatches, sw)
		r.legendTexts = append(r.legendTexts, r.newText(s))
	}
	var maxStack int64
	for b := range c.labels {
		maxStack = max(maxStack, c.stack(b))
	}
	r.top, r.ticks = niceAxis(maxStack)
	r.tickTexts, r.gridLines = nil, nil
	grid := r.chart.Theme().Color(theme.ColorNameSeparator, fyne.CurrentApp().Settings().ThemeVariant())
	for k := 0; k <= r.ticks; k++ {
		t := r.newText(axisMoney(r.top / int64(r.ticks) * int64(k)))
		t.Alignment = fyne.TextAlignTrailing
		r.tickTexts = append(r.tickTexts, t)
		r.gridLines = append(r.gridLines, canvas.NewRectangle(grid))
	}
	r.hoverBand = canvas.NewRectangle(color.NRGBA{R: 0x1F, G: 0x6F, B: 0x5C, A: 0x18})
	r.bars, r.xTexts = nil, nil
	for _, l := range c.labels {
		row := make([]*canvas.Rectangle, len(c.series))
		for s := range c.series {
			row[s] = canvas.NewRectangle(chartColor(s))
		}
		r.bars = append(r.bars, row)
		t := r.newText(l)
		t.Alignment = fyne.TextAlignCenter
		r.xTexts = append(r.xTexts, t)
	}
	r.empty = r.newText(lang.L("暂无数据"))
	r.empty.Alignment = fyne.TextAlignCenter
	r.empty.Hidden = maxStack > 0
	r.tipBox = canvas.NewRectangle(color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xF0})
	r.tipBox.StrokeColor = grid
	r.tipBox.StrokeWidth = 1
	r.tipBox.CornerRadius = 4
	r.tipTexts = nil
	if h := c.hover; h >= 0 && h < len(c.labels) && maxStack > 0 {
		r.tipTexts = append(r.tipTexts, r.newText(c.labels[h]))
		r.tipTexts[0].TextStyle.Bold = true
		for s, name := range c.series {
			if v := c.value(h, s); v != 0 {
				r.tipTexts = append(r.tipTexts, r.newText(name+"  "+data.Money(v).String()))
			}
		}
		if len(c.series) > 1 {
			r.tipTexts = append(r.tipTexts, r.newText(lang.L("合计")+"  "+data.Money(c.stack(h)).String()))
		}
	}
	r.tipBox.Hidden = len(r.tipTexts) == 0
	r.hoverBand.Hidden = r.tipBox.Hidden

	objs := []fyne.CanvasObject{r.hoverBand}
	for _, g := range r.gridLines {
		objs = append(objs, g)
	}
	for _, t := range r.tickTexts {
		objs = append(objs, t)
	}
	for i := range r.legendSwatches {
		objs = append(objs, r.legendSwatches[i], r.legendTexts[i])
	}
	for b := range r.bars {
		for _, rect := range r.bars[b] {
			objs = append(objs, rect)
		}
		objs = append(objs, r.xTexts[b])
	}
	objs = append(objs, r.empty, r.tipBox)
	for _, t := range r.tipTexts {
		objs = append(objs, t)
	}
	r.objects = objs
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	c := r.chart
	ts := r.textSize()
	lineH := fyne.MeasureText("国", ts, fyne.TextStyle{}).Height
	pad := float32(6)

	// Legend along the top, wrapping if the names do not fit on one line.
	x, y := float32(0), float32(0)
	for i, t := range r.legendTexts {
		tw := fyne.MeasureText(t.Text, ts, t.TextStyle).Width
		if x > 0 && x+lineH+tw > size.Width {
			x, y = 0, y+lineH+2
		}
		sw := r.legendSwatches[i]
		sw.Resize(fyne.NewSize(lineH*0.7, lineH*0.7))
		sw.Move(fyne.NewPos(x, y+lineH*0.15))
		t.Move(fyne.NewPos(x+lineH*0.7+4, y))
		t.Resize(fyne.NewSize(tw, lineH))
		x += lineH*0.7 + 4 + tw + 14
	}
	legendH := y + lineH + pad
	if len(r.legendTexts) == 0 {
		legendH = pad
	}

	var axisW float32
	for _, t := range r.tickTexts {
		axisW = max(axisW, fyne.MeasureText(t.Text, ts, t.TextStyle).Width)
	}
	axisW += pad
	plot := plotArea{x: axisW + pad, y: legendH + lineH/2, w: size.Width - axisW - pad, h: size.Height - legendH - lineH/2 - lineH - pad}
	plot.w, plot.h = max(plot.w, 1), max(plot.h, 1)
	r.plot = plot

	for k := range r.tickTexts {
		gy := plot.y + plot.h - plot.h*float32(k)/float32(r.ticks)
		r.gridLines[k].Move(fyne.NewPos(plot.x, gy))
		r.gridLines[k].Resize(fyne.NewSize(plot.w, 1))
		r.tickTexts[k].Move(fyne.NewPos(0, gy-lineH/2))
		r.tickTexts[k].Resize(fyne.NewSize(axisW, lineH))
	}

	n := len(c.labels)
	if n == 0 {
		return
	}
	colW := plot.w / float32(n)
	barW := colW * 0.62
	for b := range r.bars {
		bx := plot.x + float32(b)*colW + (colW-barW)/2
		base := plot.y + plot.h
		for s, rect := range r.bars[b] {
			h := r.barHeight(c.value(b, s), plot.h)
			rect.Move(fyne.NewPos(bx, base-h))
			// Upper segments reach a little down over the one below: no hairline of
			// background between them at fractional scales.
			overlap := float32(0)
			if s > 0 && h > 0 && base < plot.y+plot.h {
				overlap = segmentOverlap
			}
			rect.Resize(fyne.NewSize(barW, h+overlap))
			base -= h
		}
		r.xTexts[b].Move(fyne.NewPos(plot.x+float32(b)*colW, plot.y+plot.h+2))
		r.xTexts[b].Resize(fyne.NewSize(colW, lineH))
		// Crowded labels (narrow window): show every other month.
		w := fyne.MeasureText(r.xTexts[b].Text, ts, fyne.TextStyle{}).Width
		r.xTexts[b].Hidden = w > colW-2 && b%2 == 1
	}
	r.empty.Move(fyne.NewPos(plot.x, plot.y+plot.h/2-lineH/2))
	r.empty.Resize(fyne.NewSize(plot.w, lineH))

	if h := c.hover; h >= 0 && h < n && !r.tipBox.Hidden {
		r.hoverBand.Move(fyne.NewPos(plot.x+float32(h)*colW, plot.y))
		r.hoverBand.Resize(fyne.NewSize(colW, plot.h))
		var tw float32
		for _, t := range r.tipTexts {
			tw = max(tw, fyne.MeasureText(t.Text, ts, t.TextStyle).Width)
		}
		boxW, boxH := tw+2*pad, float32(len(r.tipTexts))*lineH+2*pad
		bx := plot.x + float32(h+1)*colW + 4
		if bx+boxW > size.Width {
			bx = plot.x + float32(h)*colW - boxW - 4
		}
		bx = max(bx, 0)
		r.tipBox.Move(fyne.NewPos(bx, plot.y))
		r.tipBox.Resize(fyne.NewSize(boxW, boxH))
		for i, t := range r.tipTexts {
			t.Move(fyne.NewPos(bx+pad, plot.y+pad+float32(i)*lineH))
			t.Resize(fyne.NewSize(tw, lineH))
		}
	}
}

// barHeight is v's share of the axis, in pixels of a plot h high.
func (r *barChartRenderer) barHeight(v int64, h float32) float32 {
	if r.top <= 0 || v <= 0 {
		return 0
	}
	return float32(float64(h) * float64(v) / float64(r.top))
}

func (r *barChartRenderer) MinSize() fyne.Size           { return r.chart.MinSize() }
func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *barChartRenderer) Destroy()                     {}

func (r *barChartRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.chart.Size())
	canvas.Refresh(r.chart)
}

// niceAxis picks a readable axis for values up to maxValue (fen): 3 to 6 steps of 1, 2, 2.5 or 5 × 10ⁿ,
// the lowest top that holds maxValue (fewer steps on a tie). A step is at least one yuan.
func niceAxis(maxValue int64) (top int64, steps int) {
	if maxValue <= 0 {
		return 400, 4
	}
	best, bestN := int64(0), 0
	for mag := int64(100); mag <= maxValue*10 && mag > 0; mag *= 10 {
		for _, m := range []int64{10, 20, 25, 50} {
			step := mag * m / 10
			if step < 100 || step%100 != 0 {
				continue
			}
			n := int((maxValue + step - 1) / step)
			if n < 3 || n > 6 {
				continue
			}
			if t := step * int64(n); best == 0 || t < best || (t == best && n < bestN) {
				best, bestN = t, n
			}
		}
	}
	if best == 0 { // below three yuan: whole-yuan steps
		return max((maxValue+99)/100, 1) * 100, int(max((maxValue+99)/100, 1))
	}
	return best, bestN
}

// axisMoney writes fen as a short axis label in yuan: 0, 500, 5,000, 1.5万, 120万, 1.2亿
// (English: 15k, 1.2M).
func axisMoney(fen int64) string {
	yuan := float64(fen) / 100
	if CurrentLanguage() == LangEnglish {
		switch {
		case yuan >= 1e6:
			return trimZeros(strconv.FormatFloat(yuan/1e6, 'f', 2, 64)) + "M"
		case yuan >= 1e4:
			return trimZeros(strconv.FormatFloat(yuan/1e3, 'f', 1, 64)) + "k"
		}
	}
	switch {
	case yuan >= 1e8:
		return trimZeros(strconv.FormatFloat(yuan/1e8, 'f', 2, 64)) + "亿"
	case yuan >= 1e4:
		return trimZeros(strconv.FormatFloat(yuan/1e4, 'f', 2, 64)) + "万"
	}
	whole := data.Money(int64(math.Round(yuan)) * 100).String() // ¥5,000.00
	return strings.TrimSuffix(strings.TrimPrefix(whole, "¥"), ".00")
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
