package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cunji/data"
)

// runVerb calls a verb as the command line would and returns its exit code and what it
// printed to stderr.
func runVerb(t *testing.T, verb string, args ...string) (int, string) {
	t.Helper()
	fn, ok := verbs[verb]
	if !ok {
		t.Fatalf("verb %q is not registered", verb)
	}
	errFile, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	outFile, err := os.CreateTemp(t.TempDir(), "stdout")
	if err != nil {
		t.Fatal(err)
	}
	oldErr, oldOut := os.Stderr, os.Stdout
	os.Stderr, os.Stdout = errFile, outFile
	code := fn(args)
	os.Stderr, os.Stdout = oldErr, oldOut
	errFile.Seek(0, io.SeekStart)
	msg, _ := io.ReadAll(errFile)
	errFile.Close()
	outFile.Close()
	return code, string(msg)
}

// cliDatabase makes a small database with two villages, a sale and collective entries.
func cliDatabase(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cunji.db")
	st, err := data.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	east := &data.Village{Name: "三涧溪村", Town: "龙山街道"}
	west := &data.Village{Name: "西岭村"}
	must(st.SaveVillage(east))
	must(st.SaveVillage(west))
	must(st.SetSetting(data.SettingSecretary, "王志强"))
	must(st.SetSetting(data.SettingUnit, "济南市农业农村局"))
	seller := &data.Seller{Name: "张小明", VillageID: east.ID, Phone: "13812345678"}
	must(st.SaveSeller(seller))
	garlic := &data.Product{Name: "大蒜", Unit: "斤"}
	must(st.SaveProduct(garlic))
	must(st.SaveSaleEvent(&data.SaleEvent{Date: data.MustDate(2025, 7, 8), VillageID: east.ID, Channel: data.ChannelMarketDay},
		[]data.SaleLine{{ProductID: garlic.ID, SellerID: seller.ID, Quantity: 12500, Price: 350}}))
	must(st.SaveEntry(&data.CollectiveEntry{Date: data.MustDate(2025, 8, 1), VillageID: east.ID, Direction: data.DirectionIncome,
		Category: data.IncomeOperating, Amount: 1234500}))
	must(st.SaveEntry(&data.CollectiveEntry{Date: data.MustDate(2025, 8, 2), VillageID: east.ID, Direction: data.DirectionExpense,
		Category: "管理费用", Amount: 20000}))
	return path
}

func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestExportVerb(t *testing.T) {
	db := cliDatabase(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "2025年台账.xlsx")

	if code, msg := runVerb(t, "export", "-db", db, "-year", "2025", "-out", out); code != 0 {
		t.Fatalf("export: exit %d: %s", code, msg)
	}
	book, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	rows, err := book.GetRows("销售记录")
	if err != nil || len(rows) != 2 {
		t.Fatalf("销售记录: %v rows, %v", len(rows), err)
	}
	// The town's tables: a row per village and the total.
	for _, sheet := range []string{"各村对比", "收益分配统计表"} {
		rows, err := book.GetRows(sheet)
		if err != nil || len(rows) < 3 || rows[len(rows)-1][1] != "合计" {
			t.Fatalf("%s: %v, %v", sheet, rows, err)
		}
	}
	book.Close()
	before, _ := os.ReadFile(out)

	// An existing file is refused without -force and left as it was.
	code, msg := runVerb(t, "export", "-db", db, "-year", "2024", "-out", out)
	if code != 1 || !strings.Contains(msg, "-force") || !strings.Contains(msg, "已经存在") {
		t.Fatalf("existing file: exit %d: %s", code, msg)
	}
	if after, _ := os.ReadFile(out); !bytes.Equal(before, after) {
		t.Fatal("the existing file was changed without -force")
	}
	if code, msg := runVerb(t, "export", "-db", db, "-year", "2024", "-out", out, "-force"); code != 0 {
		t.Fatalf("-force: exit %d: %s", code, msg)
	}
	if after, _ := os.ReadFile(out); bytes.Equal(before, after) {
		t.Fatal("-force did not replace the file")
	}

	for _, year := range []string{"", "20x5", "25", "3000"} {
		code, msg := runVerb(t, "export", "-db", db, "-year", year, "-out", filepath.Join(dir, "x.xlsx"))
		if code != 2 || !strings.Contains(msg, "年份") {
			t.Errorf("-year %q: exit %d: %s", year, code, msg)
		}
	}
	if code, msg := runVerb(t, "export", "-db", db, "-year", "2025", "-out", filepath.Join(dir, "x.pdf")); code != 2 || !strings.Contains(msg, ".xlsx") {
		t.Errorf("wrong extension: exit %d: %s", code, msg)
	}
	noTempFiles(t, dir)
	if _, err := os.Stat(filepath.Join(dir, "x.xlsx")); err == nil {
		t.Error("a failed export left a file")
	}
}

func TestVerbsRefuseBadDatabases(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "没有这个文件.db")
	notDB := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(notDB, []byte("这不是数据库"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, db := range []string{missing, notDB} {
		code, msg := runVerb(t, "export", "-db", db, "-year", "2025", "-out", filepath.Join(dir, "a.xlsx"))
		if code != 1 || msg == "" || !containsHan(msg) {
			t.Errorf("export -db %s: exit %d: %q", filepath.Base(db), code, msg)
		}
		code, msg = runVerb(t, "disclose", "-db", db, "-period", "2025Q3", "-out", filepath.Join(dir, "a.pdf"))
		if code != 1 || msg == "" || !containsHan(msg) {
			t.Errorf("disclose -db %s: exit %d: %q", filepath.Base(db), code, msg)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a missing database was created")
	}
	for _, f := range []string{"a.xlsx", "a.pdf"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s written from a bad database", f)
		}
	}
	noTempFiles(t, dir)
}

func containsHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func TestDiscloseVerb(t *testing.T) {
	db := cliDatabase(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "公开表.pdf")

	for _, c := range []struct {
		period string
		want   string
	}{
		{"", "-period"},
		{"2025Q5", "季度"},
		{"2025-13", "月"},
		{"去年", "期间"},
		{"2025-09-01..2025-08-01", "晚于"},
	} {
		code, msg := runVerb(t, "disclose", "-db", db, "-period", c.period, "-village", "三涧溪村", "-out", out)
		if code != 2 || !strings.Contains(msg, c.want) {
			t.Errorf("-period %q: exit %d: %s", c.period, code, msg)
		}
	}
	// Two villages: the village must be named, and must exist.
	if code, msg := runVerb(t, "disclose", "-db", db, "-period", "2025Q3", "-out", out); code != 2 || !strings.Contains(msg, "-village") {
		t.Errorf("no -village with two villages: exit %d: %s", code, msg)
	}
	if code, msg := runVerb(t, "disclose", "-db", db, "-period", "2025Q3", "-village", "东村", "-out", out); code != 2 || !strings.Contains(msg, "西岭村") {
		t.Errorf("unknown village: exit %d: %s", code, msg)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a refused run wrote the PDF")
	}

	if code, msg := runVerb(t, "disclose", "-db", db, "-period", "2025Q3", "-village", "三涧溪村", "-out", out, "-date", "2025-10-08"); code != 0 {
		t.Fatalf("disclose: exit %d: %s", code, msg)
	}
	before, _ := os.ReadFile(out)
	if !bytes.HasPrefix(before, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	if code, msg := runVerb(t, "disclose", "-db", db, "-period", "2025-08", "-village", "三涧溪村", "-out", out); code != 1 || !strings.Contains(msg, "-force") {
		t.Fatalf("existing file: exit %d: %s", code, msg)
	}
	if after, _ := os.ReadFile(out); !bytes.Equal(before, after) {
		t.Fatal("the existing PDF was changed without -force")
	}
	if code, msg := runVerb(t, "disclose", "-db", db, "-period", "2025-08", "-village", "三涧溪村", "-out", out, "-force"); code != 0 {
		t.Fatalf("-force: exit %d: %s", code, msg)
	}
	noTempFiles(t, dir)

	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext missing in CI: make test should have installed poppler-utils")
		}
		t.Skip("pdftotext not installed (make test installs poppler-utils)")
	}
	text, err := exec.Command("pdftotext", "-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), "")
	for _, want := range []string{"村务公开表", "2025年8月", "龙山街道三涧溪村", "¥12,345.00", "壹万贰仟叁佰肆拾伍元整",
		"驻村第一书记：王志强", "派出单位：济南市农业农村局", "截至2025年8月31日"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
}
