package report

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"cunji/data"
)

// ErrFileExists is returned by WriteFile when the file is there and may not be replaced.
var ErrFileExists = errors.New("文件已经存在")

// WriteFile writes a report to path through write, by way of a temporary file in the same
// folder that is renamed into place only once everything has been written and synced: a
// failed, cancelled or interrupted export never leaves a half-written file and never
// spoils the file it was to replace. Without overwrite an existing path is refused with an
// error wrapping ErrFileExists. Cancelling ctx stops at the next write to the file.
func WriteFile(ctx context.Context, path string, overwrite bool, write func(w io.Writer) error) (err error) {
	if !overwrite {
		if _, err := os.Stat(path); err == nil {
			return existsErr(path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("无法访问“%s”：%w", path, err)
		}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("无法在文件夹“%s”里写文件：%w", dir, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(ctxWriter{ctx, tmp}, 1<<20)
	if err = write(bw); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("已取消，没有保存“%s”", path)
		}
		return err
	}
	if err = bw.Flush(); err != nil {
		return writeErr(path, err)
	}
	if err = tmp.Sync(); err != nil {
		return writeErr(path, err)
	}
	if err = tmp.Close(); err != nil {
		return writeErr(path, err)
	}
	_ = os.Chmod(tmp.Name(), 0o644) // CreateTemp makes 0600; a report is an ordinary document
	if !overwrite {
		if _, serr := os.Stat(path); serr == nil {
			err = existsErr(path)
			return err
		}
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("无法保存“%s”（是否正被 Excel 或 PDF 阅读器打开？请关闭它后重试）：%w", path, err)
	}
	return nil
}

func existsErr(path string) error {
	return fmt.Errorf("“%s”：%w，没有覆盖", path, ErrFileExists)
}

func writeErr(path string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("已取消，没有保存“%s”", path)
	}
	return fmt.Errorf("写入“%s”失败（磁盘满了或 U 盘被拔出？）：%w", path, err)
}

// ctxWriter fails writes once ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// ExportFileName is the name a year's workbook is offered under: 村记-2025.xlsx, where program
// is the program's name in the user's language (村记, or Cunji in English).
func ExportFileName(program string, year int) string { return fmt.Sprintf("%s-%d.xlsx", program, year) }

// DisclosureFileName is the name a disclosure sheet is offered under: 村务公开表-东泉村-2025年第三季度.pdf.
// The sheet is printed in Chinese, so its name is Chinese too.
func DisclosureFileName(village string, p data.Period) string {
	name := "村务公开表-" + village + "-" + p.Chinese() + ".pdf"
	return strings.NewReplacer("/", "-", `\`, "-", ":", "-").Replace(name)
}
