package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/signintech/gopdf"

	"cunji/assets"
	"cunji/data"
)

// Kinds of `cunji report` and the 报表 buttons: only the 述职 so far.
const KindShuzhi = "shuzhi"

// ReportKinds lists the kinds `cunji report -kind` accepts, with their Chinese names.
var ReportKinds = map[string]string{KindShuzhi: "第一书记年度述职报告"}

// ShuzhiOptions are what the person printing a 述职 may add.
type ShuzhiOptions struct {
	Today data.Date // the day printed under the signature; zero means data.Today()
}

// shuzhiLine is one figure of a section: its label and the figure as printed.
type shuzhiLine struct{ label, figure string }

// shuzhiSection is one numbered section of the 述职. Every figure comes from the year's
// data.Summary, the one the dashboard and `cunji summary` show, and the 榜单 items from
// data.TaskResults, the ones the 揭榜挂帅 register shows; items, when set, prints its own table
// after the figures.
type shuzhiSection struct {
	title string
	lines func(s *data.Summary) []shuzhiLine
	items func(s *sheet, tasks []data.TaskRow)
}

var shuzhiSections = []shuzhiSection{
	{"村集体经济收入", shuzhiIncome, nil},
	{"助农销售", shuzhiSales, nil},
	{"帮扶项目", shuzhiProjects, nil},
	{"合同与租金", shuzhiContracts, nil},
	{"四议两公开", shuzhiDecisions, nil},
	{"驻村工作", shuzhiWork, nil},
	{"揭榜挂帅", shuzhiTasks, shuzhiTaskItems},
	{"帮扶组团", shuzhiPartners, nil},
}

// chineseNumbers number the sections: 一、二、三 …
var chineseNumbers = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}

// Shuzhi writes the year-end 述职 of the first secretary for one village (villageID 0: all
// villages together) as an A4 PDF: the year's figures by section, then ruled space for the first
// secretary's own account and the signature.
func Shuzhi(st *data.Store, year int, villageID int64, w io.Writer, opts ShuzhiOptions) error {
	sum, err := st.YearSummary(year, villageID)
	if err != nil {
		return err
	}
	secretary, err := st.Setting(data.SettingSecretary)
	if err != nil {
		return err
	}
	unit, err := st.Setting(data.SettingUnit)
	if err != nil {
		return err
	}
	tasks, err := st.TaskResults(year, villageID)
	if err != nil {
		return err
	}
	if opts.Today.IsZero() {
		opts.Today = data.Today()
	}
	return writeShuzhi(w, sum, tasks, secretary, unit, opts)
}

// ShuzhiFileName is the file a 述职 is saved as by default: 述职报告-东泉村-2025年.pdf.
func ShuzhiFileName(village string, year int) string {
	if village == "" {
		village = "全部村"
	}
	return fmt.Sprintf("述职报告-%s-%d年.pdf", village, year)
}

func writeShuzhi(w io.Writer, sum *data.Summary, tasks []data.TaskRow, secretary, unit string, opts ShuzhiOptions) error {
	village := "全部村"
	if sum.Village != nil {
		village = sum.Village.Name
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	pdf.SetInfo(gopdf.PdfInfo{Title: fmt.Sprintf("%s%d年度述职报告", village, sum.Year), Creator: "村记"})
	if err := pdf.AddTTFFontData(fontFamily, assets.FontTTF); err != nil {
		return fmt.Errorf("述职报告字体无法加载：%w", err)
	}
	s := &sheet{pdf: pdf}
	s.newPage()
	s.font(20)
	s.textIn(marginX, s.y, contentW, fmt.Sprintf("驻村第一书记%d年度述职报告", sum.Year), gopdf.Center)
	s.y += 34
	s.font(bodySize)
	who := []string{"驻村：" + village}
	if v := strings.TrimSpace(secretary); v != "" {
		who = append(who, "述职人："+v)
	}
	if v := strings.TrimSpace(unit); v != "" {
		who = append(who, "派出单位："+v)
	}
	s.textIn(marginX, s.y, contentW, strings.Join(who, "　"), gopdf.Left)
	s.textIn(marginX, s.y, contentW, "统计期间："+sum.Period.Chinese(), gopdf.Right)
	s.y += lineH + 8

	for i, sec := range shuzhiSections {
		s.heading(chineseNumbers[i]+"、"+sec.title, 2*(lineH+2*cellPadY))
		s.table([]pdfCol{{"项目", 190, gopdf.Left}, {"数据", contentW - 190, gopdf.Left}})
		for _, l := range sec.lines(sum) {
			s.row([]pdfCell{{text: l.label}, {text: l.figure}})
		}
		s.endTable()
		if sec.items != nil {
			s.y += 6
			sec.items(s, tasks)
		}
		s.y += 8
	}
	s.ownText(chineseNumbers[len(shuzhiSections)] + "、述职内容（主要工作、成效、存在问题和下一步打算，由第一书记填写）")
	s.room(lineH + 40)
	s.y += 10
	s.textIn(marginX, s.y, contentW, "述职人（签字）：", gopdf.Left)
	s.pdf.Line(marginX+s.width("述职人（签字）："), s.y+lineH, marginX+contentW/2, s.y+lineH)
	s.textIn(marginX, s.y, contentW, "日期："+opts.Today.Chinese(), gopdf.Right)
	s.y += lineH
	s.pageNumbers()
	if s.err != nil {
		return s.err
	}
	_, err := pdf.WriteTo(w)
	return err
}

// ownText is a heading and ruled lines to write on: the rest of this page, and a page more when
// fewer than twelve lines are left.
func (s *sheet) ownText(heading string) {
	const gap = 24.0
	s.heading(heading, 12*gap)
	bottom := pageH - marginBottom - lineH - 50 // room for the signature
	for y := s.y + gap; y <= bottom; y += gap {
		s.pdf.Line(marginX, y, marginX+contentW, y)
		s.y = y
	}
	s.y += 6
}

func count(n int, unit string) string { return fmt.Sprintf("%d %s", n, unit) }

func shuzhiIncome(s *data.Summary) []shuzhiLine {
	lines := []shuzhiLine{
		{"集体经济总收入", s.Income.Total.String()},
		{"其中：经营性收入", s.Income.Operating.String()},
		{"净收入（收入减支出）", s.Net.String()},
		{fmt.Sprintf("上年（%d年）总收入", s.Year-1), s.PreviousIncome.Total.String()},
		{"比上年增减", change(s.Income.Total, s.PreviousIncome.Total)},
	}
	switch t := s.Target; {
	case t == nil:
		lines = append(lines, shuzhiLine{"年度目标", "按村设定，选择一个村查看"})
	case !t.HasTarget:
		lines = append(lines, shuzhiLine{"年度目标", "未设定"})
	default:
		lines = append(lines, shuzhiLine{"年度目标（" + data.MeasureName(t.Measure) + "）", t.Target.String()},
			shuzhiLine{"目标完成", fmt.Sprintf("%s，完成 %d%%", t.Achieved, t.Percent)})
	}
	return lines
}

// change is an amount's change from last year with its percentage: +¥12,000.00（+15%）.
func change(now, before data.Money) string {
	d := now - before
	text := d.String()
	if d > 0 {
		text = "+" + text
	}
	if before > 0 {
		text += fmt.Sprintf("（%+d%%）", int64(d)*100/int64(before))
	}
	return text
}

func shuzhiSales(s *data.Summary) []shuzhiLine {
	return []shuzhiLine{
		{"助农销售额", s.Sales.Total.String()},
		{"销售场次", count(s.Sales.Events, "场")},
		{"带动农户增收（有销售收入的卖家）", count(s.Sales.Sellers, "户")},
	}
}

func shuzhiProjects(s *data.Summary) []shuzhiLine {
	var stages []string
	for _, st := range append(append([]string{}, data.Stages...), data.StageNone) {
		if n := s.Projects.ByStage[st]; n > 0 {
			stages = append(stages, fmt.Sprintf("%s %d", st, n))
		}
	}
	if len(stages) == 0 {
		stages = []string{"无"}
	}
	return []shuzhiLine{
		{"本年在实施或有资金往来的项目", count(s.Projects.Count, "个")},
		{"按阶段（年末）", strings.Join(stages, "，")},
		{"项目资金", s.Projects.Budget.String()},
		{"截至年末已拨付", s.Projects.Disbursed.String()},
	}
}

func shuzhiContracts(s *data.Summary) []shuzhiLine {
	return []shuzhiLine{
		{"合同（本年执行中）", fmt.Sprintf("%d 份（%d 份）", s.Contracts.Count, s.Contracts.Active)},
		{"本年应收租金", s.Contracts.RentDue.String()},
		{"本年实收租金", s.Contracts.Received.String()},
		{"逾期未收租金", s.Contracts.Overdue.String()},
	}
}

func shuzhiDecisions(s *data.Summary) []shuzhiLine {
	var kinds []string
	for _, k := range data.DecisionKinds {
		if n := s.Decisions.ByKind[k]; n > 0 {
			kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
		}
	}
	if len(kinds) == 0 {
		kinds = []string{"无"}
	}
	return []shuzhiLine{
		{"本年作出决议的事项", count(s.Decisions.Taken, "项")},
		{"按类别", strings.Join(kinds, "，")},
		{"本年有步骤进行的事项", count(s.Decisions.Active, "项")},
	}
}

func shuzhiWork(s *data.Summary) []shuzhiLine {
	w := s.WorkLog
	return []shuzhiLine{
		{"在村天数", fmt.Sprintf("%d 天（每月目标 %d 天）", w.DaysInVillage, s.WorkDaysTarget)},
		{"外出天数", count(w.DaysAway, "天")},
		{"走访农户", fmt.Sprintf("%d 户，%d 人次", w.Households, w.Visits)},
		{"民情日记", fmt.Sprintf("%d 条，已解决 %d 条", w.Issues, w.Solved)},
	}
}

func shuzhiTasks(s *data.Summary) []shuzhiLine {
	t := s.Tasks
	return []shuzhiLine{
		{"本年揭榜的榜单事项（不含已撤销）", count(t.Count, "项")},
		{"已完成", count(t.Done, "项")},
		{"逾期未完成", count(t.Overdue, "项")},
	}
}

// shuzhiTaskItems lists the year's 榜单 items with their status today (逾期 included), progress
// and closing note, as the 揭榜挂帅 register shows them.
func shuzhiTaskItems(s *sheet, tasks []data.TaskRow) {
	s.table([]pdfCol{{"榜单事项", 132, gopdf.Left}, {"完成时限", 66, gopdf.Left}, {"当前状态", 58, gopdf.Left},
		{"进展或结果", 120, gopdf.Left}, {"办结说明", contentW - 376, gopdf.Left}})
	for _, t := range tasks {
		s.row([]pdfCell{{text: t.Title}, {text: t.Deadline.String()}, {text: t.Shown},
			{text: taskResult(&t.Task, t.Progress)}, {text: t.ClosingNote}})
	}
	if len(tasks) == 0 {
		s.row([]pdfCell{{text: "本年没有榜单事项", span: 5}})
	}
	s.endTable()
}

// taskResult is an item's progress in words: ¥12,000.00 / ¥50,000.00（24%） (a line each, so no
// amount is broken), 实施（目标：验收）, 70%.
func taskResult(t *data.Task, p data.TaskProgress) string {
	switch {
	case !p.Measured:
		return fmt.Sprintf("%d%%", p.Percent)
	case t.TargetKind == data.TargetStage:
		stage := p.Stage
		if stage == "" {
			stage = data.StageNone
		}
		return fmt.Sprintf("%s\n（目标：%s）", stage, t.TargetStage)
	case data.IsMoneyTarget(t.TargetKind):
		return fmt.Sprintf("%s\n/ %s（%d%%）", data.Money(p.Value), data.Money(p.Target), p.Percent)
	}
	return fmt.Sprintf("%d / %d 户（%d%%）", p.Value, p.Target, p.Percent)
}

func shuzhiPartners(s *data.Summary) []shuzhiLine {
	p := s.Partners
	return []shuzhiLine{
		{"有帮扶的单位", count(p.Units, "个")},
		{"帮扶单位出资", p.Funding.String()},
		{"帮扶单位采购（消费帮扶）", p.Purchases.String()},
	}
}
