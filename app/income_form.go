package app

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// entryForm is the panel beside the ledger where one income or expense entry is typed or changed.
// It checks as the user types with the data layer's messages, and never clears what was typed
// when something is wrong.
type entryForm struct {
	v     *incomeView
	entry data.CollectiveEntry // what was loaded; ID 0 for a new entry

	title        *widget.Label
	date         *kit.DateField
	village      *kit.Select
	villageHint  *kit.HintLabel
	direction    *kit.Select // one Tab stop (a radio group takes one per option); ←/→ switch
	category     *kit.Select
	categoryHint *kit.HintLabel
	subItem      *kit.CompletionField
	amount       *kit.MoneyField
	counterparty *kit.TextField
	voucher      *kit.TextField
	project      *kit.Choice
	projectHint  *kit.HintLabel
	note         *kit.NoteField
	formHint     *kit.HintLabel
	receipt      *widget.Label   // why an entry a contract receipt booked is changed there
	receiptBox   *fyne.Container // receipt with 打开合同; hidden for other entries
	contractID   int64           // that contract

	saveBtn, cancelBtn, deleteBtn, historyBtn *widget.Button
	content                                   fyne.CanvasObject

	villageIDs []int64
	lc         *kit.Form
}

func newEntryForm(v *incomeView) *entryForm {
	f := &entryForm{v: v, lc: kit.NewForm(v.env.Dialogs)}
	f.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	f.date = kit.NewDateField(v.env.Win)
	f.date.OnEdit = func() { f.lc.Edited("Date") }
	f.village = kit.NewSelect(nil, lang.L("请选择村"), func(string) { f.lc.Edited("VillageID") })
	f.villageHint = kit.NewHintLabel()
	lastDirection := ""
	f.direction = kit.NewSelect([]string{lang.L("收入"), lang.L("支出")}, "", func(s string) {
		if s != lastDirection { // a Select also reports choosing the option it already shows
			lastDirection = s
			f.directionChanged()
		}
	})
	f.category = kit.NewSelect(nil, lang.L("请选择科目"), func(string) { f.lc.Edited("Category") })
	f.categoryHint = kit.NewHintLabel()
	f.subItem = kit.NewCompletionField(func(prefix string) []string {
		list, err := v.st.SubItemSuggestions(f.categoryValue(), prefix, 20)
		if err != nil {
			return nil // no suggestions; typing goes on
		}
		return list
	})
	f.subItem.SetPlaceHolder(lang.L("例如 土地流转费"))
	f.subItem.OnEdit = func() { f.lc.Edited("SubItem") }
	f.amount = kit.NewMoneyField()
	f.amount.OnEdit = func() { f.lc.Edited("Amount") }
	f.counterparty = kit.NewTextField()
	f.counterparty.OnChanged = func(string) { f.lc.Edited("Counterparty") }
	f.voucher = kit.NewTextField()
	f.voucher.OnChanged = func(string) { f.lc.Edited("Voucher") }
	f.project = kit.NewChoice(lang.L("（不关联项目）"), nil, nil, func(string) { f.lc.Edited("ProjectID") })
	f.projectHint = kit.NewHintLabel()
	f.note = kit.NewNoteField()
	f.note.OnChanged = func(string) { f.lc.Edited("Note") }
	f.formHint = kit.NewHintLabel()
	f.receipt = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.receipt.Wrapping = fyne.TextWrapWord
	f.receipt.Importance = widget.WarningImportance
	openContract := widget.NewButtonWithIcon(lang.L("打开合同"), theme.NavigateNextIcon(), func() {
		id := f.contractID
		showSanzi(v.env, func(s *sanziView) { s.openContract(id) })
	})
	f.receiptBox = container.NewVBox(f.receipt, container.NewHBox(openContract))
	f.receiptBox.Hide()

	f.saveBtn = widget.NewButtonWithIcon(lang.L("保存 (Ctrl+S)"), theme.DocumentSaveIcon(), f.save)
	f.saveBtn.Importance = widget.HighImportance
	f.cancelBtn = widget.NewButtonWithIcon(lang.L("取消 (Esc)"), theme.CancelIcon(), f.cancel)
	f.deleteBtn = widget.NewButtonWithIcon(lang.L("删除"), theme.DeleteIcon(), f.delete)
	f.deleteBtn.Importance = widget.DangerImportance
	hideInTown(v.env, f.saveBtn, f.cancelBtn, f.deleteBtn)
	f.historyBtn = newHistoryButton(v.env, func() (string, int64, string) {
		return "collective_entries", f.entry.ID, describeEntry(&f.entry)
	})

	grid := kit.FormGrid(
		kit.FieldRow(lang.L("日期"), f.date, f.date.Hint),
		kit.FieldRow(lang.L("村"), f.village, f.villageHint),
		kit.FieldRow(lang.L("收支"), f.direction, nil),
		kit.FieldRow(lang.L("科目"), f.category, f.categoryHint),
		kit.FieldRow(lang.L("明细项目"), f.subItem, f.subItem.Hint),
		kit.FieldRow(lang.L("金额（元）"), f.amount, f.amount.Hint),
		kit.FieldRow(lang.L("对方单位或个人"), f.counterparty, f.counterparty.Hint),
		kit.FieldRow(lang.L("凭证号"), f.voucher, f.voucher.Hint),
		kit.FieldRow(lang.L("关联项目"), f.project, f.projectHint),
		kit.FieldRow(lang.L("备注"), f.note, f.note.Hint),
	)
	// Two rows, so the form stays narrow enough for the ledger beside it at 1024×600.
	buttons := container.NewVBox(container.NewHBox(f.saveBtn, f.cancelBtn), container.NewHBox(layout.NewSpacer(), f.historyBtn, f.deleteBtn))
	f.content = container.NewBorder(container.NewVBox(f.title, f.receiptBox), container.NewVBox(f.formHint, buttons), nil, nil,
		container.NewVScroll(grid))
	f.lc.Validate = func() *data.ValidationError { _, all := f.validate(); return all }
	f.lc.Targets = map[string]kit.ErrorTarget{
		"Date": f.date, "VillageID": f.villageHint, "Direction": f.categoryHint, "Category": f.categoryHint,
		"SubItem": f.subItem, "Amount": f.amount, "Counterparty": f.counterparty, "Voucher": f.voucher,
		"ProjectID": f.projectHint, "Note": f.note,
	}
	f.lc.Rest = f.formHint
	f.lc.Linked = map[string][]string{"Direction": {"Category"}} // a new direction offers other categories
	f.lc.Buttons = []*widget.Button{f.saveBtn}
	f.lc.OnProblems = v.notice.UpdateProblems
	f.lc.Save = func() bool { f.save(); return !f.lc.Dirty() }
	f.startNew()
	return f
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
	f.lc.Quietly(func() {
		f.village.SetOptions(names)
		if keepVillage == 0 && f.entry.ID == 0 && !f.lc.Dirty() && len(f.villageIDs) == 1 {
			keepVillage = f.villageIDs[0] // the usual case: one village, chosen already
			f.entry.VillageID = keepVillage
		}
		f.setVillage(keepVillage)
		f.setProjectOptions()
	})
	f.lc.Check()
}

// setProjectOptions offers the live projects, and the entry's own project when it has been deleted
// since, marked so: saving then keeps the link, and undoing the delete finds everything as it was.
func (f *entryForm) setProjectOptions() {
	labels, values, err := projectChoices(f.v.st)
	if id := strconv.FormatInt(f.entry.ProjectID, 10); err == nil && f.entry.ProjectID != 0 && !slices.Contains(values, id) {
		var p data.ProjectChoice
		if p, err = f.v.st.ProjectChoiceOf(f.entry.ProjectID); err == nil {
			labels, values = append(labels, projectLabel(p.Name, p.Deleted)), append(values, id)
		}
	}
	if err != nil {
		f.v.notice.ShowError(err)
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
	f.lc.Quietly(func() {
		keep := f.category.Selected
		f.category.SetOptions(kit.Translated(data.Categories(f.directionValue())))
		f.category.ClearSelected()
		for _, o := range f.category.Options {
			if o == keep {
				f.category.SetSelected(o)
			}
		}
	})
	f.lc.Edited("Direction")
}

// startNew empties the form for a new entry, keeping the date, village, direction and category
// of the last one so a run of similar entries types quickly.
func (f *entryForm) startNew() {
	x := data.CollectiveEntry{Date: data.Today(), Direction: data.DirectionIncome, Category: data.IncomeOperating}
	if f.entry.ID == 0 && !f.entry.Date.IsZero() {
		x.Date, x.VillageID, x.Direction, x.Category = f.entry.Date, f.entry.VillageID, f.entry.Direction, f.entry.Category
	}
	if x.VillageID == 0 {
		x.VillageID = idOf(f.v.village.Value())
	}
	if x.VillageID == 0 && len(f.v.villages) == 1 {
		x.VillageID = f.v.villages[0].ID
	}
	f.fill(x)
	f.title.SetText(lang.L("新增收支"))
	f.deleteBtn.Disable()
	f.historyBtn.Disable()
}

// load shows a saved entry for editing.
func (f *entryForm) load(x data.CollectiveEntry) {
	f.fill(x)
	f.title.SetText(lang.L("修改收支"))
	f.deleteBtn.Enable()
	f.historyBtn.Enable()
}

func (f *entryForm) fill(x data.CollectiveEntry) {
	f.lc.Load(func() { f.show(x) })
	f.showReceipt(0, "")
}

// showReceipt says, above an entry a contract receipt booked (contractID, named contract), that it
// is changed or deleted with the receipt, in the data layer's words, and offers the contract.
func (f *entryForm) showReceipt(contractID int64, contract string) {
	f.contractID = contractID
	if contractID == 0 {
		f.receiptBox.Hide()
		return
	}
	f.receipt.SetText(lang.L("来自合同 {{.Contract}} 的收款。", map[string]any{"Contract": contract}) +
		lang.X("err.entry.receipt", "这笔收入是合同收款时自动记的账，请到合同的收款记录里修改、删除或恢复"))
	f.receiptBox.Show()
	f.deleteBtn.Disable()
}

func (f *entryForm) show(x data.CollectiveEntry) {
	f.entry = x
	if x.Date.IsZero() {
		f.date.Clear()
	} else {
		f.date.SetValue(x.Date)
	}
	f.setVillage(x.VillageID)
	f.direction.SetSelected(lang.L(data.DirectionName(x.Direction)))
	f.category.SetOptions(kit.Translated(data.Categories(x.Direction)))
	f.category.ClearSelected()
	if x.Category != "" {
		f.category.SetSelected(kit.Word(x.Category))
	}
	f.subItem.SetText(x.SubItem)
	f.amount.SetOrClear(x.Amount)
	f.counterparty.SetText(x.Counterparty)
	f.voucher.SetText(x.Voucher)
	f.setProjectOptions()
	f.project.SetValue(strconv.FormatInt(x.ProjectID, 10))
	f.note.SetText(x.Note)
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
	x.ProjectID = idOf(f.project.Value())
	return x, parse
}

// validate gathers the parser's and the data layer's messages for what is typed now.
func (f *entryForm) validate() (data.CollectiveEntry, *data.ValidationError) {
	x, parse := f.read()
	return x, kit.MergeCheck(parse, f.v.st.CheckEntry(&x))
}

// save writes the entry when it has no problems; otherwise every problem shows beside its field.
func (f *entryForm) save() {
	if !f.lc.Ready() {
		f.v.notice.ShowProblems(f.lc.Problems())
		return
	}
	x, _ := f.read()
	isNew := x.ID == 0
	if err := f.v.st.SaveEntry(&x); err != nil {
		if !f.lc.Refused(err) {
			f.formHint.SetError(kit.ErrorText(err))
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
	f.lc.Guard(func() {
		f.v.table.ClearSelection()
		f.entry.ID = 0
		f.startNew()
	})
}

// delete removes the loaded entry after confirmation; Ctrl+Z brings it back.
func (f *entryForm) delete() {
	if f.entry.ID == 0 {
		return
	}
	x := f.entry
	what := describeEntry(&x)
	f.v.env.Dialogs.ConfirmDelete(what, func() {
		if err := f.v.st.DeleteEntry(x.ID); err != nil {
			f.v.env.Dialogs.ShowStoreError(err)
			return
		}
		f.v.undo.Push(what, func() error { return f.v.st.RestoreEntry(x.ID) })
		f.v.notice.Show(lang.L("已删除{{.What}}。按 Ctrl+Z 可以撤销", map[string]any{"What": what}), true)
		f.v.table.ClearSelection()
		f.lc.Discard()
		f.entry = data.CollectiveEntry{}
		f.startNew()
	})
}
