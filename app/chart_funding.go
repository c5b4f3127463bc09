package app

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// fundingBar is one project's row in the funding chart.
type fundingBar struct {
	Name      string
	Budget    data.Money
	Disbursed data.Money
}

// fundingChart draws a horizontal bar per project: the track is the budget (lengths comparable
// across projects), the filled part what has been disbursed, and the figures beside it.
type fundingChart struct {
	widget.BaseWidget
	rows []fundingBar
	more int // projects not shown
}

func newFundingChart() *fundingChart {
	c := &fundingChart{}
	c.ExtendBaseWidget(c)
	return c
}

// SetRows replaces the projects shown; more counts those left out. Call on the Fyne thread.
func (c *fundingChart) SetRows(rows []fundingBar, more int) {
	c.rows, c.more = rows, more
	c.Refresh()
}

func (c *fundingChart) lineHeight() float32 {
	return fyne.MeasureText("国", c.Theme().Size(theme.SizeNameCaptionText), fyne.TextStyle{}).Height
}

func (c *fundingChart) rowHeight() float32 { return c.lineHeight() * 1.7 }

func (c *fundingChart) MinSize() fyne.Size {
	lines := max(len(c.rows), 1)
	h := float32(lines)*c.rowHeight() + c.lineHeight()*1.5
	if c.more > 0 {
		h += c.lineHeight()
	}
	return fyne.NewSize(360, h)
}

func (c *fundingChart) CreateRenderer() fyne.WidgetRenderer {
	r := &fundingRenderer{chart: c}
	r.rebuild()
	return r
}

type fundingRenderer struct {
	chart   *fundingChart
	legend  []fyne.CanvasObject // swatch, text, swatch, text
	names   []*canvas.Text
	tracks  []*canvas.Rectangle
	fills   []*canvas.Rectangle
	figures []*canvas.Text
	footer  *canvas.Text
	objects []fyne.CanvasObject

	maxBudget data.Money
}

var colorTrack = color.NRGBA{R: 0xD5, G: 0xDE, B: 0xDA, A: 0xFF}

func (r *fundingRenderer) text(s string) *canvas.Text {
	c := r.chart
	t := canvas.NewText(s, c.Theme().Color(theme.ColorNameForeground, fyne.CurrentApp().Settings().ThemeVariant()))
	t.TextSize = c.Theme().Size(theme.SizeNameCaptionText)
	return t
}

func (r *fundingRenderer) rebuild() {
	c := r.chart
	fill := canvas.NewRectangle(chartColor(0))
	track := canvas.NewRectangle(colorTrack)
	r.legend = []fyne.CanvasObject{fill, r.text(lang.L("已拨付")), track, r.text(lang.L("预算"))}
	r.names, r.tracks, r.fills, r.figures = nil, nil, nil, nil
	r.maxBudget = 0
	for _, row := range c.rows {
		r.maxBudget = max(r.maxBudget, row.Budget, row.Disbursed)
	}
	for _, row := range c.rows {
		r.names = append(r.names, r.text(row.Name))
		t := canvas.NewRectangle(colorTrack)
		t.CornerRadius = 3
		f := canvas.NewRectangle(chartColor(0))
		f.CornerRadius = 3
		if row.Budget > 0 && row.Disbursed > row.Budget {
			f.FillColor = chartColor(1) // more paid out than budgeted: worth a look
		}
		r.tracks, r.fills = append(r.tracks, t), append(r.fills, f)
		r.figures = append(r.figures, r.text(fundingFigures(row)))
	}
	r.footer = r.text("")
	switch {
	case len(c.rows) == 0:
		r.footer.Text = lang.L("暂无数据")
	case c.more > 0:
		r.footer.Text = lang.X("home.funding.more", "另有 {{.Count}} 个项目未列出", map[string]any{"Count": c.more})
	}
	objs := append([]fyne.CanvasObject{}, r.legend...)
	for i := range c.rows {
		objs = append(objs, r.names[i], r.tracks[i], r.fills[i], r.figures[i])
	}
	r.objects = append(objs, r.footer)
}

// fundingFigures is "¥60,000.00 / ¥100,000.00  60%".
func fundingFigures(row fundingBar) string {
	s := row.Disbursed.String() + " / " + row.Budget.String()
	if row.Budget > 0 {
		s += "  " + strconv.FormatInt(int64(row.Disbursed)*100/int64(row.Budget), 10) + "%"
	}
	return s
}

func (r *fundingRenderer) Layout(size fyne.Size) {
	c := r.chart
	ts := c.Theme().Size(theme.SizeNameCaptionText)
	lineH := c.lineHeight()
	rowH := c.rowHeight()

	x := float32(0)
	for i := 0; i < len(r.legend); i += 2 {
		sw, t := r.legend[i], r.legend[i+1].(*canvas.Text)
		sw.Resize(fyne.NewSize(lineH*0.7, lineH*0.7))
		sw.Move(fyne.NewPos(x, lineH*0.15))
		tw := fyne.MeasureText(t.Text, ts, t.TextStyle).Width
		t.Move(fyne.NewPos(x+lineH*0.7+4, 0))
		t.Resize(fyne.NewSize(tw, lineH))
		x += lineH*0.7 + 4 + tw + 14
	}
	top := lineH * 1.5

	var nameW, figW float32
	for i := range r.names {
		nameW = max(nameW, fyne.MeasureText(r.names[i].Text, ts, fyne.TextStyle{}).Width)
		figW = max(figW, fyne.MeasureText(r.figures[i].Text, ts, fyne.TextStyle{}).Width)
	}
	nameW = min(nameW, size.Width*0.3)
	barX := nameW + 10
	barW := max(size.Width-barX-figW-10, 20)
	for i, row := range c.rows {
		y := top + float32(i)*rowH
		r.names[i].Text = fitText(c.rows[i].Name, nameW, ts)
		r.names[i].Move(fyne.NewPos(0, y+(rowH-lineH)/2))
		r.names[i].Resize(fyne.NewSize(nameW, lineH))
		barH := rowH * 0.55
		by := y + (rowH-barH)/2
		tw := fundingWidth(row.Budget, r.maxBudget, barW)
		r.tracks[i].Move(fyne.NewPos(barX, by))
		r.tracks[i].Resize(fyne.NewSize(tw, barH))
		r.fills[i].Move(fyne.NewPos(barX, by))
		r.fills[i].Resize(fyne.NewSize(fundingWidth(row.Disbursed, r.maxBudget, barW), barH))
		r.figures[i].Move(fyne.NewPos(barX+barW+10, y+(rowH-lineH)/2))
		r.figures[i].Resize(fyne.NewSize(figW, lineH))
	}
	r.footer.Move(fyne.NewPos(0, top+float32(len(c.rows))*rowH))
	r.footer.Resize(fyne.NewSize(size.Width, lineH))
}

// fundingWidth is v's share of the widest bar.
func fundingWidth(v, maxV data.Money, w float32) float32 {
	if maxV <= 0 || v <= 0 {
		return 0
	}
	return float32(float64(w) * float64(v) / float64(maxV))
}

// fitText shortens s with "…" until it fits w.
func fitText(s string, w, size float32) string {
	if fyne.MeasureText(s, size, fyne.TextStyle{}).Width <= w {
		return s
	}
	runes := []rune(s)
	for n := len(runes) - 1; n > 0; n-- {
		t := string(runes[:n]) + "…"
		if fyne.MeasureText(t, size, fyne.TextStyle{}).Width <= w {
			return t
		}
	}
	return "…"
}

func (r *fundingRenderer) MinSize() fyne.Size           { return r.chart.MinSize() }
func (r *fundingRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *fundingRenderer) Destroy()                     {}

func (r *fundingRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.chart.Size())
	canvas.Refresh(r.chart)
}
