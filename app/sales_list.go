package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// saleEventsView is the list of sales events with its filters; the event page (saleEditor)
// takes its place while an event is open.
type saleEventsView struct {
	sv *salesView
	st *data.Store

	from, to         *kit.DateField
	channel, village *kit.Choice
	seller, product  *kit.CompletionField
	search           *kit.TextField
	filterHint       *kit.HintLabel

	table   *kit.LedgerTable[data.SaleEventRow]
	count   *widget.Label
	notice  *kit.NoticeBar
	undo    kit.UndoStack
	filter  data.SaleEventFilter
	who     string // the seller and product filtered by, named as the totals say them
	gen     int    // counts reloads, so a late total for an old filter is dropped
	list    fyne.CanvasObject
	editor  *saleEditor
	content *fyne.Container

	sellerIDs  map[string]int64 // filter suggestions: label → seller
	productIDs map[string]int64
}

func newSaleEventsView(sv *salesView) *saleEventsView {
	v := &saleEventsView{sv: sv, st: sv.st, sellerIDs: map[string]int64{}, productIDs: map[string]int64{}}
	win := sv.env.Win

	v.from, v.to = kit.NewDateField(win), kit.NewDateField(win)
	v.from.Optional, v.to.Optional = true, true
	v.from.SetPlaceHolder(lang.L("起始日期"))
	v.to.SetPlaceHolder(lang.L("截止日期"))
	v.from.OnEdit, v.to.OnEdit = v.filterChanged, v.filterChanged
	v.channel = kit.NewChoice(lang.L("全部渠道"), kit.Translated(data.Channels), data.Channels, func(string) { v.filterChanged() })
	v.village = kit.NewChoice(lang.L("全部村"), nil, nil, func(string) { v.filterChanged() })
	v.seller = kit.NewCompletionField(v.suggestSellers)
	v.seller.SetPlaceHolder(lang.L("卖家"))
	v.seller.OnEdit = func() { v.applyFilter(v.seller) }
	v.seller.OnLeave = v.filterLeft
	v.product = kit.NewCompletionField(v.suggestProducts)
	v.product.SetPlaceHolder(lang.L("产品"))
	v.product.OnEdit = func() { v.applyFilter(v.product) }
	v.product.OnLeave = v.filterLeft
	v.search = kit.NewTextField()
	v.search.SetPlaceHolder(lang.L("搜索地点、购买方 (Ctrl+F)"))
	v.search.OnChanged = func(string) { v.filterChanged() }
	v.filterHint = kit.NewHintLabel()

	v.table = kit.NewLedgerTable(saleEventColumns(), func(offset, limit int) ([]data.SaleEventRow, error) {
		return v.st.ListSaleEvents(v.filter, offset, limit)
	})
	v.table.OnSelect = func(_ int, r data.SaleEventRow) { v.open(r.ID) }
	v.table.Table.Act = v.sv.env.Act
	v.table.OnError = v.notice.ShowError
	v.count = widget.NewLabel("")
	v.notice = kit.NewNoticeBar(v.undoLast)

	heading := widget.NewLabelWithStyle(lang.L("销售记录"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	newBtn := widget.NewButtonWithIcon(lang.L("新建销售记录 (Ctrl+N)"), theme.ContentAddIcon(), func() { v.action(kit.ActionNew) })
	newBtn.Importance = widget.HighImportance
	hideInTown(v.sv.env, newBtn)

	dates := container.NewGridWithColumns(2, v.from, v.to)
	filters := container.NewGridWithColumns(3,
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("日期")), nil, dates),
		container.NewGridWithColumns(2, v.channel.Sel, v.village.Sel),
		container.NewGridWithColumns(2, v.seller, v.product))
	imports := newImportBar(sv.env, data.ImportSales, v.notice)
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(imports.Content(), newBtn), heading),
		filters,
		container.NewBorder(nil, nil, nil, nil, v.search),
		container.NewVBox(v.from.Hint, v.to.Hint, v.filterHint),
	)
	bottom := container.NewBorder(nil, nil, v.count, nil, v.notice.Content())
	v.list = container.NewBorder(top, bottom, nil, nil, v.table.Table)
	v.editor = newSaleEditor(v)
	v.editor.content.Hide()
	v.content = container.NewPadded(container.NewStack(v.list, v.editor.content))
	v.reloadVillages()
	v.reload()
	return v
}

func saleEventColumns() []kit.LedgerColumn[data.SaleEventRow] {
	return []kit.LedgerColumn[data.SaleEventRow]{
		{Title: "日期", Width: 110, Text: func(r *data.SaleEventRow) string { return r.Date.String() }},
		{Title: "渠道", Width: 100, Text: func(r *data.SaleEventRow) string { return kit.Word(r.Channel) }},
		{Title: "村", Width: 90, Text: func(r *data.SaleEventRow) string { return r.Village }},
		{Title: "地点", Width: 220, Text: func(r *data.SaleEventRow) string { return r.Place }},
		{Title: "购买方", Width: 220, Text: func(r *data.SaleEventRow) string { return r.Buyer }},
		{Title: "行数", Width: 90, Right: true, Text: func(r *data.SaleEventRow) string { return strconv.Itoa(r.LineCount) }},
		{Title: "合计金额", Width: 160, Right: true, Text: func(r *data.SaleEventRow) string { return r.Total.String() }},
	}
}

func (v *saleEventsView) suggestSellers(q string) []string {
	rows, err := v.st.ListSellers(data.SellerFilter{Search: q, VillageID: idOf(v.village.Value())}, 0, 40)
	if err != nil {
		return nil
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Name + "（" + r.Village + "）"
		v.sellerIDs[out[i]] = r.ID
	}
	return rankSuggestions(out, q)
}

func (v *saleEventsView) suggestProducts(q string) []string {
	return productLabels(v.st, q, func(label string, p data.Product) { v.productIDs[label] = p.ID })
}

func (v *saleEventsView) reloadVillages() {
	names, ids, err := villageChoices(v.st)
	if err != nil {
		v.notice.ShowError(err)
		return
	}
	v.village.SetOptions(names, idValues(ids))
}

// readFilter turns the filter fields into a data filter; ok is false when one cannot be read
// (the list keeps the last good filter). A seller or product name that is none gets a message,
// except in the field being typed in: a name half typed is not wrong yet.
func (v *saleEventsView) readFilter(typing *kit.CompletionField) (data.SaleEventFilter, bool) {
	var f data.SaleEventFilter
	var err1, err2 error
	f.From, err1 = v.from.Value()
	f.To, err2 = v.to.Value()
	f.Channel = v.channel.Value()
	f.VillageID = idOf(v.village.Value())
	f.Search = v.search.Text
	ok := err1 == nil && err2 == nil
	v.filterHint.SetError("")
	if t := strings.TrimSpace(v.seller.Text); t != "" {
		if id, found := v.sellerIDs[t]; found {
			f.SellerID = id
		} else {
			ok = false
			if typing != v.seller {
				v.filterHint.SetError(lang.L("没有叫“{{.Name}}”的卖家，请从下拉列表中选择", map[string]any{"Name": t}))
			}
		}
	}
	if t := strings.TrimSpace(v.product.Text); t != "" {
		if id, found := v.productIDs[t]; found {
			f.ProductID = id
		} else {
			ok = false
			if typing != v.product {
				v.filterHint.SetError(lang.L("没有叫“{{.Name}}”的产品，请从下拉列表中选择", map[string]any{"Name": t}))
			}
		}
	}
	return f, ok
}

// filterLeft points out a seller or product filter that names none, once its field is left (the
// drop-down taking the keys while it shows is not leaving).
func (v *saleEventsView) filterLeft() {
	if !v.seller.SuggestionsOpen() && !v.product.SuggestionsOpen() {
		v.readFilter(nil)
	}
}

func (v *saleEventsView) filterChanged() { v.applyFilter(nil) }

// applyFilter shows the events of the filter fields; typing is the seller or product field being
// typed in, if any.
func (v *saleEventsView) applyFilter(typing *kit.CompletionField) {
	if f, ok := v.readFilter(typing); ok {
		v.filter = f
		var names []string
		if f.SellerID != 0 {
			names = append(names, labelName(strings.TrimSpace(v.seller.Text)))
		}
		if f.ProductID != 0 {
			names = append(names, strings.TrimSpace(v.product.Text))
		}
		v.who = strings.Join(names, " · ")
		v.reload()
	}
}

// filterBySeller shows one seller's events in a period (from the 共富账单).
func (v *saleEventsView) filterBySeller(id int64, label string, p data.Period) {
	v.sellerIDs[label] = id
	v.seller.SetText(label)
	v.product.SetText("")
	v.search.SetText("")
	v.channel.SetValue("")
	v.village.SetValue("")
	v.from.SetValue(p.From)
	v.to.SetValue(p.To)
	v.filterChanged()
}

// reload counts the events afresh (rows are read a page at a time as they scroll into view) and
// adds up the totals. Filters by date, village and channel are answered from the monthly totals at
// once; seller, product and search filters read the lines, which on a big ledger takes a moment,
// so those totals are added up in the background.
func (v *saleEventsView) reload() {
	f := v.filter
	if f.SellerID == 0 && f.ProductID == 0 && strings.TrimSpace(f.Search) == "" {
		v.gen++
		t, err := v.st.SaleEventTotals(f)
		v.showTotals(t, err)
		return
	}
	n, err := v.st.CountSaleEvents(f)
	if err != nil {
		v.notice.ShowError(err)
		return
	}
	v.gen++
	gen := v.gen
	v.table.Reset(n, []string{lang.L("合计"), "", "", "", "", "…", "…"})
	v.count.SetText(lang.L("共 {{.Events}} 场销售", map[string]any{"Events": n}))
	run := v.sv.env.Run
	run.Go(func() {
		t, err := v.st.SaleEventTotals(f)
		run.Do(func() {
			if gen == v.gen { // else the filter changed meanwhile
				v.showTotals(t, err)
			}
		})
	})
}

func (v *saleEventsView) showTotals(t data.SaleTotals, err error) {
	if err != nil {
		v.notice.ShowError(err)
		return
	}
	args := map[string]any{"Events": t.Events, "Lines": t.Lines, "Amount": t.Amount.String(), "Who": v.who}
	if v.who == "" {
		v.table.Reset(t.Events, []string{lang.L("合计"), "", "", "", "", strconv.Itoa(t.Lines), t.Amount.String()})
		v.count.SetText(lang.L("共 {{.Events}} 场销售，{{.Lines}} 行，{{.Amount}}", args))
		return
	}
	// The figures are the seller's (product's) own lines, not the listed events' whole totals.
	v.table.Reset(t.Events, []string{v.who, "", "", "", "", strconv.Itoa(t.Lines), t.Amount.String()})
	v.count.SetText(lang.L("{{.Who}}：{{.Lines}} 笔 {{.Amount}}（{{.Events}} 场销售）", args))
}

func (v *saleEventsView) shown() {
	v.reloadVillages()
	if v.editor.open() {
		v.editor.reloadVillages()
	}
}

// open shows an event on the event page, asking first about unsaved changes there.
func (v *saleEventsView) open(id int64) {
	if v.editor.open() && v.editor.ev.ID == id {
		return
	}
	v.editor.guard(func() {
		if err := v.editor.load(id); err != nil {
			v.sv.env.Dialogs.ShowStoreError(err)
			return
		}
		v.showEditor()
	})
}

func (v *saleEventsView) showEditor() {
	v.list.Hide()
	v.editor.content.Show()
	v.editor.focusFirst()
}

// closeEditor goes back to the list (the caller has dealt with unsaved changes).
func (v *saleEventsView) closeEditor() {
	v.editor.reset()
	v.editor.content.Hide()
	v.list.Show()
	v.sv.env.Win.Canvas().Unfocus()
}

func (v *saleEventsView) canLeave(proceed func()) {
	if !v.editor.open() {
		proceed()
		return
	}
	v.editor.guard(proceed)
}

func (v *saleEventsView) action(a kit.Action) {
	if v.editor.open() {
		v.editor.action(a)
		return
	}
	switch a {
	case kit.ActionNew:
		v.editor.startNew()
		v.showEditor()
	case kit.ActionFind:
		v.sv.env.Win.Canvas().Focus(v.search)
	case kit.ActionDelete:
		if r, ok := v.table.Row(v.table.Selected()); ok {
			v.deleteEvent(r.ID, r.Date, r.Place)
		}
	case kit.ActionUndo:
		v.undoLast()
	}
}

// deleteEvent asks, deletes and offers undo.
func (v *saleEventsView) deleteEvent(id int64, date data.Date, place string, after ...func()) {
	what := lang.L("{{.Date}} 的销售记录", map[string]any{"Date": date.String()})
	if place != "" {
		what = fmt.Sprintf("%s（%s）", what, place)
	}
	v.sv.env.Dialogs.ConfirmDelete(what, func() {
		if err := v.st.DeleteSaleEvent(id); err != nil {
			v.sv.env.Dialogs.ShowStoreError(err)
			return
		}
		v.undo.Push(what, func() error { return v.st.RestoreSaleEvent(id) })
		v.table.ClearSelection()
		for _, f := range after {
			f()
		}
		v.notice.Show(lang.L("已删除{{.What}}", map[string]any{"What": what}), true)
	})
}

func (v *saleEventsView) undoLast() { v.undo.UndoLast(v.notice, v.sv.env.Dialogs) }
