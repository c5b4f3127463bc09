package data

import (
	"regexp"
	"strings"
)

// MaskName hides a person's name for public print-outs: 张三 → 张*,
// 张小明 → 张*明, 欧阳小明 → 欧**明; one character is left unchanged. Works
// by rune, so Latin names are masked the same way (Smith → S***h).
func MaskName(name string) string {
	r := []rune(strings.TrimSpace(name))
	switch n := len(r); {
	case n <= 1:
		return string(r)
	case n == 2:
		return string(r[0]) + "*"
	default:
		return string(r[0]) + strings.Repeat("*", n-2) + string(r[n-1])
	}
}

// maskKeep keeps the first head and last tail runes of s and stars the
// rest; values too short for that are mostly starred.
func maskKeep(s string, head, tail int) string {
	r := []rune(strings.TrimSpace(s))
	n := len(r)
	switch {
	case n == 0:
		return ""
	case n <= 2:
		return strings.Repeat("*", n)
	case n < head+tail+4:
		// short: keep only the last character
		return strings.Repeat("*", n-1) + string(r[n-1])
	}
	return string(r[:head]) + strings.Repeat("*", n-head-tail) + string(r[n-tail:])
}

// MaskID hides an ID number: 370102199003071234 → 370***********1234
// (first 3 and last 4 kept). Short values are mostly starred.
func MaskID(id string) string { return maskKeep(id, 3, 4) }

// MaskPhone hides a phone number: 13812345678 → 138****5678; a landline
// keeps its area code and last 4 digits: 0531-12345678 → 0531-****5678.
func MaskPhone(p string) string {
	s := Halfwidth(p)
	compact := strings.NewReplacer(" ", "", "-", "").Replace(s)
	if len(compact) == 11 && compact[0] == '1' && allDigits(compact) {
		return compact[:3] + "****" + compact[7:]
	}
	if i := strings.IndexByte(s, '-'); i > 0 && s[0] == '0' {
		area, local := s[:i+1], []rune(s[i+1:])
		if n := len(local); n > 4 {
			return area + strings.Repeat("*", n-4) + string(local[n-4:])
		}
		return area + strings.Repeat("*", len(local))
	}
	return maskKeep(s, 3, 4)
}

var (
	idWeights    = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	idCheckChars = "10X98765432"
	// first two digits: province-level region codes (incl. 71 台湾, 81 香港,
	// 82 澳门, 83 台湾居民居住证)
	idProvinces = map[string]bool{
		"11": true, "12": true, "13": true, "14": true, "15": true,
		"21": true, "22": true, "23": true,
		"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
		"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
		"50": true, "51": true, "52": true, "53": true, "54": true,
		"61": true, "62": true, "63": true, "64": true, "65": true,
		"71": true, "81": true, "82": true, "83": true,
	}
)

// ValidID reports whether id is a well-formed 18-character PRC resident ID
// number: known province code, a real birth date not in the future, and
// the ISO 7064 MOD 11-2 check character (X or x for 10). Surrounding spaces
// and full-width characters are tolerated.
func ValidID(id string) bool {
	s := Halfwidth(id)
	if len(s) != 18 || !allDigits(s[:17]) {
		return false
	}
	if !idProvinces[s[:2]] {
		return false
	}
	// Births go back before the ledgers' MinYear: people born in the 1930s still sell produce.
	birth, err := storedDate(s[6:10] + "-" + s[10:12] + "-" + s[12:14])
	if err != nil || birth.Year() < 1900 || birth.After(Today()) {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(s[i]-'0') * idWeights[i]
	}
	c := s[17]
	if c == 'x' {
		c = 'X'
	}
	return idCheckChars[sum%11] == c
}

var (
	reMobile   = regexp.MustCompile(`^(?:\+?86)?1[3-9]\d{9}$`)
	reLandline = regexp.MustCompile(`^(?:(?:\(0\d{2,3}\) ?|0\d{2,3}[- ]?)\d{7,8}|[2-9]\d{6,7})(?:-\d{1,5})?$`)
)

// ValidPhone accepts an 11-digit mobile number starting with 1 (spaces or
// dashes between groups and a +86 prefix are allowed: 138 1234 5678) and
// landlines with or without area code: 0531-12345678, (0531)12345678,
// 053112345678, 12345678, optionally with an extension -123.
func ValidPhone(p string) bool {
	s := Halfwidth(p)
	if s == "" {
		return false
	}
	compact := strings.NewReplacer(" ", "", "-", "").Replace(s)
	if reMobile.MatchString(compact) {
		return true
	}
	return reLandline.MatchString(s)
}
