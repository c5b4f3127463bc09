package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// RunStartupError shows why the database could not be opened, in a window of its own, and blocks until it closes.
// The message comes from data.OpenError and is Chinese; nothing has been written to the file.
func RunStartupError(a fyne.App, err error) {
	a.Settings().SetTheme(NewTheme())
	w := a.NewWindow(lang.L("无法打开数据库"))
	msg := widget.NewLabel(errorText(err))
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton(lang.L("退出"), func() { a.Quit() })
	quit.Importance = widget.HighImportance
	heading := widget.NewLabelWithStyle(lang.L("无法打开数据库"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = "subHeadingText"
	w.SetContent(container.NewPadded(container.NewBorder(heading, container.NewHBox(layoutSpacer(), quit), nil, nil, msg)))
	w.Resize(fyne.NewSize(600, 280))
	w.SetMaster()
	w.ShowAndRun()
}
