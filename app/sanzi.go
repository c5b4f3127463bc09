package app

import (
	"slices"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"cunji/app/kit"
	"cunji/data"
)

// sanziView is 三资: the village's contracts and assets, each a register in its own tab. A record
// opens as a page in its register's place, so a contract's rent schedule and receipts, and an
// asset's photos, have room.
type sanziView struct {
	env       *Env
	tabs      *container.AppTabs
	contracts *contractsView
	assets    *assetsView

	villages []data.Village
}

// sanziTitle is the screen's title in screens(); other screens open its records through it.
const sanziTitle = "三资"

func sanziScreen(env *Env) *ScreenView {
	s := &sanziView{env: env}
	s.contracts = newContractsView(s)
	s.assets = newAssetsView(s)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("合同"), theme.DocumentIcon(), s.contracts.reg.Content()),
		container.NewTabItemWithIcon(lang.L("资产"), theme.HomeIcon(), s.assets.reg.Content()))
	env.OnChange(s.storeChanged, "contracts", "contract_receipts", "assets", "record_files", "villages", "projects", "decisions")
	s.reloadChoices()
	return &ScreenView{Content: kit.NewHolder(s, s.tabs), OnAction: s.action, OnShow: s.shown, CanLeave: s.canLeave}
}

// showSanzi shows the 三资 screen (asking the visible screen first about unsaved work) and hands
// it to then: how 首页, a project and an income entry open a contract or an asset.
func showSanzi(env *Env, then func(*sanziView)) {
	env.Show(sanziTitle, func(sv *ScreenView) {
		if s, ok := kit.ViewOf[*sanziView](sv.Content); ok {
			then(s)
		}
	})
}

// shown reads the villages and both registers afresh.
func (s *sanziView) shown() {
	s.reloadChoices()
	s.contracts.reg.Reload()
	s.assets.reg.Reload()
}

func (s *sanziView) storeChanged() {
	s.reloadChoices()
	s.contracts.refresh()
	s.assets.refresh()
}

// reloadChoices offers the live villages in both registers' filters and forms.
func (s *sanziView) reloadChoices() {
	vs, err := s.env.Store.Villages()
	if err != nil {
		s.contracts.reg.Notice.ShowError(err)
		return
	}
	s.villages = vs
	names, ids := villageNames(vs)
	s.contracts.village.SetOptions(names, idValues(ids))
	s.assets.village.SetOptions(names, idValues(ids))
}

// villageOptions are the village names a form offers and the ids behind them.
func (s *sanziView) villageOptions() ([]string, []int64) { return villageNames(s.villages) }

// defaultVillage is the village a new record starts in: the one the filter shows, or the only one.
func (s *sanziView) defaultVillage(filter *kit.Choice) int64 {
	if id := idOf(filter.Value()); id != 0 {
		return id
	}
	if len(s.villages) == 1 {
		return s.villages[0].ID
	}
	return 0
}

func (s *sanziView) onContracts() bool { return s.tabs.SelectedIndex() == 0 }

func (s *sanziView) action(a kit.Action) {
	if s.onContracts() {
		s.contracts.action(a)
	} else {
		s.assets.reg.Action(a)
	}
}

// canLeave asks about unsaved typing on either tab's page before the screen is left.
func (s *sanziView) canLeave(proceed func()) {
	s.contracts.guard(func() { s.assets.guard(proceed) })
}

// openContract shows the contract's page on the 合同 tab.
func (s *sanziView) openContract(id int64) {
	s.tabs.SelectIndex(0)
	s.contracts.open(id)
}

// openAsset shows the asset's page on the 资产 tab.
func (s *sanziView) openAsset(id int64) {
	s.tabs.SelectIndex(1)
	s.assets.open(id)
}

// showContracts shows the contract register filtered by check and state ("": any), as a 首页
// summary asks.
func (s *sanziView) showContracts(check, state string) {
	s.tabs.SelectIndex(0)
	v := s.contracts
	v.guard(func() {
		v.check.SetValue(check)
		v.state.SetValue(state)
		v.page = nil
		v.reg.ShowList()
	})
}

// showAssets shows the asset register of the status ("": any).
func (s *sanziView) showAssets(status string) {
	s.tabs.SelectIndex(1)
	v := s.assets
	v.guard(func() {
		v.status.SetValue(status)
		v.page = nil
		v.reg.ShowList()
	})
}

// newAsset starts a new asset on the 资产 tab from a: a project's asset comes prefilled with it.
func (s *sanziView) newAsset(a data.Asset) {
	s.tabs.SelectIndex(1)
	s.assets.guard(func() {
		s.assets.showPage(a)
		s.env.Win.Canvas().Focus(s.assets.page.name)
	})
}

// dataName is one of the data layer's names in the user's language; an asset moved from a
// project may lack one ("" stays empty rather than asking the translations for "").
func dataName(s string) string {
	if s == "" {
		return ""
	}
	return lang.L(s)
}

// chosen is values[i], or the zero value when i is out of range (nothing chosen).
func chosen[T any](values []T, i int) T {
	var zero T
	if i < 0 || i >= len(values) {
		return zero
	}
	return values[i]
}

// selectValue shows v in sel, whose options are labels of values; nothing chosen when v is not offered.
func selectValue[T comparable](sel *kit.Select, values []T, v T) {
	if i := slices.Index(values, v); i >= 0 {
		sel.SetSelectedIndex(i)
	} else {
		sel.ClearSelected()
	}
}

// parsedValue reads a parsed field, filing its parser's message under field.
func parsedValue[T any](f *kit.ParsedField[T], field string, problems *data.ValidationError) T {
	v, err := f.Parsed()
	if err != nil {
		problems.AddErr(field, err)
	}
	return v
}

// recordPhotos are a contract's or an asset's files as a PhotoGrid lists them.
func recordPhotos(files []data.RecordFile, err error) ([]kit.Photo, error) {
	out := make([]kit.Photo, len(files))
	for i, f := range files {
		out[i] = kit.Photo{ID: f.ID, Name: f.FileName}
	}
	return out, err
}

// addRecordPhoto stores a scan or photo of a contract or an asset and says so.
func addRecordPhoto(s *sanziView, f *data.RecordFile) error {
	if err := s.env.Store.AddRecordFile(f); err != nil {
		return err
	}
	notice := s.contracts.reg.Notice
	if f.AssetID != 0 {
		notice = s.assets.reg.Notice
	}
	notice.Show(lang.L("已添加照片“{{.Name}}”", map[string]any{"Name": f.FileName}), false)
	return nil
}

// deleteRecordPhoto deletes a scan or photo after asking; Ctrl+Z on reg's tab brings it back.
func deleteRecordPhoto[T any](s *sanziView, reg *kit.Register[T], ph kit.Photo) {
	what := lang.L("照片“{{.Name}}”", map[string]any{"Name": ph.Name})
	st := s.env.Store
	s.env.Dialogs.ConfirmDelete(what, func() {
		if err := st.DeleteRecordFile(ph.ID); err != nil {
			s.env.Dialogs.ShowStoreError(err)
			return
		}
		reg.Deleted(what, func() error { return st.RestoreRecordFile(ph.ID) })
	})
}
