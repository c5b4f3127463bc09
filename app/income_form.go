package app

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// entryForm is the panel beside the ledger where one income or expense entry is typed or changed.
// It checks as the user types with the data layer's messages, and never clears what was typed
// when something is wrong.
type entryForm struct {
	v     *incomeView
	entry data.CollectiveEntry // what was loaded; ID 0 for a new entry

	title        *widget.Label
	date         *dateField
	village      *selectField
	villageHint  *hintLabel
	direction    *selectField // one Tab stop (a radio group takes one per option); ←/→ switch
	category     *selectField
	categoryHint *hintLabel
	subItem      *completionField
	amount       *moneyField
	counterparty *textField
	voucher      *textField
	project      *choice
	projectHint  *hintLabel
	note         *noteField
	formHint     *hintLabel

	saveBtn, cancelBtn, deleteBtn *widget.Button
	content                       fyne.CanvasObject

	villageIDs []int64
	touched    map[string]bool
	attempted  bool // a save was tried: every problem shows, touched or not
	dirty      bool // typed since loaded or saved
	loading    bool // filling the fields from code, not the user
	problems   int  // problems found by the last check
}

func newEntryForm(v *incomeView) *entryForm {
	f := &entryForm{v: v, touched: map[string]bool{}}
	f.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	f.date = newDateField(v.env.Win)
	f.date.OnEdit = func() { f.edited("Date") }
	f.village = newSelect(nil, lang.L("请选择村"), func(string) { f.edited("VillageID") })
	f.villageHint = newHintLabel()
	lastDirection := ""
	f.direction = newSelect([]string{lang.L("收入"), lang.L("支出")}, "", func(s string) {
		if s != lastDirection { // a Select also reports choosing the option it already shows
			lastDirection = s
			f.directionChanged()
		}
	})
	f.category = newSelect(nil, lang.L("请选择科目"), func(string) { f.edited("Category") })
	f.categoryHint = newHintLabel()
	f.subItem = newCompletionField(func(prefix string) []string {
		list, _ := v.st.SubItemSuggestions(f.categoryValue(), prefix, 20)
		return list
	})
	f.subItem.SetPlaceHolder(lang.L("例如 土地流转费"))
	f.subItem.OnEdit = func() { f.edited("SubItem") }
	f.amount = newMoneyField()
	f.amount.OnEdit = func() { f.edited("Amount") }
	f.counterparty = newTextField()
	f.counterparty.OnChanged = func(string) { f.edited("Counterparty") }
	f.voucher = newTextField()
	f.voucher.OnChanged = func(string) { f.edited("Voucher") }
	f.project = newChoice(lang.L("（不关联项目）"), nil, nil, func(string) { f.edited("ProjectID") })
	f.projectHint = newHintLabel()
	f.note = newNoteField()
	f.note.OnChanged = func(string) { f.edited("Note") }
	f.formHint = newHintLabel()

	f.saveBtn = widget.NewButtonWithIcon(lang.L("保存 (Ctrl+S)"), theme.DocumentSaveIcon(), f.save)
	f.saveBtn.Importance = widget.HighImportance
	f.cancelBtn = widget.NewButtonWithIcon(lang.L("取消 (Esc)"), theme.CancelIcon(), f.cancel)
	f.deleteBtn = widget.NewButtonWithIcon(lang.L("删除"), theme.DeleteIcon(), f.delete)
	f.deleteBtn.Importance = widget.DangerImportance

	grid := formGrid(
		fieldRow(lang.L("日期"), f.date, f.date.Hint),
		fieldRow(lang.L("村"), f.village, f.villageHint),
		fieldRow(lang.L("收支"), f.direction, nil),
		fieldRow(lang.L("科目"), f.category, f.categoryHint),
		fieldRow(lang.L("明细项目"), f.subItem, f.subItem.Hint),
		fieldRow(lang.L("金额（元）"), f.amount, f.amount.Hint),
		fieldRow(lang.L("对方单位或个人"), f.counterparty, f.counterparty.Hint),
		fieldRow(lang.L("凭证号"), f.voucher, f.voucher.Hint),
		fieldRow(lang.L("关联项目"), f.project, f.projectHint),
		fieldRow(lang.L("备注"), f.note, f.note.Hint),
	)
	buttons := container.NewHBox(f.saveBtn, f.cancelBtn, layoutSpacer(), f.deleteBtn)
	f.content = container.NewBorder(f.title, container.NewVBox(f.formHint, buttons), nil, nil,
		container.NewVScroll(grid))
	f.startNew()
	return f
}

// targets maps the data layer's field names to where their messages show.
func (f *entryForm) targets() map[string]errorTarget {
	return map[string]errorTarget{
		"Date": f.date, "VillageID": f.villageHint, "Direction": f.categoryHint, "Category": f.categoryHint,
		"SubItem": f.subItem, "Amount": f.amount, "Counterparty": f.counterparty, "Voucher": f.voucher,
		"ProjectID": f.projectHint, "Note": f.note,
	}
}

// reloadChoices refreshes the villages and projects offered, keeping what is chosen.
func (f *entryForm) reloadChoices() {
	keepVillage := f.villageID()
	f.villageIDs = nil
	var names []string
	for _, x := range f.v.villages {
		f.villageIDs = append(f.villageIDs, x.ID)
		names = append(names, x.Name)
	}
	was := f.loading
	f.loading = true
	f.village.SetOptions(names)
	if keepVillage == 0 && f.entry.ID == 0 && !f.dirty && len(f.villageIDs) == 1 {
		keepVillage = f.villageIDs[0] // the usual case: one village, chosen already
		f.entry.VillageID = keepVillage
	}
	f.setVillage(keepVillage)
	f.setProjectOptions()
	f.loading = was
	f.check()
}

// setProjectOptions offers the live projects, and the entry's own project when it has been deleted
// since, marked so: saving then keeps the link, and undoing the delete finds everything as it was.
func (f *entryForm) setProjectOptions() {
	labels, values := projectChoices(f.v.st)
	if id := strconv.FormatInt(f.entry.ProjectID, 10); f.entry.ProjectID != 0 && !slices.Contains(values, id) {
		if p, err := f.v.st.ProjectChoiceOf(f.entry.ProjectID); err == nil {
			labels, values = append(labels, projectLabel(p.Name, p.Deleted)), append(values, id)
		}
	}
	f.project.SetOptions(labels, values)
}

func (f *entryForm) villageID() int64 {
	i := f.village.SelectedIndex()
	if i < 0 || i >= len(f.villageIDs) {
		return 0
	}
	return f.villageIDs[i]
}

func (f *entryForm) setVillage(id int64) {
	f.village.ClearSelected()
	for i, x := range f.villageIDs {
		if x == id {
			f.village.SetSelectedIndex(i)
		}
	}
}

func (f *entryForm) directionValue() string {
	switch f.direction.Selected {
	case lang.L("收入"):
		return data.DirectionIncome
	case lang.L("支出"):
		return data.DirectionExpense
	}
	return ""
}

func (f *entryForm) categoryValue() string {
	cats := data.Categories(f.directionValue())
	if i := f.category.SelectedIndex(); i >= 0 && i < len(cats) {
		return cats[i]
	}
	return ""
}

// directionChanged offers the categories of the chosen direction, keeping the category when it still fits.
func (f *entryForm) directionChanged() {
	was := f.loading
	f.loading = true
	keep := f.category.Selected
	f.category.SetOptions(translated(data.Categories(f.directionValue())))
	f.category.ClearSelected()
	for _, o := range f.category.Options {
		if o == keep {
			f.category.SetSelected(o)
		}
	}
	f.loading = was
	f.edited("Direction")
}

// startNew empties the form for a new entry, keeping the date, village, direction and category
// of the last one so a run of similar entries types quickly.
func (f *entryForm) startNew() {
	x := data.CollectiveEntry{Date: data.Today(), Direction: data.DirectionIncome, Category: data.IncomeOperating}
	if f.entry.ID == 0 && !f.entry.Date.IsZero() {
		x.Date, x.VillageID, x.Direction, x.Category = f.entry.Date, f.entry.VillageID, f.entry.Direction, f.entry.Category
	}
	if x.VillageID == 0 {
		x.VillageID = atoi64(f.v.village.Value())
	}
	if x.VillageID == 0 && len(f.v.villages) == 1 {
		x.VillageID = f.v.villages[0].ID
	}
	f.fill(x)
	f.title.SetText(lang.L("新增收支"))
	f.deleteBtn.Disable()
}

// load shows a saved entry for editing.
func (f *entryForm) load(x data.CollectiveEntry) {
	f.fill(x)
	f.title.SetText(lang.L("修改收支"))
	f.deleteBtn.Enable()
}

func (f *entryForm) fill(x data.CollectiveEntry) {
	f.loading = true
	f.entry = x
	if x.Date.IsZero() {
		f.date.Clear()
	} else {
		f.date.SetValue(x.Date)
	}
	f.setVillage(x.VillageID)
	f.direction.SetSelected(lang.L(data.DirectionName(x.Direction)))
	f.category.SetOptions(translated(data.Categories(x.Direction)))
	f.category.ClearSelected()
	if x.Category != "" {
		f.category.SetSelected(lang.L(x.Category))
	}
	f.subItem.SetText(x.SubItem)
	f.amount.SetOrClear(x.Amount)
	f.counterparty.SetText(x.Counterparty)
	f.voucher.SetText(x.Voucher)
	f.setProjectOptions()
	f.project.SetValue(strconv.FormatInt(x.ProjectID, 10))
	f.note.SetText(x.Note)
	f.loading = false
	f.touched = map[string]bool{}
	f.attempted, f.dirty = false, false
	f.check()
}

// edited follows every change the user makes.
func (f *entryForm) edited(field string) {
	if f.loading {
		return
	}
	f.touched[field] = true
	f.dirty = true
	f.check()
}

// read turns the fields into an entry; problems reading money or dates come back as the parser's messages.
func (f *entryForm) read() (data.CollectiveEntry, *data.ValidationError) {
	x := f.entry
	parse := &data.ValidationError{}
	if strings.TrimSpace(f.date.Text) == "" {
		x.Date = data.Date{}
	} else if d, err := data.ParseDate(f.date.Text); err != nil {
		parse.AddErr("Date", err)
	} else {
		x.Date = d
	}
	x.VillageID = f.villageID()
	x.Direction = f.directionValue()
	x.Category = f.categoryValue()
	x.SubItem = f.subItem.Text
	x.Amount = 0
	if strings.TrimSpace(f.amount.Text) != "" {
		if m, err := data.ParseMoney(f.amount.Text); err != nil {
			parse.AddErr("Amount", err)
		} else {
			x.Amount = m
		}
	}
	x.Counterparty, x.Voucher, x.Note = f.counterparty.Text, f.voucher.Text, f.note.Text
	x.ProjectID = atoi64(f.project.Value())
	return x, parse
}

// problems gathers the parser's and the data layer's messages for what is typed now.
func (f *entryForm) validate() (data.CollectiveEntry, *data.ValidationError) {
	x, all := f.read()
	if err := f.v.st.CheckEntry(&x); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			for _, fe := range ve.Fields {
				if all.For(fe.Field) == nil { // the parser's message says more about a wrong text
					all.Fields = append(all.Fields, fe)
				}
			}
		} else {
			all.Add("", "", err.Error())
		}
	}
	return x, all
}

// check shows the problems of the fields the user has touched (all of them after a save was tried)
// and allows saving only when there is none.
func (f *entryForm) check() {
	_, all := f.validate()
	f.problems = len(all.Fields)
	shown := &data.ValidationError{}
	for _, fe := range all.Fields {
		if f.attempted || f.touched[fe.Field] || (fe.Field == "Category" && f.touched["Direction"]) {
			shown.Fields = append(shown.Fields, fe)
		}
	}
	showErrors(f.targets(), f.formHint, shown)
	if len(shown.Fields) > 0 {
		f.saveBtn.Disable()
	} else {
		f.saveBtn.Enable()
	}
	if f.attempted {
		f.v.notice.UpdateProblems(f.problems)
	}
}

// Problems is the number of problems in what is typed now (tests and the save button).
func (f *entryForm) Problems() int { return f.problems }

// save writes the entry when it has no problems; otherwise every problem shows beside its field.
func (f *entryForm) save() {
	x, all := f.validate()
	if len(all.Fields) > 0 {
		f.attempted = true
		f.check()
		f.v.notice.ShowProblems(len(all.Fields))
		return
	}
	isNew := x.ID == 0
	if err := f.v.st.SaveEntry(&x); err != nil {
		f.attempted = true
		if !showErrors(f.targets(), f.formHint, err) {
			f.formHint.SetError(err.Error())
		}
		return
	}
	what := describeEntry(&x)
	f.entry = x
	f.v.showYearOf(x.Date)
	if isNew {
		f.v.notice.Show(lang.L("已保存{{.What}}，可以接着录入下一笔", map[string]any{"What": what}), false)
		f.entry.ID = 0 // startNew keeps date, village and category of a new entry
		f.startNew()
		f.v.env.Win.Canvas().Focus(f.amount)
	} else {
		f.v.notice.Show(lang.L("已保存{{.What}}", map[string]any{"What": what}), false)
		f.load(x)
	}
}

// describeEntry names an entry in messages: 收入“土地流转费” ¥1,234.50.
func describeEntry(x *data.CollectiveEntry) string {
	name := x.SubItem
	if name == "" {
		name = x.Category
	}
	return lang.L("{{.Dir}}“{{.Name}}” {{.Amount}}", map[string]any{
		"Dir": lang.L(data.DirectionName(x.Direction)), "Name": name, "Amount": x.Amount.String()})
}

// cancel drops what was typed (asking first) and goes back to an empty new entry.
func (f *entryForm) cancel() {
	f.guard(func() {
		f.v.table.ClearSelection()
		f.entry.ID = 0
		f.startNew()
	})
}

// guard runs proceed at once when nothing unsaved is in the form, else after the user agrees to drop it.
func (f *entryForm) guard(proceed func()) {
	if !f.dirty {
		proceed()
		return
	}
	askLeave(f.v.env.Win, func() bool { f.save(); return !f.dirty }, func() {
		f.dirty = false
		proceed()
	})
}

// delete removes the loaded entry after confirmation; Ctrl+Z brings it back.
func (f *entryForm) delete() {
	if f.entry.ID == 0 {
		return
	}
	x := f.entry
	what := describeEntry(&x)
	confirmDelete(f.v.env.Win, what, func() {
		if err := f.v.st.DeleteEntry(x.ID); err != nil {
			showStoreError(err, f.v.env.Win)
			return
		}
		f.v.undo.push(what, func() error { return f.v.st.RestoreEntry(x.ID) })
		f.v.notice.Show(lang.L("已删除{{.What}}。按 Ctrl+Z 可以撤销", map[string]any{"What": what}), true)
		f.v.table.ClearSelection()
		f.dirty = false
		f.entry = data.CollectiveEntry{}
		f.startNew()
	})
}
