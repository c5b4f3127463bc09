package data

import (
	"fmt"
	"testing"
)

func TestMaskName(t *testing.T) {
	tests := map[string]string{
		"":         "",
		"张":        "张",
		"张三":       "张*",
		"张小明":      "张*明",
		"欧阳小明":     "欧**明",
		"司马相如":     "司**如",
		"阿卜杜拉·买买提": "阿******提",
		" 李四 ":     "李*",
		"Li":       "L*",
		"Smith":    "S***h",
		"A":        "A",
	}
	for in, want := range tests {
		if got := MaskName(in); got != want {
			t.Errorf("MaskName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMaskID(t *testing.T) {
	tests := map[string]string{
		"":                     "",
		"370102199003071238":   "370***********1238",
		"11010519491231002X":   "110***********002X",
		"370102900307123":      "370********7123", // old 15-digit ID
		" 370102199003071238 ": "370***********1238",
		"1":                    "*",
		"12":                   "**",
		"123":                  "**3",
		"1234567890":           "*********0",
		"12345678901":          "123****8901",
	}
	for in, want := range tests {
		if got := MaskID(in); got != want {
			t.Errorf("MaskID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMaskPhone(t *testing.T) {
	tests := map[string]string{
		"":              "",
		"13812345678":   "138****5678",
		"138 1234 5678": "138****5678",
		"138-1234-5678": "138****5678",
		"１３８１２３４５６７８":   "138****5678",
		"0531-12345678": "0531-****5678",
		"010-87654321":  "010-****4321",
		"0531-1234":     "0531-****",
		"12345678":      "*******8",
		"1234":          "***4",
	}
	for in, want := range tests {
		if got := MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidID(t *testing.T) {
	valid := []string{
		"11010519491231002X",
		"11010519491231002x",
		"370102199003071238",
		"440304200002290014", // born on a leap day
		"370102190001010019",
		"530102198808088884",
		" 370102199003071238 ",
		"３７０１０２１９９００３０７１２３８", // full-width
	}
	for _, id := range valid {
		if !ValidID(id) {
			t.Errorf("ValidID(%q) = false", id)
		}
	}
	invalid := map[string]string{
		"":                    "empty",
		"370102199003071239":  "wrong check digit",
		"370102199003071230":  "wrong check digit",
		"11010519491231002Y":  "bad check char",
		"370102199002301234":  "30 February",
		"37010219900307123":   "17 chars",
		"3701021990030712388": "19 chars",
		"37010A199003071238":  "letter in body",
		"990102199003071237":  "unknown province 99",
		"000102199003071236":  "province 00",
		"370102189912311234":  "born 1899",
		"370123220512310018":  "born in the future",
		"370102199013071234":  "month 13",
		"370102 99003071238":  "space inside",
	}
	for id, why := range invalid {
		if ValidID(id) {
			t.Errorf("ValidID(%q) = true (%s)", id, why)
		}
	}
	// Every single-digit change of a valid ID is caught by the checksum or
	// the structure checks.
	base := "370102199003071238"
	for i := 0; i < 17; i++ {
		for c := byte('0'); c <= '9'; c++ {
			if c == base[i] {
				continue
			}
			id := base[:i] + string(c) + base[i+1:]
			if ValidID(id) {
				t.Errorf("ValidID(%q) = true after changing digit %d", id, i)
			}
		}
	}
}

func TestValidPhone(t *testing.T) {
	valid := []string{
		"13812345678", "19912345678", "15000000000", "138 1234 5678", "138-1234-5678",
		"+8613812345678", "８６１３８１２３４５６７８", " 13812345678 ",
		"0531-12345678", "010-87654321", "0531-8765432", "(0531)12345678", "053112345678",
		"0531 12345678", "23456789", "87654321", "0531-12345678-802",
	}
	for _, p := range valid {
		if !ValidPhone(p) {
			t.Errorf("ValidPhone(%q) = false", p)
		}
	}
	invalid := []string{
		"", "1381234567", "138123456789", "12812345678", "23812345678", "1381234567a",
		"0531-123456", "0531-123456789", "05311-12345678", "0-12345678", "531-12345678",
		"12345", "电话", "0531--12345678", "01234567",
	}
	for _, p := range invalid {
		if ValidPhone(p) {
			t.Errorf("ValidPhone(%q) = true", p)
		}
	}
}

func ExampleMaskName() {
	fmt.Println(MaskName("张小明"), MaskID("370102199003071238"), MaskPhone("13812345678"))
	// Output: 张*明 370***********1238 138****5678
}
