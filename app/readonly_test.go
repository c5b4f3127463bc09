package app

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/app/kit/kittest"
	"cunji/data"
)

// markReadOnly marks m's window read-only as build does for a town database (Dialogs.ReadOnly)
// and builds 首页, already built, again. A real town needs packages, whose packing another
// branch is fixing; here the ledger to look at is seeded in a village database first.
func markReadOnly(m *MainWindow) {
	m.Env.Dialogs.ReadOnly = true
	m.views[homeAt] = nil
	m.View(homeAt)
}

// offered reports whether a shown, enabled button whose text starts with text is under o (o's
// own visibility aside: a tab's content is hidden while another tab shows).
func offered(o fyne.CanvasObject, text string) bool {
	return shownButton(o, func(b *widget.Button) bool { return strings.HasPrefix(b.Text, text) })
}

// shownButton reports whether a shown, enabled button under o matches.
func shownButton(o fyne.CanvasObject, match func(b *widget.Button) bool) bool {
	found := false
	var walk func(o fyne.CanvasObject, root bool)
	walk = func(o fyne.CanvasObject, root bool) {
		if found || !root && !o.Visible() {
			return
		}
		if b, ok := o.(*widget.Button); ok && match(b) && !b.Disabled() {
			found = true
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child, false)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child, false)
			}
		}
	}
	walk(o, true)
	return found
}

// noOffer fails for each button under o that offers to change data.
func noOffer(t *testing.T, where string, o fyne.CanvasObject, texts ...string) {
	t.Helper()
	for _, text := range texts {
		if offered(o, text) {
			t.Errorf("%s offers %q in a town database", where, text)
		}
	}
}

// thumbIn is the first photo thumbnail under o.
func thumbIn(t *testing.T, o fyne.CanvasObject) *kit.PhotoThumb {
	t.Helper()
	var thumb *kit.PhotoThumb
	kittest.Walk(o, func(o fyne.CanvasObject) {
		if x, ok := o.(*kit.PhotoThumb); ok && thumb == nil {
			thumb = x
		}
	})
	if thumb == nil {
		t.Fatal("no photo shown")
	}
	return thumb
}

// In a town database's window the screens outside the kit's registers offer nothing that
// changes data: 四议两公开's steps, step dialog and photos, 新增决策 on a project, 工作日志's day
// form and its 帮扶单位来访 ticks, 揭榜挂帅's links and photos, a unit's people sent and 关联往年销售,
// 经营性收入分档 and a 联建 project's 分成比例. Opening records, photos and 打印登记表 still work.
func TestTownWindowOffersNoChangesOnAnyScreen(t *testing.T) {
	m, st := ledgerTestWindow(t)
	year := data.Today().Year()
	bank, _, _ := partnerLedger(t, st, year)
	vils, err := st.Villages()
	noErr(t, err)
	east := vils[0]
	west := seedVillage(t, st, "西泉村")
	shared := &data.Project{Name: "联建光伏电站", Type: "产业发展", VillageIDs: []int64{east.ID, west.ID}, YearStarted: year,
		Shares: map[int64]int{east.ID: 6000, west.ID: 4000}}
	noErr(t, st.SaveProject(shared))
	d := seedDecision(t, st, east.ID, "村道路灯安装")
	steps, err := st.DecisionStepsOf(d.ID)
	noErr(t, err)
	noErr(t, st.AddStepFile(&data.StepFile{StepID: steps[0].ID, FileName: "签到表.png", Mime: "image/png", Data: pngBytes(t)}))
	day := &data.WorkDay{VillageID: east.ID, Date: data.Today(), Presence: data.PresenceIn, Work: "走访农户", PartnerIDs: []int64{bank.ID}}
	noErr(t, st.SaveWorkDay(day))
	noErr(t, st.AddWorkFile(&data.WorkFile{DayID: day.ID, FileName: "走访.png", Mime: "image/png", Data: pngBytes(t)}))
	task := &data.Task{VillageID: east.ID, Title: "冷库年内验收", Poster: data.PosterTown, TakenOn: data.Today().AddDays(-10),
		Deadline: data.Today().AddDays(60), Status: data.TaskOpen}
	noErr(t, st.SaveTask(task))
	noErr(t, st.AddTaskLink(&data.TaskLink{TaskID: task.ID, ProjectID: shared.ID}))
	noErr(t, st.AddTaskFile(&data.TaskFile{TaskID: task.ID, FileName: "验收.png", Mime: "image/png", Data: pngBytes(t)}))
	noErr(t, st.SavePartnerStaff(&data.PartnerStaff{PartnerID: bank.ID, VillageID: east.ID, DateFrom: data.MustDate(year, 1, 1), People: 2}))
	markReadOnly(m)

	// 四议两公开: the step dialog opens to read, the photo to look at, the sheet prints.
	v := decisionsOf(t, m)
	v.printDir = t.TempDir()
	v.open(d.ID)
	noOffer(t, "the decision's page", v.page.page.Content(), "保存", "取消", "删除决策事项")
	s := v.page.steps
	v.page.page.Tabs.SelectIndex(1)
	noOffer(t, "四议两公开", s.content, "登记下一步")
	s.table.Table.Select(widget.TableCellID{Row: 0, Col: 0})
	top := m.Env.Win.Canvas().Overlays().Top()
	if top == nil || s.editing == nil {
		t.Fatal("the step did not open")
	}
	noOffer(t, "the step dialog", top, "删除这一步", "保存")
	m.Env.Dialogs.Cancel()
	noOffer(t, "a step's photos", s.photos.Content(), "添加照片")
	test.Tap(thumbIn(t, s.photos.Content()))
	if !m.Env.Dialogs.Open() {
		t.Fatal("the photo did not open")
	}
	noOffer(t, "the photo", m.Env.Win.Canvas().Overlays().Top(), "删除照片")
	m.Env.Dialogs.Cancel()
	tapButton(t, s.content, "打印登记表")
	if b, err := os.ReadFile(s.printed); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("打印登记表: %q %v", s.printed, err)
	}

	// A project without a decision names none and offers no 新增决策; its 分成比例 show, untypable.
	pv := projectsOf(t, m)
	pv.open(shared.ID)
	if pv.page == nil || pv.page.form.project.ID != shared.ID {
		t.Fatal("the project did not open")
	}
	noOffer(t, "the project's decision line", pv.page.decision.box, "新增决策")
	for id, e := range pv.page.form.shares.entries {
		if !e.Disabled() {
			t.Errorf("分成比例 of village %d can be typed", id)
		}
	}

	// 工作日志: the day opens with its ticks and photos, nothing to save or delete.
	w := worklogOf(t, m)
	other := data.MonthPeriod(w.year, w.month).From
	if other == day.Date {
		other = other.AddDays(1)
	}
	test.Tap(cellOf(t, w, other))
	if w.form.title.Text != "这一天没有工作日志" {
		t.Errorf("a day without an entry is titled %q", w.form.title.Text)
	}
	test.Tap(cellOf(t, w, day.Date))
	if w.form.day.ID != day.ID {
		t.Fatalf("the day did not open: %+v", w.form.day)
	}
	noOffer(t, "工作日志", w.form.content, "保存", "删除", "取消", "添加照片")
	if w.form.photos.Count() != 1 {
		t.Errorf("%d photos shown", w.form.photos.Count())
	}
	ticks := 0
	kittest.Walk(w.form.partners, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok {
			ticks++
			if !c.Disabled() {
				t.Errorf("帮扶单位来访 %q can be ticked", c.Text)
			}
		}
	})
	if ticks == 0 || len(w.form.partners.Selected()) != 1 {
		t.Errorf("帮扶单位来访: %d ticks, %v ticked", ticks, w.form.partners.Selected())
	}

	// 揭榜挂帅: the linked project opens; nothing links, unlinks or adds a photo.
	tv := tasksOf(t, m)
	tv.open(task.ID)
	p := tv.page
	if p == nil || p.links.Rows() != 1 {
		t.Fatal("the task or its link did not show")
	}
	noOffer(t, "揭榜挂帅's links", p.links.content, "关联", "取消关联")
	noOffer(t, "揭榜挂帅's photos", p.photos.Content(), "添加照片")
	if !offered(p.links.content, "打开") {
		t.Error("the linked project cannot be opened")
	}

	// 帮扶组团: the unit's figures show; no people sent are added or deleted, no sales linked.
	m.Env.Dialogs.Cancel()
	f := showPartnerFigures(m.Env, *bank)
	if len(f.staff.Objects) != 1 {
		t.Fatalf("%d people sent listed", len(f.staff.Objects))
	}
	noOffer(t, "the unit's figures", m.Env.Win.Canvas().Overlays().Top(), "登记派出人员", "关联往年销售", "删除")
	m.Env.Dialogs.Cancel()

	// 设置 › 经营性收入分档: the bands show, nothing saves.
	sv := screenOf[*settingsView](t, m, "设置")
	if !sv.bands.field.Disabled() || sv.bands.reset.Visible() {
		t.Errorf("分档: field disabled %v, 恢复默认 shown %v", sv.bands.field.Disabled(), sv.bands.reset.Visible())
	}
}

// The older ledgers' own buttons in a town database: a project's page (save, delete, funding,
// stages, notes, photos, distributions and each row's edit and delete), an income entry's form,
// a contract's 登记收款 and its schedule, a sale event and the seller catalog offer no change.
func TestTownWindowOffersNoChangesOnTheLedgers(t *testing.T) {
	m, st := ledgerTestWindow(t)
	year := data.Today().Year()
	partnerLedger(t, st, year)
	vils, err := st.Villages()
	noErr(t, err)
	east := vils[0]
	projects, err := st.ProjectChoices(0)
	noErr(t, err)
	pid := projects[0].ID
	noErr(t, st.SaveDisbursement(&data.Disbursement{ProjectID: pid, Date: data.MustDate(year, 1, 5), Amount: 100_000_00}))
	noErr(t, st.SaveStageChange(&data.StageChange{ProjectID: pid, Stage: data.Stages[0], Date: data.MustDate(year, 1, 2)}))
	noErr(t, st.SaveProgressNote(&data.ProgressNote{ProjectID: pid, Date: data.MustDate(year, 1, 6), Text: "开工"}))
	entry := &data.CollectiveEntry{Date: data.MustDate(year, 1, 8), VillageID: east.ID, Direction: data.DirectionIncome,
		Category: data.IncomeOperating, Amount: 5000_00}
	noErr(t, st.SaveEntry(entry))
	ct := seedContract(t, st, east.ID, "村集体机动地", 96000_00)
	events, err := st.EventChoices(east.ID, data.MustDate(year, 1, 1), data.MustDate(year, 12, 31), 0)
	noErr(t, err)
	markReadOnly(m)

	pv := projectsOf(t, m)
	pv.open(pid)
	pg := pv.page
	noOffer(t, "the project's page", pg.content, "保存", "取消", "删除项目")
	for _, tab := range []fyne.CanvasObject{pg.money.content, pg.progress.content, pg.asset.content} {
		noOffer(t, "a project's tab", tab, "添加资金来源", "登记拨付", "进入下一阶段", "登记其他阶段", "添加进展记录", "添加照片",
			"登记收益分配", "在资产台账中新增")
		if shownButton(tab, func(b *widget.Button) bool {
			return b.Icon != nil && (b.Icon.Name() == theme.DeleteIcon().Name() || b.Icon.Name() == theme.DocumentCreateIcon().Name())
		}) {
			t.Error("a project's row offers to edit or delete it in a town database")
		}
	}
	if len(pg.money.funding.Objects) == 0 || len(pg.progress.notes.Objects) == 0 {
		t.Error("the project's funding or notes do not show")
	}

	iv := incomeOf(t, m)
	rows, err := st.ListEntries(data.EntryFilter{}, 0, 10)
	noErr(t, err)
	iv.open(rows[0])
	if iv.form.entry.ID != entry.ID {
		t.Fatal("the entry did not open")
	}
	noOffer(t, "集体收入's form", iv.form.content, "保存", "取消", "删除")

	s := sanziOf(t, m)
	s.openContract(ct.ID)
	p := s.contracts.page
	p.page.Tabs.SelectIndex(1)
	noOffer(t, "租金与收款", p.rentTab.content, "登记收款")
	p.rentTab.schedule.Table.Select(widget.TableCellID{Row: 0, Col: 0})
	if m.Env.Dialogs.Open() {
		t.Errorf("a rent item opened a receipt to record: %q", dialogText(m))
		m.Env.Dialogs.Cancel()
	}

	sv := screenOf[*salesView](t, m, "助农销售")
	sv.events.open(events[0].ID)
	if !sv.events.editor.open() {
		t.Fatal("the sale event did not open")
	}
	noOffer(t, "a sale event", sv.events.editor.content, "保存", "删除")
	sv.tabs.SelectIndex(salesTabSellers)
	noOffer(t, "卖家", sv.sellers.content, "保存", "新建", "删除")
}
