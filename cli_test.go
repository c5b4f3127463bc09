package main

import (
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cunji/data"
)

// runCLI calls a verb function and returns its exit code, stdout and stderr.
func runCLI(t *testing.T, fn func([]string) int, args ...string) (int, string, string) {
	t.Helper()
	dir := t.TempDir()
	outFile, _ := os.Create(filepath.Join(dir, "stdout"))
	errFile, _ := os.Create(filepath.Join(dir, "stderr"))
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = outFile, errFile
	code := fn(args)
	os.Stdout, os.Stderr = oldOut, oldErr
	read := func(f *os.File) string {
		f.Seek(0, io.SeekStart)
		b, _ := io.ReadAll(f)
		f.Close()
		return string(b)
	}
	return code, read(outFile), read(errFile)
}

func hashFile(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func demoDatabase(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := data.Demo(path, data.DemoOptions{Sales: 800, Villages: 2, Today: data.MustDate(2025, 10, 31)}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDemoVerb(t *testing.T) {
	path := filepath.Join(t.TempDir(), "演示.db")
	code, out, errs := runCLI(t, runDemo, "-db", path, "-sales", "600", "-years", "2", "-villages", "2")
	if code != 0 || !strings.Contains(out, "已生成演示数据库") {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	st, err := data.OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	vs, _ := st.Villages()
	var lines int
	st.EachSaleLine(data.Period{From: data.MustDate(2000, 1, 1), To: data.MustDate(2100, 1, 1)}, 0, func(data.SaleLineRow) error {
		lines++
		return nil
	})
	st.Close()
	if len(vs) != 2 || lines != 600 {
		t.Fatalf("%d villages, %d lines", len(vs), lines)
	}
	before := hashFile(t, path)
	code, _, errs = runCLI(t, runDemo, "-db", path)
	if code != 1 || !strings.Contains(errs, "已经存在") {
		t.Fatalf("existing file: exit %d: %s", code, errs)
	}
	if hashFile(t, path) != before {
		t.Fatal("demo changed an existing file")
	}
	for _, args := range [][]string{{}, {"-db", filepath.Join(t.TempDir(), "a.db"), "-sales", "0"},
		{"-db", filepath.Join(t.TempDir(), "a.db"), "-villages", "99"}, {"-db", filepath.Join(t.TempDir(), "a.db"), "-years", "0"},
		{"-db", filepath.Join(t.TempDir(), "a.db"), "extra"}, {"-nosuchflag"}} {
		if code, _, errs := runCLI(t, runDemo, args...); code != 2 || errs == "" {
			t.Errorf("%v: exit %d %q", args, code, errs)
		}
	}
}

func TestSummaryVerbJSONMatchesTheStore(t *testing.T) {
	path := demoDatabase(t)
	code, out, errs := runCLI(t, runSummary, "-db", path, "-year", "2025", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, key := range []string{"year", "income", "expense", "net", "sales", "projects", "contracts", "assets", "decisions", "worklog",
		"work_days_target", "previous_income", "previous_net"} {
		if _, ok := got[key]; !ok {
			t.Errorf("%s missing in %s", key, out)
		}
	}
	income := got["income"].(map[string]any)
	cats := income["by_category"].(map[string]any)
	for _, c := range data.IncomeCategories {
		if _, ok := cats[c]; !ok {
			t.Errorf("by_category lacks %s", c)
		}
	}
	sales := got["sales"].(map[string]any)
	for _, k := range []string{"total", "lines", "events", "sellers", "by_channel"} {
		if _, ok := sales[k]; !ok {
			t.Errorf("sales.%s missing", k)
		}
	}
	projects := got["projects"].(map[string]any)
	for _, k := range []string{"count", "budget", "disbursed", "by_stage"} {
		if _, ok := projects[k]; !ok {
			t.Errorf("projects.%s missing", k)
		}
	}
	contracts := got["contracts"].(map[string]any)
	for _, k := range []string{"count", "active", "rent_due", "received", "overdue"} {
		if _, ok := contracts[k]; !ok {
			t.Errorf("contracts.%s missing", k)
		}
	}
	assets := got["assets"].(map[string]any)
	for _, k := range []string{"count", "value"} {
		if _, ok := assets[k]; !ok {
			t.Errorf("assets.%s missing", k)
		}
	}
	if contracts["count"].(float64) == 0 || contracts["received"].(float64) == 0 || assets["value"].(float64) == 0 {
		t.Errorf("the demo has no contracts, rent or assets: %v %v", contracts, assets)
	}
	st, err := data.OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	sum, _ := st.YearSummary(2025, 0)
	v, _ := st.VillageByName("西岭村")
	vsum, _ := st.YearSummary(2025, v.ID)
	st.Close() // one copy of 村记 at a time: the verb below must get the lock
	want, _ := json.Marshal(sum)
	if strings.TrimSpace(out) != string(want) {
		t.Fatalf("CLI and store disagree:\n%s\n%s", out, want)
	}
	// Money is integer fen.
	if sales["total"].(float64) != float64(sum.Sales.Total) || sum.Sales.Total == 0 {
		t.Fatalf("sales.total %v", sales["total"])
	}

	code, out, _ = runCLI(t, runSummary, "-db", path, "-year", "2025", "-village", "西岭村", "-json")
	want, _ = json.Marshal(vsum)
	if code != 0 || strings.TrimSpace(out) != string(want) {
		t.Fatalf("village summary: %d %s", code, out)
	}
}

func TestSummaryVerbTable(t *testing.T) {
	path := demoDatabase(t)
	code, out, errs := runCLI(t, runSummary, "-db", path, "-year", "２０２５年", "-village", "东泉村")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"东泉村 2025年汇总", "收入合计", "其中：经营性收入", "支出合计", "净收入", "目标：", "助农大集", "项目个数", "按阶段", "合同与租金", "逾期未收租金", "资产原值", "¥",
		"本年作出决议的事项", "在村天数", "走访农户"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI(t, runSummary, "-db", path, "-year", "2025")
	if code != 0 || !strings.Contains(out, "全部村合计") || strings.Contains(out, "目标：") {
		t.Fatalf("all villages: %s", out)
	}
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-db", path}, 2, "-year"},
		{[]string{"-db", path, "-year", "25"}, 2, "四位数"},
		{[]string{"-db", path, "-year", "1800"}, 2, "年份"},
		{[]string{"-db", path, "-year", "2025", "-village", "没有村"}, 2, "东泉村"},
		{[]string{"-db", path, "-year", "2025", "extra"}, 2, "多余"},
	} {
		code, _, errs := runCLI(t, runSummary, c.args...)
		if code != c.code || !strings.Contains(errs, c.msg) {
			t.Errorf("%v: exit %d %q", c.args, code, errs)
		}
	}
}

// Both verbs refuse a missing, foreign, corrupt or locked database, say why in Chinese, and
// leave the file byte for byte as it was.
func TestVerbsLeaveBadDatabasesUntouched(t *testing.T) {
	dir := t.TempDir()
	good := demoDatabase(t)

	foreign := filepath.Join(dir, "foreign.db")
	db, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('王')"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	corrupt := filepath.Join(dir, "corrupt.db")
	b, _ := os.ReadFile(good)
	for i := 4096; i < len(b) && i < 4096*40; i++ { // keep the header (ours), wreck the pages behind it
		b[i] ^= 0x5a
	}
	os.WriteFile(corrupt, b, 0o644)

	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte("村委会会议记录"), 0o644)

	locked := filepath.Join(dir, "locked.db")
	lb, _ := os.ReadFile(good)
	os.WriteFile(locked, lb, 0o644)
	holder, err := data.Open(locked)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()

	missing := filepath.Join(dir, "missing.db")
	for _, path := range []string{foreign, corrupt, text, locked, missing} {
		var before [32]byte
		if path != missing {
			before = hashFile(t, path)
		}
		code, out, errs := runCLI(t, runSummary, "-db", path, "-year", "2025", "-json")
		if code != 1 || out != "" || !containsHan(errs) {
			t.Errorf("summary %s: exit %d out %q err %q", filepath.Base(path), code, out, errs)
		}
		code, _, errs = runCLI(t, runDemo, "-db", path, "-sales", "10")
		if path != missing && (code != 1 || !strings.Contains(errs, "已经存在")) {
			t.Errorf("demo %s: exit %d %q", filepath.Base(path), code, errs)
		}
		if path == missing {
			os.Remove(missing) // demo made it, as it should; summary must not have
			continue
		}
		if hashFile(t, path) != before {
			t.Errorf("%s changed", filepath.Base(path))
		}
	}
	if _, err := os.Stat(missing + "-wal"); err == nil {
		t.Error("leftovers of a missing database")
	}
}

// `cunji summary -json` gives the year's 榜单 and 帮扶组团 figures, as the summary counts them, and
// the text form lists them.
func TestSummaryJSONHasTasksAndPartners(t *testing.T) {
	path := filepath.Join(t.TempDir(), "演示.db")
	if code, out, errs := runCLI(t, runDemo, "-db", path, "-sales", "600", "-years", "2"); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, errs)
	}
	year := strconv.Itoa(data.Today().Year())
	code, out, errs := runCLI(t, runSummary, "-db", path, "-year", year, "-json")
	var sum struct {
		Tasks    map[string]int64 `json:"tasks"`
		Partners map[string]int64 `json:"partners"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &sum) != nil {
		t.Fatalf("summary: %d %s %s", code, out, errs)
	}
	if len(sum.Tasks) != 3 || sum.Tasks["count"] < 3 || sum.Tasks["done"] < 1 || sum.Tasks["overdue"] > 1 ||
		len(sum.Partners) != 3 || sum.Partners["units"] < 3 || sum.Partners["funding"] <= 0 || sum.Partners["purchases"] <= 0 {
		t.Fatalf("tasks %v partners %v", sum.Tasks, sum.Partners)
	}
	if code, out, _ = runCLI(t, runSummary, "-db", path, "-year", year); code != 0 || !strings.Contains(out, "揭榜挂帅") ||
		!strings.Contains(out, "逾期未完成") || !strings.Contains(out, "帮扶单位资金") {
		t.Fatalf("text summary: %s", out)
	}
}

// Loading the program starts no Fyne lookup: the verbs run without a Fyne app, and a theme icon
// read at init printed "Fyne error: Attempt to access current Fyne app" before every one of them.
func TestVerbsPrintNoFyneError(t *testing.T) {
	out, err := exec.Command(os.Args[0], "-test.run=^$").CombinedOutput()
	if err != nil || strings.Contains(string(out), "Fyne error") {
		t.Fatalf("loading the program: %v\n%s", err, out)
	}
}
