package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// ledgerDateField is a date entry for the project and income forms.
// TODO(switch to newDateField from fields.go once it lands with its Chinese picker).
type ledgerDateField struct {
	parsedField[data.Date]
}

func newLedgerDateField() *ledgerDateField {
	f := &ledgerDateField{}
	f.init(f, data.ParseDate, data.Date.String)
	f.SetPlaceHolder("2025-06-26")
	return f
}

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

// suggestField is free text with suggestions: typing is never limited to them. The button beside
// it (or the Down key) lists what suggest offers for the text typed so far.
type suggestField struct {
	*textField
	suggest func(prefix string) []string
	button  *widget.Button
	Box     fyne.CanvasObject
}

func newSuggestField(suggest func(prefix string) []string) *suggestField {
	f := &suggestField{textField: newTextField(), suggest: suggest}
	f.button = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), f.showSuggestions)
	f.button.Importance = widget.LowImportance
	f.keyHook = func(ev *fyne.KeyEvent) bool {
		if ev.Name == fyne.KeyDown {
			f.showSuggestions()
			return true
		}
		return false
	}
	f.Box = container.NewBorder(nil, nil, nil, f.button, f.textField)
	return f
}

// Suggestions is what the list would offer now.
func (f *suggestField) Suggestions() []string {
	if f.suggest == nil {
		return nil
	}
	list := f.suggest(strings.TrimSpace(f.Text))
	if len(list) == 0 && strings.TrimSpace(f.Text) != "" {
		list = f.suggest("")
	}
	return list
}

func (f *suggestField) showSuggestions() {
	list := f.Suggestions()
	if len(list) == 0 {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(f.textField)
	if c == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, s := range list {
		items = append(items, fyne.NewMenuItem(s, func() {
			f.SetText(s)
			c.Focus(f.textField)
		}))
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.textField)
	pos.Y += f.textField.Size().Height
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, pos)
}
