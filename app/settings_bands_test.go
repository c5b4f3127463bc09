package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cunji/app/kit/kittest"
	"cunji/data"
)

// The bands' bounds are typed in 设置, refused in Chinese with the typing kept when wrong, saved,
// and used by 报表 → 各村对比; 恢复默认 brings back the usual bands.
func TestSettingsIncomeBands(t *testing.T) {
	m, st := newTestWindow(t)
	s := settingsOf(t, m)
	b := &s.bands
	if b.field.Text != "5,10,30,50,100" || !strings.Contains(b.names.Text, "5万以下；5–10万") {
		t.Fatalf("shown %q, %q", b.field.Text, b.names.Text)
	}
	retype(b.field, "10，5")
	m.Env.Win.Canvas().Focus(b.field)
	kittest.Press(m.Env.Win.Canvas(), fyne.KeyReturn)
	if got := b.field.Hint.Error(); !strings.Contains(got, "从小到大") || b.field.Text != "10，5" {
		t.Fatalf("hint %q, field %q", got, b.field.Text)
	}
	if got, _ := st.IncomeBands(); !slices.Equal(got, data.DefaultIncomeBands) {
		t.Fatalf("a wrong setting was stored: %v", got)
	}
	retype(b.field, "3，８、20")
	m.Env.Win.Canvas().Focus(b.field)
	kittest.Press(m.Env.Win.Canvas(), fyne.KeyReturn)
	if got, _ := st.IncomeBands(); got.String() != "3,8,20" {
		t.Fatalf("stored %v", got)
	}
	if b.field.Text != "3,8,20" || b.field.Hint.Error() != "" || !strings.Contains(b.names.Text, "8–20万；20万以上") {
		t.Fatalf("after saving: %q %q %q", b.field.Text, b.field.Hint.Error(), b.names.Text)
	}
	v := seedVillage(t, st, "东山村")
	if err := st.SaveEntry(&data.CollectiveEntry{Date: data.Today(), VillageID: v.ID, Direction: data.DirectionIncome,
		Category: data.IncomeOperating, Amount: 90000_00}); err != nil {
		t.Fatal(err)
	}
	r := reportsOf(t, m)
	if got := findRow(t, r.compare, "东山村"); got[2] != "8–20万" {
		t.Fatalf("band in 各村对比 %q", got[2])
	}
	s = settingsOf(t, m)
	test.Tap(s.bands.reset)
	if got, _ := st.IncomeBands(); !slices.Equal(got, data.DefaultIncomeBands) || s.bands.field.Text != "5,10,30,50,100" {
		t.Fatalf("after 恢复默认: %v, field %q", got, s.bands.field.Text)
	}
}
