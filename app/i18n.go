package app

import (
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"cunji/app/kit"
	"cunji/assets"
)

// Languages the app ships, in the order the setting offers them.
const (
	LangChinese = "zh-CN"
	LangEnglish = "en"
)

// PrefLanguage is the preference key holding LangChinese or LangEnglish.
const PrefLanguage = "language"

// SetupLanguage loads our translations and makes code the language every lookup answers in.
// lang picks a translation by the OS locale and has no way to force one, so the chosen file is also
// registered under the OS locale's own name (and "en", Fyne's fallback for C/POSIX/unknown locales).
func SetupLanguage(code string) error {
	if code != LangEnglish {
		code = LangChinese
	}
	messages, err := translationKeys(code)
	if err != nil {
		return err
	}
	chosen, err := json.Marshal(messages)
	if err != nil {
		return err
	}
	for _, loc := range []fyne.Locale{lang.SystemLocale(), "en", "zh-CN", "zh"} {
		if err := lang.AddTranslationsForLocale(chosen, loc); err != nil {
			return fmt.Errorf("translation %s: %w", code, err)
		}
	}
	kit.SetEnglish(code == LangEnglish)
	return nil
}

// CurrentLanguage is the language SetupLanguage last applied.
func CurrentLanguage() string {
	if kit.English() {
		return LangEnglish
	}
	return LangChinese
}

// translationKeys merges the embedded files of one language: CODE.json plus any AREA.CODE.json.
func translationKeys(code string) (map[string]string, error) {
	entries, err := assets.Translations.ReadDir("translations")
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		if name != code+".json" && !strings.HasSuffix(name, "."+code+".json") {
			continue
		}
		b, err := assets.Translations.ReadFile("translations/" + name)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return m, nil
}
