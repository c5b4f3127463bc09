package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// placeholderView is a screen that says what will come here.
func placeholderView(title, descKey string) *ScreenView {
	heading := widget.NewLabelWithStyle(lang.L(title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = "headingText"
	desc := widget.NewLabel(lang.L(descKey))
	desc.Wrapping = fyne.TextWrapWord
	return &ScreenView{Content: container.NewPadded(container.NewVBox(heading, desc))}
}
