package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"cunji/data"
	"cunji/data/report"
)

func init() { verbs["export"] = runExport }

// runExport is `cunji export -db PATH -year YYYY -out FILE.xlsx [-force]`: the year's workbook.
func runExport(args []string) int {
	flags := newFlags("cunji export", "用法：cunji export -db 数据库文件 -year 2025 -out 村记-2025.xlsx [-force]")
	dbPath := flags.String("db", data.DefaultPath(), "数据库文件路径")
	yearText := flags.String("year", "", "要导出的年份，例如 2025")
	out := flags.String("out", "", "保存到的 Excel 文件，例如 "+report.ExportFileName("村记", 2025))
	force := flags.Bool("force", false, "文件已存在时覆盖它")
	if code := parseFlags(flags, args); code != 0 {
		return code
	}
	year, err := parseYear(*yearText)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if code := checkOut(*out, ".xlsx", report.ExportFileName("村记", 2025), *force); code != 0 {
		return code
	}
	st, code := openStore(*dbPath)
	if code != 0 {
		return code
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
	return checkYear(strings.TrimSuffix(s, "年"), s)
}
