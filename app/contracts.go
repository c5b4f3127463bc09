package app

import (
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// contractsView is the 合同 tab of 三资: the contract register a page at a time, with a contract's
// own page (its terms, rent schedule and receipts, scans) in the register's place.
type contractsView struct {
	s   *sanziView
	env *Env

	village, kind, state, check *kit.Choice
	reg                         *kit.Register[data.ContractRow]
	page                        *contractPage // nil while the list shows
}

// contractStates are the states the register filters by, in the order offered.
var contractStates = []string{data.ContractActive, data.ContractFuture, data.ContractEnded}

func newContractsView(s *sanziView) *contractsView {
	v := &contractsView{s: s, env: s.env}
	reload := func(string) {
		if v.reg != nil {
			v.reg.Reload()
		}
	}
	v.village = kit.NewChoice(lang.L("全部村"), nil, nil, reload)
	v.kind = kit.NewChoice(lang.L("全部类型"), kit.Translated(data.ContractKinds), data.ContractKinds, reload)
	v.state = kit.NewChoice(lang.L("全部状态"), kit.Translated(contractStates), contractStates, reload)
	v.check = kit.NewChoice(lang.L("全部提醒"), checkNames(data.ContractChecks), data.ContractChecks, reload)
	v.reg = kit.NewRegister(s.env.Dialogs, s.env.Act, kit.RegisterLabels{Heading: lang.L("合同台账"),
		New: lang.L("新增合同 (Ctrl+N)"), Search: lang.L("搜索编号、标的、承包方、备注 (Ctrl+F)")},
		contractColumns(), v, container.NewHBox(v.village, v.kind, v.state, v.check))
	v.reg.PageClosed = func() { v.page = nil }
	return v
}

func contractColumns() []kit.LedgerColumn[data.ContractRow] {
	return []kit.LedgerColumn[data.ContractRow]{
		{Title: "标的", Width: 170, Text: func(r *data.ContractRow) string { return r.Subject }},
		{Title: "编号", Sort: "code", Width: 110, Whole: true, Text: func(r *data.ContractRow) string { return r.Code }},
		{Title: "村", Width: 70, Text: func(r *data.ContractRow) string { return r.Village }},
		{Title: "类型", Sort: "kind", Width: 80, Text: func(r *data.ContractRow) string { return kit.Word(r.Kind) }},
		{Title: "承包方", Sort: "party", Width: 130, Text: func(r *data.ContractRow) string { return r.Party }},
		{Title: "到期日期", Sort: "end", Width: 100, Whole: true, Text: func(r *data.ContractRow) string { return r.End.String() }},
		{Title: "年租金/总价", Sort: "rent", Width: 126, Right: true, Text: func(r *data.ContractRow) string { return contractRent(&r.Contract).String() }},
		{Title: "逾期租金", Sort: "overdue", Width: 110, Right: true, Text: func(r *data.ContractRow) string { return moneyOrBlank(r.Overdue) },
			Importance: func(*data.ContractRow) widget.Importance { return widget.DangerImportance }},
		{Title: "提醒", Width: 230, Text: func(r *data.ContractRow) string { return strings.Join(checkNames(r.Checks), "、") },
			Importance: checksImportance},
	}
}

// contractRent is the annual rent, or the total price of a contract paid at once.
func contractRent(c *data.Contract) data.Money {
	if c.Payment == data.PayOnce {
		return c.TotalPrice
	}
	return c.AnnualRent
}

// moneyOrBlank leaves a cell empty for nothing, so the amounts that matter stand out.
func moneyOrBlank(m data.Money) string {
	if m == 0 {
		return ""
	}
	return m.String()
}

// checkNames are the checks as a person reads them.
func checkNames(checks []string) []string {
	out := make([]string, len(checks))
	for i, c := range checks {
		out[i] = lang.L(data.CheckName(c))
	}
	return out
}

// checksImportance shows overdue rent in red, other checks in orange.
func checksImportance(r *data.ContractRow) widget.Importance {
	switch {
	case len(r.Checks) == 0:
		return widget.MediumImportance
	case r.Checks[0] == data.CheckOverdue:
		return widget.DangerImportance
	}
	return widget.WarningImportance
}

// filter is the register's filter with search.
func (v *contractsView) filter(search string) data.ContractFilter {
	return data.ContractFilter{VillageID: idOf(v.village.Value()), Kind: v.kind.Value(), State: v.state.Value(),
		Check: v.check.Value(), Search: search, Sort: v.reg.Table.SortKey, Desc: v.reg.Table.SortDesc}
}

// contractsView is the register's kit.RegisterSource (and RegisterTotals).

func (v *contractsView) Count(search string) (int, error) {
	return v.env.Store.CountContracts(v.filter(search))
}

func (v *contractsView) List(search string, offset, limit int) ([]data.ContractRow, error) {
	return v.env.Store.ListContracts(v.filter(search), offset, limit)
}

func (v *contractsView) Totals(search string) (int, []string, error) {
	t, err := v.env.Store.ContractTotals(v.filter(search))
	return t.Count, []string{lang.L("合计（{{.N}} 份）", map[string]any{"N": t.Count}), "", "", "", "", "",
		t.AnnualRent.String(), moneyOrBlank(t.Overdue), ""}, err
}

func (v *contractsView) Describe(r data.ContractRow) string { return describeContract(&r.Contract) }

func (v *contractsView) Delete(r data.ContractRow) error  { return v.env.Store.DeleteContract(r.ID) }
func (v *contractsView) Restore(r data.ContractRow) error { return v.env.Store.RestoreContract(r.ID) }
func (v *contractsView) CountText(n int) string {
	return lang.L("共 {{.N}} 份合同", map[string]any{"N": n})
}

// Open shows a contract's page (nil: a new contract).
func (v *contractsView) Open(r *data.ContractRow) {
	if r == nil {
		v.guard(v.startNew)
		return
	}
	v.open(r.ID)
}

// describeContract names a contract in questions and messages: 合同HT-2025-001“村南鱼塘”.
func describeContract(c *data.Contract) string {
	return lang.L("合同{{.Code}}“{{.Subject}}”", map[string]any{"Code": c.Code, "Subject": c.Subject})
}

// open shows the page of contract id, asking first about unsaved typing on the page open now.
func (v *contractsView) open(id int64) {
	v.guard(func() {
		c, err := v.env.Store.GetContract(id)
		if err != nil {
			v.env.Dialogs.ShowStoreError(err)
			return
		}
		v.showPage(*c)
	})
}

// startNew shows an empty contract page in the filter's village (or the only one), starting today.
func (v *contractsView) startNew() {
	v.showPage(data.Contract{VillageID: v.s.defaultVillage(v.village), PartyKind: data.PartyPerson,
		Payment: data.PayYearly, Start: data.Today()})
	v.env.Win.Canvas().Focus(v.page.subject)
}

func (v *contractsView) showPage(c data.Contract) {
	v.page = newContractPage(v, c)
	v.reg.ShowPage(v.page.page)
}

// guard runs proceed now when nothing typed is unsaved, else after asking.
func (v *contractsView) guard(proceed func()) { v.reg.Guard(proceed) }

// refresh follows a change to the store: the page's record and lines, or the list.
func (v *contractsView) refresh() {
	if v.page != nil {
		v.page.refresh()
		return
	}
	v.reg.Reload()
}

// action: on the rent tab Ctrl+N registers a receipt; otherwise the register handles the keys.
func (v *contractsView) action(a kit.Action) {
	if a == kit.ActionNew && v.page != nil && v.page.onRent() {
		v.page.rentTab.newReceipt(0)
		return
	}
	v.reg.Action(a)
}
