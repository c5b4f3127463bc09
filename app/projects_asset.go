package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// assetSection is the 资产与收益 tab: the assets the project formed (kept in the asset register on
// 三资, which this links to), the collective income it brings (entries of 集体收入 linked to the
// project) and how that income was distributed.
type assetSection struct {
	pg            *projectPage
	assets        *fyne.Container
	summary       *widget.Label
	income        *fyne.Container
	distributions *fyne.Container
	content       *container.Scroll

	entries []data.EntryRow
	dists   []data.Distribution
}

func newAssetSection(pg *projectPage) *assetSection {
	s := &assetSection{pg: pg}
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	s.income = container.NewVBox()
	s.distributions = container.NewVBox()
	s.assets = container.NewVBox()
	addDist := widget.NewButtonWithIcon(lang.L("登记收益分配"), theme.ContentAddIcon(), func() { s.editDist(data.Distribution{}) })
	addAsset := widget.NewButtonWithIcon(lang.L("在资产台账中新增"), theme.ContentAddIcon(), s.newAsset)
	hideInTown(pg.pv.env, addDist, addAsset)
	s.content = container.NewVScroll(container.NewVBox(
		sectionTitle(lang.L("项目资产"), addAsset),
		mutedLabel(lang.L("项目形成的资产登记在“三资”的资产台账里，一项资产只记一处。点“打开”查看或修改。")),
		s.assets,
		widget.NewSeparator(),
		sectionTitle(lang.L("资产收益"), nil),
		mutedLabel(lang.L("这里列出“集体收入”中关联到本项目的收支。录入租金、服务费等收入时，在“关联项目”里选择本项目即可。")),
		s.income,
		widget.NewSeparator(),
		sectionTitle(lang.L("收益分配"), addDist),
		s.distributions,
		s.summary,
	))
	return s
}

func (s *assetSection) refresh() {
	defer relayout(s.content)
	id := s.pg.id()
	assets, err := s.pg.pv.st.ProjectAssets(id)
	if err == nil {
		s.entries, err = s.pg.pv.st.ProjectEntries(id)
	}
	if err == nil {
		s.dists, err = s.pg.pv.st.Distributions(id)
	}
	if err != nil {
		s.summary.SetText(kit.ErrorText(err))
		return
	}

	var rows []fyne.CanvasObject
	for _, a := range assets {
		open := widget.NewButtonWithIcon(lang.L("打开"), theme.NavigateNextIcon(), func() {
			showSanzi(s.pg.pv.env, func(z *sanziView) { z.openAsset(a.ID) })
		})
		open.Importance = widget.LowImportance
		rows = append(rows, container.NewGridWithColumns(6, truncLabel(a.Code+" "+a.Name), widget.NewLabel(dataName(a.Class)),
			rightLabel(a.Value.String()), rightLabel(a.NetValue.String()), widget.NewLabel(assetStatusText(a.Status)), open))
	}
	showRows(s.assets, container.NewGridWithColumns(6, boldLabel(lang.L("资产"), false), boldLabel(lang.L("类别"), false),
		boldLabel(lang.L("原值"), true), boldLabel(lang.L("净值"), true), boldLabel(lang.L("使用状态"), false), widget.NewLabel("")),
		rows, lang.L("还没有登记这个项目形成的资产。项目验收移交后，点“在资产台账中新增”登记。"))

	rows = nil
	header := container.NewGridWithColumns(5, boldLabel(lang.L("日期"), false), boldLabel(lang.L("科目"), false),
		boldLabel(lang.L("明细"), false), boldLabel(lang.L("金额"), true), boldLabel(lang.L("累计收益"), true))
	var income, running data.Money
	for _, e := range s.entries {
		amount := e.Amount
		if e.Direction == data.DirectionExpense {
			amount = -amount
		} else {
			income += e.Amount
		}
		running += amount
		rows = append(rows, container.NewGridWithColumns(5, widget.NewLabel(e.Date.String()), widget.NewLabel(kit.Word(e.Category)),
			truncLabel(e.SubItem), rightLabel(amount.String()), rightLabel(running.String())))
	}
	showRows(s.income, header, rows, lang.L("还没有关联到本项目的收入。"))

	rows = nil
	header = container.NewGridWithColumns(6, boldLabel(lang.L("日期"), false), boldLabel(lang.L("分配对象或用途"), false),
		boldLabel(lang.L("金额"), true), boldLabel(lang.L("累计分配"), true), boldLabel(lang.L("备注"), false), widget.NewLabel(""))
	var distributed data.Money
	for _, d := range s.dists {
		distributed += d.Amount
		rows = append(rows, container.NewGridWithColumns(6, widget.NewLabel(d.Date.String()), truncLabel(d.Recipient),
			rightLabel(d.Amount.String()), rightLabel(distributed.String()), truncLabel(d.Note),
			rowButtons(s.pg.pv.env, func() { s.editDist(d) }, func() { s.deleteDist(d) })))
	}
	showRows(s.distributions, header, rows, lang.L("还没有收益分配记录。"))
	s.summary.SetText(lang.L("资产收益合计 {{.Income}}，已分配 {{.Distributed}}，未分配 {{.Left}}。", map[string]any{
		"Income": income.String(), "Distributed": distributed.String(), "Left": (income - distributed).String()}))
}

// newAsset starts an asset in the register on 三资, formed by this project with assistance funds.
func (s *assetSection) newAsset() {
	p := s.pg.form.project
	a := data.Asset{Name: p.Name, Source: data.AssetSourceProject, ProjectID: p.ID, Class: p.AssetKind, Status: data.AssetInUse}
	if len(p.VillageIDs) > 0 {
		a.VillageID = p.VillageIDs[0]
	}
	showSanzi(s.pg.pv.env, func(z *sanziView) { z.newAsset(a) })
}

func (s *assetSection) editDist(d data.Distribution) {
	pv := s.pg.pv
	date := kit.NewDateFieldAt(pv.env.Win, d.Date)
	amount := kit.NewMoneyField()
	amount.SetOrClear(d.Amount)
	recipient := kit.NewCompletionField(func(q string) []string {
		return matching([]string{lang.L("脱贫户分红"), lang.L("监测户分红"), lang.L("村集体公益事业"), lang.L("公益岗位工资"), lang.L("全体村民分红")}, q)
	})
	recipient.SetText(d.Recipient)
	note := kit.NewTextField()
	note.SetText(d.Note)
	form := kit.FormGrid(
		kit.FieldRow(lang.L("分配日期"), date, date.Hint),
		kit.FieldRow(lang.L("金额（元）"), amount, amount.Hint),
		kit.FieldRow(lang.L("分配对象或用途"), recipient, recipient.Hint),
		kit.FieldRow(lang.L("备注"), note, note.Hint),
	)
	title := lang.L("登记收益分配")
	if d.ID != 0 {
		title = lang.L("修改收益分配")
	}
	targets := map[string]kit.ErrorTarget{"Date": date, "Amount": amount, "Recipient": recipient, "Note": note}
	pv.showChildDialog(title, form, targets, func() error {
		x := d
		x.ProjectID = s.pg.id()
		day, err := date.Value()
		if err != nil {
			return kit.FieldErr("Date", err)
		}
		m, err := amount.Value()
		if err != nil {
			return kit.FieldErr("Amount", err)
		}
		x.Date, x.Amount, x.Recipient, x.Note = day, m, recipient.Text, note.Text
		return pv.st.SaveDistribution(&x)
	}, amount)
}

func (s *assetSection) deleteDist(d data.Distribution) {
	pv := s.pg.pv
	what := lang.L("{{.Date}} 的收益分配 {{.Amount}}", map[string]any{"Date": d.Date.String(), "Amount": d.Amount.String()})
	pv.deleteChild(what, func() error { return pv.st.DeleteDistribution(d.ID) }, func() error { return pv.st.RestoreDistribution(d.ID) })
}
