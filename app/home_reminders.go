package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// reminderStrip is 首页's 提醒: rent due in the next 30 days, rent overdue, contracts ending or
// ended without renewal, contracts without a decision and idle assets — how many of each, and
// the most pressing few, each opening its contract or asset on 三资. Hidden while nothing is due.
// The dashboard's one background read fetches them with its figures.
type reminderStrip struct {
	env     *Env
	counts  *fyne.Container // one summary per kind
	rows    *fyne.Container // the most pressing reminders, one a line
	content fyne.CanvasObject
}

// reminderRows is how many reminders the strip lists under its summaries: few, so the
// dashboard's figures stay in view on a small screen; a summary opens all of its kind.
const reminderRows = 4

func newReminderStrip(env *Env) *reminderStrip {
	r := &reminderStrip{env: env, counts: container.NewGridWithColumns(5), rows: container.NewVBox()}
	title := widget.NewLabelWithStyle(lang.L("提醒"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Importance = widget.HighImportance
	r.content = kit.Panel(container.NewVBox(title, r.counts, r.rows))
	r.content.Hide()
	return r
}

// show shows the reminders the dashboard's load read (loadHomeFigures); withVillage names each
// line's village (all villages shown: contract codes repeat from village to village).
func (r *reminderStrip) show(rm *data.Reminders, withVillage bool) {
	r.counts.RemoveAll()
	r.rows.RemoveAll()
	defer r.content.Refresh()
	contracts := func(n int) string { return lang.L("{{.N}} 份合同", map[string]any{"N": n}) }
	ended := data.CheckEnding
	if len(rm.Ending.Items) > 0 && rm.Ending.Items[0].Kind == data.ReminderEnded {
		ended = data.CheckEnded
	}
	lists := []struct {
		name  string
		list  data.ReminderList
		count func(n int) string
		all   func(*sanziView) // shows every reminder of the kind
	}{
		{lang.L("租金逾期"), rm.Overdue, contracts, func(s *sanziView) { s.showContracts(data.CheckOverdue, "") }},
		{lang.L("30天内应收"), rm.RentDue, func(n int) string { return lang.L("{{.N}} 笔", map[string]any{"N": n}) },
			func(s *sanziView) { s.showContracts("", data.ContractActive) }},
		{lang.L("到期未续签"), rm.Ending, contracts, func(s *sanziView) { s.showContracts(ended, "") }},
		{lang.L("没有决议记录"), rm.NoDecision, contracts, func(s *sanziView) { s.showContracts(data.CheckNoDecision, "") }},
		{lang.L("闲置资产"), rm.IdleAssets, func(n int) string { return lang.L("{{.N}} 项", map[string]any{"N": n}) },
			func(s *sanziView) { s.showAssets(data.AssetIdle) }},
	}
	due := false
	var first, rest []data.Reminder // the first of each kind comes before the others
	for _, l := range lists {
		due = due || l.list.Count > 0
		text := l.count(l.list.Count)
		if l.list.Total != 0 {
			text += " " + l.list.Total.String()
		}
		// Five summaries share a row: their words wrap rather than widen the window (English).
		name := widget.NewLabel(l.name)
		name.Wrapping = fyne.TextWrapWord
		kit.SecondaryText(name)
		figure := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		figure.Wrapping = fyne.TextWrapWord
		if l.list.Count > 0 && l.list.Items[0].Kind == data.ReminderOverdue {
			figure.Importance = widget.DangerImportance
		}
		all := l.all
		r.counts.Add(newTapBox(container.NewVBox(name, figure), func() { showSanzi(r.env, all) }))
		if len(l.list.Items) > 0 {
			first, rest = append(first, l.list.Items[0]), append(rest, l.list.Items[1:]...)
		}
	}
	if !due {
		r.content.Hide()
		return
	}
	items := append(first, rest...)
	for _, it := range items[:min(len(items), reminderRows)] {
		r.rows.Add(newReminderRow(it, withVillage, func() { r.open(it) }))
	}
	r.content.Show()
}

// open shows the reminder's contract or asset on 三资.
func (r *reminderStrip) open(it data.Reminder) {
	showSanzi(r.env, func(s *sanziView) {
		if it.AssetID != 0 {
			s.openAsset(it.AssetID)
		} else {
			s.openContract(it.ContractID)
		}
	})
}

// tapBox is a part of the strip that opens something when tapped.
type tapBox struct {
	widget.BaseWidget
	body  fyne.CanvasObject
	onTap func()
}

func newTapBox(body fyne.CanvasObject, onTap func()) *tapBox {
	b := &tapBox{body: body, onTap: onTap}
	b.ExtendBaseWidget(b)
	return b
}

func (b *tapBox) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(b.body) }
func (b *tapBox) Tapped(*fyne.PointEvent)             { b.onTap() }
func (b *tapBox) Cursor() desktop.Cursor              { return desktop.PointerCursor }

// reminderRow is one reminder: what it is, which record, the amount; a tap opens the record.
type reminderRow struct {
	tapBox
}

func newReminderRow(it data.Reminder, withVillage bool, onTap func()) *reminderRow {
	tag, text, imp := reminderText(it)
	if withVillage && it.Village != "" {
		text = it.Village + " · " + text
	}
	row := &reminderRow{}
	row.onTap = onTap
	t := widget.NewLabelWithStyle(tag, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Importance = imp
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	right := container.NewHBox()
	if it.Amount != 0 {
		right.Add(kit.MoneyLabel(it.Amount))
	}
	right.Add(widget.NewIcon(theme.NavigateNextIcon()))
	row.body = container.NewBorder(nil, nil, t, right, l)
	row.ExtendBaseWidget(row)
	return row
}

// reminderText is a reminder's tag, its line and the tag's colour.
func reminderText(it data.Reminder) (string, string, widget.Importance) {
	args := map[string]any{"Title": it.Title, "Party": it.Party, "Date": it.Date.String(), "Items": it.Items}
	switch it.Kind {
	case data.ReminderOverdue:
		return lang.L("逾期"), lang.L("{{.Title}} · {{.Party}} · {{.Items}} 期未收，最早 {{.Date}} 应交", args), widget.DangerImportance
	case data.ReminderRentDue:
		return lang.L("应收"), lang.L("{{.Title}} · {{.Party}} · {{.Date}} 应交", args), widget.WarningImportance
	case data.ReminderEnding:
		return lang.L("到期"), lang.L("{{.Title}} · {{.Party}} · {{.Date}} 到期，还没有续签", args), widget.WarningImportance
	case data.ReminderEnded:
		return lang.L("到期"), lang.L("{{.Title}} · {{.Party}} · {{.Date}} 已到期，没有续签", args), widget.WarningImportance
	case data.ReminderNoDecision:
		return lang.L("决议"), lang.L("{{.Title}} · {{.Party}} · 没有决议记录", args), widget.WarningImportance
	}
	return lang.L("闲置"), lang.L("{{.Title}} · 闲置，原值", args), widget.WarningImportance
}
