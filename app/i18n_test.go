package app

import (
	"os"
	"regexp"
	"testing"
)

func TestTranslationFilesHaveTheSameKeys(t *testing.T) {
	zh, err := translationKeys(LangChinese)
	if err != nil {
		t.Fatal(err)
	}
	en, err := translationKeys(LangEnglish)
	if err != nil {
		t.Fatal(err)
	}
	for k := range zh {
		if _, ok := en[k]; !ok {
			t.Errorf("en.json lacks %q", k)
		}
	}
	for k := range en {
		if _, ok := zh[k]; !ok {
			t.Errorf("zh-CN.json lacks %q", k)
		}
	}
}

// Every literal passed to lang.L or lang.X in app/ must be translated in both languages,
// or users see a key, and Fyne logs a translation failure.
func TestEveryLookedUpKeyIsTranslated(t *testing.T) {
	zh, _ := translationKeys(LangChinese)
	en, _ := translationKeys(LangEnglish)
	re := regexp.MustCompile(`lang\.(?:L|X)\("((?:[^"\\]|\\.)*)"`)
	files, _ := os.ReadDir(".")
	for _, f := range files {
		b, err := os.ReadFile(f.Name())
		if err != nil || f.IsDir() {
			continue
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if _, ok := zh[m[1]]; !ok {
				t.Errorf("%s: %q missing from zh-CN", f.Name(), m[1])
			}
			if _, ok := en[m[1]]; !ok {
				t.Errorf("%s: %q missing from en", f.Name(), m[1])
			}
		}
	}
}
