package app

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit/kittest"
	"cunji/data"
)

// ledgerTestWindow is newTestWindow at a realistic size.
func ledgerTestWindow(t *testing.T) (*MainWindow, *data.Store) {
	t.Helper()
	m, st := newTestWindow(t)
	m.Env.Win.Resize(fyne.NewSize(1400, 900))
	return m, st
}

func seedVillage(t *testing.T, st *data.Store, name string) *data.Village {
	t.Helper()
	v := &data.Village{Name: name, Town: "仲宫街道", County: "历城区"}
	if err := st.SaveVillage(v); err != nil {
		t.Fatal(err)
	}
	return v
}

// press sends a window shortcut the way the desktop driver does when no entry has focus.
func press(t *testing.T, m *MainWindow, k fyne.KeyName) {
	t.Helper()
	windowShortcut(t, m.Env.Win.Canvas(), kittest.Ctrl(k))
}

// pressKey sends a plain key to the window (Delete, Esc) with nothing focused.
func pressKey(m *MainWindow, k fyne.KeyName) {
	m.Env.Win.Canvas().Unfocus()
	m.Env.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k})
}

// retype replaces a field's text by typing over it: the shared fields select their text when they
// gain the focus, as a spreadsheet cell does, so what is typed replaces it.
func retype(e interface {
	fyne.Focusable
	SetText(string)
}, s string) {
	if s == "" {
		e.SetText("")
		return
	}
	e.SetText("x")
	test.Type(e, s)
}

// tapDialogButton taps the button labelled text in the topmost dialog.
func tapDialogButton(t *testing.T, m *MainWindow, text string) {
	t.Helper()
	top := m.Env.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open to tap %q", text)
	}
	var found *widget.Button
	kittest.Walk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("dialog has no button %q", text)
	}
	test.Tap(found)
}

// shownTexts lists the text of every visible label under o, as drawn.
func shownTexts(o fyne.CanvasObject) []string {
	var out []string
	kittest.Walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text != "" {
			out = append(out, l.Text)
		}
	})
	return out
}

// findLabel returns the first visible label under o whose text is text.
func findLabel(o fyne.CanvasObject, text string) *widget.Label {
	var found *widget.Label
	kittest.Walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && found == nil && l.Visible() && l.Text == text {
			found = l
		}
	})
	return found
}

func incomeOf(t *testing.T, m *MainWindow) *incomeView {
	t.Helper()
	return screenOf[*incomeView](t, m, "集体收入")
}

// typeEntry fills the income form as a user would and saves with Ctrl+S from the amount field.
func typeEntry(t *testing.T, m *MainWindow, v *incomeView, dir, category, sub, amount string) {
	t.Helper()
	press(t, m, fyne.KeyN)
	f := v.form
	f.direction.SetSelected(dir)
	f.category.SetSelected(category)
	test.Type(f.subItem, sub)
	test.Type(f.amount, amount)
	f.amount.TypedShortcut(kittest.Ctrl(fyne.KeyS)) // Ctrl+S while typing in the field
}

func TestIncomeEntryTypedSavedListedEditedDeletedAndRestored(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	year := data.Today().Year()
	if err := st.SaveVillageTarget(&data.VillageTarget{VillageID: vil.ID, Year: year, Amount: 10000000, Measure: data.MeasureTotal}); err != nil {
		t.Fatal(err)
	}
	v := incomeOf(t, m)
	if v.form.villageID() != vil.ID {
		t.Fatalf("the only village is not preselected: %d", v.form.villageID())
	}

	// Create by typing.
	press(t, m, fyne.KeyN)
	f := v.form
	retype(f.date, data.Today().String())
	f.category.SetSelected("经营收入")
	test.Type(f.subItem, "土地流转费")
	test.Type(f.amount, "12,345.6")
	test.Type(f.counterparty, "泉乡合作社")
	test.Type(f.voucher, "记-001")
	f.amount.TypedShortcut(kittest.Ctrl(fyne.KeyS))

	if v.table.Rows() != 1 {
		t.Fatalf("table has %d rows after saving", v.table.Rows())
	}
	if got := v.table.CellText(0, 3); got != "土地流转费" {
		t.Fatalf("sub-item cell %q", got)
	}
	if l := findLabel(v.table.Table, "¥12,345.60"); l == nil || l.Alignment != fyne.TextAlignTrailing {
		t.Fatalf("amount not shown right-aligned in the table: %v", shownTexts(v.table.Table))
	}
	rows, err := st.ListEntries(data.EntryFilter{}, 0, 10)
	if err != nil || len(rows) != 1 {
		t.Fatalf("store rows %v %v", rows, err)
	}
	saved := rows[0]
	if saved.Amount != 1234560 || saved.SubItem != "土地流转费" || saved.Counterparty != "泉乡合作社" ||
		saved.Direction != data.DirectionIncome || saved.Category != "经营收入" || saved.VillageID != vil.ID {
		t.Fatalf("stored %+v", saved)
	}
	if !strings.Contains(v.notice.Text(), "已保存") {
		t.Fatalf("notice %q", v.notice.Text())
	}

	// Two more entries; the strip adds them up.
	typeEntry(t, m, v, "支出", "管理费用", "办公费", "345.60")
	typeEntry(t, m, v, "收入", "补助收入", "运转经费补助", "5000")
	if v.table.Rows() != 3 {
		t.Fatalf("%d rows", v.table.Rows())
	}
	wantStrip := map[*widget.Label]string{
		v.stripIncome: "¥17,345.60", v.stripOperating: "¥12,345.60", v.stripExpense: "¥345.60", v.stripNet: "¥17,000.00",
	}
	for l, want := range wantStrip {
		if l.Text != want {
			t.Errorf("strip shows %q, want %q", l.Text, want)
		}
	}
	if findLabel(v.progress, "已完成 17%，距 10 万元目标还差 ¥82,654.40") == nil {
		t.Errorf("progress shows %v", shownTexts(v.progress))
	}

	// Edit: choose the row, change the amount, save.
	row := -1
	for i := 0; i < v.table.Rows(); i++ {
		if v.table.CellText(i, 3) == "土地流转费" {
			row = i
		}
	}
	v.table.Table.Select(widget.TableCellID{Row: row, Col: 0})
	if f.entry.ID != saved.ID || f.amount.Text != "12345.60" {
		t.Fatalf("form did not load the row: id %d amount %q", f.entry.ID, f.amount.Text)
	}
	retype(f.amount, "20000")
	press(t, m, fyne.KeyS)
	x, err := st.GetEntry(saved.ID)
	if err != nil || x.Amount != 2000000 {
		t.Fatalf("after edit %+v %v", x, err)
	}
	if v.stripIncome.Text != "¥25,000.00" {
		t.Fatalf("strip after edit %q", v.stripIncome.Text)
	}

	// Delete with the Delete key, confirm, then undo with Ctrl+Z.
	pressKey(m, fyne.KeyDelete)
	tapDialogButton(t, m, "删除")
	if _, err := st.GetEntry(saved.ID); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("still there after delete: %v", err)
	}
	if v.table.Rows() != 2 || v.stripIncome.Text != "¥5,000.00" {
		t.Fatalf("after delete: %d rows, income %q", v.table.Rows(), v.stripIncome.Text)
	}
	press(t, m, fyne.KeyZ)
	if x, err := st.GetEntry(saved.ID); err != nil || x.Amount != 2000000 {
		t.Fatalf("undo did not restore: %+v %v", x, err)
	}
	if v.table.Rows() != 3 || !strings.Contains(v.notice.Text(), "已恢复") {
		t.Fatalf("after undo: %d rows, notice %q", v.table.Rows(), v.notice.Text())
	}
}

func TestIncomeFormShowsErrorsKeepsTextAndDoesNotSave(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	v := incomeOf(t, m)
	press(t, m, fyne.KeyN)
	f := v.form
	test.Type(f.subItem, "土地流转费")
	test.Type(f.amount, "12.345")
	if got := f.amount.Hint.Error(); !strings.Contains(got, "两位小数") {
		t.Fatalf("amount hint while typing: %q", got)
	}
	if !f.saveBtn.Disabled() {
		t.Fatal("save allowed with a wrong amount")
	}
	press(t, m, fyne.KeyS)
	if n, _ := st.CountEntries(data.EntryFilter{}); n != 0 {
		t.Fatalf("saved %d entries with a wrong amount", n)
	}
	if f.amount.Text != "12.345" || f.subItem.Text != "土地流转费" {
		t.Fatalf("typed text lost: %q %q", f.amount.Text, f.subItem.Text)
	}

	// An empty amount is reported when saving is tried, in the data layer's words.
	retype(f.amount, "")
	press(t, m, fyne.KeyS)
	if got := f.amount.Hint.Error(); got == "" {
		t.Fatal("no message for a missing amount")
	}
	retype(f.amount, "800")
	press(t, m, fyne.KeyS)
	if n, _ := st.CountEntries(data.EntryFilter{}); n != 1 {
		t.Fatalf("%d entries after fixing the amount", n)
	}
}

func TestIncomeSubItemSuggestionsAndProjectLink(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	p := &data.Project{Name: "蔬菜大棚", Type: "产业发展", VillageIDs: []int64{vil.ID}, YearStarted: data.Today().Year()}
	if err := st.SaveProject(p); err != nil {
		t.Fatal(err)
	}
	v := incomeOf(t, m)
	press(t, m, fyne.KeyN)
	f := v.form
	f.category.SetSelected("经营收入")
	test.Type(f.subItem, "租")
	if got := f.subItem.Suggestions(); len(got) == 0 || got[0] != "租赁收入" {
		t.Fatalf("suggestions for 租: %v", got)
	}
	// Close the list first: typing a new name into completionField while its list shows loses the
	// first character when the list closes (fields.go refocuses the field, which selects its text).
	f.subItem.HideSuggestions()
	retype(f.subItem, "大棚租金")
	test.Type(f.amount, "3000")
	f.project.SetSelected("蔬菜大棚")
	press(t, m, fyne.KeyS)
	entries, err := st.ProjectEntries(p.ID)
	if err != nil || len(entries) != 1 || entries[0].SubItem != "大棚租金" {
		t.Fatalf("linked entries %v %v", entries, err)
	}
	if got := v.table.CellText(0, 6); got != "蔬菜大棚" {
		t.Fatalf("project cell %q", got)
	}
	// A sub-item typed once is offered next time.
	press(t, m, fyne.KeyN)
	test.Type(f.subItem, "大棚")
	if got := f.subItem.Suggestions(); len(got) != 1 || got[0] != "大棚租金" {
		t.Fatalf("suggestions for 大棚: %v", got)
	}
	// Filtering by the project shows its entry only.
	v.project.SetSelected("蔬菜大棚")
	if v.table.Rows() != 1 || v.filter.ProjectID != p.ID {
		t.Fatalf("project filter: %d rows", v.table.Rows())
	}
}

func TestIncomeUnsavedTypingAsksBeforeLeavingAndYearFollowsSavedEntry(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	v := incomeOf(t, m)
	press(t, m, fyne.KeyN)
	test.Type(v.form.amount, "66")
	m.Select(projectsAt)
	if m.Current() != incomeAt {
		t.Fatal("left the income screen with unsaved typing")
	}
	tapDialogButton(t, m, "继续编辑")
	if v.form.amount.Text != "66" {
		t.Fatalf("typing lost: %q", v.form.amount.Text)
	}
	// An entry dated in another year is saved, and the year filter moves to it so it shows.
	lastYear := data.Today().Year() - 1
	retype(v.form.date, strconv.Itoa(lastYear)+"-12-30")
	press(t, m, fyne.KeyS)
	if v.filter.Year != lastYear || v.table.Rows() != 1 || v.stripIncome.Text != "¥66.00" {
		t.Fatalf("year filter %d, %d rows, income %q", v.filter.Year, v.table.Rows(), v.stripIncome.Text)
	}
	// Esc with nothing unsaved starts a new entry; typing then Esc asks first.
	test.Type(v.form.amount, "5")
	pressKey(m, fyne.KeyEscape)
	tapDialogButton(t, m, "不保存")
	if v.form.amount.Text != "" || v.form.entry.ID != 0 {
		t.Fatalf("cancel kept %q (id %d)", v.form.amount.Text, v.form.entry.ID)
	}
	m.Select(projectsAt)
	if m.Current() != projectsAt {
		t.Fatal("a clean form kept the screen")
	}
}

// Ctrl+N puts the cursor in the form's first field, so a new entry is typed without the mouse.
func TestIncomeNewFocusesTheFirstField(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	v := incomeOf(t, m)
	press(t, m, fyne.KeyN)
	if got := m.Env.Win.Canvas().Focused(); got != v.form.date {
		t.Fatalf("focus after Ctrl+N is %T, want the date field", got)
	}
}

// After a refused save the income screen's "N places to fix" message goes once all are fixed.
func TestIncomeProblemsMessageGoesWhenFixed(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	v := incomeOf(t, m)
	press(t, m, fyne.KeyN)
	f := v.form
	press(t, m, fyne.KeyS)
	if got := v.notice.Text(); !strings.Contains(got, "处需要修改") || !f.saveBtn.Disabled() {
		t.Fatalf("after the refused save: %q", got)
	}
	f.direction.SetSelected("收入")
	f.category.SetSelected(f.category.Options[0])
	test.Type(f.subItem, "土地流转费")
	test.Type(f.amount, "100")
	if got := v.notice.Text(); got != "" || f.saveBtn.Disabled() {
		t.Fatalf("all fixed: notice %q, save disabled %v (%d problems)", got, f.saveBtn.Disabled(), f.lc.Problems())
	}
}

// Tab moves through the income form one field at a time: 收支 is one stop, and ←/→ switch it.
func TestIncomeDirectionIsOneTabStop(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	v := incomeOf(t, m)
	press(t, m, fyne.KeyN)
	f := v.form
	c := m.Env.Win.Canvas()
	c.Focus(f.village)
	kittest.Press(c, fyne.KeyTab)
	if c.Focused() != f.direction {
		t.Fatalf("Tab from 村 reaches %T", c.Focused())
	}
	kittest.Press(c, fyne.KeyRight)
	if f.directionValue() != data.DirectionExpense || f.category.Selected != "" && !strings.Contains(strings.Join(f.category.Options, ","), f.category.Selected) {
		t.Fatalf("→: direction %q, category %q of %v", f.directionValue(), f.category.Selected, f.category.Options)
	}
	kittest.Press(c, fyne.KeyTab)
	if c.Focused() != f.category {
		t.Fatalf("Tab from 收支 reaches %T", c.Focused())
	}
}

// Issue 9: an amount over ¥100亿 or a date outside 1950–2100 is refused while typing, by field, and nothing is saved.
func TestIncomeFormRefusesHugeAmountsAndFarDatesAsYouType(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	v := incomeOf(t, m)
	press(t, m, fyne.KeyN)
	f := v.form
	test.Type(f.subItem, "土地流转费")
	test.Type(f.amount, "92233720368547758.07")
	if got := f.amount.Hint.Error(); !strings.Contains(got, "100亿") {
		t.Fatalf("amount hint while typing: %q", got)
	}
	retype(f.amount, "800")
	retype(f.date, "1949-12-31")
	if got := f.date.Hint.Error(); !strings.Contains(got, "1950") {
		t.Fatalf("date hint while typing: %q", got)
	}
	press(t, m, fyne.KeyS)
	if n, _ := st.CountEntries(data.EntryFilter{}); n != 0 {
		t.Fatalf("saved %d entries with a far date", n)
	}
	if f.date.Text != "1949-12-31" || f.amount.Text != "800" {
		t.Fatalf("typed text lost: %q %q", f.date.Text, f.amount.Text)
	}
}
