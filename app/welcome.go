package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
	"cunji/data/importfile"
)

// welcomeDemoSales is how many sale lines the welcome's demo ledger holds (a few seconds to make).
const welcomeDemoSales = 5000

// welcomeDialog greets a new, empty database: it asks for the village and the first secretary,
// or opens a demo ledger in a file of its own so a newcomer sees a living app at once.
type welcomeDialog struct {
	m                  *MainWindow
	name, town, county *kit.TextField
	secretary, unit    *kit.TextField
	others             *kit.HintLabel
	form, working      fyne.CanvasObject
	later, demo, start *widget.Button
	importBtn          *widget.Button
	dlg                *dialog.CustomDialog
}

// maybeWelcome shows the welcome when the database has no village yet; it returns nil otherwise.
func maybeWelcome(m *MainWindow) *welcomeDialog {
	if empty, err := m.Env.Store.IsEmpty(); err != nil || !empty {
		return nil // a ledger that cannot be read says so on its screens
	}
	w := &welcomeDialog{m: m, name: kit.NewTextField(), town: kit.NewTextField(), county: kit.NewTextField(),
		secretary: kit.NewTextField(), unit: kit.NewTextField(), others: kit.NewHintLabel()}
	w.build()
	m.Env.Dialogs.Show(w.dlg, nil) // no cancel button (稍后再说 is a choice): Esc leaves it open
	m.Env.Win.Canvas().Focus(w.name)
	return w
}

func (w *welcomeDialog) build() {
	intro := widget.NewLabel(lang.L("欢迎使用村记！先填写您驻的村和您的姓名，就可以开始记账了。这些信息会印在村务公开表上，以后可以在“设置”中修改。"))
	intro.Wrapping = fyne.TextWrapWord
	w.name.SetPlaceHolder(lang.L("例如：东泉村"))
	w.town.SetPlaceHolder(lang.L("例如：龙山街道"))
	w.county.SetPlaceHolder(lang.L("例如：章丘区"))
	w.secretary.SetPlaceHolder(lang.L("例如：王志强"))
	w.unit.SetPlaceHolder(lang.L("例如：济南市农业农村局"))
	w.unit.OnSubmitted = func(string) { w.save() }
	demoNote := widget.NewLabel(lang.L("想先看看？点“载入演示数据”，另开一个文件看示例台账，不影响您的账本。"))
	demoNote.Wrapping = fyne.TextWrapWord
	w.form = container.NewVBox(intro,
		kit.FormGrid(
			kit.FieldRow(lang.L("村名"), w.name, w.name.Hint),
			kit.FieldRow(lang.L("乡镇（街道）"), w.town, w.town.Hint),
			kit.FieldRow(lang.L("县（市、区）"), w.county, w.county.Hint),
			kit.FieldRow(lang.L("第一书记姓名"), w.secretary, w.secretary.Hint),
			kit.FieldRow(lang.L("派出单位"), w.unit, w.unit.Hint)),
		w.others, demoNote)
	busy := widget.NewProgressBarInfinite()
	w.working = container.NewVBox(widget.NewLabel(lang.L("正在生成演示数据，请稍候…")), busy)
	w.working.Hide()

	w.dlg = dialog.NewCustomWithoutButtons(lang.L("欢迎使用村记"), container.NewStack(w.form, w.working), w.m.Env.Win)
	w.later = widget.NewButton(lang.L("稍后再说"), func() { w.dlg.Hide() })
	w.demo = widget.NewButtonWithIcon(lang.L("载入演示数据"), theme.ViewRefreshIcon(), w.loadDemo)
	w.importBtn = widget.NewButtonWithIcon(lang.L("导入已有台账…"), theme.UploadIcon(), w.importFile)
	w.start = widget.NewButtonWithIcon(lang.L("开始使用"), theme.ConfirmIcon(), func() { w.save() })
	w.start.Importance = widget.HighImportance
	w.dlg.SetButtons([]fyne.CanvasObject{w.later, w.demo, w.importBtn, w.start})
	w.dlg.Resize(fyne.NewSize(600, 0))
}

// save writes the village, then the secretary's name and unit; on a problem the dialog stays
// open with everything typed and the message beside the field.
func (w *welcomeDialog) save() bool {
	st := w.m.Env.Store
	v := &data.Village{Name: w.name.Text, Town: w.town.Text, County: w.county.Text}
	targets := map[string]kit.ErrorTarget{"Name": w.name, "Town": w.town, "County": w.county}
	if err := st.SaveVillage(v); err != nil {
		if !kit.ShowErrors(targets, w.others, err) {
			w.others.SetError(kit.ErrorText(err))
		}
		return false
	}
	kit.ShowErrors(targets, w.others, nil)
	ok := true
	for _, f := range []struct {
		key   string
		field *kit.TextField
	}{{data.SettingSecretary, w.secretary}, {data.SettingUnit, w.unit}} {
		f.field.SetError("")
		if f.field.Text == "" {
			continue
		}
		if err := st.SetSetting(f.key, f.field.Text); err != nil {
			f.field.SetError(kit.ErrorText(err)) // the village is in; the name can be fixed here or in 设置
			ok = false
		}
	}
	if !ok {
		return false
	}
	w.dlg.Hide()
	return true
}

// loadDemo makes (or reopens) the demo database beside the ledger in the background, then shows
// it in the window. The ledger itself is not written.
func (w *welcomeDialog) loadDemo() {
	w.busy(true)
	path := demoPathBeside(w.m.Env.Store.Path())
	run := w.m.Env.Run
	run.Go(func() {
		st, err := data.OpenDemo(path, data.DemoOptions{Sales: welcomeDemoSales})
		run.Do(func() {
			if err != nil {
				w.busy(false)
				w.others.SetError(kit.ErrorText(err))
				return
			}
			w.dlg.Hide()
			w.m.showDemo(st)
		})
	})
}

// busy swaps the form for the progress bar while the demo is made, and back.
func (w *welcomeDialog) busy(on bool) {
	if on {
		w.form.Hide()
		w.working.Show()
	} else {
		w.working.Hide()
		w.form.Show()
	}
	for _, b := range []*widget.Button{w.later, w.demo, w.importBtn, w.start} {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// importFile brings in a ledger the village already keeps in Excel: the village typed here is
// saved first (rows naming none go to it); the welcome stays under the file dialog and the preview
// until an import is made.
func (w *welcomeDialog) importFile() {
	if strings.TrimSpace(w.name.Text) != "" && !w.save() {
		return
	}
	chooseImportFile(w.m.Env, w.importPath)
}

// importPath opens the preview on path, its kind guessed from the header; after the import the
// ledger's screen shows and says what went in.
func (w *welcomeDialog) importPath(path string) {
	m := w.m
	openImport(m.Env, data.ImportSales, path, true, func(rep *data.ImportReport, res *importfile.Result) {
		w.dlg.Hide()
		m.selectScreen(importKindScreen(res.Kind))
		m.Env.Dialogs.ShowInformation(lang.L("导入完成"), importDoneText(rep, res))
	})
}
