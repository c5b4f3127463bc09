// Package kittest helps tests of the kit and the screens: a background runner the test controls
// and the keyboard as Fyne's desktop driver delivers it. Only tests import it.
package kittest

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"cunji/app/kit"
)

// Runner is a kit.Runner for tests: work runs at once on the test's goroutine, which plays the
// Fyne thread too, so results are on screen when the call returns. Hold keeps the work instead,
// to look at a screen while it waits; Release runs what was kept.
type Runner struct {
	held    bool
	waiting []func()
}

func (r *Runner) Go(work func()) {
	if r.held {
		r.waiting = append(r.waiting, work)
		return
	}
	work()
}

func (r *Runner) Do(fn func()) { fn() }

// Hold keeps the work started from now on until Release.
func (r *Runner) Hold() { r.held = true }

// Waiting is how many pieces of work are kept.
func (r *Runner) Waiting() int { return len(r.waiting) }

// Next runs the first piece of work kept and keeps holding: work it starts waits its turn.
func (r *Runner) Next() {
	if len(r.waiting) == 0 {
		return
	}
	w := r.waiting[0]
	r.waiting = r.waiting[1:]
	w()
}

// Release runs the work kept, in order, and runs work at once again.
func (r *Runner) Release() {
	r.held = false
	for len(r.waiting) > 0 {
		w := r.waiting[0]
		r.waiting = r.waiting[1:]
		w()
	}
}

// Ctrl is Ctrl+k as the desktop driver sends it (Ctrl+Z is Fyne's undo shortcut).
func Ctrl(k fyne.KeyName) fyne.Shortcut {
	if k == fyne.KeyZ {
		return &fyne.ShortcutUndo{}
	}
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// Type sends runes to whatever has the keyboard focus, as the desktop driver does.
func Type(t *testing.T, c fyne.Canvas, s string) {
	t.Helper()
	for _, r := range s {
		f := c.Focused()
		if f == nil {
			t.Fatalf("typing %q: nothing has the focus", s)
		}
		f.TypedRune(r)
	}
}

// Press delivers keys the way Fyne's desktop driver does: Tab moves the focus unless the focused
// widget accepts tabs; other keys go to the focused widget, or to the canvas when none is.
func Press(c fyne.Canvas, keys ...fyne.KeyName) {
	for _, k := range keys {
		ev := &fyne.KeyEvent{Name: k}
		f := c.Focused()
		if k == fyne.KeyTab {
			if tb, ok := f.(fyne.Tabbable); !ok || !tb.AcceptsTab() {
				c.FocusNext()
				continue
			}
		}
		if f != nil {
			f.TypedKey(ev)
		} else if h := c.OnTypedKey(); h != nil {
			h(ev)
		}
	}
}

// PressCtrl delivers Ctrl+k the way the desktop driver does: to the focused widget when it handles
// shortcuts, else to the window's shortcuts.
func PressCtrl(t *testing.T, c fyne.Canvas, k fyne.KeyName) {
	t.Helper()
	s := Ctrl(k)
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	if !kit.TypeWindowShortcut(c, s) {
		t.Fatalf("Ctrl+%s: the window has no shortcuts", k)
	}
}

// Walk visits o and every object inside containers and widgets' renderers.
func Walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			Walk(child, fn)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			Walk(child, fn)
		}
	}
}
