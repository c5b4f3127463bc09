package app

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// workForm is the day's entry beside the calendar: 在村 or 外出 (and why), what was done, the
// households visited (completed from the village's sellers, or typed), the 民情日记 and photos.
// Rows are added as the last one is typed into; an emptied row is dropped on saving.
type workForm struct {
	w   *worklogPart
	day data.WorkDay // what was loaded; ID 0 for a new entry

	title       *widget.Label
	date        *kit.DateField
	presence    *kit.Select
	presHint    *kit.HintLabel
	reason      *kit.Select
	reasonHint  *kit.HintLabel
	work        *kit.NoteField
	visitBox    *fyne.Container
	visits      []*kit.CompletionField
	issueBox    *fyne.Container
	issues      []*issueRow
	partners    *kit.CheckGrid // 帮扶单位来访
	partnerIDs  map[string]int64
	partnerHint *kit.HintLabel
	photos      *kit.PhotoGrid
	photoBox    *fyne.Container
	unsaved     *widget.Label // instead of the photos while the day is not saved
	formHint    *kit.HintLabel

	saveBtn, cancelBtn, deleteBtn, historyBtn *widget.Button
	content                                   fyne.CanvasObject
	lc                                        *kit.Form
}

// issueRow is one line of the 民情日记.
type issueRow struct {
	problem *kit.TextField
	solved  *widget.Check
	how     *kit.TextField
}

func newWorkForm(w *worklogPart) *workForm {
	f := &workForm{w: w, lc: kit.NewForm(w.env.Dialogs)}
	f.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.date = kit.NewDateField(w.env.Win)
	f.date.OnEdit = func() { f.lc.Edited("Date") }
	f.presence = kit.NewSelect(kit.Translated(data.Presences), "", func(string) { f.presenceChanged(); f.lc.Edited("Presence") })
	f.presHint = kit.NewHintLabel()
	f.reason = kit.NewSelect(kit.Translated(data.AwayReasons), lang.L("外出时选择原因"), func(string) { f.lc.Edited("Reason") })
	f.reasonHint = kit.NewHintLabel()
	f.work = kit.NewNoteField()
	f.work.SetPlaceHolder(lang.L("例如 走访脱贫户，查看大棚长势，协调灌溉用水"))
	f.work.OnChanged = func(string) { f.lc.Edited("Work") }
	f.visitBox = container.NewGridWithColumns(3)
	f.issueBox = container.NewVBox()
	f.partners = kit.NewCheckGrid(2, func() { f.lc.Edited("PartnerIDs") })
	f.partners.ReadOnly = w.env.Dialogs.ReadOnly
	f.partnerHint = kit.NewHintLabel()
	f.formHint = kit.NewHintLabel()

	f.photos = kit.NewPhotoGrid(w.env.Dialogs, lang.L("添加照片"), lang.L("还没有照片。可以把走访、会议现场的照片加进来（.jpg、.png）。"))
	f.photos.List = func() ([]kit.Photo, error) {
		files, err := w.st.WorkFiles(f.day.ID)
		out := make([]kit.Photo, len(files))
		for i, x := range files {
			out[i] = kit.Photo{ID: x.ID, Name: x.FileName}
		}
		return out, err
	}
	f.photos.Data = w.st.WorkFileData
	f.photos.Add = func(name string, b []byte) error {
		if err := w.st.AddWorkFile(&data.WorkFile{DayID: f.day.ID, FileName: name, Mime: kit.PhotoMime(name), Data: b}); err != nil {
			return err
		}
		w.notice.Show(lang.L("已添加照片“{{.Name}}”", map[string]any{"Name": name}), false)
		return nil
	}
	f.photos.Delete = func(ph kit.Photo) {
		what := lang.L("照片“{{.Name}}”", map[string]any{"Name": ph.Name})
		w.env.Dialogs.ConfirmDelete(what, func() {
			if err := w.st.DeleteWorkFile(ph.ID); err != nil {
				w.env.Dialogs.ShowStoreError(err)
				return
			}
			w.undo.Push(what, func() error { return w.st.RestoreWorkFile(ph.ID) })
			w.notice.Show(lang.L("已删除{{.What}}。按 Ctrl+Z 可以撤销", map[string]any{"What": what}), true)
		})
	}
	f.unsaved = widget.NewLabel(lang.L("保存这一天的日志后可以添加照片。"))
	kit.SecondaryText(f.unsaved)
	room := canvas.NewRectangle(color.Transparent) // the grid scrolls: give it a row of thumbnails' height
	room.SetMinSize(fyne.NewSize(0, kit.ThumbSize.Height+60))
	f.photoBox = container.NewStack(room, f.unsaved, f.photos.Content())

	f.saveBtn = widget.NewButtonWithIcon(lang.L("保存 (Ctrl+S)"), theme.DocumentSaveIcon(), f.save)
	f.saveBtn.Importance = widget.HighImportance
	f.cancelBtn = widget.NewButtonWithIcon(lang.L("取消 (Esc)"), theme.CancelIcon(), f.cancel)
	f.deleteBtn = widget.NewButtonWithIcon(lang.L("删除"), theme.DeleteIcon(), f.delete)
	f.deleteBtn.Importance = widget.DangerImportance
	f.historyBtn = newHistoryButton(w.env, func() (string, int64, string) { return "worklog_days", f.day.ID, describeWorkDay(f.day) })
	hideInTown(w.env, f.saveBtn, f.cancelBtn, f.deleteBtn)

	grid := kit.FormGrid(
		kit.FieldRow(lang.L("日期"), f.date, f.date.Hint),
		kit.FieldRow(lang.L("在村或外出"), f.presence, f.presHint),
		kit.FieldRow(lang.L("外出原因"), f.reason, f.reasonHint),
		kit.FieldRow(lang.L("工作内容"), f.work, f.work.Hint),
	)
	section := func(text string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	body := container.NewVBox(grid,
		section(lang.L("走访农户（从卖家名单中选，或直接输入姓名）")), f.visitBox,
		section(lang.L("民情日记（群众反映的问题及解决情况）")), f.issueBox,
		section(lang.L("帮扶单位来访（当天来村或帮扶的单位）")), f.partners, f.partnerHint,
		section(lang.L("照片")), f.photoBox)
	buttons := container.NewHBox(f.saveBtn, f.cancelBtn, layout.NewSpacer(), f.historyBtn, f.deleteBtn)
	f.content = container.NewBorder(f.title, container.NewVBox(f.formHint, buttons), nil, nil, container.NewVScroll(body))

	f.lc.Validate = func() *data.ValidationError { _, all := f.validate(); return all }
	f.lc.Rest = f.formHint
	f.lc.Linked = map[string][]string{"Presence": {"Reason"}}
	f.lc.Buttons = []*widget.Button{f.saveBtn}
	f.lc.OnProblems = w.notice.UpdateProblems
	f.lc.Save = func() bool { f.save(); return !f.lc.Dirty() }
	f.startNew(data.Today())
	return f
}

// targets maps the data layer's fields, rows included, to where their messages show.
func (f *workForm) targets() {
	t := map[string]kit.ErrorTarget{"Date": f.date, "VillageID": f.formHint, "Presence": f.presHint, "Reason": f.reasonHint,
		"Work": f.work, "PartnerIDs": f.partnerHint}
	for i, v := range f.visits {
		t[fmt.Sprintf("Visits[%d].Name", i)] = v
		t[fmt.Sprintf("Visits[%d].SellerID", i)] = v
	}
	for i, r := range f.issues {
		t[fmt.Sprintf("Issues[%d].Problem", i)] = r.problem
		t[fmt.Sprintf("Issues[%d].How", i)] = r.how
	}
	f.lc.Targets = t
}

// open loads the village's entry of day d, or starts a new one for d.
func (f *workForm) open(d data.Date) error {
	x, err := f.w.st.WorkDayOn(f.w.villageID(), d)
	if err != nil {
		return err
	}
	if x == nil {
		f.startNew(d)
		return nil
	}
	f.load(*x)
	return nil
}

// startNew empties the form for a new entry of day d, in the village by default.
func (f *workForm) startNew(d data.Date) {
	f.fill(data.WorkDay{VillageID: f.w.villageID(), Date: d, Presence: data.PresenceIn})
	f.title.SetText(lang.L("新记工作日志"))
	if f.w.env.Dialogs.ReadOnly {
		f.title.SetText(lang.L("这一天没有工作日志"))
	}
	f.deleteBtn.Disable()
	f.historyBtn.Disable()
}

func (f *workForm) load(x data.WorkDay) {
	f.fill(x)
	f.title.SetText(lang.L("{{.Date}}的工作日志", map[string]any{"Date": dateName(x.Date)}))
	f.deleteBtn.Enable()
	f.historyBtn.Enable()
}

func (f *workForm) fill(x data.WorkDay) {
	f.lc.Load(func() { f.show(x) })
	if x.ID == 0 {
		f.photos.Content().Hide()
		f.unsaved.Show()
	} else {
		f.unsaved.Hide()
		f.photos.Content().Show()
		f.photos.Reload()
	}
}

func (f *workForm) show(x data.WorkDay) {
	f.day = x
	if x.Date.IsZero() {
		f.date.Clear()
	} else {
		f.date.SetValue(x.Date)
	}
	f.presence.SetSelected(kit.Word(x.Presence))
	f.reason.ClearSelected()
	if x.Reason != "" {
		f.reason.SetSelected(kit.Word(x.Reason))
	}
	f.presenceChanged()
	f.work.SetText(x.Work)
	f.visits, f.issues = nil, nil
	f.visitBox.RemoveAll()
	f.issueBox.RemoveAll()
	for _, v := range x.Visits {
		f.addVisit().SetText(v.Name)
	}
	f.addVisit()
	for _, is := range x.Issues {
		r := f.addIssue()
		r.problem.SetText(is.Problem)
		r.solved.SetChecked(is.Solved)
		r.how.SetText(is.How)
	}
	f.addIssue()
	var ticked []string
	for name, id := range f.partnerIDs {
		if slices.Contains(x.PartnerIDs, id) {
			ticked = append(ticked, name)
		}
	}
	f.partners.SetSelected(ticked)
}

// offerPartners offers the live partner units, keeping the ticks of those still offered.
func (f *workForm) offerPartners(units []data.Partner) {
	f.lc.Quietly(func() {
		f.partnerIDs = map[string]int64{}
		names := make([]string, len(units))
		for i, u := range units {
			f.partnerIDs[u.Name], names[i] = u.ID, u.Name
		}
		f.partners.SetOptions(names)
	})
}

// presenceChanged offers the reason only for a day away.
func (f *workForm) presenceChanged() {
	if f.presenceValue() == data.PresenceAway {
		f.reason.Enable()
	} else {
		f.reason.Disable()
	}
}

func (f *workForm) presenceValue() string {
	return listValue(data.Presences, f.presence.SelectedIndex())
}

func listValue(list []string, i int) string {
	if i >= 0 && i < len(list) {
		return list[i]
	}
	return ""
}

// addVisit adds an empty household field; typing into the last one adds the next.
func (f *workForm) addVisit() *kit.CompletionField {
	v := kit.NewCompletionField(f.suggestHouseholds)
	v.SetPlaceHolder(lang.L("姓名"))
	v.OnEdit = func() {
		if v == f.visits[len(f.visits)-1] && strings.TrimSpace(v.Text) != "" {
			f.addVisit()
		}
		f.lc.Edited(fmt.Sprintf("Visits[%d].Name", slices.Index(f.visits, v)))
	}
	f.visits = append(f.visits, v)
	f.visitBox.Add(v)
	f.targets()
	return v
}

// addIssue adds an empty 民情日记 line; typing into the last one adds the next.
func (f *workForm) addIssue() *issueRow {
	r := &issueRow{problem: kit.NewTextField(), how: kit.NewTextField()}
	r.problem.SetPlaceHolder(lang.L("群众反映的问题"))
	r.how.SetPlaceHolder(lang.L("怎样解决的，或下一步"))
	r.solved = widget.NewCheck(lang.L("已解决"), func(bool) { f.lc.Edited("Issues") })
	edited := func(field string) func(string) {
		return func(string) {
			if r == f.issues[len(f.issues)-1] && (r.problem.Text != "" || r.how.Text != "") {
				f.addIssue()
			}
			f.lc.Edited(fmt.Sprintf("Issues[%d].%s", slices.Index(f.issues, r), field))
		}
	}
	r.problem.OnChanged = edited("Problem")
	r.how.OnChanged = edited("How")
	f.issues = append(f.issues, r)
	f.issueBox.Add(container.NewBorder(nil, nil, nil, r.solved, container.NewGridWithColumns(2, r.problem, r.how)))
	f.targets()
	return r
}

// suggestHouseholds offers the village's sellers whose name or pinyin initials match.
func (f *workForm) suggestHouseholds(q string) []string {
	rows, err := f.w.st.ListSellers(data.SellerFilter{Search: q, VillageID: f.w.villageID()}, 0, 40)
	if err != nil {
		return nil
	}
	var out []string
	for _, r := range rows {
		if !slices.Contains(out, r.Name) {
			out = append(out, r.Name)
		}
	}
	return rankSuggestions(out, q)
}

// read turns the fields into a day; a visit keeps its row (and seller) while its name is unchanged.
func (f *workForm) read() (data.WorkDay, *data.ValidationError) {
	x := f.day
	parse := &data.ValidationError{}
	x.VillageID = f.w.villageID()
	if strings.TrimSpace(f.date.Text) == "" {
		x.Date = data.Date{}
	} else if d, err := data.ParseDate(f.date.Text); err != nil {
		parse.AddErr("Date", err)
	} else {
		x.Date = d
	}
	x.Presence = f.presenceValue()
	x.Reason = ""
	if x.Presence == data.PresenceAway {
		x.Reason = listValue(data.AwayReasons, f.reason.SelectedIndex())
	}
	x.Work = f.work.Text
	x.Visits, x.Issues = nil, nil
	saved := slices.Clone(f.day.Visits)
	for _, v := range f.visits {
		name := strings.TrimSpace(v.Text)
		visit := data.WorkVisit{Name: name}
		if i := slices.IndexFunc(saved, func(s data.WorkVisit) bool { return s.Name == name }); i >= 0 && name != "" {
			visit = saved[i]
			saved = slices.Delete(saved, i, i+1)
		}
		x.Visits = append(x.Visits, visit)
	}
	// A unit deleted since it was recorded is not offered; it stays on the day.
	x.PartnerIDs = slices.DeleteFunc(slices.Clone(f.day.PartnerIDs), func(id int64) bool {
		for _, offered := range f.partnerIDs {
			if offered == id {
				return true
			}
		}
		return false
	})
	for _, name := range f.partners.Selected() {
		x.PartnerIDs = append(x.PartnerIDs, f.partnerIDs[name])
	}
	for i, r := range f.issues {
		is := data.WorkIssue{Problem: r.problem.Text, Solved: r.solved.Checked, How: r.how.Text}
		if i < len(f.day.Issues) {
			is.ID, is.UUID, is.DayID = f.day.Issues[i].ID, f.day.Issues[i].UUID, f.day.Issues[i].DayID
		}
		x.Issues = append(x.Issues, is)
	}
	return x, parse
}

// validate gathers the parser's and the data layer's messages for what is typed now.
func (f *workForm) validate() (data.WorkDay, *data.ValidationError) {
	x, parse := f.read()
	return x, kit.MergeCheck(parse, f.w.st.CheckWorkDay(&x))
}

// save writes the day when it has no problems; otherwise every problem shows beside its field.
func (f *workForm) save() {
	if !f.lc.Ready() {
		f.w.notice.ShowProblems(f.lc.Problems())
		return
	}
	x, _ := f.read()
	if err := f.w.st.SaveWorkDay(&x); err != nil {
		if !f.lc.Refused(err) {
			f.formHint.SetError(kit.ErrorText(err))
		}
		return
	}
	f.w.notice.Show(lang.L("已保存{{.What}}", map[string]any{"What": describeWorkDay(x)}), false)
	f.load(x)
	if x.Date.Year() != f.w.year || x.Date.Month() != f.w.month {
		f.w.year, f.w.month = x.Date.Year(), x.Date.Month()
	}
	f.w.reload()
}

// describeWorkDay names a day in messages: 2025年6月26日的工作日志.
func describeWorkDay(x data.WorkDay) string {
	return lang.L("{{.Date}}的工作日志", map[string]any{"Date": dateName(x.Date)})
}

// cancel drops what was typed (asking first) and shows the day as saved.
func (f *workForm) cancel() {
	f.lc.Guard(func() {
		if err := f.open(f.day.Date); err != nil {
			f.w.notice.ShowError(err)
		}
	})
}

// delete removes the loaded day after confirmation; Ctrl+Z brings it back.
func (f *workForm) delete() {
	if f.day.ID == 0 {
		return
	}
	x := f.day
	what := describeWorkDay(x)
	f.w.env.Dialogs.ConfirmDelete(what, func() {
		if err := f.w.st.DeleteWorkDay(x.ID); err != nil {
			f.w.env.Dialogs.ShowStoreError(err)
			return
		}
		f.w.undo.Push(what, func() error {
			if err := f.w.st.RestoreWorkDay(x.ID); err != nil {
				return err
			}
			if f.day.ID == 0 && f.day.Date == x.Date && !f.lc.Dirty() {
				return f.open(x.Date)
			}
			return nil
		})
		f.w.notice.Show(lang.L("已删除{{.What}}。按 Ctrl+Z 可以撤销", map[string]any{"What": what}), true)
		f.lc.Discard()
		f.startNew(x.Date)
		f.w.reload()
	})
}
