package kit

import (
	"errors"
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// This file holds the input widgets every ledger form shares. They all type like a spreadsheet:
// Tab and Enter move to the next field, Shift+Tab back, Esc leaves the field (a second Esc reaches
// the screen), and the window's Ctrl shortcuts (Ctrl+S, Ctrl+N …) work while typing.
// Each field carries a Hint: the small red line a form places under it (see FieldRow) that shows
// what is wrong as the user types, in the data layer's own Chinese words.

// HintLabel is the line under a field that says what is wrong with it (red) or adds a note (grey).
// It is hidden while empty, so a form without problems takes no extra room.
type HintLabel struct {
	widget.Label
}

func NewHintLabel() *HintLabel {
	h := &HintLabel{}
	h.Wrapping = fyne.TextWrapWord
	h.ExtendBaseWidget(h)
	h.Hide()
	return h
}

// SetError shows msg in red; "" clears the hint.
func (h *HintLabel) SetError(msg string) { h.set(msg, widget.DangerImportance) }

// SetNote shows msg as a remark, not a problem (see SecondaryText); "" clears the hint.
func (h *HintLabel) SetNote(msg string) { h.set(msg, widget.MediumImportance) }

// Error is the red message shown now, or "".
func (h *HintLabel) Error() string {
	if h.Importance != widget.DangerImportance || !h.Visible() {
		return ""
	}
	return h.Text
}

func (h *HintLabel) set(msg string, imp widget.Importance) {
	h.Importance = imp
	h.SizeName = theme.SizeNameText
	if imp != widget.DangerImportance {
		h.SizeName = theme.SizeNameCaptionText
	}
	h.SetText(msg)
	if msg == "" {
		h.Hide()
	} else {
		h.Show()
	}
}

// SecondaryText makes l a remark beside the real content: the normal text colour in the smaller
// caption size. (A label's LowImportance is the theme's disabled grey, too pale to read.)
func SecondaryText(l *widget.Label) {
	l.Importance = widget.MediumImportance
	l.SizeName = theme.SizeNameCaptionText
}

// ErrorTarget is anything that can show a data-layer message beside itself: every field in this
// file, and a bare HintLabel placed under a Select or Check.
type ErrorTarget interface {
	SetError(msg string)
}

// FieldEntry is the typing part of every field: single-line, Tab/Enter move on, Esc leaves,
// window shortcuts pass through. Field types embed it and may add keys with keyHook.
type FieldEntry struct {
	widget.Entry

	// OnEscape, when set, handles Esc in the field; otherwise Esc takes the focus off the field
	// so the next Esc reaches the screen (cancel).
	OnEscape func()
	// OnKey, when set, sees every key first (Tab and Enter included) and returns true to stop it.
	OnKey func(*fyne.KeyEvent) bool
	// OnLeave runs when the field loses the keyboard focus.
	OnLeave func()
	// OnShortcut, when set, sees every shortcut first and returns true to stop it.
	OnShortcut func(fyne.Shortcut) bool

	self      fyne.Widget               // the outermost widget, as the canvas knows it
	keyHook   func(*fyne.KeyEvent) bool // returns true when it handled the key
	leaveHook func()                    // the field type's own work when the focus leaves
}

// extend must be called by every constructor with the outermost widget.
func (e *FieldEntry) extend(outer fyne.Widget) {
	e.self = outer
	e.ExtendBaseWidget(outer)
}

func (e *FieldEntry) canvas() fyne.Canvas {
	if e.self == nil {
		return nil
	}
	return fyne.CurrentApp().Driver().CanvasForObject(e.self)
}

// AcceptsTab makes the desktop driver hand Tab to TypedKey, which moves the focus itself, so a
// screen can catch Tab (e.g. to add a line after the last one) with OnKey.
func (e *FieldEntry) AcceptsTab() bool { return true }

// FocusGained selects the text, so typing replaces it as in a spreadsheet cell.
func (e *FieldEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.Text != "" {
		e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// FocusLost runs OnLeave.
func (e *FieldEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.leaveHook != nil {
		e.leaveHook()
	}
	if e.OnLeave != nil {
		e.OnLeave()
	}
}

// TypedKey moves on at Tab/Enter and leaves at Esc; other keys edit the text.
func (e *FieldEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.OnKey != nil && e.OnKey(ev) {
		return
	}
	if e.keyHook != nil && e.keyHook(ev) {
		return
	}
	switch ev.Name {
	case fyne.KeyTab:
		if c := e.canvas(); c != nil {
			if ShiftHeld() {
				c.FocusPrevious()
			} else {
				c.FocusNext()
			}
		}
		return
	case fyne.KeyReturn, fyne.KeyEnter:
		if e.OnSubmitted != nil {
			e.OnSubmitted(e.Text)
		} else if c := e.canvas(); c != nil {
			c.FocusNext()
		}
		return
	case fyne.KeyEscape:
		if e.OnEscape != nil {
			e.OnEscape()
		} else if c := e.canvas(); c != nil {
			c.Unfocus()
		}
		return
	}
	e.Entry.TypedKey(ev)
}

func ShiftHeld() bool {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
}

// TypedShortcut lets Ctrl+letter and Ctrl+digit reach the window (Fyne gives a focused entry
// every shortcut and the entry drops those it does not know). Copy, paste and undo stay here.
func (e *FieldEntry) TypedShortcut(s fyne.Shortcut) {
	if e.OnShortcut != nil && e.OnShortcut(s) {
		return
	}
	if e.self != nil && forwardWindowShortcut(e.self, s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// TextField is a plain one-line text entry with the shared keyboard behaviour and a Hint.
type TextField struct {
	FieldEntry
	Hint *HintLabel
}

func NewTextField() *TextField {
	f := &TextField{Hint: NewHintLabel()}
	f.extend(f)
	return f
}

// SetError shows msg under the field ("" clears it).
func (f *TextField) SetError(msg string) { f.Hint.SetError(msg) }

// ParsedField is an entry whose text a data parser turns into a value, checked as the user types.
// Use it through MoneyField, QuantityField and DateField.
type ParsedField[T any] struct {
	FieldEntry
	Hint *HintLabel
	// Optional fields accept an empty text as the zero value.
	Optional bool
	// OnEdit runs after every change the user makes (not after SetValue).
	OnEdit func()

	parse   func(string) (T, error)
	format  func(T) string
	setting bool
}

func (f *ParsedField[T]) init(outer fyne.Widget, parse func(string) (T, error), format func(T) string) {
	f.Hint = NewHintLabel()
	f.parse, f.format = parse, format
	f.extend(outer)
	// A good value is shown in the field's own format once left: 1,234.5元 → 1234.50.
	f.leaveHook = func() {
		if strings.TrimSpace(f.Text) == "" {
			return
		}
		if v, err := f.parse(f.Text); err == nil && f.format(v) != f.Text {
			f.SetValue(v)
		}
	}
	f.Entry.OnChanged = func(string) {
		f.check()
		if f.OnEdit != nil && !f.setting {
			f.OnEdit()
		}
	}
}

// check shows the parser's message for the text typed so far; an empty text shows nothing yet.
func (f *ParsedField[T]) check() {
	var err error
	if strings.TrimSpace(f.Text) != "" {
		_, err = f.parse(f.Text)
	}
	f.Hint.SetError(ErrorText(err))
}

// Value parses the text. An error is a *data.FieldError and is also shown under the field.
func (f *ParsedField[T]) Value() (T, error) {
	v, err := f.Parsed()
	f.Hint.SetError(ErrorText(err))
	return v, err
}

// Parsed is what the text reads as now, without showing any message (an empty text is an error
// unless the field is Optional).
func (f *ParsedField[T]) Parsed() (T, error) {
	var zero T
	if f.Optional && strings.TrimSpace(f.Text) == "" {
		return zero, nil
	}
	v, err := f.parse(f.Text)
	if err != nil {
		return zero, err
	}
	return v, nil
}

// SetValue shows v in the field's edit format and clears its message.
func (f *ParsedField[T]) SetValue(v T) {
	f.setText(f.format(v))
}

// Clear empties the field and its message.
func (f *ParsedField[T]) Clear() { f.setText("") }

func (f *ParsedField[T]) setText(s string) {
	f.setting = true
	f.SetText(s)
	f.setting = false
	f.Hint.SetError("")
}

// SetError shows msg under the field ("" clears it).
func (f *ParsedField[T]) SetError(msg string) { f.Hint.SetError(msg) }

// MoneyField is an amount entry: it accepts everything data.ParseMoney does (1234.5, 1,234.50,
// ¥1234, 1234元, full-width digits) and shows the parser's message while the text is wrong.
type MoneyField struct {
	ParsedField[data.Money]
}

func NewMoneyField() *MoneyField {
	f := &MoneyField{}
	f.init(f, data.ParseMoney, data.Money.Plain)
	f.SetPlaceHolder("0.00")
	return f
}

// SetOrClear shows m, leaving the field empty for 0 (nothing entered yet).
func (f *MoneyField) SetOrClear(m data.Money) {
	if m == 0 {
		f.Clear()
	} else {
		f.SetValue(m)
	}
}

// NewPlainMoneyField is a MoneyField for amounts that cannot be negative (prices, sale amounts):
// a minus sign is refused as it is typed, with the data layer's message.
func NewPlainMoneyField() *MoneyField {
	f := NewMoneyField()
	f.parse = parseNonNegativeMoney
	return f
}

func parseNonNegativeMoney(s string) (data.Money, error) {
	m, err := data.ParseMoney(s)
	if err == nil {
		err = m.CheckNonNegative()
	}
	return m, err
}

// QuantityField is a quantity entry (up to three decimals) read with data.ParseQuantity.
type QuantityField struct {
	ParsedField[data.Quantity]
}

func NewQuantityField() *QuantityField {
	f := &QuantityField{}
	f.init(f, data.ParseQuantity, data.Quantity.String)
	f.SetPlaceHolder("0")
	return f
}

// ShowErrors clears every target, then puts each FieldError of err beside the target registered
// under its Field (the Go field name of the data struct, e.g. "Amount" or "Lines[2].Quantity").
// Messages without a target go to rest (when not nil). Typed values are never touched.
// It reports whether err was a validation error at all; other errors are left to the caller.
func ShowErrors(targets map[string]ErrorTarget, rest ErrorTarget, err error) bool {
	for _, t := range targets {
		t.SetError("")
	}
	if rest != nil {
		rest.SetError("")
	}
	var fields []*data.FieldError
	var ve *data.ValidationError
	var fe *data.FieldError
	switch {
	case errors.As(err, &ve):
		fields = ve.Fields
	case errors.As(err, &fe):
		fields = []*data.FieldError{fe}
	default:
		return false
	}
	var unplaced []string
	shown := map[string]bool{}
	for _, f := range fields {
		if t, ok := targets[f.Field]; ok && f.Field != "" {
			if !shown[f.Field] { // the first problem of a field is the one to fix first
				t.SetError(FieldErrorText(f))
				shown[f.Field] = true
			}
			continue
		}
		unplaced = append(unplaced, FieldErrorText(f))
	}
	if rest != nil && len(unplaced) > 0 {
		rest.SetError(strings.Join(unplaced, "；"))
	}
	return true
}

// KeysHint is the line at the bottom of a screen that lists its keys: small, in the text colour
// (a grey "low importance" label is too pale to read on the office theme).
func KeysHint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	l.Wrapping = fyne.TextWrapWord // a long line (English) goes on below rather than being cut off
	return l
}

// FieldRow is one label | field row for FormGrid; the hint (may be nil) sits under the field.
func FieldRow(label string, field fyne.CanvasObject, hint *HintLabel) []fyne.CanvasObject {
	l := widget.NewLabel(label)
	if hint == nil {
		return []fyne.CanvasObject{l, field}
	}
	return []fyne.CanvasObject{l, container.NewVBox(field, hint)}
}

// FormGrid lays FieldRow rows out in two columns, labels on the left.
func FormGrid(rows ...[]fyne.CanvasObject) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, r := range rows {
		objs = append(objs, r...)
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// MoneyLabel shows an amount as ¥1,234.50, right-aligned, for lists and totals.
func MoneyLabel(m data.Money) *widget.Label {
	l := widget.NewLabel(m.String())
	l.Alignment = fyne.TextAlignTrailing
	return l
}

// SetMoney updates a label made by MoneyLabel (e.g. a reused table cell).
func SetMoney(l *widget.Label, m data.Money) {
	l.Alignment = fyne.TextAlignTrailing
	l.SetText(m.String())
}

// DateField is a date entry: typed in any format data.ParseDate reads (2025-6-26, 2025/06/26,
// 2025年6月26日, 20250626), or picked from a month calendar with Chinese headings — the
// calendar button, or ↓ in the field, opens it.
type DateField struct {
	ParsedField[data.Date]
	win    fyne.Window
	popup  *widget.PopUp
	picker *datePicker
}

// NewDateField makes a date field; win (may be nil: the field's own canvas is used) hosts the calendar.
func NewDateField(win fyne.Window) *DateField {
	f := &DateField{win: win}
	f.init(f, data.ParseDate, data.Date.String)
	f.SetPlaceHolder("2025-06-26")
	f.ActionItem = NewIconTap(theme.CalendarIcon(), f.OpenPicker)
	f.keyHook = func(ev *fyne.KeyEvent) bool {
		if ev.Name == fyne.KeyDown {
			f.OpenPicker()
			return true
		}
		return false
	}
	return f
}

// NewDateFieldAt is a date field showing d, or today when d is zero (a new record).
func NewDateFieldAt(win fyne.Window, d data.Date) *DateField {
	f := NewDateField(win)
	if d.IsZero() {
		d = data.Today()
	}
	f.SetValue(d)
	return f
}

// OpenPicker shows the calendar under the field, at the typed date or today.
func (f *DateField) OpenPicker() {
	start, err := data.ParseDate(f.Text)
	if err != nil {
		start = data.Today()
	}
	c := f.pickerCanvas()
	if c == nil {
		return
	}
	f.picker = newDatePicker(start, func(d data.Date) {
		f.closePicker()
		f.SetValue(d)
		if f.OnEdit != nil {
			f.OnEdit()
		}
	}, f.closePicker)
	f.popup = widget.NewPopUp(f.picker, c)
	f.popup.ShowAtPosition(popUpPlace(c, f, f.popup.MinSize()))
	c.Focus(f.picker)
}

// popUpPlace is where a drop-down of the given size goes: under the field, or above it when the
// window has no room below (the last lines of a long grid), and never past the right edge.
func popUpPlace(c fyne.Canvas, field fyne.CanvasObject, size fyne.Size) fyne.Position {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(field)
	below := pos.Add(fyne.NewPos(0, field.Size().Height))
	cs := c.Size()
	if below.Y+size.Height > cs.Height && pos.Y-size.Height >= 0 {
		below.Y = pos.Y - size.Height
	}
	if below.X+size.Width > cs.Width {
		below.X = max(0, cs.Width-size.Width)
	}
	return below
}

// PickerOpen reports whether the calendar is showing.
func (f *DateField) PickerOpen() bool { return f.popup != nil && f.popup.Visible() }

func (f *DateField) closePicker() {
	if f.popup != nil {
		f.popup.Hide()
		f.popup = nil
	}
	if c := f.pickerCanvas(); c != nil {
		c.Focus(f)
	}
}

// pickerCanvas is the window's canvas (or, without a window, the one the field is on).
func (f *DateField) pickerCanvas() fyne.Canvas {
	if f.win != nil {
		return f.win.Canvas()
	}
	return f.canvas()
}

// datePicker is a month grid with Chinese headings (2025年6月, 一 … 日), Monday first.
// Keys: arrows move a day or a week, PageUp/PageDown a month, Enter picks, Esc closes.
type datePicker struct {
	widget.BaseWidget
	cursor  data.Date
	onPick  func(data.Date)
	onClose func()

	header *widget.Label
	days   [42]*widget.Button
	first  data.Date // the date shown in the top-left cell
	body   fyne.CanvasObject
}

func newDatePicker(start data.Date, onPick func(data.Date), onClose func()) *datePicker {
	p := &datePicker{cursor: start, onPick: onPick, onClose: onClose}
	p.header = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.moveMonths(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.moveMonths(1) })
	week := container.NewGridWithColumns(7)
	for _, w := range strings.Fields(lang.X("date.weekdays", "一 二 三 四 五 六 日")) {
		week.Add(widget.NewLabelWithStyle(w, fyne.TextAlignCenter, fyne.TextStyle{}))
	}
	grid := container.NewGridWithColumns(7)
	for i := range p.days {
		p.days[i] = widget.NewButton("", func() { p.onPick(p.first.AddDays(i)) })
		grid.Add(p.days[i])
	}
	today := widget.NewButton(lang.X("date.today", "今天"), func() { p.onPick(data.Today()) })
	p.body = container.NewVBox(container.NewBorder(nil, nil, prev, next, p.header), week, grid,
		container.NewHBox(layout.NewSpacer(), today))
	p.ExtendBaseWidget(p)
	p.update()
	return p
}

func (p *datePicker) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.body) }

// Month is the year and month the grid shows.
func (p *datePicker) Month() (int, int) { return p.cursor.Year(), p.cursor.Month() }

// Header is the heading text, e.g. 2025年6月.
func (p *datePicker) Header() string { return p.header.Text }

func (p *datePicker) update() {
	y, m := p.cursor.Year(), p.cursor.Month()
	p.header.SetText(lang.X("date.month", "{{.Year}}年{{.Month}}月", map[string]any{"Year": y, "Month": m}))
	first := data.MustDate(y, m, 1)
	offset := (int(first.Time().Weekday()) + 6) % 7 // Monday first
	p.first = first.AddDays(-offset)
	today := data.Today()
	for i, b := range p.days {
		d := p.first.AddDays(i)
		b.SetText(strconv.Itoa(d.Day()))
		switch {
		case d == p.cursor:
			b.Importance = widget.HighImportance
		case d.Month() != m:
			b.Importance = widget.LowImportance
		case d == today:
			b.Importance = widget.WarningImportance
		default:
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
}

func (p *datePicker) moveDays(n int) {
	p.cursor = p.cursor.AddDays(n)
	p.update()
}

func (p *datePicker) moveMonths(n int) {
	y, m := p.cursor.Year(), p.cursor.Month()-1+n
	y += m / 12
	if m %= 12; m < 0 {
		m += 12
		y--
	}
	d := min(p.cursor.Day(), daysInMonth(y, m+1))
	if nd, err := data.NewDate(y, m+1, d); err == nil {
		p.cursor = nd
	}
	p.update()
}

func daysInMonth(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func (p *datePicker) FocusGained()   {}
func (p *datePicker) FocusLost()     {}
func (p *datePicker) TypedRune(rune) {}

func (p *datePicker) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft:
		p.moveDays(-1)
	case fyne.KeyRight:
		p.moveDays(1)
	case fyne.KeyUp:
		p.moveDays(-7)
	case fyne.KeyDown:
		p.moveDays(7)
	case fyne.KeyPageUp:
		p.moveMonths(-1)
	case fyne.KeyPageDown:
		p.moveMonths(1)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		p.onPick(p.cursor)
	case fyne.KeyEscape:
		p.onClose()
	}
}

// IconTap is a small tappable icon that never takes keyboard focus, so Tab skips it.
type IconTap struct {
	widget.BaseWidget
	icon  *widget.Icon
	onTap func()
}

func NewIconTap(res fyne.Resource, onTap func()) *IconTap {
	t := &IconTap{icon: widget.NewIcon(res), onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

func (t *IconTap) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.icon) }
func (t *IconTap) Tapped(*fyne.PointEvent)             { t.onTap() }
func (t *IconTap) Cursor() desktop.Cursor              { return desktop.PointerCursor }

// CompletionField is a text entry with a drop-down of suggestions from suggest (called with the
// text typed so far). ↑/↓ move in the list, Enter or Tab take the highlighted suggestion and move
// on, Esc closes the list and keeps what was typed (so a new name can be entered).
type CompletionField struct {
	FieldEntry
	Hint *HintLabel
	// OnEdit runs after the user changes the text, by typing or by taking a suggestion.
	OnEdit func()
	// MaxSuggestions caps the list (default 8).
	MaxSuggestions int

	suggest func(query string) []string
	popup   *widget.PopUp
	list    *suggestionList
	pausing bool
}

func NewCompletionField(suggest func(query string) []string) *CompletionField {
	f := &CompletionField{Hint: NewHintLabel(), suggest: suggest, MaxSuggestions: 8}
	f.extend(f)
	f.Entry.OnChanged = func(string) {
		if f.pausing {
			return
		}
		f.Hint.SetError("")
		f.ShowSuggestions()
		if f.OnEdit != nil {
			f.OnEdit()
		}
	}
	f.keyHook = func(ev *fyne.KeyEvent) bool {
		if ev.Name == fyne.KeyDown || ev.Name == fyne.KeyUp {
			f.ShowSuggestions()
			return true
		}
		return false
	}
	return f
}

// SetText sets the text without opening the suggestions.
func (f *CompletionField) SetText(s string) {
	f.pausing = true
	f.Entry.SetText(s)
	f.pausing = false
}

// SetError shows msg under the field ("" clears it).
func (f *CompletionField) SetError(msg string) { f.Hint.SetError(msg) }

// Suggestions is what the drop-down offers now (nil when it is closed).
func (f *CompletionField) Suggestions() []string {
	if !f.SuggestionsOpen() {
		return nil
	}
	return f.list.items
}

// SuggestionsOpen reports whether the drop-down is showing.
func (f *CompletionField) SuggestionsOpen() bool { return f.popup != nil && f.popup.Visible() }

// ShowSuggestions opens (or refreshes) the drop-down for the current text; no match closes it.
func (f *CompletionField) ShowSuggestions() {
	c := f.canvas()
	if c == nil || f.suggest == nil {
		return
	}
	items := f.suggest(strings.TrimSpace(f.Text))
	if n := f.MaxSuggestions; n > 0 && len(items) > n {
		items = items[:n]
	}
	if len(items) == 0 {
		f.HideSuggestions()
		return
	}
	sel := 0
	for i, it := range items {
		if it == strings.TrimSpace(f.Text) {
			sel = i
			break
		}
	}
	if f.list == nil {
		f.list = newSuggestionList(f)
	}
	f.list.setItems(items, sel)
	if f.popup == nil {
		f.popup = widget.NewPopUp(f.list, c)
	}
	size := fyne.NewSize(max(f.Size().Width, 160), f.list.MinSize().Height)
	f.popup.Resize(size)
	f.popup.ShowAtPosition(popUpPlace(c, f, size))
	// Keys go to the overlay's focused object while it shows; the list hands typing back to us.
	c.Focus(f.list)
}

func (f *CompletionField) HideSuggestions() {
	if f.popup != nil && f.popup.Visible() {
		f.popup.Hide()
		if c := f.canvas(); c != nil {
			c.Focus(f)
		}
	}
}

// accept puts suggestion i into the field and closes the drop-down.
func (f *CompletionField) accept(i int) {
	if f.list == nil || i < 0 || i >= len(f.list.items) {
		f.HideSuggestions()
		return
	}
	s := f.list.items[i]
	f.SetText(s)
	f.CursorColumn = len([]rune(s))
	f.Refresh()
	f.HideSuggestions()
	if f.OnEdit != nil {
		f.OnEdit()
	}
}

// suggestionList is the drop-down's content. It holds the keyboard focus while shown (Fyne sends
// keys to the top overlay) and passes typing on to the field.
type suggestionList struct {
	widget.BaseWidget
	owner *CompletionField
	items []string
	sel   int
	box   *fyne.Container
	rows  []*suggestionRow
}

func newSuggestionList(owner *CompletionField) *suggestionList {
	l := &suggestionList{owner: owner, box: container.NewVBox()}
	l.ExtendBaseWidget(l)
	return l
}

func (l *suggestionList) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(l.box) }

func (l *suggestionList) setItems(items []string, sel int) {
	l.items, l.sel = items, sel
	for len(l.rows) < len(items) {
		i := len(l.rows)
		r := newSuggestionRow(func() { l.owner.accept(i) })
		l.rows = append(l.rows, r)
	}
	objs := make([]fyne.CanvasObject, len(items))
	for i, it := range items {
		l.rows[i].set(it, i == sel)
		objs[i] = l.rows[i]
	}
	l.box.Objects = objs
	l.box.Refresh()
}

func (l *suggestionList) move(d int) {
	n := len(l.items)
	if n == 0 {
		return
	}
	l.sel = ((l.sel+d)%n + n) % n
	for i := range l.items {
		l.rows[i].set(l.items[i], i == l.sel)
	}
}

func (l *suggestionList) FocusGained() {}
func (l *suggestionList) FocusLost()   {}

// AcceptsTab keeps Tab here, so it takes the suggestion before the focus moves on.
func (l *suggestionList) AcceptsTab() bool { return true }

func (l *suggestionList) TypedRune(r rune) { l.owner.TypedRune(r) }

func (l *suggestionList) TypedKey(ev *fyne.KeyEvent) {
	f := l.owner
	switch ev.Name {
	case fyne.KeyDown:
		l.move(1)
	case fyne.KeyUp:
		l.move(-1)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyTab:
		f.accept(l.sel)
		f.FieldEntry.TypedKey(ev)
	case fyne.KeyEscape:
		f.HideSuggestions()
	default:
		f.Entry.TypedKey(ev)
	}
}

// TypedShortcut: window shortcuts (Ctrl+S …) take the highlighted suggestion first — what the
// user sees is what gets saved; editing shortcuts (paste …) go to the field.
func (l *suggestionList) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && isWindowShortcut(cs) {
		l.owner.accept(l.sel)
	}
	l.owner.TypedShortcut(s)
}

// suggestionRow is one line of the drop-down; the highlighted one has a tinted background.
type suggestionRow struct {
	widget.BaseWidget
	bg    *canvas.Rectangle
	label *widget.Label
	onTap func()
}

func newSuggestionRow(onTap func()) *suggestionRow {
	r := &suggestionRow{bg: canvas.NewRectangle(color.Transparent), label: widget.NewLabel(""), onTap: onTap}
	r.ExtendBaseWidget(r)
	return r
}

func (r *suggestionRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.bg, r.label))
}

func (r *suggestionRow) set(text string, selected bool) {
	r.label.SetText(text)
	if selected {
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	} else {
		r.bg.FillColor = color.Transparent
	}
	r.bg.Refresh()
}

func (r *suggestionRow) Tapped(*fyne.PointEvent) { r.onTap() }

// NoteField is a multi-line entry whose window shortcuts (Ctrl+S …) still reach the screen.
type NoteField struct {
	widget.Entry
	Hint *HintLabel
}

func NewNoteField() *NoteField {
	f := &NoteField{Hint: NewHintLabel()}
	f.MultiLine = true
	f.Wrapping = fyne.TextWrapWord
	f.SetMinRowsVisible(3)
	f.ExtendBaseWidget(f)
	return f
}

// SetError shows msg under the field ("" clears it).
func (f *NoteField) SetError(msg string) { f.Hint.SetError(msg) }

// TypedShortcut passes Ctrl+letter shortcuts to the window, as FieldEntry does.
func (f *NoteField) TypedShortcut(s fyne.Shortcut) {
	if forwardWindowShortcut(f, s) {
		return
	}
	f.Entry.TypedShortcut(s)
}

// TypedKey leaves the field at Esc so the next Esc cancels the form.
func (f *NoteField) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		if c := fyne.CurrentApp().Driver().CanvasForObject(f); c != nil {
			c.Unfocus()
		}
		return
	}
	f.Entry.TypedKey(ev)
}

// CheckGrid is a multi-choice of names laid out in columns, so a long list wraps instead of
// widening the window the way a horizontal CheckGroup does.
type CheckGrid struct {
	widget.BaseWidget
	box       *fyne.Container
	checks    []*widget.Check
	OnChanged func()
	ReadOnly  bool // the ticks show but cannot be changed (set before SetOptions)
}

func NewCheckGrid(columns int, changed func()) *CheckGrid {
	g := &CheckGrid{box: container.NewGridWithColumns(columns), OnChanged: changed}
	g.ExtendBaseWidget(g)
	return g
}

func (g *CheckGrid) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(g.box) }

// SetOptions replaces the names offered, keeping the ticks of names still offered.
func (g *CheckGrid) SetOptions(names []string) {
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
		if g.ReadOnly {
			c.Disable()
		}
		g.checks = append(g.checks, c)
		g.box.Add(c)
	}
	g.box.Refresh()
}

// Selected lists the ticked names in the order offered.
func (g *CheckGrid) Selected() []string {
	var out []string
	for _, c := range g.checks {
		if c.Checked {
			out = append(out, c.Text)
		}
	}
	return out
}

// SetSelected ticks exactly the given names, without calling OnChanged.
func (g *CheckGrid) SetSelected(names []string) {
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
func (g *CheckGrid) Toggle(name string) {
	for _, c := range g.checks {
		if c.Text == name {
			c.SetChecked(!c.Checked)
		}
	}
}

// CountField is a whole number of households (or a year): digits only, empty means 0.
type CountField struct {
	ParsedField[int]
}

// ParseCount reads a whole number from 0 to 1,000,000; an empty text is 0.
func ParseCount(s string) (int, error) {
	s = strings.TrimSpace(data.Halfwidth(s))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 1000000 {
		return 0, &data.FieldError{Key: "err.count.invalid", Msg: lang.L("请填写整数，例如 25")}
	}
	return n, nil
}

func NewCountField() *CountField {
	f := &CountField{}
	f.init(f, ParseCount, func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	})
	f.Optional = true
	f.SetPlaceHolder("0")
	return f
}

// PercentField is a percentage with up to two decimals (5, 2.5, 5.25%), held as basis points
// (525); empty means 0.
type PercentField struct {
	ParsedField[int]
}

// ParsePercent reads a percentage from 0 to 100 with up to two decimals as basis points
// (5.25 → 525); an empty text is 0.
func ParsePercent(s string) (int, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(data.Halfwidth(s)), "%"))
	if s == "" {
		return 0, nil
	}
	bad := &data.FieldError{Key: "err.percent.invalid", Msg: lang.L("请填写0到100之间的百分数，最多两位小数，例如 5 或 2.5")}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || len(whole) > 3 || whole+frac == "" || !digitsOnly(whole) || !digitsOnly(frac) {
		return 0, bad
	}
	n, _ := strconv.Atoi("0" + whole)
	f, _ := strconv.Atoi((frac + "00")[:2])
	if bp := n*100 + f; bp <= 10000 {
		return bp, nil
	}
	return 0, bad
}

func digitsOnly(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// FormatPercent shows basis points as a percentage without needless decimals (525 → 5.25, 500 → 5).
func FormatPercent(bp int) string {
	s := strconv.Itoa(bp/100) + "." + fmt.Sprintf("%02d", bp%100)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

func NewPercentField() *PercentField {
	f := &PercentField{}
	f.init(f, ParsePercent, func(bp int) string {
		if bp == 0 {
			return ""
		}
		return FormatPercent(bp)
	})
	f.Optional = true
	f.SetPlaceHolder("0")
	return f
}
