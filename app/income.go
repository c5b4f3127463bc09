package app

func incomeScreen(env *Env) *ScreenView { return placeholderView("集体收入", "nav.income.soon") }
