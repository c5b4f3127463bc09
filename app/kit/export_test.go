package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// What the tests in package kit_test look at inside the fields.

func (f *DateField) Picker() *datePicker { return f.picker }

func NewDatePicker(start data.Date, onPick func(data.Date), onClose func()) *datePicker {
	return newDatePicker(start, onPick, onClose)
}

func (p *datePicker) Day(i int) *widget.Button { return p.days[i] }
func (p *datePicker) MoveMonths(n int)         { p.moveMonths(n) }
func (p *datePicker) Cursor() data.Date        { return p.cursor }

func (f *CompletionField) SuggestionRow(i int) fyne.Tappable { return f.list.rows[i] }
func (f *CompletionField) PopUp() *widget.PopUp              { return f.popup }
