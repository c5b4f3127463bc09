package app

import (
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// decisionPage is one decision: its matter and links on 决策事项, its steps in order (with their
// attendance, votes, what was posted and their photos) on 步骤与表决. Rules a step fails show as
// warnings under its name; nothing is refused for them.
type decisionPage struct {
	v    *decisionsView
	d    data.Decision // as loaded; ID 0 while new
	page *kit.RecordPage

	village, kind, source                *kit.Select
	villageHint, kindHint, sourceHint    *kit.HintLabel
	matter                               *kit.TextField
	amount                               *kit.MoneyField
	project, contract, asset             *kit.Choice
	projectHint, contractHint, assetHint *kit.HintLabel
	openProject, openContract, openAsset *widget.Button
	merged                               *widget.Check
	mergedHint                           *kit.HintLabel
	note                                 *kit.NoteField
	hint                                 *kit.HintLabel

	villageIDs []int64
	steps      *stepsSection
}

func newDecisionPage(v *decisionsView, d data.Decision) *decisionPage {
	p := &decisionPage{v: v}
	p.steps = newStepsSection(p)
	p.hint = kit.NewHintLabel()
	p.page = kit.NewRecordPage(v.env.Dialogs, kit.PageLabels{Back: lang.L("返回决策列表"), FormTab: lang.L("决策事项"), Delete: lang.L("删除决策事项")},
		kit.PageActions{Back: v.reg.Back, Save: p.save, Cancel: p.cancel, Delete: p.deleteDecision}, p.form(), p.hint,
		container.NewTabItemWithIcon(lang.L("步骤与表决"), theme.ListIcon(), p.steps.content))
	f := p.page.Form
	f.Validate = p.validate
	f.Targets = map[string]kit.ErrorTarget{"VillageID": p.villageHint, "Kind": p.kindHint, "Matter": p.matter, "Source": p.sourceHint,
		"Amount": p.amount, "ProjectID": p.projectHint, "ContractID": p.contractHint, "AssetID": p.assetHint, "Merged": p.mergedHint,
		"Note": p.note}
	f.Linked = map[string][]string{"VillageID": {"ContractID", "AssetID"}}
	f.OnProblems = v.reg.Notice.UpdateProblems
	f.Save = func() bool { p.save(); return !f.Dirty() }
	p.load(d)
	p.steps.reload()
	return p
}

// form builds the fields of 决策事项, each telling the form when the user changes it.
func (p *decisionPage) form() fyne.CanvasObject {
	env := p.v.env
	changed := func(field string) func(string) { return func(string) { p.page.Form.Edited(field) } }
	p.village = kit.NewSelect(nil, lang.L("请选择村"), func(string) { p.villageChanged() })
	p.villageHint = kit.NewHintLabel()
	p.kind = kit.NewSelect(kit.Translated(data.DecisionKinds), lang.L("请选择类别"), changed("Kind"))
	p.kindHint = kit.NewHintLabel()
	p.matter = kit.NewTextField()
	p.matter.SetPlaceHolder(lang.L("例如 村集体冷库建设项目立项"))
	p.matter.OnChanged = changed("Matter")
	p.source = kit.NewSelect(kit.Translated(data.DecisionSources), lang.L("请选择"), changed("Source"))
	p.sourceHint = kit.NewHintLabel()
	p.amount = kit.NewMoneyField()
	p.amount.Optional = true
	p.amount.OnEdit = func() { p.page.Form.Edited("Amount") }
	link := func(none string, field string, open func(id int64)) (*kit.Choice, *kit.HintLabel, *widget.Button) {
		var c *kit.Choice
		btn := widget.NewButtonWithIcon(lang.L("打开"), theme.NavigateNextIcon(), func() {
			if id := idOf(c.Value()); id != 0 {
				open(id)
			}
		})
		c = kit.NewChoice(none, nil, nil, func(string) { p.linksShown(); p.page.Form.Edited(field) })
		return c, kit.NewHintLabel(), btn
	}
	p.project, p.projectHint, p.openProject = link(lang.L("（不关联项目）"), "ProjectID", func(id int64) { showProject(env, id) })
	p.contract, p.contractHint, p.openContract = link(lang.L("（不关联合同）"), "ContractID", func(id int64) {
		showSanzi(env, func(s *sanziView) { s.openContract(id) })
	})
	p.asset, p.assetHint, p.openAsset = link(lang.L("（不关联资产）"), "AssetID", func(id int64) {
		showSanzi(env, func(s *sanziView) { s.openAsset(id) })
	})
	p.merged = widget.NewCheck(lang.L("一肩挑：党支部会提议与两委会商议合并进行"), func(bool) { p.page.Form.Edited("Merged") })
	p.mergedHint = kit.NewHintLabel()
	p.note = kit.NewNoteField()
	p.note.OnChanged = changed("Note")
	hist := newHistoryButton(env, func() (string, int64, string) { return "decisions", p.d.ID, p.d.Matter })
	printBtn := widget.NewButtonWithIcon(lang.L("打印登记表"), theme.DocumentPrintIcon(), p.steps.print)
	row := func(c *kit.Choice, b *widget.Button) fyne.CanvasObject {
		return container.NewBorder(nil, nil, nil, b, c)
	}
	return container.NewVBox(container.NewHBox(layout.NewSpacer(), hist, printBtn), kit.FormGrid(
		kit.FieldRow(lang.L("村"), p.village, p.villageHint),
		kit.FieldRow(lang.L("事项"), p.matter, p.matter.Hint),
		kit.FieldRow(lang.L("类别"), p.kind, p.kindHint),
		kit.FieldRow(lang.L("动议来源"), p.source, p.sourceHint),
		kit.FieldRow(lang.L("涉及金额（元）"), p.amount, p.amount.Hint),
		kit.FieldRow(lang.L("关联项目"), row(p.project, p.openProject), p.projectHint),
		kit.FieldRow(lang.L("关联合同"), row(p.contract, p.openContract), p.contractHint),
		kit.FieldRow(lang.L("关联资产"), row(p.asset, p.openAsset), p.assetHint),
		kit.FieldRow(lang.L("合并进行"), p.merged, p.mergedHint),
		kit.FieldRow(lang.L("备注"), p.note, p.note.Hint),
	))
}

// showProject shows 帮扶项目 at project id.
func showProject(env *Env, id int64) {
	env.Show("帮扶项目", func(sv *ScreenView) {
		if pv, ok := kit.ViewOf[*projectsView](sv.Content); ok {
			pv.open(id)
		}
	})
}

// load fills the fields from d and starts afresh (nothing touched, nothing unsaved).
func (p *decisionPage) load(d data.Decision) {
	p.page.Form.Load(func() { p.fill(d) })
	title := lang.L("新增决策事项")
	if d.ID != 0 {
		title = d.Matter
	}
	p.page.SetRecord(title, d.ID != 0)
}

func (p *decisionPage) fill(d data.Decision) {
	p.d = d
	names, ids := villageNames(p.v.villages)
	p.villageIDs = ids
	p.village.SetOptions(names)
	selectValue(p.village, ids, d.VillageID)
	p.matter.SetText(d.Matter)
	selectValue(p.kind, data.DecisionKinds, d.Kind)
	selectValue(p.source, data.DecisionSources, d.Source)
	p.amount.SetOrClear(d.Amount)
	p.merged.SetChecked(d.Merged)
	p.note.SetText(d.Note)
	p.setChoices()
	p.project.SetValue(idValue(d.ProjectID))
	p.contract.SetValue(idValue(d.ContractID))
	p.asset.SetValue(idValue(d.AssetID))
	p.linksShown()
}

func (p *decisionPage) villageID() int64 { return chosen(p.villageIDs, p.village.SelectedIndex()) }

// setChoices offers the projects, and the chosen village's contracts and assets. The decision's own
// links stay offered when they would not be (a record deleted or moved since).
func (p *decisionPage) setChoices() {
	st := p.v.env.Store
	vid := p.villageID()
	var errs []error
	offer := func(c *kit.Choice, labels, values []string, own int64, name func() (string, error)) {
		if v := idValue(own); v != "" && !slices.Contains(values, v) {
			if n, err := name(); err == nil {
				labels, values = append(labels, n), append(values, v)
			}
		}
		c.SetOptions(labels, values)
	}
	var labels, values []string
	projects, err := st.ProjectChoices(0)
	errs = append(errs, err)
	for _, x := range projects {
		labels, values = append(labels, x.Name), append(values, idValue(x.ID))
	}
	offer(p.project, labels, values, p.d.ProjectID, func() (string, error) {
		x, err := st.GetProject(p.d.ProjectID)
		if err != nil {
			return "", err
		}
		return x.Name, nil
	})
	labels, values = nil, nil
	contracts, err := st.ContractChoices(vid, 0)
	errs = append(errs, err)
	for _, x := range contracts {
		labels, values = append(labels, x.Label), append(values, idValue(x.ID))
	}
	offer(p.contract, labels, values, p.d.ContractID, func() (string, error) {
		x, err := st.GetContract(p.d.ContractID)
		if err != nil {
			return "", err
		}
		return x.Code + " " + x.Subject, nil
	})
	labels, values = nil, nil
	assets, err := st.AssetChoices(vid, 0)
	errs = append(errs, err)
	for _, x := range assets {
		labels, values = append(labels, x.Label), append(values, idValue(x.ID))
	}
	offer(p.asset, labels, values, p.d.AssetID, func() (string, error) {
		x, err := st.GetAsset(p.d.AssetID)
		if err != nil {
			return "", err
		}
		return x.Code + " " + x.Name, nil
	})
	if err := errors.Join(errs...); err != nil {
		p.hint.SetError(kit.ErrorText(err))
	}
}

func (p *decisionPage) villageChanged() {
	p.page.Form.Quietly(p.setChoices)
	p.page.Form.Edited("VillageID")
}

// linksShown turns each 打开 button on while its link is chosen.
func (p *decisionPage) linksShown() {
	for _, l := range []struct {
		c *kit.Choice
		b *widget.Button
	}{{p.project, p.openProject}, {p.contract, p.openContract}, {p.asset, p.openAsset}} {
		if idOf(l.c.Value()) == 0 {
			l.b.Disable()
		} else {
			l.b.Enable()
		}
	}
}

// read turns the fields into a decision; texts that do not parse come back as problems.
func (p *decisionPage) read() (data.Decision, *data.ValidationError) {
	x, parse := p.d, &data.ValidationError{}
	x.VillageID = p.villageID()
	x.Matter, x.Note = p.matter.Text, p.note.Text
	x.Kind = chosen(data.DecisionKinds, p.kind.SelectedIndex())
	x.Source = chosen(data.DecisionSources, p.source.SelectedIndex())
	x.Amount = parsedValue(&p.amount.ParsedField, "Amount", parse)
	x.ProjectID, x.ContractID, x.AssetID = idOf(p.project.Value()), idOf(p.contract.Value()), idOf(p.asset.Value())
	x.Merged = p.merged.Checked
	return x, parse
}

func (p *decisionPage) validate() *data.ValidationError {
	x, parse := p.read()
	return kit.MergeCheck(parse, p.v.env.Store.CheckDecision(&x))
}

// save writes the decision when nothing shows a problem; a new one then shows its steps.
func (p *decisionPage) save() {
	notice := p.v.reg.Notice
	var x data.Decision
	isNew := p.d.ID == 0
	if !p.page.SaveRecord(notice, func() error { x, _ = p.read(); return p.v.env.Store.SaveDecision(&x) }) {
		return
	}
	p.load(x)
	p.steps.reload()
	what := describeDecision(&x)
	if isNew {
		notice.Show(lang.L("已保存{{.What}}，可以登记四议两公开的步骤", map[string]any{"What": what}), false)
		p.page.Tabs.SelectIndex(1)
	} else {
		notice.Show(lang.L("已保存{{.What}}", map[string]any{"What": what}), false)
	}
}

// cancel drops unsaved typing (asking first); with nothing unsaved it goes back to the list.
func (p *decisionPage) cancel() {
	p.page.Cancel(p.d.ID == 0, p.v.reg.Back, func() { p.load(p.d) })
}

// deleteDecision deletes the decision after asking and goes back to the list; Ctrl+Z restores it.
func (p *decisionPage) deleteDecision() {
	if p.d.ID == 0 {
		return
	}
	d := p.d
	what := describeDecision(&d)
	st := p.v.env.Store
	p.v.reg.DeletePage(what, func() error { return st.DeleteDecision(d.ID) }, func() error { return st.RestoreDecision(d.ID) })
}

// onSteps reports whether 步骤与表决 shows.
func (p *decisionPage) onSteps() bool { return p.page.Tabs.SelectedIndex() == 1 }

// refresh follows a change to the store: the fields (unless something typed is unsaved) and the steps.
func (p *decisionPage) refresh() {
	if p.d.ID == 0 {
		return
	}
	if !p.page.Form.Dirty() {
		d, err := p.v.env.Store.GetDecision(p.d.ID)
		if errors.Is(err, data.ErrNotFound) { // deleted meanwhile (undo brings it back to the list)
			p.v.reg.ShowList()
			return
		}
		if err != nil {
			p.v.reg.Notice.ShowError(err)
			return
		}
		p.load(*d)
	} else {
		p.page.Form.Quietly(p.setChoices)
	}
	p.steps.reload()
}

// showFindings shows under the decision's name the rules its steps fail (red) or cannot be
// checked against (orange).
func (p *decisionPage) showFindings(steps []data.DecisionStep) {
	var ws []kit.Warning
	for _, st := range steps {
		for _, f := range failedFindings(st) {
			ws = append(ws, kit.Warning{Text: findingText(f, st), Danger: f.Rule != data.RuleMissing})
		}
	}
	p.page.SetWarnings(ws)
}
