package app

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cunji/app/kit"
	"cunji/data"
)

// The data layer lists every message key it can return (data/keys_*.txt: key, Chinese, English);
// assets/translations/errors.*.json must carry each of them.
func TestEveryDataErrorKeyIsTranslated(t *testing.T) {
	zh, _ := translationKeys(LangChinese)
	en, _ := translationKeys(LangEnglish)
	files, _ := filepath.Glob("../data/keys_*.txt")
	if len(files) == 0 {
		t.Fatal("no data/keys_*.txt files")
	}
	n := 0
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			parts := strings.Split(sc.Text(), "\t")
			if len(parts) != 3 {
				continue
			}
			n++
			if zh[parts[0]] == "" || en[parts[0]] == "" {
				t.Errorf("%s: key %s not translated (run: go run ./assets/translations/gen)", name, parts[0])
			}
		}
		f.Close()
	}
	for k := data.ErrNotSQLite; k <= data.ErrOther; k++ {
		if en[k.Key()] == "" || zh[k.Key()] == "" {
			t.Errorf("open error key %s not translated", k.Key())
		}
	}
	if n < 50 {
		t.Fatalf("only %d keys read", n)
	}
}

func TestErrorTextFollowsLanguage(t *testing.T) {
	defer SetupLanguage(LangChinese)
	_, err := data.ParseMoney("12.345")
	SetupLanguage(LangChinese)
	if got := kit.ErrorText(err); got != err.Error() {
		t.Fatalf("Chinese: %q", got)
	}
	SetupLanguage(LangEnglish)
	if got := kit.ErrorText(err); !strings.Contains(got, "two decimals") {
		t.Fatalf("English: %q", got)
	}
}
