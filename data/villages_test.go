package data

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func long(n int) string { return strings.Repeat("长", n) }

func TestVillageValidation(t *testing.T) {
	s := ledgerStore(t)
	noErr(t, s.SaveVillage(&Village{Name: "东泉村"}))
	cases := []struct {
		name       string
		v          Village
		field, key string
	}{
		{"name required", Village{Name: "  "}, "Name", "err.village.name.required"},
		{"name too long", Village{Name: long(61)}, "Name", "err.village.name.long"},
		{"name taken", Village{Name: " 东泉村 "}, "Name", "err.village.name.duplicate"},
		{"town too long", Village{Name: "西岭村", Town: long(61)}, "Town", "err.village.town.long"},
		{"county too long", Village{Name: "西岭村", County: long(61)}, "County", "err.village.county.long"},
		{"note too long", Village{Name: "西岭村", Note: long(2001)}, "Note", "err.village.note.long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := c.v
			err := s.SaveVillage(&v)
			wantProblem(t, err, c.field, c.key)
			if v.ID != 0 || v.UUID != "" {
				t.Fatal("a refused insert must not get an ID")
			}
		})
	}
	if n := countRows(t, s, "SELECT count(*) FROM villages"); n != 1 {
		t.Fatalf("%d villages", n)
	}
}

func TestVillageSaveUpdateAuditDeleteRestore(t *testing.T) {
	s := ledgerStore(t)
	empty, err := s.IsEmpty()
	noErr(t, err)
	if !empty {
		t.Fatal("a new database is empty")
	}
	v := &Village{Name: "东泉村", Town: "柳埠街道"}
	noErr(t, s.SaveVillage(v))
	if v.ID == 0 || len(v.UUID) != 36 {
		t.Fatalf("insert filled %+v", v)
	}
	v.Town = "仲宫街道"
	noErr(t, s.SaveVillage(v))
	got, err := s.GetVillage(v.ID)
	noErr(t, err)
	if got.Town != "仲宫街道" || got.UUID != v.UUID {
		t.Fatalf("%+v", got)
	}
	log, err := s.AuditLog("villages", v.ID, 10)
	noErr(t, err)
	if len(log) != 2 || log[0].Action != "update" || log[1].Action != "insert" {
		t.Fatalf("audit %+v", log)
	}
	var old, new Village
	noErr(t, json.Unmarshal([]byte(log[0].OldJSON), &old))
	noErr(t, json.Unmarshal([]byte(log[0].NewJSON), &new))
	if old.Town != "柳埠街道" || new.Town != "仲宫街道" || log[1].OldJSON != "" {
		t.Fatalf("audit keeps old %q and new %q", log[0].OldJSON, log[0].NewJSON)
	}

	noErr(t, s.DeleteVillage(v.ID))
	if _, err := s.GetVillage(v.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted village still found: %v", err)
	}
	if empty, _ := s.IsEmpty(); !empty {
		t.Fatal("deleted villages do not count")
	}
	noErr(t, s.RestoreVillage(v.ID))
	if vs, _ := s.Villages(); len(vs) != 1 || vs[0].Town != "仲宫街道" {
		t.Fatalf("undo brought back %+v", vs)
	}
	log, _ = s.AuditLog("villages", v.ID, 10)
	if log[0].Action != "restore" || log[1].Action != "delete" || log[1].OldJSON == "" {
		t.Fatalf("audit %+v", log[:2])
	}
	if err := s.DeleteVillage(9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleting a missing row: %v", err)
	}
}

func TestVillageInUseCannotBeDeleted(t *testing.T) {
	f := newLedgerFixture(t)
	err := f.s.DeleteVillage(f.village.ID) // it has a seller
	wantProblem(t, err, "", "err.village.inuse")
}

func TestRestoreRefusedWhenNameTakenMeanwhile(t *testing.T) {
	s := ledgerStore(t)
	v := &Village{Name: "东泉村"}
	noErr(t, s.SaveVillage(v))
	noErr(t, s.DeleteVillage(v.ID))
	noErr(t, s.SaveVillage(&Village{Name: "东泉村"}))
	wantProblem(t, s.RestoreVillage(v.ID), "", "err.village.restore.duplicate")
}

func TestVillageTargets(t *testing.T) {
	f := newLedgerFixture(t)
	s := f.s
	cases := []struct {
		name       string
		t          VillageTarget
		field, key string
	}{
		{"village required", VillageTarget{Year: 2025, Measure: MeasureTotal}, "VillageID", "err.target.village_id.required"},
		{"village missing", VillageTarget{VillageID: 999, Year: 2025, Measure: MeasureTotal}, "VillageID", "err.target.village_id.missing"},
		{"year", VillageTarget{VillageID: f.village.ID, Year: 25, Measure: MeasureTotal}, "Year", "err.target.year.range"},
		{"negative", VillageTarget{VillageID: f.village.ID, Year: 2025, Amount: -1, Measure: MeasureTotal}, "Amount", "err.target.amount.negative"},
		{"measure", VillageTarget{VillageID: f.village.ID, Year: 2025, Measure: "gross"}, "Measure", "err.target.measure.invalid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := c.t
			wantProblem(t, s.SaveVillageTarget(&x), c.field, c.key)
		})
	}
	t1 := &VillageTarget{VillageID: f.village.ID, Year: 2025, Amount: 10_000_000, Measure: MeasureTotal}
	noErr(t, s.SaveVillageTarget(t1))
	t2 := &VillageTarget{VillageID: f.village.ID, Year: 2025, Amount: 20_000_000, Measure: MeasureOperating}
	noErr(t, s.SaveVillageTarget(t2)) // the same year again replaces it
	if t2.ID != t1.ID {
		t.Fatal("a second target for the same year replaces the first")
	}
	got, err := s.VillageTarget(f.village.ID, 2025)
	noErr(t, err)
	if got.Amount != 20_000_000 || got.Measure != MeasureOperating {
		t.Fatalf("%+v", got)
	}
	none, err := s.VillageTarget(f.village.ID, 2024)
	if err != nil || none != nil {
		t.Fatalf("no target: %v %v", none, err)
	}
	t3 := &VillageTarget{VillageID: f.village.ID, Year: 2024, Amount: 1, Measure: MeasureNet}
	noErr(t, s.SaveVillageTarget(t3))
	t3.Year = 2025 // moving it onto a year that has one
	wantProblem(t, s.SaveVillageTarget(t3), "Year", "err.target.year.duplicate")
	noErr(t, s.DeleteVillageTarget(t1.ID))
	if got, _ := s.VillageTarget(f.village.ID, 2025); got != nil {
		t.Fatal("deleted")
	}
	noErr(t, s.RestoreVillageTarget(t1.ID))
	if list, _ := s.VillageTargets(f.village.ID); len(list) != 2 || list[0].Year != 2025 {
		t.Fatalf("%+v", list)
	}
}

func TestPartnerValidation(t *testing.T) {
	s := ledgerStore(t)
	noErr(t, s.SavePartner(&Partner{Name: "济南市农业农村局", Kind: PartnerGovernment, Phone: "0531-86012345"}))
	cases := []struct {
		name       string
		p          Partner
		field, key string
	}{
		{"name required", Partner{Kind: PartnerEnterprise}, "Name", "err.partner.name.required"},
		{"name long", Partner{Name: long(61), Kind: PartnerEnterprise}, "Name", "err.partner.name.long"},
		{"name taken", Partner{Name: "济南市农业农村局", Kind: PartnerGovernment}, "Name", "err.partner.name.duplicate"},
		{"kind", Partner{Name: "某公司", Kind: "公司"}, "Kind", "err.partner.kind.invalid"},
		{"kind empty", Partner{Name: "某公司"}, "Kind", "err.partner.kind.invalid"},
		{"contact long", Partner{Name: "某公司", Kind: PartnerEnterprise, Contact: long(61)}, "Contact", "err.partner.contact.long"},
		{"phone letters", Partner{Name: "某公司", Kind: PartnerEnterprise, Phone: "电话abc"}, "Phone", "err.partner.phone.invalid"},
		{"phone short", Partner{Name: "某公司", Kind: PartnerEnterprise, Phone: "123"}, "Phone", "err.partner.phone.invalid"},
		{"note long", Partner{Name: "某公司", Kind: PartnerEnterprise, Note: long(2001)}, "Note", "err.partner.note.long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.p
			wantProblem(t, s.SavePartner(&p), c.field, c.key)
		})
	}
	p := &Partner{Name: "历下区甸柳社区", Kind: PartnerCommunity, Phone: "１３８１２３４５６７８"}
	noErr(t, s.SavePartner(p))
	if p.Phone != "13812345678" {
		t.Fatalf("phone kept as %q", p.Phone)
	}
	noErr(t, s.DeletePartner(p.ID))
	if list, _ := s.Partners(); len(list) != 1 {
		t.Fatal("deleted partner listed")
	}
	noErr(t, s.RestorePartner(p.ID))
	if list, _ := s.Partners(); len(list) != 2 {
		t.Fatal("restored partner missing")
	}
}

func TestSettings(t *testing.T) {
	s := ledgerStore(t)
	v, err := s.Setting(SettingSecretary)
	if err != nil || v != "" {
		t.Fatalf("unset: %q %v", v, err)
	}
	noErr(t, s.SetSetting(SettingSecretary, " 王立新 "))
	noErr(t, s.SetSetting(SettingSecretary, "李明"))
	noErr(t, s.SetSetting(SettingSecretary, "李明")) // unchanged: no audit row
	if v, _ := s.Setting(SettingSecretary); v != "李明" {
		t.Fatalf("%q", v)
	}
	log, _ := s.AuditLog("settings", 0, 10)
	if len(log) != 2 || !strings.Contains(log[0].OldJSON, "王立新") || !strings.Contains(log[0].NewJSON, "李明") {
		t.Fatalf("%+v", log)
	}
	wantProblem(t, s.SetSetting("", "x"), "Key", "err.setting.key.required")
	wantProblem(t, s.SetSetting(SettingUnit, long(2001)), "Value", "err.setting.value.long")
}
