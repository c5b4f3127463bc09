package data

import (
	"errors"
	"math"
	"os"
	"regexp"
	"strings"
	"testing"
)

// wantFieldErr checks that err is a *FieldError with the given key, an
// empty Field and a Chinese message containing every fragment.
func wantFieldErr(t *testing.T, input string, err error, key string, fragments ...string) {
	t.Helper()
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("%q: want *FieldError %s, got %T %v", input, key, err, err)
	}
	if fe.Key != key {
		t.Errorf("%q: key = %q, want %q (msg %q)", input, fe.Key, key, fe.Msg)
	}
	if fe.Field != "" {
		t.Errorf("%q: Field = %q, want empty", input, fe.Field)
	}
	if fe.Error() != fe.Msg || fe.Msg == "" {
		t.Errorf("%q: Error() = %q, Msg = %q", input, fe.Error(), fe.Msg)
	}
	for _, f := range fragments {
		if !strings.Contains(fe.Msg, f) {
			t.Errorf("%q: message %q lacks %q", input, fe.Msg, f)
		}
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want Money
	}{
		{"1234", 123400},
		{"1234.5", 123450},
		{"1234.50", 123450},
		{"1,234.50", 123450},
		{"1,234", 123400},
		{"12,345,678.09", 1234567809},
		{"¥1234", 123400},
		{"￥1,234.50", 123450},
		{"¥ 1,234.50", 123450},
		{"1234元", 123400},
		{"1234.5 元", 123450},
		{"¥1234元", 123400},
		{"  1234.5  ", 123450},
		{"\t1234\n", 123400},
		{"　１２３４．５　", 123450}, // ideographic spaces and full-width digits
		{"１，２３４．５０", 123450},
		{"-12.30", -1230},
		{"－12.30", -1230},
		{"-¥1,234.50", -123450},
		{"¥-1,234.50", -123450},
		{"- 5", -500},
		{"+5", 500},
		{"0", 0},
		{"-0", 0},
		{"0.01", 1},
		{".5", 50},
		{"5.", 500},
		{"007", 700},
		{"1234。5", 123450},    // IME full stop
		{"1234.500", 123450},  // extra zeros lose nothing
		{"1234.5000", 123450}, // idem
		{"10000000000", MaxAmount},
		{"-10000000000.00", -MaxAmount},
		{"10,000,000,000.00", MaxAmount},
		{"RMB 100", 10000},
		{"100块", 10000},
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		if err != nil {
			t.Errorf("ParseMoney(%q) error %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseMoney(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestParseMoneyRejects(t *testing.T) {
	tests := []struct {
		in    string
		key   string
		frags []string
	}{
		{"", "err.money.empty", []string{"请输入金额", "1234.50"}},
		{"   ", "err.money.empty", []string{"请输入金额"}},
		{"¥", "err.money.empty", []string{"请输入金额"}},
		{"元", "err.money.empty", []string{"请输入金额"}},
		{"1.234", "err.money.decimals", []string{"两位小数", "到分", "1234.50"}},
		{"0.001", "err.money.decimals", []string{"两位小数"}},
		{"1234.567", "err.money.decimals", []string{"两位小数"}},
		{"12a", "err.money.invalid", []string{"“a”", "数字", "1234.50"}},
		{"abc", "err.money.invalid", []string{"“a”"}},
		{"十元", "err.money.invalid", []string{"“十”"}},
		{"12 34", "err.money.invalid", []string{"“ ”"}},
		{"1e5", "err.money.invalid", []string{"“e”"}},
		{"$12", "err.money.invalid", []string{"“$”"}},
		{"-", "err.money.empty", []string{"请输入金额"}},
		{"--5", "err.money.invalid", []string{"格式不对"}},
		{"5-", "err.money.invalid", []string{"格式不对"}},
		{"1.2.3", "err.money.invalid", []string{"格式不对"}},
		{".", "err.money.invalid", []string{"格式不对"}},
		{"¥¥5", "err.money.invalid", []string{"格式不对"}},
		{"1,23", "err.money.comma", []string{"逗号", "每三位"}},
		{"1234,567", "err.money.comma", []string{"逗号"}},
		{",123", "err.money.comma", []string{"逗号"}},
		{"123,", "err.money.comma", []string{"逗号"}},
		{"1,,234", "err.money.comma", []string{"逗号"}},
		{"1.2,3", "err.money.comma", []string{"逗号"}},
		{"10000000000.01", "err.money.overflow", []string{"太大", "100亿"}},
		{"-10,000,000,000.01", "err.money.overflow", []string{"太大", "100亿"}},
		{"92233720368547758.07", "err.money.overflow", []string{"太大"}},
		{"92233720368547758.08", "err.money.overflow", []string{"太大"}},
		{"-92233720368547758.08", "err.money.overflow", []string{"太大"}},
		{"99999999999999999999", "err.money.overflow", []string{"太大"}},
		{"\x00", "err.money.invalid", []string{"格式不对"}},
		{"\xff", "err.money.invalid", []string{"格式不对"}},
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		if err == nil {
			t.Errorf("ParseMoney(%q) = %d, want error %s", tt.in, got, tt.key)
			continue
		}
		wantFieldErr(t, tt.in, err, tt.key, tt.frags...)
	}
}

func TestMoneyFormat(t *testing.T) {
	tests := []struct {
		m          Money
		str, plain string
		yuan       float64
	}{
		{0, "¥0.00", "0.00", 0},
		{1, "¥0.01", "0.01", 0.01},
		{50, "¥0.50", "0.50", 0.5},
		{123450, "¥1,234.50", "1234.50", 1234.5},
		{-123450, "-¥1,234.50", "-1234.50", -1234.5},
		{-1, "-¥0.01", "-0.01", -0.01},
		{99999, "¥999.99", "999.99", 999.99},
		{100000, "¥1,000.00", "1000.00", 1000},
		{12345678901, "¥123,456,789.01", "123456789.01", 123456789.01},
		{math.MaxInt64, "¥92,233,720,368,547,758.07", "92233720368547758.07", 92233720368547758.07},
		{math.MinInt64, "-¥92,233,720,368,547,758.08", "-92233720368547758.08", -92233720368547758.08},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.str {
			t.Errorf("Money(%d).String() = %q, want %q", tt.m, got, tt.str)
		}
		if got := tt.m.Plain(); got != tt.plain {
			t.Errorf("Money(%d).Plain() = %q, want %q", tt.m, got, tt.plain)
		}
		if got := tt.m.Yuan(); got != tt.yuan {
			t.Errorf("Money(%d).Yuan() = %v, want %v", tt.m, got, tt.yuan)
		}
	}
}

func TestMoneyCapital(t *testing.T) {
	tests := []struct {
		plain string
		want  string
	}{
		{"0", "零元整"},
		{"0.01", "壹分"},
		{"0.05", "伍分"},
		{"0.50", "伍角整"},
		{"0.56", "伍角陆分"},
		{"1", "壹元整"},
		{"1.01", "壹元零壹分"},
		{"1.10", "壹元壹角整"},
		{"10", "壹拾元整"},
		{"11", "壹拾壹元整"},
		{"15.5", "壹拾伍元伍角整"},
		{"20", "贰拾元整"},
		{"100", "壹佰元整"},
		{"101", "壹佰零壹元整"},
		{"110", "壹佰壹拾元整"},
		{"1000", "壹仟元整"},
		{"1001", "壹仟零壹元整"},
		{"1010", "壹仟零壹拾元整"},
		{"1100", "壹仟壹佰元整"},
		{"1005.07", "壹仟零伍元零柒分"},
		{"1234.50", "壹仟贰佰叁拾肆元伍角整"},
		{"1234.56", "壹仟贰佰叁拾肆元伍角陆分"},
		{"1230.50", "壹仟贰佰叁拾元伍角整"},
		{"10000", "壹万元整"},
		{"10001", "壹万零壹元整"},
		{"10100", "壹万零壹佰元整"},
		{"11000", "壹万壹仟元整"},
		{"100000", "壹拾万元整"},
		{"100500", "壹拾万零伍佰元整"},
		{"105000", "壹拾万伍仟元整"},
		{"150000", "壹拾伍万元整"},
		{"1000001", "壹佰万零壹元整"},
		{"1050000", "壹佰零伍万元整"},
		{"5200000", "伍佰贰拾万元整"},
		{"10001000", "壹仟万壹仟元整"},
		{"10000100", "壹仟万零壹佰元整"},
		{"64000000", "陆仟肆佰万元整"},
		{"100000000", "壹亿元整"},
		{"100000001", "壹亿零壹元整"},
		{"100010000", "壹亿零壹万元整"},
		{"110000000", "壹亿壹仟万元整"},
		{"101000000", "壹亿零壹佰万元整"},
		{"1000000000", "壹拾亿元整"},
		{"100001000", "壹亿零壹仟元整"},
		{"123456789.12", "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"},
		{"10000000000", "壹佰亿元整"},
		{"1000100000", "壹拾亿零壹拾万元整"},
		{"-12.30", "负壹拾贰元叁角整"},
		{"-0.01", "负壹分"},
	}
	for _, tt := range tests {
		m, err := ParseMoney(tt.plain)
		if err != nil {
			t.Fatalf("ParseMoney(%q): %v", tt.plain, err)
		}
		if got := m.Capital(); got != tt.want {
			t.Errorf("Money(%s).Capital() = %s, want %s", tt.plain, got, tt.want)
		}
	}
	// Beyond what ParseMoney takes, sums still print.
	for m, want := range map[Money]string{
		100_000_000_000_000: "壹万亿元整",
		10_000_000_100_000:  "壹仟亿零壹仟元整",
		math.MaxInt64:       "玖亿亿贰仟贰佰叁拾叁万亿柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零柒分",
	} {
		if got := m.Capital(); got != want {
			t.Errorf("Money(%d).Capital() = %s, want %s", m, got, want)
		}
	}
	if got := Money(math.MinInt64).Capital(); !strings.HasPrefix(got, "负玖亿亿") || !strings.HasSuffix(got, "零捌分") {
		t.Errorf("MinInt64 capital = %s", got)
	}
}

func TestMoneyCheckNonNegative(t *testing.T) {
	for _, m := range []Money{0, 1, math.MaxInt64} {
		if err := m.CheckNonNegative(); err != nil {
			t.Errorf("Money(%d).CheckNonNegative() = %v", m, err)
		}
	}
	for _, m := range []Money{-1, math.MinInt64} {
		wantFieldErr(t, m.Plain(), m.CheckNonNegative(), "err.money.negative", "不能是负数")
	}
}

func TestHalfwidth(t *testing.T) {
	tests := map[string]string{
		"  ＡＢＣ１２３ ": "ABC123",
		"　x　":       "x",
		"￥５":        "¥5",
		"a−b":       "a-b",
		"张三":        "张三",
		"":          "",
	}
	for in, want := range tests {
		if got := Halfwidth(in); got != want {
			t.Errorf("Halfwidth(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"1234", "1,234.50", "￥１，２３４．５", "-¥0.01", "1234元", "1,23", "1.234",
		"92233720368547758.07", "92233720368547758.08", "", "abc", ".5", "-", "¥-5", "+¥5元", "1234。5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Msg == "" || !strings.HasPrefix(fe.Key, "err.money.") {
				t.Fatalf("ParseMoney(%q): bad error %#v", s, err)
			}
			if m != 0 {
				t.Fatalf("ParseMoney(%q) returned %d with error", s, m)
			}
			return
		}
		if m > MaxAmount || m < -MaxAmount {
			t.Fatalf("ParseMoney(%q) = %d, beyond MaxAmount", s, m)
		}
		for _, out := range []string{m.String(), m.Plain()} {
			back, err := ParseMoney(out)
			if err != nil || back != m {
				t.Fatalf("ParseMoney(%q) = %d; %q parses back to %d, %v", s, m, out, back, err)
			}
		}
		c := m.Capital()
		if (m < 0) != strings.HasPrefix(c, "负") || !(strings.HasSuffix(c, "整") || strings.HasSuffix(c, "分")) {
			t.Fatalf("Money(%d).Capital() = %q", m, c)
		}
		if strings.Contains(c, "零零") {
			t.Fatalf("Money(%d).Capital() = %q has a double 零", m, c)
		}
	})
}

// TestKeysListed checks that data/keys_values.txt (key, Chinese, English,
// tab-separated) lists exactly the error keys used by the parsers.
func TestKeysListed(t *testing.T) {
	b, err := os.ReadFile("keys_values.txt")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 || !strings.HasPrefix(f[0], "err.") || f[1] == "" || f[2] == "" {
			t.Errorf("bad line %q", line)
			continue
		}
		listed[f[0]] = true
	}
	re := regexp.MustCompile(`"(err\.[a-z0-9.]+)"`)
	used := map[string]bool{}
	for _, file := range []string{"money.go", "quantity.go", "date.go", "mask.go", "pinyin.go"} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
			if !listed[m[1]] {
				t.Errorf("%s uses %s, missing from keys_values.txt", file, m[1])
			}
		}
	}
	for k := range listed {
		if !used[k] {
			t.Errorf("keys_values.txt lists unused %s", k)
		}
	}
}
