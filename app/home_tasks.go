package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// homeTasks is 首页's 揭榜挂帅: the open 榜单 items with their days left and progress, overdue ones
// first and in red, each opening its page on 村务. Hidden while nothing is open. The dashboard's
// one background read fetches them with its figures.
type homeTasks struct {
	env     *Env
	rows    *fyne.Container
	content fyne.CanvasObject
}

// homeTaskRows is how many open items 首页 lists: few, so the figures stay in view.
const homeTaskRows = 5

func newHomeTasks(env *Env) *homeTasks {
	h := &homeTasks{env: env, rows: container.NewVBox()}
	title := widget.NewLabelWithStyle(lang.L("揭榜挂帅（进行中）"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Importance = widget.HighImportance
	h.content = kit.Panel(container.NewVBox(title, h.rows))
	h.content.Hide()
	return h
}

// show lists the open items the dashboard's load read.
func (h *homeTasks) show(tasks []data.TaskRow) {
	h.rows.RemoveAll()
	defer h.content.Refresh()
	if len(tasks) == 0 {
		h.content.Hide()
		return
	}
	lefts := make([]*widget.Label, len(tasks))
	var leftWidth float32 // the widest days-left text: every row's bar starts at the same place
	for i, r := range tasks {
		lefts[i] = widget.NewLabelWithStyle(daysLeftText(&r), fyne.TextAlignTrailing, fyne.TextStyle{Bold: r.Shown == data.TaskOverdue})
		lefts[i].Importance = taskImportance(&r)
		leftWidth = max(leftWidth, lefts[i].MinSize().Width)
	}
	for i, r := range tasks {
		id := r.ID
		btn := widget.NewButton(r.Title, func() { showAffairs(h.env, func(v *tasksView) { v.open(id) }) })
		btn.Alignment = widget.ButtonAlignLeading
		btn.Importance = widget.LowImportance
		bar := widget.NewProgressBar()
		bar.SetValue(float64(r.Progress.Percent) / 100)
		percent := strconv.Itoa(r.Progress.Percent) + "%"
		bar.TextFormatter = func() string { return percent }
		h.rows.Add(container.NewBorder(nil, nil, nil, container.NewHBox(kit.Sized(bar, 140), kit.Sized(lefts[i], leftWidth)), btn))
	}
	h.content.Show()
}
