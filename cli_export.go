package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"

	"cunji/data"
	"cunji/data/report"
)

func init() { verbs["export"] = runExport }

// runExport is `cunji export -db PATH -year YYYY -out FILE.xlsx [-force]`: the year's workbook.
func runExport(args []string) int {
	flags := flag.NewFlagSet("cunji export", flag.ContinueOnError)
	flags.SetOutput(os.Stderr)
	dbPath := flags.String("db", data.DefaultPath(), "数据库文件路径")
	yearText := flags.String("year", "", "要导出的年份，例如 2025")
	out := flags.String("out", "", "保存到的 Excel 文件，例如 2025年台账.xlsx")
	force := flags.Bool("force", false, "文件已存在时覆盖它")
	flags.Usage = func() {
		fmt.Fprintln(os.Stderr, "用法：cunji export -db 数据库文件 -year 2025 -out 2025年台账.xlsx [-force]")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "多余的参数：%s\n", strings.Join(flags.Args(), " "))
		return 2
	}
	year, err := parseYear(*yearText)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if code := checkOut(*out, ".xlsx", "2025年台账.xlsx", *force); code != 0 {
		return code
	}
	st, err := data.OpenExisting(*dbPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer st.Close()
	if err := saveReport(*out, *force, func(w io.Writer) error { return report.ExportYear(st, year, w) }); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Printf("已导出%d年台账：%s\n", year, *out)
	return 0
}

func parseYear(s string) (int, error) {
	s = data.Halfwidth(s)
	if s == "" {
		return 0, errors.New("请用 -year 指定要导出的年份，例如 -year 2025")
	}
	y, err := strconv.Atoi(strings.TrimSuffix(s, "年"))
	if err != nil || len(strings.TrimSuffix(s, "年")) != 4 {
		return 0, fmt.Errorf("年份“%s”不对，请写四位数的年份，例如 -year 2025", s)
	}
	if y < data.MinYear || y > data.MaxYear {
		return 0, fmt.Errorf("年份%d不在%d到%d之间，请检查年份", y, data.MinYear, data.MaxYear)
	}
	return y, nil
}

// checkOut validates the -out flag: given, with the right extension, and not an existing
// file unless -force. It prints the problem and returns the exit code (0 when fine).
func checkOut(out, ext, example string, force bool) int {
	if out == "" {
		fmt.Fprintf(os.Stderr, "请用 -out 指定要保存的文件，例如 -out %s\n", example)
		return 2
	}
	if !strings.EqualFold(filepath.Ext(out), ext) {
		fmt.Fprintf(os.Stderr, "要保存的文件“%s”应以 %s 结尾，例如 -out %s\n", out, ext, example)
		return 2
	}
	info, err := os.Stat(out)
	switch {
	case err == nil && info.IsDir():
		fmt.Fprintf(os.Stderr, "“%s”是一个文件夹，请给出文件名，例如 -out %s\n", out, filepath.Join(out, example))
		return 2
	case err == nil && !force:
		fmt.Fprintf(os.Stderr, "文件“%s”已经存在，没有覆盖。要覆盖它请加 -force，或换一个文件名。\n", out)
		return 1
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(os.Stderr, "无法访问“%s”：%v\n", out, err)
		return 1
	}
	if dir, err := os.Stat(filepath.Dir(out)); err != nil || !dir.IsDir() {
		fmt.Fprintf(os.Stderr, "文件夹“%s”不存在，请先建好它或换一个位置。\n", filepath.Dir(out))
		return 1
	}
	return 0
}

// saveReport writes a report file through report.WriteFile; Ctrl+C stops it cleanly (no
// half-written or temporary file is left) and the refusal to overwrite names -force.
func saveReport(path string, force bool, write func(w io.Writer) error) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := report.WriteFile(ctx, path, force, write)
	if errors.Is(err, report.ErrFileExists) {
		return fmt.Errorf("文件“%s”已经存在，没有覆盖。要覆盖它请加 -force，或换一个文件名。", path)
	}
	return err
}
