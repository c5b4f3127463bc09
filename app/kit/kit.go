// Package kit is what 村记's screens share: input fields that type like a spreadsheet, paged
// ledger tables, the notice and undo bar, selects, dialogs that the window keeps track of, the
// form skeleton every ledger form is built on, background work, and error texts in the user's
// language. Screens (package app) import it; it never imports them.
package kit

// Action is a keyboard command the window forwards to the visible screen.
type Action int

const (
	ActionNew    Action = iota + 1 // Ctrl+N
	ActionSave                     // Ctrl+S
	ActionFind                     // Ctrl+F
	ActionUndo                     // Ctrl+Z
	ActionDelete                   // Delete (when no entry has focus)
	ActionCancel                   // Esc (when no entry has focus)
)
