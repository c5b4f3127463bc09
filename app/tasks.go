package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// tasksView is 村务's 揭榜挂帅 tab: the 榜单 a page at a time, with an item's own page (its terms,
// the records serving it, the closing evidence) in the register's place.
type tasksView struct {
	env *Env

	village, year, status *kit.Choice
	reg                   *kit.Register[data.TaskRow]
	page                  *taskPage // nil while the list shows
	villages              []data.Village
}

func newTasksView(env *Env) *tasksView {
	v := &tasksView{env: env}
	reload := func(string) {
		if v.reg != nil {
			v.reg.Reload()
		}
	}
	years := recentYears()
	v.village = kit.NewChoice(lang.L("全部村"), nil, nil, reload)
	v.year = kit.NewChoice(lang.L("全部年度"), yearNames(years), intValues(years), reload)
	v.status = kit.NewChoice(lang.L("全部状态"), kit.Translated(data.TaskStatusesShown), data.TaskStatusesShown, reload)
	v.reg = kit.NewRegister(env.Dialogs, env.Act, kit.RegisterLabels{Heading: lang.L("揭榜挂帅榜单"),
		New: lang.L("新增榜单事项 (Ctrl+N)"), Search: lang.L("搜索事项、目标、责任人、办结说明 (Ctrl+F)")},
		taskColumns(), v, container.NewHBox(v.village, v.year, v.status))
	v.reg.PageClosed = func() { v.page = nil }
	env.OnChange(v.storeChanged, "tasks", "task_links", "task_files", "villages", "partners", "projects", "contracts",
		"sale_events", "sale_lines", "collective_entries", "stage_changes")
	return v
}

func intValues(ns []int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strconv.Itoa(n)
	}
	return out
}

func taskColumns() []kit.LedgerColumn[data.TaskRow] {
	return []kit.LedgerColumn[data.TaskRow]{
		{Title: "tasks.col.title", Sort: "title", Width: 230, Text: func(r *data.TaskRow) string { return r.Title }},
		{Title: "村", Width: 70, Text: func(r *data.TaskRow) string { return r.Village }},
		{Title: "发榜单位", Width: 120, Text: func(r *data.TaskRow) string {
			if r.PosterPartnerID != 0 {
				return r.PostedBy // a unit's own name
			}
			return kit.Word(r.PostedBy)
		}},
		{Title: "进度", Width: 70, Right: true, Text: func(r *data.TaskRow) string { return strconv.Itoa(r.Progress.Percent) + "%" },
			Importance: func(r *data.TaskRow) widget.Importance {
				if r.Progress.Reached {
					return widget.SuccessImportance
				}
				return widget.MediumImportance
			}},
		{Title: "完成情况", Width: 190, Text: func(r *data.TaskRow) string { return taskProgressText(&r.Task, r.Progress) }},
		{Title: "完成时限", Sort: "deadline", Width: 100, Whole: true, Text: func(r *data.TaskRow) string { return r.Deadline.String() }},
		{Title: "剩余", Width: 90, Text: daysLeftText, Importance: taskImportance},
		{Title: "状态", Sort: "status", Width: 70, Text: func(r *data.TaskRow) string { return kit.Word(r.Shown) }, Importance: taskImportance},
		{Title: "责任人", Width: 80, Text: func(r *data.TaskRow) string { return r.Responsible }},
	}
}

// daysLeftText is 还剩 N 天 or 逾期 N 天 for an open item, nothing for a closed one.
func daysLeftText(r *data.TaskRow) string {
	switch {
	case r.Status != data.TaskOpen:
		return ""
	case r.DaysLeft < 0:
		return lang.L("逾期 {{.N}} 天", map[string]any{"N": -r.DaysLeft})
	case r.DaysLeft == 0:
		return lang.L("今天到期")
	}
	return lang.L("还剩 {{.N}} 天", map[string]any{"N": r.DaysLeft})
}

// taskImportance shows overdue items in red, those due within 30 days in orange, done in green.
func taskImportance(r *data.TaskRow) widget.Importance {
	switch {
	case r.Shown == data.TaskOverdue:
		return widget.DangerImportance
	case r.Shown == data.TaskDone:
		return widget.SuccessImportance
	case r.Shown == data.TaskOpen && r.DaysLeft <= 30:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// taskProgressText says how far an item is against its target: ¥12.00万 / ¥20.00万, 实施 → 验收, or 手填.
func taskProgressText(t *data.Task, p data.TaskProgress) string {
	switch {
	case t.TargetKind == data.TargetStage && p.Measured:
		stage := p.Stage
		if stage == "" {
			stage = data.StageNone
		}
		return lang.L("{{.Now}}（目标：{{.Want}}）", map[string]any{"Now": lang.L(stage), "Want": lang.L(t.TargetStage)})
	case !p.Measured && t.TargetKind != "":
		return lang.L("尚未关联可计算的记录，按手填进度")
	case !p.Measured:
		return lang.L("文字目标，按手填进度")
	case data.IsMoneyTarget(t.TargetKind):
		return data.Money(p.Value).String() + " / " + data.Money(p.Target).String()
	}
	return lang.L("{{.Now}} / {{.Want}} 户", map[string]any{"Now": p.Value, "Want": p.Target})
}

func (v *tasksView) filter(search string) data.TaskFilter {
	year, _ := strconv.Atoi(v.year.Value())
	return data.TaskFilter{VillageID: idOf(v.village.Value()), Year: year, Status: v.status.Value(), Search: search,
		Sort: v.reg.Table.SortKey, Desc: v.reg.Table.SortDesc}
}

// tasksView is the register's kit.RegisterSource.

func (v *tasksView) Count(search string) (int, error) {
	return v.env.Store.CountTasks(v.filter(search))
}

func (v *tasksView) List(search string, offset, limit int) ([]data.TaskRow, error) {
	return v.env.Store.ListTasks(v.filter(search), offset, limit)
}

func (v *tasksView) Describe(r data.TaskRow) string { return describeTask(&r.Task) }
func (v *tasksView) Delete(r data.TaskRow) error    { return v.env.Store.DeleteTask(r.ID) }
func (v *tasksView) Restore(r data.TaskRow) error   { return v.env.Store.RestoreTask(r.ID) }
func (v *tasksView) CountText(n int) string {
	return lang.L("共 {{.N}} 项榜单事项", map[string]any{"N": n})
}

// describeTask names an item in questions and messages: 榜单事项“村集体经营性收入突破20万元”.
func describeTask(t *data.Task) string {
	return lang.L("榜单事项“{{.Title}}”", map[string]any{"Title": t.Title})
}

// Open shows an item's page (nil: a new item).
func (v *tasksView) Open(r *data.TaskRow) {
	if r == nil {
		v.guard(v.startNew)
		return
	}
	v.open(r.ID)
}

// open shows the page of item id, asking first about unsaved typing on the page open now.
func (v *tasksView) open(id int64) {
	v.guard(func() {
		t, err := v.env.Store.GetTask(id)
		if err != nil {
			v.env.Dialogs.ShowStoreError(err)
			return
		}
		v.showPage(*t)
	})
}

// startNew shows an empty item taken on today, due at the year's end, in the filter's village.
func (v *tasksView) startNew() {
	today := data.Today()
	village := idOf(v.village.Value())
	if village == 0 && len(v.villages) == 1 {
		village = v.villages[0].ID
	}
	v.showPage(data.Task{VillageID: village, Poster: data.PosterTown, Status: data.TaskOpen, TakenOn: today,
		Deadline: data.MustDate(today.Year(), 12, 31)})
	v.env.Win.Canvas().Focus(v.page.title)
}

func (v *tasksView) showPage(t data.Task) {
	v.page = newTaskPage(v, t)
	v.reg.ShowPage(v.page.page)
}

// guard runs proceed now when nothing typed is unsaved, else after asking.
func (v *tasksView) guard(proceed func()) { v.reg.Guard(proceed) }

// affairsPart

func (v *tasksView) content() fyne.CanvasObject { return v.reg.Content() }

func (v *tasksView) shown() {
	v.reloadChoices()
	v.refresh()
}

func (v *tasksView) storeChanged() {
	v.reloadChoices()
	v.refresh()
}

// reloadChoices offers the live villages in the filter.
func (v *tasksView) reloadChoices() {
	vs, err := v.env.Store.Villages()
	if err != nil {
		v.reg.Notice.ShowError(err)
		return
	}
	v.villages = vs
	names, ids := villageNames(vs)
	v.village.SetOptions(names, idValues(ids))
}

// refresh follows a change to the store: the page's record, links and files, or the list.
func (v *tasksView) refresh() {
	if v.page != nil {
		v.page.refresh()
		return
	}
	v.reg.Reload()
}

func (v *tasksView) action(a kit.Action) { v.reg.Action(a) }

// partnerNames are the live partner units' names by id (a link to a deleted unit shows none).
func partnerNames(st *data.Store) map[int64]string {
	units, _ := st.Partners()
	out := make(map[int64]string, len(units))
	for _, u := range units {
		out[u.ID] = u.Name
	}
	return out
}

// partnerChoice offers the live partner units after none (labelled none), showing chosen.
func partnerChoice(st *data.Store, none string, chosen int64) *kit.Choice {
	units, _ := st.Partners()
	var labels, values []string
	for _, u := range units {
		labels, values = append(labels, u.Name), append(values, idValue(u.ID))
	}
	c := kit.NewChoice(none, labels, values, nil)
	c.SetValue(idValue(chosen))
	return c
}
