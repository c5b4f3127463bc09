package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"cunji/data"
	"cunji/data/report"
)

func init() { verbs["report"] = runReport }

// runReport is `cunji report -db PATH -year YYYY -kind shuzhi [-village NAME] -out FILE.pdf [-force]`:
// a printed report of the year; -kind names which (shuzhi: the first secretary's 述职).
func runReport(args []string) int {
	example := report.ShuzhiFileName("东泉村", 2025)
	flags := newFlags("cunji report", "用法：cunji report -db 数据库文件 -year 2025 -kind shuzhi [-village 村名] -out "+example+" [-force]")
	dbPath := flags.String("db", data.DefaultPath(), "数据库文件路径")
	yearText := flags.String("year", "", "年份，例如 2025")
	kind := flags.String("kind", "", "报告种类："+reportKindsText())
	villageName := flags.String("village", "", "村名（数据库里只有一个村时可省略）")
	out := flags.String("out", "", "保存到的 PDF 文件，例如 "+example)
	force := flags.Bool("force", false, "文件已存在时覆盖它")
	if code := parseFlags(flags, args); code != 0 {
		return code
	}
	k := strings.ToLower(strings.TrimSpace(*kind))
	if _, ok := report.ReportKinds[k]; !ok {
		if k == "" {
			fmt.Fprintln(os.Stderr, "请用 -kind 指定报告种类，可以是："+reportKindsText())
		} else {
			fmt.Fprintf(os.Stderr, "没有“%s”这种报告。-kind 可以是：%s\n", *kind, reportKindsText())
		}
		return 2
	}
	year, msg := summaryYear(*yearText)
	if msg != "" {
		fmt.Fprintln(os.Stderr, msg)
		return 2
	}
	if code := checkOut(*out, ".pdf", example, *force); code != 0 {
		return code
	}
	st, code := openStore(*dbPath)
	if code != 0 {
		return code
	}
	defer st.Close()
	village, code := chooseVillage(st, *villageName)
	if code != 0 {
		return code
	}
	err := saveReport(*out, *force, func(w io.Writer) error {
		return report.Shuzhi(st, year, village.ID, w, report.ShuzhiOptions{})
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Printf("已生成%s%d年%s：%s\n", village.Name, year, report.ReportKinds[k], *out)
	return 0
}

// reportKindsText lists the kinds -kind accepts: shuzhi（第一书记年度述职报告）.
func reportKindsText() string {
	var kinds []string
	for k, name := range report.ReportKinds {
		kinds = append(kinds, k+"（"+name+"）")
	}
	slices.Sort(kinds)
	return strings.Join(kinds, "、")
}
