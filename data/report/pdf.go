package report

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/signintech/gopdf"

	"cunji/assets"
	"cunji/data"
)

// DisclosureOptions are what the person printing a 村务公开表 may add.
type DisclosureOptions struct {
	Note  string    // the 说明 line; empty leaves a ruled line to write on by hand
	Date  data.Date // 公开日期; the zero Date means today
	Today data.Date // the day the sheet is made, so its as-of date is not in the future; zero means data.Today()

	secretary, unit string // the first secretary and 派出单位 from the settings, printed by the signatures
}

// A4 portrait in points, with the margins of a printed notice.
const (
	pageW, pageH = 595.28, 841.89
	marginX      = 50.0
	marginTop    = 48.0
	marginBottom = 56.0
	contentW     = pageW - 2*marginX
	fontFamily   = "wqy"
	bodySize     = 10.5
	lineH        = 13.5 // one line of body text
	cellPadX     = 4.0
	cellPadY     = 3.25
)

// Disclosure writes the 村务公开表（财务收支）for one village and period as an A4 PDF.
// Names of individuals are masked and no ID or phone number is printed.
func Disclosure(st *data.Store, p data.Period, villageID int64, w io.Writer, opts DisclosureOptions) error {
	if villageID == 0 {
		return fmt.Errorf("请选择要公开的村")
	}
	r, err := Tables(st, p, villageID)
	if err != nil {
		return err
	}
	people, err := peopleMasker(st)
	if err != nil {
		return err
	}
	maskPeople(r, people)
	opts.Note = people.Replace(opts.Note)
	if opts.secretary, err = st.Setting(data.SettingSecretary); err != nil {
		return err
	}
	if opts.unit, err = st.Setting(data.SettingUnit); err != nil {
		return err
	}
	return writeDisclosure(w, r, opts)
}

// peopleMasker replaces the full name of every household seller (the people the ledger knows
// by name, in any village) with its masked form, wherever free text mentions it:
// 李建国等12户 → 李*国等12户.
func peopleMasker(st *data.Store) (*strings.Replacer, error) {
	var names []string
	for offset := 0; ; offset += 1000 {
		page, err := st.ListSellers(data.SellerFilter{}, offset, 1000)
		if err != nil {
			return nil, err
		}
		for _, x := range page {
			if (x.Kind == "" || x.Kind == data.SellerKinds[0]) && len([]rune(x.Name)) >= 2 {
				names = append(names, x.Name)
			}
		}
		if len(page) < 1000 {
			break
		}
	}
	// Longer names first, so 欧阳秀英 is masked whole before 欧阳秀 could match inside it.
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) })
	pairs := make([]string, 0, 2*len(names))
	for _, n := range names {
		pairs = append(pairs, n, data.MaskName(n))
	}
	return strings.NewReplacer(pairs...), nil
}

// maskPeople applies the masker to every free text the sheet prints.
func maskPeople(r *Report, people *strings.Replacer) {
	for i := range r.Projects {
		r.Projects[i].Name = people.Replace(r.Projects[i].Name)
	}
	for i := range r.Distributions {
		d := &r.Distributions[i]
		d.Project, d.Recipient, d.Note = people.Replace(d.Project), people.Replace(d.Recipient), people.Replace(d.Note)
	}
	for i := range r.Rent {
		x := &r.Rent[i]
		x.Subject = people.Replace(x.Subject)
		if x.PartyKind == data.PartyPerson {
			x.Party = data.MaskName(x.Party)
		} else {
			x.Party = people.Replace(x.Party)
		}
	}
}

// pdfCol is one column of a table on the sheet.
type pdfCol struct {
	title string
	width float64
	align int // gopdf.Left, gopdf.Center or gopdf.Right
}

// pdfCell is one cell of a row; span > 1 joins it with the cells to its right.
type pdfCell struct {
	text string
	span int
	bold bool // drawn a little larger and on a grey ground
}

// sheet draws the disclosure page by page, keeping the cursor and repeating table headers.
type sheet struct {
	pdf  *gopdf.GoPdf
	y    float64
	cols []pdfCol // the table being drawn, to repeat its header on a new page
	bare bool     // the table has no header row (a form of labels and values)
	err  error
}

func writeDisclosure(w io.Writer, r *Report, opts DisclosureOptions) error {
	if opts.Today.IsZero() {
		opts.Today = data.Today()
	}
	date := opts.Date
	if date.IsZero() {
		date = opts.Today
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	pdf.SetInfo(gopdf.PdfInfo{Title: "村务公开表（财务收支）" + r.Village + r.Period.Chinese(), Creator: "村记"})
	if err := pdf.AddTTFFontData(fontFamily, assets.FontTTF); err != nil {
		return fmt.Errorf("公开表字体无法加载：%w", err)
	}
	s := &sheet{pdf: pdf}
	s.newPage()
	s.title(r)
	s.finance(r.Statement)
	s.projects(r, opts.Today)
	s.contracts(r, opts.Today)
	next := "四"
	if len(r.Distributions) > 0 {
		s.distributions(r)
		next = "五"
	}
	if len(r.Decisions) > 0 {
		s.decisions(r, next)
	}
	signer := s.wrap(signerText(opts), contentW-s.width("公开日期："+date.Chinese())-16)
	s.room(s.noteHeight(opts.Note) + signaturesHeight(signer)) // the note and the signatures stay together
	s.note(opts.Note)
	s.signatures(date, signer)
	s.pageNumbers()
	if s.err != nil {
		return s.err
	}
	_, err := pdf.WriteTo(w)
	return err
}

func (s *sheet) font(size float64) {
	if err := s.pdf.SetFont(fontFamily, "", size); err != nil && s.err == nil {
		s.err = err
	}
}

func (s *sheet) newPage() {
	s.pdf.AddPage()
	s.y = marginTop
	s.pdf.SetLineWidth(0.6)
	s.pdf.SetStrokeColor(0, 0, 0)
	s.pdf.SetTextColor(0, 0, 0)
}

// room starts a new page when h more points do not fit on this one; it reports whether it did.
func (s *sheet) room(h float64) bool {
	if s.y+h <= pageH-marginBottom {
		return false
	}
	s.newPage()
	return true
}

func (s *sheet) width(text string) float64 {
	w, err := s.pdf.MeasureTextWidth(text)
	if err != nil {
		return float64(len([]rune(text))) * bodySize
	}
	return w
}

// textIn writes one line inside a box of width w and one line high whose top is at y, aligned
// left, centred or right.
func (s *sheet) textIn(x, y, w float64, text string, align int) {
	if text == "" {
		return
	}
	s.pdf.SetXY(x, y)
	err := s.pdf.CellWithOption(&gopdf.Rect{W: w, H: lineH}, text, gopdf.CellOption{Align: align | gopdf.Middle})
	if err != nil && s.err == nil {
		s.err = err
	}
}

// wrap breaks text into lines no wider than w (by character, as Chinese is written).
func (s *sheet) wrap(text string, w float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		var line []rune
		for _, r := range para {
			if len(line) > 0 && s.width(string(append(line, r))) > w {
				lines = append(lines, string(line))
				line = line[:0]
				if unicode.IsSpace(r) {
					continue
				}
			}
			line = append(line, r)
		}
		lines = append(lines, string(line))
	}
	return lines
}

func (s *sheet) title(r *Report) {
	s.font(20)
	s.textIn(marginX, s.y, contentW, "村务公开表（财务收支）", gopdf.Center)
	s.y += 34
	s.font(bodySize)
	s.textIn(marginX, s.y, contentW, "公开单位："+publicText(r.Village), gopdf.Left)
	s.textIn(marginX, s.y, contentW, "公开期间："+r.Period.Chinese(), gopdf.Center)
	s.textIn(marginX, s.y, contentW, "金额单位：元", gopdf.Right)
	s.y += lineH + 8
}

// heading writes a section heading, keeping it on the same page as at least minBelow points.
func (s *sheet) heading(text string, minBelow float64) {
	s.room(lineH + 8 + minBelow)
	s.font(12)
	s.textIn(marginX, s.y, contentW, text, gopdf.Left)
	s.y += lineH + 6
	s.font(bodySize)
}

// figures is an amount without the currency sign: 12,345.60.
func figures(m data.Money) string { return strings.Replace(m.String(), "¥", "", 1) }

func (s *sheet) finance(st IncomeStatement) {
	s.heading("一、财务收支情况", 80)
	cols := []pdfCol{
		{"收入项目", 145, gopdf.Left},
		{"本期金额", contentW/2 - 145, gopdf.Right},
		{"支出项目", 145, gopdf.Left},
		{"本期金额", contentW/2 - 145, gopdf.Right},
	}
	s.table(cols)
	n := max(len(st.Income), len(st.Expense))
	for i := range n {
		row := make([]pdfCell, 4)
		if i < len(st.Income) {
			row[0], row[1] = pdfCell{text: st.Income[i].Category}, pdfCell{text: figures(st.Income[i].Amount)}
		}
		if i < len(st.Expense) {
			row[2], row[3] = pdfCell{text: st.Expense[i].Category}, pdfCell{text: figures(st.Expense[i].Amount)}
		}
		s.row(row)
	}
	s.row([]pdfCell{{text: "收入合计", bold: true}, {text: st.IncomeTotal.String(), bold: true},
		{text: "支出合计", bold: true}, {text: st.ExpenseTotal.String(), bold: true}})
	s.row([]pdfCell{{text: "大写：" + st.IncomeTotal.Capital(), span: 2}, {text: "大写：" + st.ExpenseTotal.Capital(), span: 2}})
	s.row([]pdfCell{{text: "其中：经营性收入"}, {text: st.Operating.String()},
		{text: "收支结余（收入－支出）", bold: true}, {text: st.Net.String(), bold: true}})
	s.row([]pdfCell{{text: "收支结余（大写）"}, {text: st.Net.Capital(), span: 3}})
	s.endTable()
	s.font(9)
	s.textIn(marginX, s.y+2, contentW, "注：经营性收入＝经营收入＋投资收益（即收入合计减去补助收入和其他收入）。", gopdf.Left)
	s.font(bodySize)
	s.y += lineH + 10
}

// asOf is the day a section's figures stand at: the period's end, or today when that is earlier.
func asOf(end, today data.Date) data.Date {
	if today.Before(end) {
		return today // the figures are those known today, not those of a day still to come
	}
	return end
}

func (s *sheet) projects(r *Report, today data.Date) {
	asOf := asOf(r.Period.To, today)
	s.heading("二、帮扶项目资金情况（截至"+asOf.Chinese()+"）", 60)
	cols := []pdfCol{
		{"项目名称", 140, gopdf.Left},
		{"阶段", 58, gopdf.Center},
		{"资金总额", (contentW - 198) / 4, gopdf.Right},
		{"本期拨付", (contentW - 198) / 4, gopdf.Right},
		{"累计拨付", (contentW - 198) / 4, gopdf.Right},
		{"结余", (contentW - 198) / 4, gopdf.Right},
	}
	s.table(cols)
	if len(r.Projects) == 0 {
		s.row([]pdfCell{{text: "本期没有帮扶项目资金", span: 6}})
	}
	for _, p := range r.Projects {
		stage := p.Stage
		if stage == "" {
			stage = "—"
		}
		name := publicText(p.Name)
		if p.Share > 0 && p.Share < data.ShareWhole { // a 联建 project: the amounts are the village's share
			name += "（本村份额 " + data.FormatShare(p.Share) + "）"
		}
		s.row([]pdfCell{{text: name}, {text: stage}, {text: figures(p.Budget)},
			{text: figures(p.DisbursedInPeriod)}, {text: figures(p.Disbursed)}, {text: figures(p.Balance)}})
	}
	if len(r.Projects) > 1 {
		t := r.ProjectTotal
		s.row([]pdfCell{{text: "合计", bold: true}, {text: "", bold: true}, {text: figures(t.Budget), bold: true},
			{text: figures(t.DisbursedInPeriod), bold: true}, {text: figures(t.Disbursed), bold: true}, {text: figures(t.Balance), bold: true}})
	}
	s.endTable()
	s.y += 12
}

func (s *sheet) distributions(r *Report) {
	s.heading("四、收益分配情况", 60)
	cols := []pdfCol{
		{"日期", 72, gopdf.Center},
		{"项目", 140, gopdf.Left},
		{"分配对象", 120, gopdf.Left},
		{"金额", 80, gopdf.Right},
		{"说明", contentW - 412, gopdf.Left},
	}
	s.table(cols)
	for _, d := range r.Distributions {
		s.row([]pdfCell{{text: d.Date.String()}, {text: publicText(d.Project)}, {text: publicRecipient(d.Recipient)},
			{text: figures(d.Amount)}, {text: publicText(d.Note)}})
	}
	s.row([]pdfCell{{text: "合计", bold: true, span: 3}, {text: r.Distributed.String(), bold: true}, {text: ""}})
	s.endTable()
	s.y += 12
}

// decisions is the section of 四议两公开 matters posted within the period, numbered no.
func (s *sheet) decisions(r *Report, no string) {
	s.heading(no+"、“四议两公开”事项（本期公开）", 60)
	cols := []pdfCol{
		{"事项", 140, gopdf.Left},
		{"类别", 84, gopdf.Center},
		{"决议日期", 72, gopdf.Center},
		{"公开日期", 72, gopdf.Center},
		{"决议结果", contentW - 368, gopdf.Left},
	}
	s.table(cols)
	for _, d := range r.Decisions {
		resolved := "—"
		if !d.Resolved.IsZero() {
			resolved = d.Resolved.String()
		}
		s.row([]pdfCell{{text: publicText(d.Matter)}, {text: d.Kind}, {text: resolved}, {text: publicDates(d.Public)}, {text: d.Result}})
	}
	s.endTable()
	s.y += 12
}

// contracts is the 合同与租金 section: each contract's rent due and received in the period and
// what is overdue at the cutoff, with the lessee's name masked when a person holds it.
func (s *sheet) contracts(r *Report, today data.Date) {
	s.heading("三、合同与租金（逾期截至"+asOf(r.RentCutoff, today).Chinese()+"）", 60)
	money := (contentW - 278) / 3
	cols := []pdfCol{
		{"合同编号", 68, gopdf.Left},
		{"标的", 110, gopdf.Left},
		{"承包方", 100, gopdf.Left},
		{"本期应收", money, gopdf.Right},
		{"本期实收", money, gopdf.Right},
		{"逾期未收", money, gopdf.Right},
	}
	s.table(cols)
	if len(r.Rent) == 0 {
		s.row([]pdfCell{{text: "本期没有应收或逾期的租金", span: 6}})
	}
	for _, x := range r.Rent {
		s.row([]pdfCell{{text: x.Code}, {text: publicText(x.Subject)}, {text: publicText(x.Party)}, {text: figures(x.Due)},
			{text: figures(x.Received)}, {text: figures(x.Overdue)}})
	}
	c := r.Contracts
	if len(r.Rent) > 1 {
		s.row([]pdfCell{{text: "合计", bold: true, span: 3}, {text: figures(c.RentDue), bold: true},
			{text: figures(c.Received), bold: true}, {text: figures(c.Overdue), bold: true}})
	}
	s.endTable()
	s.font(9)
	s.textIn(marginX, s.y+2, contentW, fmt.Sprintf("注：在册合同%d份，本期执行中%d份；本期实收租金已记入集体收入（经营收入）。", c.Count, c.Active), gopdf.Left)
	s.font(bodySize)
	s.y += lineH + 10
}

// noteHeight is the height note() will take.
func (s *sheet) noteHeight(note string) float64 {
	note = publicText(strings.TrimSpace(note))
	if note == "" {
		return lineH + 8 + 10
	}
	return float64(len(s.wrap(note, contentW-s.width("说明："))))*(lineH+2) + 10
}

// signerText names the first secretary and the 派出单位 set in 设置 ("" when neither is).
func signerText(opts DisclosureOptions) string {
	var parts []string
	if v := strings.TrimSpace(opts.secretary); v != "" {
		parts = append(parts, "驻村第一书记："+v)
	}
	if v := strings.TrimSpace(opts.unit); v != "" {
		parts = append(parts, "派出单位："+v)
	}
	return publicText(strings.Join(parts, "　"))
}

// signaturesHeight is the height signatures() takes with the signer's lines beside the date.
func signaturesHeight(signer []string) float64 {
	return 6 + lineH + 42 + float64(max(len(signer), 1))*lineH + 6 + lineH
}

func (s *sheet) note(note string) {
	note = publicText(strings.TrimSpace(note))
	label := "说明："
	lw := s.width(label)
	if note == "" {
		s.room(lineH + 8)
		s.textIn(marginX, s.y, lw, label, gopdf.Left)
		s.pdf.Line(marginX+lw, s.y+lineH, marginX+contentW, s.y+lineH)
		s.y += lineH + 8 + 10
		return
	}
	lines := s.wrap(note, contentW-lw)
	for i, l := range lines {
		if s.room(lineH) || i == 0 {
			s.textIn(marginX, s.y, lw, label, gopdf.Left)
		}
		s.textIn(marginX+lw, s.y, contentW-lw, l, gopdf.Left)
		s.y += lineH + 2
	}
	s.y += 10
}

func (s *sheet) signatures(date data.Date, signer []string) {
	s.room(signaturesHeight(signer))
	s.y += 6
	labels := []string{"村党组织（盖章）", "村民委员会（盖章）", "民主理财小组（签字）"}
	colW := contentW / 3
	for i, l := range labels {
		x := marginX + float64(i)*colW
		s.textIn(x, s.y, colW-12, l, gopdf.Left)
		s.pdf.Line(x, s.y+lineH+30, x+colW-16, s.y+lineH+30)
	}
	s.y += lineH + 42
	s.textIn(marginX, s.y, contentW, "公开日期："+date.Chinese(), gopdf.Right)
	for i, l := range signer {
		s.textIn(marginX, s.y+float64(i)*lineH, contentW, l, gopdf.Left)
	}
	s.y += float64(max(len(signer), 1))*lineH + 6
	s.font(9)
	s.textIn(marginX, s.y, contentW, "公开时间不少于七天。村民对公开内容有疑问的，可向村民主理财小组或村务监督委员会反映。", gopdf.Left)
	s.font(bodySize)
	s.y += lineH
}

func (s *sheet) pageNumbers() {
	n := s.pdf.GetNumberOfPages()
	if n < 2 {
		return
	}
	for i := 1; i <= n; i++ {
		if err := s.pdf.SetPage(i); err != nil {
			s.err = err
			return
		}
		s.font(9)
		s.textIn(marginX, pageH-marginBottom+20, contentW, fmt.Sprintf("第 %d 页，共 %d 页", i, n), gopdf.Center)
	}
}

// table starts a table with the given columns and draws its header row.
func (s *sheet) table(cols []pdfCol) {
	s.cols = cols
	s.room(2 * (lineH + 2*cellPadY))
	s.header()
}

// bareTable starts a table of labels and values, without a header row.
func (s *sheet) bareTable(cols []pdfCol) {
	s.cols, s.bare = cols, true
}

func (s *sheet) header() {
	if s.bare {
		return
	}
	cells := make([]pdfCell, len(s.cols))
	for i, c := range s.cols {
		cells[i] = pdfCell{text: c.title, bold: true}
	}
	s.drawRow(cells, true)
}

func (s *sheet) endTable() { s.cols, s.bare = nil, false }

// row draws one table row, first moving to a new page (and repeating the header) if it does not fit.
func (s *sheet) row(cells []pdfCell) {
	h := s.rowHeight(cells)
	if s.room(h) {
		s.header()
	}
	s.drawRow(cells, false)
}

type placedCell struct {
	x, w  float64
	lines []string
	align int
	bold  bool
}

func (s *sheet) place(cells []pdfCell, header bool) []placedCell {
	var out []placedCell
	x, col := marginX, 0
	for _, c := range cells {
		span := max(c.span, 1)
		if col+span > len(s.cols) {
			span = len(s.cols) - col
		}
		w := 0.0
		for _, pc := range s.cols[col : col+span] {
			w += pc.width
		}
		align := s.cols[col].align
		if header {
			align = gopdf.Center
		} else if span > 1 {
			align = gopdf.Left
		}
		if c.bold {
			s.font(bodySize + 0.5)
		}
		lines := s.wrap(c.text, w-2*cellPadX)
		s.font(bodySize)
		out = append(out, placedCell{x: x, w: w, lines: lines, align: align, bold: c.bold})
		x += w
		col += span
		if col >= len(s.cols) {
			break
		}
	}
	return out
}

func (s *sheet) rowHeight(cells []pdfCell) float64 {
	n := 1
	for _, c := range s.place(cells, false) {
		n = max(n, len(c.lines))
	}
	return float64(n)*lineH + 2*cellPadY
}

func (s *sheet) drawRow(cells []pdfCell, header bool) {
	placed := s.place(cells, header)
	n := 1
	for _, c := range placed {
		n = max(n, len(c.lines))
	}
	h := float64(n)*lineH + 2*cellPadY
	for _, c := range placed {
		if c.bold {
			s.pdf.SetFillColor(236, 236, 236)
			s.pdf.RectFromUpperLeftWithStyle(c.x, s.y, c.w, h, "F")
			s.font(bodySize + 0.5)
		}
		s.pdf.SetLineWidth(0.6)
		s.pdf.RectFromUpperLeftWithStyle(c.x, s.y, c.w, h, "D")
		for i, l := range c.lines {
			s.textIn(c.x+cellPadX, s.y+cellPadY+float64(i)*lineH+1, c.w-2*cellPadX, l, c.align)
		}
		s.font(bodySize)
	}
	s.y += h
}

var (
	reIDNumber = regexp.MustCompile(`\d{17}[\dXx]|\d{15}`)
	reMobile   = regexp.MustCompile(`1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}`)
	reLandline = regexp.MustCompile(`0\d{2,3}-\d{7,8}`)
)

// publicText masks anything in free text that looks like an ID or phone number, so a note
// typed with one in it never reaches the notice board.
func publicText(s string) string {
	s = reIDNumber.ReplaceAllStringFunc(s, data.MaskID)
	s = reMobile.ReplaceAllStringFunc(s, data.MaskPhone)
	return reLandline.ReplaceAllStringFunc(s, data.MaskPhone)
}

// collectiveWords mark a recipient that is a group or an organisation, not a person.
var collectiveWords = []string{"村", "户", "社", "组", "会", "队", "集体", "全体", "群众", "公司", "基金",
	"分红", "合作", "委员", "学校", "党", "等", "人", "家", "场", "厂", "站", "部", "局", "办"}

// publicRecipient masks a distribution's recipient when it reads like a person's name
// (two to four Chinese characters with no word of a group or organisation in it).
func publicRecipient(s string) string {
	s = publicText(strings.TrimSpace(s))
	r := []rune(s)
	if len(r) < 2 || len(r) > 4 {
		return s
	}
	for _, c := range r {
		if !unicode.Is(unicode.Han, c) {
			return s
		}
	}
	for _, w := range collectiveWords {
		if strings.Contains(s, w) {
			return s
		}
	}
	return data.MaskName(s)
}
