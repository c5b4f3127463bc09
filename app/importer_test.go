package app

import (
	"fmt"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/app/kit/kittest"
	"cunji/data"
	"cunji/data/importfile"
)

// fixture is a file of data/testdata/import (written by LibreOffice and iconv, not by 村记).
func fixture(name string) string { return filepath.Join("..", "data", "testdata", "import", name) }

// importBarOf is the 导入 bar in a screen's content.
func importBarOf(t *testing.T, content fyne.CanvasObject) *importBar {
	t.Helper()
	var bar *importBar
	kittest.Walk(content, func(o fyne.CanvasObject) {
		if b, ok := kit.ViewOf[*importBar](o); ok && bar == nil {
			bar = b
		}
	})
	if bar == nil {
		t.Fatal("the screen offers no import")
	}
	return bar
}

// openedImport is the import preview on top of the window.
func openedImport(t *testing.T, m *MainWindow) *importDialog {
	t.Helper()
	top := m.Env.Win.Canvas().Overlays().Top()
	var d *importDialog
	if top != nil {
		kittest.Walk(top, func(o fyne.CanvasObject) {
			if x, ok := kit.ViewOf[*importDialog](o); ok && d == nil {
				d = x
			}
		})
	}
	if d == nil {
		t.Fatalf("no import preview open; on top: %q", shownTexts(top))
	}
	return d
}

// previewRows finds the preview's row numbered num (of the sheet, when given) and its column texts.
func previewCells(t *testing.T, d *importDialog, sheet string, num int) (status, note string) {
	t.Helper()
	cols := 0
	if len(d.res.Sheets) > 1 {
		cols = 1
	}
	for i := range d.preview.Rows() {
		r, _ := d.preview.Row(i)
		if r.row.Num == num && (sheet == "" || r.sheet == sheet) {
			if imp := d.preview.CellImportance(i, cols+1); (r.row.Status == importfile.StatusError) != (imp == widget.DangerImportance) {
				t.Errorf("row %d: status %v shown as %v", num, r.row.Status, imp)
			}
			return d.preview.CellText(i, cols+1), d.preview.CellText(i, cols+2)
		}
	}
	t.Fatalf("the preview has no row %d of %q", num, sheet)
	return "", ""
}

// openSales opens the sales fixture from the 助农销售 screen's 导入 bar, on a ledger with one village.
func openSales(t *testing.T) (*MainWindow, *data.Store, *importBar, *importDialog) {
	t.Helper()
	m, st := newTestWindow(t)
	seedVillage(t, st, "东泉村")
	m.Select(salesAt)
	bar := importBarOf(t, m.View(salesAt).Content)
	bar.openFile(fixture("sales_ledger.xlsx"))
	return m, st, bar, openedImport(t, m)
}

// Writes docs/screenshots/import-preview.png when CUNJI_SHOT names the file: the preview of the
// sales fixture in a 1366×768 window, drawn by Fyne's software renderer.
func TestImportPreviewScreenshot(t *testing.T) {
	out := os.Getenv("CUNJI_SHOT")
	if out == "" {
		t.Skip("set CUNJI_SHOT=path.png to draw the screenshot")
	}
	m, _ := newTestWindow(t)
	m.Env.Win.Resize(fyne.NewSize(1366, 768))
	seedVillage(t, m.Env.Store, "东泉村")
	m.Select(salesAt)
	importBarOf(t, m.View(salesAt).Content).openFile(fixture("sales_ledger.xlsx"))
	d := openedImport(t, m)
	for i := range d.preview.Rows() {
		if r, _ := d.preview.Row(i); r.row.Num == 13 && r.sheet == "2024年上半年" {
			d.preview.Table.Select(widget.TableCellID{Row: i, Col: 2})
		}
	}
	// The window's minimum-size rectangle has no colour, which the software painter cannot draw.
	kittest.Walk(m.Env.Win.Content(), func(o fyne.CanvasObject) {
		if r, ok := o.(*canvas.Rectangle); ok && r.FillColor == nil {
			r.FillColor = color.Transparent
		}
	})
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, m.Env.Win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
	fmt.Println("saved", out)
}

// The sales fixture: every row is marked 导入, 跳过 (why) or 错误 (which column, why); nothing is
// written until 导入; then the ledger holds exactly the totals the preview named, and 撤销本次导入,
// after a question naming the file and the rows, takes it all back.
func TestImportSalesPreviewImportThenUndo(t *testing.T) {
	m, st, bar, d := openSales(t)
	if !d.res.Complete || d.rep == nil {
		t.Fatal("the file was not read whole and checked")
	}
	for _, c := range []struct {
		sheet        string
		row          int
		status, note string
	}{
		{"2024年上半年", 4, "导入", ""},
		{"2024年上半年", 11, "跳过", "合计行"},
		{"2024年上半年", 13, "错误", "重量（斤）：数量“15斤”里带了单位"},
		{"2024年上半年", 16, "错误", "销售额：金额 125.00 与 数量×单价"},
		{"2024年上半年", 19, "错误", "这一行与上一行完全相同"},
		{"2024年下半年", 9, "错误", "销售日期：日期“2025-02-30”不存在"},
	} {
		status, note := previewCells(t, d, c.sheet, c.row)
		if status != c.status || !strings.HasPrefix(note, c.note) {
			t.Errorf("%s row %d: %s %q, want %s %q…", c.sheet, c.row, status, note, c.status, c.note)
		}
	}
	d.filter.SetSelectedIndex(3) // 错误
	if n := d.preview.Rows(); n != 7 {
		t.Errorf("%d error rows listed, want 7", n)
	}
	if !strings.Contains(d.summary.Text, "20 行数据：13 行导入，7 行有错误") {
		t.Errorf("summary %q", d.summary.Text)
	}
	want := d.rep.Totals
	if want.Lines != 13 || !strings.Contains(d.totals.Text, "将导入 13 行") || !strings.Contains(d.totals.Text, want.Amount.String()) {
		t.Errorf("totals %+v shown as %q", want, d.totals.Text)
	}
	if !strings.Contains(d.newNames.Text, "卖家 5 个：张建国、李秀英、王福、赵小花、周梅") || !strings.Contains(d.newNames.Text, "产品 8 个") {
		t.Errorf("new names %q", d.newNames.Text)
	}
	if n, _ := st.CountSaleEvents(data.SaleEventFilter{}); n != 0 {
		t.Fatalf("the preview wrote %d sales events", n)
	}

	if d.importB.Disabled() || d.importB.Text != "导入 13 行" {
		t.Fatalf("import button %q disabled %v", d.importB.Text, d.importB.Disabled())
	}
	test.Tap(d.importB)
	if m.Env.Dialogs.Open() {
		t.Fatalf("still open: %q", shownTexts(m.Env.Win.Canvas().Overlays().Top()))
	}
	got, err := st.SaleEventTotals(data.SaleEventFilter{})
	if err != nil || got.Amount != want.Amount || got.Lines != want.Lines {
		t.Fatalf("the ledger holds %+v (%v), the preview said %+v", got, err, want)
	}
	if txt := bar.notice.Text(); !strings.Contains(txt, "已从“sales_ledger.xlsx”导入 13 行") || !strings.Contains(txt, want.Amount.String()) {
		t.Errorf("notice %q", txt)
	}
	if mem, _ := st.ImportMemory(); mem.Headers != nil || mem.Words != nil {
		t.Errorf("nothing was taught, yet the memory holds %+v", mem)
	}

	if !bar.undo.Visible() {
		t.Fatal("no 撤销本次导入 after an import")
	}
	test.Tap(bar.undo)
	question := strings.Join(shownTexts(m.Env.Win.Canvas().Overlays().Top()), " ")
	if !strings.Contains(question, "“sales_ledger.xlsx”导入的 13 行") {
		t.Fatalf("the question says %q", question)
	}
	tapDialogButton(t, m, "撤销导入")
	if got, _ := st.SaleEventTotals(data.SaleEventFilter{}); got.Lines != 0 || got.Amount != 0 {
		t.Fatalf("after undo the ledger holds %+v", got)
	}
	if bar.undo.Visible() {
		t.Error("撤销本次导入 still offered after the undo")
	}
	if txt := bar.notice.Text(); txt != "已撤销导入“sales_ledger.xlsx”：13 行已删除" {
		t.Errorf("notice %q", txt)
	}
}

// Each ledger imports its kind of file from its own screen: the totals read back through data
// are the preview's, and the undo empties the ledger again.
func TestEachLedgerImportsItsKindAndUndoes(t *testing.T) {
	for _, c := range []struct {
		screen int
		file   string
		totals func(st *data.Store) data.ImportTotals
	}{
		{incomeAt, "income_ledger.xlsx", func(st *data.Store) data.ImportTotals {
			x, err := st.EntryTotals(data.EntryFilter{})
			noErr(t, err)
			return data.ImportTotals{Income: x.Income, Expense: x.Expense, Operating: x.Operating}
		}},
		{incomeAt, "income_lo_gbk.csv", func(st *data.Store) data.ImportTotals {
			x, err := st.EntryTotals(data.EntryFilter{})
			noErr(t, err)
			return data.ImportTotals{Income: x.Income, Expense: x.Expense, Operating: x.Operating}
		}},
		{projectsAt, "projects_ledger.xlsx", func(st *data.Store) data.ImportTotals {
			x, err := st.ProjectTotals(data.ProjectFilter{})
			noErr(t, err)
			return data.ImportTotals{Count: x.Count, Budget: x.Budget, Disbursed: x.Disbursed}
		}},
		{salesAt, "sales_gb18030.csv", func(st *data.Store) data.ImportTotals {
			x, err := st.SaleEventTotals(data.SaleEventFilter{})
			noErr(t, err)
			return data.ImportTotals{Amount: x.Amount, Lines: x.Lines}
		}},
	} {
		t.Run(c.file, func(t *testing.T) {
			m, st := newTestWindow(t)
			seedVillage(t, st, "东泉村")
			m.Select(c.screen)
			bar := importBarOf(t, m.View(c.screen).Content)
			bar.openFile(fixture(c.file))
			d := openedImport(t, m)
			if d.rep == nil || d.rep.Imported == 0 {
				t.Fatalf("nothing to import: %q %q", d.summary.Text, d.message.Text)
			}
			want := d.rep.Totals
			test.Tap(d.importB)
			if got := c.totals(st); got != want {
				t.Fatalf("the ledger adds up to %+v, the preview said %+v", got, want)
			}
			test.Tap(bar.undo)
			tapDialogButton(t, m, "撤销导入")
			if got := c.totals(st); got != (data.ImportTotals{}) {
				t.Fatalf("after undo: %+v", got)
			}
		})
	}
}

// Importing a file again: the rows already in the ledger are marked 跳过 (已导入过) and counted,
// the file is recognised, and nothing is left to import.
func TestImportingTheSameFileAgainMarksRowsPresent(t *testing.T) {
	m, st, bar, d := openSales(t)
	test.Tap(d.importB)
	bar.openFile(fixture("sales_ledger.xlsx"))
	d = openedImport(t, m)
	if status, note := previewCells(t, d, "2024年上半年", 4); status != "跳过" || note != "已导入过（台账里已有相同的记录）" {
		t.Errorf("row 4 again: %s %q", status, note)
	}
	if status, _ := previewCells(t, d, "2024年上半年", 13); status != "错误" {
		t.Errorf("row 13 again: %s", status)
	}
	if !strings.Contains(d.totals.Text, "13 行台账里已有相同的记录，不会重复导入") || !strings.Contains(d.totals.Text, "这个文件在") {
		t.Errorf("totals %q", d.totals.Text)
	}
	if !d.importB.Disabled() {
		t.Errorf("import %q offered with nothing new", d.importB.Text)
	}
	if got, _ := st.SaleEventTotals(data.SaleEventFilter{}); got.Lines != 13 {
		t.Errorf("%d lines", got.Lines)
	}
}

// A column's select changes what the column is read as; the read narrows to that sheet (the
// other has columns of its own), and the rows follow. Another header row reads other columns.
func TestImportColumnSelectChangesTheRead(t *testing.T) {
	_, _, _, d := openSales(t)
	if h := d.res.Sheets[0].Headers[6]; h != "销售额" {
		t.Fatalf("column G is %q", h)
	}
	d.colSels[6].SetSelected("不导入") // the amount is then quantity × price
	if d.sheet.Value() != "2024年上半年" || len(d.res.Sheets) != 1 {
		t.Fatalf("sheet %q, %d sheets read", d.sheet.Value(), len(d.res.Sheets))
	}
	for _, row := range []int{16, 17} { // 125 ≠ 30×4 and -40 are no longer read
		if status, note := previewCells(t, d, "", row); status != "导入" {
			t.Errorf("row %d: %s %q", row, status, note)
		}
	}
	if d.res.Counts.Errors != 4 || d.colSels[6].Selected != "不导入" || d.rep == nil {
		t.Errorf("%d errors, G read as %q", d.res.Counts.Errors, d.colSels[6].Selected)
	}

	d.header.SetSelected("第 2 行") // 填报单位：… names no columns
	if d.message.Error() == "" || !strings.Contains(d.message.Text, "表头里没有找到这些列") {
		t.Errorf("header on row 2: message %q", d.message.Text)
	}
	if !d.importB.Disabled() {
		t.Error("import offered without a header")
	}
	d.header.SetSelected("第 3 行")
	if d.message.Error() != "" || d.res.Counts.Valid != 7 {
		t.Errorf("back on row 3: %q, %d valid", d.message.Text, d.res.Counts.Valid)
	}
}

// A file that cannot be read says why in Chinese, with what to do, and opens no preview; nothing
// is written.
func TestImportOfAnUnreadableFileSaysWhyAndWritesNothing(t *testing.T) {
	m, st := newTestWindow(t)
	seedVillage(t, st, "东泉村")
	m.Select(incomeAt)
	bar := importBarOf(t, m.View(incomeAt).Content)
	damaged := filepath.Join(t.TempDir(), "damaged.xlsx")
	noErr(t, os.WriteFile(damaged, []byte("PK\x03\x04 this zip ends here"), 0o644))
	for _, c := range []struct{ path, says string }{
		{fixture("sales_ledger.xls"), "这是旧版 Excel 97-2003 (.xls)"},
		{damaged, "已损坏或不完整"},
		{filepath.Join(t.TempDir(), "gone.xlsx"), "找不到文件"},
	} {
		bar.openFile(c.path)
		top := m.Env.Win.Canvas().Overlays().Top()
		said := strings.Join(shownTexts(top), " ")
		if !strings.Contains(said, "无法导入这个文件") || !strings.Contains(said, c.says) {
			t.Errorf("%s: the window says %q", filepath.Base(c.path), said)
		}
		kittest.Walk(top, func(o fyne.CanvasObject) {
			if _, ok := kit.ViewOf[*importDialog](o); ok {
				t.Errorf("%s: a preview opened", filepath.Base(c.path))
			}
		})
		tapDialogButton(t, m, "确定")
	}
	if list, _ := st.Imports(""); len(list) != 0 {
		t.Errorf("imports %+v", list)
	}
	if n, _ := st.CountEntries(data.EntryFilter{}); n != 0 {
		t.Errorf("%d entries", n)
	}
}

// bigSalesCSV writes a sales ledger of n lines as Excel's "CSV UTF-8" saves it.
func bigSalesCSV(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("\ufeff日期,姓名,品名,数量,单价,金额\r\n")
	for i := range n {
		fmt.Fprintf(&b, "2024-%02d-%02d,农户%d,大蒜,%d,3.50,%.2f\r\n", i%12+1, i%28+1, i%50, i%9+1, float64(i%9+1)*3.5)
	}
	path := filepath.Join(t.TempDir(), "big.csv")
	noErr(t, os.WriteFile(path, []byte(b.String()), 0o644))
	return path
}

// A big file shows its first rows while the rest is read, with its progress; 停止读取 stops the
// read, nothing can be imported and nothing is written; 取消 closes the preview.
func TestStoppingABigReadWritesNothing(t *testing.T) {
	m, st := newTestWindow(t)
	seedVillage(t, st, "东泉村")
	m.Select(salesAt)
	bar := importBarOf(t, m.View(salesAt).Content)
	path := bigSalesCSV(t, 5000)
	run := runner(m)
	run.Hold()
	bar.openFile(path)
	run.Next() // the sheets, the memory and the villages: the preview opens and starts reading
	d := openedImport(t, m)
	run.Next() // the first rows
	if d.res == nil || d.res.Complete || d.res.Counts.Data != previewFirstRows {
		t.Fatalf("first read: %+v", d.res)
	}
	if !d.progressRow.Visible() || !d.stopBtn.Visible() || !d.importB.Disabled() || !strings.HasPrefix(d.status.Text, "正在读取整个文件") {
		t.Fatalf("while reading: status %q, stop %v, import off %v", d.status.Text, d.stopBtn.Visible(), d.importB.Disabled())
	}
	if !strings.HasPrefix(d.summary.Text, "先显示前 200 行数据") {
		t.Errorf("summary %q", d.summary.Text)
	}
	test.Tap(d.stopBtn)
	run.Release()
	if d.status.Text != "已停止读取，没有导入任何内容" || !d.importB.Disabled() || !d.again.Visible() {
		t.Fatalf("after stopping: status %q, import off %v", d.status.Text, d.importB.Disabled())
	}
	if d.res.Complete {
		t.Error("the whole file was read after all")
	}
	test.Tap(d.cancel)
	if m.Env.Dialogs.Open() {
		t.Error("取消 left the preview open")
	}
	if list, _ := st.Imports(""); len(list) != 0 {
		t.Errorf("imports %+v", list)
	}
	if n, _ := st.CountSaleEvents(data.SaleEventFilter{}); n != 0 {
		t.Errorf("%d sales events written", n)
	}
}

// The same big file read to the end: the progress shows, then every row is in the preview and
// can be imported.
func TestABigFileIsReadWholeBeforeItCanBeImported(t *testing.T) {
	m, st := newTestWindow(t)
	seedVillage(t, st, "东泉村")
	m.Select(salesAt)
	importBarOf(t, m.View(salesAt).Content).openFile(bigSalesCSV(t, 5000))
	d := openedImport(t, m)
	if !d.res.Complete || d.res.Counts.Valid != 5000 || d.preview.Rows() != 5001 || d.importB.Disabled() {
		t.Fatalf("counts %+v, %d rows shown, import off %v", d.res.Counts, d.preview.Rows(), d.importB.Disabled())
	}
	if d.progressRow.Visible() {
		t.Errorf("progress still shown: %q", d.status.Text)
	}
	test.Tap(d.importB)
	if got, _ := st.SaleEventTotals(data.SaleEventFilter{}); got.Lines != 5000 || got.Amount != d.rep.Totals.Amount {
		t.Errorf("ledger %+v, preview %+v", got, d.rep.Totals)
	}
}

// A local word 村记 does not know is mapped once in the preview: its rows go in, and the next
// file using it is read without asking.
func TestUnknownWordIsMappedOnceAndRemembered(t *testing.T) {
	m, st := newTestWindow(t)
	seedVillage(t, st, "东泉村")
	m.Select(incomeAt)
	bar := importBarOf(t, m.View(incomeAt).Content)
	csv := func(name, rows string) string {
		path := filepath.Join(t.TempDir(), name)
		noErr(t, os.WriteFile(path, []byte("\ufeff日期,摘要,类别,收入金额,支出金额\r\n"+rows), 0o644))
		return path
	}
	bar.openFile(csv("一月.csv", "2024-01-05,小卖部交来,小卖部交款,1200,\r\n2024-01-06,收到租金,租金,800,\r\n"))
	d := openedImport(t, m)
	if len(d.res.Unknown) != 1 || d.res.Unknown[0].Word != "小卖部交款" || !d.wordBox.Visible() {
		t.Fatalf("unknown words %+v", d.res.Unknown)
	}
	if status, _ := previewCells(t, d, "", 2); status != "错误" {
		t.Fatalf("row 2 before mapping: %s", status)
	}
	var word *kit.Select
	kittest.Walk(d.words, func(o fyne.CanvasObject) {
		if s, ok := o.(*kit.Select); ok {
			word = s
		}
	})
	word.SetSelected("投资收益")
	if status, note := previewCells(t, d, "", 2); status != "导入" || len(d.res.Unknown) != 0 {
		t.Fatalf("row 2 after mapping: %s %q", status, note)
	}
	test.Tap(d.importB)
	x, err := st.EntryTotals(data.EntryFilter{Category: "投资收益"})
	if err != nil || x.Income != 120000 {
		t.Fatalf("投资收益 %v %v", x.Income, err)
	}

	bar.openFile(csv("二月.csv", "2024-02-05,小卖部交来,小卖部交款,900,\r\n"))
	d = openedImport(t, m)
	if len(d.res.Unknown) != 0 || d.wordBox.Visible() {
		t.Fatalf("asked again: %+v", d.res.Unknown)
	}
	if status, _ := previewCells(t, d, "", 2); status != "导入" {
		t.Errorf("row 2 of the second file: %s", status)
	}
}

// The welcome imports the ledger a village already keeps: the village typed is saved first, the
// kind is guessed from the header, and after the import the ledger's screen shows what went in.
func TestWelcomeImportsAnExistingLedger(t *testing.T) {
	m, st := newTestWindow(t)
	w := maybeWelcome(m)
	test.Type(w.name, "东泉村")
	test.Tap(w.importBtn) // saves the village, then asks for the file
	if _, err := st.VillageByName("东泉村"); err != nil {
		t.Fatalf("village not saved: %v", err)
	}
	m.Env.Dialogs.Cancel() // the file dialog: the test names the file instead
	w.importPath(fixture("income_ledger.xlsx"))
	d := openedImport(t, m)
	if d.kindSel == nil || d.kindSel.Selected != "集体收支" || d.village.Text != "东泉村" {
		t.Fatalf("kind %v, village %q", d.kindSel, d.village.Text)
	}
	want := d.rep.Totals
	test.Tap(d.importB)
	if m.Current() != incomeAt {
		t.Errorf("screen %d after the import", m.Current())
	}
	said := strings.Join(shownTexts(m.Env.Win.Canvas().Overlays().Top()), " ")
	if !strings.Contains(said, "导入完成") || !strings.Contains(said, "已从“income_ledger.xlsx”导入 7 行") {
		t.Errorf("the window says %q", said)
	}
	if x, _ := st.EntryTotals(data.EntryFilter{}); x.Income != want.Income || x.Expense != want.Expense {
		t.Errorf("ledger %+v, preview %+v", x, want)
	}
}

// With no village yet and rows naming none, the preview asks which village they belong to and
// offers nothing to import until one is given; the import then adds it.
func TestImportAsksForTheVillageOfRowsNamingNone(t *testing.T) {
	m, st := newTestWindow(t)
	w := maybeWelcome(m)
	w.importPath(fixture("sales_gb18030.csv")) // its rows name their villages: no question
	d := openedImport(t, m)
	if d.kindSel.Selected != "助农销售" || d.village.Hint.Error() != "" || d.importB.Disabled() {
		t.Fatalf("kind %q, village hint %q", d.kindSel.Selected, d.village.Hint.Error())
	}
	test.Tap(d.cancel)
	w.importPath(fixture("income_bom.csv"))
	d = openedImport(t, m)
	if d.village.Hint.Error() == "" || !d.importB.Disabled() {
		t.Fatalf("no question: hint %q, import off %v", d.village.Hint.Error(), d.importB.Disabled())
	}
	test.Type(d.village, "东泉村")
	if d.village.Hint.Error() != "" || d.importB.Disabled() || !strings.Contains(d.newNames.Text, "村 1 个：东泉村") {
		t.Fatalf("after naming it: hint %q, new %q", d.village.Hint.Error(), d.newNames.Text)
	}
	test.Tap(d.importB)
	if _, err := st.VillageByName("东泉村"); err != nil {
		t.Fatalf("village not added: %v", err)
	}
}

// In English the preview's statuses, reasons, errors and column choices are English; a file that
// cannot be read says so in English.
func TestImportPreviewSpeaksEnglish(t *testing.T) {
	m, st := englishWindow(t)
	seedVillage(t, st, "东泉村")
	m.Select(salesAt)
	bar := importBarOf(t, m.View(salesAt).Content)
	if bar.open.Text != "Import Excel…" {
		t.Errorf("button %q", bar.open.Text)
	}
	bar.openFile(fixture("sales_ledger.xlsx"))
	d := openedImport(t, m)
	if status, note := previewCells(t, d, "2024年上半年", 13); status != "Error" || !strings.HasPrefix(note, "重量（斤）: The quantity carries a unit") {
		t.Errorf("row 13: %s %q", status, note)
	}
	if status, note := previewCells(t, d, "2024年上半年", 11); status != "Skipped" || note != "Total row" {
		t.Errorf("row 11: %s %q", status, note)
	}
	if got := d.colSels[2].Selected; got != "Seller (name)" {
		t.Errorf("column C reads as %q", got)
	}
	if !strings.HasPrefix(d.totals.Text, "13 rows will be imported") || d.importB.Text != "Import 13 rows" {
		t.Errorf("totals %q, button %q", d.totals.Text, d.importB.Text)
	}
	test.Tap(d.cancel)
	bar.openFile(fixture("sales_ledger.xls"))
	if said := strings.Join(shownTexts(m.Env.Win.Canvas().Overlays().Top()), " "); !strings.Contains(said, "This is an old .xls") {
		t.Errorf("the .xls says %q", said)
	}
}

// Every name the importer gives the preview (what a column holds, why a row is skipped, its
// status) is translated: they are shown through lang.L of a variable.
func TestImportNamesAreTranslated(t *testing.T) {
	zh, _ := translationKeys(LangChinese)
	en, _ := translationKeys(LangEnglish)
	keys := []string{"import.field.none", "导入", "跳过", "错误", "已导入过（台账里已有相同的记录）", "没有表头"}
	for _, k := range data.ImportKinds {
		keys = append(keys, k.Chinese())
		for _, f := range importfile.Fields(k) {
			keys = append(keys, "import.field."+string(f))
		}
	}
	for _, r := range []string{"空行", "只有序号", "合计行", "分类行", "签名行", "标题", "表头", "说明行", "没有要导入的内容"} {
		keys = append(keys, r)
	}
	for _, k := range keys {
		if zh[k] == "" || en[k] == "" {
			t.Errorf("%q: zh %q en %q", k, zh[k], en[k])
		}
	}
	seen := map[string]string{}
	for _, k := range data.ImportKinds {
		for _, f := range importfile.Fields(k) {
			l := en["import.field."+string(f)]
			if other, ok := seen[l]; ok && other != string(f) {
				t.Errorf("%s and %s both read %q", other, f, l)
			}
			seen[l] = string(f)
		}
	}
}

// Esc closes the preview, also with the table focused after a click on a row; nothing is written.
func TestEscClosesTheImportPreview(t *testing.T) {
	m, st, _, d := openSales(t)
	test.Tap(d.preview.Table)
	m.Env.Win.Canvas().Focus(d.preview.Table)
	d.preview.Table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.Env.Dialogs.Open() {
		t.Fatal("Esc left the preview open")
	}
	if n, _ := st.CountSaleEvents(data.SaleEventFilter{}); n != 0 {
		t.Errorf("%d sales events written", n)
	}
}
