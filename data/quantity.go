package data

import (
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// Quantity is an amount of goods in thousandths of a unit (斤, 箱, 个 …):
// 12.5 斤 is Quantity(12500).
type Quantity int64

func qtyErr(key, msg string) error { return &FieldError{Key: key, Msg: msg} }

const qtyExample = "例如 12.5"

// ParseQuantity reads a quantity typed by a user: up to three decimals,
// full-width digits, commas as thousands separators. Negative, empty, more
// than three decimals, junk and overflow are rejected with *FieldError.
func ParseQuantity(s string) (Quantity, error) {
	v, err := parseDecimal(s, 3, decimalOpts{
		empty:    func() error { return qtyErr("err.qty.empty", "请输入数量，"+qtyExample) },
		decimals: func() error { return qtyErr("err.qty.decimals", "数量最多三位小数，例如 2.125") },
		invalid: func(r rune) error {
			return qtyErr("err.qty.invalid", "数量里有不能识别的字符“"+string(r)+"”，只能填数字和小数点（单位请在单位栏选择），"+qtyExample)
		},
		format: func() error {
			return qtyErr("err.qty.invalid", "数量格式不对，只能填数字和小数点，"+qtyExample)
		},
		comma: func() error {
			return qtyErr("err.qty.comma", "千位分隔逗号的位置不对（应每三位一个，如 12,500），也可以不写逗号")
		},
		overflow: func() error {
			return qtyErr("err.qty.overflow", "数量太大，超出了可以记录的范围，请检查是否多输了数字")
		},
		negative: func() error { return qtyErr("err.qty.negative", "数量不能是负数，请填正数，"+qtyExample) },
	})
	return Quantity(v), err
}

// String formats without trailing zeros: 12.5, 3, 0.125 (no commas).
func (q Quantity) String() string {
	u := absU(int64(q))
	s := strconv.FormatUint(u/1000, 10)
	if f := u % 1000; f != 0 {
		fs := strconv.FormatUint(f+1000, 10)[1:] // zero-padded to 3
		s += "." + strings.TrimRight(fs, "0")
	}
	if q < 0 {
		return "-" + s
	}
	return s
}

// Times returns q × price rounded half away from zero to the fen, using
// integer arithmetic only. A result beyond the range of Money (more than
// 9×10^16 yuan, impossible in practice) saturates at ±MaxInt64; use
// TimesOK to detect that.
func (q Quantity) Times(price Money) Money {
	m, ok := q.TimesOK(price)
	if !ok {
		if (q < 0) != (price < 0) {
			return -math.MaxInt64
		}
		return math.MaxInt64
	}
	return m
}

// TimesOK is Times that reports false instead of saturating on overflow.
func (q Quantity) TimesOK(price Money) (Money, bool) {
	hi, lo := bits.Mul64(absU(int64(q)), absU(int64(price)))
	if hi >= 1000 {
		return 0, false
	}
	quo, rem := bits.Div64(hi, lo, 1000)
	if rem >= 500 {
		quo++
	}
	if quo > math.MaxInt64 {
		return 0, false
	}
	if (q < 0) != (price < 0) {
		return Money(-int64(quo)), true
	}
	return Money(quo), true
}
