package kit

import "fyne.io/fyne/v2"

// Runner does slow work off the Fyne thread and hands results back to it. The window gives every
// screen the app's runner; tests give one they control.
type Runner interface {
	// Go runs work in the background.
	Go(work func())
	// Do runs fn on the Fyne thread.
	Do(fn func())
}

// AppRunner is the running app's Runner: a goroutine per piece of work, fyne.Do back.
type AppRunner struct{}

func (AppRunner) Go(work func()) { go work() }
func (AppRunner) Do(fn func())   { fyne.Do(fn) }
