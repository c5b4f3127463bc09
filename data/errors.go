package data
// FieldError says which input field is wrong and why. Msg is Chinese (shown to users); Key is a translation key (assets/translations, under "err.").
type FieldError struct { Field string; Key string; Msg string }
func (e *FieldError) Error() string { return e.Msg }
