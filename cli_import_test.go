package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"cunji/data"
)

const importFixtures = "data/testdata/import/"

func keysOf(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The -json shape is exactly the issue's: kind, file, sheets, rows, errors, new, totals.
func TestImportVerbJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "新台账.db") // missing: import makes it, as the first start does
	code, out, errs := runCLI(t, runImport, "-db", db, "-kind", "sales", "-file", importFixtures+"sales_ledger.xlsx",
		"-village", "东泉村", "-skip-errors", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if k := keysOf(got); !reflect.DeepEqual(k, []string{"errors", "file", "kind", "new", "rows", "sheets", "totals"}) {
		t.Fatalf("keys %v", k)
	}
	rows := got["rows"].(map[string]any)
	if k := keysOf(rows); !reflect.DeepEqual(k, []string{"data", "errors", "imported", "skipped"}) ||
		rows["data"] != 20.0 || rows["imported"] != 13.0 || rows["errors"] != 7.0 || rows["skipped"] != 10.0 {
		t.Fatalf("rows %v", rows)
	}
	first := got["errors"].([]any)[0].(map[string]any)
	if k := keysOf(first); !reflect.DeepEqual(k, []string{"column", "message", "row", "sheet"}) ||
		first["sheet"] != "2024年上半年" || first["row"] != 13.0 || first["column"] != "重量（斤）" || !strings.Contains(first["message"].(string), "15斤") {
		t.Fatalf("first error %v", first)
	}
	newNames := got["new"].(map[string]any)
	if k := keysOf(newNames); !reflect.DeepEqual(k, []string{"partners", "products", "sellers", "villages"}) ||
		len(newNames["sellers"].([]any)) != 5 || len(newNames["partners"].([]any)) != 0 {
		t.Fatalf("new %v", newNames)
	}
	totals := got["totals"].(map[string]any)
	if !reflect.DeepEqual(totals, map[string]any{"amount": 250410.0, "lines": 13.0}) || got["kind"] != "sales" ||
		!reflect.DeepEqual(got["sheets"], []any{"2024年上半年", "2024年下半年"}) {
		t.Fatalf("totals %v, kind %v, sheets %v", totals, got["kind"], got["sheets"])
	}
	// The ledger now shows the file's totals.
	code, out, _ = runCLI(t, runSummary, "-db", db, "-year", "2024", "-json")
	var sum struct {
		Sales struct {
			Total int64 `json:"total"`
			Lines int   `json:"lines"`
		} `json:"sales"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &sum) != nil || sum.Sales.Total != 250410 || sum.Sales.Lines != 13 {
		t.Fatalf("summary: %d %s", code, out)
	}
	// Again: every row is already there; nothing new, and it says so.
	code, out, _ = runCLI(t, runImport, "-db", db, "-kind", "sales", "-file", importFixtures+"sales_ledger.xlsx", "-village", "东泉村", "-skip-errors")
	if code != 0 || !strings.Contains(out, "已导入过") || !strings.Contains(out, "没有新的数据需要导入") {
		t.Fatalf("again: %d %s", code, out)
	}
}

func TestImportVerbOtherKinds(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	code, out, errs := runCLI(t, runImport, "-db", db, "-kind", "income", "-file", importFixtures+"income_bom.csv", "-village", "东泉村", "-json")
	var got struct {
		Totals map[string]int64 `json:"totals"`
		New    data.ImportNames `json:"new"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil ||
		!reflect.DeepEqual(got.Totals, map[string]int64{"income": 812345, "expense": 60000, "operating": 812345}) || got.New.Villages[0] != "东泉村" {
		t.Fatalf("income: %d %s %s", code, out, errs)
	}
	code, out, _ = runCLI(t, runImport, "-db", db, "-kind", "projects", "-file", importFixtures+"projects_ledger.xlsx", "-skip-errors", "-json")
	got.Totals, got.New = nil, data.ImportNames{}
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil ||
		!reflect.DeepEqual(got.Totals, map[string]int64{"count": 8, "budget": 182180651, "disbursed": 109000000}) ||
		!reflect.DeepEqual(got.New.Villages, []string{"西岭村"}) || len(got.New.Partners) != 3 {
		t.Fatalf("projects: %d %s", code, out)
	}
}

// A file with any faulty row writes nothing and exits 1; -dry-run never writes, not even the database file.
func TestImportVerbFaultsAndDryRun(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	code, out, _ := runCLI(t, runImport, "-db", db, "-kind", "sales", "-file", importFixtures+"sales_ledger.xlsx", "-village", "东泉村")
	if code != 1 || !strings.Contains(out, "没有导入任何数据") || !strings.Contains(out, "第17行【销售额】") {
		t.Fatalf("faulty file: %d %s", code, out)
	}
	st, err := data.OpenExisting(db)
	if err != nil {
		t.Fatal(err)
	}
	empty, _ := st.IsEmpty()
	imports, _ := st.Imports("")
	st.Close()
	if !empty || len(imports) != 0 {
		t.Fatal("a faulty file wrote something")
	}
	missing := filepath.Join(dir, "never.db")
	code, out, _ = runCLI(t, runImport, "-db", missing, "-kind", "sales", "-file", importFixtures+"sales_ledger.xlsx", "-village", "东泉村",
		"-skip-errors", "-dry-run", "-json")
	var got struct {
		Rows struct {
			Imported int `json:"imported"`
		} `json:"rows"`
		New data.ImportNames `json:"new"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil || got.Rows.Imported != 13 || len(got.New.Products) != 8 {
		t.Fatalf("dry run: %d %s", code, out)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Fatal("a dry run made the database file")
	}
}

func TestImportVerbUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"-db", db, "-file", importFixtures + "sales_ledger.xlsx"}, 2, "-kind"},
		{[]string{"-db", db, "-kind", "sale", "-file", importFixtures + "sales_ledger.xlsx"}, 2, "-kind"},
		{[]string{"-db", db, "-kind", "sales"}, 2, "-file"},
		{[]string{"-db", db, "-kind", "sales", "-file", "没有这个文件.xlsx"}, 2, "找不到"},
		{[]string{"-db", db, "-kind", "sales", "-file", importFixtures + "sales_ledger.xlsx", "-year", "24"}, 2, "四位数"},
		{[]string{"-db", db, "-kind", "sales", "-file", importFixtures + "sales_ledger.xlsx", "-sheet", "2023年"}, 2, "2024年上半年"},
		{[]string{"-db", db, "-kind", "sales", "-file", importFixtures + "sales_ledger.xls"}, 1, "另存为"},
		{[]string{"-db", db, "-kind", "sales", "-file", importFixtures + "sales_gb18030.csv"}, 0, "已导入"}, // names 东泉村 and 西岭村
		// Rows naming no village in a database of two villages: say which to use.
		{[]string{"-db", db, "-kind", "income", "-file", importFixtures + "income_bom.csv"}, 2, "-village 东泉村"},
		{[]string{"-db", db, "-kind", "income", "-file", importFixtures + "income_bom.csv", "-village", "西岭村"}, 0, "已导入"},
		{[]string{"-db", db, "-kind", "sales", "-file", importFixtures + "sales_ledger.xlsx", "extra"}, 2, "多余"},
	} {
		code, out, errs := runCLI(t, runImport, c.args...)
		if code != c.code || !strings.Contains(errs+out, c.says) {
			t.Errorf("%v: exit %d, %s %s", c.args, code, out, errs)
		}
	}
}

// crashEnv makes the test binary run `cunji import` with the arguments in it (TestMain).
const crashEnv = "CUNJI_IMPORT_CRASH_ARGS"

// A crash in the middle of an import leaves nothing behind: the importer is killed with
// SIGKILL while it writes, and the file then holds all of the import or none of it.
func TestImportCrashLeavesNothingHalfDone(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("日期,村,姓名,品名,数量,单价,金额\r\n")
	const lines = 60000
	for i := 0; i < lines; i++ {
		fmt.Fprintf(&b, "2024-%02d-%02d,东泉村,农户%d,大蒜,%d,3.5,%.2f\r\n", 1+i%12, 1+i%28, i%300, 1+i%40, float64(1+i%40)*3.5)
	}
	file := filepath.Join(dir, "big.csv")
	os.WriteFile(file, []byte(b.String()), 0o644)
	for round := 0; round < 3; round++ {
		db := filepath.Join(dir, fmt.Sprintf("crash%d.db", round))
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashEnv+"="+strings.Join([]string{"-db", db, "-kind", "sales", "-file", file}, "\x1f"))
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stderr)
		for sc.Scan() && !strings.Contains(sc.Text(), "正在读取并写入数据库") {
		}
		time.Sleep(time.Duration(rand.IntN(2500)) * time.Millisecond) // sometimes after the commit
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		st, err := data.Open(db)
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		sum, err := st.YearSummary(2024, 0)
		if err != nil {
			t.Fatal(err)
		}
		imports, _ := st.Imports("")
		v, err := st.Verify(context.Background())
		st.Close()
		whole := sum.Sales.Lines == lines && len(imports) == 1
		none := sum.Sales.Lines == 0 && len(imports) == 0
		if err != nil || !v.OK() || !(whole || none) {
			t.Fatalf("round %d: %d lines, %d imports, verify %+v %v", round, sum.Sales.Lines, len(imports), v, err)
		}
		out, _ := exec.Command("sqlite3", db, "PRAGMA integrity_check").Output()
		if !bytes.Equal(bytes.TrimSpace(out), []byte("ok")) {
			t.Fatalf("round %d: integrity %s", round, out)
		}
		t.Logf("round %d: killed with %d lines in the ledger", round, sum.Sales.Lines)
	}
}
