package data

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
)

func TestParseQuantity(t *testing.T) {
	tests := []struct {
		in   string
		want Quantity
	}{
		{"12.5", 12500},
		{"3", 3000},
		{"0.125", 125},
		{"0.001", 1},
		{"0", 0},
		{"-0", 0},
		{"+2", 2000},
		{"1,000", 1000000},
		{"1,234.567", 1234567},
		{" 12 ", 12000},
		{"１２．５", 12500},
		{"１，０００", 1000000},
		{"12.5000", 12500},
		{".5", 500},
		{"7.", 7000},
		{"9223372036854775.807", math.MaxInt64},
	}
	for _, tt := range tests {
		got, err := ParseQuantity(tt.in)
		if err != nil {
			t.Errorf("ParseQuantity(%q) error %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseQuantity(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestParseQuantityRejects(t *testing.T) {
	tests := []struct {
		in    string
		key   string
		frags []string
	}{
		{"", "err.qty.empty", []string{"请输入数量"}},
		{"  ", "err.qty.empty", []string{"请输入数量"}},
		{"-1", "err.qty.negative", []string{"不能是负数"}},
		{"－0.5", "err.qty.negative", []string{"不能是负数"}},
		{"1.2345", "err.qty.decimals", []string{"三位小数"}},
		{"0.0001", "err.qty.decimals", []string{"三位小数"}},
		{"12斤", "err.qty.invalid", []string{"“斤”", "单位"}},
		{"¥12", "err.qty.invalid", []string{"“¥”"}},
		{"12元", "err.qty.invalid", []string{"“元”"}},
		{"abc", "err.qty.invalid", []string{"“a”"}},
		{"1.2.3", "err.qty.invalid", []string{"格式不对"}},
		{"1-2", "err.qty.invalid", []string{"格式不对"}},
		{"1,23", "err.qty.comma", []string{"逗号"}},
		{"12,50", "err.qty.comma", []string{"逗号"}},
		{"9223372036854775.808", "err.qty.overflow", []string{"太大"}},
		{"100000000000000000", "err.qty.overflow", []string{"太大"}},
	}
	for _, tt := range tests {
		got, err := ParseQuantity(tt.in)
		if err == nil {
			t.Errorf("ParseQuantity(%q) = %d, want error %s", tt.in, got, tt.key)
			continue
		}
		wantFieldErr(t, tt.in, err, tt.key, tt.frags...)
	}
}

func TestQuantityString(t *testing.T) {
	tests := []struct {
		q    Quantity
		want string
	}{
		{0, "0"},
		{1, "0.001"},
		{10, "0.01"},
		{125, "0.125"},
		{500, "0.5"},
		{3000, "3"},
		{12500, "12.5"},
		{12050, "12.05"},
		{1234567, "1234.567"},
		{1000000, "1000"},
		{-12500, "-12.5"},
		{math.MaxInt64, "9223372036854775.807"},
		{math.MinInt64, "-9223372036854775.808"},
	}
	for _, tt := range tests {
		if got := tt.q.String(); got != tt.want {
			t.Errorf("Quantity(%d).String() = %q, want %q", int64(tt.q), got, tt.want)
		}
	}
}

func TestQuantityTimes(t *testing.T) {
	tests := []struct {
		q     Quantity
		price Money
		want  Money
	}{
		{3000, 250, 750},   // 3 × 2.50 = 7.50
		{12500, 399, 4988}, // 12.5 × 3.99 = 49.875 → 49.88
		{12500, 398, 4975}, // 12.5 × 3.98 = 49.75
		{1500, 333, 500},   // 1.5 × 3.33 = 4.995 → 5.00 (half up)
		{1500, -333, -500}, // half away from zero
		{-1500, 333, -500}, //
		{-1500, -333, 500}, //
		{1, 1, 0},          // 0.001 × 0.01 → 0
		{500, 1, 1},        // 0.5 × 0.01 = 0.005 → 0.01
		{499, 1, 0},        // 0.499 × 0.01 → 0.00
		{-500, 1, -1},      //
		{2333, 300, 700},   // 2.333 × 3.00 = 6.999 → 7.00
		{0, 123456, 0},     //
		{1000, math.MaxInt64, math.MaxInt64},
		{1000, -math.MaxInt64, -math.MaxInt64},
		{math.MaxInt64, 1000, math.MaxInt64}, // 9.2e15 × 10 yuan → exact fen
		{math.MaxInt64, 1, 9223372036854776},
	}
	for _, tt := range tests {
		if got := tt.q.Times(tt.price); got != tt.want {
			t.Errorf("Quantity(%s).Times(%s) = %d, want %d", tt.q, tt.price.Plain(), got, tt.want)
		}
		if got, ok := tt.q.TimesOK(tt.price); !ok || got != tt.want {
			t.Errorf("Quantity(%s).TimesOK(%s) = %d, %v", tt.q, tt.price.Plain(), got, ok)
		}
	}
	// Overflow saturates (Times) or reports false (TimesOK).
	over := []struct {
		q     Quantity
		price Money
		want  Money
	}{
		{2000, math.MaxInt64, math.MaxInt64},
		{-2000, math.MaxInt64, -math.MaxInt64},
		{math.MaxInt64, math.MaxInt64, math.MaxInt64},
		{math.MinInt64, math.MaxInt64, -math.MaxInt64},
		{math.MaxInt64, 1001, math.MaxInt64},
	}
	for _, tt := range over {
		if got := tt.q.Times(tt.price); got != tt.want {
			t.Errorf("overflow Quantity(%d).Times(%d) = %d, want %d", int64(tt.q), int64(tt.price), got, tt.want)
		}
		if _, ok := tt.q.TimesOK(tt.price); ok {
			t.Errorf("overflow Quantity(%d).TimesOK(%d) ok", int64(tt.q), int64(tt.price))
		}
	}
}

func FuzzParseQuantity(f *testing.F) {
	for _, s := range []string{"12.5", "3", "0.125", "1,000", "１２．５", "-1", "1.2345", "12斤", "",
		"9223372036854775.807", "9223372036854775.808", ".5", "1,23"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuantity(s)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Msg == "" || !strings.HasPrefix(fe.Key, "err.qty.") {
				t.Fatalf("ParseQuantity(%q): bad error %#v", s, err)
			}
			return
		}
		if q < 0 {
			t.Fatalf("ParseQuantity(%q) = %d < 0", s, q)
		}
		out := q.String()
		back, err := ParseQuantity(out)
		if err != nil || back != q {
			t.Fatalf("ParseQuantity(%q) = %d; %q parses back to %d, %v", s, q, out, back, err)
		}
		if strings.HasSuffix(out, "0") && strings.Contains(out, ".") || strings.HasSuffix(out, ".") {
			t.Fatalf("Quantity(%d).String() = %q has trailing zeros", q, out)
		}
		// Times agrees with the exact product to within half a fen.
		const price = Money(399)
		if m, ok := q.TimesOK(price); ok {
			// |m*1000 - q*price| <= 500, and == 500 only when rounded up.
			exact := new(big.Int).Mul(big.NewInt(int64(q)), big.NewInt(int64(price)))
			diff := new(big.Int).Sub(new(big.Int).Mul(big.NewInt(int64(m)), big.NewInt(1000)), exact)
			if diff.CmpAbs(big.NewInt(500)) > 0 || diff.Cmp(big.NewInt(-500)) == 0 {
				t.Fatalf("Quantity(%s).Times(3.99) = %d, exact %s/1000", q, m, exact)
			}
		}
	})
}
