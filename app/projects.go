package app

func projectsScreen(env *Env) *ScreenView {
	return placeholderView("帮扶项目", "nav.projects.soon")
}
