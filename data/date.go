package data

import (
	"database/sql/driver"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date is a civil (calendar) date without time zone. The zero value means
// "no date". Dates are comparable with == and ordered by Compare. In the
// database a Date is TEXT YYYY-MM-DD, and the zero Date is NULL.
type Date struct {
	y    int32
	m, d uint8
}

// Dates people type and the ledgers store lie in 1950-01-01 … 2100-12-31: wider than any
// ledger needs, narrow enough that a slip of the year (1025, 9999) is caught.
const (
	MinYear = 1950
	MaxYear = 2100
)

func dateErr(key, msg string) error { return &FieldError{Key: key, Msg: msg} }

const dateExample = "例如 2025-06-26 或 2025年6月26日"

func daysIn(y, m int) int {
	switch m {
	case 1, 3, 5, 7, 8, 10, 12:
		return 31
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 0
}

func checkDate(y, m, d int) error {
	if y < MinYear || y > MaxYear {
		return dateErr("err.date.range", fmt.Sprintf("年份%d不在%d到%d之间，请检查年份，%s", y, MinYear, MaxYear, dateExample))
	}
	return checkCalendar(y, m, d)
}

// checkCalendar checks that month and day exist, whatever the year.
func checkCalendar(y, m, d int) error {
	if m < 1 || m > 12 {
		return dateErr("err.date.month", fmt.Sprintf("没有%d月，月份应在1到12之间，%s", m, dateExample))
	}
	if n := daysIn(y, m); d < 1 || d > n {
		return dateErr("err.date.impossible", fmt.Sprintf("%d年%d月没有%d日（这个月只有%d天）", y, m, d, n))
	}
	return nil
}

// NewDate returns the date y-m-d, or a *FieldError if it does not exist or
// the year is outside MinYear–MaxYear.
func NewDate(y, m, d int) (Date, error) {
	if err := checkDate(y, m, d); err != nil {
		return Date{}, err
	}
	return Date{int32(y), uint8(m), uint8(d)}, nil
}

// MustDate is NewDate that panics; for tests and demo data.
func MustDate(y, m, d int) Date {
	v, err := NewDate(y, m, d)
	if err != nil {
		panic(err)
	}
	return v
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{int32(y), uint8(m), uint8(d)}
}

// Today is today's date in the local time zone.
func Today() Date { return DateOf(time.Now()) }

// ParseDate reads a date typed by a user: 2025-6-26, 2025-06-26,
// 2025/06/26, 2025.6.26, 2025年6月26日 (or 号), 20250626, full-width digits,
// spaces around. Empty input is an error (err.date.empty); callers with an
// optional date check for blank input first.
func ParseDate(s string) (Date, error) {
	t := Halfwidth(s)
	if t == "" {
		return Date{}, dateErr("err.date.empty", "请输入日期，"+dateExample)
	}
	invalid := func() (Date, error) {
		return Date{}, dateErr("err.date.invalid", "日期格式不对，请写成 2025-06-26、2025/6/26 或 2025年6月26日")
	}
	if allDigits(t) {
		if len(t) != 8 {
			return invalid()
		}
		y, _ := strconv.Atoi(t[:4])
		m, _ := strconv.Atoi(t[4:6])
		d, _ := strconv.Atoi(t[6:])
		return NewDate(y, m, d)
	}
	p := dateScanner{s: t}
	ys := p.number()
	sep1 := p.sep()
	ms := p.number()
	sep2 := p.sep()
	ds := p.number()
	var tail rune
	if sep2 == '月' {
		tail = p.sep()
	}
	if p.s != "" || ys == "" || ms == "" || ds == "" || len(ms) > 2 || len(ds) > 2 {
		return invalid()
	}
	switch {
	case sep1 == '年' && sep2 == '月' && (tail == 0 || tail == '日' || tail == '号'):
	case sep1 == sep2 && (sep1 == '-' || sep1 == '/' || sep1 == '.'):
	default:
		return invalid()
	}
	if len(ys) != 4 {
		if len(ys) <= 2 {
			return Date{}, dateErr("err.date.year4", "年份请写完整的四位数，"+dateExample)
		}
		return invalid()
	}
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	return NewDate(y, m, d)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

type dateScanner struct{ s string }

func (p *dateScanner) number() string {
	i := 0
	for i < len(p.s) && p.s[i] >= '0' && p.s[i] <= '9' {
		i++
	}
	n := p.s[:i]
	p.s = p.s[i:]
	if len(n) > 4 {
		return ""
	}
	return n
}

// sep consumes optional spaces, one separator rune, optional spaces.
func (p *dateScanner) sep() rune {
	p.s = strings.TrimLeft(p.s, " \t")
	var r rune
	for _, c := range []rune{'-', '/', '.', '年', '月', '日', '号'} {
		if strings.HasPrefix(p.s, string(c)) {
			r = c
			p.s = p.s[len(string(c)):]
			break
		}
	}
	p.s = strings.TrimLeft(p.s, " \t")
	return r
}

// IsZero reports whether d is the zero "no date".
func (d Date) IsZero() bool { return d == Date{} }

func (d Date) Year() int  { return int(d.y) }
func (d Date) Month() int { return int(d.m) }
func (d Date) Day() int   { return int(d.d) }

// Quarter is 1–4 (0 for the zero Date).
func (d Date) Quarter() int {
	if d.m == 0 {
		return 0
	}
	return (int(d.m)-1)/3 + 1
}

// String is YYYY-MM-DD; the zero Date gives "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d)
}

// Chinese is 2025年6月26日; the zero Date gives "".
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.y, d.m, d.d)
}

// Compare returns -1, 0 or +1. The zero Date sorts before every date.
func (d Date) Compare(o Date) int {
	switch {
	case d.y != o.y:
		return cmp3(int(d.y), int(o.y))
	case d.m != o.m:
		return cmp3(int(d.m), int(o.m))
	default:
		return cmp3(int(d.d), int(o.d))
	}
}

func cmp3(a, b int) int {
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }
func (d Date) After(o Date) bool  { return d.Compare(o) > 0 }

// Time is midnight UTC of d (the zero time.Time for the zero Date).
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	return time.Date(int(d.y), time.Month(d.m), int(d.d), 0, 0, 0, 0, time.UTC)
}

// AddDays returns d moved by n days (the zero Date stays zero).
func (d Date) AddDays(n int) Date {
	if d.IsZero() {
		return d
	}
	return DateOf(d.Time().AddDate(0, 0, n))
}

// InRange reports whether d lies in MinYear-01-01 … MaxYear-12-31, the dates a ledger takes.
func (d Date) InRange() bool { return d.y >= MinYear && d.y <= MaxYear }

// Scan implements sql.Scanner: NULL and "" give the zero Date; TEXT is
// YYYY-MM-DD (a time part, if any, is ignored); time.Time is also accepted.
// Any year is read, so a row dated out of range can still be listed and deleted.
func (d *Date) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		*d = DateOf(v)
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("data.Date: cannot scan %T", src)
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	if i := strings.IndexAny(s, "T "); i > 0 {
		s = s[:i]
	}
	v, err := storedDate(s)
	if err != nil {
		return fmt.Errorf("data.Date: cannot scan %q: %w", s, err)
	}
	*d = v
	return nil
}

// storedDate reads the stored form Y-MM-DD with a year of any length or sign.
func storedDate(s string) (Date, error) {
	bad := dateErr("err.date.invalid", "日期格式不对："+s)
	i := strings.LastIndexByte(s, '-')
	j := strings.LastIndexByte(s[:max(i, 0)], '-')
	if j < 1 || i-j > 3 || len(s)-i > 3 {
		return Date{}, bad
	}
	y, err1 := strconv.ParseInt(s[:j], 10, 32)
	m, err2 := strconv.Atoi(s[j+1 : i])
	d, err3 := strconv.Atoi(s[i+1:])
	if err1 != nil || err2 != nil || err3 != nil {
		return Date{}, bad
	}
	if err := checkCalendar(int(y), m, d); err != nil {
		return Date{}, err
	}
	return Date{int32(y), uint8(m), uint8(d)}, nil
}

// Value implements driver.Valuer: the zero Date is NULL.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// MarshalText gives YYYY-MM-DD ("" for the zero Date), so Dates in JSON
// (audit log) are readable strings.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText accepts what MarshalText produces (and anything ParseDate accepts).
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Period is an inclusive date range [From, To].
type Period struct{ From, To Date }

// YearPeriod is the whole calendar year y.
func YearPeriod(y int) Period {
	return Period{Date{int32(y), 1, 1}, Date{int32(y), 12, 31}}
}

// QuarterPeriod is quarter q (1–4) of year y; the zero Period if q is out of range.
func QuarterPeriod(y, q int) Period {
	if q < 1 || q > 4 {
		return Period{}
	}
	m := (q-1)*3 + 1
	return Period{Date{int32(y), uint8(m), 1}, Date{int32(y), uint8(m + 2), uint8(daysIn(y, m+2))}}
}

// MonthPeriod is month m (1–12) of year y; the zero Period if m is out of range.
func MonthPeriod(y, m int) Period {
	if m < 1 || m > 12 {
		return Period{}
	}
	return Period{Date{int32(y), uint8(m), 1}, Date{int32(y), uint8(m), uint8(daysIn(y, m))}}
}

// YearEarlier is the same period a year before (a month's last day stays its last day); the year
// may fall before MinYear, where there is simply nothing.
func (p Period) YearEarlier() Period {
	back := func(d Date) Date {
		if n := daysIn(int(d.y)-1, int(d.m)); int(d.d) > n || int(d.d) == daysIn(int(d.y), int(d.m)) {
			return Date{d.y - 1, d.m, uint8(n)}
		}
		return Date{d.y - 1, d.m, d.d}
	}
	return Period{back(p.From), back(p.To)}
}

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p == Period{} }

// Contains reports whether d lies within p (inclusive).
func (p Period) Contains(d Date) bool {
	return !d.IsZero() && !d.Before(p.From) && !d.After(p.To)
}

// kind classifies p as 'y' (year), 'q' (quarter), 'm' (month) or 'c' (custom).
func (p Period) kind() byte {
	f, t := p.From, p.To
	if f.IsZero() || t.IsZero() || f.y != t.y || f.d != 1 || int(t.d) != daysIn(int(t.y), int(t.m)) {
		return 'c'
	}
	switch {
	case f.m == 1 && t.m == 12:
		return 'y'
	case f.m == t.m:
		return 'm'
	case (f.m-1)%3 == 0 && t.m == f.m+2:
		return 'q'
	}
	return 'c'
}

// String is the canonical input form: 2025, 2025Q3, 2025-07 or
// 2025-01-01..2025-03-31 ("" for the zero Period).
func (p Period) String() string {
	if p.IsZero() {
		return ""
	}
	switch p.kind() {
	case 'y':
		return fmt.Sprintf("%04d", p.From.y)
	case 'q':
		return fmt.Sprintf("%04dQ%d", p.From.y, p.From.Quarter())
	case 'm':
		return fmt.Sprintf("%04d-%02d", p.From.y, p.From.m)
	}
	return p.From.String() + ".." + p.To.String()
}

var quarterNames = []string{"", "第一季度", "第二季度", "第三季度", "第四季度"}

// Chinese is 2025年, 2025年第三季度, 2025年7月 or 2025年1月1日至2025年3月31日.
func (p Period) Chinese() string {
	if p.IsZero() {
		return ""
	}
	switch p.kind() {
	case 'y':
		return fmt.Sprintf("%d年", p.From.y)
	case 'q':
		return fmt.Sprintf("%d年%s", p.From.y, quarterNames[p.From.Quarter()])
	case 'm':
		return fmt.Sprintf("%d年%d月", p.From.y, p.From.m)
	}
	return p.From.Chinese() + "至" + p.To.Chinese()
}

var (
	rePeriodYear    = regexp.MustCompile(`^(\d{4})\s*年?$`)
	rePeriodQuarter = regexp.MustCompile(`^(\d{4})\s*(?:-\s*)?[Qq]\s*(\d)$`)
	rePeriodQuarZh  = regexp.MustCompile(`^(\d{4})\s*年\s*第?\s*([0-9一二三四])\s*季度?$`)
	rePeriodMonth   = regexp.MustCompile(`^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$`)
	rePeriodMonth6  = regexp.MustCompile(`^(\d{4})(\d{2})$`)
)

// ParsePeriod reads 2025 (year), 2025Q3 or 2025q3 (quarter), 2025-07
// (month) or 2025-01-01..2025-03-31 (custom, inclusive; "~", "至" and "到"
// also separate the two dates). The Chinese forms produced by Chinese() are
// accepted too.
func ParsePeriod(s string) (Period, error) {
	t := Halfwidth(s)
	invalid := func() (Period, error) {
		return Period{}, dateErr("err.period.invalid", "期间格式不对，可以写 2025（全年）、2025Q3（季度）、2025-07（月份）或 2025-01-01..2025-03-31（起止日期）")
	}
	if t == "" {
		return Period{}, dateErr("err.period.empty", "请输入期间，例如 2025、2025Q3、2025-07 或 2025-01-01..2025-03-31")
	}
	for _, sep := range []string{"..", "~", "至", "到"} {
		a, b, ok := strings.Cut(t, sep)
		if !ok {
			continue
		}
		from, err := ParseDate(a)
		if err != nil {
			return Period{}, prefixErr("开始日期：", err)
		}
		to, err := ParseDate(b)
		if err != nil {
			return Period{}, prefixErr("结束日期：", err)
		}
		if to.Before(from) {
			return Period{}, dateErr("err.period.order", "开始日期 "+from.String()+" 晚于结束日期 "+to.String()+"，请对调")
		}
		return Period{from, to}, nil
	}
	year := func(ys string) (int, error) {
		y, _ := strconv.Atoi(ys)
		if y < MinYear || y > MaxYear {
			return 0, dateErr("err.date.range", fmt.Sprintf("年份%d不在%d到%d之间，请检查年份", y, MinYear, MaxYear))
		}
		return y, nil
	}
	if m := rePeriodYear.FindStringSubmatch(t); m != nil {
		y, err := year(m[1])
		if err != nil {
			return Period{}, err
		}
		return YearPeriod(y), nil
	}
	qm := rePeriodQuarter.FindStringSubmatch(t)
	if qm == nil {
		qm = rePeriodQuarZh.FindStringSubmatch(t)
	}
	if qm != nil {
		y, err := year(qm[1])
		if err != nil {
			return Period{}, err
		}
		var q int
		switch qm[2] {
		case "一":
			q = 1
		case "二":
			q = 2
		case "三":
			q = 3
		case "四":
			q = 4
		default:
			q, _ = strconv.Atoi(qm[2])
		}
		if q < 1 || q > 4 {
			return Period{}, dateErr("err.period.quarter", fmt.Sprintf("没有第%d季度，季度只能是1到4，例如 2025Q3", q))
		}
		return QuarterPeriod(y, q), nil
	}
	mm := rePeriodMonth.FindStringSubmatch(t)
	if mm == nil {
		mm = rePeriodMonth6.FindStringSubmatch(t)
	}
	if mm != nil {
		y, err := year(mm[1])
		if err != nil {
			return Period{}, err
		}
		m, _ := strconv.Atoi(mm[2])
		if m < 1 || m > 12 {
			return Period{}, dateErr("err.date.month", fmt.Sprintf("没有%d月，月份应在1到12之间，例如 2025-07", m))
		}
		return MonthPeriod(y, m), nil
	}
	return invalid()
}

func prefixErr(prefix string, err error) error {
	if fe, ok := err.(*FieldError); ok {
		return &FieldError{Field: fe.Field, Key: fe.Key, Msg: prefix + fe.Msg}
	}
	return err
}
