package report

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cunji/data"
)

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	must(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "报表.xlsx")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	must(t, WriteFile(context.Background(), path, false, write("first")))
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Fatalf("wrote %q", b)
	}
	if info, _ := os.Stat(path); info.Mode().Perm()&0o044 == 0 {
		t.Errorf("file mode %v: others cannot read the report", info.Mode())
	}

	err := WriteFile(context.Background(), path, false, write("second"))
	if !errors.Is(err, ErrFileExists) {
		t.Fatalf("existing file without overwrite: %v", err)
	}
	boom := errors.New("数据库读取失败")
	err = WriteFile(context.Background(), path, true, func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("half", 1<<20))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("failing writer: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = WriteFile(ctx, path, true, func(w io.Writer) error {
		_, err := io.WriteString(w, strings.Repeat("x", 2<<20))
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "取消") {
		t.Fatalf("cancelled: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Fatalf("a failed write changed the file to %.20q", b)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Fatalf("left behind: %v", names)
	}
	must(t, WriteFile(context.Background(), path, true, write("second")))
	if b, _ := os.ReadFile(path); string(b) != "second" {
		t.Fatalf("overwrite wrote %q", b)
	}
	if err := WriteFile(context.Background(), filepath.Join(dir, "没有的文件夹", "a.pdf"), false, write("x")); err == nil {
		t.Fatal("wrote into a missing folder")
	}
}

func TestFileNames(t *testing.T) {
	if got := ExportFileName("村记", 2025); got != "村记-2025.xlsx" {
		t.Errorf("ExportFileName: %q", got)
	}
	for p, want := range map[data.Period]string{
		data.QuarterPeriod(2025, 3): "村务公开表-三涧溪村-2025年第三季度.pdf",
		data.MonthPeriod(2025, 7):   "村务公开表-三涧溪村-2025年7月.pdf",
		{From: data.MustDate(2025, 1, 1), To: data.MustDate(2025, 2, 15)}: "村务公开表-三涧溪村-2025年1月1日至2025年2月15日.pdf",
	} {
		if got := DisclosureFileName("三涧溪村", p); got != want {
			t.Errorf("DisclosureFileName(%v) = %q, want %q", p, got, want)
		}
	}
	if got := DisclosureFileName("东/西村", data.YearPeriod(2025)); got != "村务公开表-东-西村-2025年.pdf" {
		t.Errorf("a slash in the village: %q", got)
	}
}
