package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ledgerColumn is one column of a paged ledger table (used by the projects and income screens).
type ledgerColumn[T any] struct {
	Title string  // translation key of the header
	Sort  string  // sort key the data layer understands; "" when the column cannot be sorted
	Width float32 // in Fyne units
	Right bool    // right-aligned (money, counts)
	Text  func(x *T) string
}

const (
	ledgerPageSize = 100
	ledgerMaxPages = 6 // pages kept in memory; the rest is read again from SQLite when scrolled to
)

// ledgerTable shows a ledger read from the store a page at a time. Every row has the same height,
// so Fyne's table stays virtual however long the ledger is. An optional first row holds totals
// and stays put while the rows scroll under it.
type ledgerTable[T any] struct {
	Table *keyTable
	cols  []ledgerColumn[T]
	fetch func(offset, limit int) ([]T, error)

	rows   int
	totals []string // one text per column; nil: no totals row
	pages  map[int][]T
	order  []int // page numbers, oldest first, to forget the least recently read

	SortKey  string
	SortDesc bool
	OnSort   func()             // a header was tapped; SortKey/SortDesc already changed
	OnSelect func(row int, x T) // a data row was tapped or chosen with the keyboard
	OnError  func(error)

	selected int // data row, -1 for none
}

func newLedgerTable[T any](cols []ledgerColumn[T], fetch func(offset, limit int) ([]T, error)) *ledgerTable[T] {
	lt := &ledgerTable[T]{cols: cols, fetch: fetch, pages: map[int][]T{}, selected: -1}
	t := newKeyTable(lt.length, lt.createCell, lt.updateCell)
	t.ShowHeaderRow = true
	t.CreateHeader = lt.createHeader
	t.UpdateHeader = lt.updateHeader
	t.OnSelected = lt.tapped
	widths := make([]float32, len(cols))
	for i, c := range cols {
		widths[i] = c.Width
	}
	t.SetWidths(widths)
	lt.Table = t
	return lt
}

// keyTable is Fyne's table handing Delete and Esc to the screen. Fyne gives plain keys to the
// focused widget only, so after a click on a row (which focuses the table) the window's own key
// handler would never see them. Other keys (arrows, Space) move and choose as before.
type keyTable struct {
	widget.Table
	// Act receives ActionDelete and ActionCancel (the window's Env.Act); nil passes every key on.
	Act func(Action)

	widths     []float32 // the columns' preferred widths (SetWidths)
	shownWidth float32   // all the columns as laid out now
}

// keyTableMinFlex is the least the first column (a name, cut with … when long) shrinks to;
// keyTableMinScale the least share of their widths the other columns keep.
const (
	keyTableMinFlex  = 110
	keyTableMinScale = 0.8
)

// SetWidths sets the columns' preferred widths. When the table is narrower than all of them (a
// small window, or longer English labels in the rail) the first column gives up the difference,
// down to keyTableMinFlex, so the last column stays in view rather than cut off at the edge.
func (t *keyTable) SetWidths(widths []float32) {
	t.widths = widths
	t.fitColumns(t.Size().Width)
}

// Resize lays the table out at size and fits the columns to its width.
func (t *keyTable) Resize(size fyne.Size) {
	t.fitColumns(size.Width)
	t.Table.Resize(size)
}

func (t *keyTable) fitColumns(width float32) {
	if len(t.widths) == 0 {
		return
	}
	seps := float32(len(t.widths)-1) * theme.SeparatorThicknessSize()
	others := float32(0)
	for _, w := range t.widths[1:] {
		others += w
	}
	need := seps + t.widths[0] + others
	first, scale := t.widths[0], float32(1)
	// Keep clear of the vertical scroll bar drawn over the last column's right edge.
	width -= theme.ScrollBarSize() + theme.Padding()
	if width > 0 && need > width {
		first = max(min(first, keyTableMinFlex), first-(need-width))
		// Still too wide (the smallest window in English): the other columns narrow a little too.
		if first+others+seps > width && others > 0 {
			scale = max(keyTableMinScale, (width-first-seps-1)/others)
		}
	}
	t.SetColumnWidth(0, first)
	t.shownWidth = need - t.widths[0] + first
	for i, w := range t.widths[1:] {
		t.SetColumnWidth(i+1, w*scale)
		t.shownWidth -= w - w*scale
	}
}

// ColumnsWidth is how wide all the columns are now, separators included (tests).
func (t *keyTable) ColumnsWidth() float32 { return t.shownWidth }

func newKeyTable(length func() (int, int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *keyTable {
	t := &keyTable{}
	t.Length, t.CreateCell, t.UpdateCell = length, create, update
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey forwards Delete and Esc to the screen and gives the table every other key.
func (t *keyTable) TypedKey(ev *fyne.KeyEvent) {
	if t.Act != nil {
		switch ev.Name {
		case fyne.KeyDelete:
			t.Act(ActionDelete)
			return
		case fyne.KeyEscape:
			t.Act(ActionCancel)
			return
		}
	}
	t.Table.TypedKey(ev)
}

// screenKeys is what a screen's tables hand Delete and Esc to: the window, as if no widget had
// the focus (read when the key comes, so a window built later is found).
func screenKeys(env *Env) func(Action) {
	return func(a Action) {
		if env != nil && env.Act != nil {
			env.Act(a)
		}
	}
}

// Reset forgets every cached page and shows rows rows (and totals, when not nil) afresh.
func (lt *ledgerTable[T]) Reset(rows int, totals []string) {
	lt.rows, lt.totals = rows, totals
	lt.pages, lt.order = map[int][]T{}, nil
	lt.Table.StickyRowCount = 0
	if totals != nil {
		lt.Table.StickyRowCount = 1
	}
	if lt.selected >= rows {
		lt.selected = -1
	}
	lt.Table.UnselectAll()
	lt.Table.Refresh()
}

// Rows is the number of data rows (without the totals row).
func (lt *ledgerTable[T]) Rows() int { return lt.rows }

func (lt *ledgerTable[T]) offset() int {
	if lt.totals != nil {
		return 1
	}
	return 0
}

func (lt *ledgerTable[T]) length() (int, int) { return lt.rows + lt.offset(), len(lt.cols) }

// Row returns data row i, reading its page from the store when it is not cached.
func (lt *ledgerTable[T]) Row(i int) (T, bool) {
	var zero T
	if i < 0 || i >= lt.rows {
		return zero, false
	}
	p := i / ledgerPageSize
	page, ok := lt.pages[p]
	if !ok {
		var err error
		page, err = lt.fetch(p*ledgerPageSize, ledgerPageSize)
		if err != nil {
			if lt.OnError != nil {
				lt.OnError(err)
			}
			return zero, false
		}
		lt.pages[p] = page
		lt.order = append(lt.order, p)
		if len(lt.order) > ledgerMaxPages {
			delete(lt.pages, lt.order[0])
			lt.order = lt.order[1:]
		}
	}
	if j := i - p*ledgerPageSize; j < len(page) {
		return page[j], true
	}
	return zero, false
}

// CachedPages says how many pages are held in memory (for tests of the paging).
func (lt *ledgerTable[T]) CachedPages() int { return len(lt.pages) }

func (lt *ledgerTable[T]) createCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// CellText is what the cell at data row row, column col shows ("" beyond the data).
func (lt *ledgerTable[T]) CellText(row, col int) string {
	x, ok := lt.Row(row)
	if !ok || col < 0 || col >= len(lt.cols) {
		return ""
	}
	return lt.cols[col].Text(&x)
}

func (lt *ledgerTable[T]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	c := lt.cols[id.Col]
	l.Alignment = fyne.TextAlignLeading
	if c.Right {
		l.Alignment = fyne.TextAlignTrailing
	}
	bold := false
	text := ""
	if lt.totals != nil && id.Row == 0 {
		bold = true
		if id.Col < len(lt.totals) {
			text = lt.totals[id.Col]
		}
	} else {
		text = lt.CellText(id.Row-lt.offset(), id.Col)
	}
	if l.Text != text || l.TextStyle.Bold != bold {
		l.Text = text
		l.TextStyle.Bold = bold
		l.Refresh()
	} else {
		l.Refresh() // alignment may have changed when the template moved to another column
	}
}

func (lt *ledgerTable[T]) createHeader() fyne.CanvasObject {
	b := widget.NewButton("", nil)
	b.Importance = widget.LowImportance
	return b
}

func (lt *ledgerTable[T]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(lt.cols) {
		b.SetText("")
		b.OnTapped = nil
		return
	}
	c := lt.cols[id.Col]
	b.Alignment = widget.ButtonAlignLeading
	if c.Right {
		b.Alignment = widget.ButtonAlignTrailing
	}
	b.SetIcon(nil)
	if c.Sort != "" && c.Sort == lt.SortKey {
		if lt.SortDesc {
			b.SetIcon(theme.MenuDropDownIcon())
		} else {
			b.SetIcon(theme.MenuDropUpIcon())
		}
	}
	b.SetText(lang.L(c.Title))
	if c.Sort == "" {
		b.OnTapped = nil
		return
	}
	b.OnTapped = func() { lt.SortBy(c.Sort) }
}

// SortBy sorts by key: a second tap on the same column reverses the order.
func (lt *ledgerTable[T]) SortBy(key string) {
	if lt.SortKey == key {
		lt.SortDesc = !lt.SortDesc
	} else {
		lt.SortKey, lt.SortDesc = key, false
	}
	if lt.OnSort != nil {
		lt.OnSort()
	}
}

func (lt *ledgerTable[T]) tapped(id widget.TableCellID) {
	row := id.Row - lt.offset()
	if row < 0 {
		lt.Table.Unselect(id) // the totals row is not a record
		return
	}
	lt.selected = row
	if x, ok := lt.Row(row); ok && lt.OnSelect != nil {
		lt.OnSelect(row, x)
	}
}

// Selected is the data row last chosen, -1 for none.
func (lt *ledgerTable[T]) Selected() int { return lt.selected }

// ClearSelection forgets the chosen row.
func (lt *ledgerTable[T]) ClearSelection() {
	lt.selected = -1
	lt.Table.UnselectAll()
}
