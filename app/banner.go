package app

import (
	"errors"
	"image/color"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// The warnings across the top of every screen: what the daily check found, until the person closes them.

// Warning kinds; a new warning of a kind replaces the one shown.
const (
	warnDamage = "damage"
	warnAudit  = "audit"
	warnSecond = "second"
)

// topBars is what runs across the top of the window: the demo's banner (while the demo is shown)
// and the warnings, which start empty for every ledger the window opens.
func (m *MainWindow) topBars() fyne.CanvasObject {
	m.warnings, m.shownWarnings = container.NewVBox(), nil
	if demo := m.demoBanner(); demo != nil {
		return container.NewVBox(demo, m.warnings)
	}
	if town := m.townBanner(); town != nil {
		return container.NewVBox(town, m.warnings)
	}
	return m.warnings
}

// warning is one warning bar.
type warning struct {
	kind string
	bar  fyne.CanvasObject
}

// warn shows msg in a bar across the top of every screen, with its actions and a button that
// closes it; it replaces a warning of the same kind.
func (m *MainWindow) warn(kind, msg string, actions ...*widget.Button) {
	m.unwarn(kind)
	text := widget.NewLabelWithStyle(msg, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox()
	for _, a := range actions {
		buttons.Add(a)
	}
	w := &warning{kind: kind}
	buttons.Add(widget.NewButtonWithIcon(lang.L("知道了"), theme.CancelIcon(), func() { m.unwarn(kind) }))
	bg := canvas.NewRectangle(color.NRGBA{R: 0xe5, G: 0x39, B: 0x35, A: 0x30})
	w.bar = container.NewStack(bg, container.NewPadded(
		container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), buttons, text)))
	m.shownWarnings = append(m.shownWarnings, w)
	m.warnings.Add(w.bar)
}

// unwarn closes the warning of kind, if one shows.
func (m *MainWindow) unwarn(kind string) {
	for i, w := range m.shownWarnings {
		if w.kind == kind {
			m.warnings.Remove(w.bar)
			m.shownWarnings = append(m.shownWarnings[:i], m.shownWarnings[i+1:]...)
			return
		}
	}
}

// showCheck shows what the daily check of st found: damage (at once, with the way to restore),
// the audit disagreeing with the ledgers, the second backup place failing. Fyne thread.
func (m *MainWindow) showCheck(st *data.Store, err error) {
	if err == nil || st != m.Env.Store {
		return // the window has moved on to another ledger meanwhile
	}
	var damage *data.IntegrityError
	var audit *data.AuditError
	shown := false
	if errors.As(err, &damage) {
		shown = true
		showDamage(m.Env, damage)
		restore := widget.NewButtonWithIcon(lang.L("从备份恢复…"), theme.HistoryIcon(), func() { askRestoreNewest(m.Env) })
		restore.Importance = widget.HighImportance
		m.warn(warnDamage, lang.L("数据完整性检查发现数据库文件有损坏。请先不要继续录入，从备份恢复。"), restore)
	}
	if errors.As(err, &audit) {
		shown = true
		look := widget.NewButtonWithIcon(lang.L("查看操作日志"), theme.ListIcon(), func() { m.Select(screenIndexOf(m, "操作日志")) })
		m.warn(warnAudit, auditText(audit), look)
	}
	if errors.Is(err, data.ErrSecondBackup) {
		shown = true
		m.warn(warnSecond, kit.FieldErrorText(data.ErrSecondBackup))
	}
	if !shown {
		log.Println("自动备份失败：", err)
	}
}

// screenIndexOf is the place of the screen titled title in m's rail, -1 when there is none.
func screenIndexOf(m *MainWindow, title string) int {
	for i, d := range m.defs {
		if d.title == title {
			return i
		}
	}
	return -1
}
