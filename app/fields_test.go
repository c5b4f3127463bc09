package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// fieldWindow shows objs one under another in a test window with the app's theme and Chinese.
func fieldWindow(t *testing.T, objs ...fyne.CanvasObject) fyne.Window {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	if err := SetupLanguage(LangChinese); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(container.NewVBox(objs...))
	w.Resize(fyne.NewSize(600, 700))
	t.Cleanup(w.Close)
	return w
}

// kbType sends runes to whatever has the keyboard focus, as the desktop driver does.
func kbType(t *testing.T, c fyne.Canvas, s string) {
	t.Helper()
	for _, r := range s {
		f := c.Focused()
		if f == nil {
			t.Fatalf("typing %q: nothing has the focus", s)
		}
		f.TypedRune(r)
	}
}

// kbPress delivers a key the way Fyne's desktop driver does: Tab moves the focus unless the focused
// widget accepts tabs; other keys go to the focused widget, or to the canvas when none is.
func kbPress(c fyne.Canvas, keys ...fyne.KeyName) {
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

// kbCtrl delivers Ctrl+key the way the desktop driver does: to the focused widget when it handles
// shortcuts, else to the window.
func kbCtrl(t *testing.T, c fyne.Canvas, k fyne.KeyName) {
	t.Helper()
	sc := ctrl(k)
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	shortcutable(t, c).TypedShortcut(sc)
}

// useTestShortcuts lets fields forward window shortcuts to Fyne's test canvas.
func useTestShortcuts(t *testing.T) {
	old := canvasShortcuts
	canvasShortcuts = func(c fyne.Canvas) fyne.Shortcutable { return shortcutable(t, c) }
	t.Cleanup(func() { canvasShortcuts = old })
}

func TestMoneyFieldParsesAndShowsErrorsAsYouType(t *testing.T) {
	f := newMoneyField()
	w := fieldWindow(t, f, f.Hint)
	c := w.Canvas()
	c.Focus(f)
	kbType(t, c, "１,234.5元")
	if v, err := f.Value(); err != nil || v != 123450 {
		t.Fatalf("value %v, %v", v, err)
	}
	if f.Hint.Visible() {
		t.Fatalf("hint shown for a good amount: %q", f.Hint.Text)
	}
	kbType(t, c, "x")
	if got := f.Hint.Error(); !strings.Contains(got, "不能识别的字符") {
		t.Fatalf("hint %q", got)
	}
	if _, err := f.Value(); err == nil {
		t.Fatal("bad amount accepted")
	}
	if f.Text != "１,234.5元x" {
		t.Fatalf("typed text changed to %q", f.Text)
	}
	kbPress(c, fyne.KeyBackspace, fyne.KeyEscape) // leave the field: a good amount is shown plainly
	if f.Text != "1234.50" {
		t.Fatalf("after leaving %q", f.Text)
	}
	f.SetValue(data.Money(-5))
	if f.Text != "-0.05" || f.Hint.Visible() {
		t.Fatalf("SetValue shows %q, hint %q", f.Text, f.Hint.Text)
	}
	f.Clear()
	if _, err := f.Value(); err == nil || !strings.Contains(f.Hint.Error(), "请输入金额") {
		t.Fatalf("empty required amount: %v / %q", err, f.Hint.Error())
	}
	f.Optional = true
	if v, err := f.Value(); err != nil || v != 0 || f.Hint.Visible() {
		t.Fatalf("empty optional amount: %v %v", v, err)
	}
}

func TestQuantityField(t *testing.T) {
	q := newQuantityField()
	edits := 0
	q.OnEdit = func() { edits++ }
	w := fieldWindow(t, q, q.Hint)
	c := w.Canvas()
	c.Focus(q)
	kbType(t, c, "12.5")
	if v, err := q.Value(); err != nil || v != 12500 {
		t.Fatalf("value %v %v", v, err)
	}
	if edits != 4 {
		t.Fatalf("OnEdit ran %d times for 4 keys", edits)
	}
	q.SetValue(data.Quantity(3000))
	if q.Text != "3" || edits != 4 {
		t.Fatalf("SetValue: %q, edits %d", q.Text, edits)
	}
	q.SetText("")
	c.Focus(q)
	kbType(t, c, "1.2345")
	if !strings.Contains(q.Hint.Error(), "三位小数") {
		t.Fatalf("hint %q", q.Hint.Error())
	}
}

func TestFieldsMoveOnWithTabAndEnterAndPassWindowShortcuts(t *testing.T) {
	useTestShortcuts(t)
	a, b, d := newMoneyField(), newQuantityField(), newTextField()
	w := fieldWindow(t, a, b, d)
	c := w.Canvas()
	saved := 0
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { saved++ })
	c.Focus(a)
	kbType(t, c, "5")
	kbPress(c, fyne.KeyReturn)
	if c.Focused() != b {
		t.Fatalf("Enter: focus on %T", c.Focused())
	}
	kbType(t, c, "2")
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab}) // a Tab delivered to the entry itself
	if c.Focused() != d || strings.Contains(b.Text, "\t") {
		t.Fatalf("Tab: focus on %T, quantity %q", c.Focused(), b.Text)
	}
	kbCtrl(t, c, fyne.KeyS)
	if saved != 1 {
		t.Fatal("Ctrl+S in a field did not reach the window")
	}
	kbPress(c, fyne.KeyEscape)
	if c.Focused() != nil {
		t.Fatalf("Esc left focus on %T", c.Focused())
	}
}

func TestDateFieldTypedAndPicked(t *testing.T) {
	f := newDateField(nil) // no window given: the calendar opens on the field's canvas
	next := newTextField()
	w := fieldWindow(t, f, f.Hint, next)
	c := w.Canvas()
	c.Focus(f)
	kbType(t, c, "2025年6月26日")
	if v, err := f.Value(); err != nil || v != data.MustDate(2025, 6, 26) {
		t.Fatalf("typed date %v %v", v, err)
	}
	f.SetText("2025-02-30")
	if !strings.Contains(f.Hint.Error(), "没有30日") {
		t.Fatalf("hint %q", f.Hint.Error())
	}
	f.SetValue(data.MustDate(2025, 6, 26))

	kbPress(c, fyne.KeyDown) // opens the calendar
	if !f.PickerOpen() {
		t.Fatal("↓ did not open the calendar")
	}
	p := f.picker
	if p.Header() != "2025年6月" {
		t.Fatalf("header %q", p.Header())
	}
	md := test.RenderObjectToMarkup(p)
	for _, wd := range []string{"一", "三", "日"} {
		if !strings.Contains(md, ">"+wd+"<") {
			t.Fatalf("weekday %s missing:\n%s", wd, md)
		}
	}
	// 2025-06-01 is a Sunday: the grid starts on Monday 26 May.
	if p.days[0].Text != "26" || p.days[6].Text != "1" {
		t.Fatalf("first row %q … %q", p.days[0].Text, p.days[6].Text)
	}
	kbPress(c, fyne.KeyRight, fyne.KeyUp, fyne.KeyPageDown) // 27 Jun, 20 Jun, 20 Jul
	if p.Header() != "2025年7月" {
		t.Fatalf("after PageDown %q", p.Header())
	}
	kbPress(c, fyne.KeyReturn)
	if f.PickerOpen() || f.Text != "2025-07-20" || c.Focused() != f {
		t.Fatalf("picked %q, open %v, focus %T", f.Text, f.PickerOpen(), c.Focused())
	}
	// A tap on a day picks it.
	f.OpenPicker()
	test.Tap(f.picker.days[9]) // July starts on a Tuesday: second row, Wednesday is 9 July
	if f.Text != "2025-07-09" {
		t.Fatalf("tapped %q", f.Text)
	}
	f.OpenPicker()
	kbPress(c, fyne.KeyEscape)
	if f.PickerOpen() || f.Text != "2025-07-09" {
		t.Fatalf("Esc: open %v, text %q", f.PickerOpen(), f.Text)
	}
}

func TestDatePickerMonthsWrapYears(t *testing.T) {
	fieldWindow(t)
	p := newDatePicker(data.MustDate(2025, 1, 31), func(data.Date) {}, func() {})
	p.moveMonths(-1)
	if p.cursor != data.MustDate(2024, 12, 31) {
		t.Fatal(p.cursor)
	}
	p.moveMonths(2)
	if p.cursor != data.MustDate(2025, 2, 28) || p.Header() != "2025年2月" {
		t.Fatal(p.cursor, p.Header())
	}
}

var fieldCatalog = []string{"大蒜", "大米", "小米", "花生油", "苹果"}

func suggestFrom(list []string) func(string) []string {
	return func(q string) []string {
		var out []string
		for _, s := range list {
			if data.MatchesQuery(s, q) {
				out = append(out, s)
			}
		}
		return out
	}
}

func TestCompletionFieldOffersAndAcceptsByKeyboard(t *testing.T) {
	f := newCompletionField(suggestFrom(fieldCatalog))
	next := newTextField()
	w := fieldWindow(t, f, f.Hint, next)
	c := w.Canvas()
	edits := 0
	f.OnEdit = func() { edits++ }

	c.Focus(f)
	kbType(t, c, "大")
	if got := strings.Join(f.Suggestions(), ","); got != "大蒜,大米" {
		t.Fatalf("suggestions for 大: %q", got)
	}
	kbPress(c, fyne.KeyDown, fyne.KeyReturn)
	if f.Text != "大米" || f.SuggestionsOpen() || c.Focused() != next {
		t.Fatalf("Down+Enter: %q, open %v, focus %T", f.Text, f.SuggestionsOpen(), c.Focused())
	}

	f.SetText("")
	c.Focus(f)
	kbType(t, c, "ds")
	if got := strings.Join(f.Suggestions(), ","); got != "大蒜" {
		t.Fatalf("suggestions for ds: %q", got)
	}
	kbPress(c, fyne.KeyTab)
	if f.Text != "大蒜" || c.Focused() != next {
		t.Fatalf("Tab: %q, focus %T", f.Text, c.Focused())
	}
	if edits == 0 {
		t.Fatal("OnEdit never ran")
	}

	// A new name: type it, Esc closes the list, Tab keeps the typed text.
	f.SetText("")
	c.Focus(f)
	kbType(t, c, "大")
	kbPress(c, fyne.KeyBackspace)
	kbType(t, c, "大葱")
	if f.SuggestionsOpen() {
		t.Fatalf("suggestions for an unknown name: %v", f.Suggestions())
	}
	kbPress(c, fyne.KeyTab)
	if f.Text != "大葱" || c.Focused() != next {
		t.Fatalf("new name: %q, focus %T", f.Text, c.Focused())
	}
	c.Focus(f)
	f.SetText("")
	kbType(t, c, "大")
	kbPress(c, fyne.KeyEscape)
	if f.SuggestionsOpen() || f.Text != "大" || c.Focused() != f {
		t.Fatalf("Esc: open %v, %q, focus %T", f.SuggestionsOpen(), f.Text, c.Focused())
	}
	kbPress(c, fyne.KeyTab)
	if f.Text != "大" {
		t.Fatalf("Tab after Esc changed the text to %q", f.Text)
	}
	// ↑ wraps to the last suggestion; a tap takes one too.
	c.Focus(f)
	kbPress(c, fyne.KeyUp)
	kbPress(c, fyne.KeyUp)
	kbPress(c, fyne.KeyReturn)
	if f.Text != "大米" {
		t.Fatalf("Up wraps: %q", f.Text)
	}
	c.Focus(f)
	f.SetText("")
	kbType(t, c, "米")
	test.Tap(f.list.rows[1])
	if f.Text != "小米" || f.SuggestionsOpen() {
		t.Fatalf("tap: %q", f.Text)
	}
}

func TestShowErrorsPutsMessagesBesideFieldsAndKeepsText(t *testing.T) {
	amount, date, name := newMoneyField(), newDateField(nil), newTextField()
	village := newHintLabel()
	general := newHintLabel()
	fieldWindow(t, amount, amount.Hint, date, date.Hint, name, name.Hint, village, general)
	amount.SetText("12")
	date.SetText("2025-06-26")
	name.SetText("张三")
	ve := &data.ValidationError{}
	ve.Add("Amount", "err.x", "金额要大于0")
	ve.Add("VillageID", "err.y", "请选择村")
	ve.Add("Amount", "err.z", "第二条")
	ve.Add("", "err.w", "这个人的信息已删除")
	if !showErrors(map[string]errorTarget{"Amount": amount, "Date": date, "Name": name, "VillageID": village}, general, ve) {
		t.Fatal("validation error not recognised")
	}
	if amount.Hint.Error() != "金额要大于0" || village.Error() != "请选择村" || date.Hint.Visible() || name.Hint.Visible() {
		t.Fatalf("hints: %q %q %v %v", amount.Hint.Error(), village.Error(), date.Hint.Visible(), name.Hint.Visible())
	}
	if general.Error() != "这个人的信息已删除" {
		t.Fatalf("general %q", general.Error())
	}
	if amount.Text != "12" || date.Text != "2025-06-26" || name.Text != "张三" {
		t.Fatal("typed values lost")
	}
	// A later success clears them.
	showErrors(map[string]errorTarget{"Amount": amount, "VillageID": village}, general, nil)
	if amount.Hint.Visible() || village.Visible() || general.Visible() {
		t.Fatal("hints not cleared")
	}
}

func TestMoneyLabelRightAligned(t *testing.T) {
	l := moneyLabel(123450)
	if l.Text != "¥1,234.50" || l.Alignment != fyne.TextAlignTrailing {
		t.Fatalf("%q %v", l.Text, l.Alignment)
	}
	setMoney(l, -100)
	if l.Text != "-¥1.00" {
		t.Fatal(l.Text)
	}
	var _ = widget.NewLabel
}

func TestDropDownsOpenAboveFieldsNearTheBottom(t *testing.T) {
	f := newCompletionField(suggestFrom(fieldCatalog))
	w := fieldWindow(t)
	w.SetContent(container.NewBorder(nil, f, nil, nil, widget.NewLabel("")))
	w.Resize(fyne.NewSize(400, 300))
	c := w.Canvas()
	c.Focus(f)
	kbType(t, c, "米")
	if !f.SuggestionsOpen() {
		t.Fatal("no suggestions")
	}
	fieldPos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f)
	if p := f.popup.Position(); p.Y+f.popup.Size().Height > fieldPos.Y+1 {
		t.Fatalf("drop-down at %v (height %v) covers or passes the field at %v", p, f.popup.Size().Height, fieldPos)
	}
}
