package app

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// incomeView is the collective-income ledger (集体收入): filters, a totals strip, the year's progress
// against the village target, the entries a page at a time, and a form beside them.
type incomeView struct {
	env *Env
	st  *data.Store

	year, month, village, direction, category, project *kit.Choice
	search                                             *kit.TextField

	stripIncome, stripOperating, stripExpense, stripNet *widget.Label
	stripCount                                          *widget.Label
	progress                                            *fyne.Container

	table  *kit.LedgerTable[data.EntryRow]
	form   *entryForm
	notice *kit.NoticeBar
	undo   kit.UndoStack

	filter   data.EntryFilter
	villages []data.Village
}

func incomeScreen(env *Env) *ScreenView {
	v := &incomeView{env: env, st: env.Store}
	content := v.build()
	env.OnChange(v.storeChanged, "collective_entries", "villages", "village_targets", "projects", "contracts")
	v.reloadChoices()
	v.reload()
	return &ScreenView{
		Content:  kit.NewHolder(v, content),
		OnAction: v.action,
		OnShow:   func() { v.form.lc.Check() },
		CanLeave: v.form.lc.Guard,
	}
}

func (v *incomeView) build() fyne.CanvasObject {
	heading := widget.NewLabelWithStyle(lang.L("集体收入"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	newBtn := widget.NewButtonWithIcon(lang.L("新增收支 (Ctrl+N)"), theme.ContentAddIcon(), func() { v.action(kit.ActionNew) })
	newBtn.Importance = widget.HighImportance
	hideInTown(v.env, newBtn)

	v.year = kit.NewChoice(lang.L("全部年度"), nil, nil, func(string) { v.filterChanged() })
	var months, monthValues []string
	for m := 1; m <= 12; m++ {
		months = append(months, lang.L("{{.M}}月", map[string]any{"M": m}))
		monthValues = append(monthValues, strconv.Itoa(m))
	}
	v.month = kit.NewChoice(lang.L("全年"), months, monthValues, func(string) { v.filterChanged() })
	v.village = kit.NewChoice(lang.L("全部村"), nil, nil, func(string) { v.filterChanged() })
	v.direction = kit.NewChoice(lang.L("收入和支出"), []string{lang.L("收入"), lang.L("支出")},
		[]string{data.DirectionIncome, data.DirectionExpense}, func(string) { v.directionChanged() })
	v.category = kit.NewChoice(lang.L("全部科目"), nil, nil, func(string) { v.filterChanged() })
	v.setCategories()
	v.project = kit.NewChoice(lang.L("全部项目"), nil, nil, func(string) { v.filterChanged() })
	v.search = kit.NewTextField() // passes Ctrl+S/N/F and Esc on to the screen
	v.search.SetPlaceHolder(lang.L("搜索明细、对方、凭证号、备注 (Ctrl+F)"))
	v.search.OnChanged = func(string) { v.filterChanged() }

	filters := container.NewBorder(nil, nil,
		container.NewHBox(v.year, v.month, v.village, v.direction, v.category, v.project), nil, v.search)

	v.stripIncome = stripValue()
	v.stripOperating = stripValue()
	v.stripExpense = stripValue()
	v.stripNet = stripValue()
	v.stripCount = widget.NewLabel("")
	strip := container.NewGridWithColumns(4,
		stripCard(lang.L("收入合计"), v.stripIncome),
		stripCard(lang.L("经营性收入"), v.stripOperating),
		stripCard(lang.L("支出合计"), v.stripExpense),
		stripCard(lang.L("净收入"), v.stripNet))
	v.progress = container.NewVBox()

	v.table = kit.NewLedgerTable(incomeColumns(), func(offset, limit int) ([]data.EntryRow, error) {
		return v.st.ListEntries(v.filter, offset, limit)
	})
	v.table.OnSelect = func(_ int, r data.EntryRow) { v.open(r) }
	v.table.Table.Act = v.env.Act
	v.table.OnError = v.notice.ShowError

	v.notice = kit.NewNoticeBar(v.undoLast)
	imports := newImportBar(v.env, data.ImportIncome, v.notice)
	v.form = newEntryForm(v)

	split := container.NewHSplit(container.NewBorder(nil, nil, nil, nil, v.table.Table), v.form.content)
	split.SetOffset(0.68)

	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(imports.Content(), newBtn), heading),
		filters,
		strip,
		v.progress,
	)
	bottom := container.NewBorder(nil, nil, v.stripCount, nil, v.notice.Content())
	return container.NewPadded(container.NewBorder(top, bottom, nil, nil, split))
}

func incomeColumns() []kit.LedgerColumn[data.EntryRow] {
	return []kit.LedgerColumn[data.EntryRow]{
		// No 收支 column: the categories of income and expense differ, and expenses show with a minus.
		{Title: "日期", Width: 100, Whole: true, Text: func(r *data.EntryRow) string { return r.Date.String() }},
		{Title: "村", Width: 86, Text: func(r *data.EntryRow) string { return r.Village }},
		{Title: "科目", Width: 92, Text: func(r *data.EntryRow) string { return kit.Word(r.Category) }},
		{Title: "明细", Width: 96, Text: func(r *data.EntryRow) string { return r.SubItem }},
		{Title: "金额", Width: 118, Right: true, Text: func(r *data.EntryRow) string { return signedAmount(r) }},
		{Title: "对方单位或个人", Width: 122, Text: func(r *data.EntryRow) string { return r.Counterparty }},
		{Title: "关联项目", Width: 116, Text: func(r *data.EntryRow) string { return projectLabel(r.Project, r.ProjectDeleted) }},
		{Title: "凭证号", Width: 98, Text: func(r *data.EntryRow) string { return r.Voucher }},
		// The contract whose receipt booked the entry: it is changed there, not here.
		{Title: "来源合同", Width: 110, Text: func(r *data.EntryRow) string { return r.Contract }},
	}
}

// signedAmount shows expenses with a minus sign so a column of mixed entries reads at a glance.
func signedAmount(r *data.EntryRow) string {
	if r.Direction == data.DirectionExpense {
		return (-r.Amount).String()
	}
	return r.Amount.String()
}

func stripValue() *widget.Label {
	l := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

func stripCard(title string, value *widget.Label) fyne.CanvasObject {
	t := widget.NewLabel(title)
	return widget.NewCard("", "", container.NewBorder(nil, nil, t, nil, value))
}

// setYears offers the years with entries and the current one, newest first, keeping the choice.
func (v *incomeView) setYears(years []int) {
	thisYear := data.Today().Year()
	all := append([]int{thisYear}, years...)
	slices.Sort(all)
	all = slices.Compact(all)
	slices.Reverse(all)
	var labels, values []string
	for _, y := range all {
		labels = append(labels, lang.L("{{.Y}}年", map[string]any{"Y": y}))
		values = append(values, strconv.Itoa(y))
	}
	first := len(v.year.Values()) == 0
	v.year.SetOptions(labels, values)
	if first {
		// Start on the latest year that has entries, so a ledger kept last year does not look empty.
		start := thisYear
		if len(years) > 0 && slices.Max(years) < thisYear {
			start = slices.Max(years)
		}
		v.year.SetValue(strconv.Itoa(start))
	}
}

func (v *incomeView) setCategories() {
	var cats []string
	switch v.direction.Value() {
	case data.DirectionIncome:
		cats = data.IncomeCategories
	case data.DirectionExpense:
		cats = data.ExpenseCategories
	default:
		cats = append(append([]string{}, data.IncomeCategories...), data.ExpenseCategories...)
	}
	v.category.SetOptions(kit.Translated(cats), cats)
}

func (v *incomeView) directionChanged() {
	v.setCategories()
	v.filterChanged()
}

// reloadChoices refreshes the villages, years and projects the filters offer.
func (v *incomeView) reloadChoices() {
	vs, err1 := v.st.Villages()
	ys, err2 := v.st.EntryYears()
	labels, values, err3 := projectChoices(v.st)
	if err := cmp.Or(err1, err2, err3); err != nil {
		v.notice.ShowError(err)
		return
	}
	v.villages = vs
	names, ids := villageNames(vs)
	v.village.SetOptions(names, idValues(ids))
	v.setYears(ys)
	v.project.SetOptions(labels, values)
	v.form.reloadChoices()
}

// projectChoices lists every live project by name for pickers (a village keeps tens, not thousands).
func projectChoices(st *data.Store) (labels, values []string, err error) {
	ps, err := st.ProjectChoices(0)
	for _, p := range ps {
		labels = append(labels, p.Name)
		values = append(values, strconv.FormatInt(p.ID, 10))
	}
	return labels, values, err
}

func (v *incomeView) readFilter() data.EntryFilter {
	f := data.EntryFilter{
		VillageID: idOf(v.village.Value()),
		Direction: v.direction.Value(),
		Category:  v.category.Value(),
		ProjectID: idOf(v.project.Value()),
		Search:    v.search.Text,
	}
	f.Year, _ = strconv.Atoi(v.year.Value())
	if f.Year != 0 {
		f.Month, _ = strconv.Atoi(v.month.Value())
	}
	return f
}

func (v *incomeView) filterChanged() {
	if v.table == nil {
		return // still building
	}
	v.reload()
}

func (v *incomeView) storeChanged() {
	v.reloadChoices()
	v.reload()
}

// reload reads the count, the totals and the progress for the filter, and the table's first pages on demand.
func (v *incomeView) reload() {
	v.filter = v.readFilter()
	n, err := v.st.CountEntries(v.filter)
	if err != nil {
		v.notice.ShowError(err)
		return
	}
	tot, err := v.st.EntryTotals(v.filter)
	if err != nil {
		v.notice.ShowError(err)
		return
	}
	v.stripIncome.SetText(tot.Income.String())
	v.stripOperating.SetText(tot.Operating.String())
	v.stripExpense.SetText(tot.Expense.String())
	v.stripNet.SetText(tot.Net.String())
	v.stripCount.SetText(lang.L("共 {{.N}} 笔", map[string]any{"N": n}))
	v.table.Reset(n, nil)
	v.reloadProgress()
}

// reloadProgress shows the year's progress towards each village's target (one village when filtered).
func (v *incomeView) reloadProgress() {
	v.progress.RemoveAll()
	year := v.filter.Year
	if year == 0 {
		year = data.Today().Year()
	}
	for _, vil := range v.villages {
		if v.filter.VillageID != 0 && vil.ID != v.filter.VillageID {
			continue
		}
		tp, err := v.st.TargetProgress(vil.ID, year)
		if err != nil {
			v.notice.ShowError(err)
			continue
		}
		v.progress.Add(progressRow(vil.Name, tp))
	}
	v.progress.Refresh()
}

func progressRow(village string, tp *data.TargetProgress) fyne.CanvasObject {
	title := widget.NewLabel(lang.L("{{.V}} {{.Y}}年目标", map[string]any{"V": village, "Y": tp.Year}))
	text := widget.NewLabel(progressText(tp))
	if !tp.HasTarget {
		kit.SecondaryText(text)
		return container.NewHBox(title, text)
	}
	bar := widget.NewProgressBar()
	bar.Max = 1
	bar.Value = min(float64(tp.Percent)/100, 1)
	bar.TextFormatter = func() string { return fmt.Sprintf("%d%%", tp.Percent) }
	if tp.Remaining == 0 {
		text.Importance = widget.SuccessImportance
	}
	return container.NewBorder(nil, nil, title, text, bar)
}

// progressText is the sentence under the totals, in the user's language.
func progressText(tp *data.TargetProgress) string {
	if CurrentLanguage() == LangChinese {
		return tp.Chinese()
	}
	measure := lang.L(data.MeasureName(tp.Measure))
	if !tp.HasTarget {
		return lang.L("income.progress.none", map[string]any{"Measure": measure})
	}
	if tp.Remaining == 0 {
		return lang.L("income.progress.reached", map[string]any{"Percent": tp.Percent, "Target": tp.Target.String(), "Measure": measure})
	}
	return lang.L("income.progress.short", map[string]any{"Percent": tp.Percent, "Target": tp.Target.String(), "Remaining": tp.Remaining.String(), "Measure": measure})
}

// open loads an entry into the form, asking first when the form holds unsaved changes.
func (v *incomeView) open(r data.EntryRow) {
	if v.form.entry.ID == r.ID && !v.form.lc.Dirty() {
		return
	}
	v.form.lc.Guard(func() {
		x, err := v.st.GetEntry(r.ID)
		if err != nil {
			v.notice.ShowError(err)
			return
		}
		v.form.load(*x)
		v.form.showReceipt(r.ContractID, r.Contract)
	})
}

func (v *incomeView) action(a kit.Action) {
	switch a {
	case kit.ActionNew:
		v.form.lc.Guard(func() {
			v.table.ClearSelection()
			v.form.startNew()
			v.env.Win.Canvas().Focus(v.form.date) // typing starts at once, from the first field
		})
	case kit.ActionSave:
		v.form.save()
	case kit.ActionCancel:
		v.form.cancel()
	case kit.ActionDelete:
		v.form.delete()
	case kit.ActionFind:
		v.env.Win.Canvas().Focus(v.search)
	case kit.ActionUndo:
		v.undoLast()
	}
}

func (v *incomeView) undoLast() { v.undo.UndoLast(v.notice, v.env.Dialogs) }

// showYearOf switches the year filter to d's year when it shows another year, so a saved entry
// never seems to vanish.
func (v *incomeView) showYearOf(d data.Date) {
	y, _ := strconv.Atoi(v.year.Value())
	if y == 0 || y == d.Year() {
		return
	}
	v.setYears(append([]int{d.Year()}, yearsOf(v.year.Values())...))
	v.year.SetValue(strconv.Itoa(d.Year()))
	v.month.SetValue("")
	v.reload()
}

func yearsOf(values []string) []int {
	var out []int
	for _, s := range values {
		if y, err := strconv.Atoi(s); err == nil {
			out = append(out, y)
		}
	}
	return out
}
