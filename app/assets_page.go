package app

import (
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// assetPage is one asset: its record on 资产信息 (checked as typed, against the store too), with
// its net value and the contracts letting it, and its photos on 照片.
type assetPage struct {
	v    *assetsView
	a    data.Asset // as loaded; ID 0 while new
	page *kit.RecordPage

	code, name, unit, location, keeper *kit.TextField
	village, class, source, status     *kit.Select
	villageHint, classHint, sourceHint *kit.HintLabel
	statusHint, projectHint            *kit.HintLabel
	project                            *kit.Choice
	formed, disposed                   *kit.DateField
	value                              *kit.MoneyField
	quantity                           *kit.QuantityField
	owner                              *kit.CompletionField
	years                              *kit.CountField
	residual                           *kit.PercentField
	net                                *widget.Label
	contracts                          *fyne.Container // the contracts letting it, each with 打开
	note                               *kit.NoteField
	hint                               *kit.HintLabel
	villageIDs                         []int64
	photos                             *kit.PhotoGrid
}

func newAssetPage(v *assetsView, a data.Asset) *assetPage {
	p := &assetPage{v: v}
	p.photos = kit.NewPhotoGrid(v.env.Dialogs, lang.L("添加照片"), lang.L("还没有照片。可以把资产现场、资产标识牌拍照加进来（.jpg、.png）。"))
	p.photos.List = func() ([]kit.Photo, error) { return recordPhotos(v.env.Store.AssetFiles(p.a.ID)) }
	p.photos.Data = v.env.Store.RecordFileData
	p.photos.Add = func(name string, b []byte) error {
		return addRecordPhoto(v.s, &data.RecordFile{AssetID: p.a.ID, FileName: name, Mime: kit.PhotoMime(name), Data: b})
	}
	p.photos.Delete = func(ph kit.Photo) { deleteRecordPhoto(v.s, v.reg, ph) }
	p.hint = kit.NewHintLabel()
	p.page = kit.NewRecordPage(v.env.Dialogs, kit.PageLabels{Back: lang.L("返回资产列表"), FormTab: lang.L("资产信息"), Delete: lang.L("删除资产")},
		kit.PageActions{Back: v.reg.Back, Save: p.save, Cancel: p.cancel, Delete: p.deleteAsset}, p.form(), p.hint,
		container.NewTabItemWithIcon(lang.L("照片"), theme.FileImageIcon(), p.photos.Content()))
	f := p.page.Form
	f.Validate = p.validate
	f.Targets = map[string]kit.ErrorTarget{
		"Code": p.code, "Name": p.name, "VillageID": p.villageHint, "Class": p.classHint, "Source": p.sourceHint,
		"ProjectID": p.projectHint, "Formed": p.formed, "Value": p.value, "Quantity": p.quantity, "Unit": p.unit,
		"Location": p.location, "Status": p.statusHint, "DisposedOn": p.disposed, "Keeper": p.keeper, "Owner": p.owner,
		"DepreciationYears": p.years, "ResidualBP": p.residual, "Note": p.note,
	}
	f.Linked = map[string][]string{"Source": {"ProjectID"}, "ProjectID": {"Source"}, "Status": {"DisposedOn"},
		"DepreciationYears": {"Formed"}, "Formed": {"DisposedOn"}, "VillageID": {"Code"}}
	f.OnProblems = v.reg.Notice.UpdateProblems
	f.Save = func() bool { p.save(); return !f.Dirty() }
	p.load(a)
	if a.ID != 0 {
		p.photos.Reload()
	}
	return p
}

func (p *assetPage) form() fyne.CanvasObject {
	changed := func(field string) func(string) { return func(string) { p.edited(field) } }
	edited := func(field string) func() { return func() { p.edited(field) } }
	text := func(field, placeholder string) *kit.TextField {
		t := kit.NewTextField()
		t.SetPlaceHolder(placeholder)
		t.OnChanged = changed(field)
		return t
	}
	p.code = text("Code", "")
	p.name = text("Name", lang.L("例如 村集体冷库、光伏电站"))
	p.village = kit.NewSelect(nil, lang.L("请选择村"), func(string) { p.villageChanged() })
	p.villageHint = kit.NewHintLabel()
	p.class = kit.NewSelect(kit.Translated(data.AssetKinds), lang.L("请选择类别"), changed("Class"))
	p.classHint = kit.NewHintLabel()
	p.source = kit.NewSelect(kit.Translated(data.AssetSources), lang.L("请选择来源"), func(string) { p.sourceShown(); p.edited("Source") })
	p.sourceHint = kit.NewHintLabel()
	p.project = kit.NewChoice(lang.L("（不关联项目）"), nil, nil, changed("ProjectID"))
	p.projectHint = kit.NewHintLabel()
	p.formed = kit.NewDateField(p.v.env.Win)
	p.formed.Optional = true
	p.formed.OnEdit = edited("Formed")
	p.value = kit.NewMoneyField()
	p.value.Optional = true
	p.value.OnEdit = edited("Value")
	p.quantity = kit.NewQuantityField()
	p.quantity.Optional = true
	p.quantity.OnEdit = edited("Quantity")
	p.unit = text("Unit", lang.L("单位，例如 亩、座、台"))
	p.location = text("Location", "")
	p.status = kit.NewSelect(kit.Translated(data.AssetStatuses), lang.L("请选择使用状态"), changed("Status"))
	p.statusHint = kit.NewHintLabel()
	p.disposed = kit.NewDateField(p.v.env.Win)
	p.disposed.Optional = true
	p.disposed.SetPlaceHolder(lang.L("已处置时填写"))
	p.disposed.OnEdit = edited("DisposedOn")
	p.keeper = text("Keeper", "")
	p.owner = kit.NewCompletionField(func(q string) []string { return matching(data.AssetOwners, q) })
	p.owner.OnEdit = edited("Owner")
	p.years = kit.NewCountField()
	p.years.SetPlaceHolder(lang.L("不计提折旧留空"))
	p.years.OnEdit = edited("DepreciationYears")
	p.residual = kit.NewPercentField()
	p.residual.SetPlaceHolder(lang.L("例如 5"))
	p.residual.OnEdit = edited("ResidualBP")
	p.net = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.net.Wrapping = fyne.TextWrapWord
	p.contracts = container.NewVBox()
	p.note = kit.NewNoteField()
	p.note.OnChanged = changed("Note")

	// Two columns: what the asset is on the left, how it is used and valued on the right.
	return container.NewGridWithColumns(2, kit.FormGrid(
		kit.FieldRow(lang.L("资产编号"), p.code, p.code.Hint),
		kit.FieldRow(lang.L("资产名称"), p.name, p.name.Hint),
		kit.FieldRow(lang.L("村"), p.village, p.villageHint),
		kit.FieldRow(lang.L("类别"), p.class, p.classHint),
		kit.FieldRow(lang.L("来源"), p.source, p.sourceHint),
		kit.FieldRow(lang.L("形成它的项目"), p.project, p.projectHint),
		kit.FieldRow(lang.L("形成日期"), p.formed, p.formed.Hint),
		kit.FieldRow(lang.L("原值（元）"), p.value, p.value.Hint),
		[]fyne.CanvasObject{widget.NewLabel(lang.L("数量或面积")),
			container.NewVBox(container.NewGridWithColumns(2, p.quantity, p.unit), p.quantity.Hint, p.unit.Hint)},
		kit.FieldRow(lang.L("存放地点"), p.location, p.location.Hint),
		kit.FieldRow(lang.L("管护责任人"), p.keeper, p.keeper.Hint),
		kit.FieldRow(lang.L("所有权归属"), p.owner, p.owner.Hint),
	), kit.FormGrid(
		kit.FieldRow(lang.L("使用状态"), p.status, p.statusHint),
		kit.FieldRow(lang.L("出租合同"), p.contracts, nil),
		kit.FieldRow(lang.L("处置日期"), p.disposed, p.disposed.Hint),
		kit.FieldRow(lang.L("折旧年限（年）"), p.years, p.years.Hint),
		kit.FieldRow(lang.L("残值率（%）"), p.residual, p.residual.Hint),
		kit.FieldRow(lang.L("净值"), p.net, nil),
		kit.FieldRow(lang.L("备注"), p.note, p.note.Hint),
	))
}

// edited follows a change the user made; the net value follows the figures typed.
func (p *assetPage) edited(field string) {
	p.page.Form.Edited(field)
	p.showNet()
}

func (p *assetPage) load(a data.Asset) {
	p.page.Form.Load(func() { p.fill(a) })
	title := lang.L("新增资产")
	if a.ID != 0 {
		title = a.Code + " " + a.Name
	}
	p.page.SetRecord(title, a.ID != 0)
	p.showContracts()
	var ws []kit.Warning
	if a.ID != 0 && a.Status == "" {
		ws = append(ws, kit.Warning{Text: lang.L("这项资产是从帮扶项目移过来的，还没有登记使用状态，请补充。")})
	}
	if a.Status == data.AssetIdle {
		ws = append(ws, kit.Warning{Text: lang.L("资产闲置：请研究盘活利用，例如出租。")})
	}
	p.page.SetWarnings(ws)
}

func (p *assetPage) fill(a data.Asset) {
	p.a = a
	names, ids := p.v.s.villageOptions()
	p.villageIDs = ids
	p.village.SetOptions(names)
	selectValue(p.village, ids, a.VillageID)
	p.code.SetText(a.Code)
	p.name.SetText(a.Name)
	selectValue(p.class, data.AssetKinds, a.Class)
	selectValue(p.source, data.AssetSources, a.Source)
	p.setProjectOptions()
	p.project.SetValue(idValue(a.ProjectID))
	setDate(p.formed, a.Formed)
	p.value.SetOrClear(a.Value)
	setQuantity(p.quantity, a.Quantity)
	p.unit.SetText(a.Unit)
	p.location.SetText(a.Location)
	selectValue(p.status, data.AssetStatuses, a.Status)
	setDate(p.disposed, a.DisposedOn)
	p.keeper.SetText(a.Keeper)
	p.owner.SetText(a.Owner)
	p.years.SetValue(a.DepreciationYears)
	p.residual.SetValue(a.ResidualBP)
	p.note.SetText(a.Note)
	p.setCodePlaceholder()
	p.sourceShown()
	p.showNet()
}

// setProjectOptions offers the live projects, and the asset's own project when it was deleted since.
func (p *assetPage) setProjectOptions() {
	st := p.v.env.Store
	labels, values, err := projectChoices(st)
	if own := idValue(p.a.ProjectID); err == nil && own != "" && !slices.Contains(values, own) {
		var c data.ProjectChoice
		if c, err = st.ProjectChoiceOf(p.a.ProjectID); err == nil {
			labels, values = append(labels, projectLabel(c.Name, c.Deleted)), append(values, own)
		}
	}
	if err != nil {
		p.hint.SetError(kit.ErrorText(err))
	}
	p.project.SetOptions(labels, values)
}

func (p *assetPage) villageID() int64 { return chosen(p.villageIDs, p.village.SelectedIndex()) }

func (p *assetPage) setCodePlaceholder() {
	p.code.SetPlaceHolder("")
	if vid := p.villageID(); vid != 0 {
		if next, err := p.v.env.Store.NextAssetCode(vid); err == nil {
			p.code.SetPlaceHolder(lang.L("留空自动编号 {{.Code}}", map[string]any{"Code": next}))
		}
	}
}

func (p *assetPage) villageChanged() {
	p.setCodePlaceholder()
	p.edited("VillageID")
}

// sourceShown offers the project only to an asset formed by assistance funds.
func (p *assetPage) sourceShown() {
	if chosen(data.AssetSources, p.source.SelectedIndex()) == data.AssetSourceProject {
		p.project.Sel.Enable()
	} else {
		p.project.Sel.Disable()
	}
}

// showNet shows the net value of what is typed, at the end of this month.
func (p *assetPage) showNet() {
	x, problems := p.read()
	if len(problems.Fields) > 0 {
		p.net.SetText("—")
		return
	}
	text := x.NetValue(data.Today()).String()
	if x.DepreciationYears == 0 {
		text = lang.L("{{.Value}}（不计提折旧，等于原值）", map[string]any{"Value": text})
	}
	p.net.SetText(text)
}

// showContracts lists the contracts letting the saved asset, each opening its page.
func (p *assetPage) showContracts() {
	p.contracts.RemoveAll()
	defer p.contracts.Refresh()
	none := widget.NewLabel(lang.L("没有合同出租这项资产。出租时，在合同里选择“出租的资产”即可关联。"))
	none.Wrapping = fyne.TextWrapWord
	kit.SecondaryText(none)
	if p.a.ID == 0 {
		p.contracts.Add(none)
		return
	}
	rows, err := p.v.env.Store.ListContracts(data.ContractFilter{AssetID: p.a.ID}, 0, 20)
	if err != nil {
		none.SetText(kit.ErrorText(err))
	}
	if len(rows) == 0 {
		p.contracts.Add(none)
		return
	}
	for _, r := range rows {
		id := r.ID
		open := widget.NewButtonWithIcon(lang.L("打开合同"), theme.NavigateNextIcon(), func() { p.v.s.openContract(id) })
		l := widget.NewLabel(lang.L("{{.Code}} {{.Subject}}，{{.Party}}，{{.Span}}（{{.State}}）", map[string]any{
			"Code": r.Code, "Subject": r.Subject, "Party": r.Party, "Span": spanText(r.Start, r.End), "State": kit.Word(r.State)}))
		l.Wrapping = fyne.TextWrapWord
		p.contracts.Add(container.NewBorder(nil, nil, nil, open, l))
	}
}

// read turns the fields into an asset; texts that do not parse come back as problems.
func (p *assetPage) read() (data.Asset, *data.ValidationError) {
	x, parse := p.a, &data.ValidationError{}
	x.Code, x.Name, x.Unit, x.Location, x.Keeper, x.Owner, x.Note =
		p.code.Text, p.name.Text, p.unit.Text, p.location.Text, p.keeper.Text, p.owner.Text, p.note.Text
	x.VillageID = p.villageID()
	x.Class = chosen(data.AssetKinds, p.class.SelectedIndex())
	x.Source = chosen(data.AssetSources, p.source.SelectedIndex())
	x.ProjectID = 0
	if x.Source == data.AssetSourceProject {
		x.ProjectID = idOf(p.project.Value())
	}
	x.Status = chosen(data.AssetStatuses, p.status.SelectedIndex())
	x.Formed = parsedValue(&p.formed.ParsedField, "Formed", parse)
	x.DisposedOn = parsedValue(&p.disposed.ParsedField, "DisposedOn", parse)
	x.Value = parsedValue(&p.value.ParsedField, "Value", parse)
	x.Quantity = parsedValue(&p.quantity.ParsedField, "Quantity", parse)
	x.DepreciationYears = parsedValue(&p.years.ParsedField, "DepreciationYears", parse)
	x.ResidualBP = parsedValue(&p.residual.ParsedField, "ResidualBP", parse)
	return x, parse
}

func (p *assetPage) validate() *data.ValidationError {
	x, parse := p.read()
	return kit.MergeCheck(parse, p.v.env.Store.CheckAsset(&x))
}

func (p *assetPage) save() {
	notice := p.v.reg.Notice
	var x data.Asset
	isNew := p.a.ID == 0
	if !p.page.SaveRecord(notice, func() error { x, _ = p.read(); return p.v.env.Store.SaveAsset(&x) }) {
		return
	}
	p.load(x)
	p.photos.Reload()
	what := describeAsset(&x)
	if isNew {
		notice.Show(lang.L("已保存{{.What}}，现在可以添加照片", map[string]any{"What": what}), false)
	} else {
		notice.Show(lang.L("已保存{{.What}}", map[string]any{"What": what}), false)
	}
}

func (p *assetPage) cancel() {
	p.page.Cancel(p.a.ID == 0, p.v.reg.Back, func() { p.load(p.a) })
}

// deleteAsset deletes the asset after asking and goes back to the list; Ctrl+Z restores it.
func (p *assetPage) deleteAsset() {
	if p.a.ID == 0 {
		return
	}
	a := p.a
	what := describeAsset(&a)
	p.v.reg.DeletePage(what, func() error { return p.v.env.Store.DeleteAsset(a.ID) }, func() error { return p.v.env.Store.RestoreAsset(a.ID) })
}

// refresh follows a change to the store: the fields (unless something typed is unsaved), the
// contracts letting the asset and its photos.
func (p *assetPage) refresh() {
	if p.a.ID == 0 {
		p.page.Form.Quietly(p.setProjectOptions)
		return
	}
	if !p.page.Form.Dirty() {
		a, err := p.v.env.Store.GetAsset(p.a.ID)
		if errors.Is(err, data.ErrNotFound) {
			p.v.reg.ShowList()
			return
		}
		if err != nil {
			p.v.reg.Notice.ShowError(err)
			return
		}
		p.load(*a)
	} else {
		p.page.Form.Quietly(p.setProjectOptions)
		p.showContracts()
	}
	p.photos.Reload()
}
