package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit/kittest"
	"cunji/data"
)

func tasksOf(t *testing.T, m *MainWindow) *tasksView {
	t.Helper()
	a := screenOf[*affairsView](t, m, affairsTitle)
	for i, p := range a.parts {
		if v, ok := p.(*tasksView); ok {
			a.tabs.SelectIndex(i)
			return v
		}
	}
	t.Fatal("村务 has no 揭榜挂帅 tab")
	return nil
}

// An item typed from the keyboard is checked as typed, saved with Ctrl+S, measured by the project
// linked to it (its progress bar), and the link's removal and the item's deletion undo with Ctrl+Z.
func TestTaskTypedLinkedAndUndone(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	project := &data.Project{Name: "村集体冷库", Type: "产业发展", VillageIDs: []int64{vil.ID}, YearStarted: data.Today().Year(), Households: 40}
	noErr(t, st.SaveProject(project))
	v := tasksOf(t, m)
	c := m.Env.Win.Canvas()
	press(t, m, fyne.KeyN)
	p := v.page
	if p == nil || c.Focused() != p.title {
		t.Fatalf("Ctrl+N: page %v, focus %T", p != nil, c.Focused())
	}
	kittest.Type(t, c, "带动农户增收")
	p.kind.SetSelected("带动户数")
	if shown := shownTexts(p.targetBox); len(shown) != 1 || shown[0] != "户" {
		t.Fatalf("the target for 带动户数 shows %q", shown)
	}
	press(t, m, fyne.KeyS) // no number yet: refused, the field says why
	if n, _ := st.CountTasks(data.TaskFilter{}); n != 0 {
		t.Fatalf("saved without a target: %d", n)
	}
	if got := p.households.Hint.Error(); !strings.Contains(got, "目标数值") {
		t.Fatalf("target hint %q", got)
	}
	test.Type(p.households, "100")
	retype(p.deadline, data.Today().AddDays(20).String())
	press(t, m, fyne.KeyS)
	rows, err := st.ListTasks(data.TaskFilter{}, 0, 10)
	noErr(t, err)
	if len(rows) != 1 || rows[0].TargetKind != data.TargetHouseholds || rows[0].TargetValue != 100 || rows[0].Poster != data.PosterTown ||
		rows[0].VillageID != vil.ID || rows[0].Status != data.TaskOpen {
		t.Fatalf("saved %+v", rows)
	}
	if p.page.Tabs.SelectedIndex() != 1 || p.page.Title() != "带动农户增收" {
		t.Fatalf("after saving: tab %d, title %q", p.page.Tabs.SelectedIndex(), p.page.Title())
	}
	if !strings.Contains(p.page.Warnings(), "还剩 20 天") {
		t.Fatalf("warnings %q", p.page.Warnings())
	}

	l := p.links
	l.kind.SetSelected("项目")
	l.choice.SetValue(idValue(project.ID))
	l.enable()
	test.Tap(l.add)
	if l.Rows() != 1 || p.bar.Value != 0.4 || p.barText.Text != "40 / 100 户" {
		t.Fatalf("after linking: %d links, bar %v %q", l.Rows(), p.bar.Value, p.barText.Text)
	}
	l.unlink(l.rows[0])
	if l.Rows() != 0 || p.bar.Value != 0 {
		t.Fatalf("after unlinking: %d links, bar %v", l.Rows(), p.bar.Value)
	}
	press(t, m, fyne.KeyZ)
	if l.Rows() != 1 || p.bar.Value != 0.4 {
		t.Fatalf("Ctrl+Z: %d links, bar %v", l.Rows(), p.bar.Value)
	}

	test.Tap(findButton(t, l.list, "打开"))
	if m.Current() != projectsAt || projectsOf(t, m).page == nil || projectsOf(t, m).page.id() != project.ID {
		t.Fatalf("打开 shows screen %d", m.Current())
	}
	v = tasksOf(t, m)
	pressKey(m, fyne.KeyEscape) // nothing unsaved: back to the list
	if v.page != nil || v.reg.Table.Rows() != 1 {
		t.Fatalf("Esc: page %v, %d rows", v.page != nil, v.reg.Table.Rows())
	}
	if got := v.reg.Table.CellText(0, 3); got != "40%" {
		t.Fatalf("progress cell %q", got)
	}
	if got := v.reg.Table.CellText(0, 6); got != "还剩 20 天" {
		t.Fatalf("days left cell %q", got)
	}
	v.open(rows[0].ID)
	p = v.page
	p.stat.SetSelected("已完成") // the closing is dated today unless typed
	if got, _ := p.closedOn.Parsed(); got != data.Today() {
		t.Fatalf("办结日期 %v after 已完成", got)
	}
	press(t, m, fyne.KeyS)
	if x, _ := st.GetTask(rows[0].ID); x.Status != data.TaskDone || x.ClosedOn != data.Today() {
		t.Fatalf("closed %+v", x)
	}
	pressKey(m, fyne.KeyDelete)
	tapDialogButton(t, m, "删除")
	if n, _ := st.CountTasks(data.TaskFilter{}); n != 0 || v.page != nil {
		t.Fatalf("after deleting: %d items, page %v", n, v.page != nil)
	}
	press(t, m, fyne.KeyZ)
	if n, _ := st.CountTasks(data.TaskFilter{}); n != 1 {
		t.Fatalf("Ctrl+Z brought back %d items", n)
	}
}

// An item past its deadline reads 逾期 in red in the register, on its page and on 首页, which lists
// the open items, overdue first.
func TestOverdueTaskStandsOut(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	today := data.Today()
	late := &data.Task{VillageID: vil.ID, Title: "建成电商服务站", Poster: data.PosterCity, TakenOn: today.AddDays(-100),
		Deadline: today.AddDays(-3), Status: data.TaskOpen, Progress: 80}
	open := &data.Task{VillageID: vil.ID, Title: "冷库年内验收", Poster: data.PosterTown, TakenOn: today.AddDays(-10),
		Deadline: today.AddDays(60), Status: data.TaskOpen}
	done := &data.Task{VillageID: vil.ID, Title: "修好生产路", Poster: data.PosterTown, TakenOn: today.AddDays(-10),
		Deadline: today.AddDays(-5), Status: data.TaskDone, ClosedOn: today.AddDays(-6)}
	for _, x := range []*data.Task{open, late, done} {
		noErr(t, st.SaveTask(x))
	}
	m.Select(homeAt)
	h := screenOf[*homeView](t, m, "首页")
	if !h.tasks.content.Visible() || len(h.tasks.rows.Objects) != 2 {
		t.Fatalf("首页 lists %d open items (shown %v)", len(h.tasks.rows.Objects), h.tasks.content.Visible())
	}
	var first *widget.Label
	kittest.Walk(h.tasks.rows.Objects[0], func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && first == nil && strings.Contains(l.Text, "天") {
			first = l
		}
	})
	if first == nil || first.Text != "逾期 3 天" || first.Importance != widget.DangerImportance {
		t.Fatalf("the overdue item on 首页: %+v", first)
	}
	findButton(t, h.tasks.rows.Objects[0], "建成电商服务站").OnTapped()
	v := tasksOf(t, m)
	if v.page == nil || v.page.t.ID != late.ID || !strings.Contains(v.page.page.Warnings(), "已逾期 3 天") {
		t.Fatalf("首页 opened %+v", v.page)
	}
	pressKey(m, fyne.KeyEscape)
	v.status.SetSelected("逾期")
	if v.reg.Table.Rows() != 1 || v.reg.Table.CellText(0, 7) != "逾期" || v.reg.Table.CellText(0, 3) != "80%" {
		t.Fatalf("overdue filter: %d rows, status %q", v.reg.Table.Rows(), v.reg.Table.CellText(0, 7))
	}
}
