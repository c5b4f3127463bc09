// Package locale clears locale variables that Fyne's lang package cannot parse, before it reads them.
//
// lang reads the OS locale in its package init and logs "Error parsing user locale" for names such
// as xx_YY; 村记 falls back to Chinese then anyway. Go initializes independent packages in import-path
// order, so this package ("cunji/…") runs before "fyne.io/…/lang" when main imports it.
package locale

import (
	"os"
	"strings"

	"golang.org/x/text/language"
)

func init() { Sanitize() }

// Sanitize drops LANGUAGE entries and LC_ALL/LC_MESSAGES/LANG values that do not name a known language.
func Sanitize() {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v, ok := os.LookupEnv(name); ok && v != "" && !Known(v) {
			os.Unsetenv(name)
		}
	}
	if v := os.Getenv("LANGUAGE"); v != "" {
		var kept []string
		for _, part := range strings.Split(v, ":") {
			if Known(part) {
				kept = append(kept, part)
			}
		}
		if len(kept) == 0 {
			os.Unsetenv("LANGUAGE")
		} else {
			os.Setenv("LANGUAGE", strings.Join(kept, ":"))
		}
	}
}

// Known reports whether a POSIX locale name (zh_CN.UTF-8, C, POSIX) is one lang can use without complaint.
func Known(v string) bool {
	if i := strings.IndexAny(v, ".@"); i >= 0 {
		v = v[:i]
	}
	if v == "C" || v == "POSIX" {
		return true
	}
	tag, err := language.Parse(strings.ReplaceAll(v, "_", "-"))
	return err == nil && tag != language.Und
}
