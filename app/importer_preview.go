package app

import (
	"context"
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
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

// previewFirstRows is how many data rows the first, quick read shows while the whole file is read.
const previewFirstRows = 200

// importDialog is the preview of one file: its sheet, header row and what each column holds
// (each can be changed), every row marked 导入, 跳过 (why) or 错误 (which column, why), the counts,
// the totals and the new names a dry run of the store finds — nothing is written until 导入,
// which writes the valid rows in one transaction.
type importDialog struct {
	env      *Env
	content  *fyne.Container
	kind     data.ImportKind
	path     string
	sheets   []string
	villages []string
	mem      data.ImportMemory  // what earlier previews taught, plus the words mapped in this one
	opt      importfile.Options // the choices the next read takes: Sheet, HeaderRow(s), Mapping, Year
	done     importDone

	res       *importfile.Result // shown; nil before the first read
	rep       *data.ImportReport // the dry run of res; nil until the whole file is read and checked
	present   []data.ImportRecord
	gen       int                // counts reads, so a late result of an earlier choice is dropped
	stop      context.CancelFunc // cancels the read under way
	importing bool

	dlg         *dialog.CustomDialog
	kindSel     *kit.Select
	sheet       *kit.Choice
	header      *kit.Select
	year        *kit.Choice
	village     *kit.CompletionField
	columns     *fyne.Container
	colSels     []*kit.Select
	colsNote    *widget.Label
	words       *fyne.Container
	wordBox     fyne.CanvasObject
	message     *kit.HintLabel
	filter      *kit.Choice
	summary     *widget.Label
	tableBox    *fyne.Container
	preview     *kit.LedgerTable[previewRow]
	rows        []previewRow // the rows the filter lets through
	detail      *widget.Label
	totals      *widget.Label
	newNames    *widget.Label
	progress    *widget.ProgressBar
	progressRow *fyne.Container
	working     *widget.ProgressBarInfinite
	status      *widget.Label
	stopBtn     *widget.Button
	again       *widget.Button
	cancel      *widget.Button
	importB     *widget.Button
}

func newImportDialog(env *Env, kind data.ImportKind, path string, sheets []string, mem data.ImportMemory,
	villages []string, chooseKind bool, done importDone) *importDialog {
	d := &importDialog{env: env, kind: kind, path: path, sheets: sheets, mem: mem, villages: villages, done: done}
	d.build(chooseKind)
	return d
}

// build lays the preview out and shows it; chooseKind offers the three kinds of ledger (the welcome).
func (d *importDialog) build(chooseKind bool) {
	file := widget.NewLabelWithStyle(filepath.Base(d.path), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	file.Truncation = fyne.TextTruncateEllipsis
	var kindField fyne.CanvasObject = widget.NewLabel(lang.L(d.kind.Chinese()))
	if chooseKind {
		var labels []string
		for _, k := range data.ImportKinds {
			labels = append(labels, lang.L(k.Chinese()))
		}
		d.kindSel = kit.NewSelect(labels, "", nil)
		d.kindSel.SetSelectedIndex(slices.Index(data.ImportKinds, d.kind))
		d.kindSel.OnChanged = func(string) { d.kindChanged() }
		kindField = d.kindSel
	}
	d.sheet = kit.NewChoice(lang.L("全部工作表"), d.sheets, d.sheets, func(v string) {
		d.opt.Sheet, d.opt.HeaderRow, d.opt.HeaderRows, d.opt.Mapping = v, 0, 0, nil
		d.load()
	})
	var sheetField fyne.CanvasObject = d.sheet
	if len(d.sheets) == 1 {
		sheetField = widget.NewLabel(d.sheets[0])
	}
	d.header = kit.NewSelect(nil, lang.L("没有找到表头"), nil)
	var years, yearValues []string
	for y := data.Today().Year(); y > data.Today().Year()-15; y-- {
		years = append(years, lang.L("{{.Y}}年", map[string]any{"Y": y}))
		yearValues = append(yearValues, strconv.Itoa(y))
	}
	d.year = kit.NewChoice(lang.L("按表名或标题"), years, yearValues, func(v string) {
		d.opt.Year, _ = strconv.Atoi(v)
		d.load()
	})
	d.village = kit.NewCompletionField(d.suggestVillages)
	d.village.SetPlaceHolder(lang.L("例如：东泉村"))
	if len(d.villages) == 1 {
		d.village.SetText(d.villages[0])
	}
	d.village.OnEdit = d.load

	pair := func(label string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(label), nil, o)
	}
	choices := container.NewGridWithColumns(3,
		pair(lang.L("文件"), file), pair(lang.L("台账"), kindField), pair(lang.L("工作表"), sheetField),
		pair(lang.L("表头在"), d.header), pair(lang.L("日期没写年份时"), d.year), pair(lang.L("没写村名的行属于"), d.village))

	d.columns = container.NewHBox()
	d.colsNote = widget.NewLabel("")
	d.words = container.NewVBox()
	wordsNote := widget.NewLabel(lang.L("表格里有村记不认识的词，请选择它们的意思（村记会记住，下次不用再选）："))
	wordsNote.Wrapping = fyne.TextWrapWord
	wordScroll := container.NewVScroll(d.words)
	wordScroll.SetMinSize(fyne.NewSize(0, 84))
	d.wordBox = container.NewBorder(wordsNote, nil, nil, nil, wordScroll)
	d.wordBox.Hide()
	d.message = kit.NewHintLabel()

	d.filter = kit.NewChoice(lang.L("全部行"), nil, nil, func(string) { d.showRows() })
	d.summary = widget.NewLabel("")
	d.summary.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(choices, d.village.Hint,
		container.NewBorder(nil, nil, d.colsNote, nil, container.NewHScroll(d.columns)),
		d.wordBox, d.message,
		container.NewBorder(nil, nil, kit.Sized(d.filter, 150), nil, d.summary))

	d.tableBox = container.NewStack()
	d.detail = widget.NewLabel(lang.L("点一行，这里显示它的完整说明。"))
	d.detail.Wrapping = fyne.TextWrapWord
	kit.SecondaryText(d.detail)
	d.totals = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.totals.Wrapping = fyne.TextWrapWord
	d.newNames = widget.NewLabel("")
	d.newNames.Wrapping = fyne.TextWrapWord
	d.progress = widget.NewProgressBar()
	d.working = widget.NewProgressBarInfinite()
	d.working.Stop()
	d.status = widget.NewLabel("")
	d.stopBtn = widget.NewButtonWithIcon(lang.L("停止读取"), theme.MediaStopIcon(), d.stopReading)
	d.again = widget.NewButtonWithIcon(lang.L("重新读取"), theme.ViewRefreshIcon(), d.load)
	d.again.Hide()
	bars := container.NewStack(d.progress, d.working)
	d.progressRow = container.NewBorder(nil, nil, nil, container.NewHBox(d.stopBtn, d.again),
		container.NewGridWithColumns(2, d.status, bars))
	bottom := container.NewVBox(d.detail, d.totals, d.newNames, d.progressRow)

	d.content = container.NewBorder(top, bottom, nil, nil, d.tableBox)
	title := lang.L("导入台账")
	if !chooseKind {
		title = lang.L("导入{{.Kind}}台账", map[string]any{"Kind": lang.L(d.kind.Chinese())})
	}
	d.dlg = dialog.NewCustomWithoutButtons(title, kit.NewHolder(d, d.content), d.env.Win)
	d.cancel = widget.NewButtonWithIcon(lang.L("取消"), theme.CancelIcon(), d.close)
	d.importB = widget.NewButtonWithIcon(lang.L("导入"), theme.ConfirmIcon(), d.importRows)
	d.importB.Importance = widget.HighImportance
	d.importB.Disable()
	d.dlg.SetButtons([]fyne.CanvasObject{d.cancel, d.importB})
	size := d.env.Win.Canvas().Size()
	d.dlg.Resize(fyne.NewSize(size.Width-24, size.Height-24))
	d.env.Dialogs.Show(d.dlg, d.close)
}

// suggestVillages offers the ledger's villages matching what was typed (also by pinyin initials).
func (d *importDialog) suggestVillages(q string) []string {
	var out []string
	for _, v := range d.villages {
		if strings.Contains(v, q) || strings.HasPrefix(data.PinyinInitials(v), strings.ToLower(q)) {
			out = append(out, v)
		}
	}
	return out
}

// kindChanged reads the file afresh as another kind of ledger.
func (d *importDialog) kindChanged() {
	d.kind = data.ImportKinds[d.kindSel.SelectedIndex()]
	d.opt.HeaderRow, d.opt.HeaderRows, d.opt.Mapping = 0, 0, nil
	d.load()
}

// options are the choices the next read takes, with a copy of the memory of their own (the
// preview adds to it while a read goes on in the background).
func (d *importDialog) options() importfile.Options {
	o := d.opt
	o.Kind = d.kind
	o.Memory = data.ImportMemory{Headers: maps.Clone(d.mem.Headers), Words: maps.Clone(d.mem.Words)}
	o.KeepRows = true
	return o
}

// load reads the file again with the current choices: the first rows at once, then the whole
// file with its progress shown, then a dry run of the store. Reading can be stopped; nothing is
// written either way.
func (d *importDialog) load() {
	d.stopReading()
	d.gen++
	gen := d.gen
	ctx, stop := context.WithCancel(context.Background())
	d.stop = stop
	d.rep = nil
	d.reading(lang.L("正在读取…"), false)
	opt, path, run := d.options(), d.path, d.env.Run
	first := opt
	first.Limit = previewFirstRows
	run.Go(func() {
		res, err := importfile.Parse(ctx, path, first)
		run.Do(func() {
			if gen != d.gen {
				return
			}
			if err != nil {
				d.failed(err)
				return
			}
			d.show(res)
			if res.Complete {
				d.check(gen, res)
				return
			}
			d.readAll(ctx, gen, opt)
		})
	})
}

// readAll reads the whole file in the background, showing how far it got.
func (d *importDialog) readAll(ctx context.Context, gen int, opt importfile.Options) {
	d.reading(lang.L("正在读取整个文件…"), true)
	run, path := d.env.Run, d.path
	opt.Progress = func(p importfile.Progress) {
		run.Do(func() {
			if gen == d.gen {
				d.progress.SetValue(p.Fraction)
				d.status.SetText(lang.L("正在读取整个文件：已读 {{.Rows}} 行", map[string]any{"Rows": p.Rows}))
			}
		})
	}
	run.Go(func() {
		res, err := importfile.Parse(ctx, path, opt)
		run.Do(func() {
			if gen != d.gen {
				return
			}
			if err != nil {
				d.failed(err)
				return
			}
			d.show(res)
			d.check(gen, res)
		})
	})
}

// check runs the import as a dry run (nothing is written): rows the ledger refuses or already
// holds are marked, and the totals and new names are those the import would write.
func (d *importDialog) check(gen int, res *importfile.Result) {
	d.reading(lang.L("正在与台账核对…"), false)
	d.stopBtn.Hide() // the dry run cannot stop halfway; 取消 drops its result
	run, st, b := d.env.Run, d.env.Store, d.batch(res)
	run.Go(func() {
		rep, err := st.Import(b, data.ImportOptions{DryRun: true, SkipErrors: true})
		var earlier []data.ImportRecord
		if err == nil {
			earlier, err = st.Imports(res.Kind)
		}
		run.Do(func() {
			if gen != d.gen {
				return
			}
			d.idle()
			if err != nil {
				d.failed(err)
				return
			}
			res.Merge(rep) // here, not in the background: the table is drawing res's rows
			d.rep = rep
			d.present = nil
			for _, r := range earlier {
				if r.SHA256 == res.SHA256 && !r.Undone {
					d.present = append(d.present, r)
				}
			}
			d.show(res)
		})
	})
}

// batch is what the store is given: the valid rows, and the village of rows that name none.
func (d *importDialog) batch(res *importfile.Result) *data.ImportBatch {
	b := res.Batch()
	b.Village = strings.TrimSpace(d.village.Text)
	return b
}

// stopReading cancels the read under way; what was read so far stays on screen, and 导入 waits
// for a complete read.
func (d *importDialog) stopReading() {
	if d.stop != nil {
		d.stop()
		d.stop = nil
	}
}

// reading shows that a read runs: the bar (measured when it can be), the stop button, and 导入 off.
func (d *importDialog) reading(what string, measured bool) {
	d.status.SetText(what)
	d.progressRow.Show()
	d.importB.Disable()
	d.stopBtn.Show()
	d.again.Hide()
	if measured {
		d.working.Stop()
		d.working.Hide()
		d.progress.SetValue(0)
		d.progress.Show()
	} else {
		d.progress.Hide()
		d.working.Show()
		d.working.Start()
	}
}

// idle hides the progress once nothing runs.
func (d *importDialog) idle() {
	d.stopReading()
	d.working.Stop()
	d.working.Hide()
	d.progress.Hide()
	d.stopBtn.Hide()
	d.status.SetText("")
	d.progressRow.Hide()
}

// failed says why the file could not be read or checked; a stopped read offers to read again.
func (d *importDialog) failed(err error) {
	d.idle()
	d.importB.Disable()
	switch {
	case errors.Is(err, context.Canceled):
		d.progressRow.Show()
		d.status.SetText(lang.L("已停止读取，没有导入任何内容"))
		d.again.Show()
		d.message.SetError("")
	default:
		var nv *data.NeedVillageError
		if errors.As(err, &nv) {
			d.village.SetError(importErrorText(err))
			return
		}
		d.message.SetError(importErrorText(err))
	}
}

// show puts a read (and, once done, its dry run) on screen.
func (d *importDialog) show(res *importfile.Result) {
	d.res = res
	d.village.SetError("")
	d.showHeader()
	d.showWords()
	var problems []string
	for _, e := range res.Errors {
		if strings.HasPrefix(e.Key, "err.import.header") {
			problems = append(problems, rowErrorText(e))
		}
	}
	d.message.SetError(strings.Join(problems, "\n"))
	d.showCounts()
	d.buildTable()
	d.showTotals()
	d.dlg.Refresh() // lay out afresh: the columns, the words and the import button changed
}

// showHeader offers the header rows and a select per column for the first sheet read.
func (d *importDialog) showHeader() {
	d.header.OnChanged = nil
	defer func() { d.header.OnChanged = func(string) { d.headerChanged() } }()
	d.columns.RemoveAll()
	d.colSels = nil
	if len(d.res.Sheets) == 0 {
		d.header.Options = nil
		d.header.ClearSelected()
		return
	}
	sh := d.res.Sheets[0]
	d.colsNote.SetText(lang.L("各列导入为（可以修改）："))
	if len(d.res.Sheets) > 1 {
		d.colsNote.SetText(lang.L("“{{.Sheet}}”各列导入为（可以修改）：", map[string]any{"Sheet": sh.Name}))
	}
	var opts []string
	selected := -1
	for i, c := range sh.Candidates {
		opts = append(opts, headerLabel(c.Row, c.Rows))
		if c.Row == sh.HeaderRow {
			selected = i
		}
	}
	if selected < 0 && sh.HeaderRow > 0 {
		opts = append(opts, headerLabel(sh.HeaderRow, sh.HeaderRows))
		selected = len(opts) - 1
	}
	d.header.Options = opts
	if selected >= 0 {
		d.header.SetSelectedIndex(selected)
	} else {
		d.header.ClearSelected()
	}
	fields := append([]importfile.Field{importfile.FieldNone}, importfile.Fields(d.kind)...)
	labels := make([]string, len(fields))
	for i, f := range fields {
		labels[i] = fieldLabel(f)
	}
	for c, h := range sh.Headers {
		c := c
		name := widget.NewLabel(importfile.ColumnName(c) + " " + h)
		name.Truncation = fyne.TextTruncateEllipsis
		sel := kit.NewSelect(labels, "", nil)
		if i := slices.Index(fields, sh.Mapping[c]); i >= 0 {
			sel.SetSelectedIndex(i)
		}
		if c < len(sh.Detected) && sh.Mapping[c] != sh.Detected[c] {
			name.TextStyle.Bold = true // the user's choice, not what was detected
		}
		sel.OnChanged = func(string) { d.mappingChanged(sh, c, fields[sel.SelectedIndex()]) }
		d.colSels = append(d.colSels, sel)
		d.columns.Add(kit.Sized(container.NewVBox(name, sel), 150))
	}
}

// fieldLabel names what a column can hold, as the mapping selects offer it.
func fieldLabel(f importfile.Field) string {
	if f == importfile.FieldNone {
		return lang.X("import.field.none", f.Label())
	}
	key := "import.field." + string(f) // a key per field: some labels alone read alike in English
	return lang.X(key, f.Label())
}

// headerLabel names a header row: 第 3 行, or 第 3–4 行 for a header on two rows.
func headerLabel(row, rows int) string {
	if rows == 2 {
		return lang.L("第 {{.Row}}–{{.End}} 行", map[string]any{"Row": row, "End": row + 1})
	}
	return lang.L("第 {{.Row}} 行", map[string]any{"Row": row})
}

func (d *importDialog) headerChanged() {
	i := d.header.SelectedIndex()
	sh := d.res.Sheets[0]
	if i < 0 {
		return
	}
	if i < len(sh.Candidates) {
		d.opt.HeaderRow, d.opt.HeaderRows = sh.Candidates[i].Row, sh.Candidates[i].Rows
	}
	d.opt.Mapping = nil // the columns are those of the new header
	d.onlySheet(sh)
	d.load()
}

// onlySheet narrows the read to sh, whose header or columns the user changed: other sheets
// have columns of their own. The sheet select says so.
func (d *importDialog) onlySheet(sh *importfile.Sheet) {
	if d.opt.Sheet == "" && len(d.sheets) > 1 {
		d.opt.Sheet = sh.Name
		d.sheet.SetValue(sh.Name)
	}
}

// mappingChanged reads the file again with column c of sheet sh read as f.
func (d *importDialog) mappingChanged(sh *importfile.Sheet, c int, f importfile.Field) {
	m := slices.Clone(sh.Mapping)
	m[c] = f
	d.opt.Mapping = m
	d.opt.HeaderRow, d.opt.HeaderRows = sh.HeaderRow, sh.HeaderRows
	d.onlySheet(sh)
	d.load()
}

// showWords offers a select for each local word the file uses that 村记 does not know.
func (d *importDialog) showWords() {
	d.words.RemoveAll()
	for _, w := range d.res.Unknown {
		w := w
		label := widget.NewLabel(lang.L("“{{.Word}}”（{{.Field}}，{{.Rows}} 行）是", map[string]any{
			"Word": w.Word, "Field": fieldLabel(w.Field), "Rows": w.Rows}))
		sel := kit.NewSelect(kit.Translated(w.Choices), "", nil)
		sel.OnChanged = func(string) {
			importfile.LearnWord(&d.mem, w.Field, w.Word, w.Choices[sel.SelectedIndex()])
			d.load()
		}
		d.words.Add(container.NewHBox(label, kit.Sized(sel, 180)))
	}
	if len(d.res.Unknown) == 0 {
		d.wordBox.Hide()
	} else {
		d.wordBox.Show()
	}
}

// showCounts says how many rows go in, are skipped (and why) or have errors, and offers them as a filter.
func (d *importDialog) showCounts() {
	res := d.res
	c := res.Counts
	d.filter.SetOptions([]string{
		lang.L("导入 ({{.N}})", map[string]any{"N": c.Valid}),
		lang.L("跳过 ({{.N}})", map[string]any{"N": c.Skipped}),
		lang.L("错误 ({{.N}})", map[string]any{"N": c.Errors}),
	}, []string{"0", "1", "2"})
	counts := map[string]any{"Data": c.Data, "Valid": c.Valid, "Errors": c.Errors, "Skipped": c.Skipped}
	text := lang.L("{{.Data}} 行数据：{{.Valid}} 行导入，{{.Errors}} 行有错误；另有 {{.Skipped}} 行跳过", counts)
	if !res.Complete {
		text = lang.L("先显示前 {{.Data}} 行数据：{{.Valid}} 行导入，{{.Errors}} 行有错误；另有 {{.Skipped}} 行跳过", counts)
	}
	if skips := skipsText(res.Skips); skips != "" {
		text += lang.L("（{{.Reasons}}）", map[string]any{"Reasons": skips})
	}
	if !res.Complete {
		text += lang.L("。整个文件读完、核对后才能导入。")
	}
	if len(res.Ignored) > 0 {
		text += importPartSep() + lang.L("没有读取的工作表：{{.Sheets}}", map[string]any{"Sheets": strings.Join(res.Ignored, importListSep())})
	}
	d.summary.SetText(text)
}

// skipsText lists why rows were skipped, the most common reason first: 合计行 3、空行 2.
func skipsText(skips map[string]int) string {
	reasons := slices.Collect(maps.Keys(skips))
	slices.SortFunc(reasons, func(a, b string) int {
		if skips[a] != skips[b] {
			return skips[b] - skips[a]
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(reasons))
	for i, r := range reasons {
		parts[i] = lang.L(r) + " " + strconv.Itoa(skips[r])
	}
	return strings.Join(parts, importListSep())
}

// showTotals says what the import would write: totals, rows already in the ledger, new names.
func (d *importDialog) showTotals() {
	rep, res := d.rep, d.res
	if rep == nil {
		showText(d.totals, "")
		showText(d.newNames, "")
		d.importB.SetText(lang.L("导入"))
		return
	}
	parts := []string{lang.L("将导入 {{.Rows}} 行", map[string]any{"Rows": rep.Imported})}
	if rep.Imported > 0 {
		parts = append(parts, importTotalsText(res.Kind, rep.Totals))
	}
	if n := len(rep.Present); n > 0 {
		parts = append(parts, lang.L("{{.N}} 行台账里已有相同的记录，不会重复导入", map[string]any{"N": n}))
	}
	if len(d.present) > 0 {
		parts = append(parts, lang.L("这个文件在 {{.At}} 已经导入过", map[string]any{"At": importTime(d.present[0].At)}))
	}
	if res.Counts.Errors > 0 {
		parts = append(parts, lang.L("有错误的 {{.N}} 行不会导入，改好表格后可以再导入（已导入的行不会重复）", map[string]any{"N": res.Counts.Errors}))
	}
	showText(d.totals, strings.Join(parts, importPartSep()))
	showText(d.newNames, newNamesText(rep.New))
	d.importB.SetText(lang.L("导入 {{.Rows}} 行", map[string]any{"Rows": rep.Imported}))
	if rep.Imported > 0 && !d.importing {
		d.importB.Enable()
	}
}

// showText shows text on l, or hides l while there is none (an empty label still takes a line).
func showText(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// newNamesText lists the villages, sellers, products and partner units the import would add.
func newNamesText(n data.ImportNames) string {
	var parts []string
	for _, g := range []struct {
		label string
		names []string
	}{{lang.L("村"), n.Villages}, {lang.L("卖家"), n.Sellers}, {lang.L("产品"), n.Products}, {lang.L("帮扶单位"), n.Partners}} {
		if len(g.names) == 0 {
			continue
		}
		shown := g.names[:min(len(g.names), 12)]
		list := strings.Join(shown, importListSep())
		if len(g.names) > len(shown) {
			list = lang.L("{{.List}} 等", map[string]any{"List": list})
		}
		parts = append(parts, lang.L("{{.What}} {{.N}} 个：{{.List}}", map[string]any{"What": g.label, "N": len(g.names), "List": list}))
	}
	if len(parts) == 0 {
		return lang.L("不会新建村、卖家、产品或帮扶单位。")
	}
	return lang.L("将新建：") + strings.Join(parts, importPartSep())
}

// importRows writes the valid rows in one transaction, remembers what the user taught the
// preview, closes it and says what went in.
func (d *importDialog) importRows() {
	if d.rep == nil || d.importing {
		return
	}
	d.importing = true
	d.importB.Disable()
	d.cancel.Disable()
	d.reading(lang.L("正在导入…"), false)
	d.stopBtn.Hide()
	res, st, run := d.res, d.env.Store, d.env.Run
	mem := data.ImportMemory{Headers: maps.Clone(d.mem.Headers), Words: maps.Clone(d.mem.Words)}
	b := d.batch(res)
	run.Go(func() {
		rep, err := st.Import(b, data.ImportOptions{SkipErrors: true})
		var memErr error
		if err == nil {
			for _, sh := range res.Sheets {
				importfile.LearnMapping(&mem, res.Kind, sh)
			}
			memErr = st.SaveImportMemory(mem)
		}
		run.Do(func() {
			d.importing = false
			d.idle()
			d.cancel.Enable()
			if err != nil {
				d.importB.Enable()
				d.failed(err)
				return
			}
			d.dlg.Hide()
			d.done(rep, res)
			if memErr != nil {
				d.env.Dialogs.ShowStoreError(memErr) // the rows are in; only the choices are not remembered
			}
		})
	})
}

// close is 取消 (and Esc): the read stops and nothing is written. An import under way finishes first.
func (d *importDialog) close() {
	if d.importing {
		return
	}
	d.gen++
	d.stopReading()
	d.dlg.Hide()
}
