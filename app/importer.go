package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
	"cunji/data/importfile"
)

// Importing a village's own spreadsheets (docs/IMPORT.md): each ledger's heading offers 导入 Excel…
// and 撤销本次导入 (importBar), the welcome offers the same for any kind; the preview itself is
// importDialog (importer_preview.go).

// prefImportDir remembers the folder the last imported file came from.
const prefImportDir = "import.folder"

// importExtensions are offered by the file dialog: what can be read, and the formats that get a
// message saying how to save them as .xlsx.
var importExtensions = []string{".xlsx", ".xlsm", ".csv", ".txt", ".xls", ".et", ".ods"}

// importDone is told what an import wrote, once it is committed.
type importDone func(rep *data.ImportReport, res *importfile.Result)

// chooseImportFile asks for the spreadsheet to import.
func chooseImportFile(env *Env, chosen func(path string)) {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			env.Dialogs.ShowStoreError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		env.App.Preferences().SetString(prefImportDir, filepath.Dir(path))
		chosen(path)
	}, env.Win)
	fd.SetFilter(storage.NewExtensionFileFilter(importExtensions))
	fd.SetTitleText(lang.L("选择要导入的表格（.xlsx 或 .csv）"))
	env.Dialogs.ShowFileIn(fd, env.App.Preferences().String(prefImportDir))
}

// openImport reads what the preview needs before it opens (the sheets, what earlier previews
// taught, the villages) and opens it on path. guess: the kind is not known yet (the welcome) and
// is guessed from the file's header; the preview then offers the kinds.
func openImport(env *Env, kind data.ImportKind, path string, guess bool, done importDone) {
	run, st := env.Run, env.Store
	run.Go(func() {
		sheets, err := importfile.Sheets(path)
		var mem data.ImportMemory
		var villages []data.Village
		if err == nil {
			mem, err = st.ImportMemory()
		}
		if err == nil {
			villages, err = st.Villages()
		}
		if err == nil && guess {
			kind = guessImportKind(path, mem)
		}
		run.Do(func() {
			if err != nil {
				env.Dialogs.ShowInformation(lang.L("无法导入这个文件"), kit.ErrorText(err))
				return
			}
			names, _ := villageNames(villages)
			newImportDialog(env, kind, path, sheets, mem, names, guess, done).load()
		})
	})
}

// guessImportKind is the kind of ledger whose header words a file's header names most of.
func guessImportKind(path string, mem data.ImportMemory) data.ImportKind {
	best, bestScore := data.ImportSales, 0
	for _, k := range data.ImportKinds {
		res, err := importfile.Parse(context.Background(), path, importfile.Options{Kind: k, Memory: mem, Limit: 1})
		if err != nil {
			continue
		}
		for _, sh := range res.Sheets {
			if len(sh.Candidates) > 0 && sh.Candidates[0].Score > bestScore {
				best, bestScore = k, sh.Candidates[0].Score
			}
		}
	}
	return best
}

// importBar is what a ledger's heading offers for files: 导入 Excel…, and 撤销本次导入 while the
// latest import of its kind stands.
type importBar struct {
	env    *Env
	kind   data.ImportKind
	notice *kit.NoticeBar

	open, undo *widget.Button
	latest     *data.ImportRecord // the latest import of the kind, nil when there is none or it was undone
	loader     *kit.Loader[*data.ImportRecord]
	box        fyne.CanvasObject
}

// newImportBar makes the bar of the ledger of kind; what an import or an undo did shows on notice.
func newImportBar(env *Env, kind data.ImportKind, notice *kit.NoticeBar) *importBar {
	b := &importBar{env: env, kind: kind, notice: notice}
	b.open = widget.NewButtonWithIcon(lang.L("导入 Excel…"), theme.UploadIcon(), b.choose)
	b.undo = widget.NewButtonWithIcon(lang.L("撤销本次导入"), theme.ContentUndoIcon(), b.askUndo)
	b.undo.Hide()
	b.box = kit.NewHolder(b, container.NewHBox(b.undo, b.open))
	hideInTown(env, b.box)
	b.loader = kit.NewLoader(env.Run, b.showLatest)
	env.OnChange(b.reload, "imports")
	b.reload()
	return b
}

// Content is the bar's buttons, for the heading's right side.
func (b *importBar) Content() fyne.CanvasObject { return b.box }

func (b *importBar) choose() { chooseImportFile(b.env, b.openFile) }

// openFile opens the preview on the file chosen; what the import wrote shows on the ledger's notice.
func (b *importBar) openFile(path string) {
	openImport(b.env, b.kind, path, false, func(rep *data.ImportReport, res *importfile.Result) {
		b.notice.Show(importDoneText(rep, res), false)
	})
}

// reload reads which import 撤销本次导入 would take back.
func (b *importBar) reload() {
	st, kind := b.env.Store, b.kind
	b.loader.Load(func() (*data.ImportRecord, error) {
		list, err := st.Imports(kind)
		if err != nil || len(list) == 0 || list[0].Undone {
			return nil, err
		}
		return &list[0], nil
	})
}

func (b *importBar) showLatest(r *data.ImportRecord, err error) {
	if err != nil {
		b.notice.ShowError(err)
	}
	b.latest = r
	if r == nil {
		b.undo.Hide()
	} else {
		b.undo.Show()
	}
}

// askUndo names the import and asks before taking it back.
func (b *importBar) askUndo() {
	r := b.latest
	if r == nil {
		return
	}
	msg := lang.L("撤销 {{.At}} 从“{{.File}}”导入的 {{.Rows}} 行吗？这些记录会一起删除；只为这次导入新建、别处没有用到的村、卖家、产品和帮扶单位也会删除。",
		map[string]any{"At": importTime(r.At), "File": r.FileName, "Rows": r.Rows})
	b.env.Dialogs.ConfirmDanger(lang.L("撤销本次导入"), msg, lang.L("撤销导入"), func() { b.undoImport(*r) })
}

// undoImport takes the import back in the background and says what went.
func (b *importBar) undoImport(r data.ImportRecord) {
	b.undo.Disable()
	run, st := b.env.Run, b.env.Store
	run.Go(func() {
		err := st.UndoImport(r.ID)
		run.Do(func() {
			b.undo.Enable()
			if err != nil {
				b.env.Dialogs.ShowInformation(lang.L("没有成功"), importErrorText(err))
				return
			}
			b.notice.Show(lang.L("已撤销导入“{{.File}}”：{{.Rows}} 行已删除", map[string]any{"File": r.FileName, "Rows": r.Rows}), false)
		})
	})
}

// importTime is when an import was made, in local time.
func importTime(at string) string {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return at
	}
	return t.Local().Format("2006-01-02 15:04")
}

// importErrorText is an import's or an undo's error in the user's language.
func importErrorText(err error) string {
	var nv *data.NeedVillageError
	switch {
	case errors.Is(err, data.ErrImportChanged):
		return lang.X("import.undo.changed", err.Error())
	case errors.As(err, &nv):
		return lang.L("表格里有的行没有写村名，请在上面选择或填写这些行属于哪个村。")
	}
	return kit.ErrorText(err)
}

// importDoneText says what an import wrote: the rows, their totals, the names it added, and what
// it left out.
func importDoneText(rep *data.ImportReport, res *importfile.Result) string {
	parts := []string{lang.L("已从“{{.File}}”导入 {{.Rows}} 行", map[string]any{"File": res.File, "Rows": rep.Imported})}
	if t := importTotalsText(res.Kind, rep.Totals); t != "" {
		parts = append(parts, t)
	}
	if n := importNewCount(rep.New); n > 0 {
		parts = append(parts, lang.L("新建了 {{.N}} 个村、卖家、产品或帮扶单位", map[string]any{"N": n}))
	}
	if n := len(rep.Present); n > 0 {
		parts = append(parts, lang.L("{{.N}} 行台账里已有，没有重复导入", map[string]any{"N": n}))
	}
	if n := res.Counts.Errors; n > 0 {
		parts = append(parts, lang.L("{{.N}} 行有错误，没有导入", map[string]any{"N": n}))
	}
	return strings.Join(parts, importPartSep())
}

// importTotalsText is what the rows of an import add up to.
func importTotalsText(kind data.ImportKind, t data.ImportTotals) string {
	switch kind {
	case data.ImportSales:
		return lang.L("销售金额 {{.Amount}}", map[string]any{"Amount": t.Amount.String()})
	case data.ImportIncome:
		return lang.L("收入 {{.Income}}（其中经营性收入 {{.Operating}}），支出 {{.Expense}}",
			map[string]any{"Income": t.Income.String(), "Operating": t.Operating.String(), "Expense": t.Expense.String()})
	case data.ImportProjects:
		return lang.L("预算合计 {{.Budget}}，已拨付 {{.Disbursed}}",
			map[string]any{"Budget": t.Budget.String(), "Disbursed": t.Disbursed.String()})
	}
	return ""
}

func importNewCount(n data.ImportNames) int {
	return len(n.Villages) + len(n.Sellers) + len(n.Products) + len(n.Partners)
}

// importPartSep separates the clauses of a sentence (；), importListSep the names of a list (、).
func importPartSep() string { return lang.X("import.sep.part", "；") }
func importListSep() string { return lang.X("import.sep.list", "、") }

// importKindScreen is the title of the screen showing a kind's ledger.
func importKindScreen(kind data.ImportKind) string {
	switch kind {
	case data.ImportSales:
		return "助农销售"
	case data.ImportIncome:
		return "集体收入"
	}
	return "帮扶项目"
}

// selectScreen shows the screen titled title (as Select does, asking about unsaved work first).
func (m *MainWindow) selectScreen(title string) {
	for i, def := range m.defs {
		if def.title == title {
			m.Select(i)
		}
	}
}
