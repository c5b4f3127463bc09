package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every village packed with `cunji pack` (one with a passphrase) and merged with `cunji merge`
// into a new town: `cunji summary -json` of the town is the source's; merging again changes
// nothing and says so; a wrong passphrase is refused.
func TestPackMergeVerbsRoundTrip(t *testing.T) {
	src := demoDatabase(t)
	dir := t.TempDir()
	passFile := filepath.Join(dir, "pass.txt")
	if err := os.WriteFile(passFile, []byte("东泉 2025\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	wrongFile := filepath.Join(dir, "wrong.txt")
	if err := os.WriteFile(wrongFile, []byte("东泉 2024\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(dir, "a.cunji"), filepath.Join(dir, "b.cunji")
	if code, out, errs := runCLI(t, runPack, "-db", src, "-village", "东泉村", "-out", a); code != 0 || !strings.Contains(out, "已导出") {
		t.Fatalf("pack: exit %d: %s %s", code, out, errs)
	}
	if code, out, errs := runCLI(t, runPack, "-db", src, "-village", "西岭村", "-out", b, "-passphrase-file", passFile); code != 0 || !strings.Contains(out, "已加密") {
		t.Fatalf("pack with passphrase: exit %d: %s %s", code, out, errs)
	}
	town := filepath.Join(dir, "town.db")
	if code, out, errs := runCLI(t, runMerge, "-db", town, "-passphrase-file", wrongFile, b); code != 1 || !strings.Contains(errs, "密码不对") {
		t.Fatalf("wrong passphrase: exit %d: %s %s", code, out, errs)
	}
	if code, out, errs := runCLI(t, runMerge, "-db", town, a); code != 0 || !strings.Contains(out, "已加入") {
		t.Fatalf("merge: exit %d: %s %s", code, out, errs)
	}
	if code, out, errs := runCLI(t, runMerge, "-db", town, "-passphrase-file", passFile, b, a); code != 0 || !strings.Contains(out, "已经汇总过，没有改动") {
		t.Fatalf("merge again: exit %d: %s %s", code, out, errs)
	}
	_, want, _ := runCLI(t, runSummary, "-db", src, "-year", "2025", "-json")
	code, got, errs := runCLI(t, runSummary, "-db", town, "-year", "2025", "-json")
	if code != 0 || got != want || !strings.Contains(got, `"sales"`) {
		t.Fatalf("town summary (exit %d %s):\n%s\nwant\n%s", code, errs, got, want)
	}
	if code, out, errs := runCLI(t, runVerify, "-db", town); code != 0 {
		t.Fatalf("verify town: exit %d: %s %s", code, out, errs)
	}
	if code, _, errs := runCLI(t, runMerge, "-db", src, a); code != 1 || !strings.Contains(errs, "不是汇总库") {
		t.Fatalf("merge into a village ledger: exit %d: %s", code, errs)
	}
}
