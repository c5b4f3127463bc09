package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// noteField is a multi-line entry whose window shortcuts (Ctrl+S …) still reach the screen.
type noteField struct {
	widget.Entry
	Hint *hintLabel
}

func newNoteField() *noteField {
	f := &noteField{Hint: newHintLabel()}
	f.MultiLine = true
	f.Wrapping = fyne.TextWrapWord
	f.SetMinRowsVisible(3)
	f.ExtendBaseWidget(f)
	return f
}

// SetError shows msg under the field ("" clears it).
func (f *noteField) SetError(msg string) { f.Hint.SetError(msg) }

// TypedShortcut passes Ctrl+letter shortcuts to the window, as fieldEntry does.
func (f *noteField) TypedShortcut(s fyne.Shortcut) {
	if forwardWindowShortcut(f, s) {
		return
	}
	f.Entry.TypedShortcut(s)
}

// TypedKey leaves the field at Esc so the next Esc cancels the form.
func (f *noteField) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		if c := fyne.CurrentApp().Driver().CanvasForObject(f); c != nil {
			c.Unfocus()
		}
		return
	}
	f.Entry.TypedKey(ev)
}

// forwardWindowShortcut hands Ctrl+letter/digit shortcuts typed in a focused widget to the window.
func forwardWindowShortcut(o fyne.CanvasObject, s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || !isWindowShortcut(cs) {
		return false
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if c == nil {
		return false
	}
	if sc := canvasShortcuts(c); sc != nil {
		sc.TypedShortcut(s)
		return true
	}
	return false
}
