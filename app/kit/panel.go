package kit

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
)

var (
	colorPanel       = color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
	colorPanelBorder = color.NRGBA{R: 0xD8, G: 0xDF, B: 0xDB, A: 0xFF}
)

// Panel is a white box with a thin border and rounded corners around inner (a dashboard card,
// a section of 设置).
func Panel(inner fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(colorPanel)
	bg.StrokeColor = colorPanelBorder
	bg.StrokeWidth = 1
	bg.CornerRadius = 6
	return container.NewPadded(container.NewStack(bg, container.NewPadded(inner)))
}

// Sized gives o a minimum width (an entry in an HBox is otherwise as narrow as its placeholder).
func Sized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.New(layout.NewGridWrapLayout(fyne.NewSize(width, o.MinSize().Height)), o)
}
