package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

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

func TestWelcomeLoadsDemoDataIntoTheOpenDatabase(t *testing.T) {
	m, st := newTestWindow(t)
	w := maybeWelcome(m)
	if w == nil {
		t.Fatal("no welcome")
	}
	// The demo's writes run here rather than in a goroutine: other screens refresh from their
	// change callbacks, which Fyne's test driver would run on the writing goroutine.
	var busy bool
	w.background = func(f func()) {
		busy = w.working.Visible() && w.start.Disabled()
		f()
	}
	w.loadDemo()
	if !busy {
		t.Error("no sign of work while the demo is made")
	}
	if !w.demoWritten.Load() {
		t.Fatal("demo not written")
	}
	pumpUI()
	if w.finished.Load() != 1 || w.err != nil {
		t.Fatalf("finished %d err %v", w.finished.Load(), w.err)
	}
	sum, err := st.YearSummary(data.Today().Year(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Sales.Lines == 0 || sum.Projects.Count == 0 {
		t.Fatalf("demo year empty: %+v", sum.Sales)
	}
	h := homeOf(t, m)
	waitLoads(t, h, h.loads.Load())
	if h.salesTotal.Text == "—" || h.salesTotal.Text == "¥0.00" {
		t.Errorf("dashboard after the demo shows %q", h.salesTotal.Text)
	}
	if maybeWelcome(m) != nil {
		t.Fatal("welcome shown again after the demo")
	}
}
