package app

import (
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/app/kit/kittest"
	"cunji/data"
)

// newTestWindow opens a real database file and builds the main window on Fyne's test driver. Its
// background work runs at once on the test's goroutine (see kittest.Runner; runner reaches it).
func newTestWindow(t *testing.T) (*MainWindow, *data.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	if err := SetupLanguage(LangChinese); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(filepath.Join(t.TempDir(), "cunji.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m := NewMainWindow(a, st, "test", &kittest.Runner{})
	m.Env.Win.Show()
	t.Cleanup(m.Env.Win.Close)
	return m, st
}

// runner is the test runner doing m's background work.
func runner(m *MainWindow) *kittest.Runner { return m.Env.Run.(*kittest.Runner) }

// The screens' places in the rail, looked up in screens() by title.
var (
	homeAt     = screenIndex("首页")
	projectsAt = screenIndex("帮扶项目")
	salesAt    = screenIndex("助农销售")
	incomeAt   = screenIndex("集体收入")
	reportsAt  = screenIndex("报表")
	settingsAt = screenIndex("设置")
)

// screenIndex is the place of the screen titled title in the rail.
func screenIndex(title string) int {
	for i, d := range screens() {
		if d.title == title {
			return i
		}
	}
	panic("no screen " + title)
}

// screenOf shows the screen titled title and returns its state.
func screenOf[T any](t *testing.T, m *MainWindow, title string) T {
	t.Helper()
	i := screenIndex(title)
	m.Select(i)
	v, ok := kit.ViewOf[T](m.View(i).Content)
	if !ok {
		t.Fatalf("%s is a %T", title, m.View(i).Content)
	}
	return v
}

// windowShortcut types s into the window with nothing focused, as the desktop driver delivers it.
func windowShortcut(t *testing.T, c fyne.Canvas, s fyne.Shortcut) {
	t.Helper()
	if !kit.TypeWindowShortcut(c, s) {
		t.Fatal("the window has no shortcuts")
	}
}

// tableRow is the table's row showing data row row (a totals row comes first).
func tableRow[T any](lt *kit.LedgerTable[T], row int) int {
	if lt.Totals() != nil {
		return row + 1
	}
	return row
}

// isModal reads whether the PopUp inside an overlay is modal, which Fyne keeps unexported: the
// tests count dialogs without asking the window's own record of them.
func isModal(o fyne.CanvasObject) bool {
	for i := 0; i < 4 && o != nil; i++ {
		if p, ok := o.(*widget.PopUp); ok {
			f := reflect.ValueOf(p).Elem().FieldByName("modal")
			return f.IsValid() && f.Kind() == reflect.Bool && f.Bool()
		}
		v := reflect.ValueOf(o)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return false
		}
		f := v.Elem().FieldByName("Content")
		if !f.IsValid() || !f.CanInterface() {
			return false
		}
		o, _ = f.Interface().(fyne.CanvasObject)
	}
	return false
}

func TestMainWindowBuildsWithChineseTitleAndItsScreens(t *testing.T) {
	m, _ := newTestWindow(t)
	if got := m.Env.Win.Title(); got != "村记 · 第一书记工作台账" {
		t.Fatalf("title %q", got)
	}
	want := []string{"首页", "帮扶项目", "助农销售", "集体收入", "三资", "村务", "报表", "操作日志", "设置"}
	if len(m.Tabs.Items) != len(want) {
		t.Fatalf("%d tabs", len(m.Tabs.Items))
	}
	for i, w := range want {
		if m.Tabs.Items[i].Text != w {
			t.Errorf("tab %d is %q, want %q", i, m.Tabs.Items[i].Text, w)
		}
	}
	min := m.Env.Win.Content().MinSize()
	if min.Width < minWidth || min.Height < minHeight {
		t.Fatalf("minimum size %v", min)
	}
}

func TestEachNavigationEntryShowsItsScreen(t *testing.T) {
	m, _ := newTestWindow(t)
	for i := range m.Tabs.Items {
		m.Select(i)
		if m.Tabs.SelectedIndex() != i || m.Current() != i {
			t.Fatalf("select %d: tabs at %d, current %d", i, m.Tabs.SelectedIndex(), m.Current())
		}
		if m.Tabs.Selected().Content != m.View(i).Content {
			t.Fatalf("screen %d shows another screen's content", i)
		}
		if !m.View(i).Content.Visible() {
			t.Fatalf("screen %d not visible", i)
		}
	}
}

func TestCtrlDigitShortcutsSwitchScreens(t *testing.T) {
	m, _ := newTestWindow(t)
	n := digitScreens()
	sc := func(s fyne.Shortcut) { windowShortcut(t, m.Env.Win.Canvas(), s) }
	for j := range n {
		i := (j*(n-1) + n/2) % n // every screen once, not in order
		sc(&desktop.CustomShortcut{KeyName: fyne.KeyName(strconv.Itoa(i + 1)), Modifier: fyne.KeyModifierShortcutDefault})
		if m.Tabs.SelectedIndex() != i {
			t.Fatalf("Ctrl+%d: screen %d shown", i+1, m.Tabs.SelectedIndex())
		}
	}
	// The help in 设置 names the same range.
	m.Select(settingsAt)
	if want := "快捷键：Ctrl+1 至 Ctrl+" + strconv.Itoa(n) + " 切换页面"; !strings.Contains(labelsText(m.View(settingsAt).Content), want) {
		t.Errorf("设置 does not say %q", want)
	}
}

// Only 首页 is built with the window; every other screen is built, and reads its ledger, the
// first time it is shown, so a large ledger does not hold up the window.
func TestScreensAreBuiltWhenFirstShown(t *testing.T) {
	m, st := newTestWindow(t)
	seedLedger(t, st, data.Today().Year())
	for i := 1; i < len(screens()); i++ {
		if m.views[i] != nil {
			t.Errorf("screen %d was built with the window", i)
		}
	}
	pv := screenOf[*projectsView](t, m, "帮扶项目")
	if pv.table.Rows() != 1 || m.Tabs.Selected().Content != m.View(m.Current()).Content {
		t.Fatalf("帮扶项目 first shown: %d rows", pv.table.Rows())
	}
}

func TestActionsReachTheVisibleScreen(t *testing.T) {
	m, _ := newTestWindow(t)
	var got []kit.Action
	m.View(salesAt).OnAction = func(a kit.Action) { got = append(got, a) }
	m.Select(salesAt)
	sc := func(s fyne.Shortcut) { windowShortcut(t, m.Env.Win.Canvas(), s) }
	sc(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	sc(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault})
	m.Env.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	sc(&fyne.ShortcutUndo{}) // the desktop driver's Ctrl+Z
	if len(got) != 4 || got[0] != kit.ActionNew || got[1] != kit.ActionSave || got[2] != kit.ActionCancel || got[3] != kit.ActionUndo {
		t.Fatalf("actions %v", got)
	}
}

func TestCanLeaveKeepsScreenUntilItAgrees(t *testing.T) {
	m, _ := newTestWindow(t)
	var proceed func()
	m.View(projectsAt).CanLeave = func(p func()) { proceed = p }
	m.Select(projectsAt)
	m.Select(incomeAt)
	if m.Tabs.SelectedIndex() != 1 || proceed == nil {
		t.Fatalf("left a screen with unsaved work: at %d", m.Tabs.SelectedIndex())
	}
	proceed()
	if m.Tabs.SelectedIndex() != 3 {
		t.Fatalf("after agreeing: at %d", m.Tabs.SelectedIndex())
	}
}

func TestLanguageSettingRoundTrips(t *testing.T) {
	m, _ := newTestWindow(t)
	t.Cleanup(func() { SetupLanguage(LangChinese) })
	m.Select(settingsAt)
	sel := findSelect(t, m.View(settingsAt).Content)
	sel.SetSelectedIndex(1) // English
	if got := m.Env.App.Preferences().String(PrefLanguage); got != LangEnglish {
		t.Fatalf("preference %q", got)
	}
	// On restart the preference is applied.
	if err := SetupLanguage(m.Env.App.Preferences().String(PrefLanguage)); err != nil {
		t.Fatal(err)
	}
	if got := lang.L("帮扶项目"); got != "Projects" {
		t.Fatalf("English lookup %q", got)
	}
	m2 := NewMainWindow(m.Env.App, m.Env.Store, "test", &kittest.Runner{})
	if m2.Tabs.Items[1].Text != "Projects" || m2.Env.Win.Title() != "Cunji · First Secretary's Ledger" {
		t.Fatalf("English window: %q %q", m2.Tabs.Items[1].Text, m2.Env.Win.Title())
	}
	findSelect(t, m2.View(settingsAt).Content).SetSelectedIndex(0)
	if err := SetupLanguage(m.Env.App.Preferences().String(PrefLanguage)); err != nil {
		t.Fatal(err)
	}
	if got := lang.L("帮扶项目"); got != "帮扶项目" {
		t.Fatalf("back to Chinese: %q", got)
	}
}

func findSelect(t *testing.T, o fyne.CanvasObject) *kit.Select {
	t.Helper()
	var found *kit.Select
	kittest.Walk(o, func(o fyne.CanvasObject) {
		if s, ok := o.(*kit.Select); ok && found == nil {
			found = s
		}
	})
	if found == nil {
		t.Fatal("no select on screen")
	}
	return found
}

func TestWindowSizeIsRememberedBetweenRuns(t *testing.T) {
	m, st := newTestWindow(t)
	m.Env.Win.Resize(fyne.NewSize(1300, 820))
	m.rememberSize()
	again := NewMainWindow(m.Env.App, st, "test", &kittest.Runner{})
	if got := again.Env.Win.Canvas().Size(); got.Width != 1300 || got.Height != 820 {
		t.Fatalf("second run opens at %v", got)
	}
	// A size below the minimum is never stored.
	m.Env.Win.Resize(fyne.NewSize(500, 300))
	m.rememberSize()
	if w := m.Env.App.Preferences().Float(prefWidth); w != 1300 {
		t.Fatalf("stored width %v", w)
	}
}

func TestDialogsDoNotStackAndEscKeepsEditing(t *testing.T) {
	m, _ := newTestWindow(t)
	left := false
	m.View(salesAt).CanLeave = func(proceed func()) {
		m.Env.Dialogs.AskLeave(func() bool { return false }, func() { left = true; proceed() })
	}
	cancels := 0
	m.View(salesAt).OnAction = func(a kit.Action) {
		if a == kit.ActionCancel {
			cancels++
		}
	}
	m.Select(salesAt)
	sc := func(s fyne.Shortcut) { windowShortcut(t, m.Env.Win.Canvas(), s) }
	sc(&desktop.CustomShortcut{KeyName: fyne.Key1, Modifier: fyne.KeyModifierShortcutDefault})
	overlays := m.Env.Win.Canvas().Overlays()
	if len(overlays.List()) != 1 {
		t.Fatalf("%d dialogs after Ctrl+1", len(overlays.List()))
	}
	// More shortcuts while the question is open do not stack more questions.
	sc(&desktop.CustomShortcut{KeyName: fyne.Key4, Modifier: fyne.KeyModifierShortcutDefault})
	sc(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	if len(overlays.List()) != 1 {
		t.Fatalf("%d dialogs after more shortcuts", len(overlays.List()))
	}
	m.requestClose() // a second close request while the question is open adds nothing
	if len(overlays.List()) != 1 {
		t.Fatalf("%d dialogs after a close request", len(overlays.List()))
	}
	m.Env.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(overlays.List()) != 0 || left || m.Current() != salesAt || cancels != 0 {
		t.Fatalf("Esc: %d dialogs, left=%v, screen %d, cancels %d", len(overlays.List()), left, m.Current(), cancels)
	}
}

func TestClosingTheWindowAsksAboutUnsavedWork(t *testing.T) {
	m, _ := newTestWindow(t)
	asked := false
	m.View(incomeAt).CanLeave = func(func()) { asked = true } // never agrees
	m.Select(incomeAt)
	m.requestClose() // what the window's × runs
	if !asked {
		t.Fatal("window closed without asking the screen with unsaved work")
	}
}

func TestEscPressesAPlainCancelButton(t *testing.T) {
	m, _ := newTestWindow(t)
	cancelled, saved := false, false
	content := container.NewVBox(widget.NewLabel("x"))
	d := dialog.NewCustomWithoutButtons("问题", content, m.Env.Win)
	cancel := widget.NewButton(lang.L("Cancel"), func() { cancelled = true; d.Hide() })
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("保存"), func() { saved = true; d.Hide() }), cancel})
	m.Env.Dialogs.Show(d, cancel.OnTapped)
	m.Env.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !cancelled || saved || len(m.Env.Win.Canvas().Overlays().List()) != 0 || m.Env.Dialogs.Open() {
		t.Fatalf("cancelled %v saved %v, still open %v", cancelled, saved, m.Env.Dialogs.Open())
	}
	// A dialog without a cancel button stays; another overlay above a dialog keeps Esc from it.
	info := dialog.NewCustom("问题", lang.L("OK"), widget.NewLabel("x"), m.Env.Win)
	m.Env.Dialogs.Show(info, nil)
	m.Env.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !m.Env.Dialogs.Open() {
		t.Fatal("Esc closed a dialog without a cancel button")
	}
	info.Hide()
	m.Env.Dialogs.ConfirmDelete("x", func() { saved = true })
	widget.NewPopUp(widget.NewLabel("drop-down"), m.Env.Win.Canvas()).Show()
	m.Env.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !m.Env.Dialogs.Open() || saved {
		t.Fatal("Esc reached the dialog under a drop-down")
	}
}
