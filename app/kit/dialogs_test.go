package kit_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
)

// A file dialog grown to its readable size after it is shown stays centred in the window, its
// buttons in view, rather than running off the bottom edge.
func TestFileDialogStaysInsideTheWindow(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel("台账"))
	defer w.Close()
	w.Resize(fyne.NewSize(1280, 680))
	ds := kit.NewDialogs(w)
	ds.ShowFileIn(dialog.NewFileOpen(func(fyne.URIReadCloser, error) {}, w), t.TempDir())
	top := w.Canvas().Overlays().Top()
	var popup fyne.CanvasObject
	for _, o := range test.WidgetRenderer(top.(fyne.Widget)).Objects() {
		if p, ok := o.(*widget.PopUp); ok {
			popup = p
		}
	}
	if popup == nil {
		t.Fatal("no dialog shown")
	}
	pos, size, canvas := popup.Position(), popup.Size(), w.Canvas().Size()
	if size.Height < 600 || pos.Y < 0 || pos.Y+size.Height > canvas.Height || pos.X+size.Width > canvas.Width {
		t.Errorf("dialog at %v, %v, in a window of %v", pos, size, canvas)
	}
}
