package importfile

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cunji/data"
)

// big200k is a one-sheet, ten-column sales workbook of 200,000 lines, made once per process
// (or read from $CUNJI_BENCH_XLSX, e.g. the same file re-saved by LibreOffice).
var big200k struct {
	once sync.Once
	path string
	err  error
}

const benchLines = 200_000

func bigWorkbook(b *testing.B) string {
	b.Helper()
	big200k.once.Do(func() {
		if p := os.Getenv("CUNJI_BENCH_XLSX"); p != "" {
			big200k.path = p
			return
		}
		dir, err := os.MkdirTemp("", "cunji-import-bench-")
		if err != nil {
			big200k.err = err
			return
		}
		big200k.path = filepath.Join(dir, "sales-200k.xlsx")
		big200k.err = writeBigWorkbook(big200k.path, benchLines)
	})
	if big200k.err != nil {
		b.Fatal(big200k.err)
	}
	return big200k.path
}

// writeBigWorkbook writes n sale lines: 序号, 销售日期 (date cells), 村, 姓名, 品名, 数量, 单位, 单价, 销售额, 销售渠道.
func writeBigWorkbook(path string, n int) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	sw.SetRow("A1", []any{"序号", "销售日期", "村", "姓名", "品名", "数量", "单位", "单价", "销售额", "销售渠道"})
	names := []string{"张", "王", "李", "赵", "刘", "陈", "杨", "黄"}
	products := []string{"大蒜", "苹果", "小米", "花生", "土鸡蛋", "核桃", "香椿", "樱桃"}
	channels := []string{"大集", "共富超市", "直播", "食堂采购"}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		qty := float64(1+i%50) + 0.5
		price := float64(300+i%700) / 100
		amount := float64(int64(qty*price*100+0.5)) / 100
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		err := sw.SetRow(cell, []any{i + 1, excelize.Cell{StyleID: dateStyle, Value: start.AddDate(0, 0, i%700)},
			[]string{"东泉村", "西岭村"}[i%2], fmt.Sprintf("%s%d", names[i%8], i%500), products[i%8], qty, "斤", price, amount, channels[i%4]})
		if err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// BenchmarkImport200k is `cunji import` of the 200,000-line workbook into a new database:
// reading and writing overlap (Stream), one transaction, committed.
func BenchmarkImport200k(b *testing.B) {
	path := bigWorkbook(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := data.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		batch, _, err := Stream(context.Background(), path, Options{Kind: data.ImportSales}, true)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := st.Import(batch, data.ImportOptions{})
		if err != nil || rep.Imported != benchLines && os.Getenv("CUNJI_BENCH_XLSX") == "" {
			b.Fatalf("%v, %d lines", err, rep.Imported)
		}
		b.StopTimer()
		st.Close()
	}
}

// BenchmarkPreviewFirstRows is the preview's first 200 rows of the same workbook.
func BenchmarkPreviewFirstRows(b *testing.B) {
	path := bigWorkbook(b)
	for i := 0; i < b.N; i++ {
		res, err := Parse(context.Background(), path, Options{Kind: data.ImportSales, Limit: 200, KeepRows: true})
		if err != nil || res.Counts.Data != 200 || res.Complete {
			b.Fatalf("%v %+v", err, res.Counts)
		}
	}
}

// BenchmarkParse200k reads the whole workbook into a preview (every row kept for the table).
func BenchmarkParse200k(b *testing.B) {
	path := bigWorkbook(b)
	for i := 0; i < b.N; i++ {
		res, err := Parse(context.Background(), path, Options{Kind: data.ImportSales, KeepRows: true})
		if err != nil || res.Counts.Data != benchLines && os.Getenv("CUNJI_BENCH_XLSX") == "" {
			b.Fatalf("%v %+v", err, res.Counts)
		}
	}
}
