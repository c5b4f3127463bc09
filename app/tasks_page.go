package app

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// taskPage is one 榜单 item: its terms on 事项信息 (checked as typed, against the store too) with
// its progress bar, the projects, contracts and sales events serving it on 关联记录, and the
// closing evidence on 办结材料.
type taskPage struct {
	v    *tasksView
	t    data.Task // as loaded; ID 0 while new
	page *kit.RecordPage

	title, responsible                 *kit.TextField
	village, poster, kind, stage, stat *kit.Select
	villageHint, posterHint, kindHint  *kit.HintLabel
	stageHint, statusHint, partnerHint *kit.HintLabel
	partner                            *kit.Choice
	goal, closingNote, note            *kit.NoteField
	money                              *kit.MoneyField
	households, progress               *kit.CountField
	takenOn, deadline, closedOn        *kit.DateField
	targetBox                          *fyne.Container // the target's field for the measure chosen
	bar                                *widget.ProgressBar
	barText                            *widget.Label
	history                            *widget.Button
	hint                               *kit.HintLabel

	villageIDs []int64
	links      *taskLinks
	photos     *kit.PhotoGrid
}

// targetKinds are the measures a form offers: none first.
var targetKinds = append([]string{""}, data.TargetKinds...)

// targetStages are the stages an item may aim at (终止 is no aim).
var targetStages = data.Stages[:len(data.Stages)-1]

func newTaskPage(v *tasksView, t data.Task) *taskPage {
	p := &taskPage{v: v}
	st := v.env.Store
	p.links = newTaskLinks(p)
	p.photos = kit.NewPhotoGrid(v.env.Dialogs, lang.L("添加照片"), lang.L("还没有办结材料。可以把验收现场、成果或证明文件拍照（.jpg、.png）加进来。"))
	p.photos.List = func() ([]kit.Photo, error) {
		files, err := st.TaskFiles(p.t.ID)
		out := make([]kit.Photo, len(files))
		for i, f := range files {
			out[i] = kit.Photo{ID: f.ID, Name: f.FileName}
		}
		return out, err
	}
	p.photos.Data = st.TaskFileData
	p.photos.Add = func(name string, b []byte) error {
		f := &data.TaskFile{TaskID: p.t.ID, FileName: name, Mime: kit.PhotoMime(name), Data: b}
		if err := st.AddTaskFile(f); err != nil {
			return err
		}
		v.reg.Notice.Show(lang.L("已添加照片“{{.Name}}”", map[string]any{"Name": name}), false)
		return nil
	}
	p.photos.Delete = func(ph kit.Photo) {
		what := lang.L("照片“{{.Name}}”", map[string]any{"Name": ph.Name})
		v.env.Dialogs.ConfirmDelete(what, func() {
			if err := st.DeleteTaskFile(ph.ID); err != nil {
				v.env.Dialogs.ShowStoreError(err)
				return
			}
			v.reg.Deleted(what, func() error { return st.RestoreTaskFile(ph.ID) })
		})
	}

	p.hint = kit.NewHintLabel()
	p.page = kit.NewRecordPage(v.env.Dialogs, kit.PageLabels{Back: lang.L("返回榜单"), FormTab: lang.L("事项信息"), Delete: lang.L("删除事项")},
		kit.PageActions{Back: v.reg.Back, Save: p.save, Cancel: p.cancel, Delete: p.deleteTask}, p.form(), p.hint,
		container.NewTabItemWithIcon(lang.L("关联记录"), theme.ListIcon(), p.links.content),
		container.NewTabItemWithIcon(lang.L("办结材料"), theme.FileImageIcon(), p.photos.Content()))
	f := p.page.Form
	f.Validate = p.validate
	f.Targets = map[string]kit.ErrorTarget{
		"Title": p.title, "VillageID": p.villageHint, "Poster": p.posterHint, "PosterPartnerID": p.partnerHint,
		"Goal": p.goal, "TargetKind": p.kindHint, "TargetValue": targetValueHint{p}, "TargetStage": p.stageHint, "TakenOn": p.takenOn,
		"Deadline": p.deadline, "Responsible": p.responsible, "Status": p.statusHint, "Progress": p.progress,
		"ClosedOn": p.closedOn, "ClosingNote": p.closingNote, "Note": p.note,
	}
	f.Linked = map[string][]string{"TakenOn": {"Deadline", "ClosedOn"}, "Deadline": {"TakenOn"}, "Status": {"ClosedOn"},
		"ClosedOn": {"Status"}, "Poster": {"PosterPartnerID"}, "PosterPartnerID": {"Poster"}, "TargetKind": {"TargetValue", "TargetStage"}}
	f.OnProblems = v.reg.Notice.UpdateProblems
	f.Save = func() bool { p.save(); return !f.Dirty() }
	p.load(t)
	p.refreshLines()
	return p
}

// form builds the fields of 事项信息, each telling the form when the user changes it.
func (p *taskPage) form() fyne.CanvasObject {
	changed := func(field string) func(string) { return func(string) { p.page.Form.Edited(field) } }
	edited := func(field string) func() { return func() { p.page.Form.Edited(field) } }
	p.title = kit.NewTextField()
	p.title.SetPlaceHolder(lang.L("例如 村集体经营性收入突破20万元"))
	p.title.OnChanged = changed("Title")
	p.village = kit.NewSelect(nil, lang.L("请选择村"), changed("VillageID"))
	p.villageHint = kit.NewHintLabel()
	p.poster = kit.NewSelect(kit.Translated(data.TaskPosters), lang.L("请选择"), func(string) { p.posterShown(); p.page.Form.Edited("Poster") })
	p.posterHint = kit.NewHintLabel()
	p.partner = kit.NewChoice(lang.L("（请选择帮扶单位）"), nil, nil, changed("PosterPartnerID"))
	p.partnerHint = kit.NewHintLabel()
	p.goal = kit.NewNoteField()
	p.goal.OnChanged = changed("Goal")
	p.kind = kit.NewSelect(targetKindNames(), lang.L("请选择"), func(string) { p.kindShown(); p.page.Form.Edited("TargetKind") })
	p.kindHint = kit.NewHintLabel()
	p.money = kit.NewMoneyField()
	p.money.Optional = true
	p.money.OnEdit = edited("TargetValue")
	p.households = kit.NewCountField()
	p.households.OnEdit = edited("TargetValue")
	p.stage = kit.NewSelect(kit.Translated(targetStages), lang.L("请选择要达到的阶段"), changed("TargetStage"))
	p.stageHint = kit.NewHintLabel()
	p.targetBox = container.NewStack()
	p.takenOn = kit.NewDateField(p.v.env.Win)
	p.takenOn.OnEdit = edited("TakenOn")
	p.deadline = kit.NewDateField(p.v.env.Win)
	p.deadline.OnEdit = edited("Deadline")
	p.responsible = kit.NewTextField()
	p.responsible.OnChanged = changed("Responsible")
	p.stat = kit.NewSelect(kit.Translated(data.TaskStatuses), lang.L("请选择"), func(string) { p.statusChanged() })
	p.statusHint = kit.NewHintLabel()
	p.progress = kit.NewCountField()
	p.progress.SetPlaceHolder(lang.L("0–100，无法自动计算时手填"))
	p.progress.OnEdit = edited("Progress")
	p.closedOn = kit.NewDateField(p.v.env.Win)
	p.closedOn.Optional = true
	p.closedOn.SetPlaceHolder(lang.L("完成或撤销时填写"))
	p.closedOn.OnEdit = edited("ClosedOn")
	p.closingNote = kit.NewNoteField()
	p.closingNote.OnChanged = changed("ClosingNote")
	p.note = kit.NewNoteField()
	p.note.OnChanged = changed("Note")
	p.bar = widget.NewProgressBar()
	p.barText = widget.NewLabel("")
	p.barText.Wrapping = fyne.TextWrapWord
	p.history = newHistoryButton(p.v.env, func() (string, int64, string) { return "tasks", p.t.ID, p.t.Title })

	progress := container.NewBorder(nil, nil, nil, p.history, container.NewVBox(p.bar, p.barText))
	return container.NewVBox(progress, container.NewGridWithColumns(2, kit.FormGrid(
		kit.FieldRow(lang.L("事项名称"), p.title, p.title.Hint),
		kit.FieldRow(lang.L("村"), p.village, p.villageHint),
		kit.FieldRow(lang.L("发榜单位"), p.poster, p.posterHint),
		kit.FieldRow(lang.L("发榜的帮扶单位"), p.partner, p.partnerHint),
		kit.FieldRow(lang.X("tasks.field.goal", "目标"), p.goal, p.goal.Hint),
		kit.FieldRow(lang.L("考核指标"), p.kind, p.kindHint),
		kit.FieldRow(lang.L("目标数值"), container.NewVBox(p.targetBox, p.money.Hint, p.households.Hint), p.stageHint),
		kit.FieldRow(lang.L("挂帅责任人"), p.responsible, p.responsible.Hint),
	), kit.FormGrid(
		kit.FieldRow(lang.L("揭榜日期"), p.takenOn, p.takenOn.Hint),
		kit.FieldRow(lang.L("完成时限"), p.deadline, p.deadline.Hint),
		kit.FieldRow(lang.L("状态"), p.stat, p.statusHint),
		kit.FieldRow(lang.L("完成进度（%）"), p.progress, p.progress.Hint),
		kit.FieldRow(lang.L("办结日期"), p.closedOn, p.closedOn.Hint),
		kit.FieldRow(lang.L("办结说明"), p.closingNote, p.closingNote.Hint),
		kit.FieldRow(lang.L("备注"), p.note, p.note.Hint),
	)))
}

// statusChanged dates a closing today when no 办结日期 is typed yet: it is usually closed the day it is marked.
func (p *taskPage) statusChanged() {
	if st := chosen(data.TaskStatuses, p.stat.SelectedIndex()); st != data.TaskOpen && strings.TrimSpace(p.closedOn.Text) == "" {
		p.closedOn.SetValue(data.Today())
	}
	p.page.Form.Edited("Status")
}

// targetValueHint shows a problem with the target under the field the measure shows.
type targetValueHint struct{ p *taskPage }

func (h targetValueHint) SetError(msg string) {
	if chosen(targetKinds, h.p.kind.SelectedIndex()) == data.TargetHouseholds {
		h.p.households.SetError(msg)
	} else {
		h.p.money.SetError(msg)
	}
}

// targetKindNames are the measures as the form offers them: 无（文字目标） first.
func targetKindNames() []string {
	return append([]string{lang.L("无（文字目标）")}, kit.Translated(data.TargetKinds)...)
}

// load fills the fields from t and starts afresh (nothing touched, nothing unsaved).
func (p *taskPage) load(t data.Task) {
	p.page.Form.Load(func() { p.fill(t) })
	name := lang.L("新增榜单事项")
	if t.ID != 0 {
		name = t.Title
	}
	p.page.SetRecord(name, t.ID != 0)
	p.showProgress()
}

func (p *taskPage) fill(t data.Task) {
	p.t = t
	names, ids := villageNames(p.v.villages)
	p.villageIDs = ids
	p.village.SetOptions(names)
	selectValue(p.village, ids, t.VillageID)
	p.title.SetText(t.Title)
	selectValue(p.poster, data.TaskPosters, t.Poster)
	p.setPartners()
	p.partner.SetValue(idValue(t.PosterPartnerID))
	p.goal.SetText(t.Goal)
	selectValue(p.kind, targetKinds, t.TargetKind)
	p.money.Clear()
	p.households.SetValue(0)
	if data.IsMoneyTarget(t.TargetKind) {
		p.money.SetOrClear(data.Money(t.TargetValue))
	} else {
		p.households.SetValue(int(t.TargetValue))
	}
	selectValue(p.stage, targetStages, t.TargetStage)
	setDate(p.takenOn, t.TakenOn)
	setDate(p.deadline, t.Deadline)
	p.responsible.SetText(t.Responsible)
	selectValue(p.stat, data.TaskStatuses, t.Status)
	p.progress.SetValue(t.Progress)
	setDate(p.closedOn, t.ClosedOn)
	p.closingNote.SetText(t.ClosingNote)
	p.note.SetText(t.Note)
	p.posterShown()
	p.kindShown()
}

// setPartners offers the live partner units (and the item's own, deleted since).
func (p *taskPage) setPartners() {
	units, err := p.v.env.Store.Partners()
	if err != nil {
		p.hint.SetError(kit.ErrorText(err))
		return
	}
	var labels, values []string
	for _, u := range units {
		labels, values = append(labels, u.Name), append(values, idValue(u.ID))
	}
	p.partner.SetOptions(labels, values)
}

func (p *taskPage) posterShown() {
	if chosen(data.TaskPosters, p.poster.SelectedIndex()) == data.PosterPartner {
		p.partner.Sel.Enable()
	} else {
		p.partner.Sel.Disable()
	}
}

// kindShown shows the target's field for the measure: an amount, households or a stage.
func (p *taskPage) kindShown() {
	var field fyne.CanvasObject = widget.NewLabel(lang.L("文字目标，没有数值"))
	switch k := chosen(targetKinds, p.kind.SelectedIndex()); {
	case data.IsMoneyTarget(k):
		field = container.NewBorder(nil, nil, nil, widget.NewLabel(lang.L("元")), p.money)
	case k == data.TargetHouseholds:
		field = container.NewBorder(nil, nil, nil, widget.NewLabel(lang.L("户")), p.households)
	case k == data.TargetStage:
		field = p.stage
	}
	p.targetBox.Objects = []fyne.CanvasObject{field}
	p.targetBox.Refresh()
}

// showProgress shows the saved item's progress bar and the warnings of its deadline.
func (p *taskPage) showProgress() {
	p.page.SetWarnings(nil)
	if p.t.ID == 0 {
		p.bar.SetValue(0)
		p.barText.SetText(lang.L("保存后按关联记录计算完成进度。"))
		return
	}
	pr, err := p.v.env.Store.TaskProgressOf(&p.t)
	if err != nil {
		p.barText.SetText(kit.ErrorText(err))
		return
	}
	percent := strconv.Itoa(pr.Percent) + "%"
	p.bar.TextFormatter = func() string { return percent } // the register's figure, not the float's
	p.bar.SetValue(float64(pr.Percent) / 100)
	p.barText.SetText(taskProgressText(&p.t, pr))
	today := data.Today()
	row := data.TaskRow{Task: p.t, Shown: p.t.StatusOn(today), DaysLeft: daysBetween(today, p.t.Deadline)}
	switch {
	case row.Shown == data.TaskOverdue:
		p.page.SetWarnings([]kit.Warning{{Text: lang.L("已逾期 {{.N}} 天：完成时限是 {{.Deadline}}。完成后把状态改为“已完成”并填写办结日期。",
			map[string]any{"N": -row.DaysLeft, "Deadline": p.t.Deadline.String()}), Danger: true}})
	case row.Shown == data.TaskOpen && row.DaysLeft <= 30:
		p.page.SetWarnings([]kit.Warning{{Text: daysLeftText(&row)}})
	}
}

// daysBetween is the days from a to b (negative when b is earlier).
func daysBetween(a, b data.Date) int { return int(b.Time().Sub(a.Time()).Hours() / 24) }

func (p *taskPage) villageID() int64 { return chosen(p.villageIDs, p.village.SelectedIndex()) }

// read turns the fields into an item; texts that do not parse come back as problems.
func (p *taskPage) read() (data.Task, *data.ValidationError) {
	x, parse := p.t, &data.ValidationError{}
	x.Title, x.Goal, x.Responsible, x.ClosingNote, x.Note = p.title.Text, p.goal.Text, p.responsible.Text, p.closingNote.Text, p.note.Text
	x.VillageID = p.villageID()
	x.Poster = chosen(data.TaskPosters, p.poster.SelectedIndex())
	x.PosterPartnerID = 0
	if x.Poster == data.PosterPartner {
		x.PosterPartnerID = idOf(p.partner.Value())
	}
	x.TargetKind = chosen(targetKinds, p.kind.SelectedIndex())
	x.TargetValue, x.TargetStage = 0, ""
	switch {
	case data.IsMoneyTarget(x.TargetKind):
		x.TargetValue = int64(parsedValue(&p.money.ParsedField, "TargetValue", parse))
	case x.TargetKind == data.TargetHouseholds:
		x.TargetValue = int64(parsedValue(&p.households.ParsedField, "TargetValue", parse))
	case x.TargetKind == data.TargetStage:
		x.TargetStage = chosen(targetStages, p.stage.SelectedIndex())
	}
	x.TakenOn = parsedValue(&p.takenOn.ParsedField, "TakenOn", parse)
	x.Deadline = parsedValue(&p.deadline.ParsedField, "Deadline", parse)
	x.Status = chosen(data.TaskStatuses, p.stat.SelectedIndex())
	x.Progress = parsedValue(&p.progress.ParsedField, "Progress", parse)
	x.ClosedOn = parsedValue(&p.closedOn.ParsedField, "ClosedOn", parse)
	return x, parse
}

func (p *taskPage) validate() *data.ValidationError {
	x, parse := p.read()
	return kit.MergeCheck(parse, p.v.env.Store.CheckTask(&x))
}

// save writes the item when nothing shows a problem; a new one then offers its links.
func (p *taskPage) save() {
	notice := p.v.reg.Notice
	var x data.Task
	isNew := p.t.ID == 0
	if !p.page.SaveRecord(notice, func() error { x, _ = p.read(); return p.v.env.Store.SaveTask(&x) }) {
		return
	}
	p.load(x)
	p.refreshLines()
	notice.Show(lang.L("已保存{{.What}}", map[string]any{"What": describeTask(&x)}), false)
	if isNew {
		p.page.Tabs.SelectIndex(1)
	}
}

// cancel drops unsaved typing (asking first); with nothing unsaved it goes back to the list.
func (p *taskPage) cancel() {
	p.page.Cancel(p.t.ID == 0, p.v.reg.Back, func() { p.load(p.t) })
}

// deleteTask deletes the item after asking and goes back to the list; Ctrl+Z restores it.
func (p *taskPage) deleteTask() {
	if p.t.ID == 0 {
		return
	}
	t := p.t
	what := describeTask(&t)
	p.v.reg.DeletePage(what, func() error { return p.v.env.Store.DeleteTask(t.ID) }, func() error { return p.v.env.Store.RestoreTask(t.ID) })
}

// refresh follows a change to the store: the fields (unless something typed is unsaved), the
// progress, the links and the evidence.
func (p *taskPage) refresh() {
	if p.t.ID == 0 {
		return
	}
	if !p.page.Form.Dirty() {
		t, err := p.v.env.Store.GetTask(p.t.ID)
		if errors.Is(err, data.ErrNotFound) {
			p.v.reg.ShowList()
			return
		}
		if err != nil {
			p.v.reg.Notice.ShowError(err)
			return
		}
		p.load(*t)
	} else {
		p.showProgress()
	}
	p.refreshLines()
}

func (p *taskPage) refreshLines() {
	if p.t.ID == 0 {
		return
	}
	p.links.reload()
	p.photos.Reload()
}

// taskLinks is 关联记录: the projects, contracts and sales events serving the item, each with
// 取消关联 (Ctrl+Z brings it back), and a picker that links one more.
type taskLinks struct {
	p       *taskPage
	list    *fyne.Container
	kind    *kit.Select
	choice  *kit.Choice
	add     *widget.Button
	message *widget.Label
	content fyne.CanvasObject
	rows    []data.TaskLinkRow
}

// linkKinds are what an item links to, as the picker offers them.
var linkKinds = []string{"项目", "合同", "销售场次"}

func newTaskLinks(p *taskPage) *taskLinks {
	l := &taskLinks{p: p, list: container.NewVBox()}
	l.choice = kit.NewChoice(lang.L("（请选择）"), nil, nil, func(string) { l.enable() })
	l.kind = kit.NewSelect(kit.Translated(linkKinds), lang.L("请选择"), func(string) { l.offer() })
	l.add = widget.NewButtonWithIcon(lang.L("关联"), theme.ContentAddIcon(), l.link)
	l.add.Disable()
	l.message = widget.NewLabel("")
	l.message.Wrapping = fyne.TextWrapWord
	kit.SecondaryText(l.message)
	picker := container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel(lang.L("关联")), l.kind), l.add, l.choice)
	hideInTown(p.v.env, picker)
	l.content = container.NewBorder(container.NewVBox(picker, l.message), nil, nil, nil, container.NewVScroll(l.list))
	return l
}

func (l *taskLinks) enable() {
	if idOf(l.choice.Value()) == 0 {
		l.add.Disable()
	} else {
		l.add.Enable()
	}
}

// offer lists the records of the chosen kind in the item's village: its projects and contracts,
// and its sales events in the item's period.
func (l *taskLinks) offer() {
	st, t := l.p.v.env.Store, l.p.t
	var labels, values []string
	var err error
	switch chosen(linkKinds, l.kind.SelectedIndex()) {
	case "项目":
		var ps []data.ProjectChoice
		ps, err = st.ProjectChoices(0)
		for _, x := range ps {
			labels, values = append(labels, x.Name), append(values, idValue(x.ID))
		}
	case "合同":
		var cs []data.ContractChoice
		cs, err = st.ContractChoices(t.VillageID, 0)
		for _, x := range cs {
			labels, values = append(labels, x.Label), append(values, idValue(x.ID))
		}
	case "销售场次":
		var es []data.EventChoice
		es, err = st.EventChoices(t.VillageID, t.TakenOn, t.Deadline, 0)
		for _, x := range es {
			labels, values = append(labels, x.Label), append(values, idValue(x.ID))
		}
	}
	if err != nil {
		l.message.SetText(kit.ErrorText(err))
	}
	l.choice.SetOptions(labels, values)
	l.enable()
}

func (l *taskLinks) link() {
	id := idOf(l.choice.Value())
	x := data.TaskLink{TaskID: l.p.t.ID}
	switch chosen(linkKinds, l.kind.SelectedIndex()) {
	case "项目":
		x.ProjectID = id
	case "合同":
		x.ContractID = id
	case "销售场次":
		x.EventID = id
	}
	if err := l.p.v.env.Store.AddTaskLink(&x); err != nil {
		l.p.v.env.Dialogs.ShowStoreError(err)
		return
	}
	l.choice.SetValue("")
	l.p.v.reg.Notice.Show(lang.L("已关联"), false)
}

// reload lists the item's links afresh.
func (l *taskLinks) reload() {
	rows, err := l.p.v.env.Store.TaskLinks(l.p.t.ID)
	if err != nil {
		l.message.SetText(kit.ErrorText(err))
		return
	}
	l.rows = rows
	l.list.RemoveAll()
	for _, r := range rows {
		detail := ""
		switch {
		case r.ProjectID != 0:
			detail = kit.Word(r.Stage)
		case r.EventID != 0:
			detail = r.Total.String()
		}
		unlink := widget.NewButtonWithIcon(lang.L("取消关联"), theme.ContentRemoveIcon(), func() { l.unlink(r) })
		hideInTown(l.p.v.env, unlink)
		open := widget.NewButtonWithIcon(lang.L("打开"), theme.NavigateNextIcon(), func() { openLinked(l.p.v.env, r.TaskLink) })
		l.list.Add(container.NewBorder(nil, nil, widget.NewLabel(kit.Word(r.Kind)), container.NewHBox(widget.NewLabel(detail), open, unlink),
			widget.NewLabel(r.Label)))
	}
	l.message.SetText(lang.L("关联的项目、合同和销售场次用来计算完成进度：销售额按关联的销售场次合计（没有关联时按本村期间内全部销售），带动户数按关联项目的带动农户数，项目阶段按关联的第一个项目。"))
	if l.kind.SelectedIndex() >= 0 {
		l.offer()
	}
}

// openLinked shows a linked record on its own screen (asking the item's page about unsaved typing first).
func openLinked(env *Env, x data.TaskLink) {
	switch {
	case x.ProjectID != 0:
		showProject(env, x.ProjectID)
	case x.ContractID != 0:
		showSanzi(env, func(s *sanziView) { s.openContract(x.ContractID) })
	case x.EventID != 0:
		env.Show("助农销售", func(sv *ScreenView) {
			if v, ok := kit.ViewOf[*salesView](sv.Content); ok {
				v.tabs.SelectIndex(salesTabEvents)
				v.events.open(x.EventID)
			}
		})
	}
}

func (l *taskLinks) unlink(r data.TaskLinkRow) {
	st := l.p.v.env.Store
	if err := st.DeleteTaskLink(r.ID); err != nil {
		l.p.v.env.Dialogs.ShowStoreError(err)
		return
	}
	l.p.v.reg.Deleted(lang.L("关联“{{.Label}}”", map[string]any{"Label": r.Label}), func() error { return st.RestoreTaskLink(r.ID) })
}

// Rows is how many links show.
func (l *taskLinks) Rows() int { return len(l.list.Objects) }
