package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"cunji/data"
)

// cunjiChild runs this test binary as the real cunji command (TestMain) and returns its exit
// code, stdout and stderr.
func cunjiChild(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "CUNJI_CLI_CHILD=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stdout.String(), stderr.String()
}

// `cunji report -kind shuzhi` writes the 述职 PDF with the year's summary figures; an unknown or
// missing -kind, a year that is no year and a missing village are refused in Chinese.
func TestReportVerbShuzhi(t *testing.T) {
	db := cliDatabase(t)
	st, err := data.OpenExisting(db)
	if err != nil {
		t.Fatal(err)
	}
	east, err := st.VillageByName("三涧溪村")
	if err == nil {
		err = st.SaveWorkDay(&data.WorkDay{VillageID: east.ID, Date: data.MustDate(2025, 7, 8), Presence: data.PresenceIn,
			Visits: []data.WorkVisit{{Name: "张小明"}, {Name: "李大爷"}}})
	}
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "述职报告.pdf")

	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-kind", "nianbao", "-year", "2025", "-village", "三涧溪村"}, "没有“nianbao”这种报告。-kind 可以是：shuzhi（第一书记年度述职报告）"},
		{[]string{"-year", "2025", "-village", "三涧溪村"}, "请用 -kind 指定报告种类"},
		{[]string{"-kind", "shuzhi", "-year", "25", "-village", "三涧溪村"}, "四位数的年份"},
		{[]string{"-kind", "shuzhi", "-year", "2025"}, "西岭村"},
	} {
		code, _, msg := cunjiChild(t, append([]string{"report", "-db", db, "-out", out}, c.args...)...)
		if code != 2 || !strings.Contains(msg, c.msg) {
			t.Errorf("%v: exit %d: %s", c.args, code, msg)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a refused run wrote the PDF")
	}

	code, stdout, msg := cunjiChild(t, "report", "-db", db, "-year", "2025", "-kind", "shuzhi", "-village", "三涧溪村", "-out", out)
	if code != 0 || !strings.Contains(stdout, "三涧溪村2025年第一书记年度述职报告") {
		t.Fatalf("report: exit %d: %s %s", code, stdout, msg)
	}
	if code, msg := runVerb(t, "report", "-db", db, "-year", "2025", "-kind", "shuzhi", "-village", "三涧溪村", "-out", out); code != 1 || !strings.Contains(msg, "-force") {
		t.Fatalf("existing file: exit %d: %s", code, msg)
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
	for _, want := range []string{"驻村第一书记2025年度述职报告", "驻村：三涧溪村", "述职人：王志强", "集体经济总收入¥12,345.00",
		"净收入（收入减支出）¥12,145.00", "助农销售额¥43.75", "销售场次1场", "在村天数1天（每月目标20天）", "走访农户2户，2人次",
		"述职人（签字）："} {
		if !strings.Contains(flat, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
}
