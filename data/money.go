package data

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Money is an amount of Chinese yuan counted in fen (1 yuan = 100 fen).
// All arithmetic on Money is integer arithmetic; Yuan() is the only float.
type Money int64

// Limits on amounts: one line, entry or price is at most ¥100亿, and a stored total (a month's
// sales of a village in one channel) at most ¥1000亿. Far above any village's figures, they keep
// every sum the reports take well inside int64.
const (
	MaxAmount Money = 1_000_000_000_000
	MaxTotal  Money = 10 * MaxAmount
)

// addOK is a + b, or false when the exact sum does not fit in int64.
func addOK(a, b int64) (int64, bool) {
	c := a + b
	return c, (c > a) == (b > 0)
}

// Halfwidth turns full-width ASCII forms (１２３４．５，－ etc.), the
// ideographic space and the full-width yen sign into their ASCII
// counterparts and trims surrounding white space. Parsers call it first;
// callers may use it to normalise free-text codes before storing them.
func Halfwidth(s string) string {
	var b strings.Builder
	changed := false
	for _, r := range s {
		n := halfRune(r)
		if n != r {
			changed = true
		}
		b.WriteRune(n)
	}
	if changed {
		s = b.String()
	}
	return strings.TrimSpace(s)
}

func halfRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000: // ideographic space
		return ' '
	case r == 0xFFE5: // ￥ full-width yen
		return '¥'
	case r == 0x2212 || r == 0x2014 || r == 0x2013: // − — –
		return '-'
	case r == 0x3002: // 。 typed by Chinese IMEs instead of a decimal point
		return '.'
	}
	return r
}

func moneyErr(key, msg string) error { return &FieldError{Key: key, Msg: msg} }

const moneyExample = "例如 1234.50"

// ParseMoney reads an amount typed by a user. It accepts 1234, 1234.5,
// 1,234.50, ¥1234, ￥1,234.50, 1234元, full-width digits and punctuation,
// surrounding spaces, and a leading minus sign (callers decide whether a
// negative amount is acceptable). The magnitude is at most MaxAmount. Errors are *FieldError with Field "".
func ParseMoney(s string) (Money, error) {
	v, err := parseDecimal(s, 2, decimalOpts{
		empty: func() error { return moneyErr("err.money.empty", "请输入金额，"+moneyExample) },
		decimals: func() error {
			return moneyErr("err.money.decimals", "金额最多两位小数（到分），"+moneyExample)
		},
		invalid: func(r rune) error {
			return moneyErr("err.money.invalid", "金额里有不能识别的字符“"+string(r)+"”，只能填数字和小数点，"+moneyExample)
		},
		format: func() error {
			return moneyErr("err.money.invalid", "金额格式不对，只能填数字和小数点，"+moneyExample)
		},
		comma: func() error {
			return moneyErr("err.money.comma", "千位分隔逗号的位置不对（应每三位一个，如 1,234,567.50），也可以不写逗号")
		},
		overflow: tooMuch,
		negative: nil, // allowed
		symbols:  true,
	})
	if err == nil && absU(v) > uint64(MaxAmount) {
		return 0, tooMuch()
	}
	return Money(v), err
}

func tooMuch() error {
	return moneyErr("err.money.overflow", "金额太大，一笔最多100亿元（10,000,000,000.00），请检查是否多输了数字")
}

type decimalOpts struct {
	empty, decimals, format, comma, overflow, negative func() error
	invalid                                            func(r rune) error
	symbols                                            bool // accept ¥ prefix and 元 suffix
}

// parseDecimal parses a non-exponent decimal number with at most scale
// fraction digits (extra trailing zeros are tolerated) into an integer
// scaled by 10^scale. The magnitude must fit in int64 (MinInt64 is rejected
// so that negation is always safe).
func parseDecimal(in string, scale int, o decimalOpts) (int64, error) {
	s := Halfwidth(in)
	if s == "" {
		return 0, o.empty()
	}
	neg, signed := false, false
	takeSign := func() {
		if !signed && s != "" && (s[0] == '-' || s[0] == '+') {
			neg, signed = s[0] == '-', true
			s = strings.TrimSpace(s[1:])
		}
	}
	takeSign()
	if o.symbols {
		for _, p := range []string{"¥", "RMB", "rmb"} {
			if strings.HasPrefix(s, p) {
				s = strings.TrimSpace(s[len(p):])
				takeSign()
				break
			}
		}
		for _, suf := range []string{"元", "块"} {
			if strings.HasSuffix(s, suf) {
				s = strings.TrimSpace(s[:len(s)-len(suf)])
				break
			}
		}
	}
	if s == "" {
		return 0, o.empty()
	}
	// Any character other than digits, ',' and '.' is junk.
	for _, r := range s {
		if (r < '0' || r > '9') && r != ',' && r != '.' {
			if r == '-' || r == '+' || (r == '¥' && o.symbols) {
				return 0, o.format()
			}
			if r == utf8.RuneError || !unicode.IsPrint(r) {
				return 0, o.format()
			}
			return 0, o.invalid(r)
		}
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if strings.Contains(frac, ".") {
		return 0, o.format()
	}
	if strings.Contains(frac, ",") {
		return 0, o.comma()
	}
	if intPart == "" && (!hasDot || frac == "") {
		return 0, o.format()
	}
	if strings.Contains(intPart, ",") {
		groups := strings.Split(intPart, ",")
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return 0, o.comma()
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, o.comma()
			}
		}
		intPart = strings.Join(groups, "")
	}
	if len(frac) > scale {
		if strings.Trim(frac[scale:], "0") != "" {
			return 0, o.decimals()
		}
		frac = frac[:scale]
	}
	frac += strings.Repeat("0", scale-len(frac))
	var u uint64
	for _, c := range intPart + frac {
		d := uint64(c - '0')
		if u > (math.MaxInt64-d)/10 {
			return 0, o.overflow()
		}
		u = u*10 + d
	}
	if neg && u != 0 {
		if o.negative != nil {
			return 0, o.negative()
		}
		return -int64(u), nil
	}
	return int64(u), nil
}

// CheckNonNegative returns a *FieldError (err.money.negative) if m < 0, for
// callers whose field does not allow negative amounts.
func (m Money) CheckNonNegative() error {
	if m < 0 {
		return moneyErr("err.money.negative", "金额不能是负数，请填正数，"+moneyExample)
	}
	return nil
}

// absU returns |m| as uint64 (correct even for math.MinInt64).
func absU(v int64) uint64 {
	if v < 0 {
		return -uint64(v)
	}
	return uint64(v)
}

// groupThousands inserts commas every three digits of a decimal string.
func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(digits[:first])
	for i := first; i < len(digits); i += 3 {
		b.WriteByte(',')
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

func (m Money) parts() (neg bool, yuan uint64, fen uint64) {
	u := absU(int64(m))
	return m < 0, u / 100, u % 100
}

// String formats for display: ¥1,234.50, negative -¥1,234.50.
func (m Money) String() string {
	neg, y, f := m.parts()
	s := "¥" + groupThousands(strconv.FormatUint(y, 10)) + "." + twoDigits(f)
	if neg {
		return "-" + s
	}
	return s
}

// Plain formats for edit fields and CSV: 1234.50 (no symbol, no commas).
func (m Money) Plain() string {
	neg, y, f := m.parts()
	s := strconv.FormatUint(y, 10) + "." + twoDigits(f)
	if neg {
		return "-" + s
	}
	return s
}

func twoDigits(f uint64) string {
	return string([]byte{byte('0' + f/10), byte('0' + f%10)})
}

// Yuan returns the amount in yuan as a float. Only for spreadsheet cells;
// never compute with it.
func (m Money) Yuan() float64 { return float64(m) / 100 }

var (
	capDigits = []string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
	capPos    = []string{"", "拾", "佰", "仟"}
	capGroups = []string{"", "万", "亿", "万亿", "亿亿"}
)

// Capital returns the Chinese financial capital form used on receipts
// (大写金额): 1234.50 → 壹仟贰佰叁拾肆元伍角整, 1005.07 → 壹仟零伍元零柒分,
// 0 → 零元整; negative amounts are prefixed with 负.
func (m Money) Capital() string {
	neg, y, f := m.parts()
	jiao, fen := f/10, f%10
	var b strings.Builder
	if neg {
		b.WriteString("负")
	}
	if y == 0 && f == 0 {
		b.WriteString("零元整")
		return b.String()
	}
	if y > 0 {
		b.WriteString(capitalInteger(y))
		b.WriteString("元")
	}
	switch {
	case jiao == 0 && fen == 0:
		b.WriteString("整")
	case fen == 0:
		b.WriteString(capDigits[jiao] + "角整")
	case jiao == 0:
		if y > 0 {
			b.WriteString("零")
		}
		b.WriteString(capDigits[fen] + "分")
	default:
		b.WriteString(capDigits[jiao] + "角" + capDigits[fen] + "分")
	}
	return b.String()
}

// capitalInteger writes n (> 0) with 拾佰仟 inside groups of four and 万/亿
// between groups; a run of zeros between non-zero digits is written as one
// 零, trailing zeros of a group are not written.
func capitalInteger(n uint64) string {
	digits := strconv.FormatUint(n, 10)
	var b strings.Builder
	pendingZero := false
	groupNonZero := false
	for i := 0; i < len(digits); i++ {
		pos := len(digits) - 1 - i // power of ten
		d := digits[i] - '0'
		if d == 0 {
			if b.Len() > 0 {
				pendingZero = true
			}
		} else {
			if pendingZero {
				b.WriteString("零")
				pendingZero = false
			}
			b.WriteString(capDigits[d] + capPos[pos%4])
			groupNonZero = true
		}
		if pos%4 == 0 {
			if groupNonZero {
				b.WriteString(capGroups[pos/4])
				// zeros at the end of a group are not read out
				pendingZero = false
			}
			groupNonZero = false
		}
	}
	return b.String()
}
