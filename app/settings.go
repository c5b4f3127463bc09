package app

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// settingsView is 设置: the language, the user's own details, villages with their targets,
// partner units, where the data lives with its backups, and the version.
type settingsView struct {
	env *Env

	secretary, unit           *kit.TextField
	shownSecretary, shownUnit string          // what refreshMe last put in the fields
	workDays                  *kit.CountField // 每月在村天数目标
	shownWorkDays             string
	meNote                    *widget.Label

	villageRows *fyne.Container
	partnerRows *fyne.Container

	status   *widget.Label
	undoBtn  *widget.Button
	undo     func() error // restores what was deleted last; nil when nothing to undo
	undoName string

	bands bandsSetting

	backup *backupSection
}

func settingsScreen(env *Env) *ScreenView {
	s := &settingsView{env: env, backup: newBackupSection(env)}
	heading := widget.NewLabelWithStyle(lang.L("设置"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	s.status = widget.NewLabel("")
	s.undoBtn = widget.NewButtonWithIcon(lang.L("撤销"), theme.ContentUndoIcon(), s.undoLast)
	s.undoBtn.Hide()
	sections := []fyne.CanvasObject{
		settingsSection(lang.L("语言"), languageSetting(env)), // first Select on the screen (app_test relies on it)
	}
	packs := settingsSection(lang.L("数据包"), packSection(env))
	if env.Store.IsTown() {
		sections = append(sections, packs) // what a town database is for
	}
	me := settingsSection(lang.L("我的信息"), s.meSection())
	if env.Store.IsTown() {
		me.Hide() // a town database's store takes no writes
	}
	sections = append(sections, me,
		settingsSection(lang.L("村庄与年度目标"), s.villageSection()),
		settingsSection(lang.L("经营性收入分档"), s.bandsSection()),
		settingsSection(lang.L("帮扶单位"), s.partnerSection()),
	)
	if !env.Store.IsTown() {
		sections = append(sections, packs)
	}
	second := settingsSection(lang.L("第二备份位置"), s.backup.second.content)
	if env.Store.IsTown() {
		second.Hide() // it takes the daily copies, which a town database does not make
	}
	sections = append(sections,
		settingsSection(lang.L("备份与恢复"), s.backup.content),
		second,
		settingsSection(lang.L("关于"), aboutInfo(env)),
	)
	header := container.NewHBox(heading, layout.NewSpacer(), s.status, s.undoBtn)
	content := kit.NewHolder(s, container.NewBorder(container.NewPadded(header), nil, nil, nil,
		container.NewVScroll(container.NewPadded(container.NewVBox(sections...)))))
	env.OnChange(s.refresh, "villages", "village_targets", "partners", "settings")
	return &ScreenView{Content: content, OnShow: s.refresh, OnAction: s.action, CanLeave: s.canLeave}
}

func settingsSection(title string, body fyne.CanvasObject) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Importance = widget.HighImportance
	return kit.Panel(container.NewBorder(t, nil, nil, nil, body))
}

// action: Ctrl+S saves 我的信息, Ctrl+N adds a village, Ctrl+Z undoes the last delete. (While a
// village or partner dialog is open the window hands Ctrl+S and Esc to it.)
func (s *settingsView) action(a kit.Action) {
	switch a {
	case kit.ActionUndo:
		s.undoLast()
	case kit.ActionNew:
		s.editVillage(nil)
	case kit.ActionSave:
		s.saveMe()
	}
}

// meChanged reports typing in 我的信息 that has not been saved.
func (s *settingsView) meChanged() bool {
	return s.secretary.Text != s.shownSecretary || s.unit.Text != s.shownUnit || s.workDays.Text != s.shownWorkDays
}

// canLeave asks about unsaved typing in 我的信息 before the window switches screens.
func (s *settingsView) canLeave(proceed func()) {
	if !s.meChanged() {
		proceed()
		return
	}
	s.env.Dialogs.AskLeave(s.saveMe, func() {
		s.secretary.SetText(s.shownSecretary)
		s.unit.SetText(s.shownUnit)
		s.workDays.SetText(s.shownWorkDays)
		proceed()
	})
}

// refresh rereads everything the screen shows from the store.
func (s *settingsView) refresh() {
	s.refreshMe()
	s.refreshVillages()
	s.refreshBands()
	s.refreshPartners()
	s.backup.refresh()
}

func (s *settingsView) say(msg string) {
	s.status.Importance = widget.MediumImportance
	s.status.SetText(msg)
}

func (s *settingsView) fail(err error) {
	s.status.Importance = widget.DangerImportance
	s.status.SetText(kit.ErrorText(err))
}

// ---- language (kept from the first version) ----

// languageChoices maps the shown names to the codes stored in preferences.
var languageChoices = []struct{ code, label string }{{LangChinese, "中文"}, {LangEnglish, "English"}}

func languageSetting(env *Env) fyne.CanvasObject {
	labels := make([]string, len(languageChoices))
	for i, c := range languageChoices {
		labels[i] = lang.L(c.label)
	}
	note := widget.NewLabel("")
	sel := kit.NewSelect(labels, "", nil)
	stored := env.App.Preferences().StringWithFallback(PrefLanguage, LangChinese)
	for i, c := range languageChoices {
		if c.code == stored {
			sel.SetSelectedIndex(i)
		}
	}
	sel.OnChanged = func(string) {
		code := languageChoices[sel.SelectedIndex()].code
		if code == env.App.Preferences().StringWithFallback(PrefLanguage, LangChinese) {
			return
		}
		env.App.Preferences().SetString(PrefLanguage, code)
		note.SetText(lang.L("language.restart"))
		note.Show()
	}
	note.Wrapping = fyne.TextWrapWord
	note.Hide()
	return container.NewVBox(container.NewHBox(kit.Sized(sel, 220)), note)
}

// ---- the user's own details ----

func (s *settingsView) meSection() fyne.CanvasObject {
	s.secretary, s.unit = kit.NewTextField(), kit.NewTextField()
	s.secretary.SetPlaceHolder(lang.L("例如：王志强"))
	s.unit.SetPlaceHolder(lang.L("例如：济南市农业农村局"))
	s.meNote = widget.NewLabel(lang.L("姓名和派出单位印在村务公开表的签章栏下；每月在村天数目标用于工作日志的月历和首页。"))
	s.meNote.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon(lang.L("保存"), theme.DocumentSaveIcon(), func() { s.saveMe() })
	s.workDays = kit.NewCountField()
	s.workDays.SetPlaceHolder(strconv.Itoa(data.DefaultWorkDaysTarget))
	s.secretary.OnSubmitted = func(string) { s.saveMe() }
	s.unit.OnSubmitted = func(string) { s.saveMe() }
	s.workDays.OnSubmitted = func(string) { s.saveMe() }
	return container.NewVBox(
		kit.FormGrid(
			kit.FieldRow(lang.L("第一书记姓名"), s.secretary, s.secretary.Hint),
			kit.FieldRow(lang.L("派出单位"), s.unit, s.unit.Hint),
			kit.FieldRow(lang.L("每月在村天数目标"), s.workDays, s.workDays.Hint)),
		container.NewBorder(nil, nil, nil, save, s.meNote))
}

// refreshMe shows the stored name and unit, leaving a field alone while it holds unsaved typing.
func (s *settingsView) refreshMe() {
	for _, f := range []struct {
		key   string
		field *kit.TextField
		shown *string
	}{{data.SettingSecretary, s.secretary, &s.shownSecretary}, {data.SettingUnit, s.unit, &s.shownUnit}} {
		if f.field.Text != *f.shown {
			continue // unsaved typing stays
		}
		v, err := s.env.Store.Setting(f.key)
		if err != nil {
			s.fail(err)
			continue
		}
		*f.shown = v
		f.field.SetText(v)
	}
	if s.workDays.Text == s.shownWorkDays {
		n, err := s.env.Store.WorkDaysTarget()
		if err != nil {
			s.fail(err)
			return
		}
		s.shownWorkDays = strconv.Itoa(n)
		s.workDays.SetText(s.shownWorkDays)
	}
}

func (s *settingsView) saveMe() bool {
	ok := true
	for _, f := range []struct {
		key   string
		field *kit.TextField
		shown *string
		text  string
	}{{data.SettingSecretary, s.secretary, &s.shownSecretary, s.secretary.Text}, {data.SettingUnit, s.unit, &s.shownUnit, s.unit.Text}} {
		f.field.SetError("")
		if err := s.env.Store.SetSetting(f.key, f.text); err != nil {
			f.field.SetError(kit.ErrorText(err))
			ok = false
			continue
		}
		*f.shown = f.field.Text
	}
	s.workDays.SetError("")
	if n, err := s.workDays.Parsed(); err != nil {
		s.workDays.SetError(kit.ErrorText(err))
		ok = false
	} else if err := s.env.Store.SetWorkDaysTarget(n); err != nil {
		s.workDays.SetError(kit.ErrorText(err))
		ok = false
	} else {
		s.shownWorkDays = s.workDays.Text
	}
	if ok {
		s.say(lang.L("已保存"))
	}
	return ok
}

// ---- villages and their yearly targets ----

func (s *settingsView) villageSection() fyne.CanvasObject {
	s.villageRows = container.NewVBox()
	add := widget.NewButtonWithIcon(lang.L("新增村庄"), theme.ContentAddIcon(), func() { s.editVillage(nil) })
	hideInTown(s.env, add)
	note := widget.NewLabel(lang.L("每个村可设定每年的集体经济收入目标，以及按哪种口径考核：总收入、经营性收入或净收入。"))
	note.Wrapping = fyne.TextWrapWord
	return container.NewVBox(note, s.villageRows, container.NewHBox(add))
}

func (s *settingsView) refreshVillages() {
	vs, err := s.env.Store.Villages()
	if err != nil {
		s.fail(err)
		return
	}
	year := data.Today().Year()
	s.villageRows.RemoveAll()
	if len(vs) == 0 {
		s.villageRows.Add(widget.NewLabel(lang.L("还没有村庄，请点“新增村庄”。")))
	}
	for _, v := range vs {
		place := strings.Join(nonEmpty(v.Town, v.County), " · ")
		goal := lang.X("settings.target.none", "{{.Year}}年未设目标", map[string]any{"Year": year})
		if t, err := s.env.Store.VillageTarget(v.ID, year); err != nil {
			s.fail(err)
		} else if t != nil {
			goal = targetLabel(t)
		}
		name := widget.NewLabelWithStyle(v.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		detail := widget.NewLabel(strings.Join(nonEmpty(place, goal), "　"))
		edit := widget.NewButtonWithIcon(lang.L("编辑"), theme.DocumentCreateIcon(), func() { s.editVillage(&v) })
		del := widget.NewButtonWithIcon(lang.L("删除"), theme.DeleteIcon(), func() { s.deleteVillage(v) })
		hideInTown(s.env, edit, del)
		hist := newHistoryButton(s.env, func() (string, int64, string) { return "villages", v.ID, v.Name })
		s.villageRows.Add(container.NewBorder(nil, nil, name, container.NewHBox(edit, hist, del), detail))
	}
}

// targetLabel is "2025年目标 ¥100,000.00（按经营性收入）".
func targetLabel(t *data.VillageTarget) string {
	return lang.X("settings.target.label", "{{.Year}}年目标 {{.Amount}}（按{{.Measure}}）",
		map[string]any{"Year": t.Year, "Amount": t.Amount.String(), "Measure": lang.L(data.MeasureName(t.Measure))})
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// villageEditor is the dialog that adds or edits a village and one year's target.
type villageEditor struct {
	*kit.FormDialog
	s                  *settingsView
	village            data.Village
	name, town, county *kit.TextField
	year, measure      *kit.Select
	years              []int
	amount             *kit.MoneyField
	measureHint        *kit.HintLabel
}

func (s *settingsView) editVillage(v *data.Village) *villageEditor {
	e := &villageEditor{s: s, name: kit.NewTextField(), town: kit.NewTextField(), county: kit.NewTextField(),
		amount: kit.NewMoneyField(), measureHint: kit.NewHintLabel()}
	title := lang.L("新增村庄")
	if v != nil {
		e.village = *v
		title = lang.L("编辑村庄")
	}
	e.name.SetText(e.village.Name)
	e.town.SetText(e.village.Town)
	e.county.SetText(e.village.County)
	e.name.SetPlaceHolder(lang.L("例如：东泉村"))
	e.town.SetPlaceHolder(lang.L("例如：龙山街道"))
	e.county.SetPlaceHolder(lang.L("例如：章丘区"))
	e.amount.Optional = true
	e.amount.SetPlaceHolder(lang.L("例如：100000（不设目标可留空）"))

	this := data.Today().Year()
	for y := this + 1; y >= this-4; y-- {
		e.years = append(e.years, y)
	}
	e.year = kit.NewSelect(yearNames(e.years), "", func(string) { e.loadTarget() })
	measures := make([]string, len(data.TargetMeasures))
	for i, m := range data.TargetMeasures {
		measures[i] = lang.L(data.MeasureName(m))
	}
	e.measure = kit.NewSelect(measures, "", nil)
	e.measure.SetSelectedIndex(0)
	e.year.SetSelectedIndex(1) // this year

	form := kit.FormGrid(
		kit.FieldRow(lang.L("村名"), e.name, e.name.Hint),
		kit.FieldRow(lang.L("乡镇（街道）"), e.town, e.town.Hint),
		kit.FieldRow(lang.L("县（市、区）"), e.county, e.county.Hint),
		kit.FieldRow(lang.L("目标年度"), e.year, nil),
		kit.FieldRow(lang.L("集体收入目标（元）"), e.amount, e.amount.Hint),
		kit.FieldRow(lang.L("考核口径"), e.measure, e.measureHint),
	)
	targets := map[string]kit.ErrorTarget{"Name": e.name, "Town": e.town, "County": e.county,
		"Amount": e.amount, "Measure": e.measureHint}
	e.FormDialog = s.env.Dialogs.ShowForm(title, form, 560, targets, e.write, e.name)
	e.Validate = e.validate
	for field, f := range map[string]*kit.TextField{"Name": e.name, "Town": e.town, "County": e.county} {
		f.OnChanged = func(string) { e.Edited(field) }
	}
	e.amount.OnEdit = func() { e.Edited("Amount") }
	e.measure.OnChanged = func(string) { e.Edited("Measure") }
	e.amount.OnSubmitted = func(string) { e.Save() }
	return e
}

func (e *villageEditor) chosenYear() int {
	if i := e.year.SelectedIndex(); i >= 0 {
		return e.years[i]
	}
	return data.Today().Year()
}

// loadTarget shows the chosen year's target of the village being edited.
func (e *villageEditor) loadTarget() {
	if e.village.ID == 0 {
		return
	}
	t, err := e.s.env.Store.VillageTarget(e.village.ID, e.chosenYear())
	if err != nil || t == nil {
		e.amount.Clear()
		e.amount.SetError(kit.ErrorText(err))
		return
	}
	e.amount.SetValue(t.Amount)
	for i, m := range data.TargetMeasures {
		if m == t.Measure {
			e.measure.SetSelectedIndex(i)
		}
	}
}

// read is the village and the year's target as typed (a nil target: the amount is empty).
func (e *villageEditor) read() (data.Village, *data.VillageTarget, *data.ValidationError) {
	problems := &data.ValidationError{}
	v := e.village
	v.Name, v.Town, v.County = e.name.Text, e.town.Text, e.county.Text
	amount, err := e.amount.Parsed()
	if err != nil {
		problems.AddErr("Amount", err)
	}
	if strings.TrimSpace(e.amount.Text) == "" {
		return v, nil, problems
	}
	measure := data.MeasureTotal
	if i := e.measure.SelectedIndex(); i >= 0 {
		measure = data.TargetMeasures[i]
	}
	return v, &data.VillageTarget{VillageID: v.ID, Year: e.chosenYear(), Amount: amount, Measure: measure}, problems
}

// validate is what the store would refuse in the village and its target (the village a new
// target belongs to is saved first, so its absence is no problem).
func (e *villageEditor) validate() *data.ValidationError {
	v, t, problems := e.read()
	all := kit.MergeCheck(problems, e.s.env.Store.CheckVillage(&v))
	if t != nil && problems.For("Amount") == nil {
		for _, fe := range kit.MergeCheck(&data.ValidationError{}, e.s.env.Store.CheckVillageTarget(t)).Fields {
			if fe.Field == "Amount" || fe.Field == "Measure" {
				all.Fields = append(all.Fields, fe)
			}
		}
	}
	return all
}

// write saves the village, then its target for the chosen year (an empty amount removes it).
// The dialog stays open, with everything typed, while anything is wrong.
func (e *villageEditor) write() error {
	st := e.s.env.Store
	v, t, _ := e.read()
	if err := st.SaveVillage(&v); err != nil {
		return err
	}
	e.village = v
	if t == nil {
		if old, err := st.VillageTarget(v.ID, e.chosenYear()); err != nil {
			return err
		} else if old != nil {
			if err := st.DeleteVillageTarget(old.ID); err != nil {
				return err
			}
		}
	} else {
		t.VillageID = v.ID
		if err := st.SaveVillageTarget(t); err != nil {
			return err
		}
	}
	e.s.say(lang.X("settings.saved.village", "已保存“{{.Name}}”", map[string]any{"Name": v.Name}))
	e.s.refreshVillages()
	return nil
}

func (s *settingsView) deleteVillage(v data.Village) {
	msg := lang.X("settings.delete.village", "删除村庄“{{.Name}}”？删除后可以撤销（Ctrl+Z）。", map[string]any{"Name": v.Name})
	s.deleteAsked(msg, v.Name, func() error { return s.env.Store.DeleteVillage(v.ID) },
		func() error { return s.env.Store.RestoreVillage(v.ID) }, s.refreshVillages)
}

// deleteAsked deletes (del) once the user agrees to msg, offers to undo it (restore) and refreshes the list.
func (s *settingsView) deleteAsked(msg, name string, del, restore func() error, refresh func()) {
	d := dialog.NewConfirm(lang.L("删除"), msg, func(ok bool) {
		if !ok {
			return
		}
		if err := del(); err != nil {
			s.env.Dialogs.Show(dialog.NewInformation(lang.L("不能删除"), kit.ErrorText(err), s.env.Win), nil)
			return
		}
		s.offerUndo(name, restore)
		refresh()
	}, s.env.Win)
	s.env.Dialogs.Show(d, d.Dismiss)
}

func (s *settingsView) offerUndo(name string, restore func() error) {
	s.undo, s.undoName = restore, name
	s.say(lang.X("settings.deleted", "已删除“{{.Name}}”", map[string]any{"Name": name}))
	s.undoBtn.Show()
}

func (s *settingsView) undoLast() {
	if s.undo == nil {
		return
	}
	if err := s.undo(); err != nil {
		s.fail(err)
		return
	}
	s.say(lang.X("settings.restored", "已恢复“{{.Name}}”", map[string]any{"Name": s.undoName}))
	s.undo = nil
	s.undoBtn.Hide()
	s.refresh()
}

// ---- partner units ----

func (s *settingsView) partnerSection() fyne.CanvasObject {
	s.partnerRows = container.NewVBox()
	add := widget.NewButtonWithIcon(lang.L("新增帮扶单位"), theme.ContentAddIcon(), func() { s.editPartner(nil) })
	link := widget.NewButtonWithIcon(lang.L("关联往年销售"), theme.ViewRefreshIcon(), func() { showSalesLinkPreview(s.env, 0, nil) })
	hideInTown(s.env, add, link)
	return container.NewVBox(s.partnerRows, container.NewHBox(add, link))
}

func (s *settingsView) refreshPartners() {
	ps, err := s.env.Store.Partners()
	if err != nil {
		s.fail(err)
		return
	}
	s.partnerRows.RemoveAll()
	if len(ps) == 0 {
		s.partnerRows.Add(widget.NewLabel(lang.L("还没有帮扶单位。")))
	}
	for _, p := range ps {
		name := widget.NewLabelWithStyle(p.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		contact := strings.TrimSpace(p.Contact + " " + p.Phone)
		if contact != "" {
			contact = lang.L("联系人：") + contact
		}
		detail := widget.NewLabel(strings.Join(nonEmpty(kit.Word(p.Kind), contact), "　"))
		edit := widget.NewButtonWithIcon(lang.L("编辑"), theme.DocumentCreateIcon(), func() { s.editPartner(&p) })
		del := widget.NewButtonWithIcon(lang.L("删除"), theme.DeleteIcon(), func() { s.deletePartner(p) })
		hideInTown(s.env, edit, del)
		hist := newHistoryButton(s.env, func() (string, int64, string) { return "partners", p.ID, p.Name })
		figures := widget.NewButtonWithIcon(lang.L("贡献"), theme.InfoIcon(), func() { showPartnerFigures(s.env, p) })
		s.partnerRows.Add(container.NewBorder(nil, nil, name, container.NewHBox(figures, edit, hist, del), detail))
	}
}

// partnerEditor is the dialog that adds or edits a partner unit.
type partnerEditor struct {
	*kit.FormDialog
	s                    *settingsView
	partner              data.Partner
	name, contact, phone *kit.TextField
	kind                 *kit.Select
	kindHint             *kit.HintLabel
}

func (s *settingsView) editPartner(p *data.Partner) *partnerEditor {
	e := &partnerEditor{s: s, name: kit.NewTextField(), contact: kit.NewTextField(), phone: kit.NewTextField(),
		kindHint: kit.NewHintLabel()}
	title := lang.L("新增帮扶单位")
	if p != nil {
		e.partner = *p
		title = lang.L("编辑帮扶单位")
	}
	e.kind = kit.NewSelect(kit.Translated(data.PartnerKinds), "", nil)
	e.kind.SetSelectedIndex(0)
	if i := slices.Index(data.PartnerKinds, e.partner.Kind); i >= 0 {
		e.kind.SetSelectedIndex(i)
	}
	e.name.SetText(e.partner.Name)
	e.contact.SetText(e.partner.Contact)
	e.phone.SetText(e.partner.Phone)
	e.name.SetPlaceHolder(lang.L("例如：济南市农业农村局"))
	form := kit.FormGrid(
		kit.FieldRow(lang.L("单位名称"), e.name, e.name.Hint),
		kit.FieldRow(lang.L("类别"), e.kind, e.kindHint),
		kit.FieldRow(lang.L("联系人"), e.contact, e.contact.Hint),
		kit.FieldRow(lang.L("电话"), e.phone, e.phone.Hint),
	)
	targets := map[string]kit.ErrorTarget{"Name": e.name, "Kind": e.kindHint, "Contact": e.contact, "Phone": e.phone}
	e.FormDialog = s.env.Dialogs.ShowForm(title, form, 520, targets, e.write, e.name)
	e.Validate = func() *data.ValidationError {
		p := e.read()
		return kit.MergeCheck(&data.ValidationError{}, s.env.Store.CheckPartner(&p))
	}
	for field, f := range map[string]*kit.TextField{"Name": e.name, "Contact": e.contact, "Phone": e.phone} {
		f.OnChanged = func(string) { e.Edited(field) }
	}
	e.kind.OnChanged = func(string) { e.Edited("Kind") }
	e.phone.OnSubmitted = func(string) { e.Save() }
	return e
}

func (e *partnerEditor) read() data.Partner {
	p := e.partner
	p.Name, p.Contact, p.Phone = e.name.Text, e.contact.Text, e.phone.Text
	if i := e.kind.SelectedIndex(); i >= 0 {
		p.Kind = data.PartnerKinds[i]
	}
	return p
}

func (e *partnerEditor) write() error {
	p := e.read()
	if err := e.s.env.Store.SavePartner(&p); err != nil {
		return err
	}
	e.partner = p
	e.s.say(lang.X("settings.saved.village", "已保存“{{.Name}}”", map[string]any{"Name": p.Name}))
	e.s.refreshPartners()
	return nil
}

func (s *settingsView) deletePartner(p data.Partner) {
	msg := lang.X("settings.delete.partner", "删除帮扶单位“{{.Name}}”？项目中的关联在撤销后恢复。", map[string]any{"Name": p.Name})
	s.deleteAsked(msg, p.Name, func() error { return s.env.Store.DeletePartner(p.ID) },
		func() error { return s.env.Store.RestorePartner(p.ID) }, s.refreshPartners)
}

// ---- about ----

func aboutInfo(env *Env) fyne.CanvasObject {
	form := widget.NewForm()
	form.Append(lang.L("版本"), widget.NewLabel(env.Version))
	form.Append(lang.L("字体"), widget.NewLabel("文泉驿微米黑 (Apache-2.0)"))
	form.Append("", widget.NewLabel(lang.L("快捷键：Ctrl+1 至 Ctrl+{{.N}} 切换页面", map[string]any{"N": digitScreens()})))
	form.Append("", widget.NewLabel(lang.L("数据只保存在这台电脑上，不上传网络。")))
	return form
}
