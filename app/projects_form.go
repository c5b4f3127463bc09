package app

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// liveCheck is the bookkeeping every ledger form shares: which fields the user has touched,
// whether saving was tried, and whether anything is unsaved. Problems show beside a field once it
// was touched (all of them after a save was tried), and the save buttons stay off while any shows.
type liveCheck struct {
	touched   map[string]bool
	attempted bool
	dirty     bool
	loading   bool // fields are being filled from code, not typed
	problems  int

	validate func() *data.ValidationError
	targets  func() map[string]errorTarget
	rest     errorTarget
	buttons  []*widget.Button
	linked   map[string][]string // a change to the key field also reveals these fields' problems
	onDirty  func()
	// onProblems hears the number of problems after every check once a save was tried, so a
	// "N places to fix" message can follow the typing and go once all are fixed.
	onProblems func(n int)
}

func newLiveCheck(validate func() *data.ValidationError, targets func() map[string]errorTarget, rest errorTarget) *liveCheck {
	return &liveCheck{touched: map[string]bool{}, validate: validate, targets: targets, rest: rest}
}

// edited follows a change the user made to field.
func (lc *liveCheck) edited(field string) {
	if lc.loading {
		return
	}
	lc.touched[field] = true
	for _, f := range lc.linked[field] {
		lc.touched[f] = true
	}
	wasDirty := lc.dirty
	lc.dirty = true
	lc.check()
	if !wasDirty && lc.onDirty != nil {
		lc.onDirty()
	}
}

// reset starts afresh after loading or saving: nothing touched, nothing unsaved.
func (lc *liveCheck) reset() {
	lc.touched = map[string]bool{}
	lc.attempted, lc.dirty = false, false
	lc.check()
}

// check shows the problems due and switches the save buttons.
func (lc *liveCheck) check() *data.ValidationError {
	all := lc.validate()
	lc.problems = len(all.Fields)
	shown := &data.ValidationError{}
	for _, fe := range all.Fields {
		if lc.attempted || lc.touched[fe.Field] {
			shown.Fields = append(shown.Fields, fe)
		}
	}
	showErrors(lc.targets(), lc.rest, shown)
	for _, b := range lc.buttons {
		if len(shown.Fields) > 0 {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if lc.attempted && lc.onProblems != nil {
		lc.onProblems(lc.problems)
	}
	return all
}

// ready reports whether the form may be saved; if not, every problem is now shown.
func (lc *liveCheck) ready() bool {
	all := lc.validate()
	if len(all.Fields) == 0 {
		return true
	}
	lc.attempted = true
	lc.check()
	return false
}

// storeRefused shows a refusal from the store beside the fields (it reports false for other errors).
func (lc *liveCheck) storeRefused(err error) bool {
	lc.attempted = true
	return showErrors(lc.targets(), lc.rest, err)
}

// mergeCheck adds the data layer's problems to the parser's, one message per field.
func mergeCheck(parse *data.ValidationError, err error) *data.ValidationError {
	if err == nil {
		return parse
	}
	var ve *data.ValidationError
	if !errors.As(err, &ve) {
		parse.Add("", "", err.Error())
		return parse
	}
	for _, fe := range ve.Fields {
		if parse.For(fe.Field) == nil {
			parse.Fields = append(parse.Fields, fe)
		}
	}
	return parse
}

// countField is a whole number of households (or a year): digits only, empty means 0.
type countField struct {
	parsedField[int]
}

func parseCount(s string) (int, error) {
	s = strings.TrimSpace(data.Halfwidth(s))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 1000000 {
		return 0, &data.FieldError{Key: "err.count.invalid", Msg: lang.L("请填写整数，例如 25")}
	}
	return n, nil
}

func newCountField() *countField {
	f := &countField{}
	f.init(f, parseCount, func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	})
	f.Optional = true
	f.SetPlaceHolder("0")
	return f
}

// projectForm edits a project's own fields: the general ones on 基本信息, the asset on 资产与收益.
type projectForm struct {
	pv      *projectsView
	project data.Project

	name        *textField
	typ         *selectField
	typeHint    *hintLabel
	villages    *checkGrid
	villageHint *hintLabel
	year        *countField
	responsible *textField
	implementer *textField
	partners    *checkGrid
	partnerHint *hintLabel
	households  *countField
	poor        *countField
	monitored   *countField
	decision    *noteField
	note        *noteField

	assetKind     *selectField
	assetKindHint *hintLabel
	assetValue    *moneyField
	assetOwner    *completionField
	assetDesc     *noteField

	formHint  *hintLabel
	assetHint *hintLabel
	lc        *liveCheck

	villageByName map[string]int64
	partnerByName map[string]int64
}

func newProjectForm(pv *projectsView) *projectForm {
	f := &projectForm{pv: pv}
	f.lc = newLiveCheck(f.validate, f.targets, nil)
	f.lc.onProblems = func(n int) { pv.notice.UpdateProblems(n) }
	f.lc.linked = map[string][]string{"Households": {"HouseholdsPoor"}, "HouseholdsMonitored": {"HouseholdsPoor"}, "AssetKind": {"AssetValue"}}
	on := func(field string) func(string) { return func(string) { f.lc.edited(field) } }
	onEdit := func(field string) func() { return func() { f.lc.edited(field) } }

	f.name = newTextField()
	f.name.SetPlaceHolder(lang.L("例如 蔬菜大棚建设项目"))
	f.name.OnChanged = on("Name")
	f.typ = newSelect(translated(data.ProjectTypes), lang.L("请选择项目类型"), on("Type"))
	f.typeHint = newHintLabel()
	f.villages = newCheckGrid(4, func() { f.lc.edited("VillageIDs") })
	f.villageHint = newHintLabel()
	f.year = newCountField()
	f.year.SetPlaceHolder("2025")
	f.year.OnEdit = onEdit("YearStarted")
	f.responsible = newTextField()
	f.responsible.OnChanged = on("Responsible")
	f.implementer = newTextField()
	f.implementer.OnChanged = on("Implementer")
	f.partners = newCheckGrid(2, func() { f.lc.edited("PartnerIDs") })
	f.partnerHint = newHintLabel()
	f.households = newCountField()
	f.households.OnEdit = onEdit("Households")
	f.poor = newCountField()
	f.poor.OnEdit = onEdit("HouseholdsPoor")
	f.monitored = newCountField()
	f.monitored.OnEdit = onEdit("HouseholdsMonitored")
	f.decision = newNoteField()
	f.decision.SetPlaceHolder(lang.L("党支部提议、两委商议、党员大会审议、村民代表会议决议的日期和结果，决议和结果公开情况"))
	f.decision.OnChanged = on("Decision")
	f.note = newNoteField()
	f.note.OnChanged = on("Note")

	f.assetKind = newSelect(append([]string{lang.L("（无资产）")}, translated(data.AssetKinds)...), "", on("AssetKind"))
	f.assetKindHint = newHintLabel()
	f.assetValue = newMoneyField()
	f.assetValue.Optional = true
	f.assetValue.OnEdit = onEdit("AssetValue")
	f.assetOwner = newCompletionField(func(q string) []string { return matching(data.AssetOwners, q) })
	f.assetOwner.OnEdit = onEdit("AssetOwner")
	f.assetDesc = newNoteField()
	f.assetDesc.OnChanged = on("AssetDescription")
	f.formHint = newHintLabel()
	f.assetHint = newHintLabel()
	return f
}

func (f *projectForm) targets() map[string]errorTarget {
	return map[string]errorTarget{
		"Name": f.name, "Type": f.typeHint, "VillageIDs": f.villageHint, "PartnerIDs": f.partnerHint,
		"Responsible": f.responsible, "Implementer": f.implementer, "YearStarted": f.year,
		"Households": f.households, "HouseholdsPoor": f.poor, "HouseholdsMonitored": f.monitored,
		"Decision": f.decision, "Note": f.note, "AssetKind": f.assetKindHint, "AssetValue": f.assetValue,
		"AssetOwner": f.assetOwner, "AssetDescription": f.assetDesc, "": f.formHint,
	}
}

// general is the 基本信息 part of the form.
func (f *projectForm) general() fyne.CanvasObject {
	return formGrid(
		fieldRow(lang.L("项目名称"), f.name, f.name.Hint),
		fieldRow(lang.L("项目类型"), f.typ, f.typeHint),
		fieldRow(lang.L("所在村"), f.villages.box, f.villageHint),
		fieldRow(lang.L("开始年度"), f.year, f.year.Hint),
		fieldRow(lang.L("责任人"), f.responsible, f.responsible.Hint),
		fieldRow(lang.L("实施单位"), f.implementer, f.implementer.Hint),
		fieldRow(lang.L("帮扶单位"), f.partners.box, f.partnerHint),
		fieldRow(lang.L("带动农户数"), f.households, f.households.Hint),
		fieldRow(lang.L("其中脱贫户"), f.poor, f.poor.Hint),
		fieldRow(lang.L("其中监测户"), f.monitored, f.monitored.Hint),
		fieldRow(lang.L("“四议两公开”记录"), f.decision, f.decision.Hint),
		fieldRow(lang.L("备注"), f.note, f.note.Hint),
		fieldRow("", f.formHint, nil),
	)
}

// asset is the asset part of the form, shown on 资产与收益.
func (f *projectForm) asset() fyne.CanvasObject {
	return formGrid(
		fieldRow(lang.L("资产类别"), f.assetKind, f.assetKindHint),
		fieldRow(lang.L("资产价值（元）"), f.assetValue, f.assetValue.Hint),
		fieldRow(lang.L("所有权归属"), f.assetOwner, f.assetOwner.Hint),
		fieldRow(lang.L("资产说明"), f.assetDesc, f.assetDesc.Hint),
	)
}

// setChoices offers the live villages and partner units, keeping the ticks.
func (f *projectForm) setChoices(villages []data.Village, partners []data.Partner) {
	was := f.lc.loading
	f.lc.loading = true
	defer func() { f.lc.loading = was }()
	f.villageByName = map[string]int64{}
	var vn []string
	for _, v := range villages {
		f.villageByName[v.Name] = v.ID
		vn = append(vn, v.Name)
	}
	f.villages.SetOptions(vn)
	f.partnerByName = map[string]int64{}
	var pn []string
	for _, p := range partners {
		f.partnerByName[p.Name] = p.ID
		pn = append(pn, p.Name)
	}
	f.partners.SetOptions(pn)
}

// load fills the fields from p (a new project has ID 0).
func (f *projectForm) load(p data.Project) {
	f.lc.loading = true
	f.project = p
	f.name.SetText(p.Name)
	f.typ.ClearSelected()
	if p.Type != "" {
		f.typ.SetSelected(lang.L(p.Type))
	}
	var vs, ps []string
	for name, id := range f.villageByName {
		for _, x := range p.VillageIDs {
			if x == id {
				vs = append(vs, name)
			}
		}
	}
	for name, id := range f.partnerByName {
		for _, x := range p.PartnerIDs {
			if x == id {
				ps = append(ps, name)
			}
		}
	}
	f.villages.SetSelected(vs)
	f.partners.SetSelected(ps)
	f.year.SetValue(p.YearStarted)
	f.responsible.SetText(p.Responsible)
	f.implementer.SetText(p.Implementer)
	f.households.SetValue(p.Households)
	f.poor.SetValue(p.HouseholdsPoor)
	f.monitored.SetValue(p.HouseholdsMonitored)
	f.decision.SetText(p.Decision)
	f.note.SetText(p.Note)
	f.assetKind.SetSelectedIndex(0)
	if p.AssetKind != "" {
		f.assetKind.SetSelected(lang.L(p.AssetKind))
	}
	f.assetValue.SetOrClear(p.AssetValue)
	f.assetOwner.SetText(p.AssetOwner)
	f.assetDesc.SetText(p.AssetDescription)
	f.lc.loading = false
	f.lc.reset()
}

// read turns the fields into a project; texts that do not parse come back as problems.
func (f *projectForm) read() (data.Project, *data.ValidationError) {
	p := f.project
	parse := &data.ValidationError{}
	p.Name = f.name.Text
	p.Type = ""
	if i := f.typ.SelectedIndex(); i >= 0 && i < len(data.ProjectTypes) {
		p.Type = data.ProjectTypes[i]
	}
	p.VillageIDs = nil
	for _, name := range f.villages.Selected() {
		if id, ok := f.villageByName[name]; ok {
			p.VillageIDs = append(p.VillageIDs, id)
		}
	}
	p.PartnerIDs = nil
	for _, name := range f.partners.Selected() {
		if id, ok := f.partnerByName[name]; ok {
			p.PartnerIDs = append(p.PartnerIDs, id)
		}
	}
	count := func(field string, c *countField) int {
		n, err := parseCount(c.Text)
		if err != nil {
			parse.AddErr(field, err)
		}
		return n
	}
	p.YearStarted = count("YearStarted", f.year)
	p.Responsible, p.Implementer = f.responsible.Text, f.implementer.Text
	p.Households = count("Households", f.households)
	p.HouseholdsPoor = count("HouseholdsPoor", f.poor)
	p.HouseholdsMonitored = count("HouseholdsMonitored", f.monitored)
	p.Decision, p.Note = f.decision.Text, f.note.Text
	p.AssetKind = ""
	if i := f.assetKind.SelectedIndex(); i > 0 && i-1 < len(data.AssetKinds) {
		p.AssetKind = data.AssetKinds[i-1]
	}
	p.AssetValue = 0
	if strings.TrimSpace(f.assetValue.Text) != "" {
		if m, err := data.ParseMoney(f.assetValue.Text); err != nil {
			parse.AddErr("AssetValue", err)
		} else {
			p.AssetValue = m
		}
	}
	p.AssetOwner, p.AssetDescription = f.assetOwner.Text, f.assetDesc.Text
	return p, parse
}

func (f *projectForm) validate() *data.ValidationError {
	p, parse := f.read()
	return mergeCheck(parse, f.pv.st.CheckProject(&p))
}

// save writes the project; it reports whether it did.
func (f *projectForm) save() bool {
	if !f.lc.ready() {
		f.pv.notice.ShowProblems(f.lc.problems)
		return false
	}
	p, _ := f.read()
	if err := f.pv.st.SaveProject(&p); err != nil {
		if !f.lc.storeRefused(err) {
			showStoreError(err, f.pv.env.Win)
		}
		return false
	}
	f.project = p
	f.lc.reset()
	return true
}

// matchingQuery is the names data.MatchesQuery finds for q (name or pinyin initials).
func matchingQuery(names []string, q string) []string {
	var out []string
	for _, n := range names {
		if data.MatchesQuery(n, q) {
			out = append(out, n)
		}
	}
	return rankSuggestions(out, q)
}

// matching keeps the names containing q (all of them when q is empty), for completion lists.
func matching(names []string, q string) []string {
	var out []string
	for _, n := range names {
		if q == "" || strings.Contains(n, q) && n != q {
			out = append(out, n)
		}
	}
	return out
}
