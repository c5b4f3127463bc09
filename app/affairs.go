package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"cunji/app/kit"
)

// affairsTitle is 村务's title in screens(): how the village is run and what the first secretary
// answers for (四议两公开, 驻村工作日志, 揭榜挂帅), each a part in its own tab so the rail stays short.
const affairsTitle = "村务"

// affairsPart is one tab of 村务. Each part keeps its own register and pages.
type affairsPart interface {
	content() fyne.CanvasObject
	action(kit.Action)    // a keyboard command while the part's tab is visible
	shown()               // the screen or the tab became visible: read afresh
	guard(proceed func()) // ask about unsaved typing, then proceed (or not)
}

// affairsTab is a part as the screen lists it; tabs appear in this order.
type affairsTab struct {
	title string // translation key of the tab's title
	icon  fyne.Resource
	build func(env *Env) affairsPart
}

// affairsTabs lists 村务's tabs once; a function because theme icons need the Fyne app the verbs lack.
func affairsTabs() []affairsTab {
	return []affairsTab{
		{"四议两公开", theme.ListIcon(), newDecisionsView},
		{"工作日志", theme.CalendarIcon(), newWorklogPart},
		{"揭榜挂帅", theme.ConfirmIcon(), func(env *Env) affairsPart { return newTasksView(env) }},
	}
}

type affairsView struct {
	env   *Env
	tabs  *container.AppTabs
	parts []affairsPart
	shown int // the tab last shown, whose unsaved work a switch asks about
}

func affairsScreen(env *Env) *ScreenView {
	a := &affairsView{env: env}
	a.tabs = container.NewAppTabs()
	for _, t := range affairsTabs() {
		p := t.build(env)
		a.parts = append(a.parts, p)
		a.tabs.Append(container.NewTabItemWithIcon(lang.L(t.title), t.icon, p.content()))
	}
	a.tabs.OnSelected = func(*container.TabItem) { a.tabSelected() }
	return &ScreenView{Content: kit.NewHolder(a, a.tabs), OnAction: a.action, OnShow: a.onShow, CanLeave: a.canLeave}
}

// showAffairs shows 村务 at the part of type T (asking the visible screen first about unsaved
// work) and hands that part to then: how 首页, a project or a contract opens a decision.
func showAffairs[T affairsPart](env *Env, then func(T)) {
	env.Show(affairsTitle, func(sv *ScreenView) {
		a, ok := kit.ViewOf[*affairsView](sv.Content)
		if !ok {
			return
		}
		for i, p := range a.parts {
			if part, ok := p.(T); ok {
				a.tabs.SelectIndex(i)
				then(part)
				return
			}
		}
	})
}

func (a *affairsView) current() affairsPart { return a.parts[a.tabs.SelectedIndex()] }

func (a *affairsView) action(act kit.Action) { a.current().action(act) }

func (a *affairsView) onShow() { a.current().shown() }

func (a *affairsView) canLeave(proceed func()) { a.current().guard(proceed) }

// tabSelected asks the tab being left about unsaved typing; keeping it switches back.
func (a *affairsView) tabSelected() {
	next := a.tabs.SelectedIndex()
	if next == a.shown {
		return
	}
	prev := a.shown
	a.tabs.SelectIndex(prev)
	a.parts[prev].guard(func() {
		a.shown = next
		a.tabs.SelectIndex(next)
		a.parts[next].shown()
	})
}
