package importfile

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"cunji/data"
)

// peekRows is how many rows at the top of a sheet are searched for the header.
const peekRows = 40

// column is how one column is read.
type column struct {
	field  Field
	header string
	scale  int64  // money columns: Yuan or TenThousand
	unit   string // a quantity column's unit from its header: 重量（斤）
}

// sheetParser reads one sheet: it holds the top rows until the header is found, then reads
// each row as it streams past.
type sheetParser struct {
	res      *Result
	opt      *Options
	sheet    *Sheet
	date1904 bool
	read     int // rows seen

	peek        []rawRow
	started     bool // header decided, rows flow straight through
	cols        []column
	byField     map[Field][]int
	headerTexts map[string]bool // the header's cells, to spot it repeated on each printed page

	asOf     data.Date            // 截至… or the year's end: when a project row gives no date
	month    int                  // the 月 column's value, carried down
	lastDate data.Date            // a sales row without a date is on the date above (written once per market day)
	section  string               // project type from a section row (一、产业发展类)
	prevSig  any                  // the previous data row's content
	words    map[[2]string]string // field, local word → official value ("" unknown)
}

func newSheetParser(res *Result, opt *Options, name string, date1904 bool) *sheetParser {
	return &sheetParser{res: res, opt: opt, date1904: date1904, sheet: &Sheet{Name: name, Scale: Yuan}, words: map[[2]string]string{}}
}

// feed takes one row from the source.
func (sp *sheetParser) feed(r rawRow) error {
	sp.read++
	if sp.started {
		return sp.row(r)
	}
	sp.peek = append(sp.peek, r)
	if len(sp.peek) < peekRows {
		return nil
	}
	return sp.start()
}

// finish handles a sheet shorter than peekRows.
func (sp *sheetParser) finish() error {
	if !sp.started {
		return sp.start()
	}
	return nil
}

// start finds the header in the rows held, reads the title and unit rows above it, then the rest.
func (sp *sheetParser) start() error {
	sp.started = true
	sh := sp.sheet
	cands := sp.candidates()
	sh.Candidates = cands
	switch {
	case sp.opt.HeaderRow > 0:
		sh.HeaderRow, sh.HeaderRows = sp.opt.HeaderRow, sp.opt.HeaderRows
		if sh.HeaderRows == 0 {
			sh.HeaderRows = 1
			for _, c := range cands {
				if c.Row == sh.HeaderRow && c.Rows == 2 {
					sh.HeaderRows = 2
					break
				}
			}
		}
	case len(cands) > 0 && cands[0].Score >= 2:
		sh.HeaderRow, sh.HeaderRows = cands[0].Row, cands[0].Rows
	}
	if sh.HeaderRow == 0 {
		if sp.opt.Sheet != "" || sp.onlySheet() {
			sp.res.addError(sh.Name, 1, "", "err.import.header.missing",
				"在工作表“"+sh.Name+"”的前"+itoa(peekRows)+"行里没有找到表头（例如“"+exampleHeaders(sp.opt.Kind)+"”），请确认选择的台账类型和工作表，或指定表头所在的行")
		}
		for _, r := range sp.peek {
			sp.skip(r, "没有表头")
		}
		return errStop
	}
	sp.context()
	sp.mapColumns()
	if sh.HeaderRow > 0 && len(sh.Missing) > 0 {
		labels := make([]string, len(sh.Missing))
		for i, f := range sh.Missing {
			labels[i] = f.Label()
		}
		sp.res.addError(sh.Name, sh.HeaderRow, "", "err.import.header.required",
			"工作表“"+sh.Name+"”的表头里没有找到这些列："+strings.Join(labels, "、")+"。请在预览里把对应的列选为这些内容，或检查表头")
	}
	peek := sp.peek
	sp.peek = nil
	for _, r := range peek {
		if err := sp.row(r); err != nil {
			return err
		}
	}
	return nil
}

// onlySheet reports whether this is the only sheet being read (a CSV, a one-sheet workbook).
func (sp *sheetParser) onlySheet() bool { return sp.opt.Sheet == "" && sp.res.soleSheet }

func exampleHeaders(kind data.ImportKind) string {
	switch kind {
	case data.ImportSales:
		return "日期、姓名、品名、数量、单价、金额"
	case data.ImportIncome:
		return "日期、摘要、类别、收入金额、支出金额"
	}
	return "项目名称、建设地点、总投资、已拨付、项目状态"
}

// texts are a row's cells as header words.
func texts(r rawRow) []string {
	out := make([]string, len(r.cells))
	for i, c := range r.cells {
		if c.kind == cellText {
			out[i] = trimText(c.text)
		}
	}
	return out
}

// trimText drops surrounding spaces, also U+3000 and line breaks, keeping the text as written.
func trimText(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' })
}

// isTextRow reports whether a row holds text and no numbers (a header row, not data).
func isTextRow(r rawRow) bool {
	n := 0
	for _, c := range r.cells {
		switch c.kind {
		case cellNumber, cellBool:
			return false
		case cellText:
			n++
		}
	}
	return n > 0
}

// headerFields maps a (one- or two-row) header to fields.
func (sp *sheetParser) headerFields(upper, lower []string) []Field {
	n := max(len(upper), len(lower))
	out := make([]Field, n)
	groups := groupsOf(upper, lower)
	for c := 0; c < n; c++ {
		own := at(lower, c)
		group := groups[c]
		if lower == nil {
			own, group = at(upper, c), ""
		} else if own == "" {
			own, group = at(upper, c), ""
		}
		out[c] = headerField(sp.opt.Kind, group, own, sp.opt.Memory.Headers)
	}
	return out
}

// groupsOf gives each column of a two-row header the group header above it: a merged cell
// spans from its text to the right while the row below has sub-headers.
func groupsOf(upper, lower []string) []string {
	n := max(len(upper), len(lower))
	out := make([]string, n)
	if lower == nil {
		return out
	}
	cur := ""
	for c := 0; c < n; c++ {
		switch u, l := at(upper, c), at(lower, c); {
		case u != "":
			cur = ""
			if l != "" {
				cur = u
			}
			out[c] = cur
		case l != "":
			out[c] = cur
		default:
			cur = ""
		}
	}
	return out
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

// score counts the distinct fields a header names (序号 not counted).
func score(fields []Field) int {
	seen := map[Field]bool{}
	for _, f := range fields {
		if f != FieldNone && f != FieldSeq {
			seen[f] = true
		}
	}
	return len(seen)
}

// candidates scores every held row, alone and with the row below, best first.
func (sp *sheetParser) candidates() []HeaderCandidate {
	var out []HeaderCandidate
	for i, r := range sp.peek {
		if !isTextRow(r) {
			continue
		}
		up := texts(r)
		one := score(sp.headerFields(up, nil))
		best := HeaderCandidate{Row: r.num, Rows: 1, Score: one}
		if i+1 < len(sp.peek) && sp.peek[i+1].num == r.num+1 && isTextRow(sp.peek[i+1]) {
			low := texts(sp.peek[i+1])
			two := score(sp.headerFields(up, low))
			if two > one && two > score(sp.headerFields(low, nil)) {
				best = HeaderCandidate{Row: r.num, Rows: 2, Score: two}
			}
		}
		if best.Score > 0 {
			out = append(out, best)
		}
	}
	// Best first; among equals the upper row (the header comes before the data).
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Score > out[j-1].Score; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

var (
	reYear    = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})(?:年|$|[^0-9])`)
	reAsOf    = regexp.MustCompile(`(?:截至|截止|截止到|截至到)\s*((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*(?:([0-9]{1,2})\s*[日号])?`)
	reTenThou = regexp.MustCompile(`万元`)
)

// context reads the sheet's year (its name, else its title rows, else Options.Year), its money
// unit (单位：万元) and the date its figures stand at (截至2024年10月底).
func (sp *sheetParser) context() {
	sh := sp.sheet
	if m := reYear.FindStringSubmatch(sh.Name); m != nil {
		sh.Year, _ = strconv.Atoi(m[1])
		sh.YearFrom = "工作表名"
	}
	for _, r := range sp.peek {
		if r.num >= sh.HeaderRow {
			if r.num < sh.HeaderRow+sh.HeaderRows && sh.Year == 0 { // 2024年 over the 月 and 日 columns
				if m := reYear.FindStringSubmatch(strings.Join(texts(r), " ")); m != nil {
					sh.Year, _ = strconv.Atoi(m[1])
					sh.YearFrom = "表头"
				}
			}
			continue
		}
		line := strings.Join(texts(r), " ")
		if line == "" {
			continue
		}
		if sh.Title == "" {
			sh.Title = strings.TrimSpace(line)
		}
		if reTenThou.MatchString(line) {
			sh.Scale = TenThousand
		}
		if m := reAsOf.FindStringSubmatch(line); m != nil && sp.asOf.IsZero() {
			y, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			d, _ := strconv.Atoi(m[3])
			if d == 0 && mo >= 1 && mo <= 12 {
				d = data.MonthPeriod(y, mo).To.Day()
			}
			if x, err := data.NewDate(y, mo, d); err == nil {
				sp.asOf = x
			}
		}
		if sh.Year == 0 && !strings.Contains(line, "日期") && !strings.Contains(line, "时间") {
			if m := reYear.FindStringSubmatch(line); m != nil {
				sh.Year, _ = strconv.Atoi(m[1])
				sh.YearFrom = "标题"
			}
		}
	}
	if sh.Year == 0 && sp.opt.Year != 0 {
		sh.Year, sh.YearFrom = sp.opt.Year, "指定"
	}
	if sh.Year < data.MinYear || sh.Year > data.MaxYear {
		sh.Year, sh.YearFrom = 0, ""
	}
	if sp.asOf.IsZero() && sh.Year != 0 {
		sp.asOf = data.MustDate(sh.Year, 12, 31)
	}
}

// requiredFields are the fields a kind of file cannot do without (alternatives in one group).
var requiredFields = map[data.ImportKind][][]Field{
	data.ImportSales:    {{FieldSeller}, {FieldProduct}, {FieldQuantity}, {FieldAmount, FieldPrice}, {FieldDate, FieldDay}},
	data.ImportIncome:   {{FieldIncome, FieldExpense, FieldAmount}, {FieldDate, FieldDay}, {FieldCategory}},
	data.ImportProjects: {{FieldName}},
}

// mapColumns decides what each column holds: the user's mapping, else the header's words.
func (sp *sheetParser) mapColumns() {
	sh := sp.sheet
	var upper, lower []string
	for i, r := range sp.peek {
		if r.num == sh.HeaderRow {
			upper = texts(r)
			if sh.HeaderRows == 2 && i+1 < len(sp.peek) {
				lower = texts(sp.peek[i+1])
			}
		}
	}
	detected := sp.headerFields(upper, lower)
	groups := groupsOf(upper, lower)
	n := max(len(upper), len(lower), len(sp.opt.Mapping))
	sh.Headers = make([]string, n)
	for c := range n {
		h := at(upper, c)
		if l := at(lower, c); l != "" {
			h = l
			if groups[c] != "" {
				h = groups[c] + "/" + l
			}
		}
		sh.Headers[c] = h
	}
	// Detection keeps the first column of a field; funding columns add up.
	seen := map[Field]bool{}
	for c, f := range detected {
		if f == FieldNone {
			continue
		}
		if seen[f] && fundingSource[f] == "" {
			detected[c] = FieldNone
		}
		seen[f] = true
	}
	sh.Detected = append(detected, make([]Field, n-len(detected))...)
	sh.Mapping = append([]Field(nil), sh.Detected...)
	if sp.opt.Mapping != nil {
		sh.Mapping = append(append([]Field(nil), sp.opt.Mapping...), make([]Field, n-len(sp.opt.Mapping))...)
	}
	sp.cols = make([]column, n)
	sp.byField = map[Field][]int{}
	sp.headerTexts = map[string]bool{}
	for _, t := range append(append([]string(nil), upper...), lower...) {
		if t != "" {
			sp.headerTexts[t] = true
		}
	}
	for c, f := range sh.Mapping {
		col := column{field: f, header: sh.Headers[c], scale: sh.Scale}
		switch u := headerUnit(sh.Headers[c]); {
		case strings.HasPrefix(u, "万元"):
			col.scale = TenThousand
		case strings.HasPrefix(u, "元"):
			col.scale = Yuan
		case f == FieldQuantity && u != "" && utf8.RuneCountInString(u) <= 4:
			col.unit = u
		}
		sp.cols[c] = col
		if f != FieldNone {
			sp.byField[f] = append(sp.byField[f], c)
			if name := dataFieldName[f]; name != "" && sp.res.columns[name] == "" {
				sp.res.columns[name] = sh.Headers[c]
			}
		}
	}
	for _, group := range requiredFields[sp.opt.Kind] {
		found := false
		for _, f := range group {
			found = found || len(sp.byField[f]) > 0
		}
		if !found {
			sh.Missing = append(sh.Missing, group[0])
		}
	}
}

// cellOf is the first cell of a field in a row.
func (sp *sheetParser) cellOf(r rawRow, f Field) (cell, int) {
	cols := sp.byField[f]
	if len(cols) == 0 {
		return cell{}, -1
	}
	c := cols[0]
	if c < len(r.cells) {
		return r.cells[c], c
	}
	return cell{}, c
}

// text is a field's text in a row, tidied.
func (sp *sheetParser) text(r rawRow, f Field) string {
	c, _ := sp.cellOf(r, f)
	if c.kind == cellEmpty {
		return ""
	}
	return tidyText(c.text)
}

// colName is the header of column c for an error, else its letters.
func (sp *sheetParser) colName(c int) string {
	if c >= 0 && c < len(sp.cols) && sp.cols[c].header != "" {
		return sp.cols[c].header
	}
	if c >= 0 {
		return ColumnName(c) + "列"
	}
	return ""
}

// fieldCol names the column of a field for an error (the field's label when it has none).
func (sp *sheetParser) fieldCol(f Field) string {
	if cols := sp.byField[f]; len(cols) > 0 {
		return sp.colName(cols[0])
	}
	return f.Label()
}

// Skip reasons.
const (
	reasonBlank     = "空行"
	reasonSeqOnly   = "只有序号"
	reasonTotal     = "合计行"
	reasonSection   = "分类行"
	reasonSignature = "签名行"
	reasonTitle     = "标题"
	reasonHeader    = "表头"
	reasonNote      = "说明行"
	reasonNoData    = "没有要导入的内容"
)

var (
	totalWords = []string{"合计", "总计", "小计", "共计", "累计", "本月合计", "本月小计", "本年累计", "本年合计", "本季合计", "本期合计",
		"上年结转", "上月结转", "结转下年", "结转下月", "承上页", "过次页", "转下页", "转次页", "本页合计", "本页小计", "全年合计", "月计",
		"年计", "期初余额", "期末余额", "上期结余", "本期发生额", "总合计", "合计数"}
	reSection   = regexp.MustCompile(`^(?:[一二三四五六七八九十]+[、.．,，]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[部类项]分?)`)
	reSignature = regexp.MustCompile(`(?:制表|填表|填报|审核|复核|审批|负责人|会计|出纳|记账|经办|监督|报账员|签字|签章|盖章|主管|分管领导|单位负责人)(?:人|员)?\s*[:：]`)
	reNote      = regexp.MustCompile(`^(?:说明|注|备注|填表说明|填报说明)\s*[:：0-9]`)
)

var totalReplacer = strings.NewReplacer(" ", "", "\u3000", "", ":", "", "：", "")

// isTotal reports whether a cell is a totals label: 合计, 本月合计, 2024年小计, 合 计.
func isTotal(s string) bool {
	if !strings.ContainsAny(s, "计转页余额") {
		return false
	}
	s = totalReplacer.Replace(s)
	for _, w := range totalWords {
		if s == w {
			return true
		}
	}
	if utf8.RuneCountInString(s) <= 12 {
		for _, w := range []string{"合计", "小计", "总计", "累计", "结转", "承上页", "过次页"} {
			if strings.HasSuffix(s, w) || strings.HasPrefix(s, w) {
				return true
			}
		}
	}
	return false
}

// skip records a row that is not data.
func (sp *sheetParser) skip(r rawRow, reason string) {
	sp.res.Counts.Skipped++
	sp.res.Skips[reason]++
	if sp.opt.KeepRows {
		sp.sheet.Rows = append(sp.sheet.Rows, Row{Num: r.num, Status: StatusSkip, Reason: reason, Cells: sp.display(r)})
	}
}

// display is a row's cells as the preview shows them.
func (sp *sheetParser) display(r rawRow) []string {
	out := make([]string, len(r.cells))
	for i, c := range r.cells {
		out[i] = c.text
		if c.kind == cellNumber && c.date {
			if d, err := parseDate(c, 0, sp.date1904); err == nil && !d.none {
				out[i] = d.date.String()
			}
		}
	}
	return out
}

// row reads one row after the header decision.
func (sp *sheetParser) row(r rawRow) error {
	sh := sp.sheet
	switch {
	case r.num < sh.HeaderRow:
		if isBlank(r) {
			sp.skip(r, reasonBlank)
		} else {
			sp.skip(r, reasonTitle)
		}
		return nil
	case r.num < sh.HeaderRow+sh.HeaderRows:
		sp.skip(r, reasonHeader)
		return nil
	}
	if reason := sp.notData(r); reason != "" {
		sp.skip(r, reason)
		return nil
	}
	if len(sh.Missing) > 0 {
		sp.skip(r, reasonNoData)
		return nil
	}
	if sp.opt.Limit > 0 && sp.res.Counts.Data >= sp.opt.Limit {
		sp.res.Complete = false
		return errStop
	}
	sp.res.Counts.Data++
	b := &rowBuilder{sp: sp, r: r, ref: data.ImportRef{Sheet: sh.Name, Row: r.num}}
	var sig any
	switch sp.opt.Kind {
	case data.ImportSales:
		sig = b.sale()
	case data.ImportIncome:
		sig = b.entry()
	case data.ImportProjects:
		sig = b.project()
	}
	if len(b.errs) == 0 && sig != nil && sig == sp.prevSig {
		b.fail(FieldNone, -1, "err.import.row.duplicate", "这一行与上一行完全相同，可能是重复录入；如果确实是两笔，请在备注里注明后再导入")
	}
	if len(b.errs) == 0 {
		sp.prevSig = sig
	} else {
		sp.prevSig = nil
	}
	row := Row{Num: r.num, Errors: b.errs}
	if sp.opt.KeepRows {
		row.Cells = sp.display(r)
	}
	if len(b.errs) > 0 {
		row.Status = StatusError
		sp.res.Counts.Errors++
		sp.res.Errors = append(sp.res.Errors, b.errs...)
	} else {
		sp.res.Counts.Valid++
		if !b.keep() {
			return errStop
		}
	}
	if sp.opt.KeepRows {
		sh.Rows = append(sh.Rows, row)
		sp.res.rowIndex[b.ref] = len(sh.Rows) - 1
	}
	return nil
}

func isBlank(r rawRow) bool {
	for _, c := range r.cells {
		if c.kind != cellEmpty && tidyText(c.text) != "" {
			return false
		}
	}
	return true
}

// notData says why a row below the header is not a record ("" when it is one).
func (sp *sheetParser) notData(r rawRow) string {
	if isBlank(r) {
		return reasonBlank
	}
	var first string
	nonEmpty, mapped, seqOnly, onlyMoney := 0, 0, true, true
	header := 0
	for c, x := range r.cells {
		t := tidyText(x.text)
		if x.kind == cellEmpty || t == "" {
			continue
		}
		nonEmpty++
		f := FieldNone
		if c < len(sp.cols) {
			f = sp.cols[c].field
		}
		if f != FieldNone {
			mapped++
		}
		if f != FieldSeq {
			seqOnly = false
		}
		if f != FieldSeq && !f.Money() && (f != FieldNone || x.kind != cellNumber) {
			onlyMoney = false
		}
		if x.kind == cellText {
			if first == "" {
				first = t
			}
			if sp.headerTexts[trimText(x.text)] {
				header++
			}
			if !f.Money() && isTotal(t) {
				return reasonTotal
			}
			if strings.ContainsAny(t, ":：") && reSignature.MatchString(t) {
				return reasonSignature
			}
		}
	}
	switch {
	case first != "" && reSection.MatchString(first):
		if sp.opt.Kind == data.ImportProjects {
			name := reSection.ReplaceAllString(first, "")
			if t, ok := lookupWord(wordIndex[FieldType], name); ok {
				sp.section = t
			}
		}
		return reasonSection
	case seqOnly:
		return reasonSeqOnly
	case onlyMoney:
		return reasonTotal // amounts under nothing else: a total without its label
	case header >= 2 && header*2 >= nonEmpty:
		return reasonHeader // the header repeated on every printed page
	case first != "" && reNote.MatchString(first) && nonEmpty <= 2:
		return reasonNote
	case mapped == 0:
		return reasonNoData
	}
	return ""
}

// addError records an error that is not a data row's (a missing header, a missing column).
func (r *Result) addError(sheet string, row int, col, key, msg string) {
	r.Errors = append(r.Errors, RowError{Sheet: sheet, Row: row, Column: col, Message: msg, Key: key})
}
