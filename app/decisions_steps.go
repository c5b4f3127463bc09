package app

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// stepsSection is a decision's 步骤与表决: its steps in the procedure's order, one row each with
// the attendance, votes and what was posted, the rules checked; under them the photos and scans
// of the step chosen last. A step is typed in a form dialog.
type stepsSection struct {
	p       *decisionPage
	table   *kit.LedgerTable[data.DecisionStep]
	next    *widget.Label
	photos  *kit.PhotoGrid
	heading *widget.Label
	content fyne.CanvasObject

	list    []data.DecisionStep
	current data.DecisionStep // the step whose photos show (ID 0: none)
	editing *stepForm         // the step dialog opened last
	printed string            // the 登记表 written last
}

func newStepsSection(p *decisionPage) *stepsSection {
	s := &stepsSection{p: p}
	env := p.v.env
	s.table = kit.NewLedgerTable(stepColumns(), func(offset, limit int) ([]data.DecisionStep, error) {
		return pageOf(s.list, offset, limit), nil
	})
	// Delete deletes the chosen step (after asking), never the decision; other keys go to the screen.
	s.table.Table.Act = func(a kit.Action) {
		if a == kit.ActionDelete {
			s.deleteSelected()
		} else {
			env.Act(a)
		}
	}
	s.table.OnSelect = func(_ int, st data.DecisionStep) {
		s.table.Table.UnselectAll() // the step stays chosen for Delete; a second tap opens it again
		s.showPhotos(st)
		s.openStep(st)
	}
	s.photos = kit.NewPhotoGrid(env.Dialogs, lang.L("添加照片或扫描件"),
		lang.L("还没有照片或扫描件。可以把签到表、会议记录、公开栏的照片加进来。"))
	s.photos.List = func() ([]kit.Photo, error) {
		files, err := env.Store.StepFiles(s.current.ID)
		out := make([]kit.Photo, len(files))
		for i, f := range files {
			out[i] = kit.Photo{ID: f.ID, Name: f.FileName}
		}
		return out, err
	}
	s.photos.Data = env.Store.StepFileData
	s.photos.Add = func(name string, b []byte) error {
		f := &data.StepFile{StepID: s.current.ID, FileName: name, Mime: kit.PhotoMime(name), Data: b}
		if err := env.Store.AddStepFile(f); err != nil {
			return err
		}
		p.v.reg.Notice.Show(lang.L("已添加照片“{{.Name}}”", map[string]any{"Name": name}), false)
		return nil
	}
	s.photos.Delete = func(ph kit.Photo) {
		what := lang.L("照片“{{.Name}}”", map[string]any{"Name": ph.Name})
		env.Dialogs.ConfirmDelete(what, func() {
			if err := env.Store.DeleteStepFile(ph.ID); err != nil {
				env.Dialogs.ShowStoreError(err)
				return
			}
			p.v.reg.Deleted(what, func() error { return env.Store.RestoreStepFile(ph.ID) })
		})
	}
	add := widget.NewButtonWithIcon(lang.L("登记下一步 (Ctrl+N)"), theme.ContentAddIcon(), s.newStep)
	add.Importance = widget.HighImportance
	hideInTown(env, add)
	printBtn := widget.NewButtonWithIcon(lang.L("打印登记表"), theme.DocumentPrintIcon(), s.print)
	s.next = widget.NewLabel("")
	s.next.Truncation = fyne.TextTruncateEllipsis
	kit.SecondaryText(s.next)
	s.heading = boldTitle("")
	s.heading.Truncation = fyne.TextTruncateEllipsis
	photos := container.NewBorder(s.heading, nil, nil, nil, s.photos.Content())
	split := container.NewVSplit(
		container.NewBorder(container.NewBorder(nil, nil, boldTitle(lang.L("步骤")), container.NewHBox(add, printBtn), s.next), nil, nil, nil, s.table.Table),
		photos)
	split.SetOffset(0.75)
	s.content = split
	s.showPhotos(data.DecisionStep{})
	return s
}

func stepColumns() []kit.LedgerColumn[data.DecisionStep] {
	count := func(get func(st *data.DecisionStep) int) func(st *data.DecisionStep) string {
		return func(st *data.DecisionStep) string {
			if !data.IsMeeting(st.Step) {
				return ""
			}
			return strconv.Itoa(get(st))
		}
	}
	return []kit.LedgerColumn[data.DecisionStep]{
		{Title: "步骤", Width: 170, Text: func(st *data.DecisionStep) string { return lang.L(st.Step) }},
		{Title: "日期", Width: 100, Whole: true, Text: func(st *data.DecisionStep) string { return st.Date.String() }},
		{Title: "形式", Width: 80, Text: func(st *data.DecisionStep) string { return st.Form }},
		{Title: "地点", Width: 130, Text: func(st *data.DecisionStep) string { return st.Place }},
		{Title: "应到", Width: 50, Right: true, Text: count(func(st *data.DecisionStep) int { return st.Expected })},
		{Title: "实到", Width: 50, Right: true, Text: count(func(st *data.DecisionStep) int { return st.Present })},
		{Title: "同意", Width: 50, Right: true, Text: count(func(st *data.DecisionStep) int { return st.For })},
		{Title: "反对", Width: 50, Right: true, Text: count(func(st *data.DecisionStep) int { return st.Against })},
		{Title: "弃权", Width: 50, Right: true, Text: count(func(st *data.DecisionStep) int { return st.Abstain })},
		{Title: "公开天数", Width: 70, Right: true, Text: func(st *data.DecisionStep) string {
			if data.IsMeeting(st.Step) || st.Days == 0 {
				return ""
			}
			return strconv.Itoa(st.Days)
		}},
		{Title: "内容或反馈", Width: 200, Text: func(st *data.DecisionStep) string {
			if data.IsMeeting(st.Step) {
				return st.Content
			}
			return strings.TrimSpace(st.Content + " " + st.Feedback)
		}},
		{Title: "规则核对", Width: 200, Text: func(st *data.DecisionStep) string {
			failed := failedFindings(*st)
			if len(failed) == 0 && data.IsMeeting(st.Step) {
				return lang.L("符合规定")
			}
			return failedText(failed)
		}, Importance: func(st *data.DecisionStep) widget.Importance { return findingsImportance(failedFindings(*st)) }},
	}
}

// failedFindings are the rules step st fails or cannot be checked against.
func failedFindings(st data.DecisionStep) []data.Finding {
	var out []data.Finding
	for _, f := range data.StepFindings(st) {
		if !f.OK {
			out = append(out, f)
		}
	}
	return out
}

// findingText says what a rule found on step st, with its numbers.
func findingText(f data.Finding, st data.DecisionStep) string {
	args := map[string]any{"Step": lang.L(st.Step), "Expected": st.Expected, "Present": st.Present, "For": st.For,
		"Households": st.Households, "HouseholdsPresent": st.HouseholdsPresent}
	switch {
	case f.Rule == data.RuleMissing:
		return lang.L("{{.Step}}：没有登记应到、实到人数或表决票数，无法核对", args)
	case f.Rule == data.RuleMajority && f.OK:
		return lang.L("{{.Step}}：实到 {{.Present}} 人，同意 {{.For}} 票，超过半数，通过", args)
	case f.Rule == data.RuleMajority:
		return lang.L("{{.Step}}：实到 {{.Present}} 人，同意 {{.For}} 票，未超过半数，未通过", args)
	case st.Step == data.StepResolveAll && f.OK:
		return lang.L("{{.Step}}：到会村民 {{.Present}} 人（应到 {{.Expected}} 人）、{{.HouseholdsPresent}} 户（共 {{.Households}} 户），到会人数符合规定", args)
	case st.Step == data.StepResolveAll:
		return lang.L("{{.Step}}：到会村民 {{.Present}} 人（应到 {{.Expected}} 人）、{{.HouseholdsPresent}} 户（共 {{.Households}} 户），既未超过半数村民，也未达到三分之二户数", args)
	case f.OK:
		return lang.L("{{.Step}}：应到 {{.Expected}} 人，实到 {{.Present}} 人，达到三分之二", args)
	}
	return lang.L("{{.Step}}：应到 {{.Expected}} 人，实到 {{.Present}} 人，未达到三分之二", args)
}

// reload reads the steps of the saved decision and shows the rules they fail on the page.
func (s *stepsSection) reload() {
	d := s.p.d
	if d.ID == 0 {
		s.list = nil
		s.table.Reset(0, nil)
		s.p.page.SetWarnings(nil)
		return
	}
	list, err := s.p.v.env.Store.DecisionStepsOf(d.ID)
	if err != nil {
		s.next.SetText(kit.ErrorText(err))
		return
	}
	s.list = list
	s.table.Reset(len(list), nil)
	s.p.showFindings(list)
	if next := s.nextStep(); next != "" {
		s.next.SetText(lang.L("下一步：{{.Step}}", map[string]any{"Step": lang.L(next)}))
	} else {
		s.next.SetText(lang.L("六个步骤都已登记"))
	}
	if i := slices.IndexFunc(list, func(x data.DecisionStep) bool { return x.ID == s.current.ID }); i >= 0 {
		s.showPhotos(list[i])
	} else {
		s.showPhotos(data.DecisionStep{})
	}
}

// nextStep is the step that comes after those recorded ("" when the last is recorded); with 一肩挑
// the 两委会商议 is skipped.
func (s *stepsSection) nextStep() string {
	done := map[string]bool{}
	for _, st := range s.list {
		done[st.Step] = true
	}
	for _, step := range data.DecisionSteps {
		switch {
		case step == data.StepDiscuss && s.p.d.Merged:
		case step == data.StepResolveAll:
		case step == data.StepResolve && done[data.StepResolveAll]:
		case !done[step]:
			return step
		}
	}
	return ""
}

// showPhotos shows the photos of step st (ID 0: none chosen yet).
func (s *stepsSection) showPhotos(st data.DecisionStep) {
	s.current = st
	if st.ID == 0 {
		s.heading.SetText(lang.L("照片和扫描件：点一个步骤查看"))
		s.photos.Content().Hide()
		return
	}
	s.heading.SetText(lang.L("“{{.Step}}”的照片和扫描件", map[string]any{"Step": lang.L(st.Step)}))
	s.photos.Content().Show()
	s.photos.Reload()
}

// newStep opens the form of the next step, dated today.
func (s *stepsSection) newStep() {
	if s.p.d.ID == 0 {
		return
	}
	next := s.nextStep()
	if next == "" {
		s.p.v.reg.Notice.Show(lang.L("这项决策的六个步骤都已登记"), false)
		return
	}
	// A meeting is held where the last one was; a decision is posted on the 公开栏 for seven days.
	st := data.DecisionStep{DecisionID: s.p.d.ID, Step: next, Date: data.Today(), Form: lang.L("公开栏"), Place: lang.L("村务公开栏"), Days: 7}
	if data.IsMeeting(next) {
		st.Form, st.Place, st.Days = lang.L("会议"), "", 0
		for _, x := range s.list {
			if data.IsMeeting(x.Step) {
				st.Place = x.Place
			}
		}
	}
	s.openStep(st)
}

// deleteSelected deletes the chosen step after asking; Ctrl+Z brings it back.
func (s *stepsSection) deleteSelected() {
	st, ok := s.table.Row(s.table.Selected())
	if !ok {
		return
	}
	s.deleteStep(st)
}

func (s *stepsSection) deleteStep(st data.DecisionStep) {
	env := s.p.v.env
	what := lang.L("步骤“{{.Step}}”（{{.Date}}）", map[string]any{"Step": lang.L(st.Step), "Date": st.Date.String()})
	env.Dialogs.ConfirmDelete(what, func() {
		if err := env.Store.DeleteDecisionStep(st.ID); err != nil {
			env.Dialogs.ShowStoreError(err)
			return
		}
		s.table.ClearSelection()
		s.p.v.reg.Deleted(what, func() error { return env.Store.RestoreDecisionStep(st.ID) })
	})
}

// stepForm is a step's fields in the step dialog; the meeting's and the posting's show by step.
type stepForm struct {
	step                                  *kit.Select
	stepHint                              *kit.HintLabel
	date                                  *kit.DateField
	form, place                           *kit.TextField
	expected, present, households, hhHere *kit.CountField
	votesFor, against, abstain, days      *kit.CountField
	content, feedback                     *kit.NoteField
	findings                              *widget.Label
	meeting, villagers, posting           *fyne.Container
	placeLabel, contentLabel              *widget.Label
}

// openStep edits step st (ID 0: a new one) in a form dialog. The rules are checked as the numbers
// are typed and said under them; they never stop the save.
func (s *stepsSection) openStep(st data.DecisionStep) {
	env := s.p.v.env
	steps := slices.DeleteFunc(slices.Clone(data.DecisionSteps), func(x string) bool { return x == data.StepDiscuss && s.p.d.Merged })
	f := &stepForm{}
	s.editing = f
	f.step = kit.NewSelect(kit.Translated(steps), lang.L("请选择步骤"), nil)
	f.stepHint = kit.NewHintLabel()
	f.date = kit.NewDateFieldAt(env.Win, st.Date)
	f.form, f.place = kit.NewTextField(), kit.NewTextField()
	f.form.SetPlaceHolder(lang.L("例如 会议、公开栏、微信群"))
	f.expected, f.present, f.households, f.hhHere = kit.NewCountField(), kit.NewCountField(), kit.NewCountField(), kit.NewCountField()
	f.votesFor, f.against, f.abstain, f.days = kit.NewCountField(), kit.NewCountField(), kit.NewCountField(), kit.NewCountField()
	f.content, f.feedback = kit.NewNoteField(), kit.NewNoteField()
	f.findings = widget.NewLabel("")
	f.findings.Wrapping = fyne.TextWrapWord
	f.placeLabel, f.contentLabel = widget.NewLabel(""), widget.NewLabel("")
	selectValue(f.step, steps, st.Step)
	f.form.SetText(st.Form)
	f.place.SetText(st.Place)
	for _, c := range []struct {
		f *kit.CountField
		v int
	}{{f.expected, st.Expected}, {f.present, st.Present}, {f.households, st.Households}, {f.hhHere, st.HouseholdsPresent},
		{f.votesFor, st.For}, {f.against, st.Against}, {f.abstain, st.Abstain}, {f.days, st.Days}} {
		c.f.SetValue(c.v)
	}
	f.content.SetText(st.Content)
	f.feedback.SetText(st.Feedback)

	// Attendance and votes side by side, so a meeting's form fits a small screen without scrolling.
	side := func(label string, fields ...*kit.CountField) []fyne.CanvasObject {
		row, hints := container.NewGridWithColumns(len(fields)), container.NewVBox()
		for _, c := range fields {
			row.Add(c)
			hints.Add(c.Hint)
		}
		return []fyne.CanvasObject{widget.NewLabel(label), container.NewVBox(row, hints)}
	}
	f.expected.SetPlaceHolder(lang.L("应到"))
	f.present.SetPlaceHolder(lang.L("实到"))
	f.households.SetPlaceHolder(lang.L("全村户数"))
	f.hhHere.SetPlaceHolder(lang.L("到会户数"))
	f.votesFor.SetPlaceHolder(lang.L("同意"))
	f.against.SetPlaceHolder(lang.L("反对"))
	f.abstain.SetPlaceHolder(lang.L("弃权"))
	f.meeting = container.NewVBox(kit.FormGrid(side(lang.L("应到、实到人数"), f.expected, f.present)))
	f.villagers = container.NewVBox(kit.FormGrid(side(lang.L("全村户数、到会户数"), f.households, f.hhHere)))
	f.meeting.Add(f.villagers)
	f.meeting.Add(kit.FormGrid(side(lang.L("同意、反对、弃权"), f.votesFor, f.against, f.abstain)))
	f.posting = container.NewVBox(kit.FormGrid(
		kit.FieldRow(lang.L("公开天数"), f.days, f.days.Hint),
		kit.FieldRow(lang.L("反馈意见"), f.feedback, f.feedback.Hint)))
	form := container.NewVBox(kit.FormGrid(
		kit.FieldRow(lang.L("步骤"), f.step, f.stepHint),
		kit.FieldRow(lang.L("日期"), f.date, f.date.Hint),
		kit.FieldRow(lang.L("形式"), f.form, f.form.Hint),
		[]fyne.CanvasObject{f.placeLabel, container.NewVBox(f.place, f.place.Hint)},
	), f.meeting, f.posting, kit.FormGrid(
		[]fyne.CanvasObject{f.contentLabel, container.NewVBox(f.content, f.content.Hint)},
	), f.findings)
	var fd *kit.FormDialog
	if st.ID != 0 && !s.p.v.env.Dialogs.ReadOnly {
		del := widget.NewButtonWithIcon(lang.L("删除这一步"), theme.DeleteIcon(), func() {
			fd.Close()
			s.deleteStep(st)
		})
		del.Importance = widget.DangerImportance
		form.Add(container.NewHBox(layout.NewSpacer(), del))
	}
	read := func() (data.DecisionStep, *data.ValidationError) {
		y, problems := st, &data.ValidationError{}
		y.Step = chosen(steps, f.step.SelectedIndex())
		y.Date = parsedValue(&f.date.ParsedField, "Date", problems)
		y.Form, y.Place, y.Content = f.form.Text, f.place.Text, f.content.Text
		y.Expected, y.Present, y.Households, y.HouseholdsPresent, y.For, y.Against, y.Abstain, y.Days, y.Feedback = 0, 0, 0, 0, 0, 0, 0, 0, ""
		if data.IsMeeting(y.Step) {
			y.Expected = parsedValue(&f.expected.ParsedField, "Expected", problems)
			y.Present = parsedValue(&f.present.ParsedField, "Present", problems)
			y.For = parsedValue(&f.votesFor.ParsedField, "For", problems)
			y.Against = parsedValue(&f.against.ParsedField, "Against", problems)
			y.Abstain = parsedValue(&f.abstain.ParsedField, "Abstain", problems)
			if y.Step == data.StepResolveAll {
				y.Households = parsedValue(&f.households.ParsedField, "Households", problems)
				y.HouseholdsPresent = parsedValue(&f.hhHere.ParsedField, "HouseholdsPresent", problems)
			}
		} else if y.Step != "" {
			y.Days = parsedValue(&f.days.ParsedField, "Days", problems)
			y.Feedback = f.feedback.Text
		}
		return y, problems
	}
	shown := func() {
		y, _ := read()
		f.shownFor(y)
	}
	shown() // before the dialog measures the form: the other kind of step's fields hidden
	title := lang.L("登记步骤")
	if st.ID != 0 {
		title = lang.L("修改步骤")
	}
	targets := map[string]kit.ErrorTarget{"Step": f.stepHint, "Date": f.date, "Form": f.form, "Place": f.place, "Expected": f.expected,
		"Present": f.present, "Households": f.households, "HouseholdsPresent": f.hhHere, "For": f.votesFor, "Against": f.against,
		"Abstain": f.abstain, "Content": f.content, "Days": f.days, "Feedback": f.feedback}
	fd = env.Dialogs.ShowForm(title, form, 640, targets, func() error {
		y, _ := read()
		if err := env.Store.SaveDecisionStep(&y); err != nil {
			return err
		}
		s.p.v.reg.Notice.Show(lang.L("已登记“{{.Step}}”（{{.Date}}）", map[string]any{"Step": lang.L(y.Step), "Date": y.Date.String()}), false)
		s.current = y
		return nil
	}, f.date)
	fd.Validate = func() *data.ValidationError {
		y, problems := read()
		return kit.MergeCheck(problems, env.Store.CheckDecisionStep(&y))
	}
	edited := func(field string) func() { return func() { shown(); fd.Edited(field) } }
	f.step.OnChanged = func(string) { shown(); fd.Edited("Step") }
	f.date.OnEdit = edited("Date")
	f.form.OnChanged = func(string) { fd.Edited("Form") }
	f.place.OnChanged = func(string) { fd.Edited("Place") }
	for field, c := range map[string]*kit.CountField{"Expected": f.expected, "Present": f.present, "Households": f.households,
		"HouseholdsPresent": f.hhHere, "For": f.votesFor, "Against": f.against, "Abstain": f.abstain, "Days": f.days} {
		c.OnEdit = edited(field)
	}
	f.content.OnChanged = func(string) { fd.Edited("Content") }
	f.feedback.OnChanged = func(string) { fd.Edited("Feedback") }
}

// shownFor shows the fields step y takes (a meeting's attendance and votes, or a posting's days
// and feedback) and the rules as they stand with the numbers typed.
func (f *stepForm) shownFor(y data.DecisionStep) {
	meeting := data.IsMeeting(y.Step)
	f.meeting.Hidden = !meeting
	f.villagers.Hidden = y.Step != data.StepResolveAll
	f.posting.Hidden = meeting || y.Step == ""
	if meeting || y.Step == "" {
		f.placeLabel.SetText(lang.L("地点"))
		f.contentLabel.SetText(lang.L("决定内容"))
	} else {
		f.placeLabel.SetText(lang.L("公开位置"))
		f.contentLabel.SetText(lang.L("公开内容"))
	}
	var lines []string
	imp := widget.SuccessImportance
	for _, x := range data.StepFindings(y) {
		lines = append(lines, findingText(x, y))
		if !x.OK {
			imp = widget.DangerImportance
		}
	}
	f.findings.SetText(strings.Join(lines, "\n"))
	f.findings.Importance = imp
	f.findings.Hidden = len(lines) == 0
	f.findings.Refresh()
	f.meeting.Refresh()
	f.posting.Refresh()
}
