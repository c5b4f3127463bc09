package app

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// backupViewer shows what one backup holds, opened read-only (data.OpenReadOnly): its counts, a
// year's figures and its latest changes, so a person can choose before restoring. Neither the
// backup nor the ledger is written; the backup closes with the dialog.
type backupViewer struct {
	st      *data.Store
	years   []int
	year    *kit.Select
	figures *fyne.Container // the chosen year's figures
	recent  *widget.Label   // the newest changes
	loader  *kit.Loader[*viewedYear]
}

// viewedYear is what one read of the viewer shows.
type viewedYear struct {
	summary *data.Summary
	recent  []data.HistoryEntry
}

// viewedChanges is how many of the newest changes the viewer lists.
const viewedChanges = 5

// view opens the backup b read-only in the background and shows it.
func (l *backupList) view(b data.BackupInfo) {
	l.run.Go(func() {
		st, err := data.OpenReadOnly(b.Path)
		var years []int
		if err == nil {
			if years, err = offeredYears(st); err != nil {
				st.Close()
			}
		}
		l.run.Do(func() {
			if err != nil {
				l.ds.ShowStoreError(err)
				return
			}
			newBackupViewer(l, b, st, years)
		})
	})
}

func newBackupViewer(l *backupList, b data.BackupInfo, st *data.Store, years []int) {
	v := &backupViewer{st: st, years: years, figures: container.NewStack(), recent: widget.NewLabel("")}
	v.loader = kit.NewLoader(l.run, v.loaded)
	v.recent.Wrapping = fyne.TextWrapWord
	v.year = kit.NewSelect(yearNames(years), "", func(string) { v.load() })

	about := pairColumns(
		lang.L("备份时间"), backupTime(b.Time), lang.L("最后一次修改"), backupTime(b.LastChange),
		lang.L("大小"), fileSize(b.Size), lang.L("帮扶项目"), projectsCount(b.Projects),
		lang.L("销售明细"), linesCount(b.SaleLines), lang.L("backup.entries"), linesCount(b.Entries))
	note := widget.NewLabel(lang.L("这份备份是只读打开的：在这里看不会改动它，也不会改动现在的账本。") + "\n" +
		lang.L("备份文件：") + filepath.Base(b.Path))
	note.Wrapping = fyne.TextWrapWord
	kit.SecondaryText(note)
	body := container.NewVBox(note, about, widget.NewSeparator(),
		container.NewBorder(nil, nil, subheading(lang.L("年度数字")), nil, container.NewHBox(layout.NewSpacer(), v.year)),
		v.figures, widget.NewSeparator(),
		subheading(lang.L("最近的修改")), v.recent)

	d := dialog.NewCustomWithoutButtons(lang.L("查看备份（只读）"), container.NewVScroll(body), l.ds.Win())
	closeBtn := widget.NewButtonWithIcon(lang.L("关闭"), theme.CancelIcon(), d.Hide)
	restore := widget.NewButtonWithIcon(lang.L("恢复这份备份"), theme.HistoryIcon(), func() {
		d.Hide()
		l.ask(b)
	})
	restore.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{closeBtn, restore})
	d.SetOnClosed(func() { st.Close() }) // Fyne chains this with the callback Dialogs sets
	d.Resize(fyne.NewSize(640, 480))
	l.ds.Show(d, d.Hide)
	v.year.SetSelectedIndex(0) // loads the newest year
}

// load reads the chosen year's figures and the newest changes in the background.
func (v *backupViewer) load() {
	year := chosenYear(v.year, v.years)
	v.loader.Load(func() (*viewedYear, error) {
		s, err := v.st.YearSummary(year, 0)
		if err != nil {
			return nil, err
		}
		recent, err := v.st.ListHistory(data.AuditFilter{}, 0, viewedChanges)
		return &viewedYear{summary: s, recent: recent}, err
	})
}

func (v *backupViewer) loaded(y *viewedYear, err error) {
	v.figures.RemoveAll()
	if err != nil {
		v.recent.SetText(kit.ErrorText(err))
		return
	}
	s := y.summary
	v.figures.Add(pairColumns(
		lang.L("村集体经济收入"), s.Income.Total.String(), lang.L("经营性收入"), s.Income.Operating.String(),
		lang.L("支出"), s.Expense.Total.String(), lang.L("净收入"), s.Net.String(),
		lang.L("助农销售"), s.Sales.Total.String(),
		lang.L("场次与笔数"), lang.X("backup.view.sales", "{{.Events}} 场，{{.Lines}} 笔",
			map[string]any{"Events": countText(s.Sales.Events), "Lines": countText(s.Sales.Lines)}),
		lang.L("帮扶项目"), projectsCount(s.Projects.Count), lang.L("资金预算"), s.Projects.Budget.String(),
		lang.L("已拨付"), s.Projects.Disbursed.String()))
	var lines []string
	for _, h := range y.recent {
		lines = append(lines, historyLine(h))
	}
	if len(lines) == 0 {
		lines = []string{lang.L("没有修改记录。")}
	}
	v.recent.SetText(strings.Join(lines, "\n"))
}

// subheading is a bold line over a part of a dialog.
func subheading(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// pairColumns lays label, value pairs out two to a row.
func pairColumns(pairs ...string) fyne.CanvasObject {
	left, right := container.New(layout.NewFormLayout()), container.New(layout.NewFormLayout())
	for i := 0; i+1 < len(pairs); i += 2 {
		side := left
		if i/2%2 == 1 {
			side = right
		}
		value := widget.NewLabel(pairs[i+1])
		value.Wrapping = fyne.TextWrapWord
		side.Add(widget.NewLabel(pairs[i]))
		side.Add(value)
	}
	return container.NewGridWithColumns(2, left, right)
}
