package app

import (
	"path/filepath"
	"reflect"
	"testing"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// newTestWindow opens a real database file and builds the main window on Fyne's test driver.
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
	m := NewMainWindow(a, st, "test")
	m.Env.Win.Show()
	t.Cleanup(m.Env.Win.Close)
	return m, st
}

func TestMainWindowBuildsWithChineseTitleAndSixScreens(t *testing.T) {
	m, _ := newTestWindow(t)
	if got := m.Env.Win.Title(); got != "村记 · 第一书记工作台账" {
		t.Fatalf("title %q", got)
	}
	want := []string{"首页", "帮扶项目", "助农销售", "集体收入", "报表", "设置"}
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
		if m.Tabs.Selected().Content != m.Views[i].Content {
			t.Fatalf("screen %d shows another screen's content", i)
		}
		if !m.Views[i].Content.Visible() {
			t.Fatalf("screen %d not visible", i)
		}
	}
}

func TestCtrlDigitShortcutsSwitchScreens(t *testing.T) {
	m, _ := newTestWindow(t)
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6}
	sc := shortcutable(t, m.Env.Win.Canvas())
	for _, i := range []int{3, 1, 5, 0, 4, 2} {
		sc.TypedShortcut(&desktop.CustomShortcut{KeyName: keys[i], Modifier: fyne.KeyModifierShortcutDefault})
		if m.Tabs.SelectedIndex() != i {
			t.Fatalf("Ctrl+%d: screen %d shown", i+1, m.Tabs.SelectedIndex())
		}
	}
}

func TestActionsReachTheVisibleScreen(t *testing.T) {
	m, _ := newTestWindow(t)
	var got []Action
	m.Views[2].OnAction = func(a Action) { got = append(got, a) }
	m.Select(2)
	sc := shortcutable(t, m.Env.Win.Canvas())
	sc.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	sc.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault})
	m.Env.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	sc.TypedShortcut(&fyne.ShortcutUndo{}) // the desktop driver's Ctrl+Z
	if len(got) != 4 || got[0] != ActionNew || got[1] != ActionSave || got[2] != ActionCancel || got[3] != ActionUndo {
		t.Fatalf("actions %v", got)
	}
}

func TestCanLeaveKeepsScreenUntilItAgrees(t *testing.T) {
	m, _ := newTestWindow(t)
	var proceed func()
	m.Views[1].CanLeave = func(p func()) { proceed = p }
	m.Select(1)
	m.Select(3)
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
	m.Select(5)
	sel := findSelect(t, m.Views[5].Content)
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
	m2 := NewMainWindow(m.Env.App, m.Env.Store, "test")
	if m2.Tabs.Items[1].Text != "Projects" || m2.Env.Win.Title() != "Cunji · First Secretary's Ledger" {
		t.Fatalf("English window: %q %q", m2.Tabs.Items[1].Text, m2.Env.Win.Title())
	}
	findSelect(t, m2.Views[5].Content).SetSelectedIndex(0)
	if err := SetupLanguage(m.Env.App.Preferences().String(PrefLanguage)); err != nil {
		t.Fatal(err)
	}
	if got := lang.L("帮扶项目"); got != "帮扶项目" {
		t.Fatalf("back to Chinese: %q", got)
	}
}

func findSelect(t *testing.T, o fyne.CanvasObject) *selectField {
	t.Helper()
	var found *selectField
	walk(o, func(o fyne.CanvasObject) {
		if s, ok := o.(*selectField); ok && found == nil {
			found = s
		}
	})
	if found == nil {
		t.Fatal("no select on screen")
	}
	return found
}

// walk visits o and every object inside containers and widgets' renderers.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walk(child, fn)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			walk(child, fn)
		}
	}
}

// shortcutable reaches the canvas under Fyne's test wrapper, which handles shortcuts registered with
// AddShortcut exactly as the desktop driver does but does not re-export TypedShortcut.
func shortcutable(t *testing.T, c fyne.Canvas) fyne.Shortcutable {
	t.Helper()
	if s, ok := c.(fyne.Shortcutable); ok {
		return s
	}
	v := reflect.ValueOf(c).Elem().Field(0) // test.canvas{WindowlessCanvas, …}
	inner := reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem().Interface()
	s, ok := inner.(fyne.Shortcutable)
	if !ok {
		t.Fatalf("%T handles no shortcuts", inner)
	}
	return s
}

func TestWindowSizeIsRememberedBetweenRuns(t *testing.T) {
	m, st := newTestWindow(t)
	m.Env.Win.Resize(fyne.NewSize(1300, 820))
	m.rememberSize()
	again := NewMainWindow(m.Env.App, st, "test")
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
	m.Views[2].CanLeave = func(proceed func()) {
		askLeave(m.Env.Win, func() bool { return false }, func() { left = true; proceed() })
	}
	cancels := 0
	m.Views[2].OnAction = func(a Action) {
		if a == ActionCancel {
			cancels++
		}
	}
	m.Select(2)
	sc := shortcutable(t, m.Env.Win.Canvas())
	sc.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.Key1, Modifier: fyne.KeyModifierShortcutDefault})
	overlays := m.Env.Win.Canvas().Overlays()
	if len(overlays.List()) != 1 {
		t.Fatalf("%d dialogs after Ctrl+1", len(overlays.List()))
	}
	// More shortcuts while the question is open do not stack more questions.
	sc.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.Key4, Modifier: fyne.KeyModifierShortcutDefault})
	sc.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	if len(overlays.List()) != 1 {
		t.Fatalf("%d dialogs after more shortcuts", len(overlays.List()))
	}
	m.requestClose() // a second close request while the question is open adds nothing
	if len(overlays.List()) != 1 {
		t.Fatalf("%d dialogs after a close request", len(overlays.List()))
	}
	m.Env.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(overlays.List()) != 0 || left || m.Current() != 2 || cancels != 0 {
		t.Fatalf("Esc: %d dialogs, left=%v, screen %d, cancels %d", len(overlays.List()), left, m.Current(), cancels)
	}
}

func TestClosingTheWindowAsksAboutUnsavedWork(t *testing.T) {
	m, _ := newTestWindow(t)
	asked := false
	m.Views[3].CanLeave = func(func()) { asked = true } // never agrees
	m.Select(3)
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
	d.SetButtons([]fyne.CanvasObject{
		widget.NewButton(lang.L("保存"), func() { saved = true; d.Hide() }),
		widget.NewButton(lang.L("Cancel"), func() { cancelled = true; d.Hide() }),
	})
	d.Show()
	m.Env.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !cancelled || saved || len(m.Env.Win.Canvas().Overlays().List()) != 0 {
		t.Fatalf("cancelled %v saved %v", cancelled, saved)
	}
}
