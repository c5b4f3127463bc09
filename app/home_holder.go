package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// viewHolder is a screen's content as the window holds it: a widget around the layout that also
// keeps the screen's state, so tests can reach it from ScreenView.Content.
type viewHolder[T any] struct {
	widget.BaseWidget
	view  T
	inner fyne.CanvasObject
}

func newViewHolder[T any](view T, inner fyne.CanvasObject) *viewHolder[T] {
	c := &viewHolder[T]{view: view, inner: inner}
	c.ExtendBaseWidget(c)
	return c
}

func (c *viewHolder[T]) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(c.inner)
}

// viewOf returns the state of a screen built with viewHolder (nil, false otherwise).
func viewOf[T any](o fyne.CanvasObject) (T, bool) {
	h, ok := o.(*viewHolder[T])
	if !ok {
		var zero T
		return zero, false
	}
	return h.view, true
}

// uiDo hands work from a background goroutine to the Fyne thread. Tests swap it for a queue they
// drain themselves: Fyne's test driver would run fn at once on the background goroutine.
var uiDo = fyne.Do
