package kit

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// RecordPage is one record's own page in a register (Register.ShowPage): a header with 返回, the
// record's name (marked * while something typed is unsaved) and its delete button; a line of
// warnings; tabs whose first holds the form with 保存 and 取消 under it. The other tabs open once
// the record is saved. The screen does the saving, cancelling and deleting.
type RecordPage struct {
	Form *Form
	Tabs *container.AppTabs

	ds        *Dialogs
	hint      *HintLabel
	title     *widget.Label
	name      string
	saved     bool
	warnings  *widget.Label
	warnIcon  *widget.Icon
	warnBox   *fyne.Container
	deleteBtn *widget.Button
	content   fyne.CanvasObject
	act       PageActions // the buttons', and the keys' on a register (Register.Action)
}

// PageActions are what a record page's buttons do.
type PageActions struct {
	Back, Save, Cancel, Delete func()
}

// PageLabels are a record page's words, shown as given (already translated): the back button,
// the form's tab and the delete button.
type PageLabels struct {
	Back, FormTab, Delete string
}

// NewRecordPage lays out a page whose first tab, labelled labels.FormTab, scrolls form with hint
// (the messages no field takes) and the save and cancel buttons under it; more tabs follow.
func NewRecordPage(ds *Dialogs, labels PageLabels, act PageActions, form fyne.CanvasObject, hint *HintLabel,
	more ...*container.TabItem) *RecordPage {
	p := &RecordPage{Form: NewForm(ds), ds: ds, hint: hint, act: act}
	back := widget.NewButtonWithIcon(labels.Back, theme.NavigateBackIcon(), act.Back)
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.deleteBtn = widget.NewButtonWithIcon(labels.Delete, theme.DeleteIcon(), act.Delete)
	p.deleteBtn.Importance = widget.DangerImportance
	p.warnings = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.warnings.Wrapping = fyne.TextWrapWord
	p.warnIcon = widget.NewIcon(theme.WarningIcon())
	p.warnBox = container.NewBorder(nil, nil, container.NewVBox(p.warnIcon), nil, p.warnings)
	p.warnBox.Hide()
	header := container.NewVBox(container.NewBorder(nil, nil, back, p.deleteBtn, p.title), p.warnBox)

	save := widget.NewButtonWithIcon(lang.L("保存 (Ctrl+S)"), theme.DocumentSaveIcon(), act.Save)
	save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("取消 (Esc)"), theme.CancelIcon(), act.Cancel)
	p.Form.Buttons = []*widget.Button{save}
	p.Form.Rest = hint
	p.Form.OnDirty = p.showTitle
	buttons := container.NewHBox(save, cancel)
	if ds.ReadOnly {
		buttons.Hide()
	}
	first := container.NewBorder(nil, container.NewVBox(hint, buttons), nil, nil,
		container.NewVScroll(form))
	p.Tabs = container.NewAppTabs(append([]*container.TabItem{container.NewTabItem(labels.FormTab, first)}, more...)...)
	p.content = container.NewBorder(header, nil, nil, nil, p.Tabs)
	return p
}

// SaveRecord runs save (which reads the form and writes the record) once the form shows no problem,
// and reports whether it saved. Problems go to notice; a refused save marks its fields; any other
// error shows under the form.
func (p *RecordPage) SaveRecord(notice *NoticeBar, save func() error) bool {
	f := p.Form
	if !f.Ready() {
		notice.ShowProblems(f.Problems())
		return false
	}
	if err := save(); err != nil {
		if !f.Refused(err) {
			p.hint.SetError(ErrorText(err))
		}
		return false
	}
	return true
}

// Cancel drops unsaved typing after asking. With nothing unsaved, or for a record never saved, it
// goes back to the list (back); otherwise it shows the saved record again (reload).
func (p *RecordPage) Cancel(isNew bool, back, reload func()) {
	if !p.Form.Dirty() {
		back()
		return
	}
	p.Form.Guard(func() {
		if isNew {
			back()
			return
		}
		reload()
	})
}

// DeleteRecord asks before deleting the record described as what; once del has deleted it, the
// page's typing is dropped and gone runs (back to the list, offering Ctrl+Z there).
func (p *RecordPage) DeleteRecord(what string, del func() error, gone func()) {
	p.ds.ConfirmDelete(what, func() {
		if err := del(); err != nil {
			p.ds.ShowStoreError(err)
			return
		}
		p.Form.Discard()
		gone()
	})
}

// Content is the page as the register shows it.
func (p *RecordPage) Content() fyne.CanvasObject { return p.content }

// SetRecord names the record in the header; saved says whether it is in the store yet (a new
// record's other tabs and delete button stay off until it is).
func (p *RecordPage) SetRecord(name string, saved bool) {
	p.name, p.saved = name, saved
	for i := 1; i < len(p.Tabs.Items); i++ {
		if saved {
			p.Tabs.EnableIndex(i)
		} else {
			p.Tabs.DisableIndex(i)
		}
	}
	if saved && !p.ds.ReadOnly {
		p.deleteBtn.Show()
	} else {
		p.deleteBtn.Hide()
	}
	p.showTitle()
}

// Title is the name in the header as shown, with its unsaved mark.
func (p *RecordPage) Title() string { return p.title.Text }

func (p *RecordPage) showTitle() {
	t := p.name
	if p.Form.Dirty() {
		t += " *"
	}
	p.title.SetText(t)
}

// Warning is one thing about a record that wants attention (rent overdue, a term too long).
type Warning struct {
	Text   string
	Danger bool // red rather than orange
}

// SetWarnings shows the record's warnings under its name, on one line while they fit (a small
// screen has little height to spare), in red when one of them is Danger.
func (p *RecordPage) SetWarnings(ws []Warning) {
	var texts []string
	imp := widget.WarningImportance
	for _, w := range ws {
		texts = append(texts, w.Text)
		if w.Danger {
			imp = widget.DangerImportance
		}
	}
	p.warnings.SetText(strings.Join(texts, "  "))
	p.warnings.Importance = imp
	p.warnings.Refresh()
	icon := theme.NewWarningThemedResource(theme.WarningIcon())
	if imp == widget.DangerImportance {
		p.warnIcon.SetResource(theme.NewErrorThemedResource(theme.WarningIcon()))
	} else {
		p.warnIcon.SetResource(icon)
	}
	if len(ws) == 0 {
		p.warnBox.Hide()
	} else {
		p.warnBox.Show()
	}
}

// Warnings is the warnings' text shown now ("" none).
func (p *RecordPage) Warnings() string {
	if !p.warnBox.Visible() {
		return ""
	}
	return p.warnings.Text
}
