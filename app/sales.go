package app

func salesScreen(env *Env) *ScreenView { return placeholderView("助农销售", "nav.sales.soon") }
