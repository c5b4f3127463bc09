package kit

import "sync/atomic"

// english is set while the app speaks English (app.SetupLanguage): the data layer's messages are
// Chinese and are translated by key then.
var english atomic.Bool

// SetEnglish records whether the app speaks English.
func SetEnglish(on bool) { english.Store(on) }

// English reports whether the app speaks English.
func English() bool { return english.Load() }
