package report

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"cunji/data"
)

// colKind says how a column's cells are written and formatted.
type colKind int

const (
	colText  colKind = iota
	colMoney         // data.Money → yuan as a number, #,##0.00
	colDate          // data.Date → an Excel date, yyyy-mm-dd
	colInt           // int / int64 → a whole number
	colQty           // data.Quantity → a number with up to three decimals
)

// column is one column of an exported sheet.
type column struct {
	title string
	width float64 // in Excel character widths
	kind  colKind
}

// workbookStyles are the cell styles every sheet shares.
type workbookStyles struct {
	header, text, money, date, integer, qty, bold, boldMoney int
}

func newStyles(f *excelize.File) (workbookStyles, error) {
	var st workbookStyles
	moneyFmt, dateFmt := "#,##0.00", "yyyy-mm-dd"
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	specs := []struct {
		dst   *int
		style excelize.Style
	}{
		{&st.header, excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF4"}},
			Border:    border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		}},
		{&st.text, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.money, excelize.Style{CustomNumFmt: &moneyFmt}},
		{&st.date, excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "left"}}},
		{&st.integer, excelize.Style{NumFmt: 1}},
		{&st.qty, excelize.Style{NumFmt: 0}}, // General: 4.5 and 124, where #,##0.### would show "124."
		{&st.bold, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&st.boldMoney, excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: &moneyFmt}},
	}
	for _, s := range specs {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return st, err
		}
		*s.dst = id
	}
	return st, nil
}

// sheetWriter streams rows of one sheet: a bold frozen header row, then data rows whose cells
// are converted by their column's kind.
type sheetWriter struct {
	sw     *excelize.StreamWriter
	cols   []column
	styles workbookStyles
	row    int
	cells  []any           // reused between rows
	vals   []excelize.Cell // reused between rows
	dry    bool            // count rows only (countRows)
}

// writeSheet creates the sheet (renaming the workbook's first sheet when first is true), declares
// its used range, sets the column widths, freezes and writes the header row, then lets build add
// the rows. rows is the number of rows build will add after the header (blank rows count): readers
// that trust the declared <dimension> (openpyxl's read-only mode) see nothing beyond it, and the
// stream writes it before the first row, so it must be known in advance. A count that turns out
// wrong (the ledger changed during the export) fails the export rather than hiding rows.
func writeSheet(f *excelize.File, name string, first bool, cols []column, st workbookStyles, rows int,
	build func(*sheetWriter) error) error {
	if first {
		if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return err
	}
	last, err := excelize.CoordinatesToCellName(len(cols), 1+rows)
	if err != nil {
		return err
	}
	if err := f.SetSheetDimension(name, "A1:"+last); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	w := &sheetWriter{sw: sw, cols: cols, styles: st, cells: make([]any, len(cols)), vals: make([]excelize.Cell, len(cols))}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.title}
	}
	w.row = 1
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 20}); err != nil {
		return err
	}
	if err := build(w); err != nil {
		return err
	}
	if w.row != 1+rows {
		return fmt.Errorf("工作表“%s”在导出时有%d行，预计%d行：台账在导出过程中被修改了，请重新导出", name, w.row-1, rows)
	}
	return sw.Flush()
}

// countRows runs build on a writer that only counts, for sheets small enough to build twice.
func countRows(cols []column, build func(*sheetWriter) error) (int, error) {
	w := &sheetWriter{cols: cols, dry: true}
	err := build(w)
	return w.row, err
}

// add writes one data row; values are given in column order. nil leaves a cell empty.
func (w *sheetWriter) add(values ...any) error { return w.addStyled(false, values...) }

// addTotal writes a bold row (a total line).
func (w *sheetWriter) addTotal(values ...any) error { return w.addStyled(true, values...) }

func (w *sheetWriter) addStyled(bold bool, values ...any) error {
	if len(values) != len(w.cols) {
		return fmt.Errorf("report: sheet row has %d values for %d columns", len(values), len(w.cols))
	}
	if w.dry {
		w.row++
		return nil
	}
	for i, v := range values {
		c := &w.vals[i]
		*c = excelize.Cell{}
		w.cells[i] = c // a pointer: boxing it allocates nothing
		switch x := v.(type) {
		case nil:
			w.cells[i] = nil
		case data.Money:
			c.Value, c.StyleID = x.Yuan(), w.styles.money
			if bold {
				c.StyleID = w.styles.boldMoney
			}
		case data.Date:
			if x.IsZero() {
				w.cells[i] = nil
				continue
			}
			c.Value, c.StyleID = excelDate(x), w.styles.date
		case data.Quantity:
			c.Value, c.StyleID = float64(x)/1000, w.styles.qty
		case int:
			c.Value, c.StyleID = x, w.styles.integer
		case int64:
			c.Value, c.StyleID = x, w.styles.integer
		case string:
			if x == "" {
				w.cells[i] = nil
				continue
			}
			c.Value = x
			if bold {
				c.StyleID = w.styles.bold
			}
		default:
			return fmt.Errorf("report: unexpected %T in column %q", v, w.cols[i].title)
		}
	}
	w.row++
	cell, err := excelize.CoordinatesToCellName(1, w.row)
	if err != nil {
		return err
	}
	return w.sw.SetRow(cell, w.cells)
}

// excelEpoch is day 0 of Excel's 1900 date system (which counts the fictitious 1900-02-29,
// hence the 30th and not the 31st of December).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelDate is the serial number Excel stores for a date (2025-06-26 is 45834): written as
// a plain integer with a date format, it costs far less than a time.Time cell.
func excelDate(d data.Date) int {
	return int(d.Time().Sub(excelEpoch).Hours()) / 24
}

// blank writes an empty row (a gap between blocks of the 汇总 sheet).
func (w *sheetWriter) blank() { w.row++ }
