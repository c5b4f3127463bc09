package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Holder is a screen's content as the window holds it: a widget around the layout that also keeps
// the screen's state, so tests reach it from the content the window shows.
type Holder[T any] struct {
	widget.BaseWidget
	view  T
	inner fyne.CanvasObject
}

func NewHolder[T any](view T, inner fyne.CanvasObject) *Holder[T] {
	h := &Holder[T]{view: view, inner: inner}
	h.ExtendBaseWidget(h)
	return h
}

func (h *Holder[T]) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(h.inner) }

// ViewOf returns the state of a screen whose content is a Holder[T] (false otherwise).
func ViewOf[T any](o fyne.CanvasObject) (T, bool) {
	h, ok := o.(*Holder[T])
	if !ok {
		var zero T
		return zero, false
	}
	return h.view, true
}
