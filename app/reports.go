package app

func reportsScreen(env *Env) *ScreenView { return placeholderView("报表", "nav.reports.soon") }
