package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// auditLogView is 操作日志: every change recorded in the ledger, newest first, a page at a time,
// narrowed by ledger, the days it was made and the action. A row opens its changes in words, and
// from there the whole history of its record. Nothing here changes the ledger.
type auditLogView struct {
	env            *Env
	ledger, action *kit.Choice
	from, to       *kit.DateField
	table          *kit.LedgerTable[data.HistoryEntry]
	count          *widget.Label
	notice         *kit.NoticeBar
	filter         data.AuditFilter
}

// auditActions are the actions the filter offers, with their translation keys.
var auditActions = []struct{ action, key, text string }{
	{"insert", "hist.action.insert", "新增"},
	{"update", "hist.action.update", "修改"},
	{"delete", "hist.action.delete", "删除"},
	{"restore", "hist.action.restore", "撤销删除"},
	{"bulk", "hist.action.bulk", "批量录入"},
}

func auditLogScreen(env *Env) *ScreenView {
	v := &auditLogView{env: env, count: widget.NewLabel(""), notice: kit.NewNoticeBar(nil)}
	heading := widget.NewLabelWithStyle(lang.L("操作日志"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	intro := widget.NewLabel(lang.L("村记记下的每一次新增、修改和删除，最新的在前；点一行看改了什么。"))
	kit.SecondaryText(intro)

	var ledgers, ledgerValues []string
	for _, l := range data.Ledgers {
		ledgers, ledgerValues = append(ledgers, labelText(data.LedgerName(l))), append(ledgerValues, l)
	}
	v.ledger = kit.NewChoice(lang.L("全部账目"), ledgers, ledgerValues, func(string) { v.reload() })
	var actions, actionValues []string
	for _, a := range auditActions {
		actions, actionValues = append(actions, lang.X(a.key, a.text)), append(actionValues, a.action)
	}
	v.action = kit.NewChoice(lang.L("全部操作"), actions, actionValues, func(string) { v.reload() })
	v.from, v.to = kit.NewDateField(env.Win), kit.NewDateField(env.Win)
	for _, f := range []*kit.DateField{v.from, v.to} {
		f.Optional = true
		f.OnEdit = v.reload
	}
	v.from.SetPlaceHolder(lang.L("开始日期"))
	v.to.SetPlaceHolder(lang.L("结束日期"))
	dates := container.NewHBox(kit.Sized(v.from, 150), widget.NewLabel(lang.L("至")), kit.Sized(v.to, 150))
	filters := container.NewHBox(kit.Sized(v.ledger, 140), kit.Sized(v.action, 130), dates)
	hints := container.NewHBox(v.from.Hint, v.to.Hint)

	v.table = kit.NewLedgerTable(auditColumns(), func(offset, limit int) ([]data.HistoryEntry, error) {
		return env.Store.ListHistory(v.filter, offset, limit)
	})
	v.table.Table.Act = env.Act
	v.table.OnSelect = func(_ int, h data.HistoryEntry) { v.open(h) }
	v.table.OnError = v.notice.ShowError

	top := container.NewVBox(container.NewBorder(nil, nil, heading, nil, intro), filters, hints)
	bottom := container.NewBorder(nil, nil, v.count, nil, v.notice.Content())
	content := container.NewPadded(container.NewBorder(top, bottom, nil, nil, v.table.Table))
	env.OnChange(func() {
		if content.Visible() {
			v.reload()
		}
	})
	return &ScreenView{Content: kit.NewHolder(v, content), OnShow: v.reload, OnAction: v.act}
}

func auditColumns() []kit.LedgerColumn[data.HistoryEntry] {
	return []kit.LedgerColumn[data.HistoryEntry]{
		{Title: "时间", Width: 150, Whole: true, Text: func(h *data.HistoryEntry) string { return historyTime(*h) }},
		{Title: "账目", Width: 80, Whole: true, Text: func(h *data.HistoryEntry) string { return labelText(data.LedgerName(h.Ledger)) }},
		{Title: "操作", Width: 84, Whole: true, Text: func(h *data.HistoryEntry) string { return labelText(h.Verb) }},
		{Title: "类别", Width: 90, Whole: true, Text: func(h *data.HistoryEntry) string { return labelText(h.What) }},
		{Title: "记录", Width: 230, Text: func(h *data.HistoryEntry) string { return h.Record }},
		{Title: "改动", Width: 340, Text: func(h *data.HistoryEntry) string { return changesText(h.Changes) }},
	}
}

// reload counts the entries of the filter afresh; the table reads their pages as they show. A
// date that does not read leaves the filter as it was, with the message under the field.
func (v *auditLogView) reload() {
	f := data.AuditFilter{Ledger: v.ledger.Value(), Action: v.action.Value()}
	var err1, err2 error
	f.From, err1 = v.from.Parsed()
	f.To, err2 = v.to.Parsed()
	if err1 != nil || err2 != nil {
		return
	}
	v.filter = f
	n, err := v.env.Store.CountHistory(f)
	if err != nil {
		v.notice.ShowError(err)
		return
	}
	v.table.Reset(n, nil)
	v.count.SetText(lang.X("auditlog.count", "共 {{.N}} 条", map[string]any{"N": countText(n)}))
}

// act: Esc forgets the chosen row; Ctrl+F goes to the first filter.
func (v *auditLogView) act(a kit.Action) {
	switch a {
	case kit.ActionCancel:
		v.table.ClearSelection()
	case kit.ActionFind:
		v.env.Win.Canvas().Focus(v.from)
	}
}

// open shows one entry's changes, with the way to its record's whole history.
func (v *auditLogView) open(h data.HistoryEntry) {
	ds := v.env.Dialogs
	d := dialog.NewCustomWithoutButtons(labelText(h.Verb)+" · "+labelText(h.What), historyEntryView(h), ds.Win())
	closeBtn := widget.NewButtonWithIcon(lang.L("关闭"), theme.CancelIcon(), d.Hide)
	buttons := []fyne.CanvasObject{closeBtn}
	if h.RowID != 0 && h.Table != "settings" {
		all := widget.NewButtonWithIcon(lang.L("这条记录的全部历史"), theme.HistoryIcon(), func() {
			d.Hide()
			showHistory(v.env, h.Table, h.RowID, h.Record)
		})
		buttons = append(buttons, all)
	}
	d.SetButtons(buttons)
	d.SetOnClosed(v.table.ClearSelection)
	d.Resize(fyne.NewSize(600, 0))
	ds.Show(d, d.Hide)
}
