package app

func homeScreen(env *Env) *ScreenView { return placeholderView("首页", "nav.home.soon") }
