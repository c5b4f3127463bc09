package kit

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// Form is the skeleton every ledger form is built on. It keeps which fields the user has touched,
// whether saving was tried and whether anything is unsaved. Problems show beside a field once it
// was touched (all of them after a save was tried), the save buttons stay off while any shows,
// and leaving unsaved changes asks first (保存 / 不保存 / 继续编辑). A form sets the fields below,
// calls Edited from its fields' change callbacks and Load when it fills them from a record.
type Form struct {
	// Validate reads what is typed and returns every problem: the parser's (a text that is no
	// amount) and the store's Check… (a name taken). Nil: problems show only once the store
	// refuses a save.
	Validate func() *data.ValidationError
	// Targets maps the data layer's field names to where their messages show.
	Targets map[string]ErrorTarget
	// Rest shows the messages no target takes (may be nil).
	Rest ErrorTarget
	// Linked: a change to a key field also reveals the problems of these fields.
	Linked map[string][]string
	// Buttons are off while a problem shows.
	Buttons []*widget.Button
	// OnDirty runs when the first unsaved change is made.
	OnDirty func()
	// OnProblems hears the number of problems after every check once a save was tried, so a
	// "N places to fix" message can follow the typing and go once all are fixed.
	OnProblems func(n int)
	// Save saves and reports whether it did: Ctrl+S, and 保存 in the unsaved-changes question.
	Save func() bool

	ds        *Dialogs
	touched   map[string]bool
	attempted bool
	dirty     bool
	loading   bool // fields are being filled from code, not typed
	problems  int
}

// NewForm starts a form whose questions show over ds's window.
func NewForm(ds *Dialogs) *Form { return &Form{ds: ds, touched: map[string]bool{}} }

// Edited follows a change the user made to field.
func (f *Form) Edited(field string) {
	if f.loading || f.ds != nil && f.ds.ReadOnly {
		return // in a read-only window nothing typed is ever unsaved: leaving never asks to save
	}
	f.touched[field] = true
	for _, l := range f.Linked[field] {
		f.touched[l] = true
	}
	wasDirty := f.dirty
	f.dirty = true
	f.Check()
	if !wasDirty && f.OnDirty != nil {
		f.OnDirty()
	}
}

// Quietly runs fill, whose changes to the fields are the program's, not the user's.
func (f *Form) Quietly(fill func()) {
	was := f.loading
	f.loading = true
	defer func() { f.loading = was }()
	fill()
}

// Load fills the fields (quietly) and starts afresh: nothing touched, nothing unsaved.
func (f *Form) Load(fill func()) {
	f.Quietly(fill)
	f.Saved()
}

// Saved starts afresh after loading or saving: nothing touched, nothing unsaved.
func (f *Form) Saved() {
	f.touched = map[string]bool{}
	f.attempted, f.dirty = false, false
	f.Check()
}

// Check shows the problems due and switches the save buttons; it returns every problem.
func (f *Form) Check() *data.ValidationError {
	all := &data.ValidationError{}
	if f.Validate != nil {
		all = f.Validate()
	}
	f.problems = len(all.Fields)
	shown := &data.ValidationError{}
	for _, fe := range all.Fields {
		if f.attempted || f.touched[fe.Field] {
			shown.Fields = append(shown.Fields, fe)
		}
	}
	if f.Validate != nil {
		ShowErrors(f.Targets, f.Rest, shown)
	}
	for _, b := range f.Buttons {
		if len(shown.Fields) > 0 || f.ds != nil && f.ds.ReadOnly {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if f.attempted && f.OnProblems != nil {
		f.OnProblems(f.problems)
	}
	return all
}

// Ready reports whether the form may be saved; if not, every problem is now shown.
func (f *Form) Ready() bool {
	if f.Validate == nil || len(f.Validate().Fields) == 0 {
		return true
	}
	f.attempted = true
	f.Check()
	return false
}

// Refused shows the store's refusal of a save beside the fields; for an error that is no
// refusal of what was typed it reports false.
func (f *Form) Refused(err error) bool {
	f.attempted = true
	return ShowErrors(f.Targets, f.Rest, err)
}

// Dirty reports whether something typed is unsaved.
func (f *Form) Dirty() bool { return f.dirty }

// Discard forgets that something is unsaved (the user chose to drop it).
func (f *Form) Discard() { f.dirty = false }

// Problems is the number of problems in what is typed now.
func (f *Form) Problems() int { return f.problems }

// Guard runs proceed now when nothing is unsaved, else asks first: 保存 saves and proceeds once
// saved, 不保存 drops the changes and proceeds, 继续编辑 stays.
func (f *Form) Guard(proceed func()) {
	if !f.dirty {
		proceed()
		return
	}
	f.ds.AskLeave(f.Save, func() {
		f.dirty = false
		proceed()
	})
}

// MergeCheck adds the data layer's problems (err, from a Check… method) to the parser's, one
// message per field: the parser's says more about a text that does not read.
func MergeCheck(parse *data.ValidationError, err error) *data.ValidationError {
	if err == nil {
		return parse
	}
	var ve *data.ValidationError
	if !errors.As(err, &ve) {
		parse.Add("", "", ErrorText(err))
		return parse
	}
	for _, fe := range ve.Fields {
		if parse.For(fe.Field) == nil {
			parse.Fields = append(parse.Fields, fe)
		}
	}
	return parse
}

// FieldErr files a parser's error under a form field, as the store files its own.
func FieldErr(field string, err error) error {
	ve := &data.ValidationError{}
	ve.AddErr(field, err)
	return ve
}

// FormDialog is a small form over a screen (a funding line, a village …) built on Form. It stays
// open while the store refuses what was typed, showing why beside the fields; Ctrl+S saves it and
// Esc closes it.
type FormDialog struct {
	*Form
	d    *dialog.CustomDialog
	rest *HintLabel
	save func() error
}

// ShowForm opens content as a dialog titled title, width wide; targets map the data layer's field
// names to where their messages show. save writes through the store and returns its refusal, if
// any; a nil error closes the dialog. To check as the user types, set the Form's Validate and call
// Edited from the fields. focus, when not nil, gets the cursor.
func (ds *Dialogs) ShowForm(title string, content fyne.CanvasObject, width float32, targets map[string]ErrorTarget,
	save func() error, focus fyne.Focusable) *FormDialog {
	fd := &FormDialog{Form: NewForm(ds), rest: NewHintLabel(), save: save}
	fd.Targets, fd.Rest = targets, fd.rest
	saveBtn := widget.NewButtonWithIcon(lang.L("保存 (Ctrl+S)"), theme.DocumentSaveIcon(), func() { fd.Save() })
	saveBtn.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("取消 (Esc)"), theme.CancelIcon(), fd.Close)
	fd.Buttons = []*widget.Button{saveBtn}
	if ds.ReadOnly {
		saveBtn.Disable()
	}
	fd.Form.Save = fd.trySave
	fd.d = dialog.NewCustomWithoutButtons(title, container.NewVBox(content, fd.rest), ds.win)
	fd.d.SetButtons([]fyne.CanvasObject{cancel, saveBtn})
	fd.d.Resize(fyne.NewSize(width, 0))
	ds.showSaving(fd.d, fd.Close, func() { fd.Save() })
	if focus != nil {
		ds.win.Canvas().Focus(focus)
	}
	return fd
}

// trySave saves unless a problem shows; it reports whether the dialog closed.
func (fd *FormDialog) trySave() bool {
	if !fd.Ready() {
		return false
	}
	err := fd.save()
	if err == nil {
		fd.Close()
		return true
	}
	if !fd.Refused(err) {
		fd.rest.SetError(ErrorText(err))
	}
	return false
}

// Close closes the dialog without saving.
func (fd *FormDialog) Close() { fd.d.Hide() }
