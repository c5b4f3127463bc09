package importfile

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
)

// cellKind says what a spreadsheet cell holds.
type cellKind uint8

const (
	cellEmpty  cellKind = iota
	cellText            // text as typed (CSV fields are all text)
	cellNumber          // text holds the stored number, e.g. "18.680651", never the displayed "18.68"
	cellBool
	cellError // #N/A, #VALUE! …
)

// cell is one spreadsheet cell as stored.
type cell struct {
	kind   cellKind
	text   string
	date   bool // a number shown with a date format
	noYear bool // … that hides the year (m月d日)
}

// rawRow is one row of a sheet: num is the row number Excel shows, or a CSV record's first line.
type rawRow struct {
	num   int
	cells []cell
}

// sheetInfo is one worksheet of a workbook.
type sheetInfo struct {
	name   string
	part   string // zip path of the worksheet XML
	hidden bool
}

// xlsxBook reads .xlsx files: the sheets stream through xmlScanner, shared strings and number
// formats are read once.
type xlsxBook struct {
	zr       *zip.ReadCloser
	files    map[string]*zip.File
	list     []sheetInfo
	date1904 bool
	styles   []numFormat // by cell style index (cellXfs)
	sst      []string
	sstRead  bool
}

// numFormat is what a cell style's number format means for import.
type numFormat struct{ date, noYear bool }

func openXLSX(name string) (*xlsxBook, error) {
	zr, err := zip.OpenReader(name)
	if err != nil {
		return nil, errNotXLSX
	}
	b := &xlsxBook{zr: zr, files: map[string]*zip.File{}}
	for _, f := range zr.File {
		b.files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	if err := b.readWorkbook(); err != nil {
		zr.Close()
		return nil, err
	}
	if err := b.readStyles(); err != nil {
		zr.Close()
		return nil, err
	}
	return b, nil
}

func (b *xlsxBook) close() error { return b.zr.Close() }

func (b *xlsxBook) sheets() []sheetInfo { return b.list }

func (b *xlsxBook) open(part string) (io.ReadCloser, *zip.File, error) {
	f := b.files[strings.ToLower(part)]
	if f == nil {
		return nil, nil, errNotXLSX
	}
	rc, err := f.Open()
	return rc, f, err
}

func (b *xlsxBook) readXML(part string, v any) error {
	rc, _, err := b.open(part)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return errNotXLSX
	}
	return nil
}

// anyAttr finds an attribute by local name whatever its namespace (strict OOXML uses other URIs).
func anyAttr(attrs []xml.Attr, local string) string {
	for _, a := range attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func (b *xlsxBook) readWorkbook() error {
	var wb struct {
		Pr struct {
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := b.readXML("xl/workbook.xml", &wb); err != nil {
		return err
	}
	v := anyAttr(wb.Pr.Attrs, "date1904")
	b.date1904 = v == "1" || v == "true"
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := b.readXML("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return err
	}
	targets := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	for _, s := range wb.Sheets {
		part := targets[anyAttr(s.Attrs, "id")]
		if part == "" || b.files[strings.ToLower(part)] == nil {
			continue // a chart sheet or a dangling entry
		}
		state := anyAttr(s.Attrs, "state")
		b.list = append(b.list, sheetInfo{name: anyAttr(s.Attrs, "name"), part: part, hidden: state == "hidden" || state == "veryHidden"})
	}
	if len(b.list) == 0 {
		return errNotXLSX
	}
	return nil
}

func (b *xlsxBook) readStyles() error {
	if b.files["xl/styles.xml"] == nil {
		return nil
	}
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := b.readXML("xl/styles.xml", &st); err != nil {
		return err
	}
	custom := map[int]string{}
	for _, f := range st.NumFmts {
		custom[f.ID] = f.Code
	}
	b.styles = make([]numFormat, len(st.Xfs))
	for i, xf := range st.Xfs {
		if code, ok := custom[xf.NumFmtID]; ok {
			b.styles[i] = formatOf(code)
		} else {
			b.styles[i] = builtinFormat(xf.NumFmtID)
		}
	}
	return nil
}

// builtinFormat classifies Excel's built-in number formats, including the Chinese ones (27–36, 50–58).
func builtinFormat(id int) numFormat {
	switch id {
	case 14, 15, 17, 22, 27, 30, 31, 36, 50, 52, 57:
		return numFormat{date: true}
	case 16, 28, 29, 51, 53, 54, 58:
		return numFormat{date: true, noYear: true}
	}
	return numFormat{}
}

// formatOf reads a custom format code: a date when it shows a day, month or year (not only a time).
func formatOf(code string) numFormat {
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i]
	}
	if strings.EqualFold(strings.TrimSpace(code), "general") {
		return numFormat{}
	}
	var y, m, d, hs bool
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch c {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(code)
			}
		case '[':
			if j := strings.IndexByte(code[i+1:], ']'); j >= 0 {
				if strings.Trim(strings.ToLower(code[i+1:i+1+j]), "hms") == "" { // [h]: elapsed time
					hs = true
				}
				i += j + 1
			}
		case '\\', '_', '*':
			i++ // the next character is literal or padding
		case 'y', 'Y':
			y = true
		case 'd', 'D':
			d = true
		case 'm', 'M':
			m = true
		case 'h', 'H', 's', 'S':
			hs = true
		case 'e', 'E':
			if i+1 < len(code) && (code[i+1] == '+' || code[i+1] == '-') {
				i++ // scientific notation
			} else {
				y = true // era year
			}
		}
	}
	if !y && !d && (!m || hs) {
		return numFormat{}
	}
	return numFormat{date: true, noYear: !y}
}

func (b *xlsxBook) readSharedStrings() error {
	if b.sstRead {
		return nil
	}
	b.sstRead = true
	rc, _, err := b.open("xl/sharedStrings.xml")
	if err != nil {
		return nil // a workbook without text
	}
	defer rc.Close()
	sc := newXMLScanner(rc)
	var cur []byte
	inSI, phonetic := false, 0
	for {
		t, ok := sc.next()
		if !ok {
			break
		}
		switch string(t.name) {
		case "sst":
			if n, ok := attr(t.attrs, "uniqueCount"); ok && !t.closing {
				if k, err := strconv.Atoi(string(n)); err == nil && k > 0 && k < 1<<24 {
					b.sst = make([]string, 0, k)
				}
			}
		case "si":
			switch {
			case t.selfClose:
				b.sst = append(b.sst, "")
			case t.closing:
				b.sst = append(b.sst, string(cur))
				inSI = false
			default:
				cur, inSI, phonetic = cur[:0], true, 0
			}
		case "rPh": // phonetic guide text is not part of the value
			if !t.selfClose {
				if t.closing {
					phonetic--
				} else {
					phonetic++
				}
			}
		case "t":
			if inSI && phonetic == 0 && !t.closing && !t.selfClose {
				cur = sc.text(cur)
			}
		}
	}
	return sc.err
}

// rows streams a sheet's rows to fn in order; progress gets the bytes read and the sheet's size.
func (b *xlsxBook) rows(ctx context.Context, sh sheetInfo, progress func(done, total int64), fn func(rawRow) error) error {
	if err := b.readSharedStrings(); err != nil {
		return err
	}
	rc, zf, err := b.open(sh.part)
	if err != nil {
		return err
	}
	defer rc.Close()
	total := int64(zf.UncompressedSize64)
	sc := newXMLScanner(rc)
	var (
		row     rawRow
		val     []byte
		inline  []byte
		rowNum  int
		width   int // the widest row so far: the next row's cells fit without growing
		n       int
		inSheet bool
	)
	for {
		t, ok := sc.next()
		if !ok {
			break
		}
		switch {
		case bytes.Equal(t.name, []byte("sheetData")):
			if t.closing || t.selfClose {
				return sc.err
			}
			inSheet = true
		case !inSheet:
		case bytes.Equal(t.name, []byte("row")):
			if t.closing {
				width = max(width, len(row.cells))
				if err := fn(row); err != nil {
					return err
				}
				continue
			}
			rowNum++
			if r, ok := attr(t.attrs, "r"); ok {
				if k, err := strconv.Atoi(string(r)); err == nil && k > 0 {
					rowNum = k
				}
			}
			row = rawRow{num: rowNum, cells: make([]cell, 0, width)}
			if n++; n%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if progress != nil {
					progress(sc.read, total)
				}
			}
			if t.selfClose {
				if err := fn(row); err != nil {
					return err
				}
			}
		case bytes.Equal(t.name, []byte("c")) && !t.closing:
			col, style := len(row.cells), -1
			var typ string
			eachAttr(t.attrs, func(k, v []byte) bool {
				switch string(k) {
				case "r":
					if c := colIndex(v); c >= 0 {
						col = c
					}
				case "s":
					style = atoi(v)
				case "t":
					typ = cellTypes[string(v)] // a constant: the scanner's buffer moves on
				}
				return true
			})
			val, inline = val[:0], inline[:0]
			hasV, done := false, t.selfClose
			if !done {
				val, done = sc.simpleValue(val)
				hasV = done
			}
			for !done {
				c, ok := sc.next()
				if !ok || (c.closing && bytes.Equal(c.name, []byte("c"))) {
					break
				}
				if c.closing || c.selfClose {
					continue
				}
				switch {
				case bytes.Equal(c.name, []byte("v")):
					val, hasV = sc.text(val), true
				case bytes.Equal(c.name, []byte("t")):
					inline = sc.text(inline)
				case bytes.Equal(c.name, []byte("rPh")):
					skipElement(sc, "rPh")
				}
			}
			x := b.cellValue(typ, val, hasV, inline, style)
			if x.kind == cellEmpty {
				continue
			}
			for len(row.cells) < col {
				row.cells = append(row.cells, cell{})
			}
			row.cells = append(row.cells[:col], x)
		}
	}
	return sc.err
}

func skipElement(sc *xmlScanner, name string) {
	for {
		t, ok := sc.next()
		if !ok || (t.closing && string(t.name) == name) {
			return
		}
	}
}

// cellValue turns a <c> element's type, <v> and inline text into a cell.
func (b *xlsxBook) cellValue(typ string, v []byte, hasV bool, inline []byte, style int) cell {
	switch typ {
	case "s":
		i, err := strconv.Atoi(string(bytes.TrimSpace(v)))
		if err != nil || i < 0 || i >= len(b.sst) || b.sst[i] == "" {
			return cell{}
		}
		return cell{kind: cellText, text: b.sst[i]}
	case "inlineStr":
		if len(inline) == 0 {
			return cell{}
		}
		return cell{kind: cellText, text: string(inline)}
	case "str", "d":
		if len(v) == 0 {
			return cell{}
		}
		return cell{kind: cellText, text: string(v)}
	case "b":
		if !hasV {
			return cell{}
		}
		if string(bytes.TrimSpace(v)) == "1" {
			return cell{kind: cellBool, text: "TRUE"}
		}
		return cell{kind: cellBool, text: "FALSE"}
	case "e":
		return cell{kind: cellError, text: string(v)}
	}
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return cell{}
	}
	c := cell{kind: cellNumber, text: string(v)}
	if style >= 0 && style < len(b.styles) {
		c.date, c.noYear = b.styles[style].date, b.styles[style].noYear
	}
	return c
}

// cellTypes are the values of a cell's t attribute.
var cellTypes = map[string]string{"s": "s", "n": "n", "b": "b", "e": "e", "str": "str", "inlineStr": "inlineStr", "d": "d"}

// atoi reads a small non-negative number; -1 when it is not one.
func atoi(b []byte) int {
	if len(b) == 0 || len(b) > 9 {
		return -1
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// colIndex reads the column of a cell reference (B12 → 1); -1 when it is not one.
func colIndex(ref []byte) int {
	col := 0
	i := 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
		if col > 16384 {
			return -1
		}
	}
	if i == 0 {
		return -1
	}
	return col - 1
}

var errNotXLSX = errors.New("not an xlsx file")
