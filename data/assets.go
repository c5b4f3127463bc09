package data

import (
	"database/sql"
	"fmt"
)

// AssetKinds are the classes (资产类别) of a collective asset, the same three the assistance
// funds' assets are sorted into.
var AssetKinds = []string{"经营性", "公益性", "到户类"}

// AssetEarning is the class of an asset that earns the collective an income.
const AssetEarning = "经营性"

// AssetOwners are the usual owner levels (所有权归属) offered to a form; any text is accepted.
var AssetOwners = []string{"村集体", "乡镇", "农户", "合作社", "其他"}

// AssetSourceProject is the source of an asset formed by an assistance project (with its link).
const AssetSourceProject = "衔接资金形成"

// AssetSources are where an asset came from (来源).
var AssetSources = []string{AssetSourceProject, "村集体自建", "上级拨付", "捐赠", "其他"}

// Asset statuses (使用状态). An asset let out shows the contract that lets it (AssetRow.Contract).
const (
	AssetInUse    = "村自用"
	AssetLet      = "出租"
	AssetIdle     = "闲置"
	AssetScrapped = "报废"
	AssetDisposed = "已处置"
)

// AssetStatuses lists the statuses in the register's order.
var AssetStatuses = []string{AssetInUse, AssetLet, AssetIdle, AssetScrapped, AssetDisposed}

// Asset is one entry of the asset register (资产台账).
type Asset struct {
	ID                int64
	UUID              string
	Code              string // 资产编号: unique in its village; SaveAsset gives the next ZC-0001… when empty
	Name              string
	VillageID         int64
	Class             string // one of AssetKinds
	Source            string // one of AssetSources
	ProjectID         int64  // the project that formed it (Source AssetSourceProject); 0 otherwise
	Formed            Date   // 形成日期; may be empty for an asset moved from a project without a handover date
	Value             Money  // 原值
	Quantity          Quantity
	Unit              string // 亩, 座, 台, 平方米 …
	Location          string // 存放地点
	Status            string // one of AssetStatuses; "" for an asset moved from a project, not yet recorded
	DisposedOn        Date   // 处置日期, required for AssetDisposed
	Keeper            string // 管护责任人
	Owner             string // 所有权归属
	DepreciationYears int    // straight-line depreciation over this many years; 0: not depreciated
	ResidualBP        int    // 残值率 in basis points (500 = 5%)
	Note              string
}

var assetTable = table[Asset]{
	name: "assets",
	cols: []string{"code", "name", "village_id", "class", "source", "project_id", "formed", "value", "quantity", "unit",
		"location", "status", "disposed_on", "keeper", "owner", "depreciation_years", "residual_bp", "note"},
	fields: func(a *Asset) []any {
		return []any{&a.ID, &a.UUID, &a.Code, &a.Name, &a.VillageID, &a.Class, &a.Source, nullableID{&a.ProjectID}, &a.Formed,
			&a.Value, &a.Quantity, &a.Unit, &a.Location, &a.Status, &a.DisposedOn, &a.Keeper, &a.Owner,
			&a.DepreciationYears, &a.ResidualBP, &a.Note}
	},
}

// Limits of the depreciation terms a form takes.
const (
	maxDepreciationYears = 100
	maxBP                = 10000 // 100 %
)

// NetValue is the asset's value at the end of at's month (净值) under straight-line depreciation
// by whole months: from the month after it was formed (当月增加的资产当月不提折旧) over
// DepreciationYears, down to the residual value (原值 × 残值率). Without depreciation, or without a
// date formed, it is the original value.
func (a *Asset) NetValue(at Date) Money {
	if a.DepreciationYears <= 0 || a.Formed.IsZero() || at.IsZero() || a.Value <= 0 {
		return a.Value
	}
	life := int64(min(a.DepreciationYears, maxDepreciationYears)) * 12
	months := int64((at.Year()*12 + at.Month()) - (a.Formed.Year()*12 + a.Formed.Month()))
	months = max(0, min(months, life))
	residual := roundDiv(int64(a.Value)*int64(max(0, min(a.ResidualBP, maxBP))), maxBP)
	return a.Value - Money(roundDiv((int64(a.Value)-residual)*months, life))
}

// roundDiv is a/b rounded half up, for a ≥ 0 and b > 0.
func roundDiv(a, b int64) int64 { return (a + b/2) / b }

// GetAsset returns a live asset.
func (s *Store) GetAsset(id int64) (*Asset, error) { return assetTable.load(s.db, id, true) }

// NextAssetCode is the code SaveAsset gives a new asset of the village without one: ZC-0001, ZC-0002 …
func (s *Store) NextAssetCode(villageID int64) (string, error) {
	return nextCode(s.db, "assets", villageID, "ZC-", 4)
}

// nextCode is prefix followed by one more than the largest number any row of the village (deleted
// ones too, so a restored row keeps its code) has after prefix, zero-padded to width digits.
func nextCode(q querier, table string, villageID int64, prefix string, width int) (string, error) {
	var n int64
	err := q.QueryRow(`SELECT coalesce(max(CAST(substr(code, ?) AS INTEGER)), 0) FROM `+table+
		` WHERE village_id = ? AND code GLOB ?`, len(prefix)+1, villageID, prefix+"[0-9]*").Scan(&n)
	return fmt.Sprintf("%s%0*d", prefix, width, n+1), err
}

func cleanAsset(a *Asset) {
	a.Code, a.Name, a.Unit = clean(Halfwidth(a.Code)), clean(a.Name), clean(a.Unit)
	a.Location, a.Keeper, a.Owner, a.Note = clean(a.Location), clean(a.Keeper), clean(a.Owner), clean(a.Note)
}

func validateAsset(q querier, a *Asset) error {
	c := newCheck("asset")
	c.maxLen("Code", a.Code, nameLen)
	c.required("Name", a.Name)
	c.maxLen("Name", a.Name, nameLen)
	if err := c.ref(q, "VillageID", "villages", a.VillageID, true); err != nil {
		return err
	}
	if a.VillageID != 0 {
		if err := c.unique(q, "Code", "assets", a.ID, "village_id = ? AND code = ?", a.VillageID, a.Code); err != nil {
			return err
		}
	}
	c.oneOf("Class", a.Class, AssetKinds)
	c.oneOf("Source", a.Source, AssetSources)
	if err := assetProjectRef(q, c, a); err != nil {
		return err
	}
	c.optionalDate("Formed", a.Formed)
	c.amount("Value", a.Value)
	c.notNegative("Quantity", int64(a.Quantity))
	c.maxLen("Unit", a.Unit, unitLen)
	c.maxLen("Location", a.Location, nameLen)
	c.oneOf("Status", a.Status, AssetStatuses)
	switch {
	case a.Status == AssetDisposed && a.DisposedOn.IsZero():
		c.fail("DisposedOn", "required")
	case !a.DisposedOn.IsZero() && !a.DisposedOn.InRange():
		c.fail("DisposedOn", "range")
	case !a.DisposedOn.IsZero() && !a.Formed.IsZero() && a.DisposedOn.Before(a.Formed):
		c.fail("DisposedOn", "before")
	}
	c.maxLen("Keeper", a.Keeper, nameLen)
	c.maxLen("Owner", a.Owner, nameLen)
	c.between("DepreciationYears", a.DepreciationYears, 0, maxDepreciationYears)
	c.between("ResidualBP", a.ResidualBP, 0, maxBP)
	if a.DepreciationYears > 0 && a.Formed.IsZero() && !c.failed("Formed") {
		c.fail("Formed", "required")
	}
	c.maxLen("Note", a.Note, noteLen)
	return c.err()
}

// assetProjectRef checks the link to the project that formed the asset: required for that source,
// refused for the others; a link the saved asset already has is kept when its project was deleted
// since (as collective entries keep theirs).
func assetProjectRef(q querier, c *check, a *Asset) error {
	if a.Source != AssetSourceProject {
		if a.ProjectID != 0 && !c.failed("Source") {
			c.fail("ProjectID", "source")
		}
		return nil
	}
	if a.ID != 0 && a.ProjectID != 0 {
		var kept int
		if err := q.QueryRow("SELECT count(*) FROM assets WHERE id = ? AND project_id = ?", a.ID, a.ProjectID).Scan(&kept); err != nil || kept > 0 {
			return err
		}
	}
	return c.ref(q, "ProjectID", "projects", a.ProjectID, true)
}

// CheckAsset runs SaveAsset's validation without saving, so a form can show problems as the user types.
func (s *Store) CheckAsset(a *Asset) error {
	in := *a
	cleanAsset(&in)
	return validateAsset(s.db, &in)
}

// SaveAsset inserts (ID 0) or updates an asset. An empty code gets the village's next one.
func (s *Store) SaveAsset(a *Asset) error {
	in := *a
	cleanAsset(&in)
	err := s.write(func(tx *Tx) error {
		if in.Code == "" && in.VillageID != 0 {
			var err error
			if in.Code, err = nextCode(tx, "assets", in.VillageID, "ZC-", 4); err != nil {
				return err
			}
		}
		if err := validateAsset(tx, &in); err != nil {
			return err
		}
		return assetTable.save(tx, &in)
	})
	if err == nil {
		*a = in
	}
	return err
}

// DeleteAsset soft-deletes an asset no live contract lets.
func (s *Store) DeleteAsset(id int64) error {
	return s.write(func(tx *Tx) error {
		n, err := queryCount(tx, "SELECT count(*) FROM contracts WHERE asset_id = ? AND deleted_at IS NULL", id)
		if err != nil {
			return err
		}
		if n > 0 {
			c := newCheck("asset")
			c.fail("", "inuse")
			return c.err()
		}
		return assetTable.delete(tx, id)
	})
}

// RestoreAsset undoes DeleteAsset.
func (s *Store) RestoreAsset(id int64) error { return restoreChild(s, assetTable, id) }

// AssetFilter narrows the asset register. Zero fields do not filter.
type AssetFilter struct {
	VillageID int64
	Class     string
	Source    string
	Status    string // AssetIdle lists the idle assets (a 首页 reminder)
	ProjectID int64
	HeldAt    Date   // only assets held at the end of this day: formed by then and not disposed of (the summary's count)
	Search    string // in code, name, location, keeper or note
	AsOf      Date   // the date NetValue and the letting contract are taken at; zero: today
	Sort      string // code, name, class, value, formed, status; "" by code
	Desc      bool
}

// AssetRow is an asset with the names the register shows.
type AssetRow struct {
	Asset
	Village        string
	Project        string // the project that formed it ("" none)
	ProjectDeleted bool   // that project was deleted (the link is kept for undo)
	ContractID     int64  // the live contract letting it at AsOf, else its latest live contract; 0 none
	Contract       string // that contract's code and subject
	NetValue       Money  // at AsOf
}

func (f AssetFilter) where() (string, []any) {
	var c conds
	c.add("a.deleted_at IS NULL")
	if f.VillageID != 0 {
		c.add("a.village_id = ?", f.VillageID)
	}
	if f.Class != "" {
		c.add("a.class = ?", f.Class)
	}
	if f.Source != "" {
		c.add("a.source = ?", f.Source)
	}
	if f.Status != "" {
		c.add("a.status = ?", f.Status)
	}
	if f.ProjectID != 0 {
		c.add("a.project_id = ?", f.ProjectID)
	}
	if !f.HeldAt.IsZero() {
		cond, args := assetHeldCond(f.HeldAt)
		c.add(cond, args...)
	}
	if q := clean(f.Search); q != "" {
		pat := likePattern(q)
		c.add(`(a.code LIKE ? ESCAPE '\' OR a.name LIKE ? ESCAPE '\' OR a.location LIKE ? ESCAPE '\' OR a.keeper LIKE ? ESCAPE '\' OR a.note LIKE ? ESCAPE '\')`,
			pat, pat, pat, pat, pat)
	}
	return c.sql()
}

var assetSorts = map[string]string{
	"code": "a.code, a.id", "name": "a.name, a.id", "class": "a.class, a.code, a.id", "value": "a.value, a.id",
	"formed": "a.formed, a.id", "status": "a.status, a.code, a.id",
}

// assetRowSelect reads AssetRow; its one argument is the AsOf date (for the letting contract).
const assetRowSelect = `SELECT a.id, a.uuid, a.code, a.name, a.village_id, a.class, a.source, coalesce(a.project_id, 0), a.formed,
	a.value, a.quantity, a.unit, a.location, a.status, a.disposed_on, a.keeper, a.owner, a.depreciation_years, a.residual_bp, a.note,
	v.name, coalesce(p.name, ''), p.deleted_at IS NOT NULL, coalesce(ct.id, 0), coalesce(ct.code || ' ' || ct.subject, '')
	FROM assets a JOIN villages v ON v.id = a.village_id LEFT JOIN projects p ON p.id = a.project_id
	LEFT JOIN contracts ct ON ct.id = (SELECT c.id FROM contracts c WHERE c.asset_id = a.id AND c.deleted_at IS NULL
		ORDER BY (c.start_date <= ?1 AND c.end_date >= ?1) DESC, c.start_date DESC, c.id DESC LIMIT 1)`

func scanAssetRow(asOf Date) func(*sql.Rows) (AssetRow, error) {
	return func(rows *sql.Rows) (AssetRow, error) {
		var r AssetRow
		f := assetTable.fields(&r.Asset)
		err := rows.Scan(append(f, &r.Village, &r.Project, &r.ProjectDeleted, &r.ContractID, &r.Contract)...)
		r.NetValue = r.Asset.NetValue(asOf)
		return r, err
	}
}

func (s *Store) asOf(d Date) Date {
	if d.IsZero() {
		return s.today()
	}
	return d
}

// today is the store's current date (tests move it through s.now).
func (s *Store) today() Date { return DateOf(s.now()) }

// ListAssets reads one page of the asset register.
func (s *Store) ListAssets(f AssetFilter, offset, limit int) ([]AssetRow, error) {
	asOf := s.asOf(f.AsOf)
	where, args := f.where()
	limit, offset = pageArgs(offset, limit)
	order := sortSQL(f.Sort, f.Desc, assetSorts, "a.code, a.id")
	return queryRows(s.db, assetRowSelect+" WHERE "+where+" ORDER BY "+order+" LIMIT ? OFFSET ?",
		append(append([]any{asOf}, args...), limit, offset), scanAssetRow(asOf))
}

// CountAssets counts the rows ListAssets pages through.
func (s *Store) CountAssets(f AssetFilter) (int, error) {
	where, args := f.where()
	return queryCount(s.db, "SELECT count(*) FROM assets a WHERE "+where, args...)
}

// EachAsset streams every asset the filter selects, in the list's order (reports).
func (s *Store) EachAsset(f AssetFilter, fn func(AssetRow) error) error {
	asOf := s.asOf(f.AsOf)
	where, args := f.where()
	order := sortSQL(f.Sort, f.Desc, assetSorts, "a.code, a.id")
	return eachRow(s.db, assetRowSelect+" WHERE "+where+" ORDER BY "+order, append([]any{asOf}, args...), scanAssetRow(asOf), fn)
}

// AssetTotals is the totals row under the asset register.
type AssetTotals struct {
	Count    int
	Value    Money // 原值
	NetValue Money // 净值 at the filter's AsOf
}

// AssetTotals adds up every asset the filter selects (all pages).
func (s *Store) AssetTotals(f AssetFilter) (AssetTotals, error) {
	var t AssetTotals
	err := s.EachAsset(f, func(r AssetRow) error {
		t.Count++
		t.Value += r.Value
		t.NetValue += r.NetValue
		return nil
	})
	return t, err
}

// ProjectAssets lists the assets a project formed (its page links to them), by code.
func (s *Store) ProjectAssets(projectID int64) ([]AssetRow, error) {
	return s.ListAssets(AssetFilter{ProjectID: projectID}, 0, 1000)
}

// AssetChoice is an asset as a contract's picker offers it.
type AssetChoice struct {
	ID        int64
	VillageID int64
	Label     string // code and name
	Status    string
}

// AssetChoices lists the village's live assets that are neither scrapped nor disposed, by code
// (0: every village's), for a contract's asset picker; at most limit (0: 1000).
func (s *Store) AssetChoices(villageID int64, limit int) ([]AssetChoice, error) {
	if limit <= 0 {
		limit = 1000
	}
	return queryRows(s.db, `SELECT id, village_id, code || ' ' || name, status FROM assets
		WHERE deleted_at IS NULL AND status NOT IN (?, ?) AND (?3 = 0 OR village_id = ?3) ORDER BY code, id LIMIT ?4`,
		[]any{AssetScrapped, AssetDisposed, villageID, limit}, func(rows *sql.Rows) (AssetChoice, error) {
			var c AssetChoice
			err := rows.Scan(&c.ID, &c.VillageID, &c.Label, &c.Status)
			return c, err
		})
}

// assetHeldCond selects the assets held at the end of day d: formed by then (or of unknown date)
// and not disposed of by then (报废 assets are still held until they are disposed of).
func assetHeldCond(d Date) (string, []any) {
	return "(a.formed IS NULL OR a.formed <= ?) AND NOT (a.status = ? AND coalesce(a.disposed_on, '') <= ?)",
		[]any{d, AssetDisposed, d}
}
