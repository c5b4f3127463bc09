package kit

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// LedgerColumn is one column of a paged ledger table.
type LedgerColumn[T any] struct {
	Title string  // translation key of the header
	Raw   bool    // Title is shown as it is (a file's own header), not looked up
	Sort  string  // sort key the data layer understands; "" when the column cannot be sorted
	Width float32 // in Fyne units
	Right bool    // right-aligned (money, counts); never cut, like Whole
	Whole bool    // never cut (dates): the column is kept as wide as its widest text
	Text  func(x *T) string
	// Importance, when set, colours a cell's text (an import preview's 错误 in red); nil is plain.
	Importance func(x *T) widget.Importance
}

// heading is the column's header as shown.
func (c LedgerColumn[T]) heading() string {
	if c.Raw {
		return c.Title
	}
	return lang.L(c.Title)
}

const (
	PageSize = 100
	MaxPages = 6 // pages kept in memory; the rest is read again from SQLite when scrolled to
)

// LedgerTable shows a ledger read from the store a page at a time. Every row has the same height,
// so Fyne's table stays virtual however long the ledger is. An optional first row holds totals
// and stays put while the rows scroll under it.
type LedgerTable[T any] struct {
	Table *KeyTable
	cols  []LedgerColumn[T]
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

	mins      []float32 // per column: the widest text shown so far of a column never cut; 0 for others
	resetting bool      // Reset fits the columns itself once the first page is read
}

func NewLedgerTable[T any](cols []LedgerColumn[T], fetch func(offset, limit int) ([]T, error)) *LedgerTable[T] {
	lt := &LedgerTable[T]{cols: cols, fetch: fetch, pages: map[int][]T{}, selected: -1}
	t := NewKeyTable(lt.length, lt.createCell, lt.updateCell)
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
	lt.mins = make([]float32, len(cols))
	return lt
}

// whole reports whether column i is never cut.
func (lt *LedgerTable[T]) whole(i int) bool { return lt.cols[i].Right || lt.cols[i].Whole }

// measureHeaders starts the least widths of the columns never cut at their headers' widths.
func (lt *LedgerTable[T]) measureHeaders() {
	for i, c := range lt.cols {
		lt.mins[i] = 0
		if lt.whole(i) {
			lt.mins[i] = headerWidth(c.heading(), c.Sort != "")
		}
	}
}

// measure widens the least width of column i to text (drawn bold or not); it reports whether it grew.
func (lt *LedgerTable[T]) measure(i int, text string, bold bool) bool {
	if !lt.whole(i) || text == "" {
		return false
	}
	w := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{Bold: bold}).Width + 2*theme.InnerPadding() + 1
	if w <= lt.mins[i] {
		return false
	}
	lt.mins[i] = w
	return true
}

// KeyTable is Fyne's table handing Delete and Esc to the screen. Fyne gives plain keys to the
// focused widget only, so after a click on a row (which focuses the table) the window's own key
// handler would never see them. Other keys (arrows, Space) move and choose as before.
type KeyTable struct {
	widget.Table
	// Act receives ActionDelete and ActionCancel (the window's Env.Act); nil passes every key on.
	Act func(Action)
	// Scrolls keeps the columns at their widths and the table scrolls sideways, rather than
	// narrowing them to fit (a preview of a file's many columns).
	Scrolls bool

	widths []float32 // the columns' preferred widths (SetWidths)
	mins   []float32 // the least widths of columns never cut (SetMinWidths); 0 for the others
	shown  []float32 // the columns' widths as laid out now
}

// When the table is narrower than its columns, the first column (a name, cut with … when long)
// gives way first, down to keyTableMinFlex; then the other columns that may be cut, down to
// keyTableMinScale of their widths; then, if need be, down to keyTableMinCol.
const (
	keyTableMinFlex  = 110
	keyTableMinScale = 0.8
	keyTableMinCol   = 44
)

// SetWidths sets the columns' preferred widths.
func (t *KeyTable) SetWidths(widths []float32) {
	t.widths = widths
	t.fitColumns(t.Size().Width)
}

// SetMinWidths sets the least width of each column never cut (money, counts, dates: their widest
// text); such a column is widened to it and never narrowed below it. 0 lets a column be cut.
func (t *KeyTable) SetMinWidths(mins []float32) {
	t.mins = slices.Clone(mins)
	t.fitColumns(t.Size().Width)
}

// Resize lays the table out at size and fits the columns to its width.
func (t *KeyTable) Resize(size fyne.Size) {
	t.fitColumns(size.Width)
	t.Table.Resize(size)
}

// fitColumns fits the columns to width so the last one stays in view rather than cut off at the
// edge (a small window, or longer English labels in the rail). Columns never cut first give up
// the room they have beyond their text; then the others narrow, the first of them first.
func (t *KeyTable) fitColumns(width float32) {
	n := len(t.widths)
	if n == 0 {
		return
	}
	cols, floors := slices.Clone(t.widths), make([]float32, n)
	var whole, first, others []int
	for i := range cols {
		switch {
		case i < len(t.mins) && t.mins[i] > 0:
			cols[i] = max(cols[i], t.mins[i])
			floors[i] = t.mins[i]
			whole = append(whole, i)
		case i == 0:
			first = append(first, i)
		default:
			others = append(others, i)
		}
	}
	// Fyne puts the theme's padding between columns. Keep clear of the vertical scroll bar drawn
	// over the last column's right edge.
	avail := width - float32(n-1)*theme.Padding() - theme.ScrollBarSize() - theme.Padding()
	excess := sumWidths(cols) - avail
	if width > 0 && excess > 0 && !t.Scrolls {
		excess = narrow(cols, floors, whole, excess)
		for _, i := range first {
			floors[i] = min(cols[i], keyTableMinFlex)
		}
		excess = narrow(cols, floors, first, excess)
		for _, i := range others {
			floors[i] = cols[i] * keyTableMinScale
		}
		excess = narrow(cols, floors, others, excess)
		flex := append(first, others...)
		for _, i := range flex {
			floors[i] = min(cols[i], keyTableMinCol)
		}
		narrow(cols, floors, flex, excess)
	}
	t.shown = cols
	for i, w := range cols {
		t.SetColumnWidth(i, w)
	}
}

// narrow takes up to excess from the columns idx, each in proportion to its room above its
// floor, and returns what is still to take.
func narrow(cols, floors []float32, idx []int, excess float32) float32 {
	room := float32(0)
	for _, i := range idx {
		room += cols[i] - floors[i]
	}
	if excess <= 0 || room <= 0 {
		return excess
	}
	share := min(1, excess/room)
	for _, i := range idx {
		cols[i] -= (cols[i] - floors[i]) * share
	}
	return excess - room*share
}

func sumWidths(xs []float32) float32 {
	t := float32(0)
	for _, x := range xs {
		t += x
	}
	return t
}

// ColumnsWidth is how wide all the columns are now, separators included (tests).
func (t *KeyTable) ColumnsWidth() float32 {
	return sumWidths(t.shown) + float32(max(len(t.shown)-1, 0))*theme.Padding()
}

func NewKeyTable(length func() (int, int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *KeyTable {
	t := &KeyTable{}
	t.Length, t.CreateCell, t.UpdateCell = length, create, update
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey forwards Delete and Esc to the screen and gives the table every other key.
func (t *KeyTable) TypedKey(ev *fyne.KeyEvent) {
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

// Reset forgets every cached page and shows rows rows (and totals, when not nil) afresh.
func (lt *LedgerTable[T]) Reset(rows int, totals []string) {
	lt.rows, lt.totals = rows, totals
	lt.pages, lt.order = map[int][]T{}, nil
	lt.measureHeaders()
	for i, text := range totals {
		lt.measure(i, text, true)
	}
	lt.resetting = true
	lt.Row(0) // the first page is drawn next anyway: its widths count from the start
	lt.resetting = false
	lt.Table.SetMinWidths(lt.mins)
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
func (lt *LedgerTable[T]) Rows() int { return lt.rows }

// Totals is what the totals row shows, one text per column; nil without a totals row.
func (lt *LedgerTable[T]) Totals() []string { return lt.totals }

func (lt *LedgerTable[T]) offset() int {
	if lt.totals != nil {
		return 1
	}
	return 0
}

func (lt *LedgerTable[T]) length() (int, int) { return lt.rows + lt.offset(), len(lt.cols) }

// Row returns data row i, reading its page from the store when it is not cached.
func (lt *LedgerTable[T]) Row(i int) (T, bool) {
	var zero T
	if i < 0 || i >= lt.rows {
		return zero, false
	}
	p := i / PageSize
	page, ok := lt.pages[p]
	if !ok {
		var err error
		page, err = lt.fetch(p*PageSize, PageSize)
		if err != nil {
			if lt.OnError != nil {
				lt.OnError(err)
			}
			return zero, false
		}
		grew := false
		for j := range page {
			for c, col := range lt.cols {
				grew = lt.measure(c, col.Text(&page[j]), false) || grew
			}
		}
		if grew && !lt.resetting {
			// Read while the table draws its cells: widen the columns once it has drawn them.
			fyne.Do(func() { lt.Table.SetMinWidths(lt.mins) })
		}
		lt.pages[p] = page
		lt.order = append(lt.order, p)
		if len(lt.order) > MaxPages {
			delete(lt.pages, lt.order[0])
			lt.order = lt.order[1:]
		}
	}
	if j := i - p*PageSize; j < len(page) {
		return page[j], true
	}
	return zero, false
}

// ShowRowAtTop scrolls so that data row row is the first one shown under the header. (Fyne's
// ScrollTo, scrolling up, leaves the row hidden under the header row.)
func (lt *LedgerTable[T]) ShowRowAtTop(row int) {
	h := lt.createCell().MinSize().Height + theme.Padding()
	lt.Table.ScrollToOffset(fyne.NewPos(0, float32(row+lt.offset())*h))
}

// CachedPages says how many pages are held in memory (for tests of the paging).
func (lt *LedgerTable[T]) CachedPages() int { return len(lt.pages) }

func (lt *LedgerTable[T]) createCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// CellText is what the cell at data row row, column col shows ("" beyond the data).
func (lt *LedgerTable[T]) CellText(row, col int) string {
	text, _ := lt.cell(row, col)
	return text
}

// CellImportance is how the cell at data row row, column col is coloured.
func (lt *LedgerTable[T]) CellImportance(row, col int) widget.Importance {
	_, imp := lt.cell(row, col)
	return imp
}

func (lt *LedgerTable[T]) cell(row, col int) (string, widget.Importance) {
	x, ok := lt.Row(row)
	if !ok || col < 0 || col >= len(lt.cols) {
		return "", widget.MediumImportance
	}
	c := lt.cols[col]
	imp := widget.MediumImportance
	if c.Importance != nil {
		imp = c.Importance(&x)
	}
	return c.Text(&x), imp
}

func (lt *LedgerTable[T]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	c := lt.cols[id.Col]
	l.Alignment = fyne.TextAlignLeading
	if c.Right {
		l.Alignment = fyne.TextAlignTrailing
	}
	bold := false
	text, imp := "", widget.MediumImportance
	if lt.totals != nil && id.Row == 0 {
		bold = true
		if id.Col < len(lt.totals) {
			text = lt.totals[id.Col]
		}
	} else {
		text, imp = lt.cell(id.Row-lt.offset(), id.Col)
	}
	if l.Text != text || l.TextStyle.Bold != bold || l.Importance != imp {
		l.Text = text
		l.TextStyle.Bold = bold
		l.Importance = imp
		l.Refresh()
	} else {
		l.Refresh() // alignment may have changed when the template moved to another column
	}
}

func (lt *LedgerTable[T]) createHeader() fyne.CanvasObject { return NewColumnHeader() }

func (lt *LedgerTable[T]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	h := o.(*ColumnHeader)
	if id.Col < 0 || id.Col >= len(lt.cols) {
		h.Set("", false, false, false)
		h.OnTapped = nil
		return
	}
	c := lt.cols[id.Col]
	sorted := c.Sort != "" && c.Sort == lt.SortKey
	h.Set(c.heading(), c.Right, sorted, sorted && lt.SortDesc)
	if c.Sort == "" {
		h.OnTapped = nil
		return
	}
	h.OnTapped = func() { lt.SortBy(c.Sort) }
}

// ColumnHeader is a ledger column's header: its title, cut with … when the window narrows the
// column (a button's text would run into the next header), and the sort arrow of the sorted
// column. Tapping it sorts by the column, when the column sorts.
type ColumnHeader struct {
	widget.BaseWidget
	Text     string
	OnTapped func()

	label *widget.Label
	arrow *widget.Icon
}

func NewColumnHeader() *ColumnHeader {
	h := &ColumnHeader{label: widget.NewLabel(""), arrow: widget.NewIcon(nil)}
	h.label.Truncation = fyne.TextTruncateEllipsis
	h.arrow.Hide()
	h.ExtendBaseWidget(h)
	return h
}

// Set shows text (right-aligned for money and counts) and, when sorted, the arrow of the order.
func (h *ColumnHeader) Set(text string, right, sorted, desc bool) {
	h.Text = text
	h.label.Alignment = fyne.TextAlignLeading
	if right {
		h.label.Alignment = fyne.TextAlignTrailing
	}
	h.label.SetText(text)
	switch {
	case !sorted:
		h.arrow.Hide()
	case desc:
		h.arrow.SetResource(theme.MenuDropDownIcon())
		h.arrow.Show()
	default:
		h.arrow.SetResource(theme.MenuDropUpIcon())
		h.arrow.Show()
	}
}

// Sorted reports whether the header shows a sort arrow.
func (h *ColumnHeader) Sorted() bool { return h.arrow.Visible() }

// FullWidth is the width the header needs to show its whole text and its arrow, if any.
func (h *ColumnHeader) FullWidth() float32 { return headerWidth(h.Text, h.Sorted()) }

func headerWidth(text string, arrow bool) float32 {
	w := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	if arrow {
		w += theme.IconInlineSize() + theme.Padding()
	}
	return w
}

// Cursor is the pointing hand over a header that sorts.
func (h *ColumnHeader) Cursor() desktop.Cursor {
	if h.OnTapped != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

func (h *ColumnHeader) Tapped(*fyne.PointEvent) {
	if h.OnTapped != nil {
		h.OnTapped()
	}
}

func (h *ColumnHeader) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, h.arrow, h.label))
}

// SortBy sorts by key: a second tap on the same column reverses the order.
func (lt *LedgerTable[T]) SortBy(key string) {
	if lt.SortKey == key {
		lt.SortDesc = !lt.SortDesc
	} else {
		lt.SortKey, lt.SortDesc = key, false
	}
	if lt.OnSort != nil {
		lt.OnSort()
	}
}

func (lt *LedgerTable[T]) tapped(id widget.TableCellID) {
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
func (lt *LedgerTable[T]) Selected() int { return lt.selected }

// ClearSelection forgets the chosen row.
func (lt *LedgerTable[T]) ClearSelection() {
	lt.selected = -1
	lt.Table.UnselectAll()
}
