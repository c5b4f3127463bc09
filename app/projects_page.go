package app

import (
	"cmp"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// Tabs of a project page, in order.
const (
	tabGeneral = iota
	tabMoney
	tabProgress
	tabAsset
)

// projectPage is one project: 基本信息, 资金, 进度 and 资产与收益.
type projectPage struct {
	pv   *projectsView
	form *projectForm

	title      *widget.Label
	stageLabel *widget.Label
	tabs       *container.AppTabs
	saveBtn    *widget.Button
	cancelBtn  *widget.Button
	deleteBtn  *widget.Button
	historyBtn *widget.Button
	decision   *decisionLink

	money    *moneySection
	progress *progressSection
	asset    *assetSection
	content  fyne.CanvasObject
}

func newProjectPage(pv *projectsView, p data.Project) *projectPage {
	pg := &projectPage{pv: pv}
	pg.form = newProjectForm(pv)
	pg.form.setChoices(pv.villages, pv.partners)

	back := widget.NewButtonWithIcon(lang.L("返回列表"), theme.NavigateBackIcon(), pv.backToList)
	pg.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	pg.title.SizeName = theme.SizeNameSubHeadingText
	pg.title.Truncation = fyne.TextTruncateEllipsis
	pg.stageLabel = widget.NewLabel("")
	pg.deleteBtn = widget.NewButtonWithIcon(lang.L("删除项目"), theme.DeleteIcon(), pg.deleteProject)
	pg.deleteBtn.Importance = widget.DangerImportance
	pg.historyBtn = newHistoryButton(pv.env, func() (string, int64, string) { return "projects", pg.id(), pg.form.project.Name })
	pg.decision = newDecisionLink(pv.env)
	del := container.NewHBox(pg.deleteBtn) // refresh shows and hides the button; a town hides its box
	hideInTown(pv.env, del)
	header := container.NewVBox(container.NewBorder(nil, nil, back, container.NewHBox(pg.stageLabel, pg.historyBtn, del), pg.title),
		pg.decision.box)

	pg.saveBtn = widget.NewButtonWithIcon(lang.L("保存 (Ctrl+S)"), theme.DocumentSaveIcon(), pg.save)
	pg.saveBtn.Importance = widget.HighImportance
	pg.cancelBtn = widget.NewButtonWithIcon(lang.L("取消 (Esc)"), theme.CancelIcon(), pg.cancel)
	hideInTown(pv.env, pg.saveBtn, pg.cancelBtn)
	pg.form.lc.Buttons = []*widget.Button{pg.saveBtn}
	pg.form.lc.OnDirty = pg.updateTitle
	pg.form.lc.Save = func() bool { pg.save(); return !pg.form.lc.Dirty() }

	general := container.NewBorder(nil, container.NewHBox(pg.saveBtn, pg.cancelBtn), nil, nil,
		container.NewVScroll(pg.form.general()))
	pg.money = newMoneySection(pg)
	pg.progress = newProgressSection(pg)
	pg.asset = newAssetSection(pg)

	pg.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("基本信息"), theme.InfoIcon(), general),
		container.NewTabItemWithIcon(lang.L("资金"), theme.StorageIcon(), pg.money.content),
		container.NewTabItemWithIcon(lang.L("进度"), theme.HistoryIcon(), pg.progress.content),
		container.NewTabItemWithIcon(lang.L("资产与收益"), theme.HomeIcon(), pg.asset.content),
	)
	pg.content = container.NewBorder(header, nil, nil, nil, pg.tabs)
	pg.form.load(p)
	pg.refresh()
	return pg
}

// id is the project's id, 0 while it is new.
func (pg *projectPage) id() int64 { return pg.form.project.ID }

// refresh re-reads everything but the fields being typed into.
func (pg *projectPage) refresh() {
	if pg.id() != 0 && !pg.form.lc.Dirty() {
		p, err := pg.pv.st.GetProject(pg.id())
		if err != nil {
			pg.pv.notice.ShowError(err)
			return
		}
		pg.form.load(*p)
	}
	isNew := pg.id() == 0
	for _, i := range []int{tabMoney, tabProgress, tabAsset} {
		if isNew {
			pg.tabs.DisableIndex(i)
		} else {
			pg.tabs.EnableIndex(i)
		}
	}
	if isNew {
		pg.deleteBtn.Hide()
		pg.historyBtn.Hide()
		pg.stageLabel.SetText("")
		pg.decision.box.Hide()
	} else {
		pg.deleteBtn.Show()
		pg.historyBtn.Show()
		stage, err := pg.pv.st.CurrentStage(pg.id())
		if err != nil {
			pg.stageLabel.SetText(kit.ErrorText(err))
		} else {
			pg.stageLabel.SetText(lang.L("当前阶段：{{.Stage}}", map[string]any{"Stage": lang.L(cmp.Or(stage, data.StageNone))}))
		}
		pg.showDecision(stage)
		pg.money.refresh()
		pg.progress.refresh()
		pg.asset.refresh()
	}
	pg.updateTitle()
}

// showDecision names the project's 四议两公开 decision, and warns when the project has moved past
// 公示 (it is at stage) without one.
func (pg *projectPage) showDecision(stage string) {
	p := pg.form.project
	d, err := pg.pv.st.DecisionOfProject(p.ID)
	fresh := data.Decision{Kind: "项目立项", ProjectID: p.ID, Matter: lang.L("{{.Name}}立项", map[string]any{"Name": p.Name})}
	if len(p.VillageIDs) > 0 {
		fresh.VillageID = p.VillageIDs[0]
	}
	warn := ""
	if data.PastPublicity(stage) {
		warn = lang.L("项目已过公示阶段（当前：{{.Stage}}），还没有“四议两公开”决策记录", map[string]any{"Stage": lang.L(stage)})
	}
	pg.decision.show(d, err, fresh, warn)
	pg.decision.box.Show()
}

func (pg *projectPage) updateTitle() {
	name := pg.form.project.Name
	if pg.id() == 0 {
		name = lang.L("新建项目")
	}
	if pg.form.lc.Dirty() {
		name += " *"
	}
	pg.title.SetText(name)
}

// save writes the project's own fields.
func (pg *projectPage) save() {
	isNew := pg.id() == 0
	if !pg.form.save() {
		return
	}
	pg.pv.notice.Show(lang.L("已保存项目“{{.Name}}”", map[string]any{"Name": pg.form.project.Name}), false)
	pg.refresh()
	if isNew {
		pg.pv.notice.Show(lang.L("已保存项目“{{.Name}}”，现在可以登记资金和进度", map[string]any{"Name": pg.form.project.Name}), false)
	}
}

// cancel drops unsaved typing (asking first); with nothing unsaved it goes back to the list.
func (pg *projectPage) cancel() {
	if !pg.form.lc.Dirty() {
		pg.pv.backToList()
		return
	}
	pg.form.lc.Guard(func() {
		if pg.id() == 0 {
			pg.pv.backToList()
			return
		}
		pg.refresh()
	})
}

// deleteProject deletes the project after confirmation and returns to the list; Ctrl+Z restores it.
func (pg *projectPage) deleteProject() {
	id := pg.id()
	if id == 0 {
		return
	}
	pg.pv.deleteProject(id, pg.form.project.Name, func() {
		pg.form.lc.Discard()
		pg.pv.backToList()
	})
}

// showChildDialog opens a small form over the project page (a funding line, a disbursement, a
// note …); onSave writes through the store and returns its refusal, if any.
func (pv *projectsView) showChildDialog(title string, form fyne.CanvasObject, targets map[string]kit.ErrorTarget,
	onSave func() error, focus fyne.Focusable) {
	pv.env.Dialogs.ShowForm(title, form, 560, targets, onSave, focus)
}

// deleteChild asks before deleting what (a project's funding line, stage, note …); Ctrl+Z restores it.
func (pv *projectsView) deleteChild(what string, del, restore func() error) {
	pv.env.Dialogs.ConfirmDelete(what, func() {
		if err := del(); err != nil {
			pv.env.Dialogs.ShowStoreError(err)
			return
		}
		pv.deleted(what, restore)
	})
}

// showRows fills a section's list: header (may be nil) and rows, or the remark empty when there are no rows.
func showRows(box *fyne.Container, header fyne.CanvasObject, rows []fyne.CanvasObject, empty string) {
	box.RemoveAll()
	if header != nil {
		box.Add(header)
	}
	for _, r := range rows {
		box.Add(r)
	}
	if len(rows) == 0 {
		box.Add(mutedLabel(empty))
	}
	box.Refresh()
}

// relayout fits a tab's page to rows added or removed in its sections: a box lays its rows out
// again when refreshed, but the boxes around it (and the next section's heading) only when they are.
func relayout(s *container.Scroll) {
	s.Content.Refresh()
	s.Refresh()
}

// rowButtons are the small edit and delete buttons at the end of a row; none in a town database.
func rowButtons(env *Env, edit, del func()) fyne.CanvasObject {
	box := container.NewHBox()
	hideInTown(env, box)
	if edit != nil {
		b := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), edit)
		b.Importance = widget.LowImportance
		box.Add(b)
	}
	if del != nil {
		b := widget.NewButtonWithIcon("", theme.DeleteIcon(), del)
		b.Importance = widget.LowImportance
		box.Add(b)
	}
	return box
}

// rightLabel is a right-aligned figure in a small list.
func rightLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Alignment = fyne.TextAlignTrailing
	return l
}

// boldLabel is a column heading in a small list.
func boldLabel(s string, right bool) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if right {
		l.Alignment = fyne.TextAlignTrailing
	}
	return l
}

// sectionTitle heads a part of a tab, with its add button on the right.
func sectionTitle(title string, add *widget.Button) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.SizeName = theme.SizeNameSubHeadingText
	if add == nil {
		return t
	}
	return container.NewBorder(nil, nil, t, add)
}
