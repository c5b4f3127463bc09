package app

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"cunji/app/kit"
	"cunji/data"
)

func settingsOf(t *testing.T, m *MainWindow) *settingsView {
	t.Helper()
	return screenOf[*settingsView](t, m, "设置")
}

func TestSettingsAddVillageWithTargetThatTargetProgressUses(t *testing.T) {
	m, st := newTestWindow(t)
	s := settingsOf(t, m)
	e := s.editVillage(nil)
	test.Type(e.name, "东泉村")
	test.Type(e.town, "龙山街道")
	test.Type(e.county, "章丘区")
	test.Type(e.amount, "100,000")
	e.measure.SetSelectedIndex(1) // 经营性收入
	if !e.Save() {
		t.Fatalf("not saved: %q %q", e.name.Hint.Error(), e.amount.Hint.Error())
	}
	v, err := st.VillageByName("东泉村")
	if err != nil {
		t.Fatal(err)
	}
	if v.Town != "龙山街道" || v.County != "章丘区" {
		t.Fatalf("village %+v", v)
	}
	year := data.Today().Year()
	if err := st.SaveEntry(&data.CollectiveEntry{Date: data.MustDate(year, 2, 1), VillageID: v.ID, Direction: data.DirectionIncome,
		Category: data.IncomeOperating, Amount: 25000_00}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveEntry(&data.CollectiveEntry{Date: data.MustDate(year, 2, 2), VillageID: v.ID, Direction: data.DirectionIncome,
		Category: data.IncomeSubsidy, Amount: 50000_00}); err != nil {
		t.Fatal(err)
	}
	tp, err := st.TargetProgress(v.ID, year)
	if err != nil {
		t.Fatal(err)
	}
	if !tp.HasTarget || tp.Target != 100000_00 || tp.Measure != data.MeasureOperating || tp.Percent != 25 {
		t.Fatalf("target progress %+v", tp)
	}
	// The list shows the village with its target.
	if !strings.Contains(labelsText(s.villageRows), "东泉村") || !strings.Contains(labelsText(s.villageRows), "¥100,000.00（按经营性收入）") {
		t.Errorf("village list: %q", labelsText(s.villageRows))
	}

	// Editing: clearing the amount removes that year's target; the name change is kept.
	e = s.editVillage(v)
	if e.amount.Text != "100000.00" || e.measure.SelectedIndex() != 1 {
		t.Fatalf("editor shows target %q measure %d", e.amount.Text, e.measure.SelectedIndex())
	}
	e.name.SetText("东泉新村")
	e.amount.SetText("")
	if !e.Save() {
		t.Fatal("edit not saved")
	}
	if tp, _ := st.TargetProgress(v.ID, year); tp.HasTarget {
		t.Errorf("target kept after clearing: %+v", tp)
	}
	if got, _ := st.GetVillage(v.ID); got.Name != "东泉新村" {
		t.Errorf("renamed to %q", got.Name)
	}
}

func TestSettingsVillageErrorsKeepWhatWasTyped(t *testing.T) {
	m, st := newTestWindow(t)
	if err := st.SaveVillage(&data.Village{Name: "东泉村"}); err != nil {
		t.Fatal(err)
	}
	s := settingsOf(t, m)
	e := s.editVillage(nil)
	test.Type(e.name, "东泉村")
	test.Type(e.town, "龙山街道")
	test.Type(e.amount, "12.345")
	if e.Save() {
		t.Fatal("saved a bad amount")
	}
	if e.amount.Hint.Error() == "" {
		t.Error("no message under the amount")
	}
	e.amount.SetText("5000")
	if e.Save() {
		t.Fatal("saved a duplicate village")
	}
	if !strings.Contains(e.name.Hint.Error(), "同名") {
		t.Errorf("name message %q", e.name.Hint.Error())
	}
	if e.town.Text != "龙山街道" || e.amount.Text != "5000" || !m.Env.Dialogs.Open() {
		t.Error("typed values lost or dialog closed on an error")
	}
}

func TestSettingsPartnersMeAndDeleteUndo(t *testing.T) {
	m, st := newTestWindow(t)
	s := settingsOf(t, m)
	e := s.editPartner(nil)
	test.Type(e.name, "济南市农业农村局")
	e.kind.SetSelectedIndex(0)
	test.Type(e.contact, "王五")
	test.Type(e.phone, "0531-12345678")
	if !e.Save() {
		t.Fatalf("partner not saved: %q %q", e.name.Hint.Error(), e.phone.Hint.Error())
	}
	ps, _ := st.Partners()
	if len(ps) != 1 || ps[0].Kind != data.PartnerGovernment || ps[0].Contact != "王五" {
		t.Fatalf("partners %+v", ps)
	}
	if !strings.Contains(labelsText(s.partnerRows), "济南市农业农村局") {
		t.Errorf("partner list %q", labelsText(s.partnerRows))
	}

	test.Type(s.secretary, "王志强")
	test.Type(s.unit, "济南市农业农村局")
	s.saveMe()
	if got, _ := st.Setting(data.SettingSecretary); got != "王志强" {
		t.Errorf("secretary %q", got)
	}
	if got, _ := st.Setting(data.SettingUnit); got != "济南市农业农村局" {
		t.Errorf("unit %q", got)
	}

	// Delete through the store path the confirm dialog takes, then Ctrl+Z restores it.
	if err := st.DeletePartner(ps[0].ID); err != nil {
		t.Fatal(err)
	}
	s.offerUndo(ps[0].Name, func() error { return st.RestorePartner(ps[0].ID) })
	if strings.Contains(labelsText(s.partnerRows), "济南市农业农村局") {
		t.Error("deleted partner still listed")
	}
	m.Select(settingsAt)
	m.act(kit.ActionUndo)
	if ps, _ := st.Partners(); len(ps) != 1 {
		t.Fatal("undo did not restore the partner")
	}
}

func TestSettingsBackupNowListsTheCopy(t *testing.T) {
	m, st := newTestWindow(t)
	s := settingsOf(t, m)
	s.backup.backupNow()
	list, _ := st.Backups()
	if len(list) != 1 {
		t.Fatalf("%d backups", len(list))
	}
	if _, err := os.Stat(list[0]); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s.backup.list.note.Text, "共有1份备份") || len(s.backup.list.rows) != 1 {
		t.Errorf("backup list %q, %d rows", s.backup.list.note.Text, len(s.backup.list.rows))
	}
}

func TestSettingsKeyboardSavesTheDialogAndAsksBeforeLeaving(t *testing.T) {
	m, st := newTestWindow(t)
	s := settingsOf(t, m)
	m.act(kit.ActionNew)
	if !m.Env.Dialogs.Open() {
		t.Fatal("Ctrl+N opened no village dialog")
	}
	test.Type(inDialog[*kit.TextField](t, m), "北店村") // the first field: 村名
	m.act(kit.ActionSave)
	if m.Env.Dialogs.Open() {
		t.Fatal("Ctrl+S left the dialog open")
	}
	if _, err := st.VillageByName("北店村"); err != nil {
		t.Fatal(err)
	}
	m.act(kit.ActionNew)
	m.act(kit.ActionCancel)
	if m.Env.Dialogs.Open() {
		t.Error("Esc left the dialog open")
	}

	// Unsaved typing in 我的信息 keeps the screen until the person answers.
	test.Type(s.secretary, "王志强")
	m.Select(homeAt)
	if m.Current() != settingsAt || !m.Env.Dialogs.Open() {
		t.Fatal("left with unsaved typing")
	}
	m.act(kit.ActionCancel) // Esc: keep editing
	if m.Env.Dialogs.Open() || m.Current() != settingsAt || s.secretary.Text != "王志强" {
		t.Fatal("Esc in the question did not keep the typing")
	}
	// Saving through Ctrl+S clears the question.
	m.act(kit.ActionSave)
	if s.meChanged() {
		t.Error("still marked changed after Ctrl+S")
	}
	if got, _ := st.Setting(data.SettingSecretary); got != "王志强" {
		t.Errorf("secretary %q", got)
	}
	m.Select(homeAt)
	if m.Current() != homeAt {
		t.Error("could not leave after saving")
	}
}

// The village and partner dialogs check as the user types, as every ledger form does: a name
// already taken is pointed out before saving, and saving stays off until it is fixed.
func TestSettingsDialogsCheckAsYouType(t *testing.T) {
	m, st := newTestWindow(t)
	noErr(t, st.SaveVillage(&data.Village{Name: "东泉村"}))
	noErr(t, st.SavePartner(&data.Partner{Name: "济南市农业农村局", Kind: data.PartnerGovernment}))
	s := settingsOf(t, m)
	e := s.editVillage(nil)
	test.Type(e.name, "东泉村")
	if !strings.Contains(e.name.Hint.Error(), "同名") || !findButton(t, m.Env.Win.Canvas().Overlays().Top(), "保存").Disabled() {
		t.Fatalf("while typing a taken name: %q", e.name.Hint.Error())
	}
	test.Type(e.amount, "-5")
	if e.amount.Hint.Error() == "" {
		t.Fatal("a negative target shows nothing while typing")
	}
	test.Type(e.name, "二")
	retype(e.amount, "5000")
	if e.name.Hint.Error() != "" || e.amount.Hint.Error() != "" {
		t.Fatalf("fixed, still %q %q", e.name.Hint.Error(), e.amount.Hint.Error())
	}
	m.act(kit.ActionSave)
	if m.Env.Dialogs.Open() {
		t.Fatal("Ctrl+S did not save the fixed village")
	}

	p := s.editPartner(nil)
	test.Type(p.phone, "abc")
	if !strings.Contains(p.phone.Hint.Error(), "电话号码不对") {
		t.Fatalf("phone while typing: %q", p.phone.Hint.Error())
	}
	test.Type(p.name, "济南市农业农村局")
	if !strings.Contains(p.name.Hint.Error(), "同名") {
		t.Fatalf("partner name while typing: %q", p.name.Hint.Error())
	}
}
