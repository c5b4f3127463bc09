package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

// checkGrid is a multi-choice of names laid out in columns, so a long list wraps instead of
// widening the window the way a horizontal CheckGroup does.
type checkGrid struct {
	box       *fyne.Container
	checks    []*widget.Check
	columns   int
	OnChanged func()
}

func newCheckGrid(columns int, changed func()) *checkGrid {
	return &checkGrid{box: container.NewGridWithColumns(columns), columns: columns, OnChanged: changed}
}

// SetOptions replaces the names offered, keeping the ticks of names still offered.
func (g *checkGrid) SetOptions(names []string) {
	keep := map[string]bool{}
	for _, s := range g.Selected() {
		keep[s] = true
	}
	g.checks = nil
	g.box.RemoveAll()
	for _, n := range names {
		c := widget.NewCheck(n, nil)
		c.Checked = keep[n]
		c.OnChanged = func(bool) {
			if g.OnChanged != nil {
				g.OnChanged()
			}
		}
		g.checks = append(g.checks, c)
		g.box.Add(c)
	}
	g.box.Refresh()
}

// Selected lists the ticked names in the order offered.
func (g *checkGrid) Selected() []string {
	var out []string
	for _, c := range g.checks {
		if c.Checked {
			out = append(out, c.Text)
		}
	}
	return out
}

// SetSelected ticks exactly the given names, without calling OnChanged.
func (g *checkGrid) SetSelected(names []string) {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	for _, c := range g.checks {
		if c.Checked != want[c.Text] {
			c.Checked = want[c.Text]
			c.Refresh()
		}
	}
}

// Toggle ticks or unticks name as a tap would (tests and keyboard).
func (g *checkGrid) Toggle(name string) {
	for _, c := range g.checks {
		if c.Text == name {
			c.SetChecked(!c.Checked)
		}
	}
}
