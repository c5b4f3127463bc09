package importfile

import (
	"math/big"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"cunji/data"
)

func num(s string) cell  { return cell{kind: cellNumber, text: s} }
func text(s string) cell { return cell{kind: cellText, text: s} }

func TestParseAmountForms(t *testing.T) {
	for _, c := range []struct {
		in    cell
		scale int64
		want  data.Money
	}{
		{num("70"), Yuan, 7000},
		{num("87.09999999999999"), Yuan, 8710}, // a binary float is rounded, never truncated to 87.09
		{num("87.099999999999994"), Yuan, 8710},
		{num("0.005"), Yuan, 1},   // half away from zero
		{num("-0.005"), Yuan, -1}, //   … both ways
		{num("1.2345E+3"), Yuan, 123450},
		{num("18.680651"), TenThousand, 18680651}, // 万元 with six decimals, exact to the fen
		{num("18.6806505"), TenThousand, 18680651},
		{text("1,234.50"), Yuan, 123450},
		{text("¥1,234.50"), Yuan, 123450},
		{text("￥ 36"), Yuan, 3600},
		{text("　１２３．５　"), Yuan, 12350}, // U+3000 and full-width digits
		{text("1234元"), Yuan, 123400},
		{text("12.5万元"), Yuan, 12500000}, // the cell's own unit wins
		{text("3万"), Yuan, 3000000},
		{text("5元"), TenThousand, 500},
		{text("(1,234.00)"), Yuan, -123400}, // accounting negative
		{text("-¥40"), Yuan, -4000},
		{text("1 234.50"), Yuan, 123450},
	} {
		got, err := parseAmount(c.in, c.scale)
		if err != nil || got.blank || got.fen != c.want {
			t.Errorf("parseAmount(%q, %d) = %+v, %v; want %d", c.in.text, c.scale, got, err, c.want)
		}
	}
	for _, s := range []string{"", "-", "/", "—", "无", "　"} {
		got, err := parseAmount(text(s), Yuan)
		if err != nil || !got.blank {
			t.Errorf("parseAmount(%q) should be blank: %+v %v", s, got, err)
		}
	}
	for in, key := range map[string]string{"约500": "err.import.amount.invalid", "五百": "err.import.amount.invalid",
		"1,23,4": "err.import.amount.invalid", "1.2.3": "err.import.amount.invalid", "100000000000": "err.import.amount.large",
		"20000000万元": "err.import.amount.large"} {
		if _, err := parseAmount(text(in), Yuan); err == nil || err.Key != key {
			t.Errorf("parseAmount(%q): %v, want %s", in, err, key)
		}
	}
}

func TestParseQuantityFaults(t *testing.T) {
	q, blank, err := parseQuantity(num("12.5"))
	if err != nil || blank || q != 12500 {
		t.Fatalf("12.5: %d %v %v", q, blank, err)
	}
	if q, _, err := parseQuantity(num("2.4999999999999996")); err != nil || q != 2500 {
		t.Fatalf("a float near 2.5 is 2.500: %d %v", q, err)
	}
	if q, _, err := parseQuantity(text("1,200")); err != nil || q != 1200000 {
		t.Fatalf("1,200: %d %v", q, err)
	}
	for in, key := range map[string]string{"约20": "err.import.qty.vague", "20左右": "err.import.qty.vague",
		"15斤": "err.import.qty.unit", "3箱": "err.import.qty.unit", "很多": "err.import.qty.invalid", "0": "err.import.qty.positive",
		"-3": "err.import.qty.positive"} {
		if _, _, err := parseQuantity(text(in)); err == nil || err.Key != key {
			t.Errorf("parseQuantity(%q): %v, want %s", in, err, key)
		}
	}
	if _, _, err := parseQuantity(text("15斤")); !strings.Contains(err.Msg, "只写数字 15") || !strings.Contains(err.Msg, "“斤”") {
		t.Errorf("the message says what to write: %s", err.Msg)
	}
}

func TestParseDateForms(t *testing.T) {
	d := data.MustDate
	for _, c := range []struct {
		in   cell
		year int
		want data.Date
	}{
		{cell{kind: cellNumber, text: "45420", date: true}, 0, d(2024, 5, 8)},
		{cell{kind: cellNumber, text: "45420.75", date: true}, 0, d(2024, 5, 8)},                // the time of day dropped
		{cell{kind: cellNumber, text: "45066", date: true, noYear: true}, 2024, d(2024, 5, 20)}, // 2023-05-20 shown as 5月20日 on a 2024 sheet
		{cell{kind: cellNumber, text: "45066", date: true, noYear: true}, 0, d(2023, 5, 20)},    // no year known: the stored one
		{num("45631"), 0, d(2024, 12, 5)},                                                       // a serial in a General cell
		{num("20240508"), 0, d(2024, 5, 8)},                                                     // typed as a number
		{text("2024/5/8"), 0, d(2024, 5, 8)},
		{text("2024.4.1"), 0, d(2024, 4, 1)},
		{text("2024-10-09"), 0, d(2024, 10, 9)},
		{text("2024年9月28日"), 0, d(2024, 9, 28)},
		{text("2024年9月28号"), 0, d(2024, 9, 28)},
		{text("2024-05-08 00:00:00"), 0, d(2024, 5, 8)},
		{text("2024-05-08T00:00:00"), 0, d(2024, 5, 8)},
		{text("５月８日"), 2024, d(2024, 5, 8)},
		{text("5/8"), 2024, d(2024, 5, 8)},
		{text("2024年3月"), 0, d(2024, 3, 1)},
		{text("2024-03"), 0, d(2024, 3, 1)},
		{text("5/8/2024"), 0, d(2024, 5, 8)},
	} {
		got, err := parseDate(c.in, c.year, false)
		if err != nil || got.none || got.date != c.want {
			t.Errorf("parseDate(%q, %d) = %+v, %v; want %v", c.in.text, c.year, got, err, c.want)
		}
	}
	if got, err := parseDate(num("40000"), 0, true); err != nil || got.date != d(2013, 7, 7) {
		t.Errorf("1904 system: %v %v", got, err)
	}
	for _, s := range []string{"", "未完工", "-", "/", "待定", "在建"} {
		if got, err := parseDate(text(s), 2024, false); err != nil || !got.none {
			t.Errorf("%q means no date: %+v %v", s, got, err)
		}
	}
	for in, key := range map[string]string{"6月31日": "err.import.date.impossible", "2025.13.1": "err.import.date.impossible",
		"2025-02-30": "err.import.date.impossible", "1899-01-01": "err.import.date.range", "下周二": "err.import.date.invalid",
		"24-5-8": "err.import.date.year"} {
		if _, err := parseDate(text(in), 2024, false); err == nil || err.Key != key {
			t.Errorf("parseDate(%q): %v, want %s", in, err, key)
		}
	}
	if _, err := parseDate(text("5月8日"), 0, false); err == nil || err.Key != "err.import.date.year" {
		t.Errorf("m月d日 without a year: %v", err)
	}
	if _, err := parseDate(text("2025-02-30"), 0, false); !strings.Contains(err.Msg, "2025年2月没有30日") {
		t.Errorf("the message names the impossible day: %s", err.Msg)
	}
}

func TestFormatCodes(t *testing.T) {
	for code, want := range map[string]numFormat{
		`m\月d\日`: {date: true, noYear: true}, `m"月"d"日"`: {date: true, noYear: true}, `yyyy-mm-dd`: {date: true},
		`[$-804]yyyy"年"m"月"d"日"`: {date: true}, `General`: {}, `0.00`: {}, `#,##0.00_);[Red](#,##0.00)`: {},
		`0.00E+00`: {}, `h:mm:ss`: {}, `[h]:mm`: {}, `yyyy/m/d h:mm`: {date: true}, `mmm-yy`: {date: true},
	} {
		if got := formatOf(code); got != want {
			t.Errorf("formatOf(%q) = %+v, want %+v", code, got, want)
		}
	}
	if !builtinFormat(14).date || builtinFormat(14).noYear || !builtinFormat(58).noYear || builtinFormat(2).date {
		t.Error("built-in formats")
	}
}

// The keys the parser's messages carry are listed, with English, in data/keys_import.txt
// (assets/translations/gen turns them into the window's translations).
func TestImportKeysListed(t *testing.T) {
	b, err := os.ReadFile("../keys_import.txt")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[1] == "" || f[2] == "" {
			t.Errorf("bad line %q", line)
			continue
		}
		listed[f[0]] = true
	}
	re := regexp.MustCompile(`"(err\.import\.[a-z0-9.]+)"`)
	used := map[string]bool{}
	files, _ := os.ReadDir(".")
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f.Name())
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
		}
	}
	var missing, unused []string
	for k := range used {
		if !listed[k] {
			missing = append(missing, k)
		}
	}
	for k := range listed {
		if !used[k] {
			unused = append(unused, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(unused)
	if len(missing)+len(unused) > 0 {
		t.Fatalf("keys_import.txt lacks %v and lists unused %v", missing, unused)
	}
}

// exactFen is the amount a decimal text means, in fen, rounded half away from zero — worked
// out with big rationals, as the oracle for the fuzz target.
func exactFen(s string, scale int64) (int64, bool) {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return 0, false
	}
	r.Mul(r, big.NewRat(scale*100, 1))
	neg := r.Sign() < 0
	r.Abs(r)
	q, m := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	if new(big.Int).Mul(m, big.NewInt(2)).Cmp(r.Denom()) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if !q.IsInt64() {
		return 0, false
	}
	if neg {
		return -q.Int64(), true
	}
	return q.Int64(), true
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"70", "87.09999999999999", "18.680651", "1,234.50", "¥1,234.50", "１２３", "12.5万元", "(1.00)", "-",
		"1e3", "0.005", "99999999999.995", "约20", "1,23", ".5", "5.", "-0"} {
		f.Add(s, false, true)
		f.Add(s, true, false)
	}
	f.Fuzz(func(t *testing.T, s string, wan, isNum bool) {
		scale := Yuan
		if wan {
			scale = TenThousand
		}
		c := text(s)
		if isNum {
			c = num(s)
		}
		got, err := parseAmount(c, scale)
		if err != nil {
			if err.Msg == "" || !strings.HasPrefix(err.Key, "err.import.") {
				t.Fatalf("%q: error without message or key: %+v", s, err)
			}
			return
		}
		if got.blank {
			return
		}
		if got.fen > data.MaxAmount || got.fen < -data.MaxAmount {
			t.Fatalf("%q: %d past the cap", s, got.fen)
		}
		// Plain decimals (what a cell stores) agree with exact rational arithmetic.
		if isNum && regexp.MustCompile(`^-?[0-9]{1,15}(\.[0-9]{0,12})?$`).MatchString(s) {
			if want, ok := exactFen(s, scale); ok && want != int64(got.fen) {
				t.Fatalf("%q ×%d: %d, want %d", s, scale, got.fen, want)
			}
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024/5/8", "2024.4.1", "2024-10-09", "2024年9月28日", "5月8日", "2024年3月", "45420", "20240508",
		"6月31日", "2025.13.1", "2025-02-30", "未完工", "2024-05-08 10:30", "0", "-1", "5/8/2024"} {
		f.Add(s, 2024, false)
		f.Add(s, 0, true)
	}
	f.Fuzz(func(t *testing.T, s string, year int, isNum bool) {
		c := text(s)
		if isNum {
			c = cell{kind: cellNumber, text: s, date: true, noYear: year%2 == 0}
		}
		got, err := parseDate(c, year, year%3 == 0)
		if err != nil {
			if err.Msg == "" || !strings.HasPrefix(err.Key, "err.import.date.") {
				t.Fatalf("%q: %+v", s, err)
			}
			return
		}
		if got.none {
			return
		}
		if !got.date.InRange() {
			t.Fatalf("%q: %v is outside 1950–2100", s, got.date)
		}
		// A date read back in its stored form is the same date.
		again, err := parseDate(text(got.date.String()), 0, false)
		if err != nil || again.date != got.date {
			t.Fatalf("%q → %v → %v %v", s, got.date, again.date, err)
		}
	})
}
