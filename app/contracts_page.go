package app

import (
	"errors"
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

// contractPage is one contract: its terms typed on 合同信息 (checked as typed, against the store
// too), its rent schedule and receipts on 租金与收款, its scans and photos on 扫描件.
type contractPage struct {
	v    *contractsView
	c    data.Contract     // as loaded; ID 0 while new
	row  *data.ContractRow // the saved contract's figures and checks today
	page *kit.RecordPage

	code                                          *kit.TextField
	village, kind, partyKind, payment             *kit.Select
	villageHint, kindHint, partyKindHint, payHint *kit.HintLabel
	subject, unit, party                          *kit.TextField
	area, quantity                                *kit.QuantityField
	start, end                                    *kit.DateField
	term                                          *widget.Label // the term's warnings as typed
	rentLabel                                     *widget.Label
	rent, deposit                                 *kit.MoneyField
	dueDay, escYears                              *kit.CountField
	escPercent                                    *kit.PercentField
	public                                        *widget.Check
	decision                                      *decisionLink
	asset, renews                                 *kit.Choice
	assetHint, renewsHint                         *kit.HintLabel
	openAsset                                     *widget.Button
	note                                          *kit.NoteField
	hint                                          *kit.HintLabel

	villageIDs []int64
	rentTab    *rentSection
	photos     *kit.PhotoGrid
}

func newContractPage(v *contractsView, c data.Contract) *contractPage {
	p := &contractPage{v: v}
	p.rentTab = newRentSection(p)
	p.photos = kit.NewPhotoGrid(v.env.Dialogs, lang.L("添加扫描件或照片"), lang.L("还没有扫描件或照片。可以把签字盖章的合同拍照或扫描成 .jpg、.png 加进来。"))
	p.photos.List = func() ([]kit.Photo, error) { return recordPhotos(v.env.Store.ContractFiles(p.c.ID)) }
	p.photos.Data = v.env.Store.RecordFileData
	p.photos.Add = func(name string, b []byte) error {
		return addRecordPhoto(v.s, &data.RecordFile{ContractID: p.c.ID, FileName: name, Mime: kit.PhotoMime(name), Data: b})
	}
	p.photos.Delete = func(ph kit.Photo) { deleteRecordPhoto(v.s, v.reg, ph) }

	p.hint = kit.NewHintLabel()
	p.page = kit.NewRecordPage(v.env.Dialogs, kit.PageLabels{Back: lang.L("返回合同列表"), FormTab: lang.L("合同信息"), Delete: lang.L("删除合同")},
		kit.PageActions{Back: v.reg.Back, Save: p.save, Cancel: p.cancel, Delete: p.deleteContract}, p.form(), p.hint,
		container.NewTabItemWithIcon(lang.L("租金与收款"), theme.StorageIcon(), p.rentTab.content),
		container.NewTabItemWithIcon(lang.L("扫描件和照片"), theme.FileImageIcon(), p.photos.Content()))
	p.page.Tabs.OnSelected = func(*container.TabItem) {
		if p.onRent() {
			p.rentTab.showOwed()
		}
	}
	f := p.page.Form
	f.Validate = p.validate
	f.Targets = map[string]kit.ErrorTarget{
		"Code": p.code, "VillageID": p.villageHint, "Kind": p.kindHint, "Subject": p.subject, "Area": p.area,
		"Quantity": p.quantity, "Unit": p.unit, "Party": p.party, "PartyKind": p.partyKindHint, "Start": p.start,
		"End": p.end, "AnnualRent": p.rent, "TotalPrice": p.rent, "Payment": p.payHint, "DueDay": p.dueDay,
		"Deposit": p.deposit, "EscalationYears": p.escYears, "EscalationBP": p.escPercent, "AssetID": p.assetHint,
		"RenewsID": p.renewsHint, "Note": p.note,
	}
	f.Linked = map[string][]string{"Start": {"End"}, "End": {"Start"}, "Payment": {"AnnualRent", "TotalPrice", "EscalationYears"},
		"EscalationYears": {"EscalationBP"}, "EscalationBP": {"EscalationYears"}, "VillageID": {"AssetID", "Code"}}
	f.OnProblems = v.reg.Notice.UpdateProblems
	f.Save = func() bool { p.save(); return !f.Dirty() }
	p.load(c)
	p.refreshLines()
	return p
}

// form builds the fields of 合同信息, each telling the form when the user changes it.
func (p *contractPage) form() fyne.CanvasObject {
	edited := func(field string) func() { return func() { p.page.Form.Edited(field) } }
	changed := func(field string) func(string) { return func(string) { p.page.Form.Edited(field) } }

	p.code = kit.NewTextField()
	p.code.OnChanged = changed("Code")
	p.village = kit.NewSelect(nil, lang.L("请选择村"), func(string) { p.villageChanged() })
	p.villageHint = kit.NewHintLabel()
	p.kind = kit.NewSelect(kit.Translated(data.ContractKinds), lang.L("请选择类型"), changed("Kind"))
	p.kindHint = kit.NewHintLabel()
	p.subject = kit.NewTextField()
	p.subject.SetPlaceHolder(lang.L("例如 村南鱼塘、沿街门面房"))
	p.subject.OnChanged = changed("Subject")
	p.area = kit.NewQuantityField()
	p.area.Optional = true
	p.area.OnEdit = edited("Area")
	p.quantity = kit.NewQuantityField()
	p.quantity.Optional = true
	p.quantity.OnEdit = edited("Quantity")
	p.unit = kit.NewTextField()
	p.unit.SetPlaceHolder(lang.L("单位，例如 间、台"))
	p.unit.OnChanged = changed("Unit")
	p.party = kit.NewTextField()
	p.party.OnChanged = changed("Party")
	p.partyKind = kit.NewSelect(kit.Translated(data.PartyKinds), lang.L("请选择"), changed("PartyKind"))
	p.partyKindHint = kit.NewHintLabel()
	p.start = kit.NewDateField(p.v.env.Win)
	p.start.OnEdit = func() { p.termChanged(); p.page.Form.Edited("Start") }
	p.end = kit.NewDateField(p.v.env.Win)
	p.end.OnEdit = func() { p.termChanged(); p.page.Form.Edited("End") }
	p.term = widget.NewLabel("")
	p.term.Wrapping = fyne.TextWrapWord
	p.term.Importance = widget.WarningImportance
	p.term.Hide()
	p.payment = kit.NewSelect(kit.Translated(data.PaymentTerms), lang.L("请选择"), func(string) { p.paymentChanged() })
	p.payHint = kit.NewHintLabel()
	p.rentLabel = widget.NewLabel(lang.L("年租金（元）"))
	p.rent = kit.NewMoneyField()
	p.rent.Optional = true
	p.rent.OnEdit = edited("AnnualRent")
	p.dueDay = kit.NewCountField()
	p.dueDay.SetPlaceHolder(lang.L("1–31，留空为每期第一天"))
	p.dueDay.OnEdit = edited("DueDay")
	p.deposit = kit.NewMoneyField()
	p.deposit.Optional = true
	p.deposit.OnEdit = edited("Deposit")
	p.escYears = kit.NewCountField()
	p.escYears.SetPlaceHolder(lang.L("不递增留空"))
	p.escYears.OnEdit = edited("EscalationYears")
	p.escPercent = kit.NewPercentField()
	p.escPercent.SetPlaceHolder(lang.L("例如 5"))
	p.escPercent.OnEdit = edited("EscalationBP")
	p.public = widget.NewCheck(lang.L("经公开交易"), func(bool) { p.page.Form.Edited("PublicTrade") })
	p.decision = newDecisionLink(p.v.env)
	p.asset = kit.NewChoice(lang.L("（不关联资产）"), nil, nil, func(string) { p.assetChanged() })
	p.assetHint = kit.NewHintLabel()
	p.openAsset = widget.NewButtonWithIcon(lang.L("打开资产"), theme.NavigateNextIcon(), func() {
		if id := idOf(p.asset.Value()); id != 0 {
			p.v.s.openAsset(id)
		}
	})
	p.renews = kit.NewChoice(lang.L("（不是续签）"), nil, nil, changed("RenewsID"))
	p.renewsHint = kit.NewHintLabel()
	p.note = kit.NewNoteField()
	p.note.OnChanged = changed("Note")

	partyNote := widget.NewLabel(lang.L("个人的姓名在村务公开表等公开材料里会打码，例如 张*明。"))
	partyNote.Wrapping = fyne.TextWrapWord
	kit.SecondaryText(partyNote)
	// Two columns: what is let and to whom on the left, the money terms on the right.
	return container.NewGridWithColumns(2, kit.FormGrid(
		kit.FieldRow(lang.L("合同编号"), p.code, p.code.Hint),
		kit.FieldRow(lang.L("村"), p.village, p.villageHint),
		kit.FieldRow(lang.L("类型"), p.kind, p.kindHint),
		kit.FieldRow(lang.L("标的"), p.subject, p.subject.Hint),
		kit.FieldRow(lang.L("面积（亩）"), p.area, p.area.Hint),
		[]fyne.CanvasObject{widget.NewLabel(lang.L("数量")),
			container.NewVBox(container.NewGridWithColumns(2, p.quantity, p.unit), p.quantity.Hint, p.unit.Hint)},
		kit.FieldRow(lang.L("承包方"), p.party, p.party.Hint),
		kit.FieldRow(lang.L("承包方类型"), container.NewVBox(p.partyKind, partyNote), p.partyKindHint),
		kit.FieldRow(lang.L("出租的资产"), container.NewBorder(nil, nil, nil, p.openAsset, p.asset), p.assetHint),
		kit.FieldRow(lang.L("续签的原合同"), p.renews, p.renewsHint),
		kit.FieldRow(lang.L("决议记录"), p.decision.box, nil),
	), kit.FormGrid(
		kit.FieldRow(lang.L("起始日期"), p.start, p.start.Hint),
		[]fyne.CanvasObject{widget.NewLabel(lang.L("终止日期")), container.NewVBox(p.end, p.end.Hint, p.term)},
		kit.FieldRow(lang.L("付款方式"), p.payment, p.payHint),
		[]fyne.CanvasObject{p.rentLabel, container.NewVBox(p.rent, p.rent.Hint)},
		kit.FieldRow(lang.L("每期交款日"), p.dueDay, p.dueDay.Hint),
		kit.FieldRow(lang.L("保证金（元）"), p.deposit, p.deposit.Hint),
		kit.FieldRow(lang.L("租金每隔几年递增"), p.escYears, p.escYears.Hint),
		kit.FieldRow(lang.L("每次递增（%）"), p.escPercent, p.escPercent.Hint),
		kit.FieldRow(lang.L("公开交易"), p.public, nil),
		kit.FieldRow(lang.L("备注"), p.note, p.note.Hint),
	))
}

// load fills the fields from c and starts afresh (nothing touched, nothing unsaved).
func (p *contractPage) load(c data.Contract) {
	p.page.Form.Load(func() { p.fill(c) })
	title := lang.L("新增合同")
	if c.ID != 0 {
		title = c.Code + " " + c.Subject
	}
	p.page.SetRecord(title, c.ID != 0)
	p.showChecks()
}

func (p *contractPage) fill(c data.Contract) {
	p.c = c
	names, ids := p.v.s.villageOptions()
	p.villageIDs = ids
	p.village.SetOptions(names)
	selectValue(p.village, ids, c.VillageID)
	p.code.SetText(c.Code)
	selectValue(p.kind, data.ContractKinds, c.Kind)
	p.subject.SetText(c.Subject)
	setQuantity(p.area, c.Area)
	setQuantity(p.quantity, c.Quantity)
	p.unit.SetText(c.Unit)
	p.party.SetText(c.Party)
	selectValue(p.partyKind, data.PartyKinds, c.PartyKind)
	setDate(p.start, c.Start)
	setDate(p.end, c.End)
	selectValue(p.payment, data.PaymentTerms, c.Payment)
	p.rent.SetOrClear(contractRent(&c))
	p.dueDay.SetValue(c.DueDay)
	p.deposit.SetOrClear(c.Deposit)
	p.escYears.SetValue(c.EscalationYears)
	p.escPercent.SetValue(c.EscalationBP)
	p.public.SetChecked(c.PublicTrade)
	p.showDecision()
	p.note.SetText(c.Note)
	p.setVillageChoices()
	p.asset.SetValue(idValue(c.AssetID))
	p.renews.SetValue(idValue(c.RenewsID))
	p.paymentShown()
	p.termChanged()
	p.assetShown()
}

// showDecision names the 四议两公开 decision approving the contract, or offers a new one about it
// once it is saved (the page's warnings say when a contract stands without one).
func (p *contractPage) showDecision() {
	c := p.c
	if c.ID == 0 {
		p.decision.box.Hide()
		return
	}
	d, err := p.v.env.Store.DecisionOfContract(c.ID)
	fresh := data.Decision{VillageID: c.VillageID, Kind: "合同发包/租赁", ContractID: c.ID, AssetID: c.AssetID,
		Matter: lang.L("{{.Subject}}发包", map[string]any{"Subject": c.Subject}), Amount: contractRent(&c)}
	p.decision.show(d, err, fresh, "")
	p.decision.box.Show()
}

func idValue(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func setQuantity(f *kit.QuantityField, q data.Quantity) {
	if q == 0 {
		f.Clear()
	} else {
		f.SetValue(q)
	}
}

func setDate(f *kit.DateField, d data.Date) {
	if d.IsZero() {
		f.Clear()
	} else {
		f.SetValue(d)
	}
}

func (p *contractPage) villageID() int64 { return chosen(p.villageIDs, p.village.SelectedIndex()) }

// setVillageChoices offers the assets and earlier contracts of the chosen village, and the next
// code as the code's placeholder. The contract's own links stay offered when they would not be
// (an asset scrapped since).
func (p *contractPage) setVillageChoices() {
	st := p.v.env.Store
	vid := p.villageID()
	var labels, values []string
	assets, err := st.AssetChoices(vid, 0)
	for _, a := range assets {
		labels, values = append(labels, a.Label), append(values, idValue(a.ID))
	}
	if own := idValue(p.c.AssetID); err == nil && own != "" && !slices.Contains(values, own) {
		if a, e := st.GetAsset(p.c.AssetID); e == nil {
			labels, values = append(labels, a.Code+" "+a.Name), append(values, own)
		}
	}
	p.asset.SetOptions(labels, values)
	labels, values = nil, nil
	contracts, err2 := st.ContractChoices(vid, 0)
	for _, c := range contracts {
		if c.ID != p.c.ID {
			labels, values = append(labels, c.Label), append(values, idValue(c.ID))
		}
	}
	p.renews.SetOptions(labels, values)
	p.code.SetPlaceHolder("")
	if vid != 0 {
		year := data.Today().Year()
		if d, e := p.start.Parsed(); e == nil {
			year = d.Year()
		}
		if next, e := st.NextContractCode(vid, year); e == nil {
			p.code.SetPlaceHolder(lang.L("留空自动编号 {{.Code}}", map[string]any{"Code": next}))
		}
	}
	if err := errors.Join(err, err2); err != nil {
		p.hint.SetError(kit.ErrorText(err))
	}
}

func (p *contractPage) villageChanged() {
	p.page.Form.Quietly(p.setVillageChoices)
	p.page.Form.Edited("VillageID")
}

func (p *contractPage) paymentValue() string {
	return chosen(data.PaymentTerms, p.payment.SelectedIndex())
}

// paymentShown names the amount after the payment: a contract paid at once has a total price.
func (p *contractPage) paymentShown() {
	if p.paymentValue() == data.PayOnce {
		p.rentLabel.SetText(lang.L("总价款（元）"))
	} else {
		p.rentLabel.SetText(lang.L("年租金（元）"))
	}
}

func (p *contractPage) paymentChanged() {
	p.paymentShown()
	p.page.Form.Edited("Payment")
}

func (p *contractPage) assetShown() {
	if idOf(p.asset.Value()) == 0 {
		p.openAsset.Disable()
	} else {
		p.openAsset.Enable()
	}
}

func (p *contractPage) assetChanged() {
	p.assetShown()
	p.page.Form.Edited("AssetID")
}

// termChanged warns, as the dates are typed, of a term the law or the rules single out.
func (p *contractPage) termChanged() {
	start, err1 := p.start.Parsed()
	end, err2 := p.end.Parsed()
	p.term.Hide()
	if err1 != nil || err2 != nil || end.Before(start) {
		return
	}
	switch termCheck(start, end) {
	case data.CheckOver20:
		p.term.SetText(lang.L("租期超过20年：按《民法典》第七百零五条，超过二十年的部分无效。"))
		p.term.Show()
	case data.CheckLong:
		p.term.SetText(lang.L("租期15年及以上，属于长期合同，请确认审批和备案手续齐全。"))
		p.term.Show()
	}
}

// termCheck is the term check a contract from start to end raises ("" none), counted in whole
// years as the data layer's checks count them (start + N years, as SQLite's date(…, '+N years')).
func termCheck(start, end data.Date) string {
	years := func(n int) data.Date { return data.DateOf(start.Time().AddDate(n, 0, 0)) }
	switch {
	case !end.Before(years(20)):
		return data.CheckOver20
	case !end.Before(years(15).AddDays(-1)):
		return data.CheckLong
	}
	return ""
}

// read turns the fields into a contract; texts that do not parse come back as problems.
func (p *contractPage) read() (data.Contract, *data.ValidationError) {
	x, parse := p.c, &data.ValidationError{}
	x.Code, x.Subject, x.Unit, x.Party, x.Note = p.code.Text, p.subject.Text, p.unit.Text, p.party.Text, p.note.Text
	x.VillageID = p.villageID()
	x.Kind = chosen(data.ContractKinds, p.kind.SelectedIndex())
	x.PartyKind = chosen(data.PartyKinds, p.partyKind.SelectedIndex())
	x.Payment = p.paymentValue()
	x.Area = parsedValue(&p.area.ParsedField, "Area", parse)
	x.Quantity = parsedValue(&p.quantity.ParsedField, "Quantity", parse)
	x.Start = parsedValue(&p.start.ParsedField, "Start", parse)
	x.End = parsedValue(&p.end.ParsedField, "End", parse)
	rent := parsedValue(&p.rent.ParsedField, "AnnualRent", parse)
	x.AnnualRent, x.TotalPrice = rent, 0
	if x.Payment == data.PayOnce {
		x.AnnualRent, x.TotalPrice = 0, rent
	}
	x.DueDay = parsedValue(&p.dueDay.ParsedField, "DueDay", parse)
	x.Deposit = parsedValue(&p.deposit.ParsedField, "Deposit", parse)
	x.EscalationYears = parsedValue(&p.escYears.ParsedField, "EscalationYears", parse)
	x.EscalationBP = parsedValue(&p.escPercent.ParsedField, "EscalationBP", parse)
	x.PublicTrade = p.public.Checked
	x.AssetID = idOf(p.asset.Value())
	x.RenewsID = idOf(p.renews.Value())
	return x, parse
}

func (p *contractPage) validate() *data.ValidationError {
	x, parse := p.read()
	return kit.MergeCheck(parse, p.v.env.Store.CheckContract(&x))
}

// save writes the contract when nothing shows a problem; a new one then shows its rent schedule.
func (p *contractPage) save() {
	notice := p.v.reg.Notice
	var x data.Contract
	isNew := p.c.ID == 0
	if !p.page.SaveRecord(notice, func() error { x, _ = p.read(); return p.v.env.Store.SaveContract(&x) }) {
		return
	}
	p.load(x)
	p.refreshLines()
	what := describeContract(&x)
	if isNew {
		notice.Show(lang.L("已保存{{.What}}，租金计划已生成，可以登记收款", map[string]any{"What": what}), false)
		p.page.Tabs.SelectIndex(1)
	} else {
		notice.Show(lang.L("已保存{{.What}}", map[string]any{"What": what}), false)
	}
}

// cancel drops unsaved typing (asking first); with nothing unsaved it goes back to the list.
func (p *contractPage) cancel() {
	p.page.Cancel(p.c.ID == 0, p.v.reg.Back, func() { p.load(p.c) })
}

// deleteContract deletes the contract after asking and goes back to the list; Ctrl+Z restores it.
func (p *contractPage) deleteContract() {
	if p.c.ID == 0 {
		return
	}
	c := p.c
	what := describeContract(&c)
	p.v.reg.DeletePage(what, func() error { return p.v.env.Store.DeleteContract(c.ID) }, func() error { return p.v.env.Store.RestoreContract(c.ID) })
}

// onRent reports whether 租金与收款 shows.
func (p *contractPage) onRent() bool { return p.page.Tabs.SelectedIndex() == 1 }

// refresh follows a change to the store: the fields (unless something typed is unsaved), the
// checks, the schedule, the receipts and the scans.
func (p *contractPage) refresh() {
	if p.c.ID == 0 {
		return
	}
	if !p.page.Form.Dirty() {
		c, err := p.v.env.Store.GetContract(p.c.ID)
		if errors.Is(err, data.ErrNotFound) { // deleted meanwhile (undo brings it back to the list)
			p.v.reg.ShowList()
			return
		}
		if err != nil {
			p.v.reg.Notice.ShowError(err)
			return
		}
		p.load(*c)
	} else {
		p.page.Form.Quietly(p.setVillageChoices)
		p.showChecks()
	}
	p.refreshLines()
}

// refreshLines reads the schedule, receipts and scans of a saved contract.
func (p *contractPage) refreshLines() {
	if p.c.ID == 0 {
		return
	}
	p.rentTab.reload()
	p.photos.Reload()
}

// showChecks shows the saved contract's checks under its name.
func (p *contractPage) showChecks() {
	p.row = nil
	if p.c.ID == 0 {
		p.page.SetWarnings(nil)
		return
	}
	r, err := p.v.env.Store.ContractRowOf(p.c.ID, data.Date{})
	if err != nil {
		p.page.SetWarnings([]kit.Warning{{Text: kit.ErrorText(err), Danger: true}})
		return
	}
	p.row = r
	var ws []kit.Warning
	for _, ch := range r.Checks {
		ws = append(ws, kit.Warning{Text: checkText(r, ch), Danger: ch == data.CheckOverdue || ch == data.CheckOver20})
	}
	p.page.SetWarnings(ws)
}

// checkText says what a check means for contract r.
func checkText(r *data.ContractRow, check string) string {
	switch check {
	case data.CheckOverdue:
		return lang.L("租金逾期 {{.Amount}}：到今天应收 {{.Due}}，已收 {{.Received}}。收到后在“租金与收款”里登记。",
			map[string]any{"Amount": r.Overdue.String(), "Due": r.DueToDate.String(), "Received": r.Received.String()})
	case data.CheckEnding:
		return lang.L("合同将于 {{.End}} 到期，还没有续签。", map[string]any{"End": r.End.String()})
	case data.CheckEnded:
		return lang.L("合同已于 {{.End}} 到期，没有续签：请续签（新合同选“续签的原合同”）或收回。", map[string]any{"End": r.End.String()})
	case data.CheckNoDecision:
		return lang.L("没有批准这份合同的“四议两公开”决议记录。")
	case data.CheckOver20:
		return lang.L("租期超过20年：按《民法典》第七百零五条，超过二十年的部分无效。")
	case data.CheckLong:
		return lang.L("租期15年及以上，属于长期合同，请确认审批和备案手续齐全。")
	}
	return lang.L(data.CheckName(check))
}
