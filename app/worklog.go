package app

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// worklogPart is 村务's 工作日志: a month's calendar of the village (在村 and 外出 days marked, the
// days in the village against the monthly target, households visited) and, beside it, the form
// of the day clicked.
type worklogPart struct {
	env        *Env
	st         *data.Store
	villages   []data.Village
	village    *kit.Select
	year       int
	month      int
	title      *widget.Label
	counts     *widget.Label
	yearCounts *widget.Label // the year so far, as the 述职 counts it
	bar        *widget.ProgressBar
	cells      [42]*dayCell
	days       map[data.Date]data.WorkDayRow
	notice     *kit.NoticeBar
	undo       kit.UndoStack
	form       *workForm
	body       fyne.CanvasObject
}

func newWorklogPart(env *Env) affairsPart {
	w := &worklogPart{env: env, st: env.Store, days: map[data.Date]data.WorkDayRow{}}
	today := data.Today()
	w.year, w.month = today.Year(), today.Month()
	w.notice = kit.NewNoticeBar(func() { w.undo.UndoLast(w.notice, env.Dialogs) })
	w.village = kit.NewSelect(nil, lang.L("请选择村"), func(string) { w.villageChanged() })
	w.form = newWorkForm(w)
	w.title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { w.moveMonth(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { w.moveMonth(1) })
	thisMonth := widget.NewButton(lang.L("本月"), func() { w.showMonth(today.Year(), today.Month()) })
	w.counts = widget.NewLabel("")
	w.counts.Wrapping = fyne.TextWrapWord
	w.yearCounts = widget.NewLabel("")
	w.yearCounts.Wrapping = fyne.TextWrapWord
	kit.SecondaryText(w.yearCounts)
	w.bar = widget.NewProgressBar()
	w.bar.TextFormatter = func() string { return strconv.Itoa(int(w.bar.Value*100)) + "%" }

	grid := container.NewGridWithColumns(7)
	for _, d := range strings.Fields(lang.X("date.weekdays", "一 二 三 四 五 六 日")) {
		grid.Add(widget.NewLabelWithStyle(d, fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
	}
	for i := range w.cells {
		w.cells[i] = newDayCell(func(d data.Date) { w.openDay(d) })
		grid.Add(w.cells[i])
	}
	nav := container.NewBorder(nil, nil, container.NewHBox(prev, next, thisMonth), w.village, w.title)
	how := lang.L("点一天记录或修改那天的日志。绿色：在村（走访几户）；橙色：外出（原因）。")
	if env.Dialogs.ReadOnly {
		how = lang.L("点一天查看那天的日志。绿色：在村（走访几户）；橙色：外出（原因）。")
	}
	legend := kit.KeysHint(how)
	calendar := container.NewBorder(nil, legend, nil, nil, container.NewVScroll(container.NewBorder(container.NewVBox(nav, w.counts, w.bar, w.yearCounts), nil, nil, nil, grid)))
	split := container.NewHSplit(kit.Panel(calendar), kit.Panel(w.form.content))
	split.Offset = 0.5
	w.body = container.NewBorder(nil, w.notice.Content(), nil, nil, split)
	env.OnChange(w.storeChanged, "worklog_days", "worklog_visits", "worklog_issues", "worklog_files", "worklog_partners", "villages", "partners", "settings")
	return w
}

func (w *worklogPart) content() fyne.CanvasObject { return w.body }

func (w *worklogPart) guard(proceed func()) { w.form.lc.Guard(proceed) }

// shown offers the villages afresh and reads the month.
func (w *worklogPart) shown() {
	vs, err := w.st.Villages()
	if err != nil {
		w.notice.ShowError(err)
		return
	}
	keep := w.villageID()
	w.villages = vs
	names, _ := villageNames(vs)
	w.village.OnChanged = nil
	w.village.SetOptions(names)
	w.village.ClearSelected()
	for i, v := range vs {
		if v.ID == keep || keep == 0 && i == 0 {
			w.village.SetSelectedIndex(i)
		}
	}
	w.village.OnChanged = func(string) { w.villageChanged() }
	w.offerPartners()
	if len(vs) > 1 {
		w.village.Show()
	} else {
		w.village.Hide()
	}
	if !w.form.lc.Dirty() { // the day shown as it is stored now
		if err := w.form.open(w.form.day.Date); err != nil {
			w.notice.ShowError(err)
		}
	}
	w.reload()
}

func (w *worklogPart) villageID() int64 {
	if i := w.village.SelectedIndex(); i >= 0 && i < len(w.villages) {
		return w.villages[i].ID
	}
	return 0
}

func (w *worklogPart) villageChanged() {
	w.form.lc.Guard(func() {
		if err := w.form.open(w.form.day.Date); err != nil {
			w.notice.ShowError(err)
		}
		w.reload()
	})
}

// storeChanged reads the month again after a write here or elsewhere (the demo, an import).
func (w *worklogPart) storeChanged() {
	if w.village.SelectedIndex() < 0 {
		w.shown()
		return
	}
	w.offerPartners()
	w.reload()
	if w.form.day.ID != 0 {
		w.form.photos.Reload()
	}
}

// offerPartners gives the form the partner units as they are now.
func (w *worklogPart) offerPartners() {
	units, err := w.st.Partners()
	if err != nil {
		w.notice.ShowError(err)
		return
	}
	w.form.offerPartners(units)
}

func (w *worklogPart) moveMonth(n int) {
	m := w.year*12 + w.month - 1 + n
	w.showMonth(m/12, m%12+1)
}

func (w *worklogPart) showMonth(year, month int) {
	if year < data.MinYear || year > data.MaxYear {
		return
	}
	w.year, w.month = year, month
	w.reload()
}

// reload reads the month's days and counts and redraws the calendar.
func (w *worklogPart) reload() {
	w.title.SetText(lang.L("{{.Year}}年{{.Month}}月", map[string]any{"Year": w.year, "Month": w.month}))
	village := w.villageID()
	rows, err := w.st.WorkMonth(village, w.year, w.month)
	if err != nil {
		w.notice.ShowError(err)
		return
	}
	fig, err := w.st.WorkLogFigures(data.MonthPeriod(w.year, w.month), village)
	if err != nil {
		w.notice.ShowError(err)
		return
	}
	year, err := w.st.WorkLogFigures(data.YearPeriod(w.year), village)
	if err != nil {
		w.notice.ShowError(err)
		return
	}
	target, err := w.st.WorkDaysTarget()
	if err != nil {
		w.notice.ShowError(err)
		return
	}
	clear(w.days)
	for _, r := range rows {
		w.days[r.Date] = r
	}
	w.counts.SetText(workMonthText(fig, target))
	w.yearCounts.SetText(lang.L("{{.Year}}年：在村 {{.In}} 天，外出 {{.Away}} 天，走访 {{.Households}} 户 {{.Visits}} 人次",
		map[string]any{"Year": w.year, "In": year.DaysInVillage, "Away": year.DaysAway, "Households": year.Households, "Visits": year.Visits}))
	w.bar.SetValue(min(float64(fig.DaysInVillage)/float64(max(target, 1)), 1))
	first := data.MonthPeriod(w.year, w.month).From
	lead := (int(first.Time().Weekday()) + 6) % 7 // Monday first
	for i, c := range w.cells {
		d := first.AddDays(i - lead)
		if d.Month() != w.month {
			c.set(data.Date{}, nil, false)
			continue
		}
		r, ok := w.days[d]
		var row *data.WorkDayRow
		if ok {
			row = &r
		}
		c.set(d, row, d == w.form.day.Date && w.form.day.VillageID == village)
	}
}

// workMonthText is the month's line: 在村 12 天（目标 20 天）· 外出 3 天 · 走访 8 户 11 人次 · 民情日记 4 条，已解决 3 条.
func workMonthText(f data.WorkLogFigures, target int) string {
	return lang.L("在村 {{.In}} 天（目标 {{.Target}} 天），外出 {{.Away}} 天；走访 {{.Households}} 户 {{.Visits}} 人次；民情日记 {{.Issues}} 条，已解决 {{.Solved}} 条",
		map[string]any{"In": f.DaysInVillage, "Target": target, "Away": f.DaysAway, "Households": f.Households, "Visits": f.Visits,
			"Issues": f.Issues, "Solved": f.Solved})
}

// openDay shows the day's entry in the form (a new one when the day has none), asking first
// about unsaved typing.
func (w *worklogPart) openDay(d data.Date) {
	w.form.lc.Guard(func() {
		if err := w.form.open(d); err != nil {
			w.notice.ShowError(err)
		}
		w.reload()
	})
}

func (w *worklogPart) action(a kit.Action) {
	switch a {
	case kit.ActionNew:
		w.openDay(data.Today())
		w.env.Win.Canvas().Focus(w.form.date)
	case kit.ActionSave:
		w.form.save()
	case kit.ActionCancel:
		w.form.cancel()
	case kit.ActionDelete:
		w.form.delete()
	case kit.ActionUndo:
		w.undo.UndoLast(w.notice, w.env.Dialogs)
	}
}

// dayCell is one day of the calendar: its number and, when logged, 在村 or 外出 with the reason
// and the households visited, on a coloured ground. A tap opens the day.
type dayCell struct {
	widget.BaseWidget
	date  data.Date
	bg    *canvas.Rectangle
	num   *widget.Label
	mark  *widget.Label
	onTap func(data.Date)
	body  fyne.CanvasObject
}

var (
	colorInVillage = color.NRGBA{R: 0xD4, G: 0xEF, B: 0xDC, A: 0xFF}
	colorAway      = color.NRGBA{R: 0xFC, G: 0xE5, B: 0xC8, A: 0xFF}
	colorSelected  = color.NRGBA{R: 0x1E, G: 0x6F, B: 0xD9, A: 0xFF}
)

func newDayCell(onTap func(data.Date)) *dayCell {
	c := &dayCell{onTap: onTap, bg: canvas.NewRectangle(color.Transparent)}
	c.bg.CornerRadius = 4
	c.num = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.mark = widget.NewLabel("")
	c.mark.Truncation = fyne.TextTruncateEllipsis
	c.mark.SizeName = theme.SizeNameCaptionText
	c.body = container.NewStack(c.bg, container.New(layout.NewCustomPaddedVBoxLayout(-8), c.num, c.mark))
	c.ExtendBaseWidget(c)
	return c
}

func (c *dayCell) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.body) }

func (c *dayCell) Tapped(*fyne.PointEvent) {
	if !c.date.IsZero() {
		c.onTap(c.date)
	}
}

func (c *dayCell) Cursor() desktop.Cursor { return desktop.PointerCursor }

// set shows day d (zero: a blank outside the month) and its row (nil: not logged).
func (c *dayCell) set(d data.Date, r *data.WorkDayRow, selected bool) {
	c.date = d
	c.num.SetText("")
	c.mark.SetText("")
	c.bg.FillColor = color.Transparent
	c.bg.StrokeWidth = 0
	if !d.IsZero() {
		c.num.SetText(strconv.Itoa(d.Day()))
	}
	if r != nil {
		c.mark.SetText(dayMark(r))
		c.bg.FillColor = colorInVillage
		if r.Presence == data.PresenceAway {
			c.bg.FillColor = colorAway
		}
	}
	if selected {
		c.bg.StrokeColor, c.bg.StrokeWidth = colorSelected, 2
	}
	c.bg.Refresh()
}

// dayMark is what a logged day says under its number, short enough for a cell on a small screen
// (the colour says in or away): 走访3 (in the village, households visited), 在村, or the reason away.
func dayMark(r *data.WorkDayRow) string {
	if r.Presence == data.PresenceAway {
		return lang.L(r.Reason)
	}
	if r.Visits > 0 {
		return lang.L("走访{{.N}}", map[string]any{"N": r.Visits})
	}
	return lang.L(r.Presence)
}
