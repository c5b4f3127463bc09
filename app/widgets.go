package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"
)

// modalOpen reports whether a dialog covers win (a field's suggestion pop-up does not count). The
// window still hands Ctrl+S to the screen then, for a screen's own dialog that saves; any other
// Ctrl+S must not start a second save or dialog behind the open one.
func modalOpen(win fyne.Window) bool {
	if win == nil {
		return false
	}
	for _, o := range win.Canvas().Overlays().List() {
		if isModal(o) {
			return true
		}
	}
	return false
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }
