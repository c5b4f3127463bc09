package main

import (
	"os/exec"
	"strings"
	"testing"
)

// A demo ledger verifies; an amount edited with the sqlite3 tool is named and exits 1.
func TestVerifyVerbCatchesSqlite3Edit(t *testing.T) {
	path := demoDatabase(t)
	code, out, errs := runCLI(t, runVerify, "-db", path)
	if code != 0 || !strings.Contains(out, "核对通过") {
		t.Fatalf("demo: exit %d: %s %s", code, out, errs)
	}
	if b, err := exec.Command("sqlite3", path, "UPDATE sale_lines SET amount = amount + 100 WHERE id = 7").CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v %s", err, b)
	}
	code, out, errs = runCLI(t, runVerify, "-db", path)
	if code != 1 || !strings.Contains(errs, "销售明细表") || !strings.Contains(errs, "村记之外") {
		t.Fatalf("after the edit: exit %d: %s %s", code, out, errs)
	}
}
