package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"
)

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }
