package kit

import (
	"os"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Dialogs shows a window's dialogs and keeps track of those open, so the window knows whether one
// covers it (and stacks no second one) and Esc can do what the top one's cancel button does.
// Every dialog of the app is shown through it.
type Dialogs struct {
	win  fyne.Window
	open []*openDialog
	// ReadOnly is set for a town database (汇总库): registers, record pages, forms and photo grids
	// offer no new, save, delete or add photo (the store refuses them anyway).
	ReadOnly bool
}

type openDialog struct {
	cancel   func() // what Esc does; nil: Esc does nothing (the dialog has no cancel button)
	save     func() // what Ctrl+S does; nil: nothing (the dialog saves nothing)
	overlays int    // overlays on the window once it showed: more means something else is above it
}

// NewDialogs keeps track of the dialogs of win.
func NewDialogs(win fyne.Window) *Dialogs { return &Dialogs{win: win} }

// Win is the window the dialogs are shown over.
func (ds *Dialogs) Win() fyne.Window { return ds.win }

// Show shows d and records it until it closes. cancel is what its cancel button does (Esc does
// the same); nil when it has none.
func (ds *Dialogs) Show(d dialog.Dialog, cancel func()) { ds.showSaving(d, cancel, nil) }

// showSaving is Show for a dialog that saves what is typed in it: save is what Ctrl+S does.
func (ds *Dialogs) showSaving(d dialog.Dialog, cancel, save func()) {
	od := &openDialog{cancel: cancel, save: save}
	ds.open = append(ds.open, od)
	d.SetOnClosed(func() {
		if i := slices.Index(ds.open, od); i >= 0 {
			ds.open = slices.Delete(ds.open, i, i+1)
		}
	})
	d.Show()
	od.overlays = len(ds.win.Canvas().Overlays().List())
}

// Open reports whether a dialog covers the window.
func (ds *Dialogs) Open() bool { return len(ds.open) > 0 }

// Cancel does what the top dialog's cancel button does, unless something the dialog did not
// show itself (a drop-down, Fyne's own question) lies above it.
func (ds *Dialogs) Cancel() {
	if top := ds.top(); top != nil && top.cancel != nil {
		top.cancel()
	}
}

// Save does what the top dialog's save button does (Ctrl+S), if it has one.
func (ds *Dialogs) Save() {
	if n := len(ds.open); n > 0 && ds.open[n-1].save != nil {
		ds.open[n-1].save()
	}
}

// top is the dialog on top, when nothing it did not show itself lies above it.
func (ds *Dialogs) top() *openDialog {
	if len(ds.open) == 0 {
		return nil
	}
	top := ds.open[len(ds.open)-1]
	if len(ds.win.Canvas().Overlays().List()) > top.overlays {
		return nil
	}
	return top
}

// dialogWidth is how wide a message or question opens, so its sentence wraps where it reads well.
const dialogWidth = 440

// messageLabel is a dialog's message, wrapped.
func messageLabel(message string) *widget.Label {
	l := widget.NewLabel(message)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// ShowInformation shows a message with an OK button. Unlike dialog.ShowInformation it draws no
// icon: Fyne puts that over the top right of the text, where a Chinese sentence runs.
func (ds *Dialogs) ShowInformation(title, message string) {
	d := dialog.NewCustom(title, lang.L("OK"), messageLabel(message), ds.win)
	d.Resize(fyne.NewSize(dialogWidth, 0))
	ds.Show(d, d.Hide)
}

// ShowStoreError tells the user why a read or write failed, in the user's language.
func (ds *Dialogs) ShowStoreError(err error) {
	if err != nil {
		ds.ShowInformation(lang.L("没有成功"), ErrorText(err))
	}
}

// ConfirmDanger asks message; yes runs only once the user presses confirm, a button marked as
// dangerous beside 取消.
func (ds *Dialogs) ConfirmDanger(title, message, confirm string, yes func()) {
	d := dialog.NewCustomConfirm(title, confirm, lang.L("取消"), messageLabel(message), func(ok bool) {
		if ok {
			yes()
		}
	}, ds.win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(dialogWidth, 0))
	ds.Show(d, d.Dismiss)
}

// ConfirmDelete asks before deleting what; yes runs only after the user agrees.
func (ds *Dialogs) ConfirmDelete(what string, yes func()) {
	ds.ConfirmDanger(lang.L("确认删除"), deleteQuestion(what), lang.L("删除"), yes)
}

func deleteQuestion(what string) string {
	return lang.L("确定要删除{{.What}}吗？删除后可以按 Ctrl+Z 撤销。", map[string]any{"What": what})
}

// ConfirmDeleteDetail is ConfirmDelete with what goes with the deletion listed, left-aligned, under the question.
func (ds *Dialogs) ConfirmDeleteDetail(what, detail string, yes func()) {
	list := widget.NewLabel(detail)
	list.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("确认删除"), lang.L("删除"), lang.L("取消"),
		container.NewVBox(messageLabel(deleteQuestion(what)), list),
		func(ok bool) {
			if ok {
				yes()
			}
		}, ds.win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(540, 0))
	ds.Show(d, d.Dismiss)
}

// AskLeave asks what becomes of unsaved changes before leaving them: 继续编辑 stays, 保存 saves
// and leaves once save reports it saved (a refused save stays, with its messages beside the
// fields), 不保存 drops them and leaves (proceed).
func (ds *Dialogs) AskLeave(save func() bool, proceed func()) {
	d := dialog.NewCustomWithoutButtons(lang.L("有未保存的修改"), messageLabel(lang.L("刚才填写的内容还没有保存。要保存吗？")), ds.win)
	// Keeping the work is the safe choice: saving is the prominent button, dropping is marked
	// danger, and Esc keeps editing. Keeping comes first, so the first Tab lands on it and
	// Tab+Space never throws work away.
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
	ds.Show(d, d.Hide)
}

// ShowFile shows a save or open dialog with its places named in the app's language: Fyne 2.8
// prints their names (Home, Computer, Desktop…) without looking them up.
func (ds *Dialogs) ShowFile(d *dialog.FileDialog) {
	ds.Show(d, d.Dismiss)
	walkObjects(overlayContent(ds.win.Canvas().Overlays().Top()), func(o fyne.CanvasObject) {
		split, ok := o.(*container.Split)
		if !ok {
			return
		}
		places, ok := split.Leading.(*widget.List)
		if !ok {
			return
		}
		update := places.UpdateItem
		places.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
			update(id, item)
			if row, ok := item.(*fyne.Container); ok && len(row.Objects) > 1 {
				if l, ok := row.Objects[1].(*widget.Label); ok {
					l.SetText(placeName(l.Text))
				}
			}
		}
		places.Refresh()
	})
}

// ShowFileIn is ShowFile opened in the first of dirs that is a folder (else 文档/Documents, else
// the home folder), at a size where long file names stay readable.
func (ds *Dialogs) ShowFileIn(d *dialog.FileDialog, dirs ...string) {
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, "Documents"), filepath.Join(home, "文档"), home)
	}
	for _, dir := range dirs {
		if info, err := os.Stat(dir); dir != "" && err == nil && info.IsDir() {
			if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
				d.SetLocation(l)
				break
			}
		}
	}
	ds.ShowFile(d)
	size := ds.win.Canvas().Size() // a FileDialog can only be resized once shown
	d.Resize(fyne.NewSize(min(900, size.Width*0.9), min(620, size.Height*0.9)))
	if p := overlayPopUp(ds.win.Canvas().Overlays().Top()); p != nil { // centred again at its new size
		c, s := ds.win.Canvas().Size(), p.Size()
		p.Move(fyne.NewPos(max(0, (c.Width-s.Width)/2), max(0, (c.Height-s.Height)/2)))
	}
}

// overlayContent is the content of the dialog an overlay shows, or nil.
func overlayContent(o fyne.CanvasObject) fyne.CanvasObject {
	if p := overlayPopUp(o); p != nil {
		return p.Content
	}
	return nil
}

// overlayPopUp is the PopUp of the dialog an overlay shows, or nil. Fyne wraps a dialog's PopUp
// in an overlay of a type of its own internal package, whose renderer lists the PopUp.
func overlayPopUp(o fyne.CanvasObject) *widget.PopUp {
	w, ok := o.(fyne.Widget)
	if !ok {
		return nil
	}
	for _, obj := range w.CreateRenderer().Objects() {
		if p, ok := obj.(*widget.PopUp); ok {
			return p
		}
	}
	return nil
}

// walkObjects visits o and everything inside its containers (a dialog's layout is made of them).
func walkObjects(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			walkObjects(child, fn)
		}
	}
}

// placeName is the app's name for one of the file dialog's places.
func placeName(name string) string {
	switch name {
	case "Home":
		return lang.L("主文件夹")
	case "Computer":
		return lang.L("计算机")
	case "App Files":
		return lang.L("应用文件")
	case "Desktop":
		return lang.L("桌面")
	case "Documents":
		return lang.L("文档")
	case "Downloads":
		return lang.L("下载")
	case "Music":
		return lang.L("音乐")
	case "Pictures":
		return lang.L("图片")
	case "Videos", "Movies":
		return lang.L("视频")
	}
	return name
}
