package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// rentSection is a contract's 租金与收款: what is due on each item of its rent schedule, what was
// received and what is left, and the receipts. Recording a receipt books the collective income
// entry in the same write (the data layer's one way in), and deleting it takes the entry along.
type rentSection struct {
	p        *contractPage
	summary  *widget.Label
	schedule *kit.LedgerTable[data.RentItemRow]
	receipts *kit.LedgerTable[data.Receipt]
	content  fyne.CanvasObject

	items    []data.RentItemRow
	list     []data.Receipt
	scrolled bool // the schedule was scrolled to the first item not fully paid
}

func newRentSection(p *contractPage) *rentSection {
	r := &rentSection{p: p}
	env := p.v.env
	r.summary = widget.NewLabel("")
	r.summary.Truncation = fyne.TextTruncateEllipsis
	r.schedule = kit.NewLedgerTable(scheduleColumns(), func(offset, limit int) ([]data.RentItemRow, error) {
		return pageOf(r.items, offset, limit), nil
	})
	r.schedule.Table.Act = func(a kit.Action) { // Delete on an item deletes nothing, least of all the contract
		if a != kit.ActionDelete {
			env.Act(a)
		}
	}
	r.schedule.OnSelect = func(_ int, it data.RentItemRow) {
		r.schedule.Table.UnselectAll() // a second tap on the same item opens it again
		r.newReceipt(it.Period)
	}
	r.receipts = kit.NewLedgerTable(receiptColumns(), func(offset, limit int) ([]data.Receipt, error) {
		return pageOf(r.list, offset, limit), nil
	})
	// Delete deletes the chosen receipt (after asking), never the contract; other keys go to the screen.
	r.receipts.Table.Act = func(a kit.Action) {
		if a != kit.ActionDelete {
			env.Act(a)
		} else if x, ok := r.receipts.Row(r.receipts.Selected()); ok {
			r.deleteReceipt(x)
		}
	}
	r.receipts.OnSelect = func(_ int, x data.Receipt) {
		r.receipts.Table.UnselectAll() // the receipt stays chosen for Delete; a second tap opens it again
		r.openReceipt(x)
	}
	add := widget.NewButtonWithIcon(lang.L("登记收款 (Ctrl+N)"), theme.ContentAddIcon(), func() { r.newReceipt(0) })
	add.Importance = widget.HighImportance
	hideInTown(env, add)
	how := widget.NewLabel(lang.L("每笔收款同时记入“集体收入”；点一期登记收款，点一笔收款修改或删除"))
	how.Truncation = fyne.TextTruncateEllipsis
	kit.SecondaryText(how)
	split := container.NewVSplit(
		container.NewBorder(container.NewBorder(nil, nil, boldTitle(lang.L("租金计划")), add, r.summary), nil, nil, nil, r.schedule.Table),
		container.NewBorder(container.NewBorder(nil, nil, boldTitle(lang.L("收款记录")), nil, how), nil, nil, nil, r.receipts.Table))
	split.SetOffset(0.62)
	r.content = split
	return r
}

// boldTitle heads a part of a page.
func boldTitle(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// pageOf is limit rows of a short list held in memory, from offset on.
func pageOf[T any](rows []T, offset, limit int) []T {
	return rows[min(offset, len(rows)):min(offset+limit, len(rows))]
}

func scheduleColumns() []kit.LedgerColumn[data.RentItemRow] {
	overdue := func(it *data.RentItemRow) bool { return it.Left() > 0 && !data.Today().Before(it.Due) }
	red := func(it *data.RentItemRow) widget.Importance {
		if overdue(it) {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}
	return []kit.LedgerColumn[data.RentItemRow]{
		{Title: "期数", Width: 70, Whole: true, Text: func(it *data.RentItemRow) string { return rentPeriodName(it.Period) }},
		{Title: "起止", Width: 200, Whole: true, Text: func(it *data.RentItemRow) string { return spanText(it.From, it.To) }},
		{Title: "应交日期", Width: 100, Whole: true, Text: func(it *data.RentItemRow) string { return it.Due.String() }},
		{Title: "应收", Width: 120, Right: true, Text: func(it *data.RentItemRow) string { return it.Amount.String() }},
		{Title: "已收", Width: 120, Right: true, Text: func(it *data.RentItemRow) string { return moneyOrBlank(it.Received) }},
		{Title: "未收", Width: 120, Right: true, Text: func(it *data.RentItemRow) string { return moneyOrBlank(it.Left()) }, Importance: red},
		{Title: "状态", Width: 90, Text: func(it *data.RentItemRow) string {
			switch {
			case it.Left() <= 0:
				return lang.L("已收齐")
			case overdue(it):
				return lang.L("逾期")
			case it.Received > 0:
				return lang.L("部分收款")
			}
			return lang.L("未到期")
		}, Importance: red},
	}
}

func receiptColumns() []kit.LedgerColumn[data.Receipt] {
	return []kit.LedgerColumn[data.Receipt]{
		{Title: "收款日期", Width: 110, Whole: true, Text: func(x *data.Receipt) string { return x.Date.String() }},
		{Title: "期数", Width: 70, Whole: true, Text: func(x *data.Receipt) string { return rentPeriodName(x.Period) }},
		{Title: "金额", Width: 120, Right: true, Text: func(x *data.Receipt) string { return x.Amount.String() }},
		{Title: "凭证号", Width: 100, Text: func(x *data.Receipt) string { return x.Voucher }},
		{Title: "备注", Width: 240, Text: func(x *data.Receipt) string { return x.Note }},
	}
}

// rentPeriodName is 第3期.
func rentPeriodName(n int) string { return lang.L("第{{.N}}期", map[string]any{"N": n}) }

// spanText is 2025-01-01 至 2025-12-31.
func spanText(from, to data.Date) string {
	return lang.L("{{.From}} 至 {{.To}}", map[string]any{"From": from.String(), "To": to.String()})
}

// reload reads the schedule and receipts of the saved contract.
func (r *rentSection) reload() {
	st := r.p.v.env.Store
	id := r.p.c.ID
	items, err := st.ContractSchedule(id)
	if err != nil {
		r.summary.SetText(kit.ErrorText(err))
		return
	}
	list, err := st.Receipts(id)
	if err != nil {
		r.summary.SetText(kit.ErrorText(err))
		return
	}
	r.items, r.list = items, list
	var amount data.Money
	for _, it := range items {
		amount += it.Amount
	}
	r.schedule.Reset(len(items), nil)
	r.receipts.Reset(len(list), nil)
	if row := r.p.row; row != nil {
		r.summary.SetText(lang.L("全期 {{.Total}}；到今天应收 {{.Due}}，已收 {{.Received}}，逾期 {{.Overdue}}", map[string]any{
			"Total": amount.String(), "Due": row.DueToDate.String(), "Received": row.Received.String(), "Overdue": row.Overdue.String()}))
		r.summary.Importance = widget.MediumImportance
		if row.Overdue > 0 {
			r.summary.Importance = widget.DangerImportance
		}
		r.summary.Refresh()
	}
}

// showOwed scrolls the schedule, the first time it shows, to the first item not fully paid, and
// the receipts to the latest: a long lease opens where the rent is still owed.
func (r *rentSection) showOwed() {
	if r.scrolled {
		return
	}
	r.scrolled = true
	if first := slices.IndexFunc(r.items, func(it data.RentItemRow) bool { return it.Left() > 0 }); first > 0 {
		r.schedule.ShowRowAtTop(first)
	}
	r.receipts.Table.ScrollToBottom()
}

// newReceipt opens the receipt form for item period (0: the earliest item not fully paid; none
// when all are paid; none in a town database).
func (r *rentSection) newReceipt(period int) {
	if r.p.c.ID == 0 || r.p.v.env.Dialogs.ReadOnly {
		return
	}
	if period == 0 {
		i := slices.IndexFunc(r.items, func(it data.RentItemRow) bool { return it.Left() > 0 })
		if i < 0 {
			r.p.v.reg.Notice.Show(lang.L("这份合同的租金已经全部收齐"), false)
			return
		}
		period = r.items[i].Period
	}
	r.openReceipt(data.Receipt{ContractID: r.p.c.ID, Period: period, Date: data.Today()})
}

// openReceipt edits receipt x (ID 0: a new one) in a form dialog. The form says that saving books
// the income entry, since that is where the ledger's 经营收入 comes from.
func (r *rentSection) openReceipt(x data.Receipt) {
	env := r.p.v.env
	c := r.p.c
	var labels []string
	for _, it := range r.items {
		labels = append(labels, lang.L("{{.Period}}（{{.Span}}）未收 {{.Left}}", map[string]any{
			"Period": rentPeriodName(it.Period), "Span": spanText(it.From, it.To), "Left": it.Left().String()}))
	}
	period := kit.NewSelect(labels, lang.L("请选择交的是哪一期"), nil)
	periodHint := kit.NewHintLabel()
	date := kit.NewDateFieldAt(env.Win, x.Date)
	amount := kit.NewMoneyField()
	amount.Optional = true
	voucher, note := kit.NewTextField(), kit.NewTextField()
	voucher.SetText(x.Voucher)
	note.SetText(x.Note)
	item := func() (data.RentItemRow, bool) {
		i := period.SelectedIndex()
		return chosen(r.items, i), i >= 0 && i < len(r.items)
	}
	if i := x.Period - 1; i >= 0 && i < len(r.items) {
		period.SetSelectedIndex(i)
	}
	amount.SetOrClear(x.Amount)
	if it, ok := item(); ok && x.ID == 0 {
		amount.SetOrClear(max(it.Left(), 0))
	}
	booking := widget.NewLabel(lang.L("保存后，村记同时在“集体收入”里记一笔经营收入（{{.SubItem}}），对方 {{.Party}}，备注合同编号和期数。这笔收入只能在这里修改或删除。",
		map[string]any{"SubItem": lang.L(data.ContractSubItem(c.Kind)), "Party": c.Party}))
	booking.Wrapping = fyne.TextWrapWord
	kit.SecondaryText(booking)
	form := container.NewVBox(booking, kit.FormGrid(
		kit.FieldRow(lang.L("期数"), period, periodHint),
		kit.FieldRow(lang.L("收款日期"), date, date.Hint),
		kit.FieldRow(lang.L("金额（元）"), amount, amount.Hint),
		kit.FieldRow(lang.L("凭证号"), voucher, voucher.Hint),
		kit.FieldRow(lang.L("备注"), note, note.Hint)))
	var fd *kit.FormDialog
	if x.ID != 0 && !r.p.v.env.Dialogs.ReadOnly {
		del := widget.NewButtonWithIcon(lang.L("删除这笔收款"), theme.DeleteIcon(), func() {
			fd.Close()
			r.deleteReceipt(x)
		})
		del.Importance = widget.DangerImportance
		form.Add(container.NewHBox(layout.NewSpacer(), del))
	}
	read := func() (data.Receipt, *data.ValidationError) {
		y, problems := x, &data.ValidationError{}
		if it, ok := item(); ok {
			y.Period = it.Period
		}
		y.Date = parsedValue(&date.ParsedField, "Date", problems)
		y.Amount = parsedValue(&amount.ParsedField, "Amount", problems)
		y.Voucher, y.Note = voucher.Text, note.Text
		return y, problems
	}
	title := lang.L("登记收款")
	if x.ID != 0 {
		title = lang.L("修改收款")
	}
	targets := map[string]kit.ErrorTarget{"Period": periodHint, "Date": date, "Amount": amount, "Voucher": voucher, "Note": note}
	fd = env.Dialogs.ShowForm(title, form, 600, targets, func() error {
		y, _ := read()
		if err := env.Store.SaveReceipt(&y); err != nil {
			return err
		}
		r.p.v.reg.Notice.Show(lang.L("已登记{{.Period}}收款 {{.Amount}}，并记入集体收入", map[string]any{
			"Period": rentPeriodName(y.Period), "Amount": y.Amount.String()}), false)
		return nil
	}, amount)
	fd.Validate = func() *data.ValidationError { _, problems := read(); return problems }
	typedAmount := x.ID != 0
	period.OnChanged = func(string) {
		if it, ok := item(); ok && !typedAmount {
			fd.Quietly(func() { amount.SetOrClear(max(it.Left(), 0)) })
		}
		fd.Edited("Period")
	}
	amount.OnEdit = func() { typedAmount = true; fd.Edited("Amount") }
	date.OnEdit = func() { fd.Edited("Date") }
	voucher.OnChanged = func(string) { fd.Edited("Voucher") }
	note.OnChanged = func(string) { fd.Edited("Note") }
}

// deleteReceipt deletes a receipt, and with it its income entry, after asking; Ctrl+Z brings both back.
func (r *rentSection) deleteReceipt(x data.Receipt) {
	env := r.p.v.env
	what := lang.L("{{.Period}}收款 {{.Amount}}（{{.Date}}）", map[string]any{
		"Period": rentPeriodName(x.Period), "Amount": x.Amount.String(), "Date": x.Date.String()})
	env.Dialogs.ConfirmDeleteDetail(what, lang.L("“集体收入”里对应的那笔收入会一并删除；撤销时一起恢复。"), func() {
		if err := env.Store.DeleteReceipt(x.ID); err != nil {
			env.Dialogs.ShowStoreError(err)
			return
		}
		r.receipts.ClearSelection()
		r.p.v.reg.Deleted(what, func() error { return env.Store.RestoreReceipt(x.ID) })
	})
}
