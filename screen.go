package main

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.4/glfw"

	"cunji/app"
)

// Fyne cannot tell how big the screen is; GLFW, which it draws with, can.
func init() { app.ScreenArea = screenArea }

// screenArea is the work area (the screen less taskbar and docks) of the primary monitor in w's
// units. It runs on the main thread once w is shown.
func screenArea(w fyne.Window) (area fyne.Size, ok bool) {
	defer func() {
		if recover() != nil { // GLFW reports its errors by panicking: the size is then unknown
			area, ok = fyne.Size{}, false
		}
	}()
	mon := glfw.GetPrimaryMonitor()
	if mon == nil {
		return fyne.Size{}, false
	}
	_, _, width, height := mon.GetWorkarea()
	scale := w.Canvas().Scale()
	if width <= 0 || height <= 0 || scale <= 0 {
		return fyne.Size{}, false
	}
	return fyne.NewSize(float32(width)/scale, float32(height)/scale), true
}
