package kit

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// windowKeys holds each window's own shortcuts by its canvas. A canvas delivers its shortcuts only
// while no widget has the focus; a focused field hands Ctrl+letter and Ctrl+digit on to them here.
var windowKeys sync.Map // fyne.Canvas → *fyne.ShortcutHandler

// AddWindowShortcut makes s a shortcut of the window showing c: fn runs when s is typed with nothing
// focused, and when it is typed in one of the kit's fields.
func AddWindowShortcut(c fyne.Canvas, s fyne.Shortcut, fn func(fyne.Shortcut)) {
	c.AddShortcut(s, fn)
	h, _ := windowKeys.LoadOrStore(c, &fyne.ShortcutHandler{})
	h.(*fyne.ShortcutHandler).AddShortcut(s, fn)
}

// ForgetWindowShortcuts drops the shortcuts kept for c (its window has closed).
func ForgetWindowShortcuts(c fyne.Canvas) { windowKeys.Delete(c) }

// TypeWindowShortcut runs the window shortcut s of the window showing c, as if nothing had the
// focus; it reports whether the window has shortcuts.
func TypeWindowShortcut(c fyne.Canvas, s fyne.Shortcut) bool {
	h, ok := windowKeys.Load(c)
	if !ok {
		return false
	}
	h.(*fyne.ShortcutHandler).TypedShortcut(s)
	return true
}

// forwardWindowShortcut hands Ctrl+letter/digit shortcuts typed in a focused widget to the window.
func forwardWindowShortcut(o fyne.CanvasObject, s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || !isWindowShortcut(cs) {
		return false
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	return c != nil && TypeWindowShortcut(c, s)
}

func isWindowShortcut(cs *desktop.CustomShortcut) bool {
	if cs.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) == 0 || cs.Modifier&fyne.KeyModifierAlt != 0 {
		return false
	}
	k := string(cs.KeyName)
	return len(k) == 1 && (k[0] >= 'A' && k[0] <= 'Z' || k[0] >= '0' && k[0] <= '9')
}

// IsCtrl reports whether s is Ctrl (Cmd on a Mac) + key.
func IsCtrl(s fyne.Shortcut, key fyne.KeyName) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && cs.KeyName == key && cs.Modifier == fyne.KeyModifierShortcutDefault
}
