package app

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// projectsView is the assistance-project ledger (帮扶项目): a filtered, sortable list read a page at a
// time, and a project's own page with its money, progress, asset and income.
type projectsView struct {
	env *Env
	st  *data.Store

	year, village, stage, typ *kit.Choice
	search                    *kit.TextField
	table                     *kit.LedgerTable[data.ProjectRow]
	count                     *widget.Label
	filter                    data.ProjectFilter

	list   fyne.CanvasObject
	page   *projectPage // nil while the list shows
	body   *fyne.Container
	notice *kit.NoticeBar
	undo   kit.UndoStack

	villages []data.Village
	partners []data.Partner
	chosen   *data.ProjectRow // the project last open: Delete on the list deletes it
}

func projectsScreen(env *Env) *ScreenView {
	pv := &projectsView{env: env, st: env.Store}
	content := pv.build()
	env.OnChange(pv.storeChanged, "projects", "funding_lines", "disbursements", "stage_changes", "distributions", "assets",
		"progress_notes", "attachments", "collective_entries", "villages", "partners", "decisions")
	pv.reloadChoices()
	pv.reload()
	return &ScreenView{
		Content:  kit.NewHolder(pv, content),
		OnAction: pv.action,
		CanLeave: pv.canLeave,
	}
}

func (pv *projectsView) build() fyne.CanvasObject {
	heading := widget.NewLabelWithStyle(lang.L("帮扶项目"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	newBtn := widget.NewButtonWithIcon(lang.L("新建项目 (Ctrl+N)"), theme.ContentAddIcon(), func() { pv.action(kit.ActionNew) })
	newBtn.Importance = widget.HighImportance
	hideInTown(pv.env, newBtn)

	pv.year = kit.NewChoice(lang.L("全部年度"), nil, nil, func(string) { pv.reload() })
	pv.village = kit.NewChoice(lang.L("全部村"), nil, nil, func(string) { pv.reload() })
	stages := append(append([]string{}, data.Stages...), data.StageNone)
	pv.stage = kit.NewChoice(lang.L("全部阶段"), kit.Translated(stages), stages, func(string) { pv.reload() })
	pv.typ = kit.NewChoice(lang.L("全部类型"), kit.Translated(data.ProjectTypes), data.ProjectTypes, func(string) { pv.reload() })
	pv.search = kit.NewTextField() // passes Ctrl+S/N/F and Esc on to the screen
	pv.search.SetPlaceHolder(lang.L("搜索项目名称、责任人、实施单位 (Ctrl+F)"))
	pv.search.OnChanged = func(string) { pv.reload() }
	filters := container.NewBorder(nil, nil, container.NewHBox(pv.year, pv.village, pv.stage, pv.typ), nil, pv.search)

	pv.table = kit.NewLedgerTable(projectColumns(), func(offset, limit int) ([]data.ProjectRow, error) {
		return pv.st.ListProjects(pv.filter, offset, limit)
	})
	pv.table.OnSort = pv.reload
	pv.table.Table.Act = pv.env.Act
	pv.table.OnSelect = func(_ int, r data.ProjectRow) {
		pv.table.ClearSelection() // tapping the same row again opens it again
		pv.open(r.ID)
	}
	pv.table.OnError = pv.notice.ShowError
	pv.count = widget.NewLabel("")
	pv.notice = kit.NewNoticeBar(pv.undoLast)
	imports := newImportBar(pv.env, data.ImportProjects, pv.notice)

	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(imports.Content(), newBtn), heading), filters)
	pv.list = container.NewBorder(top, nil, nil, nil, pv.table.Table)
	pv.body = container.NewStack(pv.list)
	bottom := container.NewBorder(nil, nil, pv.count, nil, pv.notice.Content())
	return container.NewPadded(container.NewBorder(nil, bottom, nil, nil, pv.body))
}

func projectColumns() []kit.LedgerColumn[data.ProjectRow] {
	return []kit.LedgerColumn[data.ProjectRow]{
		{Title: "项目名称", Sort: "name", Width: 230, Text: func(r *data.ProjectRow) string { return r.Name }},
		{Title: "所在村", Sort: "villages", Width: 130, Text: func(r *data.ProjectRow) string { return r.Villages }},
		{Title: "类型", Sort: "type", Width: 98, Text: func(r *data.ProjectRow) string { return kit.Word(r.Type) }},
		{Title: "当前阶段", Sort: "stage", Width: 100, Text: func(r *data.ProjectRow) string { return kit.Word(r.Stage) }},
		{Title: "预算", Sort: "budget", Width: 130, Right: true, Text: func(r *data.ProjectRow) string { return r.Budget.String() }},
		{Title: "已拨付", Sort: "disbursed", Width: 130, Right: true, Text: func(r *data.ProjectRow) string { return r.Disbursed.String() }},
		{Title: "拨付率", Sort: "percent", Width: 128, Right: true, Text: func(r *data.ProjectRow) string { return percentText(r.Budget, r.Disbursed) }},
		{Title: "带动农户", Sort: "households", Width: 120, Right: true, Text: func(r *data.ProjectRow) string { return strconv.Itoa(r.Households) }},
	}
}

// percentText is disbursed/budget as a whole percent, "—" without a budget.
func percentText(budget, disbursed data.Money) string {
	if budget <= 0 {
		return "—"
	}
	return fmt.Sprintf("%d%%", disbursed*100/budget)
}

// reloadChoices refreshes what the filters and the form offer: villages, partner units, years.
func (pv *projectsView) reloadChoices() {
	vs, err1 := pv.st.Villages()
	ps, err2 := pv.st.Partners()
	first, last, err3 := pv.st.ProjectYearRange()
	if err := cmp.Or(err1, err2, err3); err != nil {
		pv.notice.ShowError(err)
		return
	}
	pv.villages, pv.partners = vs, ps
	names, ids := villageNames(vs)
	pv.village.SetOptions(names, idValues(ids))
	last = max(last, data.Today().Year())
	if first == 0 {
		first = last
	}
	var labels, values []string
	for y := last; y >= first; y-- {
		labels = append(labels, lang.L("{{.Y}}年", map[string]any{"Y": y}))
		values = append(values, strconv.Itoa(y))
	}
	pv.year.SetOptions(labels, values)
	if pv.page != nil {
		pv.page.form.setChoices(pv.villages, pv.partners)
	}
}

func (pv *projectsView) readFilter() data.ProjectFilter {
	f := data.ProjectFilter{
		VillageID: idOf(pv.village.Value()),
		Stage:     pv.stage.Value(),
		Type:      pv.typ.Value(),
		Search:    pv.search.Text,
		Sort:      pv.table.SortKey,
		Desc:      pv.table.SortDesc,
	}
	f.Year, _ = strconv.Atoi(pv.year.Value())
	return f
}

// reload reads the count and totals for the filter; the table reads its rows page by page.
func (pv *projectsView) reload() {
	if pv.table == nil {
		return // still building
	}
	if f := pv.readFilter(); f != pv.filter {
		pv.chosen = nil // a row no longer in view is not deleted by a stray Delete
		pv.filter = f
	}
	tot, err := pv.st.ProjectTotals(pv.filter)
	if err != nil {
		pv.notice.ShowError(err)
		return
	}
	pv.table.Reset(tot.Count, []string{
		lang.L("合计（{{.N}} 个项目）", map[string]any{"N": tot.Count}), "", "", "",
		tot.Budget.String(), tot.Disbursed.String(), percentText(tot.Budget, tot.Disbursed), strconv.Itoa(tot.Households),
	})
	pv.count.SetText(lang.L("共 {{.N}} 个项目", map[string]any{"N": tot.Count}))
}

func (pv *projectsView) storeChanged() {
	pv.reloadChoices()
	pv.reload()
	if pv.page != nil {
		pv.page.refresh()
	}
}

// open shows a project's page.
func (pv *projectsView) open(id int64) {
	p, err := pv.st.GetProject(id)
	if err != nil {
		pv.env.Dialogs.ShowStoreError(err)
		return
	}
	pv.showPage(*p)
}

// startNew shows an empty project page; only 基本信息 can be filled until it is saved.
func (pv *projectsView) startNew() {
	p := data.Project{YearStarted: data.Today().Year()}
	if id := idOf(pv.village.Value()); id != 0 {
		p.VillageIDs = []int64{id}
	} else if len(pv.villages) == 1 {
		p.VillageIDs = []int64{pv.villages[0].ID}
	}
	pv.showPage(p)
	pv.env.Win.Canvas().Focus(pv.page.form.name)
}

func (pv *projectsView) showPage(p data.Project) {
	pv.notice.UpdateProblems(0) // another form's problems are not this one's
	pv.page = newProjectPage(pv, p)
	pv.count.Hide()
	pv.body.Objects = []fyne.CanvasObject{pv.page.content}
	pv.body.Refresh()
}

// backToList closes the project page (asking first about unsaved changes).
func (pv *projectsView) backToList() {
	pv.guard(func() {
		if id := pv.page.id(); id != 0 {
			pv.chosen = &data.ProjectRow{ID: id, Name: pv.page.form.project.Name}
		}
		pv.page = nil
		pv.notice.UpdateProblems(0)
		pv.count.Show()
		pv.body.Objects = []fyne.CanvasObject{pv.list}
		pv.body.Refresh()
		pv.reload()
	})
}

// guard runs proceed now when nothing is unsaved, else after the user agrees to drop the changes.
func (pv *projectsView) guard(proceed func()) {
	if pv.page == nil {
		proceed()
		return
	}
	pv.page.form.lc.Guard(proceed)
}

func (pv *projectsView) canLeave(proceed func()) { pv.guard(proceed) }

func (pv *projectsView) action(a kit.Action) {
	switch a {
	case kit.ActionNew:
		pv.guard(pv.startNew)
	case kit.ActionSave:
		if pv.page != nil {
			pv.page.save()
		}
	case kit.ActionCancel:
		if pv.page != nil {
			pv.page.cancel()
		}
	case kit.ActionDelete:
		if pv.page != nil {
			pv.page.deleteProject()
		} else if pv.chosen != nil {
			pv.deleteProject(pv.chosen.ID, pv.chosen.Name, nil)
		}
	case kit.ActionFind:
		if pv.page == nil {
			pv.env.Win.Canvas().Focus(pv.search)
		}
	case kit.ActionUndo:
		pv.undoLast()
	}
}

func (pv *projectsView) undoLast() { pv.undo.UndoLast(pv.notice, pv.env.Dialogs) }

// deleteProject deletes a project after confirmation, which says what the project holds (then
// runs after, when not nil); Ctrl+Z restores it.
func (pv *projectsView) deleteProject(id int64, name string, after func()) {
	what := lang.L("项目“{{.Name}}”", map[string]any{"Name": name})
	h, err := pv.st.ProjectHoldings(id)
	if err != nil {
		pv.env.Dialogs.ShowStoreError(err)
		return
	}
	pv.env.Dialogs.ConfirmDeleteDetail(what, holdingsText(h), func() {
		if err := pv.st.DeleteProject(id); err != nil {
			pv.env.Dialogs.ShowStoreError(err)
			return
		}
		if after != nil {
			after()
		}
		pv.chosen = nil
		pv.deleted(what, func() error { return pv.st.RestoreProject(id) })
	})
}

// deleted records a deletion for Ctrl+Z and says so.
func (pv *projectsView) deleted(what string, restore func() error) {
	pv.undo.Push(what, restore)
	pv.notice.Show(lang.L("已删除{{.What}}。按 Ctrl+Z 可以撤销", map[string]any{"What": what}), true)
}

// holdingsText lists, one line each, what a project holds, for the question before deleting it.
func holdingsText(h *data.ProjectHoldings) string {
	var lines []string
	add := func(ok bool, key string, args map[string]any) {
		if ok {
			lines = append(lines, "· "+lang.L(key, args))
		}
	}
	add(h.FundingLines > 0, "资金来源 {{.N}} 笔，共 {{.Amount}}", map[string]any{"N": h.FundingLines, "Amount": h.Budget.String()})
	add(h.Disbursements > 0, "拨付 {{.N}} 笔，共 {{.Amount}}", map[string]any{"N": h.Disbursements, "Amount": h.Disbursed.String()})
	add(h.Stages > 0, "阶段 {{.N}} 个，当前：{{.Stage}}", map[string]any{"N": h.Stages, "Stage": kit.Word(h.Stage)})
	add(h.Notes > 0, "进展记录 {{.N}} 条，照片 {{.Photos}} 张", map[string]any{"N": h.Notes, "Photos": h.Photos})
	add(h.Distributions > 0, "收益分配 {{.N}} 笔，共 {{.Amount}}", map[string]any{"N": h.Distributions, "Amount": h.Distributed.String()})
	add(h.AssetKind != "", "资产：{{.Kind}} {{.Value}}", map[string]any{"Kind": kit.Word(h.AssetKind), "Value": h.AssetValue.String()})
	sums := lang.L("收入 {{.Income}}，支出 {{.Expense}}", map[string]any{"Income": h.EntryIncome.String(), "Expense": h.EntryExpense.String()})
	switch {
	case h.EntryExpense == 0:
		sums = lang.L("收入 {{.Amount}}", map[string]any{"Amount": h.EntryIncome.String()})
	case h.EntryIncome == 0:
		sums = lang.L("支出 {{.Amount}}", map[string]any{"Amount": h.EntryExpense.String()})
	}
	add(h.Entries > 0, "关联本项目的集体收支 {{.N}} 笔（{{.Sums}}）", map[string]any{"N": h.Entries, "Sums": sums})
	if len(lines) == 0 {
		return lang.L("这个项目还没有登记资金、阶段或进展。")
	}
	text := lang.L("这个项目登记有：") + "\n" + strings.Join(lines, "\n")
	if h.Entries > 0 {
		text += "\n\n" + lang.L("这些集体收支不会删除，仍关联本项目，显示为“已删除”；撤销删除后一切照旧。")
	}
	return text
}

// projectLabel names a linked project, marked when it has been deleted (the link stays for undo).
func projectLabel(name string, deleted bool) string {
	if deleted {
		return lang.L("（已删除）{{.Name}}", map[string]any{"Name": name}) // the mark first: a long name is cut at the end
	}
	return name
}
