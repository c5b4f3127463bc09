package kit

import (
	"errors"

	"fyne.io/fyne/v2/lang"

	"cunji/data"
	"cunji/data/importfile"
)

// ErrorText is what a person reads for an error. The Chinese message from data is kept as is (it
// names the exact values); in English the FieldError's key gives a translated message.
func ErrorText(err error) string {
	if err == nil {
		return ""
	}
	if !English() {
		return err.Error()
	}
	var fe *data.FieldError
	if errors.As(err, &fe) {
		return FieldErrorText(fe)
	}
	var ve *data.ValidationError
	if errors.As(err, &ve) && len(ve.Fields) > 0 {
		out := ""
		for i, f := range ve.Fields {
			if i > 0 {
				out += "; "
			}
			out += lang.X(f.Key, f.Msg)
		}
		return out
	}
	var file *importfile.FileError
	if errors.As(err, &file) {
		return lang.X(file.Key, file.Msg)
	}
	var oe *data.OpenError
	if errors.As(err, &oe) {
		return lang.X(oe.Kind.Key(), oe.Error()) + "\n" + oe.Path
	}
	return err.Error()
}

// FieldErrorText is one field's message in the current language.
func FieldErrorText(f *data.FieldError) string {
	if !English() || f.Key == "" {
		return f.Msg
	}
	return lang.X(f.Key, f.Msg)
}
