package importfile

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"cunji/data"
)

// valueError is a cell that cannot be read: Key translates Msg (Chinese, naming the text).
type valueError struct {
	Key string
	Msg string
}

func (e *valueError) Error() string { return e.Msg }

func vErr(key, format string, a ...any) *valueError {
	return &valueError{Key: key, Msg: fmt.Sprintf(format, a...)}
}

// Scales of money columns: 元 and 万元.
const (
	Yuan        int64 = 1
	TenThousand int64 = 10000
)

// blankWords stand for "nothing here" in amount and date cells.
var blankWords = map[string]bool{"-": true, "--": true, "—": true, "——": true, "/": true, "\\": true, "无": true,
	"暂无": true, "空": true, "－": true, "／": true, "…": true}

// noDateWords in a date column mean the thing has not happened (no date), not a mistake.
var noDateWords = []string{"未完工", "未竣工", "未开工", "未拨付", "未验收", "未兑付", "未完成", "在建", "建设中", "实施中", "待定", "未定",
	"待拨付", "暂未", "尚未"}

// tidyText is what every reader of a cell starts from: half-width digits and signs, no
// surrounding spaces (also U+3000 and non-breaking spaces).
func tidyText(s string) string {
	for _, r := range s {
		if r >= 0x2000 && r <= 0x3002 || r >= 0xFF01 && r <= 0xFFE5 || r == 0xA0 {
			s = data.Halfwidth(strings.ReplaceAll(s, "\u00a0", " "))
			break
		}
	}
	return strings.TrimFunc(s, unicode.IsSpace)
}

// decimal is an exact decimal number: mant × 10^exp.
type decimal struct {
	neg  bool
	mant uint64
	exp  int
}

// parseDecimalText reads digits with an optional sign, point and exponent (1.5E+3); commas
// must group thousands. ok is false for anything else.
func parseDecimalText(s string) (decimal, bool) {
	var d decimal
	if s == "" {
		return d, false
	}
	if s[0] == '-' || s[0] == '+' {
		d.neg = s[0] == '-'
		s = s[1:]
	}
	if e := strings.IndexAny(s, "eE"); e >= 0 {
		x, err := strconv.Atoi(s[e+1:])
		if err != nil || x > 400 || x < -400 {
			return d, false
		}
		d.exp = x
		s = s[:e]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	if strings.Contains(frac, ".") || strings.Contains(frac, ",") || (intPart == "" && frac == "") {
		return d, false
	}
	if strings.Contains(intPart, ",") {
		groups := strings.Split(intPart, ",")
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return d, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return d, false
			}
		}
		intPart = strings.Join(groups, "")
	}
	digits := strings.TrimLeft(intPart+frac, "0")
	d.exp -= len(frac)
	// Beyond 18 significant digits only the rounding of the 19th matters at our precision.
	roundUp := false
	if len(digits) > 18 {
		d.exp += len(digits) - 18
		roundUp = digits[18] >= '5'
		digits = digits[:18]
	}
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return d, false
		}
		d.mant = d.mant*10 + uint64(c-'0')
	}
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			return d, false
		}
	}
	if roundUp {
		d.mant++
	}
	return d, true
}

// floor is the whole part of a non-negative d (-1 for a negative one).
func (d decimal) floor() int64 {
	if d.neg {
		return -1
	}
	m := d.mant
	for e := d.exp; e < 0 && m > 0; e++ {
		m /= 10
	}
	v, ok := decimal{mant: m, exp: max(d.exp, 0)}.scaled(0)
	if !ok {
		return -1
	}
	return v
}

// scaled is d × 10^shift rounded half away from zero to an integer; ok is false past int64.
func (d decimal) scaled(shift int) (int64, bool) {
	e := d.exp + shift
	m := d.mant
	switch {
	case m == 0:
		return 0, true
	case e >= 0:
		for ; e > 0; e-- {
			if m > math.MaxInt64/10 {
				return 0, false
			}
			m *= 10
		}
	default:
		if -e > 19 {
			return 0, true // far below one unit
		}
		p := uint64(1)
		for ; e < 0; e++ {
			p *= 10
		}
		q, r := m/p, m%p
		if r*2 >= p { // half away from zero: 87.09999999999999 → 87.10, never 87.09
			q++
		}
		m = q
	}
	if m > math.MaxInt64 {
		return 0, false
	}
	if d.neg {
		return -int64(m), true
	}
	return int64(m), true
}

// amount is a money cell read: blank when the cell says nothing ("", "-", "/", 无).
type amount struct {
	fen   data.Money
	blank bool
}

// parseAmount reads a money cell of a column in yuan (scale 1) or 万元 (scale 10000): numbers as
// stored, or text with thousands separators, ¥/￥, 元/万元, spaces and full-width digits.
// 万元 keeps six decimals (to the fen); anything finer, as binary floats carry, is rounded.
func parseAmount(c cell, scale int64) (amount, *valueError) {
	if c.kind == cellEmpty {
		return amount{blank: true}, nil
	}
	raw := c.text
	s := tidyText(raw)
	if c.kind != cellNumber {
		if s == "" || blankWords[s] {
			return amount{blank: true}, nil
		}
		s = strings.NewReplacer(" ", "", "\t", "", "\n", "", "\r", "").Replace(s)
		neg := false
		if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") { // accounting negative
			neg, s = true, s[1:len(s)-1]
		}
		for _, p := range []string{"¥", "RMB", "rmb", "人民币"} {
			s = strings.TrimPrefix(s, p)
		}
		if strings.HasPrefix(s, "-¥") || strings.HasPrefix(s, "+¥") {
			s = s[:1] + s[len("+¥"):]
		}
		switch {
		case strings.HasSuffix(s, "万元"):
			s, scale = strings.TrimSuffix(s, "万元"), TenThousand
		case strings.HasSuffix(s, "万"):
			s, scale = strings.TrimSuffix(s, "万"), TenThousand
		case strings.HasSuffix(s, "元"):
			s, scale = strings.TrimSuffix(s, "元"), Yuan
		case strings.HasSuffix(s, "块"):
			s, scale = strings.TrimSuffix(s, "块"), Yuan
		}
		if neg {
			s = "-" + s
		}
	}
	d, ok := parseDecimalText(s)
	if !ok {
		if hasDigit(s) {
			return amount{}, vErr("err.import.amount.invalid", "金额“%s”不是一个确定的数字，请只写数字（可以带小数点、千位逗号或“元”“万元”）", short(raw))
		}
		return amount{}, vErr("err.import.amount.invalid", "金额“%s”不是数字，请填写金额，例如 1234.50", short(raw))
	}
	shift := 2
	if scale == TenThousand {
		shift = 6
	}
	fen, ok := d.scaled(shift)
	if !ok || fen > int64(data.MaxAmount) || fen < -int64(data.MaxAmount) {
		return amount{}, vErr("err.import.amount.large", "金额“%s”太大（一笔最多100亿元），请检查是否多了数字或单位（元/万元）写错", short(raw))
	}
	return amount{fen: data.Money(fen)}, nil
}

func hasDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}

// short quotes at most 20 characters of what a cell held.
func short(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= 20 {
		return s
	}
	return string([]rune(s)[:20]) + "…"
}

// vagueWords make a number an estimate, not a quantity.
var vagueWords = []string{"约", "大约", "大概", "左右", "上下", "多", "余", "几", "若干", "~", "～", "至", "到"}

// parseQuantity reads a quantity cell (thousandths of a unit): a plain positive number.
// "约20" and "15斤" are errors that say what to write instead.
func parseQuantity(c cell) (data.Quantity, bool, *valueError) {
	if c.kind == cellEmpty {
		return 0, true, nil
	}
	raw := c.text
	s := strings.ReplaceAll(tidyText(raw), " ", "")
	if c.kind != cellNumber && blankWords[s] {
		return 0, true, nil
	}
	d, ok := parseDecimalText(s)
	if !ok {
		for _, w := range vagueWords {
			if strings.Contains(s, w) && hasDigit(s) {
				return 0, false, vErr("err.import.qty.vague", "数量“%s”不是确定的数，请填写实际的数量（只写数字）", short(raw))
			}
		}
		if num, unit := splitNumberUnit(s); num != "" && unit != "" {
			return 0, false, vErr("err.import.qty.unit", "数量“%s”里带了单位，请在数量列只写数字 %s，把“%s”写在单位列", short(raw), num, unit)
		}
		return 0, false, vErr("err.import.qty.invalid", "数量“%s”不是数字，请填写数量，例如 12.5", short(raw))
	}
	q, ok := d.scaled(3)
	if !ok {
		return 0, false, vErr("err.import.qty.large", "数量“%s”太大，请检查是否多了数字", short(raw))
	}
	if q <= 0 {
		return 0, false, vErr("err.import.qty.positive", "数量“%s”应大于0", short(raw))
	}
	return data.Quantity(q), false, nil
}

// splitNumberUnit splits "15斤" into "15" and "斤"; both "" when s is not a number followed by a word.
func splitNumberUnit(s string) (string, string) {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == ',') {
		i++
	}
	if i == 0 || i == len(s) {
		return "", ""
	}
	if _, ok := parseDecimalText(s[:i]); !ok {
		return "", ""
	}
	unit := s[i:]
	for _, r := range unit {
		if !unicode.IsLetter(r) {
			return "", ""
		}
	}
	return s[:i], unit
}

// dateValue is a date cell read: none when the cell is blank or says the thing has not happened.
type dateValue struct {
	date data.Date
	none bool
}

// parseDate reads a date cell: date cells in any format (the stored serial), Excel serials in
// General cells, text 2024/5/8, 2024.4.1, 2024-10-09, 2024年9月28日, 20240508, month-only
// 2024年3月 (the 1st), and m月d日 or 5/8 with the year given (0 when unknown). A cell whose
// format hides the year (m月d日) takes year when it is known.
func parseDate(c cell, year int, date1904 bool) (dateValue, *valueError) {
	if c.kind == cellEmpty {
		return dateValue{none: true}, nil
	}
	raw := c.text
	if c.kind == cellNumber {
		d, ok := parseDecimalText(raw)
		if !ok {
			return dateValue{}, badDate(raw)
		}
		whole := d.floor()                                     // the time of day is dropped
		if whole >= 19000101 && whole <= 29991231 && !c.date { // 20240508 typed as a number
			return dateFrom(int(whole/10000), int(whole/100%100), int(whole%100), raw)
		}
		y, m, dd, ok := serialDate(whole, date1904)
		if !ok {
			return dateValue{}, badDate(raw)
		}
		if c.noYear && year != 0 {
			y = year
		}
		return dateFrom(y, m, dd, raw)
	}
	s := tidyText(raw)
	if s == "" || blankWords[s] {
		return dateValue{none: true}, nil
	}
	for _, w := range noDateWords {
		if strings.Contains(s, w) {
			return dateValue{none: true}, nil
		}
	}
	if i := strings.IndexAny(s, "T "); i > 0 && strings.Contains(s[i:], ":") { // a time after the date
		s = strings.TrimSpace(s[:i])
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "份"), "止")
	if y, m, d, ok := splitDate(s); ok {
		switch {
		case y == 0 && year == 0:
			return dateValue{}, vErr("err.import.date.year", "日期“%s”没有年份，表格标题和工作表名里也没有找到年份，请指定年份（命令行用 -year）", short(raw))
		case y == 0:
			y = year
		case y < 100:
			return dateValue{}, vErr("err.import.date.year", "日期“%s”的年份不完整，请写四位数的年份，例如 2024-05-08", short(raw))
		}
		if d == 0 {
			d = 1 // month only: the 1st
		}
		return dateFrom(y, m, d, raw)
	}
	return dateValue{}, badDate(raw)
}

func badDate(raw string) *valueError {
	return vErr("err.import.date.invalid", "日期“%s”看不懂，请写成 2024-05-08、2024/5/8 或 2024年5月8日", short(raw))
}

func dateFrom(y, m, d int, raw string) (dateValue, *valueError) {
	x, err := data.NewDate(y, m, d)
	if err != nil {
		var fe *data.FieldError
		if e, ok := err.(*data.FieldError); ok {
			fe = e
		}
		msg := err.Error()
		if fe != nil && fe.Key == "err.date.range" {
			msg = fmt.Sprintf("日期“%s”的年份%d不在%d到%d之间，请检查年份", short(raw), y, data.MinYear, data.MaxYear)
			return dateValue{}, &valueError{Key: "err.import.date.range", Msg: msg}
		}
		return dateValue{}, &valueError{Key: "err.import.date.impossible", Msg: fmt.Sprintf("日期“%s”不存在：%s", short(raw), msg)}
	}
	return dateValue{date: x}, nil
}

// serialDate turns an Excel day number into a civil date (1900 system with its phantom
// 1900-02-29, or the 1904 system of old Mac workbooks).
func serialDate(n int64, date1904 bool) (y, m, d int, ok bool) {
	if n < 0 || n > 2958465 || n == 0 && !date1904 {
		return 0, 0, 0, false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case n == 60:
		return 1900, 2, 29, true // Lotus's leap-year bug: a day that never was
	case n < 60:
		base = base.AddDate(0, 0, 1)
	}
	t := base.AddDate(0, 0, int(n))
	return t.Year(), int(t.Month()), t.Day(), true
}

// splitDate reads year, month and day from text; year 0 when not written, day 0 for month-only.
func splitDate(s string) (y, m, d int, ok bool) {
	var nums []int
	var seps []string
	i := 0
	for i < len(s) {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i {
			return 0, 0, 0, false
		}
		if j-i > 8 {
			return 0, 0, 0, false
		}
		n, _ := strconv.Atoi(s[i:j])
		nums = append(nums, n)
		k := j
		for k < len(s) && (s[k] < '0' || s[k] > '9') {
			k++
		}
		seps = append(seps, strings.TrimSpace(s[j:k]))
		i = k
		if len(nums) > 3 {
			return 0, 0, 0, false
		}
	}
	if len(nums) == 0 {
		return 0, 0, 0, false
	}
	last := seps[len(seps)-1]
	switch len(nums) {
	case 1:
		n := nums[0]
		if last == "" && n >= 19000101 && n <= 29991231 {
			return n / 10000, n / 100 % 100, n % 100, true
		}
		return 0, 0, 0, false
	case 2:
		a, b := nums[0], nums[1]
		switch {
		case seps[0] == "年" && (last == "月" || last == ""):
			return a, b, 0, true // 2024年3月
		case seps[0] == "月" && (last == "日" || last == "号" || last == ""):
			return 0, a, b, true // 5月8日
		case (seps[0] == "-" || seps[0] == "/" || seps[0] == ".") && last == "":
			if a >= 1000 {
				return a, b, 0, true // 2024-03
			}
			return 0, a, b, true // 5/8, 5.8
		}
	case 3:
		a, b, c := nums[0], nums[1], nums[2]
		switch {
		case seps[0] == "年" && seps[1] == "月" && (last == "日" || last == "号" || last == ""):
		case seps[0] == seps[1] && (seps[0] == "-" || seps[0] == "/" || seps[0] == ".") && last == "":
			if a < 1000 && c >= 1000 { // 5/8/2024: month first, as US Excel writes
				return c, a, b, true
			}
		default:
			return 0, 0, 0, false
		}
		return a, b, c, true
	}
	return 0, 0, 0, false
}

// parseMonth reads a 月 cell: 5, 05, 5月, 五月 is not accepted.
func parseMonth(c cell) (int, bool) {
	n, ok := smallNumber(c, "月", "月份")
	return n, ok && n >= 1 && n <= 12
}

// parseDay reads a 日 cell: 8, 8日, 8号.
func parseDay(c cell) (int, bool) {
	n, ok := smallNumber(c, "日", "号")
	return n, ok && n >= 1 && n <= 31
}

func smallNumber(c cell, suffixes ...string) (int, bool) {
	s := tidyText(c.text)
	for _, suf := range suffixes {
		s = strings.TrimSuffix(s, suf)
	}
	if c.kind == cellNumber {
		d, ok := parseDecimalText(s)
		if !ok || d.neg {
			return 0, false
		}
		v, _ := d.scaled(0)
		return int(v), true
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil
}
