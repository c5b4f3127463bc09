package app

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit/kittest"
	"cunji/data"
)

// affairsTabOf is the index of 村务's tab titled title.
func affairsTabOf(t *testing.T, a *affairsView, title string) int {
	t.Helper()
	for i, it := range a.tabs.Items {
		if it.Text == title {
			return i
		}
	}
	t.Fatalf("村务 has no tab %q", title)
	return -1
}

// dialogText is what the topmost dialog says, "" when none is open.
func dialogText(m *MainWindow) string {
	top := m.Env.Win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return strings.Join(drawnTexts(top), " ")
}

// Typing in a decision and then clicking 工作日志 asks 保存/不保存/继续编辑: 继续编辑 stays on the
// decision with the typing, 保存 saves it and then shows the work log.
func TestAffairsTabSwitchAsksAboutUnsavedTyping(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	v := decisionsOf(t, m)
	a := screenOf[*affairsView](t, m, affairsTitle)
	logTab := affairsTabOf(t, a, "工作日志")
	press(t, m, fyne.KeyN)
	kittest.Type(t, m.Env.Win.Canvas(), "村集体冷库建设项目立项")
	v.page.kind.SetSelected("项目立项")
	v.page.source.SetSelected("村干部提议")

	a.tabs.SelectIndex(logTab) // what a click on the tab does
	for _, want := range []string{"保存", "不保存", "继续编辑"} {
		if !strings.Contains(dialogText(m), want) {
			t.Fatalf("switching tabs with a decision typed: dialog %q lacks %q", dialogText(m), want)
		}
	}
	if a.tabs.SelectedIndex() != 0 {
		t.Fatalf("tab %d shown while asking", a.tabs.SelectedIndex())
	}
	tapDialogButton(t, m, "继续编辑")
	if a.tabs.SelectedIndex() != 0 || v.page == nil || v.page.matter.Text != "村集体冷库建设项目立项" {
		t.Fatalf("继续编辑: tab %d, page %v", a.tabs.SelectedIndex(), v.page != nil)
	}

	a.tabs.SelectIndex(logTab)
	tapDialogButton(t, m, "保存")
	if a.tabs.SelectedIndex() != logTab {
		t.Fatalf("保存 stayed on tab %d: %q", a.tabs.SelectedIndex(), dialogText(m))
	}
	list, err := st.ListDecisions(data.DecisionFilter{}, 0, 10)
	noErr(t, err)
	if len(list) != 1 || list[0].Matter != "村集体冷库建设项目立项" {
		t.Fatalf("saved %+v", list)
	}
}

// Typing in the work log and then leaving 村务 or closing the window asks first; 不保存 on the
// way to another tab forgets the typing, so coming back shows the day as stored.
func TestAffairsLeavingAndClosingAskAboutTheWorkLog(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	w := worklogOf(t, m)
	a := screenOf[*affairsView](t, m, affairsTitle)
	test.Tap(cellOf(t, w, data.MonthPeriod(w.year, w.month).From))
	test.Type(w.form.work, "走访脱贫户")

	m.Select(projectsAt)
	if !strings.Contains(dialogText(m), "不保存") || m.Current() == projectsAt {
		t.Fatalf("leaving 村务: screen %d, dialog %q", m.Current(), dialogText(m))
	}
	tapDialogButton(t, m, "继续编辑")
	m.requestClose()
	if !strings.Contains(dialogText(m), "不保存") {
		t.Fatalf("closing the window: dialog %q", dialogText(m))
	}
	tapDialogButton(t, m, "继续编辑")
	if w.form.work.Text != "走访脱贫户" {
		t.Fatalf("the typing became %q", w.form.work.Text)
	}

	a.tabs.SelectIndex(affairsTabOf(t, a, "揭榜挂帅"))
	tapDialogButton(t, m, "不保存")
	a.tabs.SelectIndex(affairsTabOf(t, a, "工作日志"))
	if w.form.work.Text != "" || dialogText(m) != "" {
		t.Fatalf("after 不保存 the log shows %q, dialog %q", w.form.work.Text, dialogText(m))
	}
}

// Links into 村务 show the right tab whichever tab was last shown: a project's 打开决策 opens
// 四议两公开 on its decision, 首页's 揭榜挂帅 item opens its page, 首页's 工作日志 the calendar.
func TestLinksOpenTheRightAffairsTab(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	pr := seedProject(t, st, "村集体冷库", vil.ID, 0)
	d := seedDecision(t, st, vil.ID, "村集体冷库立项")
	d.ProjectID = pr.ID
	noErr(t, st.SaveDecision(d))
	today := data.Today()
	task := &data.Task{VillageID: vil.ID, Title: "冷库年内验收", Poster: data.PosterTown, TakenOn: today.AddDays(-10),
		Deadline: today.AddDays(60), Status: data.TaskOpen}
	noErr(t, st.SaveTask(task))
	a := screenOf[*affairsView](t, m, affairsTitle)
	tv := tasksOf(t, m)
	tv.open(task.ID)

	pv := projectsOf(t, m)
	pv.open(pr.ID)
	test.Tap(pv.page.decision.btn)
	dv := decisionsOf(t, m)
	if m.Current() != screenIndex(affairsTitle) || a.tabs.SelectedIndex() != affairsTabOf(t, a, "四议两公开") ||
		dv.page == nil || dv.page.d.ID != d.ID {
		t.Fatalf("打开决策: screen %d, tab %d, page %v", m.Current(), a.tabs.SelectedIndex(), dv.page != nil)
	}

	h := homeOf(t, m)
	m.Select(homeAt)
	test.Tap(findButton(t, h.tasks.rows, "冷库年内验收"))
	if m.Current() != screenIndex(affairsTitle) || a.tabs.SelectedIndex() != affairsTabOf(t, a, "揭榜挂帅") ||
		tv.page == nil || tv.page.page.Title() != "冷库年内验收" {
		t.Fatalf("首页's item: screen %d, tab %d", m.Current(), a.tabs.SelectedIndex())
	}
	m.Select(homeAt)
	test.Tap(findButton(t, h.content, "工作日志"))
	if m.Current() != screenIndex(affairsTitle) || a.tabs.SelectedIndex() != affairsTabOf(t, a, "工作日志") {
		t.Fatalf("首页's 工作日志: screen %d, tab %d", m.Current(), a.tabs.SelectedIndex())
	}
}

// Ctrl+N, Esc, Delete and Ctrl+Z act on the tab that shows: on 工作日志 they open, delete and
// restore the day, not a decision or an item hidden behind another tab.
func TestAffairsKeysActOnTheVisibleTab(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	dv := decisionsOf(t, m)
	tv := tasksOf(t, m)
	w := worklogOf(t, m)
	press(t, m, fyne.KeyN)
	if dv.page != nil || tv.page != nil || m.Env.Win.Canvas().Focused() != w.form.date {
		t.Fatalf("Ctrl+N on 工作日志: decision page %v, item page %v, focus %T", dv.page != nil, tv.page != nil, m.Env.Win.Canvas().Focused())
	}
	tasksOf(t, m)
	press(t, m, fyne.KeyN)
	if tv.page == nil || dv.page != nil {
		t.Fatalf("Ctrl+N on 揭榜挂帅: item page %v, decision page %v", tv.page != nil, dv.page != nil)
	}
	pressKey(m, fyne.KeyEscape)
	if tv.page != nil {
		t.Fatal("Esc left the new item's page open")
	}

	// Delete and Ctrl+Z on 工作日志 delete and restore the day, not the decision open behind it.
	today := data.Today()
	d := seedDecision(t, st, vil.ID, "机动地发包")
	noErr(t, st.SaveWorkDay(&data.WorkDay{VillageID: vil.ID, Date: today, Presence: data.PresenceIn}))
	showAffairs(m.Env, func(v *decisionsView) { v.open(d.ID) })
	w = worklogOf(t, m)
	w.openDay(today)
	pressKey(m, fyne.KeyDelete)
	if !strings.Contains(dialogText(m), "工作日志") {
		t.Fatalf("Delete on 工作日志 asks %q", dialogText(m))
	}
	tapDialogButton(t, m, "删除")
	if x, _ := st.WorkDayOn(vil.ID, today); x != nil {
		t.Fatal("the day was not deleted")
	}
	press(t, m, fyne.KeyZ)
	if x, _ := st.WorkDayOn(vil.ID, today); x == nil {
		t.Fatal("Ctrl+Z did not restore the day")
	}
	if _, err := st.GetDecision(d.ID); err != nil || dv.page == nil || dv.page.d.ID != d.ID {
		t.Fatalf("the decision behind: %v, page %v", err, dv.page != nil)
	}
}

// In English a month with one day in the village and one household reads without "1 days" or
// "1 households", on 首页 and over the calendar.
func TestEnglishWorkLogCountsOfOne(t *testing.T) {
	m, st := englishWindow(t)
	v := seedVillage(t, st, "东泉村")
	today := data.Today()
	noErr(t, st.SaveWorkDay(&data.WorkDay{VillageID: v.ID, Date: today, Presence: data.PresenceIn,
		Visits: []data.WorkVisit{{Name: "张建国"}}}))
	plural := regexp.MustCompile(`\b1 (days|households|visits)\b`)
	m.Select(homeAt)
	if got := homeOf(t, m).workText.Text; plural.MatchString(got) || !strings.Contains(got, "1") {
		t.Errorf("首页 says %q", got)
	}
	w := worklogOf(t, m)
	for _, got := range []string{w.counts.Text, w.yearCounts.Text} {
		if plural.MatchString(got) {
			t.Errorf("the calendar says %q", got)
		}
	}
}

// shownTextsOf is every text drawn under o, skipping what is hidden (another tab, a closed page).
func shownTextsOf(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch c := o.(type) {
		case *canvas.Text:
			if strings.TrimSpace(c.Text) != "" {
				out = append(out, c.Text)
			}
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child)
			}
		}
	}
	walk(o)
	return out
}

// In English, 村务's three tabs (their registers, a decision's page and step dialog, an item's
// page, the day's form) and 首页 show no Chinese but the records' own names.
func TestEnglishAffairsShowNoChinese(t *testing.T) {
	m, st := englishWindow(t)
	m.Env.Win.Resize(fyne.NewSize(1366, 768))
	vil := &data.Village{Name: "Dongquan", Town: "Zhonggong", County: "Licheng"}
	noErr(t, st.SaveVillage(vil))
	pr := &data.Project{Name: "Cold store", Type: "产业发展", VillageIDs: []int64{vil.ID}, YearStarted: data.Today().Year(), Households: 10}
	noErr(t, st.SaveProject(pr))
	d := &data.Decision{VillageID: vil.ID, Matter: "Cold store approval", Kind: "项目立项", Source: "党员群众建议", ProjectID: pr.ID}
	noErr(t, st.SaveDecision(d))
	noErr(t, st.SaveDecisionStep(&data.DecisionStep{DecisionID: d.ID, Step: data.StepPropose, Date: data.MustDate(2025, 4, 1),
		Form: "Meeting", Place: "Office", Expected: 5, Present: 2, For: 2}))
	today := data.Today()
	task := &data.Task{VillageID: vil.ID, Title: "Build the store", Poster: data.PosterTown, TakenOn: today.AddDays(-100),
		Deadline: today.AddDays(-3), Status: data.TaskOpen, Progress: 50}
	noErr(t, st.SaveTask(task))
	noErr(t, st.AddTaskLink(&data.TaskLink{TaskID: task.ID, ProjectID: pr.ID}))
	noErr(t, st.SaveWorkDay(&data.WorkDay{VillageID: vil.ID, Date: today, Presence: data.PresenceIn, Work: "Visits",
		Visits: []data.WorkVisit{{Name: "Zhang"}}, Issues: []data.WorkIssue{{Problem: "Ditch", How: "Cleared", Solved: true}}}))

	han := regexp.MustCompile(`\p{Han}`)
	check := func(where string, o fyne.CanvasObject) {
		t.Helper()
		for _, s := range shownTextsOf(o) {
			if han.MatchString(s) {
				t.Errorf("%s shows %q", where, s)
			}
		}
	}
	m.Select(homeAt)
	check("Home", m.View(homeAt).Content)

	a := screenOf[*affairsView](t, m, affairsTitle)
	dv := decisionsOf(t, m)
	a.tabs.SelectIndex(0)
	check("the decisions' register", m.View(m.Current()).Content)
	dv.open(d.ID)
	check("a decision's page", m.View(m.Current()).Content)
	dv.page.page.Tabs.SelectIndex(1)
	check("a decision's steps", m.View(m.Current()).Content)
	press(t, m, fyne.KeyN)
	check("the step dialog", m.Env.Win.Canvas().Overlays().Top())
	pressKey(m, fyne.KeyEscape)

	w := worklogOf(t, m)
	w.openDay(today)
	check("the work log", m.View(m.Current()).Content)

	tv := tasksOf(t, m)
	check("the tasks' register", m.View(m.Current()).Content)
	tv.open(task.ID)
	check("an item's page", m.View(m.Current()).Content)
	for i := range tv.page.page.Tabs.Items {
		tv.page.page.Tabs.SelectIndex(i)
		check("an item's page, tab "+tv.page.page.Tabs.Items[i].Text, m.View(m.Current()).Content)
	}
}

// In English every screen, and every tab of those made of tabs, lets the window shrink to fit a
// 1024×600 screen less its frame and a taskbar: no filter bar or tab strip holds it wider.
func TestEveryScreenFitsASmallScreenInEnglish(t *testing.T) {
	m, _ := englishWindow(t)
	fits := func(where string) {
		t.Helper()
		if min := m.Env.Win.Content().MinSize(); min.Width > 1024-frameWidth || min.Height > 600-frameHeight-32 {
			t.Errorf("%s: the window cannot get smaller than %v", where, min)
		}
	}
	for i := range m.Tabs.Items {
		m.Select(i)
		fits(m.Tabs.Items[i].Text)
	}
	for _, tabs := range []*container.AppTabs{screenOf[*sanziView](t, m, sanziTitle).tabs,
		screenOf[*affairsView](t, m, affairsTitle).tabs, reportsOf(t, m).tabs} {
		for i, tab := range tabs.Items {
			tabs.SelectIndex(i)
			fits(tab.Text)
		}
	}
}

// 首页's open 榜单 items line their progress bars up, whatever the width of "逾期 N 天" beside them.
func TestHomeTaskBarsLineUp(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	today := data.Today()
	for _, x := range []*data.Task{
		{VillageID: vil.ID, Title: "建成电商服务站", Poster: data.PosterCity, TakenOn: today.AddDays(-100), Deadline: today.AddDays(-12), Status: data.TaskOpen},
		{VillageID: vil.ID, Title: "冷库年内验收", Poster: data.PosterTown, TakenOn: today.AddDays(-10), Deadline: today.AddDays(5), Status: data.TaskOpen},
	} {
		noErr(t, st.SaveTask(x))
	}
	m.Select(homeAt)
	h := homeOf(t, m)
	var xs []float32
	kittest.Walk(h.tasks.rows, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.ProgressBar); ok {
			xs = append(xs, fyne.CurrentApp().Driver().AbsolutePositionForObject(b).X)
		}
	})
	if len(xs) != 2 || xs[0] != xs[1] {
		t.Fatalf("the bars start at %v", xs)
	}
}
