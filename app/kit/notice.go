package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NoticeBar is a one-line message under a ledger: what just happened, with an undo button after a delete.
type NoticeBar struct {
	label    *widget.Label
	undo     *widget.Button
	box      *fyne.Container
	problems bool // the message counts a form's problems (ShowProblems)
}

func NewNoticeBar(onUndo func()) *NoticeBar {
	n := &NoticeBar{label: widget.NewLabel("")}
	n.label.Truncation = fyne.TextTruncateEllipsis
	n.undo = widget.NewButtonWithIcon(lang.L("撤销 (Ctrl+Z)"), theme.ContentUndoIcon(), onUndo)
	n.undo.Hide()
	n.box = container.NewBorder(nil, nil, nil, n.undo, n.label)
	return n
}

// Content is the bar as a screen lays it out.
func (n *NoticeBar) Content() fyne.CanvasObject { return n.box }

// Show says msg; withUndo shows the undo button beside it.
func (n *NoticeBar) Show(msg string, withUndo bool) {
	n.problems = false
	n.label.SetText(msg)
	if withUndo {
		n.undo.Show()
	} else {
		n.undo.Hide()
	}
}

// ShowError says what went wrong, in the user's language.
func (n *NoticeBar) ShowError(err error) { n.Show(ErrorText(err), false) }

// ShowProblems says how many places of a form need fixing (after a save was refused).
func (n *NoticeBar) ShowProblems(count int) {
	if count == 0 {
		if n.problems {
			n.Show("", false)
		}
		return
	}
	n.Show(lang.L("有 {{.N}} 处需要修改，见红字提示", map[string]any{"N": count}), false)
	n.problems = true
}

// UpdateProblems follows the count live while the problems message shows; 0 clears it. Any other
// message is left alone.
func (n *NoticeBar) UpdateProblems(count int) {
	if n.problems {
		n.ShowProblems(count)
	}
}

// Text is the message shown now.
func (n *NoticeBar) Text() string { return n.label.Text }

// UndoStack remembers deletions so Ctrl+Z brings them back through the store's Restore… methods.
type UndoStack struct {
	items []undoItem
}

type undoItem struct {
	what    string // shown after undoing, e.g. 项目“大棚”
	restore func() error
}

// Push remembers a deletion of what; restore brings it back.
func (u *UndoStack) Push(what string, restore func() error) {
	u.items = append(u.items, undoItem{what, restore})
	if len(u.items) > 50 {
		u.items = u.items[1:]
	}
}

// Empty reports whether nothing is left to undo.
func (u *UndoStack) Empty() bool { return len(u.items) == 0 }

// UndoLast restores the latest deletion and says on notice what came back (or, in a dialog, why
// nothing did: the deletion is kept, as it may work once what stands in its way is changed).
func (u *UndoStack) UndoLast(notice *NoticeBar, ds *Dialogs) {
	if len(u.items) == 0 {
		notice.Show(lang.L("没有可以撤销的删除"), false)
		return
	}
	it := u.items[len(u.items)-1]
	if err := it.restore(); err != nil {
		ds.ShowStoreError(err)
		return
	}
	u.items = u.items[:len(u.items)-1]
	notice.Show(lang.L("已恢复{{.What}}", map[string]any{"What": it.what}), !u.Empty())
}
