package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"cunji/data"
	"cunji/data/importfile"
)

func init() { verbs["import"] = runImport }

const importUsage = "用法：cunji import -db 数据库文件 -kind sales|income|projects -file 表格.xlsx [-sheet 工作表] [-village 村名] [-year 2024] [-dry-run] [-skip-errors] [-json]"

// runImport is `cunji import`: read a village's own .xlsx or .csv 台账 into a ledger. A file
// with any faulty row imports nothing and exits 1, unless -skip-errors; -dry-run never writes.
func runImport(args []string) int {
	flags := newFlags("cunji import", importUsage)
	dbPath := flags.String("db", data.DefaultPath(), "数据库文件路径（不存在时新建）")
	kindText := flags.String("kind", "", "台账类型：sales（助农销售）、income（集体收支）、projects（帮扶项目）")
	file := flags.String("file", "", "要导入的 .xlsx 或 .csv 文件")
	sheet := flags.String("sheet", "", "只读这个工作表（默认：读所有含这类台账的工作表）")
	village := flags.String("village", "", "没有写村名的行属于这个村（数据库里没有时新建）")
	yearText := flags.String("year", "", "只写了月和日的日期是哪一年，例如 2024（工作表名和标题里没有年份时用）")
	dryRun := flags.Bool("dry-run", false, "只检查和统计，不写入数据库")
	skipErrors := flags.Bool("skip-errors", false, "有错误的行不导入，其余的行照常导入")
	asJSON := flags.Bool("json", false, "输出 JSON（金额单位：分）")
	if code := parseFlags(flags, args); code != 0 {
		return code
	}
	kind := data.ImportKind(strings.TrimSpace(*kindText))
	if !containsKind(kind) {
		fmt.Fprintf(os.Stderr, "请用 -kind 指定台账类型：sales（助农销售）、income（集体收支）或 projects（帮扶项目），例如 -kind sales\n%s\n", importUsage)
		return 2
	}
	if strings.TrimSpace(*file) == "" {
		fmt.Fprintf(os.Stderr, "请用 -file 指定要导入的表格，例如 -file 2024年销售台账.xlsx\n%s\n", importUsage)
		return 2
	}
	var year int
	if s := strings.TrimSuffix(data.Halfwidth(*yearText), "年"); s != "" {
		y, err := checkYear(s, *yearText)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		year = y
	}
	if _, err := os.Stat(*file); err != nil {
		fmt.Fprintf(os.Stderr, "找不到要导入的文件“%s”，请检查路径和文件名。\n", *file)
		return 2
	}

	st, cleanup, code := openImportStore(*dbPath, *dryRun)
	if code != 0 {
		return code
	}
	defer cleanup()
	memory, err := st.ImportMemory()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	// An import makes much short-lived garbage: collecting it less often saves a tenth of the
	// time for some 25 MB more at the peak (docs/PERFORMANCE.md).
	debug.SetGCPercent(400)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// The file is read while the rows are written (one transaction, committed at the end);
	// with any faulty row and no -skip-errors the pass ends without writing.
	batch, result, err := importfile.Stream(ctx, *file, importfile.Options{Kind: kind, Sheet: *sheet, Year: year, Village: *village,
		Memory: memory}, !*skipErrors)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if !*dryRun {
		fmt.Fprintln(os.Stderr, "正在读取并写入数据库…")
	}
	rep, err := st.Import(batch, data.ImportOptions{DryRun: *dryRun, SkipErrors: *skipErrors})
	var nv *data.NeedVillageError
	var fe *importfile.FileError
	switch {
	case errors.As(err, &nv):
		fmt.Fprintln(os.Stderr, err)
		return 2
	case errors.As(err, &fe):
		fmt.Fprintln(os.Stderr, err)
		if fe.Key == "err.import.file.sheet" {
			return 2
		}
		return 1
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(os.Stderr, "已取消，没有导入任何数据。")
		return 1
	case err != nil && !errors.Is(err, importfile.ErrRowErrors):
		fmt.Fprintln(os.Stderr, "导入失败，没有写入任何数据：", err)
		return 1
	}
	res := result()
	res.Merge(rep)
	failed := len(res.Errors) > 0 && !*skipErrors
	if failed {
		rep = &data.ImportReport{}
	}
	out := importOutput(res, rep, *file)
	if *asJSON {
		b, err := json.Marshal(out)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Println(string(b))
	} else {
		printImport(os.Stdout, res, rep, out, *dryRun, failed)
	}
	if failed {
		return 1
	}
	return 0
}

func containsKind(k data.ImportKind) bool {
	for _, x := range data.ImportKinds {
		if x == k {
			return true
		}
	}
	return false
}

// openImportStore opens the database, creating it when missing as the window's first start
// does; a dry run against a missing file works on a throw-away one and leaves no file behind.
func openImportStore(path string, dryRun bool) (*data.Store, func(), int) {
	if _, err := os.Stat(path); dryRun && errors.Is(err, fs.ErrNotExist) {
		dir, err := os.MkdirTemp("", "cunji-dry-run-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return nil, nil, 1
		}
		st, err := data.Create(filepath.Join(dir, "dry-run.db"))
		if err != nil {
			os.RemoveAll(dir)
			fmt.Fprintln(os.Stderr, err)
			return nil, nil, 1
		}
		return st, func() { st.Close(); os.RemoveAll(dir) }, 0
	}
	st, err := data.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return nil, nil, 1
	}
	return st, func() { st.Close() }, 0
}

// importJSON is the shape `cunji import -json` prints (money in fen).
type importJSON struct {
	Kind   data.ImportKind       `json:"kind"`
	File   string                `json:"file"`
	Sheets []string              `json:"sheets"`
	Rows   importRowsJSON        `json:"rows"`
	Errors []importfile.RowError `json:"errors"`
	New    data.ImportNames      `json:"new"`
	Totals map[string]int64      `json:"totals"`
}

type importRowsJSON struct {
	Data     int `json:"data"`
	Imported int `json:"imported"`
	Errors   int `json:"errors"`
	Skipped  int `json:"skipped"`
}

func importOutput(res *importfile.Result, rep *data.ImportReport, file string) importJSON {
	out := importJSON{Kind: res.Kind, File: file, Sheets: []string{}, Errors: res.Errors, New: rep.New,
		Rows: importRowsJSON{Data: res.Counts.Data, Imported: rep.Imported, Errors: res.Counts.Errors, Skipped: res.Counts.Skipped}}
	for _, sh := range res.Sheets {
		out.Sheets = append(out.Sheets, sh.Name)
	}
	if out.Errors == nil {
		out.Errors = []importfile.RowError{}
	}
	for _, l := range []*[]string{&out.New.Villages, &out.New.Sellers, &out.New.Products, &out.New.Partners} {
		if *l == nil {
			*l = []string{}
		}
	}
	t := rep.Totals
	switch res.Kind {
	case data.ImportSales:
		out.Totals = map[string]int64{"amount": int64(t.Amount), "lines": int64(t.Lines)}
	case data.ImportIncome:
		out.Totals = map[string]int64{"income": int64(t.Income), "expense": int64(t.Expense), "operating": int64(t.Operating)}
	default:
		out.Totals = map[string]int64{"count": int64(t.Count), "budget": int64(t.Budget), "disbursed": int64(t.Disbursed)}
	}
	return out
}

// printImport writes the readable report.
func printImport(w io.Writer, res *importfile.Result, rep *data.ImportReport, out importJSON, dryRun, failed bool) {
	fmt.Fprintf(w, "文件：%s（%s台账，工作表：%s）\n", out.File, res.Kind.Chinese(), strings.Join(out.Sheets, "、"))
	if len(res.Ignored) > 0 {
		fmt.Fprintf(w, "没有读的工作表（不是%s台账）：%s\n", res.Kind.Chinese(), strings.Join(res.Ignored, "、"))
	}
	fmt.Fprintf(w, "数据 %d 行：导入 %d 行，错误 %d 行；跳过 %d 行%s\n", out.Rows.Data, out.Rows.Imported, out.Rows.Errors,
		out.Rows.Skipped, skipReasons(res.Skips))
	for _, n := range []struct {
		label, unit string
		names       []string
	}{{"村", "个", rep.New.Villages}, {"卖家", "个", rep.New.Sellers}, {"产品", "种", rep.New.Products}, {"帮扶单位", "个", rep.New.Partners}} {
		if len(n.names) > 0 {
			fmt.Fprintf(w, "新增%s %d %s：%s\n", n.label, len(n.names), n.unit, listSome(n.names, 20))
		}
	}
	if len(res.Errors) > 0 {
		fmt.Fprintf(w, "错误（%d 处）：\n", len(res.Errors))
		for _, e := range res.Errors {
			where := e.Sheet
			if e.Row > 0 {
				where += fmt.Sprintf(" 第%d行", e.Row)
			}
			if e.Column != "" {
				where += "【" + e.Column + "】"
			}
			fmt.Fprintf(w, "  %s：%s\n", where, e.Message)
		}
	}
	t := rep.Totals
	switch res.Kind {
	case data.ImportSales:
		fmt.Fprintf(w, "合计：销售额 %s，%d 行\n", t.Amount, t.Lines)
	case data.ImportIncome:
		fmt.Fprintf(w, "合计：收入 %s（其中经营性收入 %s），支出 %s\n", t.Income, t.Operating, t.Expense)
	default:
		fmt.Fprintf(w, "合计：项目 %d 个，总投资 %s，已拨付 %s\n", t.Count, t.Budget, t.Disbursed)
	}
	switch {
	case failed:
		fmt.Fprintln(w, "有错误，没有导入任何数据。请改正表格后重新导入，或加 -skip-errors 只导入没有错误的行。")
	case dryRun:
		fmt.Fprintln(w, "试运行（-dry-run）：没有写入数据库。")
	case rep.BatchID != 0:
		fmt.Fprintf(w, "已导入，批次 #%d（文件 SHA-256 %s）。整批可以在窗口的台账里“撤销本次导入”。\n", rep.BatchID, res.SHA256)
	default:
		fmt.Fprintln(w, "没有新的数据需要导入。")
	}
}

func skipReasons(skips map[string]int) string {
	if len(skips) == 0 {
		return ""
	}
	reasons := make([]string, 0, len(skips))
	for r := range skips {
		reasons = append(reasons, r)
	}
	sort.Slice(reasons, func(i, j int) bool {
		return skips[reasons[i]] > skips[reasons[j]] || skips[reasons[i]] == skips[reasons[j]] && reasons[i] < reasons[j]
	})
	parts := make([]string, len(reasons))
	for i, r := range reasons {
		parts[i] = fmt.Sprintf("%s %d", r, skips[r])
	}
	return "（" + strings.Join(parts, "，") + "）"
}

func listSome(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, "、")
	}
	return strings.Join(names[:n], "、") + fmt.Sprintf(" 等 %d 个", len(names))
}
