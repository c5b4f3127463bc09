package app

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// assetsView is the 资产 tab of 三资: the asset register a page at a time, with an asset's own page
// (its record, the contracts letting it, its photos) in the register's place.
type assetsView struct {
	s   *sanziView
	env *Env

	village, class, status *kit.Choice
	reg                    *kit.Register[data.AssetRow]
	page                   *assetPage // nil while the list shows
}

func newAssetsView(s *sanziView) *assetsView {
	v := &assetsView{s: s, env: s.env}
	reload := func(string) {
		if v.reg != nil {
			v.reg.Reload()
		}
	}
	v.village = kit.NewChoice(lang.L("全部村"), nil, nil, reload)
	v.class = kit.NewChoice(lang.L("全部类别"), kit.Translated(data.AssetKinds), data.AssetKinds, reload)
	v.status = kit.NewChoice(lang.L("全部状态"), kit.Translated(data.AssetStatuses), data.AssetStatuses, reload)
	v.reg = kit.NewRegister(s.env.Dialogs, s.env.Act, kit.RegisterLabels{Heading: lang.L("资产台账"),
		New: lang.L("新增资产 (Ctrl+N)"), Search: lang.L("搜索编号、名称、地点、责任人 (Ctrl+F)")},
		assetColumns(), v, container.NewHBox(v.village, v.class, v.status))
	v.reg.PageClosed = func() { v.page = nil }
	return v
}

func assetColumns() []kit.LedgerColumn[data.AssetRow] {
	return []kit.LedgerColumn[data.AssetRow]{
		{Title: "资产名称", Sort: "name", Width: 180, Text: func(r *data.AssetRow) string { return r.Name }},
		{Title: "编号", Sort: "code", Width: 90, Whole: true, Text: func(r *data.AssetRow) string { return r.Code }},
		{Title: "村", Width: 70, Text: func(r *data.AssetRow) string { return r.Village }},
		{Title: "类别", Sort: "class", Width: 76, Text: func(r *data.AssetRow) string { return dataName(r.Class) }},
		{Title: "来源", Width: 110, Text: func(r *data.AssetRow) string { return dataName(r.Source) }},
		{Title: "状态", Sort: "status", Width: 86, Text: func(r *data.AssetRow) string { return assetStatusText(r.Status) },
			Importance: func(r *data.AssetRow) widget.Importance {
				if r.Status == data.AssetIdle || r.Status == "" {
					return widget.WarningImportance
				}
				return widget.MediumImportance
			}},
		{Title: "形成日期", Sort: "formed", Width: 100, Whole: true, Text: func(r *data.AssetRow) string { return r.Formed.String() }},
		{Title: "原值", Sort: "value", Width: 130, Right: true, Text: func(r *data.AssetRow) string { return r.Value.String() }},
		{Title: "净值", Width: 130, Right: true, Text: func(r *data.AssetRow) string { return r.NetValue.String() }},
	}
}

// assetStatusText is an asset's status; one moved from a project without one says so.
func assetStatusText(status string) string {
	if status == "" {
		return lang.L("待登记")
	}
	return lang.L(status)
}

func (v *assetsView) filter(search string) data.AssetFilter {
	return data.AssetFilter{VillageID: idOf(v.village.Value()), Class: v.class.Value(), Status: v.status.Value(),
		Search: search, Sort: v.reg.Table.SortKey, Desc: v.reg.Table.SortDesc}
}

// assetsView is the register's kit.RegisterSource (and RegisterTotals).

func (v *assetsView) Count(search string) (int, error) {
	return v.env.Store.CountAssets(v.filter(search))
}

func (v *assetsView) List(search string, offset, limit int) ([]data.AssetRow, error) {
	return v.env.Store.ListAssets(v.filter(search), offset, limit)
}

func (v *assetsView) Totals(search string) (int, []string, error) {
	t, err := v.env.Store.AssetTotals(v.filter(search))
	return t.Count, []string{lang.L("合计（{{.N}} 项）", map[string]any{"N": t.Count}), "", "", "", "", "", "",
		t.Value.String(), t.NetValue.String()}, err
}

func (v *assetsView) Describe(r data.AssetRow) string { return describeAsset(&r.Asset) }

func (v *assetsView) Delete(r data.AssetRow) error  { return v.env.Store.DeleteAsset(r.ID) }
func (v *assetsView) Restore(r data.AssetRow) error { return v.env.Store.RestoreAsset(r.ID) }
func (v *assetsView) CountText(n int) string {
	return lang.L("共 {{.N}} 项资产", map[string]any{"N": n})
}

// Open shows an asset's page (nil: a new asset).
func (v *assetsView) Open(r *data.AssetRow) {
	if r == nil {
		v.guard(v.startNew)
		return
	}
	v.open(r.ID)
}

// describeAsset names an asset in questions and messages: 资产ZC-0001“村南鱼塘”.
func describeAsset(a *data.Asset) string {
	return lang.L("资产{{.Code}}“{{.Name}}”", map[string]any{"Code": a.Code, "Name": a.Name})
}

// open shows the page of asset id, asking first about unsaved typing on the page open now.
func (v *assetsView) open(id int64) {
	v.guard(func() {
		a, err := v.env.Store.GetAsset(id)
		if err != nil {
			v.env.Dialogs.ShowStoreError(err)
			return
		}
		v.showPage(*a)
	})
}

// startNew shows an empty asset page in the filter's village (or the only one).
func (v *assetsView) startNew() {
	v.showPage(data.Asset{VillageID: v.s.defaultVillage(v.village), Status: data.AssetInUse})
	v.env.Win.Canvas().Focus(v.page.name)
}

func (v *assetsView) showPage(a data.Asset) {
	v.page = newAssetPage(v, a)
	v.reg.ShowPage(v.page.page)
}

func (v *assetsView) guard(proceed func()) { v.reg.Guard(proceed) }

func (v *assetsView) refresh() {
	if v.page != nil {
		v.page.refresh()
		return
	}
	v.reg.Reload()
}
