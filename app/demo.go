package app

import (
	"image/color"
	"log"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// demoFileName is the demo ledger's file beside the real one. ASCII like cunji.db, so zip tools,
// Windows consoles and `cunji summary -db` handle it on any code page; it sorts next to cunji.db.
const demoFileName = "cunji-demo.db"

// demoPathBeside is where the demo for the ledger at path lives.
func demoPathBeside(path string) string { return filepath.Join(filepath.Dir(path), demoFileName) }

// showDemo switches the window to the demo database st, remembering the ledger to go back to.
func (m *MainWindow) showDemo(st *data.Store) {
	m.ledger = m.Env.Store.Path()
	m.useStore(st)
}

// backToLedger closes the demo and reopens the ledger it was opened from. If the ledger cannot be
// opened (another window has it now), the demo stays and the reason is shown.
func (m *MainWindow) backToLedger() {
	if m.ledger == "" || m.Env.Dialogs.Open() {
		return
	}
	proceed := func() {
		st, err := data.Open(m.ledger)
		if err != nil {
			m.Env.Dialogs.ShowStoreError(err)
			return
		}
		m.ledger = ""
		m.useStore(st)
		maybeWelcome(m)
	}
	if leave := m.views[m.current].CanLeave; leave != nil {
		leave(proceed)
		return
	}
	proceed()
}

// useStore rebuilds every screen on st and closes the database shown until now: the screens hold
// their store and its subscriptions, so they are made anew rather than pointed elsewhere.
func (m *MainWindow) useStore(st *data.Store) {
	old := m.Env.Store
	m.build(st)
	if old != nil && old != st {
		m.stopBackup() // the daily copy of the file being closed must not outlive it
		if err := old.Close(); err != nil {
			log.Println(err)
		}
	}
}

// isDemo reports whether the window shows a demo database.
func (m *MainWindow) isDemo() bool {
	demo, err := m.Env.Store.IsDemo()
	return err == nil && demo
}

// windowTitle names the demo first, where a shortened title in the taskbar still shows it.
func (m *MainWindow) windowTitle() string {
	if m.isDemo() {
		return lang.L("演示数据 · 村记 · 第一书记工作台账")
	}
	if m.Env.Store.IsTown() {
		return lang.L("汇总 · 村记 · 第一书记工作台账")
	}
	return lang.L("村记 · 第一书记工作台账")
}

// demoBanner runs across the top of every screen while the demo is shown; nil otherwise.
func (m *MainWindow) demoBanner() fyne.CanvasObject {
	if !m.isDemo() {
		return nil
	}
	msg := widget.NewLabelWithStyle(lang.L("这是演示数据：虚构的示例台账，单独保存在另一个文件里，不会进入您的账本。"),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	msg.Wrapping = fyne.TextWrapWord
	var back fyne.CanvasObject
	if m.ledger != "" {
		b := widget.NewButtonWithIcon(lang.L("返回我的账本"), theme.NavigateBackIcon(), m.backToLedger)
		b.Importance = widget.HighImportance
		back = b
	}
	bg := canvas.NewRectangle(color.NRGBA{R: 0xff, G: 0xb3, B: 0x00, A: 0x40})
	return container.NewStack(bg, container.NewPadded(
		container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), back, msg)))
}
