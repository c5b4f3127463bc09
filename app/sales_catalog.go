package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// catalogForm is what the seller and product catalogs share: a form beside a list, with
// save, new, delete and undo, and a question before unsaved changes are dropped.
type catalogForm struct {
	env     *Env
	form    *kit.Form
	title   *widget.Label
	general *kit.HintLabel
	notice  *kit.NoticeBar
	undo    kit.UndoStack
	delete  *widget.Button
	history *widget.Button
}

// newCatalogForm starts a catalog's form; save is the catalog's own.
func newCatalogForm(env *Env, save func()) *catalogForm {
	c := &catalogForm{env: env, form: kit.NewForm(env.Dialogs), general: kit.NewHintLabel()}
	c.form.Rest = c.general
	c.form.Save = func() bool { save(); return !c.form.Dirty() }
	c.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.notice = kit.NewNoticeBar(c.undoLast)
	return c
}

func (c *catalogForm) undoLast() { c.undo.UndoLast(c.notice, c.env.Dialogs) }

// act answers the keyboard actions, alike in both catalogs: first is the form's first field,
// search the list's search box, revert loads the item in the form again.
func (c *catalogForm) act(a kit.Action, first, search fyne.Focusable, startNew, del, revert func()) {
	switch a {
	case kit.ActionNew:
		c.form.Guard(func() {
			startNew()
			c.env.Win.Canvas().Focus(first)
		})
	case kit.ActionSave:
		c.form.Save()
	case kit.ActionDelete:
		del()
	case kit.ActionUndo:
		c.undoLast()
	case kit.ActionFind:
		c.env.Win.Canvas().Focus(search)
	case kit.ActionCancel:
		c.form.Guard(revert)
	}
}

// deleteItem asks before deleting what, then clears the form with startNew; Ctrl+Z restores it.
func (c *catalogForm) deleteItem(what string, startNew func(), del, restore func() error) {
	c.env.Dialogs.ConfirmDelete(what, func() {
		if err := del(); err != nil {
			c.env.Dialogs.ShowStoreError(err)
			return
		}
		c.undo.Push(what, restore)
		startNew()
		c.notice.Show(lang.L("已删除{{.What}}", map[string]any{"What": what}), true)
	})
}

// saveFailed shows why the store refused the form: beside the fields, or in a dialog.
func (c *catalogForm) saveFailed(err error) {
	if !c.form.Refused(err) {
		c.env.Dialogs.ShowStoreError(err)
	}
}

// layout puts the list (filters over table, count and notice under it) beside the form; the list
// takes share of the width.
func (c *catalogForm) layout(filters, table, count, form fyne.CanvasObject, share float64) fyne.CanvasObject {
	list := container.NewBorder(filters, container.NewBorder(nil, nil, count, nil, c.notice.Content()), nil, nil, table)
	split := container.NewHSplit(list, container.NewVScroll(form))
	split.SetOffset(share)
	return container.NewPadded(split)
}

// buttons is the form's button row; record names what the form shows, for its history.
func (c *catalogForm) buttons(save, startNew, del func(), record func() (table string, id int64, name string)) fyne.CanvasObject {
	s := widget.NewButtonWithIcon(lang.L("保存 (Ctrl+S)"), theme.DocumentSaveIcon(), save)
	s.Importance = widget.HighImportance
	n := widget.NewButtonWithIcon(lang.L("新建 (Ctrl+N)"), theme.ContentAddIcon(), startNew)
	c.delete = widget.NewButtonWithIcon(lang.L("删除"), theme.DeleteIcon(), del)
	c.delete.Importance = widget.DangerImportance
	c.history = newHistoryButton(c.env, record)
	changes, delBox := container.NewHBox(s, n), container.NewHBox(c.delete) // the form shows and hides 删除; a town hides its box
	hideInTown(c.env, changes, delBox)
	return container.NewHBox(changes, c.history, delBox)
}

// sellerCatalog lists the sellers (households, cooperatives, the collective) with a form to edit
// one. Phone and ID numbers show masked in the list; the ID number is never shown in full.
type sellerCatalog struct {
	sv *salesView
	st *data.Store
	*catalogForm

	search          *kit.TextField
	village, status *kit.Choice
	table           *kit.LedgerTable[data.SellerRow]
	count           *widget.Label
	filter          data.SellerFilter

	seller                           data.Seller // in the form; ID 0 while new
	name, phone, idNumber, note      *kit.TextField
	kind, fVillage, fStatus          *kit.Select
	villageIDs                       []int64
	kindHint, villageHint, statusHnt *kit.HintLabel
	idNote                           *widget.Label
	purge                            *widget.Button
	content                          fyne.CanvasObject
}

func newSellerCatalog(sv *salesView) *sellerCatalog {
	c := &sellerCatalog{sv: sv, st: sv.st}
	c.catalogForm = newCatalogForm(sv.env, c.save)
	c.search = kit.NewTextField()
	c.search.SetPlaceHolder(lang.L("搜索姓名或拼音首字母 (Ctrl+F)"))
	c.search.OnChanged = func(string) { c.filterChanged() }
	c.village = kit.NewChoice(lang.L("全部村"), nil, nil, func(string) { c.filterChanged() })
	c.status = kit.NewChoice(lang.L("全部户类别"), kit.Translated(data.PovertyStatuses), data.PovertyStatuses, func(string) { c.filterChanged() })
	c.table = kit.NewLedgerTable(sellerColumns(), func(offset, limit int) ([]data.SellerRow, error) {
		return c.st.ListSellers(c.filter, offset, limit)
	})
	c.table.OnSelect = func(_ int, r data.SellerRow) { c.form.Guard(func() { c.load(r.Seller) }) }
	c.table.Table.Act = sv.env.Act
	c.table.OnError = c.notice.ShowError
	c.count = widget.NewLabel("")

	c.name, c.phone, c.idNumber, c.note = kit.NewTextField(), kit.NewTextField(), kit.NewTextField(), kit.NewTextField()
	for field, f := range map[string]*kit.TextField{"Name": c.name, "Phone": c.phone, "IDNumber": c.idNumber, "Note": c.note} {
		f.OnChanged = func(string) { f.SetError(""); c.form.Edited(field) }
	}
	c.kind = kit.NewSelect(kit.Translated(data.SellerKinds), "", func(string) { c.form.Edited("Kind") })
	c.fVillage = kit.NewSelect(nil, "", func(string) { c.form.Edited("VillageID") })
	c.fStatus = kit.NewSelect(kit.Translated(data.PovertyStatuses), "", func(string) { c.form.Edited("Status") })
	c.kindHint, c.villageHint, c.statusHnt = kit.NewHintLabel(), kit.NewHintLabel(), kit.NewHintLabel()
	c.form.Targets = map[string]kit.ErrorTarget{"Name": c.name, "Kind": c.kindHint, "VillageID": c.villageHint,
		"Status": c.statusHnt, "Phone": c.phone, "IDNumber": c.idNumber, "Note": c.note}
	c.idNote = widget.NewLabel("")
	kit.SecondaryText(c.idNote)
	c.idNote.Wrapping = fyne.TextWrapWord
	c.purge = widget.NewButton(lang.L("删除此人的个人信息"), c.purgeSeller)

	form := container.NewVBox(
		c.title,
		kit.FormGrid(
			kit.FieldRow(lang.L("姓名或名称"), c.name, c.name.Hint),
			kit.FieldRow(lang.L("类别"), c.kind, c.kindHint),
			kit.FieldRow(lang.L("村"), c.fVillage, c.villageHint),
			kit.FieldRow(lang.L("户类别"), c.fStatus, c.statusHnt),
			kit.FieldRow(lang.L("手机号"), c.phone, c.phone.Hint),
			kit.FieldRow(lang.L("身份证号"), c.idNumber, c.idNumber.Hint),
			kit.FieldRow("", c.idNote, nil),
			kit.FieldRow(lang.L("备注"), c.note, c.note.Hint)),
		c.general,
		c.buttons(c.save, func() { c.action(kit.ActionNew) }, func() { c.action(kit.ActionDelete) },
			func() (string, int64, string) { return "sellers", c.seller.ID, c.seller.Name }),
		widget.NewSeparator(),
		c.purge,
	)
	filters := container.NewBorder(nil, nil, container.NewHBox(c.village.Sel, c.status.Sel), nil, c.search)
	c.content = c.layout(filters, c.table.Table, c.count, form, 0.66)
	c.reload()
	c.startNew()
	return c
}

func sellerColumns() []kit.LedgerColumn[data.SellerRow] {
	return []kit.LedgerColumn[data.SellerRow]{
		{Title: "姓名或名称", Width: 170, Text: func(r *data.SellerRow) string { return r.Name }},
		{Title: "类别", Width: 65, Text: func(r *data.SellerRow) string { return kit.Word(r.Kind) }},
		{Title: "户类别", Width: 65, Text: func(r *data.SellerRow) string { return kit.Word(r.Status) }},
		{Title: "村", Width: 75, Text: func(r *data.SellerRow) string { return r.Village }},
		{Title: "手机号", Width: 135, Text: func(r *data.SellerRow) string { return maskedOrEmpty(r.Phone, data.MaskPhone) }},
		{Title: "身份证号", Width: 170, Text: func(r *data.SellerRow) string { return maskedOrEmpty(r.IDNumber, data.MaskID) }},
	}
}

func maskedOrEmpty(s string, mask func(string) string) string {
	if s == "" {
		return ""
	}
	return mask(s)
}

func (c *sellerCatalog) filterChanged() {
	c.filter = data.SellerFilter{Search: c.search.Text, VillageID: idOf(c.village.Value()), Status: c.status.Value()}
	c.reload()
}

func (c *sellerCatalog) reload() {
	names, ids, err := villageChoices(c.st)
	if err != nil {
		c.notice.ShowError(err)
		return
	}
	c.village.SetOptions(names, idValues(ids))
	cur := c.selectedVillage()
	c.form.Quietly(func() {
		c.fVillage.Options, c.villageIDs = names, ids
		c.selectVillage(cur)
		c.fVillage.Refresh()
	})

	n, err := c.st.CountSellers(c.filter)
	if err != nil {
		c.notice.ShowError(err)
		return
	}
	c.table.Reset(n, nil)
	c.count.SetText(lang.L("共 {{.N}} 个卖家", map[string]any{"N": n}))
}

func (c *sellerCatalog) selectedVillage() int64 {
	if i := c.fVillage.SelectedIndex(); i >= 0 && i < len(c.villageIDs) {
		return c.villageIDs[i]
	}
	return 0
}

func (c *sellerCatalog) selectVillage(id int64) {
	c.fVillage.ClearSelected()
	for i, x := range c.villageIDs {
		if x == id {
			c.fVillage.SetSelectedIndex(i)
		}
	}
}

// load puts a seller into the form. The ID number field stays empty: typing one replaces it.
func (c *sellerCatalog) load(x data.Seller) {
	c.form.Load(func() { c.fill(x) })
}

func (c *sellerCatalog) fill(x data.Seller) {
	c.seller = x
	c.name.SetText(x.Name)
	c.kind.SetSelectedIndex(slices.Index(data.SellerKinds, x.Kind))
	c.selectVillage(x.VillageID)
	c.fStatus.SetSelectedIndex(slices.Index(data.PovertyStatuses, x.Status))
	c.phone.SetText(x.Phone)
	c.idNumber.SetText("")
	c.note.SetText(x.Note)
	if x.IDNumber != "" {
		c.idNumber.SetPlaceHolder(data.MaskID(x.IDNumber))
		c.idNote.SetText(lang.L("已登记身份证号（只显示前3位和后4位）；不改请留空，要更正请输入完整号码"))
	} else {
		c.idNumber.SetPlaceHolder(lang.L("可不填"))
		c.idNote.SetText(lang.L("身份证号和手机号是个人信息，可以不填"))
	}
	for _, t := range []kit.ErrorTarget{c.name, c.phone, c.idNumber, c.note, c.kindHint, c.villageHint, c.statusHnt, c.general} {
		t.SetError("")
	}
	if x.ID == 0 {
		c.title.SetText(lang.L("新卖家"))
		c.delete.Hide()
		c.history.Hide()
		c.purge.Hide()
	} else {
		c.title.SetText(x.Name)
		c.delete.Show()
		c.history.Show()
		c.purge.Show()
	}
}

func (c *sellerCatalog) startNew() {
	x := data.Seller{Kind: data.SellerKinds[0], Status: data.StatusOrdinary}
	if ids := c.villageIDs; len(ids) == 1 {
		x.VillageID = ids[0]
	} else if id := idOf(c.village.Value()); id != 0 {
		x.VillageID = id
	}
	c.table.ClearSelection()
	c.load(x)
}

func (c *sellerCatalog) save() {
	x := c.seller
	x.Name, x.Phone, x.Note = c.name.Text, c.phone.Text, c.note.Text
	if t := strings.TrimSpace(c.idNumber.Text); t != "" {
		x.IDNumber = t
	}
	if i := c.kind.SelectedIndex(); i >= 0 {
		x.Kind = data.SellerKinds[i]
	}
	if i := c.fStatus.SelectedIndex(); i >= 0 {
		x.Status = data.PovertyStatuses[i]
	}
	x.VillageID = c.selectedVillage()
	if err := c.st.SaveSeller(&x); err != nil {
		c.saveFailed(err)
		return
	}
	c.load(x)
	c.notice.Show(lang.L("已保存{{.What}}", map[string]any{"What": x.Name}), false)
}

func (c *sellerCatalog) deleteSeller() {
	x := c.seller
	if x.ID == 0 {
		return
	}
	c.deleteItem(lang.L("卖家“{{.Name}}”", map[string]any{"Name": x.Name}), c.startNew,
		func() error { return c.st.DeleteSeller(x.ID) }, func() error { return c.st.RestoreSeller(x.ID) })
}

// purgeSeller erases a person's personal information for good (个人信息保护法: deletion on request).
func (c *sellerCatalog) purgeSeller() {
	x := c.seller
	if x.ID == 0 {
		return
	}
	c.env.Dialogs.ConfirmDanger(lang.L("删除个人信息"),
		lang.L("将永久删除“{{.Name}}”的手机号、身份证号和备注，姓名改为“{{.Masked}}”，并从卖家名单中移除。已记录的销售金额保留，合计不变。此操作不能撤销。确定吗？",
			map[string]any{"Name": x.Name, "Masked": data.MaskName(x.Name)}),
		lang.L("永久删除"),
		func() {
			if err := c.st.PurgeSeller(x.ID); err != nil {
				c.env.Dialogs.ShowStoreError(err)
				return
			}
			c.startNew()
			c.notice.Show(lang.L("已删除个人信息"), false)
		})
}

func (c *sellerCatalog) action(a kit.Action) {
	c.act(a, c.name, c.search, c.startNew, c.deleteSeller, func() { c.load(c.seller) })
}

// productCatalog lists the products (a small catalog, read whole) with a form to edit one.
type productCatalog struct {
	sv *salesView
	st *data.Store
	*catalogForm

	search   *kit.TextField
	all      []data.Product
	table    *kit.KeyTable
	count    *widget.Label
	selected int

	product          data.Product
	name, spec, note *kit.TextField
	unit             *kit.CompletionField
	price            *kit.MoneyField
	content          fyne.CanvasObject
}

var productColumnTitles = []string{"产品名称", "规格", "单位", "默认单价"}

func newProductCatalog(sv *salesView) *productCatalog {
	c := &productCatalog{sv: sv, st: sv.st, selected: -1}
	c.catalogForm = newCatalogForm(sv.env, c.save)
	c.search = kit.NewTextField()
	c.search.SetPlaceHolder(lang.L("搜索产品名或拼音首字母 (Ctrl+F)"))
	c.search.OnChanged = func(string) { c.reload() }
	c.table = kit.NewKeyTable(
		func() (int, int) { return len(c.all), len(productColumnTitles) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Alignment = fyne.TextAlignLeading
			if id.Row >= len(c.all) {
				l.SetText("")
				return
			}
			p := c.all[id.Row]
			switch id.Col {
			case 0:
				l.SetText(p.Name)
			case 1:
				l.SetText(p.Spec)
			case 2:
				l.SetText(p.Unit)
			case 3:
				kit.SetMoney(l, p.DefaultPrice)
			}
		})
	c.table.Act = sv.env.Act
	c.table.ShowHeaderRow = true
	c.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	c.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Col >= 0 && id.Col < len(productColumnTitles) {
			l.SetText(lang.L(productColumnTitles[id.Col]))
		}
		if id.Col == 3 {
			l.Alignment = fyne.TextAlignTrailing
		}
	}
	c.table.SetWidths([]float32{180, 120, 70, 120})
	c.table.OnSelected = func(id widget.TableCellID) {
		if id.Row < 0 || id.Row >= len(c.all) {
			return
		}
		p := c.all[id.Row]
		c.selected = id.Row
		c.form.Guard(func() { c.load(p) })
	}
	c.count = widget.NewLabel("")

	c.name, c.spec, c.note = kit.NewTextField(), kit.NewTextField(), kit.NewTextField()
	for field, f := range map[string]*kit.TextField{"Name": c.name, "Spec": c.spec, "Note": c.note} {
		f.OnChanged = func(string) { f.SetError(""); c.form.Edited(field) }
	}
	c.spec.SetPlaceHolder(lang.L("例如 5斤装，可不填"))
	c.unit = kit.NewCompletionField(func(q string) []string { return matchingQuery(data.Units, q) })
	c.unit.OnEdit = func() { c.form.Edited("Unit") }
	c.price = kit.NewMoneyField()
	c.price.Optional = true
	c.price.OnEdit = func() { c.form.Edited("DefaultPrice") }
	c.form.Targets = map[string]kit.ErrorTarget{"Name": c.name, "Spec": c.spec, "Unit": c.unit, "DefaultPrice": c.price, "Note": c.note}

	form := container.NewVBox(
		c.title,
		kit.FormGrid(
			kit.FieldRow(lang.L("产品名称"), c.name, c.name.Hint),
			kit.FieldRow(lang.L("规格"), c.spec, c.spec.Hint),
			kit.FieldRow(lang.L("单位"), c.unit, c.unit.Hint),
			kit.FieldRow(lang.L("默认单价（元）"), c.price, c.price.Hint),
			kit.FieldRow(lang.L("备注"), c.note, c.note.Hint)),
		c.general,
		c.buttons(c.save, func() { c.action(kit.ActionNew) }, func() { c.action(kit.ActionDelete) },
			func() (string, int64, string) { return "products", c.product.ID, c.product.Label() }),
	)
	c.content = c.layout(c.search, c.table, c.count, form, 0.55)
	c.reload()
	c.startNew()
	return c
}

func (c *productCatalog) reload() {
	ps, err := c.st.ListProducts(c.search.Text)
	if err != nil {
		c.notice.ShowError(err)
		return
	}
	c.all = ps
	c.table.UnselectAll()
	c.table.Refresh()
	c.count.SetText(lang.L("共 {{.N}} 种产品", map[string]any{"N": len(ps)}))
}

func (c *productCatalog) load(p data.Product) {
	c.form.Load(func() { c.fill(p) })
}

func (c *productCatalog) fill(p data.Product) {
	c.product = p
	c.name.SetText(p.Name)
	c.spec.SetText(p.Spec)
	c.unit.SetText(p.Unit)
	c.price.SetOrClear(p.DefaultPrice)
	c.note.SetText(p.Note)
	for _, t := range []kit.ErrorTarget{c.name, c.spec, c.unit, c.price, c.note, c.general} {
		t.SetError("")
	}
	if p.ID == 0 {
		c.title.SetText(lang.L("新产品"))
		c.delete.Hide()
		c.history.Hide()
	} else {
		c.title.SetText(p.Label())
		c.delete.Show()
		c.history.Show()
	}
}

func (c *productCatalog) startNew() {
	c.table.UnselectAll()
	c.load(data.Product{Unit: data.Units[0]})
}

func (c *productCatalog) save() {
	p := c.product
	p.Name, p.Spec, p.Unit, p.Note = c.name.Text, c.spec.Text, c.unit.Text, c.note.Text
	price, err := c.price.Value()
	if err != nil {
		return
	}
	p.DefaultPrice = price
	if err := c.st.SaveProduct(&p); err != nil {
		c.saveFailed(err)
		return
	}
	c.load(p)
	c.notice.Show(lang.L("已保存{{.What}}", map[string]any{"What": p.Label()}), false)
}

func (c *productCatalog) deleteProduct() {
	p := c.product
	if p.ID == 0 {
		return
	}
	c.deleteItem(lang.L("产品“{{.Name}}”", map[string]any{"Name": p.Label()}), c.startNew,
		func() error { return c.st.DeleteProduct(p.ID) }, func() error { return c.st.RestoreProduct(p.ID) })
}

func (c *productCatalog) action(a kit.Action) {
	c.act(a, c.name, c.search, c.startNew, c.deleteProduct, func() { c.load(c.product) })
}
