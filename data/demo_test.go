package data

import (
	"path/filepath"
	"testing"
)

func TestDemoSmall(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	noErr(t, Demo(path, DemoOptions{Sales: 3000, Villages: 2, Today: MustDate(2025, 8, 15)}))
}
