package app

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// undoStack remembers deletions so Ctrl+Z brings them back through the store's Restore… methods.
type undoStack struct {
	items []undoItem
}

type undoItem struct {
	what    string // shown after undoing, e.g. 项目“大棚”
	restore func() error
}

func (u *undoStack) push(what string, restore func() error) {
	u.items = append(u.items, undoItem{what, restore})
	if len(u.items) > 50 {
		u.items = u.items[1:]
	}
}

// pop takes the latest deletion off the stack.
func (u *undoStack) pop() (undoItem, bool) {
	if len(u.items) == 0 {
		return undoItem{}, false
	}
	it := u.items[len(u.items)-1]
	u.items = u.items[:len(u.items)-1]
	return it, true
}

func (u *undoStack) empty() bool { return len(u.items) == 0 }

// undoLast restores the latest deletion and says on notice what came back (or why nothing did).
func (u *undoStack) undoLast(notice *noticeBar, win fyne.Window) {
	it, ok := u.pop()
	if !ok {
		notice.Show(lang.L("没有可以撤销的删除"), false)
		return
	}
	if err := it.restore(); err != nil {
		u.items = append(u.items, it) // kept: it may work once what stands in its way is changed
		showStoreError(err, win)
		return
	}
	notice.Show(lang.L("已恢复{{.What}}", map[string]any{"What": it.what}), !u.empty())
}

// noticeBar is a one-line message under a ledger: what just happened, with an undo button after a delete.
type noticeBar struct {
	label    *widget.Label
	undo     *widget.Button
	box      *fyne.Container
	problems bool // the message counts a form's problems (ShowProblems)
}

func newNoticeBar(onUndo func()) *noticeBar {
	n := &noticeBar{label: widget.NewLabel("")}
	n.label.Truncation = fyne.TextTruncateEllipsis
	n.undo = widget.NewButtonWithIcon(lang.L("撤销 (Ctrl+Z)"), theme.ContentUndoIcon(), onUndo)
	n.undo.Hide()
	n.box = container.NewBorder(nil, nil, nil, n.undo, n.label)
	return n
}

// Show says msg; withUndo shows the undo button beside it.
func (n *noticeBar) Show(msg string, withUndo bool) {
	n.problems = false
	n.label.SetText(msg)
	if withUndo {
		n.undo.Show()
	} else {
		n.undo.Hide()
	}
}

// ShowProblems says how many places of a form need fixing (after a save was refused).
func (n *noticeBar) ShowProblems(count int) {
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
func (n *noticeBar) UpdateProblems(count int) {
	if n.problems {
		n.ShowProblems(count)
	}
}

// Text is the message shown now.
func (n *noticeBar) Text() string { return n.label.Text }

// showStoreError tells the user why a read or write failed, in the store's Chinese words.
func showStoreError(err error, win fyne.Window) {
	if err == nil {
		return
	}
	var ve *data.ValidationError
	msg := err.Error()
	if errors.As(err, &ve) {
		msg = ve.Error()
	}
	showInformation(lang.L("没有成功"), msg, win)
}

// dialogWidth is how wide a message or question opens, so its sentence wraps where it reads well.
const dialogWidth = 440

// messageLabel is a dialog's message, wrapped.
func messageLabel(message string) *widget.Label {
	l := widget.NewLabel(message)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// showInformation shows a message with an OK button. Unlike dialog.ShowInformation it draws no
// icon: Fyne puts that over the top right of the text, where a Chinese sentence runs.
func showInformation(title, message string, win fyne.Window) {
	d := dialog.NewCustom(title, lang.L("OK"), messageLabel(message), win)
	d.Resize(fyne.NewSize(dialogWidth, 0))
	d.Show()
}

// newConfirm is dialog.NewConfirm without the icon over the text (see showInformation).
func newConfirm(title, message string, callback func(bool), win fyne.Window) *dialog.ConfirmDialog {
	d := dialog.NewCustomConfirm(title, lang.L("Yes"), lang.L("No"), messageLabel(message), callback, win)
	d.Resize(fyne.NewSize(dialogWidth, 0))
	return d
}

// confirmDelete asks before deleting what; yes runs only after the user agrees.
func confirmDelete(win fyne.Window, what string, yes func()) {
	d := newConfirm(lang.L("确认删除"),
		lang.L("确定要删除{{.What}}吗？删除后可以按 Ctrl+Z 撤销。", map[string]any{"What": what}),
		func(ok bool) {
			if ok {
				yes()
			}
		}, win)
	d.SetConfirmText(lang.L("删除"))
	d.SetDismissText(lang.L("取消"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// confirmDeleteDetail is confirmDelete with what goes with the deletion listed, left-aligned, under the question.
func confirmDeleteDetail(win fyne.Window, what, detail string, yes func()) {
	question := widget.NewLabel(lang.L("确定要删除{{.What}}吗？删除后可以按 Ctrl+Z 撤销。", map[string]any{"What": what}))
	question.Wrapping = fyne.TextWrapWord
	list := widget.NewLabel(detail)
	list.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("确认删除"), lang.L("删除"), lang.L("取消"), container.NewVBox(question, list),
		func(ok bool) {
			if ok {
				yes()
			}
		}, win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(540, 0))
	d.Show()
}

// askLeave asks what becomes of unsaved changes before leaving them: 继续编辑 stays, 保存 saves
// and leaves once save reports it saved (a refused save stays, with its messages beside the
// fields), 不保存 drops them and leaves (proceed).
func askLeave(win fyne.Window, save func() bool, proceed func()) {
	d := dialog.NewCustomWithoutButtons(lang.L("有未保存的修改"), messageLabel(lang.L("刚才填写的内容还没有保存。要保存吗？")), win)
	// Keeping the work is the safe choice: saving is the prominent button, dropping is marked
	// danger. The cancel icon lets Esc keep editing (see MainWindow.dismissDialog). Keeping comes
	// first, so the first Tab lands on it and Tab+Space never throws work away.
	keep := widget.NewButtonWithIcon(lang.L("继续编辑"), theme.CancelIcon(), d.Hide)
	saveBtn := widget.NewButtonWithIcon(lang.L("保存"), theme.DocumentSaveIcon(), func() {
		d.Hide()
		if save() {
			proceed()
		}
	})
	saveBtn.Importance = widget.HighImportance
	discard := widget.NewButton(lang.L("不保存"), func() {
		d.Hide()
		proceed()
	})
	discard.Importance = widget.DangerImportance
	d.SetButtons([]fyne.CanvasObject{keep, saveBtn, discard})
	d.Resize(fyne.NewSize(dialogWidth, 0))
	d.Show()
}

// choice is a Select that offers "全部" (or another first option meaning no filter) before its values.
// It is a widget that shows its Select rather than a struct embedding *widget.Select: an embedding
// struct placed in a layout is a second widget whose renderer the Select's own Refresh never reaches,
// so the shown text would go stale.
type choice struct {
	widget.BaseWidget
	Sel    *selectField
	values []string // parallel to Sel.Options after the first
	all    string
}

func newChoice(all string, labels, values []string, changed func(value string)) *choice {
	c := &choice{all: all, values: values}
	c.Sel = newSelect(append([]string{all}, labels...), "", nil)
	c.Sel.SetSelectedIndex(0)
	c.Sel.OnChanged = func(string) {
		if changed != nil {
			changed(c.Value())
		}
	}
	c.ExtendBaseWidget(c)
	return c
}

func (c *choice) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.Sel) }

// Value is the chosen value, "" for the first option.
func (c *choice) Value() string {
	i := c.Sel.SelectedIndex()
	if i <= 0 || i-1 >= len(c.values) {
		return ""
	}
	return c.values[i-1]
}

// SetSelected chooses the option with this label, as a tap would (OnChanged runs).
func (c *choice) SetSelected(label string) { c.Sel.SetSelected(label) }

// SetSelectedIndex chooses option i (0 is the "all" option), as a tap would.
func (c *choice) SetSelectedIndex(i int) { c.Sel.SetSelectedIndex(i) }

// SelectedIndex is the chosen option's index (0 is the "all" option).
func (c *choice) SelectedIndex() int { return c.Sel.SelectedIndex() }

// SetOptions replaces the values and keeps the current choice when it is still offered.
func (c *choice) SetOptions(labels, values []string) {
	cur := c.Value()
	c.values = values
	c.Sel.Options = append([]string{c.all}, uniqueLabels(labels)...)
	c.SetValue(cur)
}

// SetValue selects the option holding v ("" selects the first option) without telling OnChanged.
func (c *choice) SetValue(v string) {
	cb := c.Sel.OnChanged
	c.Sel.OnChanged = nil
	c.Sel.SetSelectedIndex(0)
	for i, x := range c.values {
		if x == v {
			c.Sel.SetSelectedIndex(i + 1)
		}
	}
	c.Sel.OnChanged = cb
}

// uniqueLabels numbers repeated labels (两个“大棚”项目 → 大棚, 大棚 (2)): a Select tells options apart by text.
func uniqueLabels(labels []string) []string {
	seen := map[string]int{}
	out := make([]string, len(labels))
	for i, l := range labels {
		seen[l]++
		out[i] = l
		if n := seen[l]; n > 1 {
			out[i] = fmt.Sprintf("%s (%d)", l, n)
		}
	}
	return out
}

// translated looks every name up in the translations (the data layer's names are Chinese keys).
func translated(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = lang.L(n)
	}
	return out
}

// screenHolder is a screen's content that also keeps the screen's state, so tests can reach it.
type screenHolder struct {
	widget.BaseWidget
	content fyne.CanvasObject
	view    any
}

func newScreenHolder(content fyne.CanvasObject, view any) *screenHolder {
	h := &screenHolder{content: content, view: view}
	h.ExtendBaseWidget(h)
	return h
}

func (h *screenHolder) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(h.content)
}
