package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// reportCol is one column of a report table on screen.
type reportCol struct {
	title   string // already translated
	width   float32
	numeric bool // right-aligned (money and counts)
}

// reportTable shows a finished report: a few hundred rows at most, held as text. Numbers are
// right-aligned; bold rows are subtotals and totals.
type reportTable struct {
	*widget.Table
	cols []reportCol
	rows [][]string
	bold map[int]bool
}

func newReportTable(cols []reportCol) *reportTable {
	t := &reportTable{cols: cols}
	t.Table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.rows), len(t.cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			bg := canvas.NewRectangle(colorHeader)
			bg.Hide()
			return container.NewStack(bg, l)
		},
		t.updateCell)
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Col < 0 || id.Col >= len(t.cols) {
			l.SetText("")
			return
		}
		l.Alignment = fyne.TextAlignLeading
		if t.cols[id.Col].numeric {
			l.Alignment = fyne.TextAlignTrailing
		}
		l.SetText(t.cols[id.Col].title)
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

// updateCell fills a cell; total rows get a tinted ground (the bundled font has no bold face).
func (t *reportTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	cell := o.(*fyne.Container)
	bg, l := cell.Objects[0], cell.Objects[1].(*widget.Label)
	if t.bold[id.Row] {
		bg.Show()
	} else {
		bg.Hide()
	}
	l.Alignment = fyne.TextAlignLeading
	if id.Col < len(t.cols) && t.cols[id.Col].numeric {
		l.Alignment = fyne.TextAlignTrailing
	}
	l.TextStyle = fyne.TextStyle{Bold: t.bold[id.Row]}
	l.SetText(t.CellText(id.Row, id.Col))
}

// SetRows replaces the rows; bold marks total rows by index. Fyne thread.
func (t *reportTable) SetRows(rows [][]string, bold map[int]bool) {
	t.rows, t.bold = rows, bold
	t.Refresh()
	t.ScrollToTop()
}

// CellText is what row r, column c shows ("" outside the table).
func (t *reportTable) CellText(r, c int) string {
	if r < 0 || r >= len(t.rows) || c < 0 || c >= len(t.rows[r]) {
		return ""
	}
	return t.rows[r][c]
}

// Rows is the number of rows shown.
func (t *reportTable) Rows() int { return len(t.rows) }
