package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

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
