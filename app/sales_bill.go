package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// sellerBillView is the 共富账单: what each household, cooperative or the collective sold and
// earned in a period, biggest earners first. Choosing a seller shows their sales events.
type sellerBillView struct {
	sv *salesView
	st *data.Store

	period  *kit.TextField
	village *kit.Choice
	table   *kit.LedgerTable[data.SellerBillRow]
	summary *widget.Label
	p       data.Period
	content fyne.CanvasObject
}

func newSellerBillView(sv *salesView) *sellerBillView {
	b := &sellerBillView{sv: sv, st: sv.st, p: data.YearPeriod(data.Today().Year())}
	b.period = kit.NewTextField()
	b.period.SetText(b.p.String())
	b.period.SetPlaceHolder(lang.L("2025、2025Q3、2025-07 或 2025-01-01..2025-03-31"))
	b.period.OnChanged = func(string) { b.periodChanged() }
	b.village = kit.NewChoice(lang.L("全部村"), nil, nil, func(string) { b.reload() })
	b.table = kit.NewLedgerTable(billColumns(), func(offset, limit int) ([]data.SellerBillRow, error) {
		return b.st.SellerBill(b.p, idOf(b.village.Value()), offset, limit)
	})
	b.table.OnSelect = func(_ int, r data.SellerBillRow) {
		sv.showEventsOf(r.SellerID, r.Name+"（"+r.Village+"）", b.p)
	}
	b.table.Table.Act = sv.env.Act
	b.summary = widget.NewLabel("")
	b.summary.Wrapping = fyne.TextWrapWord

	heading := widget.NewLabelWithStyle(lang.L("共富账单"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	hint := widget.NewLabel(lang.L("点一行可查看这户的每一场销售"))
	kit.SecondaryText(hint)
	top := container.NewVBox(
		heading,
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("期间")), b.village.Sel,
			container.NewVBox(b.period, b.period.Hint)),
		b.summary,
	)
	b.content = container.NewPadded(container.NewBorder(top, hint, nil, nil, b.table.Table))
	b.reload()
	return b
}

func billColumns() []kit.LedgerColumn[data.SellerBillRow] {
	return []kit.LedgerColumn[data.SellerBillRow]{
		{Title: "卖家", Width: 240, Text: func(r *data.SellerBillRow) string { return r.Name }},
		{Title: "类别", Width: 80, Text: func(r *data.SellerBillRow) string { return kit.Word(r.Kind) }},
		{Title: "户类别", Width: 80, Text: func(r *data.SellerBillRow) string { return kit.Word(r.Status) }},
		{Title: "村", Width: 100, Text: func(r *data.SellerBillRow) string { return r.Village }},
		{Title: "笔数", Width: 70, Right: true, Text: func(r *data.SellerBillRow) string { return strconv.Itoa(r.Lines) }},
		{Title: "销售收入", Width: 150, Right: true, Text: func(r *data.SellerBillRow) string { return r.Amount.String() }},
	}
}

func (b *sellerBillView) periodChanged() {
	p, err := data.ParsePeriod(b.period.Text)
	if err != nil {
		b.period.SetError(kit.ErrorText(err))
		return
	}
	b.period.SetError("")
	b.p = p
	b.reload()
}

func (b *sellerBillView) reload() {
	names, ids, err := villageChoices(b.st)
	if err != nil {
		b.summary.SetText(kit.ErrorText(err))
		return
	}
	b.village.SetOptions(names, idValues(ids))
	t, err := b.st.SellerBillTotals(b.p, idOf(b.village.Value()))
	if err != nil {
		b.summary.SetText(kit.ErrorText(err))
		return
	}
	b.table.Reset(t.Sellers, []string{lang.L("合计"), "", "", "", strconv.Itoa(t.Lines), t.Amount.String()})
	b.summary.SetText(lang.L("{{.Period}}：{{.Sellers}} 户（含合作社、村集体）卖出 {{.Lines}} 笔，收入合计 {{.Amount}}",
		map[string]any{"Period": periodName(b.p), "Sellers": t.Sellers, "Lines": t.Lines, "Amount": t.Amount.String()}))
}

func (b *sellerBillView) action(a kit.Action) {
	if a == kit.ActionFind {
		b.sv.env.Win.Canvas().Focus(b.period)
	}
}
