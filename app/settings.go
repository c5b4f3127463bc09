package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

func settingsScreen(env *Env) *ScreenView {
	heading := widget.NewLabelWithStyle(lang.L("设置"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = "headingText"
	return &ScreenView{Content: container.NewPadded(container.NewVBox(heading, languageSetting(env), storageInfo(env)))}
}

// languageChoices maps the shown names to the codes stored in preferences.
var languageChoices = []struct{ code, label string }{{LangChinese, "中文"}, {LangEnglish, "English"}}

func languageSetting(env *Env) fyne.CanvasObject {
	labels := make([]string, len(languageChoices))
	for i, c := range languageChoices {
		labels[i] = lang.L(c.label)
	}
	note := widget.NewLabel("")
	sel := widget.NewSelect(labels, nil)
	stored := env.App.Preferences().StringWithFallback(PrefLanguage, LangChinese)
	for i, c := range languageChoices {
		if c.code == stored {
			sel.SetSelectedIndex(i)
		}
	}
	sel.OnChanged = func(string) {
		code := languageChoices[sel.SelectedIndex()].code
		if code == env.App.Preferences().StringWithFallback(PrefLanguage, LangChinese) {
			return
		}
		env.App.Preferences().SetString(PrefLanguage, code)
		note.SetText(lang.L("language.restart"))
	}
	return widget.NewForm(widget.NewFormItem(lang.L("语言"), container.NewVBox(sel, note)))
}

func storageInfo(env *Env) fyne.CanvasObject {
	form := widget.NewForm()
	if env.Store != nil {
		form.Append(lang.L("数据库文件"), widget.NewLabel(env.Store.Path()))
		form.Append(lang.L("备份文件夹"), widget.NewLabel(env.Store.BackupDir()))
	}
	form.Append(lang.L("版本"), widget.NewLabel(env.Version))
	form.Append("", widget.NewLabel(lang.L("快捷键：Ctrl+1 至 Ctrl+6 切换页面")))
	return form
}
