package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit/kittest"
	"cunji/data"
	"cunji/data/report"
)

// englishWindow is a second main window on the same ledger, built in English.
func englishWindow(t *testing.T) (*MainWindow, *data.Store) {
	t.Helper()
	m, st := newTestWindow(t)
	t.Cleanup(func() { SetupLanguage(LangChinese) })
	if err := SetupLanguage(LangEnglish); err != nil {
		t.Fatal(err)
	}
	e := NewMainWindow(m.Env.App, st, "test", &kittest.Runner{})
	e.Env.Win.Show()
	t.Cleanup(e.Env.Win.Close)
	return e, st
}

// The projects list keeps its last column in view: when the table is narrower than all the
// columns, the name column gives way.
func TestProjectsListColumnsFitTheWindow(t *testing.T) {
	m, _ := englishWindow(t)
	pv := projectsOf(t, m)
	for _, w := range []float32{1280, 1024} {
		m.Env.Win.Resize(fyne.NewSize(w, 800))
		tbl := pv.table.Table
		if tbl.ColumnsWidth() > tbl.Size().Width {
			t.Errorf("at %v: columns %v wide in a table %v wide", w, tbl.ColumnsWidth(), tbl.Size().Width)
		}
	}
	m.Env.Win.Resize(fyne.NewSize(1600, 800)) // room enough: every column at its own width
	if got := pv.table.Table.ColumnsWidth(); got < 1066 {
		t.Errorf("wide window: columns %v", got)
	}
}

// English labels on the reports and sales screens: household status translated, no Chinese list
// separator, no "1 lines", the keys help wraps, the workbook is named in English.
func TestEnglishLeftovers(t *testing.T) {
	if got := salesDetail("东泉村 · 脱贫户"); got != "东泉村 · 脱贫户" {
		t.Fatalf("Chinese detail %q", got)
	}
	m, st := englishWindow(t)
	if got := salesDetail("东泉村 · 脱贫户"); got != "东泉村 · Formerly poor" {
		t.Errorf("seller detail %q", got)
	}
	if got := salesDetail("一般户"); got != "Ordinary" {
		t.Errorf("seller detail %q", got)
	}
	if got := salesDetail("12.5斤"); got != "12.5斤" { // a product's quantity and unit are data
		t.Errorf("product detail %q", got)
	}
	row := projectFundsRow(report.ProjectFunds{Name: "大棚", Sources: []report.SourceAmount{
		{Source: "财政衔接资金", Amount: 100000}, {Source: "帮扶单位资金", Amount: 50000}}})
	if strings.Contains(row[3], "；") || !strings.Contains(row[3], "; ") {
		t.Errorf("sources %q", row[3])
	}
	_ = st
	m.Select(salesAt)
	var help *widget.Label
	kittest.Walk(m.View(salesAt).Content, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "Keys:") {
			help = l
		}
	})
	if help == nil {
		t.Fatal("no keys help on the sales screen")
	}
	if help.Truncation != fyne.TextTruncateOff || help.Wrapping != fyne.TextWrapWord {
		t.Errorf("keys help truncation %v wrapping %v", help.Truncation, help.Wrapping)
	}
	for _, k := range []string{"合计 {{.Amount}} · {{.Lines}} 行", "home.count.lines", "backup.count"} {
		if got := lang.X(k, k, map[string]any{"Count": 1, "Lines": 1, "Amount": "¥1.00"}); strings.Contains(got, "1 lines") || strings.Contains(got, "1 backups") {
			t.Errorf("%s: %q", k, got)
		}
	}
	if got := reportsOf(t, m).excelName(2026); got != "Cunji-2026.xlsx" {
		t.Errorf("workbook name %q", got)
	}
}

// An undo the store refuses says why in English when the app speaks English (the dialog showed
// the data layer's Chinese message).
func TestRefusedUndoSpeaksEnglish(t *testing.T) {
	m, st := englishWindow(t)
	vil := seedVillage(t, st, "东泉村")
	p := seedProject(t, st, "冷库建设", vil.ID, 0)
	noErr(t, st.SaveStageChange(&data.StageChange{ProjectID: p.ID, Stage: data.StagePlanning, Date: data.MustDate(2025, 3, 5)}))
	publicity := &data.StageChange{ProjectID: p.ID, Stage: data.StagePublicity, Date: data.MustDate(2025, 3, 10)}
	noErr(t, st.SaveStageChange(publicity))
	pv := projectsOf(t, m)
	pv.deleteChild("公示", func() error { return st.DeleteStageChange(publicity.ID) },
		func() error { return st.RestoreStageChange(publicity.ID) })
	tapDialogButton(t, m, "Delete")
	noErr(t, st.SaveStageChange(&data.StageChange{ProjectID: p.ID, Stage: data.StageListed, Date: data.MustDate(2025, 3, 8)}))
	press(t, m, fyne.KeyZ)
	got := strings.Join(shownTexts(m.Env.Win.Canvas().Overlays().Top()), " ")
	if !strings.Contains(got, "never go backwards") || strings.ContainsAny(got, "阶段日期") {
		t.Fatalf("the refused undo says %q", got)
	}
}
