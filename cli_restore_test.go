package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cunji/data"
)

// Without -force, `cunji restore` shows both sides and changes nothing; with -force it restores
// and keeps the replaced file. An open database and a damaged backup are refused.
func TestRestoreVerb(t *testing.T) {
	path := demoDatabase(t)
	_, out, _ := runCLI(t, runBackup, "-db", path)
	backup := strings.TrimSpace(out)
	st, err := data.OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	villages, _ := st.Villages()
	for range 3 {
		e := &data.CollectiveEntry{Date: data.MustDate(2025, 10, 1), VillageID: villages[0].ID, Direction: data.DirectionIncome,
			Category: data.IncomeOperating, Amount: 5000}
		if err := st.SaveEntry(e); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := st.Counts()
	after, _ := data.InspectBackup(backup)

	code, _, errs := runCLI(t, runRestore, "-db", path, "-from", backup, "-force")
	if code != 1 || !strings.Contains(errs, "另一个村记窗口正在使用这个数据库") {
		t.Fatalf("open in a window: exit %d: %s", code, errs)
	}
	st.Close()

	code, _, errs = runCLI(t, runRestore, "-db", path)
	if code != 2 || !strings.Contains(errs, "-from") || !strings.Contains(errs, backup) {
		t.Fatalf("no -from: exit %d: %s", code, errs)
	}

	hash := hashFile(t, path)
	code, out, errs = runCLI(t, runRestore, "-db", path, "-from", backup)
	if code != 1 || !strings.Contains(errs, "-force") || hashFile(t, path) != hash {
		t.Fatalf("without -force: exit %d: %s %s", code, out, errs)
	}
	entries := func(n int) string { return "集体收支 " + thousands(n) + " 笔" }
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], entries(before.Entries)) || !strings.Contains(lines[1], entries(after.Entries)) ||
		!strings.Contains(lines[1], "销售明细 800 行") {
		t.Fatalf("without -force, the comparison:\n%s", out)
	}

	code, out, errs = runCLI(t, runRestore, "-db", path, "-from", backup, "-force")
	if code != 0 || !strings.Contains(out, "已用备份恢复") {
		t.Fatalf("-force: exit %d: %s %s", code, out, errs)
	}
	kept := strings.TrimSpace(strings.SplitN(out, "另存为：", 2)[1])
	if !strings.HasSuffix(kept, "恢复前.db") {
		t.Fatalf("kept as %q", kept)
	}
	now, err := data.InspectBackup(path)
	if err != nil || now.LedgerCounts != after.LedgerCounts {
		t.Fatalf("restored %+v %v, want %+v", now, err, after.LedgerCounts)
	}
	if k, _ := data.InspectBackup(kept); k.Entries != before.Entries {
		t.Fatalf("the kept file holds %d entries, want %d", k.Entries, before.Entries)
	}

	damaged := filepath.Join(t.TempDir(), "damaged.db")
	b, _ := os.ReadFile(backup)
	for i := len(b) / 2; i < len(b)/2+4096; i++ {
		b[i] = 0xA5
	}
	os.WriteFile(damaged, b, 0o644)
	hash = hashFile(t, path)
	code, _, errs = runCLI(t, runRestore, "-db", path, "-from", damaged, "-force")
	if code != 1 || !strings.Contains(errs, "完整性检查") || hashFile(t, path) != hash {
		t.Fatalf("damaged backup: exit %d: %s", code, errs)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1000000: "1,000,000", -12345: "-12,345"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
