package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"cunji/app/kit"
	"cunji/data"
)

// projectForm edits a project's own fields on 基本信息. (Its assets live in the asset register on
// 三资; the Asset* fields a project recorded before that are kept as loaded.)
type projectForm struct {
	pv      *projectsView
	project data.Project

	name        *kit.TextField
	typ         *kit.Select
	typeHint    *kit.HintLabel
	villages    *kit.CheckGrid
	villageHint *kit.HintLabel
	shares      *shareFields
	year        *kit.CountField
	responsible *kit.TextField
	implementer *kit.TextField
	partners    *kit.CheckGrid
	partnerHint *kit.HintLabel
	households  *kit.CountField
	poor        *kit.CountField
	monitored   *kit.CountField
	decision    *kit.NoteField
	note        *kit.NoteField

	formHint *kit.HintLabel
	lc       *kit.Form

	villageByName map[string]int64
	partnerByName map[string]int64
}

func newProjectForm(pv *projectsView) *projectForm {
	f := &projectForm{pv: pv}
	f.lc = kit.NewForm(pv.env.Dialogs)
	f.lc.Validate = f.validate
	f.lc.OnProblems = pv.notice.UpdateProblems
	f.lc.Linked = map[string][]string{"Households": {"HouseholdsPoor"}, "HouseholdsMonitored": {"HouseholdsPoor"}}
	on := func(field string) func(string) { return func(string) { f.lc.Edited(field) } }
	onEdit := func(field string) func() { return func() { f.lc.Edited(field) } }

	f.name = kit.NewTextField()
	f.name.SetPlaceHolder(lang.L("例如 蔬菜大棚建设项目"))
	f.name.OnChanged = on("Name")
	f.typ = kit.NewSelect(kit.Translated(data.ProjectTypes), lang.L("请选择项目类型"), on("Type"))
	f.typeHint = kit.NewHintLabel()
	f.shares = newShareFields(func() { f.lc.Edited("Shares") })
	f.shares.readOnly = pv.env.Dialogs.ReadOnly
	f.villages = kit.NewCheckGrid(4, func() {
		f.showShares()
		f.lc.Edited("VillageIDs")
	})
	f.villageHint = kit.NewHintLabel()
	f.villages.ReadOnly = pv.env.Dialogs.ReadOnly
	f.year = kit.NewCountField()
	f.year.SetPlaceHolder("2025")
	f.year.OnEdit = onEdit("YearStarted")
	f.responsible = kit.NewTextField()
	f.responsible.OnChanged = on("Responsible")
	f.implementer = kit.NewTextField()
	f.implementer.OnChanged = on("Implementer")
	f.partners = kit.NewCheckGrid(2, func() { f.lc.Edited("PartnerIDs") })
	f.partners.ReadOnly = pv.env.Dialogs.ReadOnly
	f.partnerHint = kit.NewHintLabel()
	f.households = kit.NewCountField()
	f.households.OnEdit = onEdit("Households")
	f.poor = kit.NewCountField()
	f.poor.OnEdit = onEdit("HouseholdsPoor")
	f.monitored = kit.NewCountField()
	f.monitored.OnEdit = onEdit("HouseholdsMonitored")
	f.decision = kit.NewNoteField()
	f.decision.SetPlaceHolder(lang.L("党支部提议、两委商议、党员大会审议、村民代表会议决议的日期和结果，决议和结果公开情况"))
	f.decision.OnChanged = on("Decision")
	f.note = kit.NewNoteField()
	f.note.OnChanged = on("Note")
	f.formHint = kit.NewHintLabel()
	f.lc.Targets = f.targets()
	return f
}

func (f *projectForm) targets() map[string]kit.ErrorTarget {
	return map[string]kit.ErrorTarget{
		"Name": f.name, "Type": f.typeHint, "VillageIDs": f.villageHint, "PartnerIDs": f.partnerHint, "Shares": f.shares.hint,
		"Responsible": f.responsible, "Implementer": f.implementer, "YearStarted": f.year,
		"Households": f.households, "HouseholdsPoor": f.poor, "HouseholdsMonitored": f.monitored,
		"Decision": f.decision, "Note": f.note, "": f.formHint,
	}
}

// general is the 基本信息 part of the form.
func (f *projectForm) general() fyne.CanvasObject {
	return kit.FormGrid(
		kit.FieldRow(lang.L("项目名称"), f.name, f.name.Hint),
		kit.FieldRow(lang.L("项目类型"), f.typ, f.typeHint),
		kit.FieldRow(lang.L("所在村"), f.villages, f.villageHint),
		[]fyne.CanvasObject{f.shares.label, f.shares.row},
		kit.FieldRow(lang.L("开始年度"), f.year, f.year.Hint),
		kit.FieldRow(lang.L("责任人"), f.responsible, f.responsible.Hint),
		kit.FieldRow(lang.L("实施单位"), f.implementer, f.implementer.Hint),
		kit.FieldRow(lang.L("帮扶单位"), f.partners, f.partnerHint),
		kit.FieldRow(lang.L("带动农户数"), f.households, f.households.Hint),
		kit.FieldRow(lang.L("其中脱贫户"), f.poor, f.poor.Hint),
		kit.FieldRow(lang.L("其中监测户"), f.monitored, f.monitored.Hint),
		kit.FieldRow(lang.L("“四议两公开”记录"), f.decision, f.decision.Hint),
		kit.FieldRow(lang.L("备注"), f.note, f.note.Hint),
		kit.FieldRow("", f.formHint, nil),
	)
}

// setChoices offers the live villages and partner units, keeping the ticks.
func (f *projectForm) setChoices(villages []data.Village, partners []data.Partner) {
	f.lc.Quietly(func() { f.offer(villages, partners) })
}

func (f *projectForm) offer(villages []data.Village, partners []data.Partner) {
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

// showShares offers a share entry for each ticked village, in the order offered.
func (f *projectForm) showShares() {
	names := map[int64]string{}
	var ids []int64
	for _, name := range f.villages.Selected() {
		if id, ok := f.villageByName[name]; ok {
			ids = append(ids, id)
			names[id] = name
		}
	}
	f.shares.show(ids, names)
}

// load fills the fields from p (a new project has ID 0).
func (f *projectForm) load(p data.Project) {
	f.lc.Load(func() { f.fill(p) })
}

func (f *projectForm) fill(p data.Project) {
	f.project = p
	f.name.SetText(p.Name)
	f.typ.ClearSelected()
	if p.Type != "" {
		f.typ.SetSelected(kit.Word(p.Type))
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
	f.shares.fill(p.Shares)
	f.showShares()
	f.partners.SetSelected(ps)
	f.year.SetValue(p.YearStarted)
	f.responsible.SetText(p.Responsible)
	f.implementer.SetText(p.Implementer)
	f.households.SetValue(p.Households)
	f.poor.SetValue(p.HouseholdsPoor)
	f.monitored.SetValue(p.HouseholdsMonitored)
	f.decision.SetText(p.Decision)
	f.note.SetText(p.Note)
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
	p.Shares = f.shares.read(parse)
	p.PartnerIDs = nil
	for _, name := range f.partners.Selected() {
		if id, ok := f.partnerByName[name]; ok {
			p.PartnerIDs = append(p.PartnerIDs, id)
		}
	}
	count := func(field string, c *kit.CountField) int {
		n, err := kit.ParseCount(c.Text)
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
	return p, parse
}

func (f *projectForm) validate() *data.ValidationError {
	p, parse := f.read()
	return kit.MergeCheck(parse, f.pv.st.CheckProject(&p))
}

// save writes the project; it reports whether it did.
func (f *projectForm) save() bool {
	if !f.lc.Ready() {
		f.pv.notice.ShowProblems(f.lc.Problems())
		return false
	}
	p, _ := f.read()
	if err := f.pv.st.SaveProject(&p); err != nil {
		if !f.lc.Refused(err) {
			f.pv.env.Dialogs.ShowStoreError(err)
		}
		return false
	}
	f.project = p
	f.lc.Saved()
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
