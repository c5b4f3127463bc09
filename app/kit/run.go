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

// Loader reads what a screen shows in the background, one read at a time: asked again while a
// read runs, it drops that read's result and reads once more, so the screen always ends on the
// latest choices and a burst of changes costs two reads, not one each.
type Loader[T any] struct {
	run     Runner
	show    func(T, error)
	loading bool
	next    func() (T, error) // asked for while a read ran
}

// NewLoader makes a Loader whose results show calls on the Fyne thread.
func NewLoader[T any](run Runner, show func(T, error)) *Loader[T] {
	return &Loader[T]{run: run, show: show}
}

// Load starts read in the background, or, while a read runs, keeps read for when it ends. Fyne thread.
func (l *Loader[T]) Load(read func() (T, error)) {
	if l.loading {
		l.next = read
		return
	}
	l.loading = true
	l.run.Go(func() {
		v, err := read()
		l.run.Do(func() { l.done(v, err) })
	})
}

func (l *Loader[T]) done(v T, err error) {
	l.loading = false
	if next := l.next; next != nil {
		l.next = nil
		l.Load(next)
		return
	}
	l.show(v, err)
}
