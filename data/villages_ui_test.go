package data

import (
	"strings"
	"testing"
)

// The village, target and partner checks find what the saves would refuse, and write nothing.
func TestCheckVillageTargetAndPartnerValidateWithoutSaving(t *testing.T) {
	f := newLedgerFixture(t)
	s := f.s
	before := countRows(t, s, "SELECT count(*) FROM villages")
	wantProblem(t, s.CheckVillage(&Village{Name: "  "}), "Name", "err.village.name.required")
	wantProblem(t, s.CheckVillage(&Village{Name: " " + f.village.Name + " "}), "Name", "err.village.name.duplicate")
	wantProblem(t, s.CheckVillage(&Village{Name: "北店村", Town: strings.Repeat("镇", 61)}), "Town", "err.village.town.long")
	v := &Village{Name: "  北店村 "}
	noErr(t, s.CheckVillage(v))
	noErr(t, s.CheckVillage(f.village)) // its own name is no duplicate
	if v.Name != "  北店村 " || countRows(t, s, "SELECT count(*) FROM villages") != before {
		t.Fatalf("CheckVillage changed its input or wrote: %+v", v)
	}

	wantProblem(t, s.CheckVillageTarget(&VillageTarget{VillageID: f.village.ID, Year: 2025, Amount: -1, Measure: MeasureTotal}),
		"Amount", "err.target.amount.negative")
	wantProblem(t, s.CheckVillageTarget(&VillageTarget{VillageID: f.village.ID, Year: 2025, Amount: 100, Measure: "x"}),
		"Measure", "err.target.measure.invalid")
	noErr(t, s.CheckVillageTarget(&VillageTarget{VillageID: f.village.ID, Year: 2025, Amount: 100, Measure: MeasureTotal}))

	wantProblem(t, s.CheckPartner(&Partner{Name: "济南市农业农村局", Kind: PartnerGovernment, Phone: "abc"}), "Phone", "err.partner.phone.invalid")
	noErr(t, s.CheckPartner(&Partner{Name: "济南市农业农村局", Kind: PartnerGovernment, Phone: "０５３１-12345678"}))
	noErr(t, s.SavePartner(&Partner{Name: "济南市农业农村局", Kind: PartnerGovernment}))
	wantProblem(t, s.CheckPartner(&Partner{Name: "济南市农业农村局 ", Kind: PartnerGovernment}), "Name", "err.partner.name.duplicate")
}
