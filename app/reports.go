package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
	"cunji/data/report"
)

// reportsView is 报表: a period and village, the report tables on screen, the year's Excel
// workbook and the 村务公开表 PDF for the notice board.
type reportsView struct {
	env *Env

	kind                        *kit.Select // 按月 / 按季度 / 按年 / 自定义
	year                        *kit.Select
	years                       []int
	month, quarter              *kit.Select
	from, to                    *kit.DateField
	customBox                   *fyne.Container
	village                     *kit.Select
	villList                    []data.Village
	periodLabel                 *widget.Label
	status                      *widget.Label
	excelBtn, pdfBtn, shuzhiBtn *widget.Button
	tabs                        *container.AppTabs
	statement                   *reportTable
	entries                     *reportTable
	byChannel                   *reportTable
	byProduct                   *reportTable
	bySeller                    *reportTable
	projects                    *reportTable
	distributions               *reportTable
	partners                    *reportTable // 帮扶单位贡献表
	partnersPDF                 *widget.Button
	compare                     *reportTable  // 各村对比
	bandsNote                   *widget.Label // how many villages in each band, under 各村对比
	distribution                *reportTable  // 收益分配统计表
	entriesNote                 *widget.Label
	shownPeriod                 data.Period
	shownVillage                int64
	shownVillageName            string
	content                     *kit.Holder[*reportsView]
	loader                      *kit.Loader[*reportLoad]
}

// Period kinds in the order the choice offers them.
const (
	periodMonth = iota
	periodQuarter
	periodYear
	periodCustom
)

// maxEntryRows caps the 集体收支明细表 on screen; the Excel workbook always holds every entry.
const maxEntryRows = 5000

func reportsScreen(env *Env) *ScreenView {
	r := &reportsView{env: env}
	r.loader = kit.NewLoader(env.Run, r.loaded)
	r.build()
	env.OnChange(func() {
		if r.content.Visible() { // a hidden screen reloads when shown
			r.reload()
		}
	})
	return &ScreenView{Content: r.content, OnShow: r.reload, OnAction: func(a kit.Action) {
		if a == kit.ActionSave { // Ctrl+S: the year's workbook
			r.askExcel()
		}
	}}
}

func (r *reportsView) build() {
	heading := widget.NewLabelWithStyle(lang.L("报表"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	r.status = widget.NewLabel("")
	r.status.Importance = widget.MediumImportance

	today := data.Today()
	r.years = recentYears()
	r.kind = kit.NewSelect([]string{lang.L("按月"), lang.L("按季度"), lang.L("按年"), lang.L("自定义")}, "", nil)
	r.year = kit.NewSelect(yearNames(r.years), "", nil)
	months := make([]string, 12)
	for i := range months {
		months[i] = lang.X("reports.month", "{{.Month}}月", map[string]any{"Month": i + 1})
	}
	r.month = kit.NewSelect(months, "", nil)
	r.quarter = kit.NewSelect([]string{lang.L("第一季度"), lang.L("第二季度"), lang.L("第三季度"), lang.L("第四季度")}, "", nil)
	r.from, r.to = kit.NewDateField(r.env.Win), kit.NewDateField(r.env.Win)
	q := today.Quarter()
	r.from.SetValue(data.QuarterPeriod(today.Year(), q).From)
	r.to.SetValue(today)
	r.from.OnEdit, r.to.OnEdit = r.reload, r.reload
	r.from.OnSubmitted = func(string) { r.reload() }
	r.to.OnSubmitted = func(string) { r.reload() }
	r.customBox = container.NewHBox(widget.NewLabel(lang.L("从")), kit.Sized(r.from, 150), widget.NewLabel(lang.L("到")), kit.Sized(r.to, 150))

	r.year.SetSelectedIndex(0)
	r.month.SetSelectedIndex(today.Month() - 1)
	r.quarter.SetSelectedIndex(q - 1)
	r.kind.SetSelectedIndex(periodYear)
	r.village = kit.NewSelect([]string{lang.L("全部村")}, "", nil)
	r.village.SetSelectedIndex(0)
	for _, s := range []*kit.Select{r.year, r.month, r.quarter, r.village} {
		s.OnChanged = func(string) { r.reload() }
	}
	r.kind.OnChanged = func(string) { r.showPeriodFields(); r.reload() }
	r.showPeriodFields()

	r.excelBtn = widget.NewButtonWithIcon(lang.L("导出 Excel"), theme.DocumentSaveIcon(), r.askExcel)
	r.pdfBtn = widget.NewButtonWithIcon(lang.L("村务公开表 PDF"), theme.DocumentPrintIcon(), r.askDisclosure)
	r.pdfBtn.Importance = widget.HighImportance
	r.shuzhiBtn = widget.NewButtonWithIcon(lang.L("述职报告 PDF"), theme.DocumentPrintIcon(), r.askShuzhi)

	r.periodLabel = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	choices := container.NewHBox(
		widget.NewLabel(lang.L("期间")), r.kind, r.year, r.month, r.quarter, r.customBox,
		widget.NewLabel(lang.L("村")), r.village)
	top := container.NewVBox(
		container.NewHBox(heading, r.status, layout.NewSpacer(), r.excelBtn, r.pdfBtn, r.shuzhiBtn),
		choices,
		r.periodLabel)

	money := func(title string) reportCol { return reportCol{title, 150, true} }
	r.statement = newReportTable([]reportCol{{lang.L("项目"), 320, false}, money(lang.L("金额（元）"))})
	r.entries = newReportTable([]reportCol{
		{lang.L("日期"), 110, false}, {lang.L("村"), 90, false}, {lang.L("收支"), 60, false}, {lang.L("类别"), 110, false},
		{lang.L("子项"), 120, false}, money(lang.L("金额（元）")), {lang.L("对方单位或个人"), 160, false},
		{lang.L("凭证号"), 90, false}, {lang.L("关联项目"), 180, false}, {lang.L("备注"), 200, false}})
	r.byChannel = newReportTable([]reportCol{{lang.L("销售渠道"), 200, false}, {lang.L("笔数"), 90, true}, money(lang.L("金额（元）")), {lang.L("占比"), 90, true}})
	r.byProduct = newReportTable([]reportCol{{lang.L("产品"), 220, false}, {lang.L("数量"), 140, true}, {lang.L("笔数"), 90, true}, money(lang.L("金额（元）"))})
	r.bySeller = newReportTable([]reportCol{{lang.L("卖家"), 160, false}, {lang.L("户类别"), 200, false}, {lang.L("笔数"), 90, true}, money(lang.L("金额（元）"))})
	r.projects = newReportTable([]reportCol{
		{lang.L("项目"), 240, false}, {lang.L("所在村"), 130, false}, {lang.L("阶段"), 90, false}, {lang.L("资金来源"), 260, false},
		money(lang.L("预算")), money(lang.L("本期拨付")), money(lang.L("累计拨付")), money(lang.L("结余")), money(lang.L("本期收益分配"))})
	r.distributions = newReportTable([]reportCol{
		{lang.L("日期"), 110, false}, {lang.L("项目"), 240, false}, {lang.L("分配对象"), 200, false}, money(lang.L("金额（元）")), {lang.L("说明"), 240, false}})
	num := func(title string) reportCol { return reportCol{title, 90, true} }
	r.partners = newReportTable([]reportCol{{lang.L("帮扶单位"), 240, false}, {lang.L("类别"), 90, false}, money(lang.L("出资金额")),
		money(lang.L("采购金额")), num(lang.L("采购场次")), num(lang.L("参与项目")), num(lang.L("派出人数")), num(lang.L("走访帮扶"))})
	r.partnersPDF = widget.NewButtonWithIcon(lang.L("贡献表 PDF"), theme.DocumentPrintIcon(), r.askPartnersPDF)
	linkSales := widget.NewButtonWithIcon(lang.L("关联往年销售"), theme.ViewRefreshIcon(), func() { showSalesLinkPreview(r.env, 0, nil) })
	partnersNote := widget.NewLabel(lang.L("出资按注明出资单位的项目资金（项目开始年度在期间内），采购按关联到该单位的销售场次，参与项目按期间内在实施的项目，走访帮扶按工作日志中记有该单位来访或帮扶的天数。"))
	partnersNote.Wrapping = fyne.TextWrapWord
	kit.SecondaryText(partnersNote)
	r.compare, r.distribution = newCompareTable(), newDistributionTable()
	r.bandsNote = widget.NewLabel("")
	r.bandsNote.Wrapping = fyne.TextWrapWord
	r.entriesNote = widget.NewLabel("")
	r.entriesNote.Importance = widget.WarningImportance
	r.entriesNote.Hide()

	r.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("收支汇总"), r.statement),
		container.NewTabItem(lang.L("集体收支明细表"), container.NewBorder(nil, r.entriesNote, nil, nil, r.entries)),
		container.NewTabItem(lang.L("销售汇总（按渠道）"), r.byChannel),
		container.NewTabItem(lang.L("销售汇总（按产品）"), r.byProduct),
		container.NewTabItem(lang.L("共富账单（按卖家）"), r.bySeller),
		container.NewTabItem(lang.L("项目资金情况表"), r.projects),
		container.NewTabItem(lang.X("reports.tab.distributions", "收益分配"), r.distributions),
		container.NewTabItem(lang.L("帮扶单位贡献表"), container.NewBorder(nil,
			container.NewBorder(nil, nil, nil, container.NewHBox(linkSales, r.partnersPDF), partnersNote), nil, nil, r.partners)),
		container.NewTabItem(lang.L("各村对比"), container.NewBorder(nil, r.bandsNote, nil, nil, r.compare)),
		container.NewTabItem(lang.L("收益分配统计表"), r.distribution),
	)
	r.content = kit.NewHolder(r, container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewPadded(r.tabs)))
}

func (r *reportsView) showPeriodFields() {
	k := r.kind.SelectedIndex()
	show := func(o fyne.CanvasObject, on bool) {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	show(r.year, k != periodCustom)
	show(r.month, k == periodMonth)
	show(r.quarter, k == periodQuarter)
	show(r.customBox, k == periodCustom)
}

// period is the chosen period; a custom range that does not read yet gives an error.
func (r *reportsView) period() (data.Period, error) {
	year := chosenYear(r.year, r.years)
	switch r.kind.SelectedIndex() {
	case periodMonth:
		return data.MonthPeriod(year, r.month.SelectedIndex()+1), nil
	case periodQuarter:
		return data.QuarterPeriod(year, r.quarter.SelectedIndex()+1), nil
	case periodCustom:
		from, err := r.from.Value()
		if err != nil {
			return data.Period{}, err
		}
		to, err := r.to.Value()
		if err != nil {
			return data.Period{}, err
		}
		if to.Before(from) {
			msg := lang.L("开始日期晚于结束日期，请对调")
			r.to.SetError(msg)
			return data.Period{}, errors.New(msg)
		}
		r.to.SetError("")
		return data.Period{From: from, To: to}, nil
	}
	return data.YearPeriod(year), nil
}

// villageID is the chosen village (0: all).
func (r *reportsView) villageID() int64 {
	return chosenVillage(r.village, r.villList)
}

// reportLoad is what one background load reads.
type reportLoad struct {
	period       data.Period
	villageID    int64
	villages     []data.Village
	years        []int
	report       *report.Report
	compared     *data.VillagesCompared // every village, whatever the choice
	entries      [][]string
	entryCount   int
	income, cost data.Money
}

func (r *reportsView) reload() {
	p, err := r.period()
	if err != nil {
		r.status.Importance = widget.DangerImportance
		r.status.SetText(kit.ErrorText(err))
		return
	}
	r.status.Importance = widget.MediumImportance
	r.status.SetText(lang.L("正在统计…"))
	vid := r.villageID()
	r.loader.Load(func() (*reportLoad, error) { return loadReport(r.env.Store, p, vid) })
}

func loadReport(st *data.Store, p data.Period, villageID int64) (*reportLoad, error) {
	l := &reportLoad{period: p}
	var err error
	if l.villages, l.years, l.villageID, err = loadChoices(st, villageID); err != nil {
		return nil, err
	}
	if l.report, err = report.Tables(st, p, l.villageID); err != nil {
		return nil, err
	}
	if l.compared, err = st.CompareVillages(p); err != nil {
		return nil, err
	}
	err = report.EachEntry(st, p, l.villageID, func(e data.EntryRow) error {
		l.entryCount++
		if e.Direction == data.DirectionIncome {
			l.income += e.Amount
		} else {
			l.cost += e.Amount
		}
		if len(l.entries) < maxEntryRows {
			l.entries = append(l.entries, []string{e.Date.String(), e.Village, lang.L(data.DirectionName(e.Direction)),
				kit.Word(e.Category), e.SubItem, e.Amount.String(), e.Counterparty, e.Voucher, e.Project, e.Note})
		}
		return nil
	})
	return l, err
}

func (r *reportsView) loaded(l *reportLoad, err error) {
	if err != nil {
		r.status.Importance = widget.DangerImportance
		r.status.SetText(lang.L("统计失败：") + kit.ErrorText(err))
		return
	}
	r.status.SetText("")
	setYearOptions(r.year, &r.years, l.years, func(string) { r.reload() })
	setVillageOptions(r.village, &r.villList, l.villages, l.villageID, func(string) { r.reload() })
	r.fill(l)
}

// fill puts a load's figures into the tables. Fyne thread.
func (r *reportsView) fill(l *reportLoad) {
	rep := l.report
	r.shownPeriod, r.shownVillage = l.period, l.villageID
	r.shownVillageName = lang.L("全部村")
	for _, v := range l.villages {
		if v.ID == l.villageID {
			r.shownVillageName = v.Name
		}
	}
	r.periodLabel.SetText(periodName(l.period) + "　" + r.shownVillageName + "　" +
		lang.X("reports.range", "（{{.From}} 至 {{.To}}）", map[string]any{"From": l.period.From.String(), "To": l.period.To.String()}))

	// 收支汇总
	st := rep.Statement
	var rows [][]string
	bold := map[int]bool{}
	addBold := func(cells ...string) { bold[len(rows)] = true; rows = append(rows, cells) }
	addBold(lang.L("一、收入"), "")
	for _, c := range st.Income {
		rows = append(rows, []string{"　" + lang.L(c.Category), c.Amount.String()})
	}
	addBold(lang.L("收入合计"), st.IncomeTotal.String())
	rows = append(rows, []string{"　" + lang.L("其中：经营性收入"), st.Operating.String()})
	addBold(lang.L("二、支出"), "")
	for _, c := range st.Expense {
		rows = append(rows, []string{"　" + lang.L(c.Category), c.Amount.String()})
	}
	addBold(lang.L("支出合计"), st.ExpenseTotal.String())
	addBold(lang.L("三、收支相抵（净收入）"), st.Net.String())
	r.statement.SetRows(rows, bold)

	// 集体收支明细表
	rows = append([][]string{}, l.entries...)
	bold = map[int]bool{}
	bold[len(rows)] = true
	rows = append(rows, []string{lang.L("收入合计"), "", "", "", "", l.income.String(), "", "", "", ""})
	bold[len(rows)] = true
	rows = append(rows, []string{lang.L("支出合计"), "", "", "", "", l.cost.String(), "", "", "", ""})
	r.entries.SetRows(rows, bold)
	if l.entryCount > len(l.entries) {
		r.entriesNote.SetText(lang.X("reports.entries.capped", "共 {{.Count}} 笔，这里列出前 {{.Shown}} 笔；全部明细请导出 Excel。",
			map[string]any{"Count": l.entryCount, "Shown": len(l.entries)}))
		r.entriesNote.Show()
	} else {
		r.entriesNote.Hide()
	}

	// 销售汇总
	salesRows := func(t *reportTable, groups []report.SalesGroup, withShare bool) {
		var rows [][]string
		var lines int
		for _, g := range groups {
			row := []string{lang.L(g.Name), strconv.Itoa(g.Lines), g.Amount.String()}
			if withShare {
				row = append(row, share(g.Amount, rep.SalesTotal))
			} else {
				row = []string{g.Name, salesDetail(g.Detail), strconv.Itoa(g.Lines), g.Amount.String()}
			}
			rows = append(rows, row)
			lines += g.Lines
		}
		total := []string{lang.L("合计"), strconv.Itoa(lines), rep.SalesTotal.String()}
		if withShare {
			total = append(total, share(rep.SalesTotal, rep.SalesTotal))
		} else {
			total = []string{lang.L("合计"), "", strconv.Itoa(lines), rep.SalesTotal.String()}
		}
		t.SetRows(append(rows, total), map[int]bool{len(rows): true})
	}
	salesRows(r.byChannel, rep.SalesByChannel, true)
	salesRows(r.byProduct, rep.SalesByProduct, false)
	salesRows(r.bySeller, rep.SalesBySeller, false)

	// 项目资金情况表
	rows = nil
	for _, p := range rep.Projects {
		rows = append(rows, projectFundsRow(p))
	}
	total := projectFundsRow(rep.ProjectTotal)
	total[0] = lang.L("合计")
	r.projects.SetRows(append(rows, total), map[int]bool{len(rows): true})

	// 收益分配
	rows = nil
	for _, d := range rep.Distributions {
		rows = append(rows, []string{d.Date.String(), d.Project, d.Recipient, d.Amount.String(), d.Note})
	}
	r.distributions.SetRows(append(rows, []string{lang.L("合计"), "", "", rep.Distributed.String(), ""}), map[int]bool{len(rows): true})

	r.fillVillages(l.compared)
	// 帮扶单位贡献表
	rows = nil
	itoa := strconv.Itoa
	for _, c := range rep.Partners {
		rows = append(rows, []string{c.Name, kit.Word(c.Kind), c.Funding.String(), c.Purchases.String(), itoa(c.Events), itoa(c.Projects),
			itoa(c.People), itoa(c.Visits)})
	}
	t := rep.PartnerTotal
	r.partners.SetRows(append(rows, []string{lang.L("合计"), lang.L("{{.N}} 个单位", map[string]any{"N": len(rep.Partners)}),
		t.Funding.String(), t.Purchases.String(), itoa(t.Events), itoa(t.Projects), itoa(t.People), itoa(t.Visits)}), map[int]bool{len(rows): true})
}

// askPartnersPDF asks where to save the 帮扶单位贡献表 of the period and village shown, and opens it.
func (r *reportsView) askPartnersPDF() {
	p, vid := r.shownPeriod, r.shownVillage
	name := lang.L("帮扶单位贡献表") + "-" + r.shownVillageName + "-" + p.String() + ".pdf"
	r.askSavePath(name, ".pdf", func(path string) {
		r.writeReport(r.partnersPDF, lang.L("正在生成帮扶单位贡献表…"), path,
			func(w io.Writer) error { return report.PartnersPDF(r.env.Store, p, vid, w) }, func() {
				if err := r.env.App.OpenURL(fileURL(path)); err != nil {
					r.status.SetText(lang.X("reports.saved", "已保存：{{.Path}}", map[string]any{"Path": path}))
				}
			})
	})
}

// dateName is a date as the screen shows it: 2025年1月1日, in English 2025-01-01.
func dateName(d data.Date) string {
	if CurrentLanguage() != LangEnglish {
		return d.Chinese()
	}
	return d.String()
}

// periodName is a period as the screen shows it: 2025年, 2025年第三季度, 2025年7月,
// 2025年1月1日至2025年3月31日; in English 2025, 2025 Q3, July 2025, 2025-01-01 – 2025-03-31.
// (Files meant for print, like the disclosure PDF, stay Chinese and use p.Chinese.)
func periodName(p data.Period) string {
	if CurrentLanguage() != LangEnglish {
		return p.Chinese()
	}
	s := p.String() // 2025, 2025Q3, 2025-07 or 2025-01-01..2025-03-31
	if from, to, ok := strings.Cut(s, ".."); ok {
		return from + " – " + to
	}
	if y, q, ok := strings.Cut(s, "Q"); ok {
		return y + " Q" + q
	}
	if y, m, ok := strings.Cut(s, "-"); ok {
		if n, err := strconv.Atoi(m); err == nil && n >= 1 && n <= 12 {
			return time.Month(n).String() + " " + y
		}
	}
	return s
}

// salesDetail is a sales group's detail as shown: a seller's household status (一般户, 脱贫户, 监测户,
// after the village when one is named) is a label and follows the language; units, names and
// quantities are data and stay as stored.
func salesDetail(d string) string {
	head, status := "", d
	if i := strings.LastIndex(d, " · "); i >= 0 {
		head, status = d[:i+len(" · ")], d[i+len(" · "):]
	}
	if slices.Contains(data.PovertyStatuses, status) {
		return head + lang.L(status)
	}
	return d
}

func projectFundsRow(p report.ProjectFunds) []string {
	var sources []string
	for _, s := range p.Sources {
		sources = append(sources, lang.L(s.Source)+" "+s.Amount.String())
	}
	stage := p.Stage
	if stage != "" {
		stage = lang.L(stage)
	}
	villages := p.Villages
	if p.Share > 0 && p.Share < data.ShareWhole { // a 联建 project seen from one village: its share
		villages += lang.X("reports.share", "（本村 {{.Share}}）", map[string]any{"Share": data.FormatShare(p.Share)})
	}
	return []string{p.Name, villages, stage, strings.Join(sources, lang.X("reports.list.sep", "；")), p.Budget.String(), p.DisbursedInPeriod.String(),
		p.Disbursed.String(), p.Balance.String(), p.Distributed.String()}
}

// share is part of whole in percent with one decimal: 37.5%.
func share(part, whole data.Money) string {
	if whole <= 0 {
		return ""
	}
	tenths := (int64(part)*1000 + int64(whole)/2) / int64(whole)
	return fmt.Sprintf("%d.%d%%", tenths/10, tenths%10)
}

// ---- Excel ----

// excelYear is the year the workbook covers: the period's first year.
func (r *reportsView) excelYear() int {
	if p, err := r.period(); err == nil {
		return p.From.Year()
	}
	return chosenYear(r.year, r.years)
}

func (r *reportsView) askExcel() {
	year := r.excelYear()
	r.askSavePath(r.excelName(year), ".xlsx", func(path string) { r.exportExcel(path, year) })
}

// excelName is the workbook's suggested file name: 村记-2026.xlsx, in English Cunji-2026.xlsx.
func (r *reportsView) excelName(year int) string {
	return report.ExportFileName(lang.L("村记"), year)
}

// askSavePath asks where to save a file named name (filter ext) and hands the chosen path to save.
func (r *reportsView) askSavePath(name, ext string, save func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			r.showFileError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		if err := w.Close(); err != nil { // the dialog made the file; the report replaces it
			r.showFileError(err)
			return
		}
		r.rememberFolder(path)
		save(path)
	}, r.env.Win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	r.showSave(d)
}

// prefSaveDir remembers the folder the last report went to.
const prefSaveDir = "reports.folder"

// showSave opens a save dialog in the folder used last (else 文档/Documents, else home).
func (r *reportsView) showSave(d *dialog.FileDialog) {
	r.env.Dialogs.ShowFileIn(d, r.env.App.Preferences().String(prefSaveDir))
}

// rememberFolder keeps path's folder for the next save dialog.
func (r *reportsView) rememberFolder(path string) {
	r.env.App.Preferences().SetString(prefSaveDir, filepath.Dir(path))
}

// exportExcel writes the year's workbook to path in the background, then says where it went.
func (r *reportsView) exportExcel(path string, year int) {
	r.writeReport(r.excelBtn, lang.X("reports.exporting", "正在导出 {{.Year}} 年的 Excel…", map[string]any{"Year": year}), path,
		func(w io.Writer) error { return report.ExportYear(r.env.Store, year, w) }, nil)
}

// writeReport writes a report to path in the background with btn disabled meanwhile, showing
// busy, then says where it went; saved runs after a successful write. Fyne thread.
func (r *reportsView) writeReport(btn *widget.Button, busy, path string, write func(io.Writer) error, saved func()) {
	btn.Disable()
	r.status.Importance = widget.MediumImportance
	r.status.SetText(busy)
	r.env.Run.Go(func() {
		err := report.WriteFile(context.Background(), path, true, write) // the save dialog asked before replacing a file
		r.env.Run.Do(func() {
			btn.Enable()
			if err != nil {
				r.showFileError(err)
				return
			}
			r.status.Importance = widget.MediumImportance
			r.status.SetText(lang.X("reports.saved", "已保存：{{.Path}}", map[string]any{"Path": path}))
			if saved != nil {
				saved()
			}
		})
	})
}

func (r *reportsView) showFileError(err error) {
	r.status.Importance = widget.DangerImportance
	r.status.SetText(lang.L("保存失败：") + kit.ErrorText(err))
	r.env.Dialogs.ShowInformation(lang.L("没有成功"), lang.L("文件没有保存成功：")+kit.ErrorText(err)+lang.L("。请换一个文件夹或文件名再试。"))
}

// ---- 村务公开表 ----

// disclosureVillage is the village the sheet is for: the chosen one, or the only one there is.
func (r *reportsView) disclosureVillage() (data.Village, bool) {
	if id := r.villageID(); id != 0 {
		for _, v := range r.villList {
			if v.ID == id {
				return v, true
			}
		}
	}
	if len(r.villList) == 1 {
		return r.villList[0], true
	}
	return data.Village{}, false
}

// askDisclosure asks for the sheet's note and date, then where to save it; the saved PDF opens
// in the system viewer for printing.
func (r *reportsView) askDisclosure() {
	v, ok := r.disclosureVillage()
	if !ok {
		r.env.Dialogs.ShowInformation(lang.L("村务公开表"), lang.L("村务公开表按村打印：请先在“村”里选择一个村。"))
		return
	}
	p, err := r.period()
	if err != nil {
		r.status.SetText(kit.ErrorText(err))
		return
	}
	note := widget.NewMultiLineEntry()
	note.SetPlaceHolder(lang.L("可留空，打印后手写"))
	note.SetMinRowsVisible(2)
	date := kit.NewDateField(r.env.Win)
	date.SetValue(data.Today())
	form := kit.FormGrid(
		kit.FieldRow(lang.L("村"), widget.NewLabel(v.Name), nil),
		kit.FieldRow(lang.L("期间"), widget.NewLabel(periodName(p)), nil),
		kit.FieldRow(lang.L("说明"), note, nil),
		kit.FieldRow(lang.L("公开日期"), date, date.Hint))
	var dlg *dialog.CustomDialog
	next := widget.NewButtonWithIcon(lang.L("保存并打开"), theme.DocumentPrintIcon(), func() {
		d, err := date.Value()
		if err != nil {
			return
		}
		dlg.Hide()
		opts := report.DisclosureOptions{Note: note.Text, Date: d}
		r.askSavePath(report.DisclosureFileName(v.Name, p), ".pdf", func(path string) { r.writeDisclosure(path, p, v.ID, opts, true) })
	})
	next.Importance = widget.HighImportance
	dlg = dialog.NewCustomWithoutButtons(lang.L("村务公开表（财务收支）"), form, r.env.Win)
	dlg.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("取消"), dlg.Hide), next})
	dlg.Resize(fyne.NewSize(520, 0))
	r.env.Dialogs.Show(dlg, dlg.Hide)
}

// writeDisclosure writes the sheet in the background and, when open is set, hands it to the
// system viewer so it can be printed.
func (r *reportsView) writeDisclosure(path string, p data.Period, villageID int64, opts report.DisclosureOptions, open bool) {
	r.writeReport(r.pdfBtn, lang.L("正在生成村务公开表…"), path,
		func(w io.Writer) error { return report.Disclosure(r.env.Store, p, villageID, w, opts) }, r.opener(path, open))
}

// opener hands a saved PDF to the system viewer so it can be printed (nil when open is not set).
func (r *reportsView) opener(path string, open bool) func() {
	if !open {
		return nil
	}
	return func() {
		if err := r.env.App.OpenURL(fileURL(path)); err != nil {
			r.status.SetText(lang.X("reports.saved.noviewer", "已保存：{{.Path}}（无法自动打开，请在文件夹中双击打开后打印）", map[string]any{"Path": path}))
		}
	}
}

// ---- 述职报告 ----

// askShuzhi asks where to save the year's 述职 (the period's first year; the chosen village, the
// only one, or all together) and opens it for printing.
func (r *reportsView) askShuzhi() {
	year := r.excelYear()
	v, _ := r.disclosureVillage()
	r.askSavePath(report.ShuzhiFileName(v.Name, year), ".pdf", func(path string) { r.writeShuzhi(path, year, v.ID, true) })
}

// writeShuzhi writes the 述职 in the background; every figure is the year's summary, as on 首页.
func (r *reportsView) writeShuzhi(path string, year int, villageID int64, open bool) {
	r.writeReport(r.shuzhiBtn, lang.L("正在生成述职报告…"), path,
		func(w io.Writer) error { return report.Shuzhi(r.env.Store, year, villageID, w, report.ShuzhiOptions{}) }, r.opener(path, open))
}
