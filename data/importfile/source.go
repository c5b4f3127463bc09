package importfile

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// FileError says why a whole file cannot be read, in Chinese, with what to do; Key translates it.
type FileError struct {
	Key string
	Msg string
}

func (e *FileError) Error() string { return e.Msg }

const saveAsXLSX = "请用 Excel 或 WPS 打开它，点“文件”→“另存为”，保存类型选“Excel 工作簿 (*.xlsx)”，再导入另存的文件。"

var (
	errOldFormat = &FileError{Key: "err.import.file.xls",
		Msg: "这是旧版 Excel 97-2003 (.xls) 或 WPS (.et) 格式的文件，也可能设了打开密码，村记读不了。" + saveAsXLSX}
	errHTML = &FileError{Key: "err.import.file.html",
		Msg: "这个文件其实是网页格式的表格（常见于从业务系统导出的 .xls），村记读不了。" + saveAsXLSX}
	errODS = &FileError{Key: "err.import.file.ods",
		Msg: "这是 OpenDocument (.ods) 表格，村记读不了。" + saveAsXLSX}
	errUnknownFormat = &FileError{Key: "err.import.file.unknown",
		Msg: "村记只能导入 .xlsx 表格和 .csv 文件，这个文件不是这两种格式。" + saveAsXLSX}
	errBadXLSX = &FileError{Key: "err.import.file.damaged",
		Msg: "这个 .xlsx 文件已损坏或不完整，读不出来。请用 Excel 或 WPS 打开看看能否正常显示，再另存一份后导入。"}
)

// source is a file of rows: an .xlsx workbook or a CSV (one sheet).
type source interface {
	sheets() []sheetInfo
	rows(ctx context.Context, sh sheetInfo, progress func(done, total int64), fn func(rawRow) error) error
	close() error
}

type csvSource struct {
	csvFile
	name string
}

func (c *csvSource) sheets() []sheetInfo { return []sheetInfo{{name: c.name}} }
func (c *csvSource) rows(ctx context.Context, _ sheetInfo, progress func(done, total int64), fn func(rawRow) error) error {
	return c.csvFile.rows(ctx, progress, fn)
}
func (c *csvSource) close() error { return nil }

// openSource opens a file by what its bytes are, not only by its name.
func openSource(name string) (source, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, openErr(name, err)
	}
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	info, err := f.Stat()
	f.Close()
	if err != nil {
		return nil, openErr(name, err)
	}
	if info.IsDir() {
		return nil, &FileError{Key: "err.import.file.open", Msg: "“" + name + "”是一个文件夹，请选择要导入的表格文件。"}
	}
	ext := strings.ToLower(filepath.Ext(name))
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return nil, errOldFormat
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		if ext == ".ods" {
			return nil, errODS
		}
		b, err := openXLSX(name)
		if errors.Is(err, errNotXLSX) {
			if bytes.Contains(head, []byte("opendocument")) {
				return nil, errODS
			}
			return nil, errBadXLSX
		}
		if err != nil {
			return nil, err
		}
		return b, nil
	case ext == ".xlsx" || ext == ".xlsm":
		return nil, errBadXLSX
	case bytes.HasPrefix(bytes.ToLower(trimmed), []byte("<html")) || bytes.HasPrefix(bytes.ToLower(trimmed), []byte("<!doctype html")) ||
		bytes.HasPrefix(trimmed, []byte("<?xml")) && (ext == ".xls" || ext == ".et"):
		return nil, errHTML
	case ext == ".xls" || ext == ".et" || ext == ".ett" || ext == ".xlt":
		return nil, errOldFormat
	case ext == ".csv" || ext == ".txt" || ext == "":
		base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
		return &csvSource{csvFile: csvFile{path: name, size: info.Size()}, name: base}, nil
	}
	return nil, errUnknownFormat
}

func openErr(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return &FileError{Key: "err.import.file.missing", Msg: "找不到文件“" + name + "”，请检查路径和文件名。"}
	}
	return &FileError{Key: "err.import.file.open", Msg: "打不开文件“" + name + "”：" + err.Error() + "。如果它正在 Excel 或 WPS 里打开，请先关掉再导入。"}
}

// pipeRows reads a sheet in one goroutine and hands its rows to fn in the caller's, so unpacking
// and scanning the XML overlaps with reading the rows. progress runs on the reading goroutine.
func pipeRows(ctx context.Context, src source, sh sheetInfo, progress func(done, total int64, rows int), fn func(rawRow) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	const batch = 256
	ch := make(chan []rawRow, 8)
	done := make(chan error, 1)
	go func() {
		rows := 0
		buf := make([]rawRow, 0, batch)
		send := func() error {
			select {
			case ch <- buf:
				buf = make([]rawRow, 0, batch)
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		err := src.rows(ctx, sh, func(d, t int64) {
			if progress != nil {
				progress(d, t, rows)
			}
		}, func(r rawRow) error {
			rows++
			if buf = append(buf, r); len(buf) == batch {
				return send()
			}
			return nil
		})
		if err == nil && len(buf) > 0 {
			err = send()
		}
		close(ch)
		done <- err
	}()
	var ferr error
	for rows := range ch {
		for _, r := range rows {
			if ferr != nil {
				break
			}
			if ferr = fn(r); ferr != nil {
				cancel() // the reader stops; the loop drains what it sent
			}
		}
	}
	rerr := <-done
	if ferr != nil {
		return ferr
	}
	return rerr
}
