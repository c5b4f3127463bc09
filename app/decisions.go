package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// decisionsView is 村务's 四议两公开 part: the register of decisions, each opening as a page with
// its matter and its steps (attendance, votes, what was posted), the rules checked on them.
type decisionsView struct {
	env *Env

	village, kind *kit.Choice
	reg           *kit.Register[data.DecisionRow]
	page          *decisionPage // nil while the list shows

	villages []data.Village
	printDir string // where 登记表 are written to be printed
}

func newDecisionsView(env *Env) affairsPart {
	v := &decisionsView{env: env, printDir: printDir()}
	reload := func(string) {
		if v.reg != nil {
			v.reg.Reload()
		}
	}
	v.village = kit.NewChoice(lang.L("全部村"), nil, nil, reload)
	v.kind = kit.NewChoice(lang.L("全部类别"), kit.Translated(data.DecisionKinds), data.DecisionKinds, reload)
	v.reg = kit.NewRegister(env.Dialogs, env.Act, kit.RegisterLabels{Heading: lang.L("四议两公开"),
		New: lang.L("新增决策事项 (Ctrl+N)"), Search: lang.L("搜索事项、备注 (Ctrl+F)")},
		decisionColumns(), v, container.NewHBox(v.village, v.kind))
	v.reg.PageClosed = func() { v.page = nil }
	env.OnChange(v.storeChanged, "decisions", "decision_steps", "decision_files", "villages", "projects", "contracts", "assets")
	return v
}

func decisionColumns() []kit.LedgerColumn[data.DecisionRow] {
	return []kit.LedgerColumn[data.DecisionRow]{
		{Title: "事项", Width: 230, Text: func(r *data.DecisionRow) string { return r.Matter }},
		{Title: "类别", Width: 130, Text: func(r *data.DecisionRow) string { return kit.Word(r.Kind) }},
		{Title: "村", Width: 70, Text: func(r *data.DecisionRow) string { return r.Village }},
		{Title: "涉及金额", Width: 120, Right: true, Text: func(r *data.DecisionRow) string { return moneyOrBlank(r.Amount) }},
		{Title: "进行到", Width: 130, Text: func(r *data.DecisionRow) string { return kit.Word(r.LastStep) }},
		{Title: "日期", Width: 100, Whole: true, Text: func(r *data.DecisionRow) string { return r.LastDate.String() }},
		{Title: "规则核对", Width: 210, Text: func(r *data.DecisionRow) string { return failedText(r.Failed) },
			Importance: func(r *data.DecisionRow) widget.Importance { return findingsImportance(r.Failed) }},
	}
}

// failedText names the rules a decision's steps fail, shortly: 党员大会审议人数不足、村民代表会议决议未过半数.
func failedText(fs []data.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, findingShort(f))
	}
	return strings.Join(out, "、")
}

// findingShort is one failed rule in a few words.
func findingShort(f data.Finding) string {
	step := lang.L(f.Step)
	switch f.Rule {
	case data.RuleQuorum:
		return lang.L("{{.Step}}到会人数不足", map[string]any{"Step": step})
	case data.RuleMajority:
		return lang.L("{{.Step}}同意票未过半数", map[string]any{"Step": step})
	}
	return lang.L("{{.Step}}未登记人数或票数", map[string]any{"Step": step})
}

// findingsImportance is red for a failed quorum or majority, orange for numbers not recorded.
func findingsImportance(fs []data.Finding) widget.Importance {
	imp := widget.MediumImportance
	for _, f := range fs {
		if f.Rule != data.RuleMissing {
			return widget.DangerImportance
		}
		imp = widget.WarningImportance
	}
	return imp
}

func (v *decisionsView) content() fyne.CanvasObject { return v.reg.Content() }

// shown reads the villages and the register afresh.
func (v *decisionsView) shown() {
	v.reloadChoices()
	if v.page == nil {
		v.reg.Reload()
	}
}

func (v *decisionsView) storeChanged() {
	v.reloadChoices()
	if v.page != nil {
		v.page.refresh()
		return
	}
	v.reg.Reload()
}

func (v *decisionsView) reloadChoices() {
	vs, err := v.env.Store.Villages()
	if err != nil {
		v.reg.Notice.ShowError(err)
		return
	}
	v.villages = vs
	names, ids := villageNames(vs)
	v.village.SetOptions(names, idValues(ids))
}

// filter is the register's filter with search.
func (v *decisionsView) filter(search string) data.DecisionFilter {
	return data.DecisionFilter{VillageID: idOf(v.village.Value()), Kind: v.kind.Value(), Search: search}
}

// decisionsView is the register's kit.RegisterSource.

func (v *decisionsView) Count(search string) (int, error) {
	return v.env.Store.CountDecisions(v.filter(search))
}

func (v *decisionsView) List(search string, offset, limit int) ([]data.DecisionRow, error) {
	return v.env.Store.ListDecisions(v.filter(search), offset, limit)
}

func (v *decisionsView) Describe(r data.DecisionRow) string { return describeDecision(&r.Decision) }

func (v *decisionsView) Delete(r data.DecisionRow) error  { return v.env.Store.DeleteDecision(r.ID) }
func (v *decisionsView) Restore(r data.DecisionRow) error { return v.env.Store.RestoreDecision(r.ID) }
func (v *decisionsView) CountText(n int) string {
	return lang.L("共 {{.N}} 项决策", map[string]any{"N": n})
}

// Open shows a decision's page (nil: a new decision).
func (v *decisionsView) Open(r *data.DecisionRow) {
	if r == nil {
		v.guard(func() { v.startNew(data.Decision{}) })
		return
	}
	v.open(r.ID)
}

// describeDecision names a decision in questions and messages: 决策事项“东洼机动地发包”.
func describeDecision(d *data.Decision) string {
	return lang.L("决策事项“{{.Matter}}”", map[string]any{"Matter": d.Matter})
}

// open shows the page of decision id, asking first about unsaved typing on the page open now.
func (v *decisionsView) open(id int64) {
	v.guard(func() {
		d, err := v.env.Store.GetDecision(id)
		if err != nil {
			v.env.Dialogs.ShowStoreError(err)
			return
		}
		v.showPage(*d)
	})
}

// startNew shows a new decision's page from d (a project or contract comes prefilled), in the
// filter's village or the only one.
func (v *decisionsView) startNew(d data.Decision) {
	v.reloadChoices()
	if d.VillageID == 0 {
		d.VillageID = idOf(v.village.Value())
	}
	if d.VillageID == 0 && len(v.villages) == 1 {
		d.VillageID = v.villages[0].ID
	}
	v.showPage(d)
	v.env.Win.Canvas().Focus(v.page.matter)
}

func (v *decisionsView) showPage(d data.Decision) {
	v.page = newDecisionPage(v, d)
	v.reg.ShowPage(v.page.page)
}

// guard runs proceed now when nothing typed is unsaved, else after asking.
func (v *decisionsView) guard(proceed func()) { v.reg.Guard(proceed) }

// action: on the steps tab Ctrl+N and Delete add and delete a step; otherwise the register
// handles the keys.
func (v *decisionsView) action(a kit.Action) {
	if v.page != nil && v.page.onSteps() {
		switch a {
		case kit.ActionNew:
			v.page.steps.newStep()
			return
		case kit.ActionDelete:
			v.page.steps.deleteSelected()
			return
		}
	}
	v.reg.Action(a)
}
