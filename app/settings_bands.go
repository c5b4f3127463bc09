package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// bandsSetting is 经营性收入分档: the bounds 报表 → 各村对比 puts villages in bands by.
type bandsSetting struct {
	field *kit.TextField
	shown string // what refreshBands last put in the field
	names *widget.Label
	reset *widget.Button // 恢复默认
}

func (s *settingsView) bandsSection() fyne.CanvasObject {
	b := &s.bands
	b.field = kit.NewTextField()
	b.field.SetPlaceHolder(data.DefaultIncomeBands.String())
	b.field.OnSubmitted = func(string) { s.saveBands(false) }
	b.names = widget.NewLabel("")
	b.names.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon(lang.L("保存"), theme.DocumentSaveIcon(), func() { s.saveBands(false) })
	b.reset = widget.NewButton(lang.L("恢复默认"), func() { s.saveBands(true) })
	hideInTown(s.env, save, b.reset)
	if s.env.Dialogs.ReadOnly {
		b.field.Disable()
	}
	return container.NewVBox(
		kit.FormGrid(kit.FieldRow(lang.L("分档界限（万元）"), container.NewBorder(nil, nil, nil, container.NewHBox(save, b.reset), b.field), b.field.Hint)),
		b.names)
}

// refreshBands shows the stored bounds and the bands they make, leaving unsaved typing alone.
func (s *settingsView) refreshBands() {
	b := &s.bands
	bands, err := s.env.Store.IncomeBands()
	if err != nil {
		s.fail(err)
		return
	}
	if b.field.Text == b.shown {
		b.shown = bands.String()
		b.field.SetText(b.shown)
	}
	names := make([]string, 0, len(bands)+1)
	for _, n := range bands.Names() {
		names = append(names, bandLabel(n))
	}
	b.names.SetText(lang.X("settings.bands.names", "报表 → 各村对比按经营性收入分为：{{.Names}}",
		map[string]any{"Names": strings.Join(names, lang.X("reports.list.sep", "；"))}))
}

// saveBands stores the typed bounds (or the defaults); a mistake stays in the field with its reason.
func (s *settingsView) saveBands(defaults bool) bool {
	b := &s.bands
	b.field.SetError("")
	var bands data.IncomeBands
	if !defaults {
		var err error
		if bands, err = data.ParseIncomeBands(b.field.Text); err != nil {
			b.field.SetError(kit.ErrorText(err))
			return false
		}
	}
	if err := s.env.Store.SetIncomeBands(bands); err != nil {
		b.field.SetError(kit.ErrorText(err))
		return false
	}
	b.shown = b.field.Text // so refreshBands shows what is stored
	s.refreshBands()
	s.say(lang.L("已保存"))
	return true
}
