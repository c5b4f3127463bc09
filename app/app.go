// Package app is 村记's Fyne window. It talks to the ledgers only through data.Store methods; what
// its screens share (fields, tables, dialogs, the form skeleton) is in app/kit.
package app

import (
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"cunji/app/kit"
	"cunji/data"
)

// Env is what every screen is given.
type Env struct {
	App     fyne.App
	Win     fyne.Window
	Store   *data.Store
	Version string
	// Dialogs shows every dialog over Win and knows which are open.
	Dialogs *kit.Dialogs
	// Run does slow reads in the background and hands their results to the Fyne thread.
	Run kit.Runner
	// Act sends a keyboard command to the visible screen as the window does; a focused table or
	// list uses it for Delete and Esc, which Fyne gives to the focused widget only.
	Act func(kit.Action)
	// Restore replaces the ledger with a backup the person chose and agreed to (backup.go).
	Restore func(from data.BackupInfo)
	// Show switches to the screen titled title (asking the visible one first about unsaved work,
	// as the rail does) and hands it to then, e.g. to open a record there.
	Show func(title string, then func(*ScreenView))
}

// OnChange runs fn on the Fyne thread after every change to one of tables (any table when none
// is named), from this screen or another.
func (e *Env) OnChange(fn func(), tables ...string) {
	e.Store.Subscribe(func(c data.Change) {
		if len(tables) == 0 || c.Touches(tables...) {
			e.Run.Do(fn)
		}
	})
}

// ScreenView is one built screen.
type ScreenView struct {
	Content fyne.CanvasObject
	// OnAction handles a keyboard command; nil ignores them all.
	OnAction func(kit.Action)
	// OnShow runs each time the screen becomes visible (e.g. to refresh), the first time too.
	OnShow func()
	// CanLeave, when set, is asked before switching away; it calls proceed once leaving is fine
	// (e.g. after asking about unsaved changes). Not calling proceed keeps the screen.
	CanLeave func(proceed func())
}

type screenDef struct {
	title string // also the translation key
	icon  fyne.Resource
	build func(env *Env) *ScreenView
}

// screens lists the screens in the rail's order; Ctrl+1 … Ctrl+N follow it.
func screens() []screenDef {
	return []screenDef{
		{"首页", theme.HomeIcon(), homeScreen},
		{"帮扶项目", theme.FolderIcon(), projectsScreen},
		{"助农销售", theme.ContentAddIcon(), salesScreen},
		{"集体收入", theme.StorageIcon(), incomeScreen},
		{"三资", theme.DocumentIcon(), sanziScreen},
		{affairsTitle, theme.ListIcon(), affairsScreen},
		{"报表", theme.DocumentPrintIcon(), reportsScreen},
		{"操作日志", theme.HistoryIcon(), auditLogScreen},
		{"设置", theme.SettingsIcon(), settingsScreen},
	}
}

// digitScreens is how many screens Ctrl+1 … Ctrl+9 reach: the first nine.
func digitScreens() int { return min(len(screens()), 9) }

// MainWindow holds the navigation and the screens.
type MainWindow struct {
	Env  *Env
	Tabs *container.AppTabs

	defs    []screenDef
	views   []*ScreenView // nil until the screen is first shown
	current int
	ledger  string // while the demo is shown: the ledger 返回我的账本 reopens

	stopBackup func() // cancels and waits for the daily backup of the ledger the window opened on

	warnings      *fyne.Container // the warnings across the top (banner.go)
	shownWarnings []*warning
}

const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
	// The smallest window fits a 1024×600 netbook screen less its taskbar and the title bar; a
	// first start opens at a size that fits a 1366×768 laptop's.
	minWidth      = 960
	minHeight     = 500
	defaultWidth  = 1280
	defaultHeight = 680
	// What the window's frame and title bar take beside its content, at most.
	frameWidth, frameHeight = 16, 48
)

// ScreenArea, when set, says how much of the screen showing w a window may take (the screen less
// taskbar and docks) in Fyne units, or !ok. The desktop build sets it; Fyne itself cannot tell.
var ScreenArea func(w fyne.Window) (area fyne.Size, ok bool)

// NewMainWindow builds the window and its first screen (the others are built when first shown);
// it does not show it. run does the screens' background work.
func NewMainWindow(a fyne.App, st *data.Store, version string, run kit.Runner) *MainWindow {
	w := a.NewWindow(lang.L("村记 · 第一书记工作台账"))
	m := &MainWindow{Env: &Env{App: a, Win: w, Version: version, Dialogs: kit.NewDialogs(w), Run: run},
		defs: screens(), stopBackup: func() {}}
	m.build(st)
	m.addShortcuts()
	width := a.Preferences().FloatWithFallback(prefWidth, defaultWidth)
	height := a.Preferences().FloatWithFallback(prefHeight, defaultHeight)
	w.Resize(fyne.NewSize(float32(max(width, minWidth)), float32(max(height, minHeight))))
	w.SetCloseIntercept(m.requestClose)
	w.SetOnClosed(func() { kit.ForgetWindowShortcuts(w.Canvas()) })
	return m
}

// build puts the rail for st in the window and shows 首页; the other screens wait to be shown.
func (m *MainWindow) build(st *data.Store) {
	old := m.Env
	env := &Env{App: old.App, Win: old.Win, Store: st, Version: old.Version, Dialogs: old.Dialogs, Run: old.Run, Act: m.act,
		Restore: m.restore, Show: m.show}
	m.Env, m.views, m.current = env, make([]*ScreenView, len(m.defs)), 0
	env.Dialogs.ReadOnly = st.IsTown()
	var items []*container.TabItem
	for _, def := range m.defs {
		items = append(items, container.NewTabItemWithIcon(lang.L(def.title), def.icon, container.NewStack()))
	}
	m.Tabs = container.NewAppTabs(items...)
	m.Tabs.SetTabLocation(container.TabLocationLeading)
	m.View(0)
	m.Tabs.OnSelected = func(*container.TabItem) { m.selected(m.Tabs.SelectedIndex()) }

	// A transparent rectangle sets the window's minimum size; Fyne windows take it from their content.
	minSize := canvas.NewRectangle(nil)
	minSize.SetMinSize(fyne.NewSize(minWidth, minHeight))
	env.Win.SetContent(container.NewBorder(m.topBars(), nil, nil, nil, container.NewStack(minSize, m.Tabs)))
	env.Win.SetTitle(m.windowTitle())
	m.shown(0)
}

// View is the screen at index i, built now if it has not been shown yet.
func (m *MainWindow) View(i int) *ScreenView {
	if m.views[i] == nil {
		v := m.defs[i].build(m.Env)
		m.views[i] = v
		m.Tabs.Items[i].Content = v.Content
		if m.Tabs.SelectedIndex() == i {
			m.Tabs.Refresh() // the rail already shows this tab: lay the screen out in its place
		}
	}
	return m.views[i]
}

// requestClose runs when the person closes the window. It must not lose what is typed: the
// screen is asked first, as when switching screens.
func (m *MainWindow) requestClose() {
	if m.Env.Dialogs.Open() {
		return // the question (or another dialog) is already on screen
	}
	closeNow := func() {
		m.rememberSize()
		m.Env.Win.Close()
	}
	if leave := m.views[m.current].CanLeave; leave != nil {
		leave(closeNow)
		return
	}
	closeNow()
}

// Select shows the screen at index i, asking the current screen first if it has unsaved work.
func (m *MainWindow) Select(i int) {
	if i < 0 || i >= len(m.views) || i == m.current {
		return
	}
	if leave := m.views[m.current].CanLeave; leave != nil {
		leave(func() { m.switchTo(i) })
		return
	}
	m.switchTo(i)
}

// selected follows a click on the rail, which has already switched tabs.
func (m *MainWindow) selected(i int) {
	if i == m.current {
		return
	}
	if leave := m.views[m.current].CanLeave; leave != nil {
		m.switchTo(m.current) // step back until the screen agrees
		leave(func() { m.switchTo(i) })
		return
	}
	m.current = i
	m.View(i)
	m.shown(i)
}

// show switches to the screen titled title as Select does and hands it to then once it shows.
func (m *MainWindow) show(title string, then func(*ScreenView)) {
	i := slices.IndexFunc(m.defs, func(d screenDef) bool { return d.title == title })
	if i < 0 {
		return
	}
	proceed := func() {
		m.switchTo(i)
		then(m.views[i])
	}
	if leave := m.views[m.current].CanLeave; leave != nil && i != m.current {
		leave(proceed)
		return
	}
	proceed()
}

// switchTo changes the visible screen without asking anyone.
func (m *MainWindow) switchTo(i int) {
	m.View(i)
	m.Tabs.OnSelected = nil
	m.Tabs.SelectIndex(i)
	m.Tabs.OnSelected = func(*container.TabItem) { m.selected(m.Tabs.SelectedIndex()) }
	if m.current != i {
		m.current = i
		m.shown(i)
	}
}

func (m *MainWindow) shown(i int) {
	if v := m.views[i]; v.OnShow != nil {
		v.OnShow()
	}
}

// Current is the index of the visible screen.
func (m *MainWindow) Current() int { return m.current }

func (m *MainWindow) addShortcuts() {
	c := m.Env.Win.Canvas()
	for i := range digitScreens() {
		key := fyne.KeyName(strconv.Itoa(i + 1))
		kit.AddWindowShortcut(c, &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) {
				if !m.Env.Dialogs.Open() {
					m.Select(i)
				}
			})
	}
	actions := map[fyne.KeyName]kit.Action{fyne.KeyN: kit.ActionNew, fyne.KeyS: kit.ActionSave, fyne.KeyF: kit.ActionFind}
	for k, a := range actions {
		kit.AddWindowShortcut(c, &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { m.act(a) })
	}
	// The desktop driver turns Ctrl+Z into Fyne's standard undo shortcut, not a custom one.
	kit.AddWindowShortcut(c, &fyne.ShortcutUndo{}, func(fyne.Shortcut) { m.act(kit.ActionUndo) })
	// Plain keys reach the canvas only when no entry has focus, so typing is never hijacked.
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyDelete:
			m.act(kit.ActionDelete)
		case fyne.KeyEscape:
			m.act(kit.ActionCancel)
		}
	})
}

// act forwards a command to the visible screen. While a dialog is open Ctrl+S saves it (when it
// saves anything) and Esc does what its cancel button does; anything else would stack a second dialog.
func (m *MainWindow) act(a kit.Action) {
	if ds := m.Env.Dialogs; ds.Open() {
		switch a {
		case kit.ActionCancel:
			ds.Cancel()
		case kit.ActionSave:
			ds.Save()
		}
		return
	}
	if m.Env.Dialogs.ReadOnly && (a == kit.ActionNew || a == kit.ActionDelete || a == kit.ActionUndo) {
		return // a town database's ledgers are read-only
	}
	if v := m.views[m.current]; v.OnAction != nil {
		v.OnAction(a)
	}
}

// fitScreen shrinks the window, with its frame, to fit a screen area (see ScreenArea), but not
// below its minimum size.
func (m *MainWindow) fitScreen(area fyne.Size) {
	size := m.Env.Win.Canvas().Size()
	fit := fyne.NewSize(min(size.Width, area.Width-frameWidth), min(size.Height, area.Height-frameHeight)).
		Max(fyne.NewSize(minWidth, minHeight))
	if fit != size {
		m.Env.Win.Resize(fit)
		m.Env.Win.CenterOnScreen()
	}
}

func (m *MainWindow) rememberSize() {
	size := m.Env.Win.Canvas().Size()
	if size.Width >= minWidth && size.Height >= minHeight {
		m.Env.App.Preferences().SetFloat(prefWidth, float64(size.Width))
		m.Env.App.Preferences().SetFloat(prefHeight, float64(size.Height))
	}
}

// Run shows the main window and blocks until it closes. The window may switch to the demo and
// back, closing the store it leaves; Run returns the one open at the end for the caller to close.
func Run(a fyne.App, st *data.Store, version string) *data.Store {
	a.Settings().SetTheme(NewTheme())
	m := openMainWindow(a, st, version)
	// The one start hook: the screen is known once the window is on it.
	a.Lifecycle().SetOnStarted(m.started)
	a.Run()
	m.stopBackup()
	return m.Env.Store
}

// openMainWindow builds the main window on st and shows it, with the welcome for an empty ledger.
func openMainWindow(a fyne.App, st *data.Store, version string) *MainWindow {
	m := NewMainWindow(a, st, version, kit.AppRunner{})
	maybeWelcome(m)
	m.Env.Win.SetMaster()
	m.Env.Win.Show()
	return m
}

// started fits the window to the screen and starts the daily backup, which waits for the window
// so a large ledger does not hold it up.
func (m *MainWindow) started() {
	if ScreenArea != nil {
		if area, ok := ScreenArea(m.Env.Win); ok {
			m.fitScreen(area)
		}
	}
	m.stopBackup = startDailyBackup(m, m.Env.Store)
}
