package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit/kittest"
	"cunji/data"
)

func TestWelcomeSavesVillageAndSecretaryThenStaysAway(t *testing.T) {
	m, st := newTestWindow(t)
	w := maybeWelcome(m)
	if w == nil {
		t.Fatal("no welcome on an empty database")
	}
	// A village name is needed: the message shows and nothing typed is lost.
	test.Type(w.secretary, "王志强")
	if w.save() {
		t.Fatal("saved without a village name")
	}
	if w.name.Hint.Error() == "" || w.secretary.Text != "王志强" {
		t.Fatalf("name hint %q, secretary %q", w.name.Hint.Error(), w.secretary.Text)
	}
	test.Type(w.name, "东泉村")
	test.Type(w.town, "龙山街道")
	test.Type(w.county, "章丘区")
	test.Type(w.unit, "济南市农业农村局")
	if !w.save() {
		t.Fatalf("not saved: %q %q", w.name.Hint.Error(), w.others.Error())
	}
	v, err := st.VillageByName("东泉村")
	if err != nil || v.Town != "龙山街道" || v.County != "章丘区" {
		t.Fatalf("village %+v %v", v, err)
	}
	if got, _ := st.Setting(data.SettingSecretary); got != "王志强" {
		t.Errorf("secretary %q", got)
	}
	if got, _ := st.Setting(data.SettingUnit); got != "济南市农业农村局" {
		t.Errorf("unit %q", got)
	}
	if maybeWelcome(m) != nil {
		t.Fatal("welcome shown again on a database with a village")
	}
}

func TestWelcomeDemoOpensItsOwnDatabaseAndComesBackToTheLedger(t *testing.T) {
	m, st := newTestWindow(t)
	ledger := st.Path()
	t.Cleanup(func() { m.Env.Store.Close() })
	w := maybeWelcome(m)
	if w == nil {
		t.Fatal("no welcome")
	}
	run := runner(m)
	run.Hold()
	test.Tap(w.demo)
	if !w.working.Visible() || !w.start.Disabled() || run.Waiting() != 1 {
		t.Error("no sign of work while the demo is made")
	}
	run.Release()
	if w.others.Error() != "" {
		t.Fatalf("the demo did not open: %q", w.others.Error())
	}

	// The window shows a database of its own, and says so.
	demo := m.Env.Store
	if demo.Path() == ledger {
		t.Fatal("the demo went into the ledger")
	}
	if title := m.Env.Win.Title(); !strings.Contains(title, "演示") {
		t.Errorf("title %q does not say 演示", title)
	}
	sum, err := demo.YearSummary(data.Today().Year(), 0)
	if err != nil || sum.Sales.Lines == 0 || sum.Projects.Count == 0 {
		t.Fatalf("demo year empty: %+v %v", sum.Sales, err)
	}
	h := homeOf(t, m)
	if h.salesTotal.Text == "—" || h.salesTotal.Text == "¥0.00" {
		t.Errorf("dashboard on the demo shows %q", h.salesTotal.Text)
	}
	// The ledger's file holds not one demo row.
	real, err := data.OpenExisting(ledger)
	if err != nil {
		t.Fatal(err)
	}
	empty, _ := real.IsEmpty()
	realSum, _ := real.YearSummary(data.Today().Year(), 0)
	real.Close()
	if !empty || realSum.Sales.Lines != 0 || realSum.Projects.Count != 0 || realSum.Income.Total != 0 {
		t.Fatalf("the ledger holds demo rows: empty %v, %+v", empty, realSum)
	}

	// While another window holds the ledger, the way back says so and the demo stays.
	other, err := data.Open(ledger)
	if err != nil {
		t.Fatal(err)
	}
	test.Tap(findButton(t, m.Env.Win.Content(), "返回我的账本"))
	if m.Env.Store != demo || !m.Env.Dialogs.Open() {
		other.Close()
		t.Fatalf("with the ledger held elsewhere: store %s, dialog %v", m.Env.Store.Path(), m.Env.Dialogs.Open())
	}
	other.Close()
	m.Env.Dialogs.Cancel()

	// 返回我的账本 closes the demo and shows the ledger again, welcome and all.
	test.Tap(findButton(t, m.Env.Win.Content(), "返回我的账本"))
	if m.Env.Store.Path() != ledger {
		t.Fatalf("back at %s, want %s", m.Env.Store.Path(), ledger)
	}
	if title := m.Env.Win.Title(); strings.Contains(title, "演示") {
		t.Errorf("title %q after leaving the demo", title)
	}
	if _, err := demo.Villages(); err == nil {
		t.Error("the demo database is still open")
	}
	if !m.Env.Dialogs.Open() {
		t.Error("the empty ledger does not greet again")
	}
	var backLeft bool
	kittest.Walk(m.Env.Win.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "返回我的账本" {
			backLeft = true
		}
	})
	if backLeft {
		t.Error("返回我的账本 still shown on the ledger")
	}
	if err := m.Env.Store.SaveVillage(&data.Village{Name: "东泉村"}); err != nil {
		t.Fatalf("the reopened ledger does not take writes: %v", err)
	}
}
