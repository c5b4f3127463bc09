package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// moneySection is the 资金 tab: budget against disbursed, the funding lines by source and the
// disbursements, each list with a running total.
type moneySection struct {
	pg        *projectPage
	bar       *widget.ProgressBar
	summary   *widget.Label
	funding   *fyne.Container
	disbursed *fyne.Container
	content   *container.Scroll

	lines []data.FundingLine
	pays  []data.Disbursement
}

func newMoneySection(pg *projectPage) *moneySection {
	s := &moneySection{pg: pg}
	s.bar = widget.NewProgressBar()
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	s.funding = container.NewVBox()
	s.disbursed = container.NewVBox()
	addLine := widget.NewButtonWithIcon(lang.L("添加资金来源"), theme.ContentAddIcon(), func() { s.editLine(data.FundingLine{}) })
	addPay := widget.NewButtonWithIcon(lang.L("登记拨付"), theme.ContentAddIcon(), func() { s.editPay(data.Disbursement{}) })
	hideInTown(pg.pv.env, addLine, addPay)
	s.content = container.NewVScroll(container.NewVBox(
		sectionTitle(lang.L("预算与拨付"), nil), s.bar, s.summary,
		widget.NewSeparator(),
		sectionTitle(lang.L("资金来源"), addLine), s.funding,
		widget.NewSeparator(),
		sectionTitle(lang.L("拨付记录"), addPay), s.disbursed,
	))
	return s
}

func (s *moneySection) refresh() {
	defer relayout(s.content)
	id := s.pg.id()
	var err error
	if s.lines, err = s.pg.pv.st.FundingLines(id); err == nil {
		s.pays, err = s.pg.pv.st.Disbursements(id)
	}
	if err != nil {
		s.summary.SetText(kit.ErrorText(err))
		return
	}
	var budget, paid data.Money
	for _, l := range s.lines {
		budget += l.Amount
	}
	for _, d := range s.pays {
		paid += d.Amount
	}
	s.setBar(budget, paid)

	units := partnerNames(s.pg.pv.st)
	var rows []fyne.CanvasObject
	var running data.Money
	for _, l := range s.lines {
		running += l.Amount
		source := lang.L(l.Source)
		if u := units[l.PartnerID]; u != "" {
			source += "（" + u + "）"
		}
		rows = append(rows, container.NewGridWithColumns(5, truncLabel(source), rightLabel(l.Amount.String()),
			rightLabel(running.String()), truncLabel(l.Note), rowButtons(s.pg.pv.env, func() { s.editLine(l) }, func() { s.deleteLine(l) })))
	}
	showRows(s.funding, container.NewGridWithColumns(5, boldLabel(lang.L("资金来源"), false), boldLabel(lang.L("金额"), true),
		boldLabel(lang.L("累计"), true), boldLabel(lang.L("备注"), false), widget.NewLabel("")),
		rows, lang.L("还没有资金来源。点“添加资金来源”登记财政衔接资金、帮扶单位资金等。"))

	rows, running = nil, 0
	for _, d := range s.pays {
		running += d.Amount
		rows = append(rows, container.NewGridWithColumns(6, widget.NewLabel(d.Date.String()), rightLabel(d.Amount.String()),
			rightLabel(running.String()), rightLabel(percentText(budget, running)), truncLabel(d.Note),
			rowButtons(s.pg.pv.env, func() { s.editPay(d) }, func() { s.deletePay(d) })))
	}
	showRows(s.disbursed, container.NewGridWithColumns(6, boldLabel(lang.L("日期"), false), boldLabel(lang.L("金额"), true),
		boldLabel(lang.L("累计拨付"), true), boldLabel(lang.L("拨付率"), true), boldLabel(lang.L("备注"), false), widget.NewLabel("")),
		rows, lang.L("还没有拨付记录。"))
}

// setBar draws budget against disbursed and says it in words.
func (s *moneySection) setBar(budget, paid data.Money) {
	s.bar.Max = 1
	s.bar.Value = 0
	if budget > 0 {
		s.bar.Value = min(float64(paid)/float64(budget), 1)
	}
	s.bar.TextFormatter = func() string {
		return lang.L("已拨付 {{.Paid}} / 预算 {{.Budget}}（{{.Pct}}）",
			map[string]any{"Paid": paid.String(), "Budget": budget.String(), "Pct": percentText(budget, paid)})
	}
	s.bar.Refresh()
	switch {
	case budget == 0:
		s.summary.SetText(lang.L("还没有登记预算。"))
	case paid > budget:
		s.summary.SetText(lang.L("拨付已超过预算 {{.Over}}，请核对资金来源和拨付记录。", map[string]any{"Over": (paid - budget).String()}))
	default:
		s.summary.SetText(lang.L("预算 {{.Budget}}，已拨付 {{.Paid}}，未拨付 {{.Left}}。",
			map[string]any{"Budget": budget.String(), "Paid": paid.String(), "Left": (budget - paid).String()}))
	}
}

// BarText is what the budget bar says (tests).
func (s *moneySection) BarText() string { return s.bar.TextFormatter() }

func (s *moneySection) editLine(l data.FundingLine) {
	pv := s.pg.pv
	source := kit.NewSelect(kit.Translated(data.FundingSources), lang.L("请选择资金来源"), nil)
	sourceHint := kit.NewHintLabel()
	if l.Source != "" {
		source.SetSelected(lang.L(l.Source))
	}
	amount := kit.NewMoneyField()
	amount.SetOrClear(l.Amount)
	note := kit.NewTextField()
	note.SetText(l.Note)
	unit := partnerChoice(pv.st, lang.L("（不是帮扶单位出资）"), l.PartnerID)
	unitHint := kit.NewHintLabel()
	form := kit.FormGrid(
		kit.FieldRow(lang.L("资金来源"), source, sourceHint),
		kit.FieldRow(lang.L("出资的帮扶单位"), unit, unitHint),
		kit.FieldRow(lang.L("金额（元）"), amount, amount.Hint),
		kit.FieldRow(lang.L("备注"), note, note.Hint),
	)
	title := lang.L("添加资金来源")
	if l.ID != 0 {
		title = lang.L("修改资金来源")
	}
	targets := map[string]kit.ErrorTarget{"Source": sourceHint, "PartnerID": unitHint, "Amount": amount, "Note": note}
	pv.showChildDialog(title, form, targets, func() error {
		x := l
		x.ProjectID = s.pg.id()
		x.Source = ""
		if i := source.SelectedIndex(); i >= 0 {
			x.Source = data.FundingSources[i]
		}
		m, err := amount.Value()
		if err != nil {
			return kit.FieldErr("Amount", err)
		}
		x.Amount, x.Note, x.PartnerID = m, note.Text, idOf(unit.Value())
		return pv.st.SaveFundingLine(&x)
	}, amount)
}

func (s *moneySection) deleteLine(l data.FundingLine) {
	pv := s.pg.pv
	what := lang.L("资金来源“{{.Source}}” {{.Amount}}", map[string]any{"Source": lang.L(l.Source), "Amount": l.Amount.String()})
	pv.deleteChild(what, func() error { return pv.st.DeleteFundingLine(l.ID) }, func() error { return pv.st.RestoreFundingLine(l.ID) })
}

func (s *moneySection) editPay(d data.Disbursement) {
	pv := s.pg.pv
	date := kit.NewDateFieldAt(pv.env.Win, d.Date)
	amount := kit.NewMoneyField()
	amount.SetOrClear(d.Amount)
	note := kit.NewTextField()
	note.SetText(d.Note)
	form := kit.FormGrid(
		kit.FieldRow(lang.L("拨付日期"), date, date.Hint),
		kit.FieldRow(lang.L("金额（元）"), amount, amount.Hint),
		kit.FieldRow(lang.L("备注"), note, note.Hint),
	)
	title := lang.L("登记拨付")
	if d.ID != 0 {
		title = lang.L("修改拨付记录")
	}
	targets := map[string]kit.ErrorTarget{"Date": date, "Amount": amount, "Note": note}
	pv.showChildDialog(title, form, targets, func() error {
		x := d
		x.ProjectID = s.pg.id()
		day, err := date.Value()
		if err != nil {
			return kit.FieldErr("Date", err)
		}
		m, err := amount.Value()
		if err != nil {
			return kit.FieldErr("Amount", err)
		}
		x.Date, x.Amount, x.Note = day, m, note.Text
		return pv.st.SaveDisbursement(&x)
	}, amount)
}

func (s *moneySection) deletePay(d data.Disbursement) {
	pv := s.pg.pv
	what := lang.L("{{.Date}} 的拨付 {{.Amount}}", map[string]any{"Date": d.Date.String(), "Amount": d.Amount.String()})
	pv.deleteChild(what, func() error { return pv.st.DeleteDisbursement(d.ID) }, func() error { return pv.st.RestoreDisbursement(d.ID) })
}

func truncLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// mutedLabel is a quiet remark (an empty list, a how-to): smaller, but dark enough to read.
func mutedLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.SizeName = theme.SizeNameCaptionText
	l.Wrapping = fyne.TextWrapWord
	return l
}
