// Package app is 村记's Fyne window. It talks to the ledgers only through data.Store methods.
package app

import (
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// Env is what every screen is given.
type Env struct {
	App     fyne.App
	Win     fyne.Window
	Store   *data.Store
	Version string
	// Show switches the main window to the screen at index i (0 = 首页).
	Show func(i int)
	// Act sends a keyboard command to the visible screen as the window does; a focused table or
	// list uses it for Delete and Esc, which Fyne gives to the focused widget only.
	Act func(Action)
}

// Action is a keyboard command the main window forwards to the visible screen.
type Action int

const (
	ActionNew    Action = iota + 1 // Ctrl+N
	ActionSave                     // Ctrl+S
	ActionFind                     // Ctrl+F
	ActionUndo                     // Ctrl+Z
	ActionDelete                   // Delete (when no entry has focus)
	ActionCancel                   // Esc (when no entry has focus)
)

// ScreenView is one built screen.
type ScreenView struct {
	Content fyne.CanvasObject
	// OnAction handles a keyboard command; nil ignores them all.
	OnAction func(Action)
	// OnShow runs each time the screen becomes visible (e.g. to refresh).
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

func screens() []screenDef {
	return []screenDef{
		{"首页", theme.HomeIcon(), homeScreen},
		{"帮扶项目", theme.FolderIcon(), projectsScreen},
		{"助农销售", theme.ContentAddIcon(), salesScreen},
		{"集体收入", theme.StorageIcon(), incomeScreen},
		{"报表", theme.DocumentPrintIcon(), reportsScreen},
		{"设置", theme.SettingsIcon(), settingsScreen},
	}
}

// MainWindow holds the navigation and the screens.
type MainWindow struct {
	Env   *Env
	Tabs  *container.AppTabs
	Views []*ScreenView

	current int
	ledger  string // while the demo is shown: the ledger 返回我的账本 reopens

	stopBackup func() // cancels and waits for the daily backup of the ledger the window opened on
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

// NewMainWindow builds the window with every screen; it does not show it.
func NewMainWindow(a fyne.App, st *data.Store, version string) *MainWindow {
	w := a.NewWindow(lang.L("村记 · 第一书记工作台账"))
	m := &MainWindow{Env: &Env{App: a, Win: w, Version: version}, stopBackup: func() {}}
	m.build(st)
	m.addShortcuts()
	width := a.Preferences().FloatWithFallback(prefWidth, defaultWidth)
	height := a.Preferences().FloatWithFallback(prefHeight, defaultHeight)
	w.Resize(fyne.NewSize(float32(max(width, minWidth)), float32(max(height, minHeight))))
	w.SetCloseIntercept(m.requestClose)
	return m
}

// build makes every screen on st and puts them in the window, showing 首页.
func (m *MainWindow) build(st *data.Store) {
	env := &Env{App: m.Env.App, Win: m.Env.Win, Store: st, Version: m.Env.Version, Show: m.Select, Act: m.act}
	m.Env, m.Views, m.current = env, nil, 0
	var items []*container.TabItem
	for _, def := range screens() {
		v := def.build(env)
		m.Views = append(m.Views, v)
		items = append(items, container.NewTabItemWithIcon(lang.L(def.title), def.icon, v.Content))
	}
	m.Tabs = container.NewAppTabs(items...)
	m.Tabs.SetTabLocation(container.TabLocationLeading)
	m.Tabs.OnSelected = func(*container.TabItem) { m.selected(m.Tabs.SelectedIndex()) }

	// A transparent rectangle sets the window's minimum size; Fyne windows take it from their content.
	minSize := canvas.NewRectangle(nil)
	minSize.SetMinSize(fyne.NewSize(minWidth, minHeight))
	env.Win.SetContent(container.NewBorder(m.demoBanner(), nil, nil, nil, container.NewStack(minSize, m.Tabs)))
	env.Win.SetTitle(m.windowTitle())
	if v := m.Views[0]; v.OnShow != nil {
		v.OnShow()
	}
}

// requestClose runs when the person closes the window. It must not lose what is typed: the
// screen is asked first, as when switching screens.
func (m *MainWindow) requestClose() {
	if m.dialogOpen() {
		return // the question (or another dialog) is already on screen
	}
	closeNow := func() {
		m.rememberSize()
		m.Env.Win.Close()
	}
	if leave := m.Views[m.current].CanLeave; leave != nil {
		leave(closeNow)
		return
	}
	closeNow()
}

// Select shows the screen at index i, asking the current screen first if it has unsaved work.
func (m *MainWindow) Select(i int) {
	if i < 0 || i >= len(m.Views) || i == m.current {
		return
	}
	if leave := m.Views[m.current].CanLeave; leave != nil {
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
	if leave := m.Views[m.current].CanLeave; leave != nil {
		m.switchTo(m.current) // step back until the screen agrees
		leave(func() { m.switchTo(i) })
		return
	}
	m.current = i
	m.shown(i)
}

// switchTo changes the visible screen without asking anyone.
func (m *MainWindow) switchTo(i int) {
	m.Tabs.OnSelected = nil
	m.Tabs.SelectIndex(i)
	m.Tabs.OnSelected = func(*container.TabItem) { m.selected(m.Tabs.SelectedIndex()) }
	if m.current != i {
		m.current = i
		m.shown(i)
	}
}

func (m *MainWindow) shown(i int) {
	if v := m.Views[i]; v.OnShow != nil {
		v.OnShow()
	}
}

// Current is the index of the visible screen.
func (m *MainWindow) Current() int { return m.current }

func (m *MainWindow) addShortcuts() {
	c := m.Env.Win.Canvas()
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6}
	for i, k := range keys {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) {
				if !m.dialogOpen() {
					m.Select(i)
				}
			})
	}
	actions := map[fyne.KeyName]Action{fyne.KeyN: ActionNew, fyne.KeyS: ActionSave, fyne.KeyF: ActionFind}
	for k, a := range actions {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { m.act(a) })
	}
	// The desktop driver turns Ctrl+Z into Fyne's standard undo shortcut, not a custom one.
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { m.act(ActionUndo) })
	// Plain keys reach the canvas only when no entry has focus, so typing is never hijacked.
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyDelete:
			m.act(ActionDelete)
		case fyne.KeyEscape:
			m.act(ActionCancel)
		}
	})
}

// act forwards a command to the visible screen. While a dialog is open only Ctrl+S reaches the
// screen (its dialog may save) and Esc dismisses the dialog; anything else would stack a second dialog.
func (m *MainWindow) act(a Action) {
	if m.dialogOpen() {
		switch a {
		case ActionCancel:
			m.dismissDialog()
			return
		case ActionSave:
		default:
			return
		}
	}
	if v := m.Views[m.current]; v.OnAction != nil {
		v.OnAction(a)
	}
}

// dialogOpen reports whether a modal dialog covers the window. A field's suggestion list is a
// non-modal pop-up and does not count.
func (m *MainWindow) dialogOpen() bool {
	for _, o := range m.Env.Win.Canvas().Overlays().List() {
		if isModal(o) {
			return true
		}
	}
	return false
}

// isModal reads whether the PopUp inside an overlay is modal (Fyne keeps that unexported;
// reflection reads it without changing anything).
func isModal(o fyne.CanvasObject) bool {
	p, _ := unwrapOverlay(o)
	if p == nil {
		return false
	}
	f := reflect.ValueOf(p).Elem().FieldByName("modal")
	return f.IsValid() && f.Kind() == reflect.Bool && f.Bool()
}

// dismissDialog taps the top dialog's cancel button (the one Fyne gives the cancel icon, or a lone
// button), so the dialog's own "no" callback runs. Other buttons are never pressed for the user.
func (m *MainWindow) dismissDialog() {
	top := m.Env.Win.Canvas().Overlays().Top()
	if top == nil || !isModal(top) {
		return
	}
	var buttons []*widget.Button
	_, content := unwrapOverlay(top)
	walkObjects(content, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Visible() && !b.Disabled() {
			buttons = append(buttons, b)
		}
	})
	cancelIcon := theme.CancelIcon().Name()
	for _, b := range buttons {
		if b.Icon != nil && b.Icon.Name() == cancelIcon && b.OnTapped != nil {
			b.OnTapped()
			return
		}
	}
	cancel := lang.L("Cancel") // 取消 in Chinese; our own buttons read "取消 (Esc)"
	for _, b := range buttons {
		if strings.HasPrefix(b.Text, cancel) && b.OnTapped != nil {
			b.OnTapped()
			return
		}
	}
	if len(buttons) == 1 && buttons[0].OnTapped != nil {
		buttons[0].OnTapped()
	}
}

// unwrapOverlay follows the exported Content fields of an overlay (Fyne wraps a dialog's PopUp in
// an internal OverlayContainer) down to the dialog's own container, noting the PopUp on the way.
func unwrapOverlay(o fyne.CanvasObject) (popup *widget.PopUp, content fyne.CanvasObject) {
	for i := 0; i < 4 && o != nil; i++ {
		if p, ok := o.(*widget.PopUp); ok {
			popup = p
		}
		if _, ok := o.(*fyne.Container); ok {
			return popup, o
		}
		v := reflect.ValueOf(o)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return popup, o
		}
		f := v.Elem().FieldByName("Content")
		if !f.IsValid() || !f.CanInterface() {
			return popup, o
		}
		inner, ok := f.Interface().(fyne.CanvasObject)
		if !ok {
			return popup, o
		}
		o = inner
	}
	return popup, o
}

// walkObjects visits o and everything inside its containers (a dialog's button row is one).
func walkObjects(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			walkObjects(child, fn)
		}
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
	m := NewMainWindow(a, st, version)
	maybeWelcome(m)
	m.Env.Win.SetMaster()
	// The one start hook: the screen is known once the window is on it, and the daily backup
	// waits for the window so a large ledger does not hold it up.
	a.Lifecycle().SetOnStarted(func() {
		if ScreenArea != nil {
			if area, ok := ScreenArea(m.Env.Win); ok {
				m.fitScreen(area)
			}
		}
		m.stopBackup = startDailyBackup(a, st)
	})
	m.Env.Win.ShowAndRun()
	m.stopBackup()
	return m.Env.Store
}
