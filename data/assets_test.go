package data

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

func validAsset(f *ledgerFixture) Asset {
	return Asset{Name: "村集体冷库", VillageID: f.village.ID, Class: "经营性", Source: "村集体自建", Value: 80_000_000, Status: AssetInUse}
}

// The asset register's checks, by field (what a project's asset section checked moved here too).
func TestAssetValidation(t *testing.T) {
	f := newLedgerFixture(t)
	p := validProject(f)
	noErr(t, f.s.SaveProject(&p))
	first := validAsset(f)
	noErr(t, f.s.SaveAsset(&first))
	if first.Code != "ZC-0001" {
		t.Fatalf("generated code %q", first.Code)
	}
	cases := []struct {
		name       string
		edit       func(a *Asset)
		field, key string
	}{
		{"code duplicate", func(a *Asset) { a.Code = "ZC-0001" }, "Code", "err.asset.code.duplicate"},
		{"name required", func(a *Asset) { a.Name = "" }, "Name", "err.asset.name.required"},
		{"name long", func(a *Asset) { a.Name = long(61) }, "Name", "err.asset.name.long"},
		{"village required", func(a *Asset) { a.VillageID = 0 }, "VillageID", "err.asset.village_id.required"},
		{"class", func(a *Asset) { a.Class = "固定资产" }, "Class", "err.asset.class.invalid"},
		{"class required", func(a *Asset) { a.Class = "" }, "Class", "err.asset.class.invalid"},
		{"source", func(a *Asset) { a.Source = "买的" }, "Source", "err.asset.source.invalid"},
		{"project required for 衔接资金形成", func(a *Asset) { a.Source = AssetSourceProject }, "ProjectID", "err.asset.project_id.required"},
		{"project missing", func(a *Asset) { a.Source, a.ProjectID = AssetSourceProject, 999 }, "ProjectID", "err.asset.project_id.missing"},
		{"project with another source", func(a *Asset) { a.ProjectID = p.ID }, "ProjectID", "err.asset.project_id.source"},
		{"formed range", func(a *Asset) { a.Formed = MustDate(1950, 1, 1).AddDays(-1) }, "Formed", "err.asset.formed.range"},
		{"value negative", func(a *Asset) { a.Value = -1 }, "Value", "err.asset.value.negative"},
		{"negative area", func(a *Asset) { a.Quantity = -500 }, "Quantity", "err.asset.quantity.negative"},
		{"unit long", func(a *Asset) { a.Unit = "平方米平方米平方米" }, "Unit", "err.asset.unit.long"},
		{"status", func(a *Asset) { a.Status = "" }, "Status", "err.asset.status.invalid"},
		{"disposed without a date", func(a *Asset) { a.Status = AssetDisposed }, "DisposedOn", "err.asset.disposed_on.required"},
		{"disposed before formed", func(a *Asset) {
			a.Status, a.Formed, a.DisposedOn = AssetDisposed, day("2020-05-01"), day("2020-04-30")
		}, "DisposedOn", "err.asset.disposed_on.before"},
		{"owner long", func(a *Asset) { a.Owner = long(61) }, "Owner", "err.asset.owner.long"},
		{"depreciation years", func(a *Asset) { a.DepreciationYears = 101 }, "DepreciationYears", "err.asset.depreciation_years.range"},
		{"residual rate", func(a *Asset) { a.ResidualBP = 10001 }, "ResidualBP", "err.asset.residual_bp.range"},
		{"depreciation needs the date formed", func(a *Asset) { a.DepreciationYears = 20 }, "Formed", "err.asset.formed.required"},
		{"note long", func(a *Asset) { a.Note = long(2001) }, "Note", "err.asset.note.long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := validAsset(f)
			c.edit(&a)
			wantProblem(t, f.s.SaveAsset(&a), c.field, c.key)
		})
	}
	if n := countRows(t, f.s, "SELECT count(*) FROM assets"); n != 1 {
		t.Fatalf("%d assets saved", n)
	}
	// An asset keeps the link to its project after the project is deleted; a new one cannot take it.
	a := validAsset(f)
	a.Source, a.ProjectID = AssetSourceProject, p.ID
	noErr(t, f.s.SaveAsset(&a))
	noErr(t, f.s.DeleteProject(p.ID))
	a.Value = 1
	noErr(t, f.s.SaveAsset(&a))
	b := validAsset(f)
	b.Source, b.ProjectID = AssetSourceProject, p.ID
	wantProblem(t, f.s.SaveAsset(&b), "ProjectID", "err.asset.project_id.missing")
	rows, err := f.s.ListAssets(AssetFilter{ProjectID: p.ID}, 0, 10)
	noErr(t, err)
	if len(rows) != 1 || rows[0].Project != p.Name || !rows[0].ProjectDeleted {
		t.Fatalf("rows %+v", rows)
	}
	// A deleted asset's code comes back with it unless another took it.
	noErr(t, f.s.DeleteAsset(first.ID))
	taken := validAsset(f)
	taken.Code = "ZC-0001"
	noErr(t, f.s.SaveAsset(&taken))
	wantProblem(t, f.s.RestoreAsset(first.ID), "", "err.asset.restore.duplicate")
	if code, _ := f.s.NextAssetCode(f.village.ID); code != "ZC-0003" {
		t.Fatalf("next code %q", code)
	}
	verifyOK(t, f.s)
}

// 净值 is straight-line by whole months from the month after the asset was formed, down to the residual.
func TestAssetNetValue(t *testing.T) {
	a := Asset{Value: 10_000_000, Formed: day("2024-03-10"), DepreciationYears: 10, ResidualBP: 500}
	for at, want := range map[string]Money{
		"2024-01-01": 10_000_000, // before it was formed
		"2024-03-31": 10_000_000, // its own month: nothing yet
		"2024-04-01": 9_920_833,  // one month: 9,500,000 / 120 = 79,166.67
		"2025-03-31": 9_050_000,  // twelve months: 950,000
		"2034-03-31": 500_000,    // fully depreciated: the residual 5%
		"2050-01-01": 500_000,
	} {
		if got := a.NetValue(day(at)); got != want {
			t.Errorf("at %s: %v, want %v", at, got, want)
		}
	}
	a.DepreciationYears = 0
	if a.NetValue(day("2050-01-01")) != a.Value {
		t.Fatal("without depreciation the net value is the original value")
	}
	a.DepreciationYears, a.Formed = 10, Date{}
	if a.NetValue(day("2050-01-01")) != a.Value {
		t.Fatal("without a date formed nothing is depreciated")
	}
}

// The register pages like the other ledgers, its totals add every page, and ProjectAssets
// and the asset a contract lets show in the rows.
func TestAssetRegisterPagesAndTotals(t *testing.T) {
	f := newLedgerFixture(t)
	f.s.now = func() time.Time { return day("2026-03-31").Time() }
	var want AssetTotals
	for i := range 25 {
		a := validAsset(f)
		a.Name, a.Value = "仓库"+string(rune('A'+i)), Money(i+1)*100_000
		a.Formed, a.DepreciationYears = day("2025-03-15"), 10
		if i%5 == 0 {
			a.Status = AssetIdle
		}
		noErr(t, f.s.SaveAsset(&a))
		want.Count++
		want.Value += a.Value
		want.NetValue += a.NetValue(day("2026-03-31"))
	}
	var got []AssetRow
	for offset := 0; ; offset += 10 {
		page, err := f.s.ListAssets(AssetFilter{VillageID: f.village.ID}, offset, 10)
		noErr(t, err)
		got = append(got, page...)
		if len(page) < 10 {
			break
		}
	}
	n, err := f.s.CountAssets(AssetFilter{VillageID: f.village.ID})
	noErr(t, err)
	if len(got) != 25 || n != 25 || got[0].Code != "ZC-0001" || got[24].Code != "ZC-0025" {
		t.Fatalf("%d rows, count %d", len(got), n)
	}
	if idle, _ := f.s.CountAssets(AssetFilter{Status: AssetIdle}); idle != 5 {
		t.Fatalf("%d idle", idle)
	}
	if tot, err := f.s.AssetTotals(AssetFilter{}); err != nil || tot != want {
		t.Fatalf("totals %+v %v, want %+v", tot, err, want)
	}
	if got[1].NetValue != got[1].Asset.NetValue(day("2026-03-31")) || got[1].NetValue == got[1].Value {
		t.Fatalf("row net value %v", got[1].NetValue)
	}
	let := validContract(f)
	let.AssetID, let.Start, let.End = got[3].ID, day("2026-01-01"), day("2027-12-31")
	noErr(t, f.s.SaveContract(&let))
	rows, err := f.s.ListAssets(AssetFilter{Search: got[3].Name}, 0, 10)
	noErr(t, err)
	if len(rows) != 1 || rows[0].ContractID != let.ID || rows[0].Contract != let.Code+" 东洼机动地" {
		t.Fatalf("let asset row %+v", rows)
	}
}

// A file from before the register (its projects holding their assets) opens with every project
// asset moved into the register, linked to its project, nothing lost, and the audit chain whole.
func TestMigrationMovesProjectAssetsIntoTheRegister(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v5.db")
	db, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)")
	noErr(t, err)
	noErr(t, migrate(db, 4))
	now := "2024-01-01T00:00:00Z"
	for _, q := range []string{
		`INSERT INTO villages(id, uuid, name, created_at, updated_at) VALUES (1, 'u-v1', '东泉村', '` + now + `', '` + now + `'), (2, 'u-v2', '西岭村', '` + now + `', '` + now + `')`,
		// 1: an earning asset with everything filled in and a handover date; 2: no asset;
		// 3: a deleted project's asset; 4: a 联建 project across both villages, value only.
		`INSERT INTO projects(id, uuid, name, type, year_started, asset_kind, asset_value, asset_owner, asset_description, created_at, updated_at, deleted_at) VALUES
			(1, '0f8fad5b-d9cb-469f-a165-70867728950e', '大樱桃种植大棚', '产业发展', 2023, '经营性', 114000000, '村集体', '6座冬暖式大棚，已确权', '` + now + `', '` + now + `', NULL),
			(2, 'u-p2', '村内路灯安装', '基础设施', 2023, '', 0, '', '', '` + now + `', '` + now + `', NULL),
			(3, 'u-p3', '旧冷库', '产业发展', 2022, '经营性', 5000000, '', '', '` + now + `', '` + now + `', '` + now + `'),
			(4, 'u-p4', '果品分拣中心', '产业发展', 2024, '公益性', 285000000, '', '', '` + now + `', '` + now + `', NULL)`,
		`INSERT INTO project_villages(project_id, village_id) VALUES (1, 1), (2, 1), (3, 2), (4, 2), (4, 1)`,
		`INSERT INTO stage_changes(uuid, project_id, stage, date, created_at, updated_at) VALUES
			('u-s1', 1, '资产移交', '2024-03-01', '` + now + `', '` + now + `'), ('u-s2', 1, '运营管护', '2024-04-01', '` + now + `', '` + now + `')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	noErr(t, migrate(db, 5)) // the chain starts here, as on a file last written by the version before the register
	noErr(t, db.Close())

	s, err := OpenExisting(path)
	noErr(t, err)
	defer s.Close()
	rows, err := s.ListAssets(AssetFilter{}, 0, 10)
	noErr(t, err)
	type moved struct {
		code, name, class, owner, note, uuid string
		village, project                     int64
		value                                Money
		formed                               Date
	}
	var got []moved
	for _, r := range rows {
		if r.Source != AssetSourceProject || r.Status != "" || r.Quantity != 0 {
			t.Errorf("%s: source %q status %q quantity %v", r.Name, r.Source, r.Status, r.Quantity)
		}
		got = append(got, moved{r.Code, r.Name, r.Class, r.Owner, r.Note, r.UUID, r.VillageID, r.ProjectID, r.Value, r.Formed})
	}
	want := []moved{
		{"ZC-0001", "大樱桃种植大棚", "经营性", "村集体", "6座冬暖式大棚，已确权", "0f8fad5b-d9cb-869f-a165-70867728950e", 1, 1, 114000000, day("2024-03-01")},
		{"ZC-0002", "旧冷库", "经营性", "", "", "u-p3-asset", 2, 3, 5000000, Date{}},
		{"ZC-0003", "果品分拣中心", "公益性", "", "", "u-p4-asset", 1, 4, 285000000, Date{}},
	}
	if len(got) != len(want) {
		t.Fatalf("moved %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("asset %d\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	if !rows[1].ProjectDeleted {
		t.Error("the deleted project's asset does not say so")
	}
	// The project keeps its old fields, read only; its holdings come from the register.
	p, err := s.GetProject(1)
	noErr(t, err)
	if p.AssetKind != "经营性" || p.AssetValue != 114000000 || p.AssetDescription != "6座冬暖式大棚，已确权" {
		t.Fatalf("project %+v", p)
	}
	h, err := s.ProjectHoldings(1)
	noErr(t, err)
	if h.Assets != 1 || h.AssetKind != "经营性" || h.AssetValue != 114000000 {
		t.Fatalf("holdings %+v", h)
	}
	if list, _ := s.ProjectAssets(1); len(list) != 1 || list[0].Code != "ZC-0001" {
		t.Fatalf("project assets %+v", list)
	}
	verifyOK(t, s)

	// Editing the project keeps its asset fields; changing them is refused; the asset is edited in the register.
	p.Note = "已投产"
	noErr(t, s.SaveProject(p))
	p.AssetValue = 1
	wantProblem(t, s.SaveProject(p), "AssetValue", "err.project.asset_value.moved")
	a, err := s.GetAsset(rows[0].ID)
	noErr(t, err)
	a.Status, a.Quantity, a.Unit = AssetLet, 6000, "座"
	noErr(t, s.SaveAsset(a))
	noErr(t, s.SaveAsset(&Asset{Name: "村委会办公楼", VillageID: 1, Class: "公益性", Source: "村集体自建", Status: AssetInUse}))
	verifyOK(t, s)
	if code, _ := s.NextAssetCode(1); code != "ZC-0005" {
		t.Fatalf("next code %q", code)
	}
}
