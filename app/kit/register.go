package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Register is a paged register screen: a heading with its new-record button, a filter bar with a
// search box, the records in a LedgerTable read a page at a time, and under them the count and
// the notice bar with undo. A record opens in a form the screen shows (usually Dialogs.ShowForm);
// Delete asks, deletes and offers Ctrl+Z. A new register (contracts, assets, decisions …) is one
// screen file: its columns, its filter fields, a RegisterSource and the form. A record with more
// than a dialog holds (a contract's rent schedule, its scans) opens as a page in the list's place
// (ShowPage, usually a RecordPage).
type Register[T any] struct {
	// Table shows the records; a screen may set its OnSort.
	Table *LedgerTable[T]
	// Notice says what just happened, with undo after a delete.
	Notice *NoticeBar
	// Search is the filter bar's search box (Ctrl+F).
	Search *TextField
	// PageClosed, when set, is told each time the list shows again in place of a record's page
	// (ShowList): the screen forgets the page it kept.
	PageClosed func()

	src     RegisterSource[T]
	ds      *Dialogs
	undo    UndoStack
	count   *widget.Label
	list    fyne.CanvasObject // heading, filters and table
	body    *fyne.Container   // the list, or a record's page in its place
	record  *RecordPage       // the page shown in the list's place, nil while the list shows
	content fyne.CanvasObject
}

// RegisterSource is what a register reads and changes: usually a few lines calling the store with
// the screen's filter.
type RegisterSource[T any] interface {
	// Count is how many records the filter (the screen's fields, and search) lets through.
	Count(search string) (int, error)
	// List reads limit of them from offset on.
	List(search string, offset, limit int) ([]T, error)
	// Open shows the form for x; nil: a new record.
	Open(x *T)
	// Describe names x in questions and messages, e.g. 合同“鱼塘承包”.
	Describe(x T) string
	// Delete deletes x; Restore brings it back (Ctrl+Z).
	Delete(x T) error
	Restore(x T) error
	// CountText says how many there are, e.g. 共 12 份合同.
	CountText(n int) string
}

// RegisterTotals is a RegisterSource that also adds up what the filter lets through: the table
// then shows a totals row over the records, one text per column.
type RegisterTotals interface {
	Totals(search string) (count int, totals []string, err error)
}

// RegisterLabels are a register's words: its heading, the new-record button, the search box's
// placeholder. All are shown as given (already translated).
type RegisterLabels struct {
	Heading, New, Search string
}

// NewRegister lays a register out; filters (may be nil) sit left of the search box. act is the
// window's keyboard handling (Env.Act), which the table hands Delete and Esc to.
func NewRegister[T any](ds *Dialogs, act func(Action), labels RegisterLabels, cols []LedgerColumn[T],
	src RegisterSource[T], filters fyne.CanvasObject) *Register[T] {
	r := &Register[T]{src: src, ds: ds, count: widget.NewLabel("")}
	r.Search = NewTextField()
	r.Search.SetPlaceHolder(labels.Search)
	r.Search.OnChanged = func(string) { r.Reload() }
	r.Table = NewLedgerTable(cols, func(offset, limit int) ([]T, error) { return src.List(r.Search.Text, offset, limit) })
	r.Table.Table.Act = act
	r.Table.OnSelect = func(_ int, x T) { src.Open(&x) }
	r.Notice = NewNoticeBar(r.UndoLast)
	r.Table.OnError = r.Notice.ShowError
	r.Table.OnSort = r.Reload

	heading := widget.NewLabelWithStyle(labels.Heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	newBtn := widget.NewButtonWithIcon(labels.New, theme.ContentAddIcon(), func() { src.Open(nil) })
	newBtn.Importance = widget.HighImportance
	if ds.ReadOnly {
		newBtn.Hide()
	}
	bar := container.NewBorder(nil, nil, filters, nil, r.Search)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, newBtn, heading), bar)
	bottom := container.NewBorder(nil, nil, r.count, nil, r.Notice.Content())
	r.list = container.NewBorder(top, nil, nil, nil, r.Table.Table)
	r.body = container.NewStack(r.list)
	r.content = container.NewPadded(container.NewBorder(nil, bottom, nil, nil, r.body))
	return r
}

// Content is the register as the screen lays it out.
func (r *Register[T]) Content() fyne.CanvasObject { return r.content }

// Reload counts the records of the filter afresh (and adds them up, for a RegisterTotals); the
// table reads their pages as they show.
func (r *Register[T]) Reload() {
	var n int
	var totals []string
	var err error
	if t, ok := any(r.src).(RegisterTotals); ok {
		n, totals, err = t.Totals(r.Search.Text)
	} else {
		n, err = r.src.Count(r.Search.Text)
	}
	if err != nil {
		r.Notice.ShowError(err)
		return
	}
	r.Table.Reset(n, totals)
	r.count.SetText(r.src.CountText(n))
}

// ShowPage puts a record's own page where the list was; the notice stays under it.
func (r *Register[T]) ShowPage(page *RecordPage) {
	r.record = page
	r.body.Objects = []fyne.CanvasObject{page.Content()}
	r.body.Refresh()
	r.count.Hide()
}

// Guard runs proceed now when no record's page shows or nothing typed on it is unsaved, else
// after asking (Form.Guard): what leaving the page, the tab or the screen asks first.
func (r *Register[T]) Guard(proceed func()) {
	if r.record == nil {
		proceed()
		return
	}
	r.record.Form.Guard(proceed)
}

// ShowList brings the list back in place of a record's page and reads it afresh.
func (r *Register[T]) ShowList() {
	r.record = nil
	if r.PageClosed != nil {
		r.PageClosed()
	}
	r.body.Objects = []fyne.CanvasObject{r.list}
	r.body.Refresh()
	r.count.Show()
	r.Reload()
}

// Back closes the record's page, asking first about unsaved typing, and shows the list.
func (r *Register[T]) Back() { r.Guard(r.ShowList) }

// PageShown reports whether a record's page shows in place of the list.
func (r *Register[T]) PageShown() bool {
	return r.record != nil
}

// Action handles the window's keys: Ctrl+N a new record, Delete the chosen one, Ctrl+Z undo,
// Ctrl+F the search box, Esc forgets the chosen row; on a record's page, Ctrl+S, Esc and Delete
// do what its buttons do.
func (r *Register[T]) Action(a Action) {
	if p := r.record; p != nil {
		// On a record's page: its buttons' actions; Ctrl+N asks about unsaved typing, then opens a new record.
		switch a {
		case ActionNew:
			r.src.Open(nil)
		case ActionSave:
			p.act.Save()
		case ActionCancel:
			p.act.Cancel()
		case ActionDelete:
			p.act.Delete()
		case ActionUndo:
			r.UndoLast()
		}
		return
	}
	switch a {
	case ActionNew:
		r.src.Open(nil)
	case ActionDelete:
		if x, ok := r.Table.Row(r.Table.Selected()); ok {
			r.Delete(x)
		}
	case ActionUndo:
		r.UndoLast()
	case ActionFind:
		r.ds.Win().Canvas().Focus(r.Search)
	case ActionCancel:
		r.Table.ClearSelection()
	}
}

// DeletePage deletes the record the page shows after asking; the list then shows again and
// Ctrl+Z brings the record back.
func (r *Register[T]) DeletePage(what string, del, restore func() error) {
	r.record.DeleteRecord(what, del, func() {
		r.ShowList()
		r.Deleted(what, restore)
	})
}

// Delete asks before deleting x, then deletes it and offers Ctrl+Z.
func (r *Register[T]) Delete(x T) {
	what := r.src.Describe(x)
	r.ds.ConfirmDelete(what, func() {
		if err := r.src.Delete(x); err != nil {
			r.ds.ShowStoreError(err)
			return
		}
		r.Table.ClearSelection()
		r.Deleted(what, func() error { return r.src.Restore(x) })
	})
}

// Deleted records a deletion made on a record's page (the record, or a line of it) for Ctrl+Z, and
// says so; restore brings it back.
func (r *Register[T]) Deleted(what string, restore func() error) {
	r.undo.Push(what, restore)
	r.Notice.Show(lang.L("已删除{{.What}}。按 Ctrl+Z 可以撤销", map[string]any{"What": what}), true)
}

// UndoLast brings back the record deleted last.
func (r *Register[T]) UndoLast() { r.undo.UndoLast(r.Notice, r.ds) }
