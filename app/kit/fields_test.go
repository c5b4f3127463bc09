package kit_test

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/app/kit/kittest"
	"cunji/data"
)

// fieldWindow shows objs one under another in a test window.
func fieldWindow(t *testing.T, objs ...fyne.CanvasObject) fyne.Window {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewWindow(container.NewVBox(objs...))
	w.Resize(fyne.NewSize(600, 700))
	t.Cleanup(w.Close)
	return w
}

func TestMoneyFieldParsesAndShowsErrorsAsYouType(t *testing.T) {
	f := kit.NewMoneyField()
	w := fieldWindow(t, f, f.Hint)
	c := w.Canvas()
	c.Focus(f)
	kittest.Type(t, c, "１,234.5元")
	if v, err := f.Value(); err != nil || v != 123450 {
		t.Fatalf("value %v, %v", v, err)
	}
	if f.Hint.Visible() {
		t.Fatalf("hint shown for a good amount: %q", f.Hint.Text)
	}
	kittest.Type(t, c, "x")
	if got := f.Hint.Error(); !strings.Contains(got, "不能识别的字符") {
		t.Fatalf("hint %q", got)
	}
	if _, err := f.Value(); err == nil {
		t.Fatal("bad amount accepted")
	}
	if f.Text != "１,234.5元x" {
		t.Fatalf("typed text changed to %q", f.Text)
	}
	kittest.Press(c, fyne.KeyBackspace, fyne.KeyEscape) // leave the field: a good amount is shown plainly
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
	q := kit.NewQuantityField()
	edits := 0
	q.OnEdit = func() { edits++ }
	w := fieldWindow(t, q, q.Hint)
	c := w.Canvas()
	c.Focus(q)
	kittest.Type(t, c, "12.5")
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
	kittest.Type(t, c, "1.2345")
	if !strings.Contains(q.Hint.Error(), "三位小数") {
		t.Fatalf("hint %q", q.Hint.Error())
	}
}

// A percentage reads as basis points from what people type (5, 2.5, 5.25%, full-width), shows
// itself plainly once left, and says what is wrong with more than two decimals or more than 100.
func TestPercentField(t *testing.T) {
	p := kit.NewPercentField()
	w := fieldWindow(t, p, p.Hint)
	c := w.Canvas()
	for _, x := range []struct {
		in string
		bp int
	}{{"5", 500}, {"2.5", 250}, {"5.25%", 525}, {"１００％", 10000}, {".5", 50}, {"", 0}} {
		p.SetText("")
		c.Focus(p)
		kittest.Type(t, c, x.in)
		if v, err := p.Value(); err != nil || v != x.bp {
			t.Errorf("%q: %v %v", x.in, v, err)
		}
	}
	for _, bad := range []string{"5.255", "101", "abc", "-3", "."} {
		p.SetText("")
		c.Focus(p)
		kittest.Type(t, c, bad)
		if _, err := p.Value(); err == nil || !strings.Contains(p.Hint.Error(), "0到100之间的百分数") {
			t.Errorf("%q accepted or unexplained: %q", bad, p.Hint.Error())
		}
	}
	p.SetText("")
	c.Focus(p)
	kittest.Type(t, c, "2.50%")
	kittest.Press(c, fyne.KeyEscape)
	if p.Text != "2.5" {
		t.Fatalf("after leaving %q", p.Text)
	}
}

func TestFieldsMoveOnWithTabAndEnterAndPassWindowShortcuts(t *testing.T) {
	a, b, d := kit.NewMoneyField(), kit.NewQuantityField(), kit.NewTextField()
	w := fieldWindow(t, a, b, d)
	c := w.Canvas()
	saved := 0
	kit.AddWindowShortcut(c, &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { saved++ })
	c.Focus(a)
	kittest.Type(t, c, "5")
	kittest.Press(c, fyne.KeyReturn)
	if c.Focused() != b {
		t.Fatalf("Enter: focus on %T", c.Focused())
	}
	kittest.Type(t, c, "2")
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab}) // a Tab delivered to the entry itself
	if c.Focused() != d || strings.Contains(b.Text, "\t") {
		t.Fatalf("Tab: focus on %T, quantity %q", c.Focused(), b.Text)
	}
	kittest.PressCtrl(t, c, fyne.KeyS)
	if saved != 1 {
		t.Fatal("Ctrl+S in a field did not reach the window")
	}
	kittest.Press(c, fyne.KeyEscape)
	if c.Focused() != nil {
		t.Fatalf("Esc left focus on %T", c.Focused())
	}
}

func TestDateFieldTypedAndPicked(t *testing.T) {
	f := kit.NewDateField(nil) // no window given: the calendar opens on the field's canvas
	next := kit.NewTextField()
	w := fieldWindow(t, f, f.Hint, next)
	c := w.Canvas()
	c.Focus(f)
	kittest.Type(t, c, "2025年6月26日")
	if v, err := f.Value(); err != nil || v != data.MustDate(2025, 6, 26) {
		t.Fatalf("typed date %v %v", v, err)
	}
	f.SetText("2025-02-30")
	if !strings.Contains(f.Hint.Error(), "没有30日") {
		t.Fatalf("hint %q", f.Hint.Error())
	}
	f.SetValue(data.MustDate(2025, 6, 26))

	kittest.Press(c, fyne.KeyDown) // opens the calendar
	if !f.PickerOpen() {
		t.Fatal("↓ did not open the calendar")
	}
	p := f.Picker()
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
	if p.Day(0).Text != "26" || p.Day(6).Text != "1" {
		t.Fatalf("first row %q … %q", p.Day(0).Text, p.Day(6).Text)
	}
	kittest.Press(c, fyne.KeyRight, fyne.KeyUp, fyne.KeyPageDown) // 27 Jun, 20 Jun, 20 Jul
	if p.Header() != "2025年7月" {
		t.Fatalf("after PageDown %q", p.Header())
	}
	kittest.Press(c, fyne.KeyReturn)
	if f.PickerOpen() || f.Text != "2025-07-20" || c.Focused() != f {
		t.Fatalf("picked %q, open %v, focus %T", f.Text, f.PickerOpen(), c.Focused())
	}
	// A tap on a day picks it.
	f.OpenPicker()
	test.Tap(f.Picker().Day(9)) // July starts on a Tuesday: second row, Wednesday is 9 July
	if f.Text != "2025-07-09" {
		t.Fatalf("tapped %q", f.Text)
	}
	f.OpenPicker()
	kittest.Press(c, fyne.KeyEscape)
	if f.PickerOpen() || f.Text != "2025-07-09" {
		t.Fatalf("Esc: open %v, text %q", f.PickerOpen(), f.Text)
	}
}

func TestDatePickerMonthsWrapYears(t *testing.T) {
	fieldWindow(t)
	p := kit.NewDatePicker(data.MustDate(2025, 1, 31), func(data.Date) {}, func() {})
	p.MoveMonths(-1)
	if p.Cursor() != data.MustDate(2024, 12, 31) {
		t.Fatal(p.Cursor())
	}
	p.MoveMonths(2)
	if p.Cursor() != data.MustDate(2025, 2, 28) || p.Header() != "2025年2月" {
		t.Fatal(p.Cursor(), p.Header())
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
	f := kit.NewCompletionField(suggestFrom(fieldCatalog))
	next := kit.NewTextField()
	w := fieldWindow(t, f, f.Hint, next)
	c := w.Canvas()
	edits := 0
	f.OnEdit = func() { edits++ }

	c.Focus(f)
	kittest.Type(t, c, "大")
	if got := strings.Join(f.Suggestions(), ","); got != "大蒜,大米" {
		t.Fatalf("suggestions for 大: %q", got)
	}
	kittest.Press(c, fyne.KeyDown, fyne.KeyReturn)
	if f.Text != "大米" || f.SuggestionsOpen() || c.Focused() != next {
		t.Fatalf("Down+Enter: %q, open %v, focus %T", f.Text, f.SuggestionsOpen(), c.Focused())
	}

	f.SetText("")
	c.Focus(f)
	kittest.Type(t, c, "ds")
	if got := strings.Join(f.Suggestions(), ","); got != "大蒜" {
		t.Fatalf("suggestions for ds: %q", got)
	}
	kittest.Press(c, fyne.KeyTab)
	if f.Text != "大蒜" || c.Focused() != next {
		t.Fatalf("Tab: %q, focus %T", f.Text, c.Focused())
	}
	if edits == 0 {
		t.Fatal("OnEdit never ran")
	}

	// A new name: type it, Esc closes the list, Tab keeps the typed text.
	f.SetText("")
	c.Focus(f)
	kittest.Type(t, c, "大")
	kittest.Press(c, fyne.KeyBackspace)
	kittest.Type(t, c, "大葱")
	if f.SuggestionsOpen() {
		t.Fatalf("suggestions for an unknown name: %v", f.Suggestions())
	}
	kittest.Press(c, fyne.KeyTab)
	if f.Text != "大葱" || c.Focused() != next {
		t.Fatalf("new name: %q, focus %T", f.Text, c.Focused())
	}
	c.Focus(f)
	f.SetText("")
	kittest.Type(t, c, "大")
	kittest.Press(c, fyne.KeyEscape)
	if f.SuggestionsOpen() || f.Text != "大" || c.Focused() != f {
		t.Fatalf("Esc: open %v, %q, focus %T", f.SuggestionsOpen(), f.Text, c.Focused())
	}
	kittest.Press(c, fyne.KeyTab)
	if f.Text != "大" {
		t.Fatalf("Tab after Esc changed the text to %q", f.Text)
	}
	// ↑ wraps to the last suggestion; a tap takes one too.
	c.Focus(f)
	kittest.Press(c, fyne.KeyUp)
	kittest.Press(c, fyne.KeyUp)
	kittest.Press(c, fyne.KeyReturn)
	if f.Text != "大米" {
		t.Fatalf("Up wraps: %q", f.Text)
	}
	c.Focus(f)
	f.SetText("")
	kittest.Type(t, c, "米")
	test.Tap(f.SuggestionRow(1))
	if f.Text != "小米" || f.SuggestionsOpen() {
		t.Fatalf("tap: %q", f.Text)
	}
}

func TestShowErrorsPutsMessagesBesideFieldsAndKeepsText(t *testing.T) {
	amount, date, name := kit.NewMoneyField(), kit.NewDateField(nil), kit.NewTextField()
	village := kit.NewHintLabel()
	general := kit.NewHintLabel()
	fieldWindow(t, amount, amount.Hint, date, date.Hint, name, name.Hint, village, general)
	amount.SetText("12")
	date.SetText("2025-06-26")
	name.SetText("张三")
	ve := &data.ValidationError{}
	ve.Add("Amount", "err.x", "金额要大于0")
	ve.Add("VillageID", "err.y", "请选择村")
	ve.Add("Amount", "err.z", "第二条")
	ve.Add("", "err.w", "这个人的信息已删除")
	if !kit.ShowErrors(map[string]kit.ErrorTarget{"Amount": amount, "Date": date, "Name": name, "VillageID": village}, general, ve) {
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
	kit.ShowErrors(map[string]kit.ErrorTarget{"Amount": amount, "VillageID": village}, general, nil)
	if amount.Hint.Visible() || village.Visible() || general.Visible() {
		t.Fatal("hints not cleared")
	}
}

func TestMoneyLabelRightAligned(t *testing.T) {
	l := kit.MoneyLabel(123450)
	if l.Text != "¥1,234.50" || l.Alignment != fyne.TextAlignTrailing {
		t.Fatalf("%q %v", l.Text, l.Alignment)
	}
	kit.SetMoney(l, -100)
	if l.Text != "-¥1.00" {
		t.Fatal(l.Text)
	}
	var _ = widget.NewLabel
}

func TestDropDownsOpenAboveFieldsNearTheBottom(t *testing.T) {
	f := kit.NewCompletionField(suggestFrom(fieldCatalog))
	w := fieldWindow(t)
	w.SetContent(container.NewBorder(nil, f, nil, nil, widget.NewLabel("")))
	w.Resize(fyne.NewSize(400, 300))
	c := w.Canvas()
	c.Focus(f)
	kittest.Type(t, c, "米")
	if !f.SuggestionsOpen() {
		t.Fatal("no suggestions")
	}
	fieldPos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f)
	if p := f.PopUp().Position(); p.Y+f.PopUp().Size().Height > fieldPos.Y+1 {
		t.Fatalf("drop-down at %v (height %v) covers or passes the field at %v", p, f.PopUp().Size().Height, fieldPos)
	}
}
