package importfile

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// csvFile reads a .csv as Chinese Excel and WPS save it: GB18030/GBK without a BOM ("CSV (逗号分隔)"),
// UTF-8 with a BOM ("CSV UTF-8"), UTF-16 with a BOM ("Unicode 文本", tab-separated); CRLF or LF;
// quoted fields that hold commas or line breaks.
type csvFile struct {
	path string
	size int64
}

// sniffLen is how much of the file decides its encoding and separator.
const sniffLen = 64 << 10

// decoder picks the encoding from the first bytes: a BOM, else UTF-8 when they are valid UTF-8,
// else GB18030 (a superset of GBK that keeps rare name characters GBK alone loses).
func decoder(head []byte) (transform.Transformer, int) {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return nil, 3
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder(), 0
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder(), 0
	}
	// A multi-byte character may be cut at the end of the sniffed part.
	for cut := 0; cut < 4 && cut < len(head); cut++ {
		if utf8.Valid(head[:len(head)-cut]) {
			return nil, 0
		}
	}
	return simplifiedchinese.GB18030.NewDecoder(), 0
}

// separator is ',' unless the first line has more tabs or semicolons than commas.
func separator(text []byte) rune {
	line := text
	if i := bytes.IndexAny(text, "\r\n"); i >= 0 {
		line = text[:i]
	}
	commas, tabs, semis := bytes.Count(line, []byte(",")), bytes.Count(line, []byte("\t")), bytes.Count(line, []byte(";"))
	switch {
	case tabs > commas && tabs >= semis:
		return '\t'
	case semis > commas:
		return ';'
	}
	return ','
}

// countingReader counts the bytes read for progress.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (f *csvFile) rows(ctx context.Context, progress func(done, total int64), fn func(rawRow) error) error {
	file, err := os.Open(f.path)
	if err != nil {
		return err
	}
	defer file.Close()
	counter := &countingReader{r: file}
	br := bufio.NewReaderSize(counter, sniffLen)
	head, _ := br.Peek(sniffLen)
	dec, skip := decoder(head)
	br.Discard(skip)
	var text io.Reader = br
	if dec != nil {
		text = transform.NewReader(br, dec)
	}
	tb := bufio.NewReaderSize(text, sniffLen)
	first, _ := tb.Peek(sniffLen)
	if bytes.HasPrefix(first, []byte("\uFEFF")) { // a BOM the decoder passed on
		tb.Discard(3)
		first = first[3:]
	}
	r := csv.NewReader(tb)
	r.Comma = separator(first)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	n := 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &FileError{Msg: csvErrorMsg(pe)}
			}
			return err
		}
		line, _ := r.FieldPos(0)
		row := rawRow{num: line, cells: make([]cell, len(rec))}
		for i, s := range rec {
			if s != "" {
				row.cells[i] = cell{kind: cellText, text: s}
			}
		}
		if err := fn(row); err != nil {
			return err
		}
		if n++; n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil {
				progress(counter.n, f.size)
			}
		}
	}
}

func csvErrorMsg(pe *csv.ParseError) string {
	return "CSV 文件第" + strconv.Itoa(pe.StartLine) + "行的引号不成对，无法读取。请用 Excel 或 WPS 打开它检查这一行，另存为 .xlsx 后再导入。"
}
