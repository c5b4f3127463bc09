package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// homeView is the dashboard: the year's figures at a glance. It is built empty and fills in from a
// background load, so even a ledger of a million sale lines never holds up the window.
type homeView struct {
	env *Env

	years    *kit.Select
	yearList []int
	villages *kit.Select
	villList []data.Village
	status   *widget.Label

	incomeTotal, incomeOperating, incomeNet, incomeExpense *widget.Label
	targetBar                                              *widget.ProgressBar
	targetPercent                                          int
	targetText                                             *widget.Label
	targetRows                                             *fyne.Container // one bar per village

	salesTotal, salesSellers, salesEvents, salesLines *widget.Label

	projCount, projBudget, projDisbursed *widget.Label
	projBar                              *widget.ProgressBar
	projStages                           *widget.Label

	workText *widget.Label       // this month's days in the village and households visited
	workBar  *widget.ProgressBar // days in the village against the monthly target

	incomeChart  *barChart
	salesChart   *barChart
	fundingChart *fundingChart

	content   *kit.Holder[*homeView]
	loader    *kit.Loader[*homeFigures]
	backups   *backupReminder // home_backup.go
	reminders *reminderStrip  // 三资's 提醒 (home_reminders.go)
	tasks     *homeTasks      // 揭榜挂帅's open items (home_tasks.go)
}

// homeFigures is everything one load reads for a year and village (0 = all).
type homeFigures struct {
	Year       int
	VillageID  int64
	Summary    *data.Summary
	Targets    []villageProgress // the chosen village, or every village with a target
	Income     []data.MonthlyAmounts
	Sales      []data.MonthlyAmounts
	Funding    []fundingBar
	MoreProj   int
	Villages   []data.Village
	Years      []int // the years to offer, newest first
	Reminders  *data.Reminders
	WorkMonth  data.WorkLogFigures // this month's work log
	WorkTarget int                 // 每月在村天数目标
	Tasks      []data.TaskRow      // open 榜单 items, overdue first
}

type villageProgress struct {
	Name string
	*data.TargetProgress
}

// homeFundingRows is how many projects the funding chart lists (biggest budgets first).
const homeFundingRows = 8

// loadHomeFigures reads the dashboard's figures; it runs off the Fyne thread.
func loadHomeFigures(st *data.Store, year int, villageID int64) (*homeFigures, error) {
	f := &homeFigures{Year: year}
	var err error
	if f.Villages, f.Years, villageID, err = loadChoices(st, villageID); err != nil {
		return nil, err
	}
	f.VillageID = villageID
	if f.Summary, err = st.YearSummary(year, villageID); err != nil {
		return nil, err
	}
	for _, v := range f.Villages {
		if villageID != 0 && v.ID != villageID {
			continue
		}
		tp, err := st.TargetProgress(v.ID, year)
		if err != nil {
			return nil, err
		}
		if tp.HasTarget || villageID != 0 || len(f.Villages) == 1 {
			f.Targets = append(f.Targets, villageProgress{v.Name, tp})
		}
	}
	if f.Income, err = st.MonthlyIncomeByCategory(year, villageID); err != nil {
		return nil, err
	}
	if f.Sales, err = st.MonthlySalesByChannel(year, villageID); err != nil {
		return nil, err
	}
	filter := data.ProjectFilter{Year: year, VillageID: villageID, Sort: "budget", Desc: true}
	rows, err := st.ListProjects(filter, 0, homeFundingRows)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		f.Funding = append(f.Funding, fundingBar{Name: r.Name, Budget: r.Budget, Disbursed: r.Disbursed})
	}
	f.MoreProj = max(f.Summary.Projects.Count-len(rows), 0)
	if f.Reminders, err = st.Reminders(data.Today(), villageID, reminderRows); err != nil {
		return nil, err
	}
	today := data.Today()
	if f.WorkMonth, err = st.WorkLogFigures(data.MonthPeriod(today.Year(), today.Month()), villageID); err != nil {
		return nil, err
	}
	if f.WorkTarget, err = st.WorkDaysTarget(); err != nil {
		return nil, err
	}
	if f.Tasks, err = st.OpenTasks(villageID, homeTaskRows); err != nil {
		return nil, err
	}
	return f, nil
}

func homeScreen(env *Env) *ScreenView {
	h := &homeView{env: env}
	h.loader = kit.NewLoader(env.Run, h.loaded)
	h.build()
	env.OnChange(func() {
		if h.content.Visible() { // a hidden dashboard reloads when shown
			h.reload()
		}
	})
	return &ScreenView{Content: h.content, OnShow: h.reload}
}

func (h *homeView) build() {
	heading := widget.NewLabelWithStyle(lang.L("首页"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	h.status = widget.NewLabel(lang.L("正在统计…"))
	h.status.Importance = widget.MediumImportance

	h.yearList = recentYears()
	h.years = kit.NewSelect(yearNames(h.yearList), "", nil)
	h.years.SetSelectedIndex(0)
	h.years.OnChanged = func(string) { h.reload() }
	h.villages = kit.NewSelect(nil, "", nil)
	h.villages.OnChanged = func(string) { h.reload() }
	h.villages.Hide()
	header := container.NewHBox(heading, h.status, layout.NewSpacer(), h.villages, h.years)

	dash := func() *widget.Label { return kit.MoneyLabel(0) }
	h.incomeTotal = bigFigure("—")
	h.incomeOperating, h.incomeNet, h.incomeExpense = dash(), dash(), dash()
	h.targetBar = widget.NewProgressBar()
	h.targetBar.TextFormatter = func() string { return strconv.Itoa(h.targetPercent) + "%" }
	h.targetText = widget.NewLabel("")
	h.targetText.Wrapping = fyne.TextWrapWord
	h.targetRows = container.New(layout.NewFormLayout())
	incomeCard := homeCard(lang.L("村集体经济收入"), h.incomeTotal,
		figureRows(
			lang.L("经营性收入"), h.incomeOperating,
			lang.L("支出"), h.incomeExpense,
			lang.L("净收入"), h.incomeNet),
		h.targetBar, h.targetText, h.targetRows)

	h.salesTotal = bigFigure("—")
	count := func() *widget.Label { l := widget.NewLabel("—"); l.Alignment = fyne.TextAlignTrailing; return l }
	h.salesSellers, h.salesEvents, h.salesLines = count(), count(), count()
	salesCard := homeCard(lang.L("助农销售"), h.salesTotal,
		figureRows(
			lang.L("带动农户（卖家）"), h.salesSellers,
			lang.L("销售场次"), h.salesEvents,
			lang.L("销售笔数"), h.salesLines))

	h.projCount = bigFigure("—")
	h.projBudget, h.projDisbursed = dash(), dash()
	h.projBar = widget.NewProgressBar()
	h.projBar.TextFormatter = func() string {
		return lang.X("home.disbursed.percent", "已拨付 {{.Percent}}%", map[string]any{"Percent": int(h.projBar.Value * 100)})
	}
	h.projStages = widget.NewLabel("")
	h.projStages.Wrapping = fyne.TextWrapWord
	projCard := homeCard(lang.L("帮扶项目"), h.projCount,
		figureRows(
			lang.L("资金预算"), h.projBudget,
			lang.L("已拨付"), h.projDisbursed),
		h.projBar, h.projStages)

	cats := make([]string, len(data.IncomeCategories))
	for i, c := range data.IncomeCategories {
		cats[i] = lang.L(c)
	}
	chans := make([]string, len(data.Channels))
	for i, c := range data.Channels {
		chans[i] = lang.L(c)
	}
	h.incomeChart = newBarChart(cats, monthLabels())
	h.salesChart = newBarChart(chans, monthLabels())
	h.fundingChart = newFundingChart()

	charts := container.NewGridWithColumns(2,
		homePanel(lang.L("每月集体收入（按类别）"), h.incomeChart),
		homePanel(lang.L("每月销售额（按渠道）"), h.salesChart))
	h.backups = newBackupReminder(h.env)
	h.reminders = newReminderStrip(h.env)
	h.tasks = newHomeTasks(h.env)
	// The year's figures come right after what needs doing, so they show without scrolling.
	body := container.NewVBox(
		h.backups.content,
		h.reminders.content,
		container.NewGridWithColumns(3, incomeCard, salesCard, projCard),
		h.workPanel(),
		h.tasks.content,
		charts,
		homePanel(lang.L("项目资金拨付进度"), h.fundingChart),
	)
	h.content = kit.NewHolder(h, container.NewBorder(container.NewPadded(header), nil, nil, nil,
		container.NewVScroll(container.NewPadded(body))))
}

// bigFigure is a card's headline number.
func bigFigure(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	return l
}

// figureRows lays label/value pairs in two columns, values right-aligned.
func figureRows(pairs ...any) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for i := 0; i+1 < len(pairs); i += 2 {
		l := widget.NewLabel(pairs[i].(string))
		objs = append(objs, l, pairs[i+1].(fyne.CanvasObject))
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// homeCard is a white panel with a title, a headline figure and its details.
func homeCard(title string, big fyne.CanvasObject, rest ...fyne.CanvasObject) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Importance = widget.HighImportance
	return kit.Panel(container.NewVBox(append([]fyne.CanvasObject{t, big}, rest...)...))
}

// homePanel is a titled white panel around a chart.
func homePanel(title string, body fyne.CanvasObject) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return kit.Panel(container.NewBorder(t, nil, nil, nil, container.NewPadded(body)))
}

// selection is the year and village chosen (village 0: all). Fyne thread.
func (h *homeView) selection() (int, int64) {
	return chosenYear(h.years, h.yearList), chosenVillage(h.villages, h.villList)
}

// reload starts a background load of the chosen year, or asks the running one to go again.
func (h *homeView) reload() {
	h.status.SetText(lang.L("正在统计…"))
	h.status.Importance = widget.MediumImportance
	h.status.Show()
	h.backups.Reload()
	year, village := h.selection()
	h.loader.Load(func() (*homeFigures, error) { return loadHomeFigures(h.env.Store, year, village) })
}

func (h *homeView) loaded(f *homeFigures, err error) {
	if err != nil {
		h.status.SetText(lang.L("统计失败：") + kit.ErrorText(err))
		h.status.Importance = widget.DangerImportance
		h.status.Refresh()
		return
	}
	h.status.Hide()
	h.fill(f)
}

// fill shows a load's figures. Fyne thread.
func (h *homeView) fill(f *homeFigures) {
	setYearOptions(h.years, &h.yearList, f.Years, func(string) { h.reload() })
	h.setVillages(f.Villages, f.VillageID)
	s := f.Summary
	h.incomeTotal.SetText(s.Income.Total.String())
	kit.SetMoney(h.incomeOperating, s.Income.Operating)
	kit.SetMoney(h.incomeExpense, s.Expense.Total)
	kit.SetMoney(h.incomeNet, s.Net)
	h.fillTargets(f)

	h.salesTotal.SetText(s.Sales.Total.String())
	h.salesSellers.SetText(lang.X("home.count.households", "{{.Count}} 户", map[string]any{"Count": s.Sales.Sellers}))
	h.salesEvents.SetText(lang.X("home.count.events", "{{.Count}} 场", map[string]any{"Count": s.Sales.Events}))
	h.salesLines.SetText(lang.X("home.count.lines", "{{.Count}} 笔", map[string]any{"Count": s.Sales.Lines}))

	h.projCount.SetText(lang.X("home.count.projects", "{{.Count}} 个", map[string]any{"Count": s.Projects.Count}))
	kit.SetMoney(h.projBudget, s.Projects.Budget)
	kit.SetMoney(h.projDisbursed, s.Projects.Disbursed)
	h.projBar.SetValue(ratio(s.Projects.Disbursed, s.Projects.Budget))
	h.projStages.SetText(stageLine(s.Projects.ByStage))

	h.incomeChart.SetValues(monthlyValues(f.Income))
	h.salesChart.SetValues(monthlyValues(f.Sales))
	h.fundingChart.SetRows(f.Funding, f.MoreProj)
	h.reminders.show(f.Reminders, f.VillageID == 0 && len(f.Villages) > 1)
	h.tasks.show(f.Tasks)
	h.workText.SetText(lang.X("home.worklog", "在村 {{.Days}} 天，目标 {{.Target}} 天；走访 {{.Households}} 户",
		map[string]any{"Days": f.WorkMonth.DaysInVillage, "Target": f.WorkTarget, "Households": f.WorkMonth.Households}))
	h.workBar.SetValue(min(float64(f.WorkMonth.DaysInVillage)/float64(max(f.WorkTarget, 1)), 1))
}

// workPanel is the line on this month's 驻村工作日志, with a button to the calendar.
func (h *homeView) workPanel() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("本月驻村"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Importance = widget.HighImportance
	h.workText = widget.NewLabel("—")
	h.workText.Wrapping = fyne.TextWrapWord // English is long: wrap rather than widen 首页
	h.workBar = widget.NewProgressBar()
	h.workBar.TextFormatter = func() string { return strconv.Itoa(int(h.workBar.Value*100)) + "%" }
	open := widget.NewButtonWithIcon(lang.L("工作日志"), theme.CalendarIcon(), func() {
		showAffairs(h.env, func(p *worklogPart) {
			today := data.Today()
			p.showMonth(today.Year(), today.Month())
		})
	})
	return kit.Panel(container.NewBorder(nil, nil, title, open, container.NewGridWithColumns(2, h.workText, h.workBar)))
}

// fillTargets shows progress to the target: one village's bar and sentence, or a bar per village
// that has a target.
func (h *homeView) fillTargets(f *homeFigures) {
	h.targetRows.RemoveAll()
	h.targetBar.Hide()
	single := len(f.Targets) == 1 && (f.VillageID != 0 || len(f.Villages) == 1)
	switch {
	case len(f.Targets) == 0 || single && !f.Targets[0].HasTarget:
		h.targetText.SetText(lang.L("尚未设定本年度集体收入目标，可在“设置”中设定。"))
	case single:
		tp := f.Targets[0].TargetProgress
		h.targetPercent = tp.Percent
		h.targetBar.Show()
		h.targetBar.SetValue(min(ratio(tp.Achieved, tp.Target), 1))
		h.targetText.SetText(targetSentence(tp))
	default:
		h.targetText.SetText(lang.L("各村目标完成情况："))
		for _, t := range f.Targets {
			tp := t.TargetProgress
			bar := widget.NewProgressBar()
			bar.SetValue(min(ratio(tp.Achieved, tp.Target), 1))
			text := lang.X("home.target.short", "{{.Percent}}%，还差 {{.Remaining}}", map[string]any{"Percent": tp.Percent, "Remaining": tp.Remaining.String()})
			if tp.Remaining == 0 {
				text = lang.X("home.target.short.reached", "{{.Percent}}%，已达到", map[string]any{"Percent": tp.Percent})
			}
			bar.TextFormatter = func() string { return text }
			h.targetRows.Add(widget.NewLabel(t.Name))
			h.targetRows.Add(bar)
		}
	}
	h.targetRows.Refresh()
}

// targetSentence is 按经营性收入计，已完成 78%，距目标 ¥100,000.00 还差 ¥21,560.00.
func targetSentence(tp *data.TargetProgress) string {
	args := map[string]any{"Measure": lang.L(data.MeasureName(tp.Measure)), "Percent": tp.Percent,
		"Target": tp.Target.String(), "Remaining": tp.Remaining.String()}
	if tp.Remaining == 0 {
		return lang.X("home.target.reached", "按{{.Measure}}计，已完成 {{.Percent}}%，达到目标 {{.Target}}", args)
	}
	return lang.X("home.target.progress", "按{{.Measure}}计，已完成 {{.Percent}}%，距目标 {{.Target}} 还差 {{.Remaining}}", args)
}

// setVillages offers the village choice once there are several villages.
func (h *homeView) setVillages(vs []data.Village, chosen int64) {
	if !setVillageOptions(h.villages, &h.villList, vs, chosen, func(string) { h.reload() }) {
		return
	}
	if len(vs) > 1 {
		h.villages.Show()
	} else {
		h.villages.Hide()
	}
}

func ratio(part, whole data.Money) float64 {
	if whole <= 0 || part <= 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

// stageLine is "实施 3 · 验收 2 · 未登记 1" in the stages' order.
func stageLine(by map[string]int) string {
	var parts []string
	for _, st := range append(append([]string{}, data.Stages...), data.StageNone) {
		if n := by[st]; n > 0 {
			parts = append(parts, lang.L(st)+" "+strconv.Itoa(n))
		}
	}
	return strings.Join(parts, " · ")
}

// monthlyValues turns series of twelve months into the chart's bars (one per month).
func monthlyValues(series []data.MonthlyAmounts) [][]int64 {
	out := make([][]int64, 12)
	for m := range out {
		out[m] = make([]int64, len(series))
		for s := range series {
			out[m][s] = int64(series[s].Months[m])
		}
	}
	return out
}
