package locale

import (
	"os"
	"testing"
)

func TestKnown(t *testing.T) {
	for v, want := range map[string]bool{
		"zh_CN.UTF-8": true, "en_US": true, "C": true, "C.UTF-8": true, "POSIX": true, "de_DE@euro": true,
		"xx_YY.UTF-8": false, "foo": false, "": false,
	} {
		if got := Known(v); got != want {
			t.Errorf("Known(%q) = %v", v, got)
		}
	}
}

func TestSanitizeDropsOnlyUnknownNames(t *testing.T) {
	t.Setenv("LANG", "xx_YY.UTF-8")
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	t.Setenv("LANGUAGE", "foo:en_GB")
	Sanitize()
	if _, ok := os.LookupEnv("LANG"); ok {
		t.Error("unknown LANG kept")
	}
	if os.Getenv("LC_ALL") != "zh_CN.UTF-8" || os.Getenv("LANGUAGE") != "en_GB" {
		t.Errorf("LC_ALL %q LANGUAGE %q", os.Getenv("LC_ALL"), os.Getenv("LANGUAGE"))
	}
}
