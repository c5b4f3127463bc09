package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit/kittest"
	"cunji/data"
)

// Ctrl+S on 报表 opens the save dialog once: pressed again while it (or another dialog) is open it
// stacks nothing.
func TestReportsCtrlSDoesNotStackSaveDialogs(t *testing.T) {
	m, st := newTestWindow(t)
	seedLedger(t, st, data.Today().Year())
	reportsOf(t, m)
	m.Env.App.Preferences().SetString(prefSaveDir, t.TempDir())
	overlays := m.Env.Win.Canvas().Overlays()
	press(t, m, fyne.KeyS)
	if len(overlays.List()) != 1 {
		t.Fatalf("%d dialogs after Ctrl+S", len(overlays.List()))
	}
	press(t, m, fyne.KeyS)
	press(t, m, fyne.KeyS)
	if len(overlays.List()) != 1 {
		t.Fatalf("%d dialogs after Ctrl+S again", len(overlays.List()))
	}
}

// Ctrl+S behind an open question (here: the unsaved-changes question of the income form) neither
// saves the form behind it nor adds a dialog.
func TestIncomeCtrlSBehindADialogDoesNothing(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	v := incomeOf(t, m)
	press(t, m, fyne.KeyN)
	f := v.form
	f.direction.SetSelected(f.direction.Options[0])
	f.category.SetSelected(f.category.Options[0])
	test.Type(f.subItem, "土地流转费")
	test.Type(f.amount, "100")
	m.Select(projectsAt) // asks about the typed entry
	if n := modalCount(m); n != 1 {
		t.Fatalf("%d dialogs on leaving", n)
	}
	press(t, m, fyne.KeyS)
	if n := modalCount(m); n != 1 {
		t.Fatalf("%d dialogs after Ctrl+S", n)
	}
	if n, err := st.CountEntries(data.EntryFilter{}); err != nil || n != 0 {
		t.Fatalf("saved behind the question: %d, %v", n, err)
	}
}

// modalCount is the number of dialogs open (suggestion pop-ups not counted).
func modalCount(m *MainWindow) int {
	n := 0
	for _, o := range m.Env.Win.Canvas().Overlays().List() {
		if isModal(o) {
			n++
		}
	}
	return n
}

// In the unsaved-changes question the first Tab lands on 继续编辑, so Tab then Space keeps the work.
func TestLeaveQuestionFocusesKeepEditingFirst(t *testing.T) {
	m, _ := newTestWindow(t)
	left := false
	m.Env.Dialogs.AskLeave(func() bool { return false }, func() { left = true })
	c := m.Env.Win.Canvas()
	kittest.Press(c, fyne.KeyTab)
	b, ok := c.Focused().(*widget.Button)
	if !ok || b.Text != "继续编辑" {
		t.Fatalf("first Tab focuses %T %v", c.Focused(), c.Focused())
	}
	kittest.Press(c, fyne.KeySpace)
	if left || modalCount(m) != 0 {
		t.Fatalf("Tab+Space: left %v, %d dialogs", left, modalCount(m))
	}
}
