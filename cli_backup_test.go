package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cunji/data"
)

// `cunji backup` prints the path of a copy that holds what the database holds; a missing or
// open database is refused in Chinese with exit 1.
func TestBackupVerb(t *testing.T) {
	path := demoDatabase(t)
	code, out, errs := runCLI(t, runBackup, "-db", path)
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	copyPath := strings.TrimSpace(out)
	if filepath.Dir(copyPath) != filepath.Join(filepath.Dir(path), "backups") || !strings.HasPrefix(filepath.Base(copyPath), "demo-") {
		t.Fatalf("printed %q", out)
	}
	got, err := data.InspectBackup(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	want, err := data.InspectBackup(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.LedgerCounts != want.LedgerCounts || got.SaleLines != 800 {
		t.Fatalf("the copy holds %+v, the database %+v", got.LedgerCounts, want.LedgerCounts)
	}

	code, _, errs = runCLI(t, runBackup, "-db", filepath.Join(t.TempDir(), "none.db"))
	if code != 1 || !strings.Contains(errs, "不存在") {
		t.Fatalf("missing database: exit %d: %s", code, errs)
	}
	st, err := data.OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	code, _, errs = runCLI(t, runBackup, "-db", path)
	if code != 1 || !strings.Contains(errs, "另一个村记窗口正在使用这个数据库") {
		t.Fatalf("open in a window: exit %d: %s", code, errs)
	}
	if entries, _ := os.ReadDir(filepath.Dir(copyPath)); len(entries) != 1 {
		t.Fatalf("backups folder holds %d files", len(entries))
	}
}
