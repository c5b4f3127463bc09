package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// editEntryAmount types an income entry of 1200 in the form, saves it, opens it again from the
// table and changes the amount to 1300.
func editEntryAmount(t *testing.T, m *MainWindow) *incomeView {
	t.Helper()
	v := incomeOf(t, m)
	typeEntry(t, m, v, "收入", "经营收入", "土地流转费", "1200")
	v.table.Table.Select(widget.TableCellID{Row: 0, Col: 0})
	if v.form.entry.ID == 0 {
		t.Fatal("the saved entry did not open")
	}
	retype(v.form.amount, "1300")
	press(t, m, fyne.KeyS)
	return v
}

// 历史 on the income form shows the entry's history in words, newest first: the edit with the
// amount before and after, then the entry as it was added.
func TestHistoryShowsTheAmountBeforeAndAfterAnEdit(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	v := editEntryAmount(t, m)
	if v.form.historyBtn.Disabled() {
		t.Fatal("历史 is off for a saved entry")
	}
	test.Tap(v.form.historyBtn)
	text := topText(t, m.Env.Win)
	edit, added := strings.Index(text, "修改　集体收支"), strings.Index(text, "新增　集体收支")
	if !strings.Contains(text, "金额：¥1,200.00 → ¥1,300.00") || edit < 0 || added < edit {
		t.Fatalf("the history:\n%s", text)
	}
	if !strings.Contains(text, "明细项目：土地流转费") || !strings.Contains(text, "科目：经营收入") {
		t.Errorf("the entry as added is not listed:\n%s", text)
	}
	tapIn(t, m.Env.Win, "关闭")

	press(t, m, fyne.KeyN) // a new entry has no history yet
	if !v.form.historyBtn.Disabled() {
		t.Error("历史 is on for an entry not saved yet")
	}
}

// In English the history speaks English, values from data's lists included.
func TestHistoryInEnglish(t *testing.T) {
	m, st := englishWindow(t)
	seedVillage(t, st, "东泉村")
	x := &data.CollectiveEntry{Date: data.Today(), VillageID: 1, Direction: data.DirectionIncome,
		Category: data.IncomeOperating, SubItem: "土地流转费", Amount: 1200_00}
	if err := st.SaveEntry(x); err != nil {
		t.Fatal(err)
	}
	x.Amount, x.Category = 1300_00, data.IncomeSubsidy
	if err := st.SaveEntry(x); err != nil {
		t.Fatal(err)
	}
	showHistory(m.Env, "collective_entries", x.ID, "")
	text := topText(t, m.Env.Win)
	for _, want := range []string{"Amount: ¥1,200.00 → ¥1,300.00", "Changed", "Category: Operating revenue → Subsidies"} {
		if !strings.Contains(text, want) {
			t.Errorf("the history lacks %q:\n%s", want, text)
		}
	}
}

func auditLogOf(t *testing.T, m *MainWindow) *auditLogView {
	t.Helper()
	return screenOf[*auditLogView](t, m, "操作日志")
}

// 操作日志 lists every change, narrowed by ledger, action and days; a row opens its changes and
// from there the whole history of its record.
func TestAuditLogFilters(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	seedProject(t, st, "大棚", vil.ID, 100000)
	editEntryAmount(t, m)

	v := auditLogOf(t, m)
	all, err := st.CountHistory(data.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if v.table.Rows() != all || v.count.Text != "共 "+countText(all)+" 条" {
		t.Fatalf("unfiltered: %d rows, %q; the store has %d", v.table.Rows(), v.count.Text, all)
	}
	if got := v.table.CellText(0, 2); got != "修改" {
		t.Errorf("the newest entry is %q", got)
	}

	v.ledger.SetSelected("集体收入")
	if v.table.Rows() != 2 {
		t.Fatalf("集体收入: %d rows", v.table.Rows())
	}
	v.action.SetSelected("修改")
	if v.table.Rows() != 1 || !strings.Contains(v.table.CellText(0, 5), "金额：¥1,200.00 → ¥1,300.00") {
		t.Fatalf("集体收入, 修改: %d rows, %q", v.table.Rows(), v.table.CellText(0, 5))
	}
	v.action.SetSelected("新增")
	v.ledger.SetSelected("帮扶项目")
	if v.table.Rows() != 2 || v.table.CellText(1, 4) != "大棚" || v.table.CellText(0, 3) != "项目资金" {
		t.Fatalf("帮扶项目, 新增: %d rows, %q %q", v.table.Rows(), v.table.CellText(1, 4), v.table.CellText(0, 3))
	}

	v.ledger.SetSelectedIndex(0)
	v.action.SetSelectedIndex(0)
	test.Type(v.from, data.Today().AddDays(1).String())
	if v.table.Rows() != 0 {
		t.Fatalf("from tomorrow: %d rows", v.table.Rows())
	}
	retype(v.to, "2025-13-45")
	if v.to.Hint.Error() == "" || v.table.Rows() != 0 {
		t.Fatalf("a date that does not read: hint %q, %d rows", v.to.Hint.Error(), v.table.Rows())
	}
	retype(v.to, data.Today().AddDays(1).String())
	retype(v.from, data.Today().String())
	if v.table.Rows() != all {
		t.Fatalf("today: %d rows of %d", v.table.Rows(), all)
	}

	v.action.SetSelected("修改")
	v.table.Table.Select(widget.TableCellID{Row: 0, Col: 0})
	if text := topText(t, m.Env.Win); !strings.Contains(text, "金额：¥1,200.00 → ¥1,300.00") {
		t.Fatalf("the entry's dialog:\n%s", text)
	}
	tapIn(t, m.Env.Win, "这条记录的全部历史")
	if text := topText(t, m.Env.Win); !strings.Contains(text, "新增　集体收支") || !strings.Contains(text, "修改　集体收支") {
		t.Fatalf("the record's history:\n%s", text)
	}
}

// 历史 on a project's page includes what hangs on it (its funding).
func TestProjectPageHistoryIncludesItsFunding(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	p := seedProject(t, st, "大棚", vil.ID, 100000)
	pv := projectsOf(t, m)
	pv.table.Table.Select(widget.TableCellID{Row: 1, Col: 0}) // row 0 is the totals row
	if pv.page == nil || pv.page.id() != p.ID {
		t.Fatal("the project did not open")
	}
	test.Tap(pv.page.historyBtn)
	text := topText(t, m.Env.Win)
	if !strings.Contains(text, "修改历史：大棚") || !strings.Contains(text, "新增　项目资金") || !strings.Contains(text, "新增　帮扶项目") {
		t.Fatalf("the project's history:\n%s", text)
	}
}
