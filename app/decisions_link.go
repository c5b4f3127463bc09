package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// decisionLink is the line of a project's or a contract's page naming its 四议两公开 decision, with a
// button that opens it in 村务, or, without one, a new decision about the record.
type decisionLink struct {
	env   *Env
	label *widget.Label
	btn   *widget.Button
	box   fyne.CanvasObject

	d     *data.Decision // the decision shown; nil none
	fresh data.Decision  // a new decision starts from this
}

func newDecisionLink(env *Env) *decisionLink {
	l := &decisionLink{env: env, label: widget.NewLabel("")}
	l.label.Wrapping = fyne.TextWrapWord
	l.btn = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), l.open)
	l.box = container.NewBorder(nil, nil, nil, container.NewVBox(l.btn), l.label)
	return l
}

// show names decision d (nil: none, with warn as a warning when it is not ""), read with err; a
// new decision starts from fresh.
func (l *decisionLink) show(d *data.Decision, err error, fresh data.Decision, warn string) {
	l.d, l.fresh = d, fresh
	l.label.Importance = widget.MediumImportance
	switch {
	case err != nil:
		l.label.SetText(kit.ErrorText(err))
		l.label.Importance = widget.DangerImportance
		l.btn.Hide()
		return
	case d != nil:
		l.label.SetText(lang.L("四议两公开：“{{.Matter}}”", map[string]any{"Matter": d.Matter}))
		l.btn.SetText(lang.L("打开决策"))
	case warn != "":
		l.label.SetText(warn)
		l.label.Importance = widget.WarningImportance
		l.btn.SetText(lang.L("新增决策"))
	default:
		l.label.SetText(lang.L("还没有关联的“四议两公开”决策记录"))
		l.btn.SetText(lang.L("新增决策"))
	}
	l.label.Refresh()
	l.btn.Show()
	if d == nil {
		hideInTown(l.env, l.btn) // 新增决策
	}
}

// open shows the decision in 村务, or a new one about the record.
func (l *decisionLink) open() {
	d, fresh := l.d, l.fresh
	showAffairs(l.env, func(v *decisionsView) {
		if d != nil {
			v.open(d.ID)
			return
		}
		v.guard(func() { v.startNew(fresh) })
	})
}
