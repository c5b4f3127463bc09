package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// settingsView is 设置: the language, the user's own details, villages with their targets,
// partner units, where the data lives with its backups, and the version.
type settingsView struct {
	env *Env

	secretary, unit           *textField
	shownSecretary, shownUnit string // what refreshMe last put in the fields
	meNote                    *widget.Label

	villageRows *fyne.Container
	partnerRows *fyne.Container

	status   *widget.Label
	undoBtn  *widget.Button
	undo     func() error // restores what was deleted last; nil when nothing to undo
	undoName string

	backupBtn  *widget.Button
	backupNote *widget.Label
	backupList *widget.Label
	checkBtn   *widget.Button

	villageEd *villageEditor // the open village dialog (tests drive it)
	partnerEd *partnerEditor
	backups   atomic.Int64 // finished 立即备份 runs (tests wait on it)
	checks    atomic.Int64 // finished 检查数据完整性 runs (tests wait on it)
}

func settingsScreen(env *Env) *ScreenView {
	s := &settingsView{env: env}
	heading := widget.NewLabelWithStyle(lang.L("设置"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	s.status = widget.NewLabel("")
	s.undoBtn = widget.NewButtonWithIcon(lang.L("撤销"), theme.ContentUndoIcon(), s.undoLast)
	s.undoBtn.Hide()
	sections := []fyne.CanvasObject{
		settingsSection(lang.L("语言"), languageSetting(env)), // first Select on the screen (app_test relies on it)
	}
	if env.Store != nil {
		sections = append(sections,
			settingsSection(lang.L("我的信息"), s.meSection()),
			settingsSection(lang.L("村庄与年度目标"), s.villageSection()),
			settingsSection(lang.L("帮扶单位"), s.partnerSection()),
			settingsSection(lang.L("数据与备份"), s.backupSection()),
		)
	}
	sections = append(sections, settingsSection(lang.L("关于"), aboutInfo(env)))
	header := container.NewHBox(heading, layout.NewSpacer(), s.status, s.undoBtn)
	content := newViewHolder(s, container.NewBorder(container.NewPadded(header), nil, nil, nil,
		container.NewVScroll(container.NewPadded(container.NewVBox(sections...)))))
	if env.Store != nil {
		env.Store.Subscribe(func(c data.Change) {
			if c.Touches("villages", "village_targets", "partners", "settings") {
				uiDo(s.refresh)
			}
		})
		s.refresh()
	}
	return &ScreenView{Content: content, OnShow: s.refresh, OnAction: s.action, CanLeave: s.canLeave}
}

func settingsSection(title string, body fyne.CanvasObject) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Importance = widget.HighImportance
	return homePanelBox(container.NewBorder(t, nil, nil, nil, body))
}

// action: Ctrl+S saves the open dialog (or 我的信息), Esc closes the dialog, Ctrl+N adds a
// village, Ctrl+Z undoes the last delete.
func (s *settingsView) action(a Action) {
	ve, pe := s.villageEd, s.partnerEd
	villageOpen := ve != nil && ve.open
	partnerOpen := pe != nil && pe.open
	switch a {
	case ActionUndo:
		s.undoLast()
	case ActionNew:
		if !villageOpen && !partnerOpen {
			s.editVillage(nil)
		}
	case ActionSave:
		switch {
		case villageOpen:
			ve.save()
		case partnerOpen:
			pe.save()
		default:
			s.saveMe()
		}
	case ActionCancel:
		if villageOpen {
			ve.dlg.Hide()
		}
		if partnerOpen {
			pe.dlg.Hide()
		}
	}
}

// meChanged reports typing in 我的信息 that has not been saved.
func (s *settingsView) meChanged() bool {
	return s.secretary != nil && (s.secretary.Text != s.shownSecretary || s.unit.Text != s.shownUnit)
}

// canLeave asks about unsaved typing in 我的信息 before the window switches screens.
func (s *settingsView) canLeave(proceed func()) {
	if !s.meChanged() {
		proceed()
		return
	}
	dialog.ShowCustomConfirm(lang.L("有未保存的修改"), lang.L("保存"), lang.L("不保存"),
		widget.NewLabel(lang.L("第一书记姓名或派出单位改过但还没有保存。")), func(save bool) {
			if save {
				if !s.saveMe() {
					return // the message is beside the field; stay
				}
			} else {
				s.secretary.SetText(s.shownSecretary)
				s.unit.SetText(s.shownUnit)
			}
			proceed()
		}, s.env.Win)
}

// refresh rereads everything the screen shows from the store.
func (s *settingsView) refresh() {
	if s.env.Store == nil {
		return
	}
	s.refreshMe()
	s.refreshVillages()
	s.refreshPartners()
	s.refreshBackups()
}

func (s *settingsView) say(msg string) {
	s.status.Importance = widget.MediumImportance
	s.status.SetText(msg)
}

func (s *settingsView) fail(err error) {
	s.status.Importance = widget.DangerImportance
	s.status.SetText(errorMsg(err))
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
	sel := newSelect(labels, "", nil)
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
	return container.NewVBox(container.NewHBox(sized(sel, 220)), note)
}

// ---- the user's own details ----

func (s *settingsView) meSection() fyne.CanvasObject {
	s.secretary, s.unit = newTextField(), newTextField()
	s.secretary.SetPlaceHolder(lang.L("例如：王志强"))
	s.unit.SetPlaceHolder(lang.L("例如：济南市农业农村局"))
	s.meNote = widget.NewLabel(lang.L("姓名和派出单位印在村务公开表的签章栏下。"))
	s.meNote.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon(lang.L("保存"), theme.DocumentSaveIcon(), func() { s.saveMe() })
	s.secretary.OnSubmitted = func(string) { s.saveMe() }
	s.unit.OnSubmitted = func(string) { s.saveMe() }
	return container.NewVBox(
		formGrid(
			fieldRow(lang.L("第一书记姓名"), s.secretary, s.secretary.Hint),
			fieldRow(lang.L("派出单位"), s.unit, s.unit.Hint)),
		container.NewBorder(nil, nil, nil, save, s.meNote))
}

// refreshMe shows the stored name and unit, leaving a field alone while it holds unsaved typing.
func (s *settingsView) refreshMe() {
	if s.secretary == nil {
		return
	}
	for _, f := range []struct {
		key   string
		field *textField
		shown *string
	}{{data.SettingSecretary, s.secretary, &s.shownSecretary}, {data.SettingUnit, s.unit, &s.shownUnit}} {
		v, err := s.env.Store.Setting(f.key)
		if err != nil || f.field.Text != *f.shown {
			continue
		}
		*f.shown = v
		f.field.SetText(v)
	}
}

func (s *settingsView) saveMe() bool {
	ok := true
	for _, f := range []struct {
		key   string
		field *textField
		shown *string
		text  string
	}{{data.SettingSecretary, s.secretary, &s.shownSecretary, s.secretary.Text}, {data.SettingUnit, s.unit, &s.shownUnit, s.unit.Text}} {
		f.field.SetError("")
		if err := s.env.Store.SetSetting(f.key, f.text); err != nil {
			f.field.SetError(errorMsg(err))
			ok = false
			continue
		}
		*f.shown = f.field.Text
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
		if t, err := s.env.Store.VillageTarget(v.ID, year); err == nil && t != nil {
			goal = targetLabel(t)
		}
		name := widget.NewLabelWithStyle(v.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		detail := widget.NewLabel(strings.Join(nonEmpty(place, goal), "　"))
		v := v
		edit := widget.NewButtonWithIcon(lang.L("编辑"), theme.DocumentCreateIcon(), func() { s.editVillage(&v) })
		del := widget.NewButtonWithIcon(lang.L("删除"), theme.DeleteIcon(), func() { s.deleteVillage(v) })
		s.villageRows.Add(container.NewBorder(nil, nil, name, container.NewHBox(edit, del), detail))
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
	s                   *settingsView
	village             data.Village
	name, town, county  *textField
	year, measure       *selectField
	years               []int
	amount              *moneyField
	measureHint, others *hintLabel
	dlg                 *dialog.CustomDialog
	saved, open         bool
}

func (s *settingsView) editVillage(v *data.Village) {
	e := &villageEditor{s: s, name: newTextField(), town: newTextField(), county: newTextField(),
		amount: newMoneyField(), measureHint: newHintLabel(), others: newHintLabel()}
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
	e.year = newSelect(yearNames(e.years), "", func(string) { e.loadTarget() })
	measures := make([]string, len(data.TargetMeasures))
	for i, m := range data.TargetMeasures {
		measures[i] = lang.L(data.MeasureName(m))
	}
	e.measure = newSelect(measures, "", nil)
	e.measure.SetSelectedIndex(0)
	e.year.SetSelectedIndex(1) // this year

	form := formGrid(
		fieldRow(lang.L("村名"), e.name, e.name.Hint),
		fieldRow(lang.L("乡镇（街道）"), e.town, e.town.Hint),
		fieldRow(lang.L("县（市、区）"), e.county, e.county.Hint),
		fieldRow(lang.L("目标年度"), e.year, nil),
		fieldRow(lang.L("集体收入目标（元）"), e.amount, e.amount.Hint),
		fieldRow(lang.L("考核口径"), e.measure, e.measureHint),
	)
	content := container.NewVBox(form, e.others)
	e.dlg = dialog.NewCustomWithoutButtons(title, content, s.env.Win)
	cancel := widget.NewButtonWithIcon(lang.L("取消"), theme.CancelIcon(), e.dlg.Hide)
	save := widget.NewButtonWithIcon(lang.L("保存"), theme.ConfirmIcon(), func() { e.save() })
	save.Importance = widget.HighImportance
	e.amount.OnSubmitted = func(string) { e.save() }
	e.dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	e.dlg.Resize(fyne.NewSize(560, 0))
	s.villageEd = e
	e.open = true
	e.dlg.SetOnClosed(func() { e.open = false })
	e.dlg.Show()
	s.env.Win.Canvas().Focus(e.name)
}

func (e *villageEditor) chosenYear() int {
	if i := e.year.SelectedIndex(); i >= 0 {
		return e.years[i]
	}
	return data.Today().Year()
}

// loadTarget shows the chosen year's target of the village being edited.
func (e *villageEditor) loadTarget() {
	if e.village.ID == 0 || e.amount == nil {
		return
	}
	t, err := e.s.env.Store.VillageTarget(e.village.ID, e.chosenYear())
	if err != nil || t == nil {
		e.amount.Clear()
		return
	}
	e.amount.SetValue(t.Amount)
	for i, m := range data.TargetMeasures {
		if m == t.Measure {
			e.measure.SetSelectedIndex(i)
		}
	}
}

// save writes the village, then its target for the chosen year (an empty amount removes it).
// The dialog stays open, with everything typed, while anything is wrong.
func (e *villageEditor) save() bool {
	st := e.s.env.Store
	amount, err := e.amount.Value()
	if err != nil {
		return false
	}
	measure := data.MeasureTotal
	if i := e.measure.SelectedIndex(); i >= 0 {
		measure = data.TargetMeasures[i]
	}
	v := e.village
	v.Name, v.Town, v.County = e.name.Text, e.town.Text, e.county.Text
	targets := map[string]errorTarget{"Name": e.name, "Town": e.town, "County": e.county}
	if err := st.SaveVillage(&v); err != nil {
		if !showErrors(targets, e.others, err) {
			e.others.SetError(errorMsg(err))
		}
		return false
	}
	showErrors(targets, e.others, nil)
	e.village = v
	year := e.chosenYear()
	if strings.TrimSpace(e.amount.Text) == "" {
		if old, err := st.VillageTarget(v.ID, year); err == nil && old != nil {
			err = st.DeleteVillageTarget(old.ID)
			if err != nil {
				e.others.SetError(errorMsg(err))
				return false
			}
		}
	} else {
		t := &data.VillageTarget{VillageID: v.ID, Year: year, Amount: amount, Measure: measure}
		if err := st.SaveVillageTarget(t); err != nil {
			if !showErrors(map[string]errorTarget{"Amount": e.amount, "Measure": e.measureHint}, e.others, err) {
				e.others.SetError(errorMsg(err))
			}
			return false
		}
	}
	e.saved = true
	e.dlg.Hide()
	e.s.say(lang.X("settings.saved.village", "已保存“{{.Name}}”", map[string]any{"Name": v.Name}))
	e.s.refreshVillages()
	return true
}

func (s *settingsView) deleteVillage(v data.Village) {
	msg := lang.X("settings.delete.village", "删除村庄“{{.Name}}”？删除后可以撤销（Ctrl+Z）。", map[string]any{"Name": v.Name})
	s.deleteAsked(msg, v.Name, func() error { return s.env.Store.DeleteVillage(v.ID) },
		func() error { return s.env.Store.RestoreVillage(v.ID) }, s.refreshVillages)
}

// deleteAsked deletes (del) once the user agrees to msg, offers to undo it (restore) and refreshes the list.
func (s *settingsView) deleteAsked(msg, name string, del, restore func() error, refresh func()) {
	dialog.ShowConfirm(lang.L("删除"), msg, func(ok bool) {
		if !ok {
			return
		}
		if err := del(); err != nil {
			dialog.ShowInformation(lang.L("不能删除"), errorMsg(err), s.env.Win)
			return
		}
		s.offerUndo(name, restore)
		refresh()
	}, s.env.Win)
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
	return container.NewVBox(s.partnerRows, container.NewHBox(add))
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
		detail := widget.NewLabel(strings.Join(nonEmpty(lang.L(p.Kind), contact), "　"))
		p := p
		edit := widget.NewButtonWithIcon(lang.L("编辑"), theme.DocumentCreateIcon(), func() { s.editPartner(&p) })
		del := widget.NewButtonWithIcon(lang.L("删除"), theme.DeleteIcon(), func() { s.deletePartner(p) })
		s.partnerRows.Add(container.NewBorder(nil, nil, name, container.NewHBox(edit, del), detail))
	}
}

// partnerEditor is the dialog that adds or edits a partner unit.
type partnerEditor struct {
	s                    *settingsView
	partner              data.Partner
	name, contact, phone *textField
	kind                 *selectField
	kindHint, others     *hintLabel
	dlg                  *dialog.CustomDialog
	saved, open          bool
}

func (s *settingsView) editPartner(p *data.Partner) {
	e := &partnerEditor{s: s, name: newTextField(), contact: newTextField(), phone: newTextField(),
		kindHint: newHintLabel(), others: newHintLabel()}
	title := lang.L("新增帮扶单位")
	if p != nil {
		e.partner = *p
		title = lang.L("编辑帮扶单位")
	}
	kinds := make([]string, len(data.PartnerKinds))
	for i, k := range data.PartnerKinds {
		kinds[i] = lang.L(k)
	}
	e.kind = newSelect(kinds, "", nil)
	e.kind.SetSelectedIndex(0)
	for i, k := range data.PartnerKinds {
		if k == e.partner.Kind {
			e.kind.SetSelectedIndex(i)
		}
	}
	e.name.SetText(e.partner.Name)
	e.contact.SetText(e.partner.Contact)
	e.phone.SetText(e.partner.Phone)
	e.name.SetPlaceHolder(lang.L("例如：济南市农业农村局"))
	form := formGrid(
		fieldRow(lang.L("单位名称"), e.name, e.name.Hint),
		fieldRow(lang.L("类别"), e.kind, e.kindHint),
		fieldRow(lang.L("联系人"), e.contact, e.contact.Hint),
		fieldRow(lang.L("电话"), e.phone, e.phone.Hint),
	)
	e.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(form, e.others), s.env.Win)
	cancel := widget.NewButtonWithIcon(lang.L("取消"), theme.CancelIcon(), e.dlg.Hide)
	save := widget.NewButtonWithIcon(lang.L("保存"), theme.ConfirmIcon(), func() { e.save() })
	save.Importance = widget.HighImportance
	e.phone.OnSubmitted = func(string) { e.save() }
	e.dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	e.dlg.Resize(fyne.NewSize(520, 0))
	s.partnerEd = e
	e.open = true
	e.dlg.SetOnClosed(func() { e.open = false })
	e.dlg.Show()
	s.env.Win.Canvas().Focus(e.name)
}

func (e *partnerEditor) save() bool {
	p := e.partner
	p.Name, p.Contact, p.Phone = e.name.Text, e.contact.Text, e.phone.Text
	if i := e.kind.SelectedIndex(); i >= 0 {
		p.Kind = data.PartnerKinds[i]
	}
	targets := map[string]errorTarget{"Name": e.name, "Kind": e.kindHint, "Contact": e.contact, "Phone": e.phone}
	if err := e.s.env.Store.SavePartner(&p); err != nil {
		if !showErrors(targets, e.others, err) {
			e.others.SetError(errorMsg(err))
		}
		return false
	}
	e.partner = p
	e.saved = true
	e.dlg.Hide()
	e.s.say(lang.X("settings.saved.village", "已保存“{{.Name}}”", map[string]any{"Name": p.Name}))
	e.s.refreshPartners()
	return true
}

func (s *settingsView) deletePartner(p data.Partner) {
	msg := lang.X("settings.delete.partner", "删除帮扶单位“{{.Name}}”？项目中的关联在撤销后恢复。", map[string]any{"Name": p.Name})
	s.deleteAsked(msg, p.Name, func() error { return s.env.Store.DeletePartner(p.ID) },
		func() error { return s.env.Store.RestorePartner(p.ID) }, s.refreshPartners)
}

// ---- the database file and its backups ----

func (s *settingsView) backupSection() fyne.CanvasObject {
	st := s.env.Store
	path := widget.NewLabel(st.Path())
	path.Selectable = true
	path.Wrapping = fyne.TextWrapBreak
	dir := widget.NewLabel(st.BackupDir())
	dir.Selectable = true
	dir.Wrapping = fyne.TextWrapBreak
	s.backupBtn = widget.NewButtonWithIcon(lang.L("立即备份"), theme.DocumentSaveIcon(), s.backupNow)
	s.backupBtn.Importance = widget.HighImportance
	open := widget.NewButtonWithIcon(lang.L("打开备份文件夹"), theme.FolderOpenIcon(), func() {
		os.MkdirAll(st.BackupDir(), 0o755)
		if err := s.env.App.OpenURL(fileURL(st.BackupDir())); err != nil {
			s.fail(err)
		}
	})
	s.checkBtn = widget.NewButtonWithIcon(lang.L("检查数据完整性"), theme.SearchIcon(), s.checkIntegrity)
	s.backupNote = widget.NewLabel(lang.L("每天第一次打开后自动检查数据完整性并备份；保留最近14天每天一份，以及近一年每月一份。"))
	s.backupNote.Wrapping = fyne.TextWrapWord
	s.backupList = widget.NewLabel("")
	s.backupList.Wrapping = fyne.TextWrapBreak
	return container.NewVBox(
		widget.NewForm(
			widget.NewFormItem(lang.L("数据库文件"), path),
			widget.NewFormItem(lang.L("备份文件夹"), dir)),
		s.backupNote,
		container.NewHBox(s.backupBtn, open, s.checkBtn),
		s.backupList)
}

// backupNow copies the database in the background (a large ledger takes a few seconds).
func (s *settingsView) backupNow() {
	s.backupBtn.Disable()
	s.say(lang.L("正在备份…"))
	go func() {
		path, err := s.env.Store.BackupNow()
		uiDo(func() {
			defer s.backups.Add(1)
			s.backupBtn.Enable()
			if err != nil {
				s.fail(err)
				return
			}
			s.say(lang.X("settings.backup.done", "已备份到 {{.Name}}", map[string]any{"Name": filepath.Base(path)}))
			s.refreshBackups()
		})
	}()
}

// checkIntegrity reads the whole file in the background (seconds on a large ledger) and shows what it found.
func (s *settingsView) checkIntegrity() {
	s.checkBtn.Disable()
	s.say(lang.L("正在检查数据完整性…"))
	go func() {
		err := s.env.Store.CheckIntegrity(context.Background())
		uiDo(func() {
			defer s.checks.Add(1)
			s.checkBtn.Enable()
			var damage *data.IntegrityError
			switch {
			case errors.As(err, &damage):
				s.fail(errors.New(lang.L("数据库文件有损坏")))
				showDamage(s.env.App, s.env.Win, damage)
			case err != nil:
				s.fail(err)
			default:
				s.say(lang.X("settings.integrity.ok", "数据完整性检查通过（{{.Time}}）：没有发现损坏。",
					map[string]any{"Time": time.Now().Format("2006-01-02 15:04")}))
			}
		})
	}()
}

// shownBackups is how many backup files the list names.
const shownBackups = 8

func (s *settingsView) refreshBackups() {
	if s.backupList == nil {
		return
	}
	list, err := s.env.Store.Backups()
	if err != nil {
		s.backupList.SetText(errorMsg(err))
		return
	}
	if len(list) == 0 {
		s.backupList.SetText(lang.L("还没有备份。"))
		return
	}
	lines := []string{lang.X("settings.backup.count", "共有 {{.Count}} 份备份，最新的：", map[string]any{"Count": len(list)})}
	for i, p := range list {
		if i == shownBackups {
			break
		}
		line := filepath.Base(p)
		if info, err := os.Stat(p); err == nil {
			line += "　" + fileSize(info.Size()) + "　" + info.ModTime().Format("2006-01-02 15:04")
		}
		lines = append(lines, line)
	}
	s.backupList.SetText(strings.Join(lines, "\n"))
}

// fileSize is 812 KB, 3.4 MB …
func fileSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

// ---- about ----

func aboutInfo(env *Env) fyne.CanvasObject {
	form := widget.NewForm()
	form.Append(lang.L("版本"), widget.NewLabel(env.Version))
	form.Append(lang.L("字体"), widget.NewLabel("文泉驿微米黑 (Apache-2.0)"))
	form.Append("", widget.NewLabel(lang.L("快捷键：Ctrl+1 至 Ctrl+6 切换页面")))
	form.Append("", widget.NewLabel(lang.L("数据只保存在这台电脑上，不上传网络。")))
	return form
}
