package app

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// progressSection is the 进度 tab: the stage timeline and the progress log with photos.
type progressSection struct {
	pg       *projectPage
	next     *widget.Button
	other    *widget.Button
	timeline *fyne.Container
	notes    *fyne.Container
	content  *container.Scroll

	stages []data.StageChange
	log    []data.ProgressNote
	thumbs map[int64]image.Image // attachment → its small preview, decoded once
}

func newProgressSection(pg *projectPage) *progressSection {
	s := &progressSection{pg: pg, thumbs: map[int64]image.Image{}}
	s.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { s.moveStage("") })
	s.next.Importance = widget.HighImportance
	s.other = widget.NewButton(lang.L("登记其他阶段…"), func() { s.moveStage("?") })
	s.timeline = container.NewVBox()
	s.notes = container.NewVBox()
	addNote := widget.NewButtonWithIcon(lang.L("添加进展记录"), theme.ContentAddIcon(), func() { s.editNote(data.ProgressNote{}) })
	hideInTown(pg.pv.env, s.next, s.other, addNote)
	s.content = container.NewVScroll(container.NewVBox(
		sectionTitle(lang.L("项目阶段"), nil),
		container.NewHBox(s.next, s.other),
		s.timeline,
		widget.NewSeparator(),
		sectionTitle(lang.L("进展记录"), addNote),
		s.notes,
	))
	return s
}

// current is the latest stage recorded ("" before any).
func (s *progressSection) current() string {
	if len(s.stages) == 0 {
		return ""
	}
	return s.stages[len(s.stages)-1].Stage
}

func (s *progressSection) refresh() {
	defer relayout(s.content)
	id := s.pg.id()
	var err error
	if s.stages, err = s.pg.pv.st.StageHistory(id); err != nil {
		s.timeline.Objects = []fyne.CanvasObject{widget.NewLabel(kit.ErrorText(err))}
		return
	}
	if s.log, err = s.pg.pv.st.ProgressNotes(id); err != nil {
		s.notes.Objects = []fyne.CanvasObject{widget.NewLabel(kit.ErrorText(err))}
		return
	}
	if next := data.NextStage(s.current()); next != "" {
		s.next.SetText(lang.L("进入下一阶段：{{.Stage}}", map[string]any{"Stage": lang.L(next)}))
		s.next.Enable()
	} else {
		s.next.SetText(lang.L("已到最后阶段"))
		s.next.Disable()
	}

	var rows []fyne.CanvasObject
	for i, sc := range s.stages {
		last := i == len(s.stages)-1
		icon := widget.NewIcon(theme.ConfirmIcon()) // a stage passed
		if last {
			icon.SetResource(theme.MediaRecordIcon()) // where the project is now
		}
		stage := widget.NewLabelWithStyle(lang.L(sc.Stage), fyne.TextAlignLeading, fyne.TextStyle{Bold: last})
		note := truncLabel(sc.Note)
		row := container.NewBorder(nil, nil,
			container.NewHBox(icon, widget.NewLabel(sc.Date.String()), stage),
			rowButtons(s.pg.pv.env, nil, func() { s.deleteStage(sc) }), note)
		rows = append(rows, row)
	}
	showRows(s.timeline, nil, rows, lang.L("还没有登记阶段。项目从“谋划”开始，点上面的按钮登记。"))

	rows = nil
	for _, n := range s.log {
		rows = append(rows, s.noteCard(n))
	}
	showRows(s.notes, nil, rows, lang.L("还没有进展记录。"))
}

// moveStage asks for the date and note of the next stage (want ""), or of a stage the user picks (want "?").
func (s *progressSection) moveStage(want string) {
	pv := s.pg.pv
	stage := kit.NewSelect(kit.Translated(data.Stages), "", nil)
	stageHint := kit.NewHintLabel()
	next := data.NextStage(s.current())
	if want == "" && next != "" {
		stage.SetSelected(lang.L(next))
	}
	date := kit.NewDateField(pv.env.Win)
	date.SetValue(data.Today())
	note := kit.NewNoteField()
	note.SetPlaceHolder(lang.L("例如 公示7天无异议；验收小组意见"))
	rows := [][]fyne.CanvasObject{
		kit.FieldRow(lang.L("阶段"), stage, stageHint),
		kit.FieldRow(lang.L("日期"), date, date.Hint),
		kit.FieldRow(lang.L("说明"), note, note.Hint),
	}
	if len(s.stages) > 0 {
		last := s.stages[len(s.stages)-1]
		rows = append([][]fyne.CanvasObject{kit.FieldRow(lang.L("现在"), widget.NewLabel(
			lang.L("{{.Stage}}（{{.Date}} 起）", map[string]any{"Stage": lang.L(last.Stage), "Date": last.Date.String()})), nil)}, rows...)
	}
	title := lang.L("进入下一阶段")
	if want != "" {
		title = lang.L("登记阶段")
	}
	targets := map[string]kit.ErrorTarget{"Stage": stageHint, "Date": date, "Note": note}
	pv.showChildDialog(title, kit.FormGrid(rows...), targets, func() error {
		sc := data.StageChange{ProjectID: s.pg.id()}
		if i := stage.SelectedIndex(); i >= 0 {
			sc.Stage = data.Stages[i]
		}
		d, err := date.Value()
		if err != nil {
			return kit.FieldErr("Date", err)
		}
		sc.Date, sc.Note = d, note.Text
		if err := pv.st.SaveStageChange(&sc); err != nil {
			return err
		}
		pv.notice.Show(lang.L("已登记阶段“{{.Stage}}”（{{.Date}}）", map[string]any{"Stage": lang.L(sc.Stage), "Date": sc.Date.String()}), false)
		return nil
	}, date)
}

func (s *progressSection) deleteStage(sc data.StageChange) {
	pv := s.pg.pv
	what := lang.L("阶段“{{.Stage}}”（{{.Date}}）", map[string]any{"Stage": lang.L(sc.Stage), "Date": sc.Date.String()})
	pv.deleteChild(what, func() error { return pv.st.DeleteStageChange(sc.ID) }, func() error { return pv.st.RestoreStageChange(sc.ID) })
}

// noteCard shows one progress note with its photos.
func (s *progressSection) noteCard(n data.ProgressNote) fyne.CanvasObject {
	pv := s.pg.pv
	date := widget.NewLabelWithStyle(n.Date.String(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text := widget.NewLabel(n.Text)
	text.Wrapping = fyne.TextWrapWord
	photos := kit.NewThumbGrid()
	if n.Attachments > 0 {
		atts, err := pv.st.Attachments(n.ID)
		if err == nil {
			for _, a := range atts {
				photos.Add(kit.NewPhotoThumb(s.thumb(a), a.FileName, func() { s.viewPhoto(a) }))
			}
		}
	}
	addPhoto := widget.NewButtonWithIcon(lang.L("添加照片"), theme.ContentAddIcon(), func() { s.choosePhoto(n) })
	addPhoto.Importance = widget.LowImportance
	hideInTown(pv.env, addPhoto)
	head := container.NewBorder(nil, nil, date, container.NewHBox(addPhoto,
		rowButtons(pv.env, func() { s.editNote(n) }, func() { s.deleteNote(n) })))
	body := container.NewVBox(head, text)
	if len(photos.Objects) > 0 { // an empty grid still takes a row's height
		body.Add(photos)
	}
	return widget.NewCard("", "", body)
}

func (s *progressSection) editNote(n data.ProgressNote) {
	pv := s.pg.pv
	date := kit.NewDateFieldAt(pv.env.Win, n.Date)
	text := kit.NewNoteField()
	text.SetText(n.Text)
	text.SetPlaceHolder(lang.L("例如 大棚主体完工，开始安装滴灌"))
	title := lang.L("添加进展记录")
	if n.ID != 0 {
		title = lang.L("修改进展记录")
	}
	form := kit.FormGrid(kit.FieldRow(lang.L("日期"), date, date.Hint), kit.FieldRow(lang.L("进展内容"), text, text.Hint))
	targets := map[string]kit.ErrorTarget{"Date": date, "Text": text}
	pv.showChildDialog(title, form, targets, func() error {
		x := n
		x.ProjectID = s.pg.id()
		d, err := date.Value()
		if err != nil {
			return kit.FieldErr("Date", err)
		}
		x.Date, x.Text = d, text.Text
		return pv.st.SaveProgressNote(&x)
	}, text)
}

func (s *progressSection) deleteNote(n data.ProgressNote) {
	pv := s.pg.pv
	what := lang.L("{{.Date}} 的进展记录", map[string]any{"Date": n.Date.String()})
	pv.deleteChild(what, func() error { return pv.st.DeleteProgressNote(n.ID) }, func() error { return pv.st.RestoreProgressNote(n.ID) })
}

// choosePhoto opens the file dialog for a .jpg or .png to attach to note n.
func (s *progressSection) choosePhoto(n data.ProgressNote) {
	s.pg.pv.env.Dialogs.ChoosePhoto(func(name string, b []byte) error { return s.addPhoto(n.ID, name, b) })
}

// addPhoto stores the photo b as an attachment of the note.
func (s *progressSection) addPhoto(noteID int64, name string, b []byte) error {
	a := &data.Attachment{NoteID: noteID, FileName: name, Mime: kit.PhotoMime(name), Data: b}
	if err := s.pg.pv.st.AddAttachment(a); err != nil {
		return err
	}
	s.pg.pv.notice.Show(lang.L("已添加照片“{{.Name}}”", map[string]any{"Name": name}), false)
	return nil
}

// viewPhoto shows a photo in a dialog, scaled to fit, with a button to delete it.
func (s *progressSection) viewPhoto(a data.Attachment) {
	pv := s.pg.pv
	b, err := pv.st.AttachmentData(a.ID)
	if err != nil {
		pv.env.Dialogs.ShowStoreError(err)
		return
	}
	pv.env.Dialogs.ShowPhoto(a.FileName, b, func() {
		what := lang.L("照片“{{.Name}}”", map[string]any{"Name": a.FileName})
		pv.deleteChild(what, func() error { return pv.st.DeleteAttachment(a.ID) }, func() error { return pv.st.RestoreAttachment(a.ID) })
	})
}

// thumb is the small preview of a photo, decoded and scaled down the first time it is shown
// (nil when the file cannot be read as an image).
func (s *progressSection) thumb(a data.Attachment) image.Image {
	if img, ok := s.thumbs[a.ID]; ok {
		return img
	}
	var small image.Image
	if b, err := s.pg.pv.st.AttachmentData(a.ID); err == nil {
		small = kit.Thumbnail(b)
	}
	s.thumbs[a.ID] = small
	return small
}
