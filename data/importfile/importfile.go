// Package importfile reads other people's spreadsheets — the .xlsx and .csv 台账 villages already
// keep — into typed rows for data.Store.Import. It finds the header row and what each column
// holds, reads amounts, quantities and dates as offices write them, skips titles, totals,
// section and signature rows with a reason, and reports every faulty row with its sheet, row,
// column and a reason in Chinese. It never touches the database. See docs/IMPORT.md.
package importfile

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"

	"cunji/data"
)

// Options say what Parse reads and how. The zero value detects everything.
type Options struct {
	Kind       data.ImportKind
	Sheet      string  // "" reads every visible sheet that holds data of the kind
	HeaderRow  int     // the header's first row as Excel numbers it; 0 detects it
	HeaderRows int     // 1 or 2 rows of header with HeaderRow; 0 detects
	Mapping    []Field // what each column holds (index 0 is column A), replacing the detected mapping
	Year       int     // the year of dates written without one (m月d日) when neither sheet name nor title says
	Village    string  // the village of rows that name none
	Memory     data.ImportMemory
	Limit      int  // stop after this many data rows (a preview's first rows); 0 reads all
	KeepRows   bool // keep each row's status and cells in Sheet.Rows (the preview table)
	Progress   func(Progress)

	// OnRow, when set, gets each valid row (a data.ImportSale, ImportEntry or ImportProject) as it is
	// read, instead of Result keeping it; returning false stops reading. Stream uses it.
	OnRow func(row any) bool
}

// Progress is how far Parse has read.
type Progress struct {
	Sheet    string
	Rows     int     // rows read so far, all sheets
	Fraction float64 // 0…1 of the sheets to read
}

// Status is what happens to a row.
type Status uint8

// A row is imported, skipped (not data: title, total, blank …) or has an error.
const (
	StatusImport Status = iota
	StatusSkip
	StatusError
)

// Chinese names the status as the preview shows it.
func (s Status) Chinese() string { return [...]string{"导入", "跳过", "错误"}[s] }

// RowError is a row that cannot go in: the sheet, the row number as Excel shows it (a CSV
// record's first line), the column's header and the reason in Chinese. Key translates Message.
type RowError struct {
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Message string `json:"message"`
	Key     string `json:"-"`
}

// Row is one row of a sheet as the preview shows it.
type Row struct {
	Num    int
	Status Status
	Reason string // why it is skipped (合计行, 空行, 标题 …) or already present
	Errors []RowError
	Cells  []string // the cells as text, with Options.KeepRows
}

// HeaderCandidate is a row that could be the header, and how many columns it names.
type HeaderCandidate struct {
	Row   int // the first header row as Excel numbers it
	Rows  int // 1 or 2
	Score int
}

// Sheet is what Parse found in one sheet.
type Sheet struct {
	Name       string
	HeaderRow  int      // 0 when no header was found
	HeaderRows int      // 1, or 2 for a merged two-row header
	Headers    []string // each column's header; a two-row header is "资金来源/中央衔接资金"
	Mapping    []Field  // what each column is read as
	Detected   []Field  // what detection proposed (Mapping differs where the user chose)
	Candidates []HeaderCandidate
	Scale      int64  // Yuan, or TenThousand on a 万元 sheet (a column's own header unit wins)
	Year       int    // the year of dates written without one; 0 unknown
	YearFrom   string // 工作表名, 标题, 指定 (Options.Year)
	Missing    []Field
	Title      string
	Rows       []Row // with Options.KeepRows
}

// Counts are the rows of the sheets read.
type Counts struct {
	Data    int // rows holding a record (valid or with errors)
	Valid   int
	Errors  int
	Skipped int // rows that are not data
}

// UnknownWord is a local word Parse could not map (a category, channel, stage, type or
// household status): the user maps it once (LearnWord) and Parse remembers it.
type UnknownWord struct {
	Field   Field
	Word    string
	Rows    int
	Choices []string
}

// Result is what Parse read.
type Result struct {
	Kind     data.ImportKind
	Path     string
	File     string // base name
	SHA256   string // of the file's bytes
	Sheets   []*Sheet
	Ignored  []string // sheets without data of this kind
	Complete bool     // false when Options.Limit stopped reading
	Counts   Counts
	Totals   data.ImportTotals // of the valid rows
	Errors   []RowError
	Unknown  []UnknownWord
	Skips    map[string]int // reason → rows

	village   string
	sales     []data.ImportSale
	entries   []data.ImportEntry
	projects  []data.ImportProject
	columns   map[string]string
	unknown   map[[2]string]int
	rowIndex  map[data.ImportRef]int // a data row's place in its sheet's Rows (Options.KeepRows)
	soleSheet bool
}

var errStop = errors.New("stop")

// Sheets lists the visible sheets of a file (a CSV has one, named after the file).
func Sheets(path string) ([]string, error) {
	src, err := openSource(path)
	if err != nil {
		return nil, err
	}
	defer src.close()
	var out []string
	for _, sh := range src.sheets() {
		if !sh.hidden {
			out = append(out, sh.name)
		}
	}
	return out, nil
}

// Parse reads a file into typed rows. It fails only when the file cannot be read at all
// (a *FileError says why) or ctx is cancelled; faulty rows are in Result.Errors.
func Parse(ctx context.Context, path string, opt Options) (*Result, error) {
	if !slices.Contains(data.ImportKinds, opt.Kind) {
		return nil, errors.New("importfile: unknown kind " + string(opt.Kind))
	}
	src, err := openSource(path)
	if err != nil {
		return nil, err
	}
	defer src.close()
	res := &Result{Kind: opt.Kind, Path: path, File: filepath.Base(path), Complete: true, Skips: map[string]int{},
		village: opt.Village, columns: map[string]string{}, unknown: map[[2]string]int{}, rowIndex: map[data.ImportRef]int{}}
	if res.SHA256, err = fileSHA256(path); err != nil {
		return nil, openErr(path, err)
	}
	var sheets []sheetInfo
	for _, sh := range src.sheets() {
		switch {
		case opt.Sheet != "" && sh.name == opt.Sheet:
			sheets = append(sheets, sh)
		case opt.Sheet == "" && !sh.hidden:
			sheets = append(sheets, sh)
		}
	}
	if len(sheets) == 0 {
		var names []string
		for _, sh := range src.sheets() {
			names = append(names, sh.name)
		}
		return nil, &FileError{Key: "err.import.file.sheet", Msg: "文件里没有名为“" + opt.Sheet + "”的工作表。有的工作表：" + joinNames(names)}
	}
	res.soleSheet = len(sheets) == 1
	read := 0
	var date1904 bool
	if b, ok := src.(*xlsxBook); ok {
		date1904 = b.date1904
	}
	for i, sh := range sheets {
		counts, skips := res.Counts, maps.Clone(res.Skips)
		sp := newSheetParser(res, &opt, sh.name, date1904)
		progress := func(done, total int64, rows int) {
			if opt.Progress == nil {
				return
			}
			f := float64(i) / float64(len(sheets))
			if total > 0 {
				f += float64(done) / float64(total) / float64(len(sheets))
			}
			opt.Progress(Progress{Sheet: sh.name, Rows: read + rows, Fraction: min(f, 1)})
		}
		err := pipeRows(ctx, src, sh, progress, sp.feed)
		if err == nil {
			err = sp.finish()
		}
		read += sp.read
		if errors.Is(err, errStop) {
			err = nil
		}
		if err != nil {
			return nil, err
		}
		switch {
		case sp.sheet.HeaderRow == 0 && opt.Sheet == "" && len(sheets) > 1:
			res.Ignored = append(res.Ignored, sh.name)
			res.Counts, res.Skips = counts, skips // a sheet not read counts no rows
		default:
			res.Sheets = append(res.Sheets, sp.sheet)
		}
		if !res.Complete {
			break
		}
	}
	if len(res.Sheets) == 0 {
		res.addError(joinNames(res.Ignored), 0, "", "err.import.header.nosheet",
			"文件里没有找到"+opt.Kind.Chinese()+"台账的表头（例如“"+exampleHeaders(opt.Kind)+"”）。请确认选择的台账类型，或打开文件指定工作表和表头所在的行")
	}
	res.finish()
	if opt.Progress != nil {
		opt.Progress(Progress{Rows: read, Fraction: 1})
	}
	return res, nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func joinNames(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += "、"
		}
		out += n
	}
	return out
}

// finish gathers the counts, unknown words and errors in sheet order.
func (r *Result) finish() {
	for k, n := range r.unknown {
		f := Field(k[0])
		r.Unknown = append(r.Unknown, UnknownWord{Field: f, Word: k[1], Rows: n, Choices: WordChoices(f)})
	}
	sort.Slice(r.Unknown, func(i, j int) bool {
		a, b := r.Unknown[i], r.Unknown[j]
		if a.Field != b.Field {
			return a.Field < b.Field
		}
		return a.Word < b.Word
	})
}

// Batch is what Store.Import writes: the valid rows, with the file's name, hash and sheets.
func (r *Result) Batch() *data.ImportBatch {
	b := &data.ImportBatch{Kind: r.Kind, FileName: r.File, SHA256: r.SHA256, Village: r.village, Columns: r.columns,
		Sales: r.sales, Entries: r.entries, Projects: r.projects}
	for _, sh := range r.Sheets {
		b.Sheets = append(b.Sheets, sh.Name)
	}
	return b
}

// Merge takes in what the store found in a dry run or an import: rows it refused become
// errors, rows already in the ledger are skipped. Counts change to match.
func (r *Result) Merge(rep *data.ImportReport) {
	for _, ref := range rep.Present {
		r.Counts.Valid--
		r.Counts.Skipped++
		r.Skips[reasonPresent]++
		if row := r.row(ref); row != nil {
			row.Status, row.Reason = StatusSkip, reasonPresent
		}
	}
	seen := map[data.ImportRef]bool{}
	for _, p := range rep.Problems {
		e := RowError{Sheet: p.Ref.Sheet, Row: p.Ref.Row, Column: p.Column, Message: p.Message, Key: p.Key}
		r.Errors = append(r.Errors, e)
		if !seen[p.Ref] && p.Ref.Row > 0 {
			seen[p.Ref] = true
			r.Counts.Valid--
			r.Counts.Errors++
		}
		if row := r.row(p.Ref); row != nil {
			row.Status = StatusError
			row.Errors = append(row.Errors, e)
		}
	}
	sort.SliceStable(r.Errors, func(i, j int) bool {
		a, b := r.Errors[i], r.Errors[j]
		if a.Sheet != b.Sheet {
			return r.sheetIndex(a.Sheet) < r.sheetIndex(b.Sheet)
		}
		return a.Row < b.Row
	})
}

// row is the preview row a reference points at (nil without Options.KeepRows).
func (r *Result) row(ref data.ImportRef) *Row {
	i, ok := r.rowIndex[ref]
	if !ok {
		return nil
	}
	for _, sh := range r.Sheets {
		if sh.Name == ref.Sheet && i < len(sh.Rows) {
			return &sh.Rows[i]
		}
	}
	return nil
}

func (r *Result) sheetIndex(name string) int {
	for i, sh := range r.Sheets {
		if sh.Name == name {
			return i
		}
	}
	return len(r.Sheets)
}

// reasonPresent is why a row the ledger already holds is skipped.
const reasonPresent = "已导入过（台账里已有相同的记录）"

// LearnWord remembers what a local word means (the user chose it in the preview).
func LearnWord(m *data.ImportMemory, f Field, word, official string) {
	if m.Words == nil {
		m.Words = map[string]string{}
	}
	m.Words[wordKey(f, word)] = official
}

// LearnMapping remembers the columns whose mapping the user changed in a sheet, by header.
func LearnMapping(m *data.ImportMemory, kind data.ImportKind, sh *Sheet) {
	for c, f := range sh.Mapping {
		if c >= len(sh.Headers) || sh.Headers[c] == "" || (c < len(sh.Detected) && sh.Detected[c] == f) {
			continue
		}
		if m.Headers == nil {
			m.Headers = map[string]string{}
		}
		m.Headers[memoryKey(kind, normHeader(sh.Headers[c]))] = string(f)
	}
}

// ColumnName is the letters Excel shows above column c (0 is A).
func ColumnName(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }

// ErrRowErrors ends a Stream pass whose file had faulty rows, so Store.Import writes nothing.
var ErrRowErrors = errors.New("表格里有错误的行，没有导入任何数据")

// Stream makes a batch whose rows reach Store.Import while this package is still reading the
// file, in another goroutine, so reading and writing overlap and the rows are never all held
// in memory (cunji import). Each pass of the import reads the file again. With strict, a pass
// whose file had faulty rows ends in ErrRowErrors. result is what the last reading found.
func Stream(ctx context.Context, path string, opt Options, strict bool) (b *data.ImportBatch, result func() *Result, err error) {
	sum, err := fileSHA256(path)
	if err != nil {
		return nil, nil, openErr(path, err)
	}
	b = &data.ImportBatch{Kind: opt.Kind, FileName: filepath.Base(path), SHA256: sum, Village: opt.Village, Columns: map[string]string{}}
	var last *Result
	b.Stream = func(emit func(any) bool) error {
		const batch = 256
		ch := make(chan []any, 8)
		stop := make(chan struct{})
		var res *Result
		var perr error
		go func() {
			defer close(ch)
			o := opt
			buf := make([]any, 0, batch)
			send := func() bool {
				select {
				case ch <- buf:
					buf = make([]any, 0, batch)
					return true
				case <-stop:
					return false
				}
			}
			o.OnRow = func(r any) bool {
				buf = append(buf, r)
				return len(buf) < batch || send()
			}
			if res, perr = Parse(ctx, path, o); perr == nil && len(buf) > 0 {
				send()
			}
		}()
		going := true
		for rows := range ch {
			for _, r := range rows {
				if going && !emit(r) {
					going = false
					close(stop) // the reader stops; the loop drains what it sent
				}
			}
		}
		if perr != nil {
			return perr
		}
		last = res
		b.Sheets = b.Sheets[:0]
		for _, sh := range res.Sheets {
			b.Sheets = append(b.Sheets, sh.Name)
		}
		for k, v := range res.columns {
			b.Columns[k] = v
		}
		if strict && len(res.Errors) > 0 {
			return ErrRowErrors
		}
		return nil
	}
	return b, func() *Result { return last }, nil
}
