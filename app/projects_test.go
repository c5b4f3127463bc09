package app

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/app/kit/kittest"
	"cunji/data"
)

func projectsOf(t *testing.T, m *MainWindow) *projectsView {
	t.Helper()
	return screenOf[*projectsView](t, m, "帮扶项目")
}

// findButton returns the first button under o whose text starts with text.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	kittest.Walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && found == nil && strings.HasPrefix(b.Text, text) {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// findHeader finds the ledger column header showing text.
func findHeader(t *testing.T, o fyne.CanvasObject, text string) *kit.ColumnHeader {
	t.Helper()
	var found *kit.ColumnHeader
	kittest.Walk(o, func(o fyne.CanvasObject) {
		if h, ok := o.(*kit.ColumnHeader); ok && found == nil && h.Text == text {
			found = h
		}
	})
	if found == nil {
		t.Fatalf("no column header %q", text)
	}
	return found
}

// inDialog finds the first widget of type T in the topmost dialog.
func inDialog[T any](t *testing.T, m *MainWindow) T {
	t.Helper()
	var found T
	ok := false
	top := m.Env.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	kittest.Walk(top, func(o fyne.CanvasObject) {
		if x, is := o.(T); is && !ok {
			found, ok = x, true
		}
	})
	if !ok {
		var zero T
		t.Fatalf("dialog has no %T", zero)
	}
	return found
}

func seedProject(t *testing.T, st *data.Store, name string, villageID int64, budget data.Money) *data.Project {
	t.Helper()
	p := &data.Project{Name: name, Type: "产业发展", VillageIDs: []int64{villageID}, YearStarted: data.Today().Year(), Households: 10}
	if err := st.SaveProject(p); err != nil {
		t.Fatal(err)
	}
	if budget > 0 {
		if err := st.SaveFundingLine(&data.FundingLine{ProjectID: p.ID, Source: "财政衔接资金", Amount: budget}); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func TestProjectTypedFundedListedEditedDeletedAndRestored(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	pv := projectsOf(t, m)

	// New project, typed into the form, saved with Ctrl+S from the name field.
	press(t, m, fyne.KeyN)
	if pv.page == nil || pv.page.id() != 0 {
		t.Fatal("Ctrl+N did not open a new project page")
	}
	f := pv.page.form
	test.Type(f.name, "蔬菜大棚建设")
	f.typ.SetSelected("产业发展")
	test.Type(f.households, "30")
	test.Type(f.poor, "12")
	test.Type(f.monitored, "3")
	test.Type(f.responsible, "王书记")
	f.name.TypedShortcut(kittest.Ctrl(fyne.KeyS))
	id := pv.page.id()
	if id == 0 {
		t.Fatalf("not saved: %v", shownTexts(pv.page.content))
	}
	p, err := st.GetProject(id)
	if err != nil || p.Name != "蔬菜大棚建设" || p.Households != 30 || p.HouseholdsPoor != 12 ||
		len(p.VillageIDs) != 1 || p.VillageIDs[0] != vil.ID || p.Type != "产业发展" {
		t.Fatalf("stored %+v %v", p, err)
	}
	if pv.page.tabs.Items[tabMoney].Disabled() {
		t.Fatal("资金 still disabled after saving")
	}

	// A funding line and a disbursement through their dialogs.
	pv.page.tabs.SelectIndex(tabMoney)
	test.Tap(findButton(t, pv.page.money.content, "添加资金来源"))
	inDialog[*kit.Select](t, m).SetSelected("财政衔接资金")
	test.Type(inDialog[*kit.MoneyField](t, m), "500,000")
	press(t, m, fyne.KeyS)
	test.Tap(findButton(t, pv.page.money.content, "登记拨付"))
	test.Type(inDialog[*kit.MoneyField](t, m), "200000")
	press(t, m, fyne.KeyS)
	if m.Env.Dialogs.Open() {
		t.Fatal("dialog still open after saving")
	}
	if got := pv.page.money.BarText(); got != "已拨付 ¥200,000.00 / 预算 ¥500,000.00（40%）" {
		t.Fatalf("bar says %q", got)
	}
	if findLabel(pv.page.money.disbursed, "¥200,000.00") == nil {
		t.Fatalf("running total not shown: %v", shownTexts(pv.page.money.disbursed))
	}

	// Back to the list with Esc: the row and the totals row show the figures.
	pressKey(m, fyne.KeyEscape)
	if pv.page != nil {
		t.Fatal("Esc did not return to the list")
	}
	if pv.table.Rows() != 1 {
		t.Fatalf("%d rows", pv.table.Rows())
	}
	want := []string{"蔬菜大棚建设", "东泉村", "产业发展", "未登记", "¥500,000.00", "¥200,000.00", "40%", "30"}
	for col, w := range want {
		if got := pv.table.CellText(0, col); got != w {
			t.Errorf("column %d shows %q, want %q", col, got, w)
		}
	}
	if pv.table.Totals()[4] != "¥500,000.00" || pv.table.Totals()[7] != "30" {
		t.Errorf("totals row %v", pv.table.Totals())
	}
	if l := findLabel(pv.table.Table, "¥200,000.00"); l == nil || l.Alignment != fyne.TextAlignTrailing {
		t.Errorf("disbursed not shown right-aligned: %v", shownTexts(pv.table.Table))
	}

	// Edit: open the row (row 0 of the table is the totals row), rename, save.
	pv.table.Table.Select(widget.TableCellID{Row: 1, Col: 0})
	if pv.page == nil || pv.page.id() != id {
		t.Fatal("tapping the row did not open the project")
	}
	retype(pv.page.form.name, "蔬菜大棚建设（二期）")
	press(t, m, fyne.KeyS)
	if p, _ := st.GetProject(id); p.Name != "蔬菜大棚建设（二期）" {
		t.Fatalf("rename not stored: %q", p.Name)
	}

	// Delete with the Delete key, confirm; Ctrl+Z brings it back with its money.
	pressKey(m, fyne.KeyDelete)
	tapDialogButton(t, m, "删除")
	if _, err := st.GetProject(id); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("project still there: %v", err)
	}
	if pv.page != nil || pv.table.Rows() != 0 {
		t.Fatalf("after delete: page %v, %d rows", pv.page != nil, pv.table.Rows())
	}
	press(t, m, fyne.KeyZ)
	if pv.table.Rows() != 1 || pv.table.CellText(0, 4) != "¥500,000.00" {
		t.Fatalf("after undo: %d rows, budget %q", pv.table.Rows(), pv.table.CellText(0, 4))
	}
}

// On the list, Delete deletes the project chosen last (opened, then left with Esc), after asking.
func TestProjectDeletedFromTheList(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	seedProject(t, st, "甲 大棚", vil.ID, 100000)
	b := seedProject(t, st, "乙 冷库", vil.ID, 300000)
	pv := projectsOf(t, m)
	pressKey(m, fyne.KeyDelete) // nothing chosen yet: nothing asked, nothing deleted
	if m.Env.Win.Canvas().Overlays().Top() != nil || pv.table.Rows() != 2 {
		t.Fatal("Delete with no row chosen did something")
	}
	row := 0
	for pv.table.CellText(row, 0) != "乙 冷库" {
		row++
	}
	pv.table.Table.Select(widget.TableCellID{Row: row + 1, Col: 1}) // row 0 of the table is the totals row
	if pv.page == nil || pv.page.id() != b.ID {
		t.Fatal("the row did not open")
	}
	pressKey(m, fyne.KeyEscape)
	if pv.page != nil {
		t.Fatal("Esc did not return to the list")
	}
	pressKey(m, fyne.KeyDelete)
	if msg := inDialog[*widget.Label](t, m); !strings.Contains(msg.Text, "乙 冷库") {
		t.Fatalf("the question does not name the project: %q", msg.Text)
	}
	tapDialogButton(t, m, "取消")
	if pv.table.Rows() != 2 {
		t.Fatal("cancel deleted the project")
	}
	pressKey(m, fyne.KeyDelete)
	tapDialogButton(t, m, "删除")
	if _, err := st.GetProject(b.ID); !errors.Is(err, data.ErrNotFound) || pv.table.Rows() != 1 || pv.table.CellText(0, 0) != "甲 大棚" {
		t.Fatalf("after delete: %v, %d rows", err, pv.table.Rows())
	}
	if !strings.Contains(pv.notice.Text(), "乙 冷库") {
		t.Fatalf("notice %q", pv.notice.Text())
	}
	pressKey(m, fyne.KeyDelete) // the deleted project is no longer chosen
	if m.Env.Win.Canvas().Overlays().Top() != nil {
		t.Fatal("Delete asked about a deleted project")
	}
	press(t, m, fyne.KeyZ)
	if pv.table.Rows() != 2 || pv.table.CellText(row, 0) != "乙 冷库" {
		t.Fatalf("after undo: %d rows", pv.table.Rows())
	}
}

func TestProjectFormShowsErrorsAndKeepsWhatWasTyped(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	pv := projectsOf(t, m)
	press(t, m, fyne.KeyN)
	f := pv.page.form
	test.Type(f.households, "5")
	test.Type(f.poor, "8")
	if got := f.poor.Hint.Error(); !strings.Contains(got, "不能多于带动农户总数") {
		t.Fatalf("households hint while typing: %q", got)
	}
	if !pv.page.saveBtn.Disabled() {
		t.Fatal("save allowed with a wrong household count")
	}
	retype(f.year, "19")
	press(t, m, fyne.KeyS)
	if n, _ := st.ProjectTotals(data.ProjectFilter{}); n.Count != 0 {
		t.Fatal("a project with errors was saved")
	}
	if got := f.name.Hint.Error(); got != "请填写项目名称" {
		t.Fatalf("name hint %q", got)
	}
	if got := f.typeHint.Error(); got == "" {
		t.Fatal("no hint for the missing type")
	}
	if got := f.year.Hint.Error(); !strings.Contains(got, "开始年度不对") {
		t.Fatalf("year hint %q", got)
	}
	if f.households.Text != "5" || f.poor.Text != "8" || f.year.Text != "19" {
		t.Fatalf("typed values lost: %q %q %q", f.households.Text, f.poor.Text, f.year.Text)
	}
	// Fix everything and save.
	test.Type(f.name, "村道硬化")
	f.typ.SetSelected("基础设施")
	retype(f.poor, "2")
	retype(f.year, "2025")
	press(t, m, fyne.KeyS)
	if pv.page.id() == 0 {
		t.Fatalf("not saved after fixing: %v", shownTexts(pv.page.content))
	}
}

func TestProjectUnsavedChangesAskBeforeLeaving(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	pv := projectsOf(t, m)
	press(t, m, fyne.KeyN)
	test.Type(pv.page.form.name, "光伏电站")
	m.Select(incomeAt)
	if m.Current() != projectsAt {
		t.Fatal("left the screen with unsaved typing")
	}
	tapDialogButton(t, m, "继续编辑")
	if m.Current() != projectsAt || pv.page.form.name.Text != "光伏电站" {
		t.Fatal("keep editing lost the typing")
	}
	m.Select(incomeAt)
	tapDialogButton(t, m, "不保存")
	if m.Current() != incomeAt {
		t.Fatal("did not leave after agreeing")
	}
}

func TestProjectStagesNotesAndPhotos(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	p := seedProject(t, st, "冷库建设", vil.ID, 0)
	pv := projectsOf(t, m)
	pv.open(p.ID)
	pv.page.tabs.SelectIndex(tabProgress)
	s := pv.page.progress

	// The next stage asks for its date and note.
	test.Tap(findButton(t, s.content, "进入下一阶段：谋划"))
	date := inDialog[*kit.DateField](t, m)
	retype(date, "2025-03-01")
	test.Type(inDialog[*kit.NoteField](t, m), "两委会议提出")
	press(t, m, fyne.KeyS)
	test.Tap(findButton(t, s.content, "进入下一阶段：公示"))
	retype(inDialog[*kit.DateField](t, m), "2025-03-10")
	press(t, m, fyne.KeyS)
	hist, err := st.StageHistory(p.ID)
	if err != nil || len(hist) != 2 || hist[0].Stage != "谋划" || hist[0].Note != "两委会议提出" || hist[1].Stage != "公示" ||
		hist[1].Date.String() != "2025-03-10" {
		t.Fatalf("history %+v %v", hist, err)
	}
	if findButton(t, s.content, "进入下一阶段：入库") == nil || pv.page.stageLabel.Text != "当前阶段：公示" {
		t.Fatalf("stage shown %q", pv.page.stageLabel.Text)
	}
	// A wrong date keeps the dialog open with the message beside the field.
	test.Tap(findButton(t, s.content, "进入下一阶段：入库"))
	retype(inDialog[*kit.DateField](t, m), "2025-02-30")
	press(t, m, fyne.KeyS)
	if !m.Env.Dialogs.Open() || inDialog[*kit.DateField](t, m).Hint.Error() == "" {
		t.Fatal("a wrong date closed the dialog or showed nothing")
	}
	pressKey(m, fyne.KeyEscape)
	if m.Env.Dialogs.Open() {
		t.Fatal("Esc did not close the dialog")
	}

	// A progress note with a photo, then the photo viewed.
	test.Tap(findButton(t, s.content, "添加进展记录"))
	test.Type(inDialog[*kit.NoteField](t, m), "冷库主体完工")
	press(t, m, fyne.KeyS)
	notes, _ := st.ProgressNotes(p.ID)
	if len(notes) != 1 || notes[0].Text != "冷库主体完工" {
		t.Fatalf("notes %+v", notes)
	}
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	img.Set(5, 5, color.RGBA{R: 200, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := s.addPhoto(notes[0].ID, "现场.png", buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	atts, _ := st.Attachments(notes[0].ID)
	if len(atts) != 1 || atts[0].Mime != "image/png" {
		t.Fatalf("attachments %+v", atts)
	}
	// The note shows a small preview of the photo (decoded once), which opens the full view.
	var thumb *kit.PhotoThumb
	kittest.Walk(s.notes, func(o fyne.CanvasObject) {
		if x, ok := o.(*kit.PhotoThumb); ok {
			thumb = x
		}
	})
	if thumb == nil || thumb.Image == nil || thumb.Image.Image == nil || thumb.Image.FillMode != canvas.ImageFillContain {
		t.Fatalf("no thumbnail: %v", shownTexts(s.notes))
	}
	if b := thumb.Image.Image.Bounds(); b.Dx() != 40 || b.Dy() != 30 || thumb.Image.MinSize() != kit.ThumbSize {
		t.Fatalf("thumbnail %v, min size %v", b, thumb.Image.MinSize())
	}
	decoded := s.thumbs[atts[0].ID]
	s.refresh()
	if s.thumbs[atts[0].ID] != decoded || len(s.thumbs) != 1 {
		t.Fatal("the photo was decoded again")
	}
	buf.Reset()
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 4000, 1000))); err != nil {
		t.Fatal(err)
	}
	if big := kit.Thumbnail(buf.Bytes()).Bounds(); big.Dx() != 240 || big.Dy() != 60 {
		t.Fatalf("a big photo's preview is %v", big)
	}
	test.Tap(thumb)
	var photo *canvas.Image
	kittest.Walk(m.Env.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if img, ok := o.(*canvas.Image); ok && img.Resource != nil && img.Resource.Name() == atts[0].FileName {
			photo = img
		}
	})
	if photo == nil || len(photo.Resource.Content()) != int(atts[0].Size) {
		t.Fatal("photo not shown")
	}
}

func TestProjectListSortsFiltersAndTotals(t *testing.T) {
	m, st := ledgerTestWindow(t)
	a := seedVillage(t, st, "东泉村")
	b := seedVillage(t, st, "西岭村")
	seedProject(t, st, "乙 冷库", a.ID, 300000)
	seedProject(t, st, "甲 大棚", a.ID, 100000)
	seedProject(t, st, "丙 道路", b.ID, 200000)
	pv := projectsOf(t, m)
	if pv.table.Rows() != 3 || pv.table.Totals()[4] != "¥6,000.00" {
		t.Fatalf("%d rows, totals %v", pv.table.Rows(), pv.table.Totals())
	}
	budgetHeader := findHeader(t, pv.table.Table, "预算")
	test.Tap(budgetHeader)
	if got := []string{pv.table.CellText(0, 4), pv.table.CellText(1, 4), pv.table.CellText(2, 4)}; got[0] != "¥1,000.00" || got[2] != "¥3,000.00" {
		t.Fatalf("ascending by budget: %v", got)
	}
	test.Tap(budgetHeader)
	if pv.table.CellText(0, 4) != "¥3,000.00" {
		t.Fatalf("descending by budget starts with %q", pv.table.CellText(0, 4))
	}
	pv.village.SetSelected("西岭村")
	if pv.table.Rows() != 1 || pv.table.CellText(0, 0) != "丙 道路" || pv.table.Totals()[4] != "¥2,000.00" {
		t.Fatalf("village filter: %d rows, totals %v", pv.table.Rows(), pv.table.Totals())
	}
	pv.village.SetSelected("全部村")
	press(t, m, fyne.KeyF)
	if m.Env.Win.Canvas().Focused() != pv.search {
		t.Fatal("Ctrl+F did not focus the search box")
	}
	test.Type(pv.search, "冷库")
	if pv.table.Rows() != 1 || pv.table.CellText(0, 0) != "乙 冷库" {
		t.Fatalf("search: %d rows", pv.table.Rows())
	}
}

func TestProjectListReadsPages(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	for i := range 2*kit.PageSize + 30 {
		seedProject(t, st, fmt.Sprintf("项目%03d", i), vil.ID, 0)
	}
	pv := projectsOf(t, m)
	if pv.table.Rows() != 2*kit.PageSize+30 {
		t.Fatalf("%d rows", pv.table.Rows())
	}
	if got := pv.table.CachedPages(); got > 1 {
		t.Fatalf("%d pages read before scrolling", got)
	}
	pv.table.Table.ScrollToBottom()
	if got := pv.table.CellText(pv.table.Rows()-1, 0); got != "项目000" {
		t.Fatalf("last row %q", got)
	}
	if got := pv.table.CachedPages(); got > kit.MaxPages {
		t.Fatalf("%d pages held", got)
	}
}

func TestProjectRenameShowsInIncomeLedger(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	p := seedProject(t, st, "光伏电站", vil.ID, 0)
	if err := st.SaveEntry(&data.CollectiveEntry{Date: data.Today(), VillageID: vil.ID, Direction: data.DirectionIncome,
		Category: "经营收入", SubItem: "发电收益", Amount: 880000, ProjectID: p.ID}); err != nil {
		t.Fatal(err)
	}
	iv := incomeOf(t, m)
	if iv.table.CellText(0, 6) != "光伏电站" {
		t.Fatalf("income shows project %q", iv.table.CellText(0, 6))
	}
	pv := projectsOf(t, m)
	pv.open(p.ID)
	if got := pv.page.asset.summary.Text; !strings.Contains(got, "¥8,800.00") {
		t.Fatalf("asset income summary %q", got)
	}
	retype(pv.page.form.name, "村级光伏电站")
	press(t, m, fyne.KeyS)
	if iv.table.CellText(0, 6) != "村级光伏电站" {
		t.Fatalf("income still shows %q", iv.table.CellText(0, 6))
	}
}

// The search boxes of the projects and income ledgers pass the window's keys on: Ctrl+S, Ctrl+N
// and Ctrl+F typed in them reach the screen, and Esc leaves the box so the next Esc does too.
func TestLedgerSearchBoxesPassKeysToTheScreen(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	c := m.Env.Win.Canvas()
	for _, screen := range []int{projectsAt, incomeAt} {
		m.Select(screen)
		var search *kit.TextField
		if screen == projectsAt {
			search = projectsOf(t, m).search
		} else {
			search = incomeOf(t, m).search
		}
		var got []kit.Action
		orig := m.View(screen).OnAction
		m.View(screen).OnAction = func(a kit.Action) { got = append(got, a) }
		c.Focus(search)
		kittest.Type(t, c, "大棚")
		for _, k := range []fyne.KeyName{fyne.KeyS, fyne.KeyN, fyne.KeyF} {
			kittest.PressCtrl(t, c, k)
		}
		kittest.Press(c, fyne.KeyEscape) // leaves the box …
		kittest.Press(c, fyne.KeyEscape) // … and the next one reaches the screen
		m.View(screen).OnAction = orig
		if fmt.Sprint(got) != fmt.Sprint([]kit.Action{kit.ActionSave, kit.ActionNew, kit.ActionFind, kit.ActionCancel}) || search.Text != "大棚" {
			t.Fatalf("screen %d got %v, search %q", screen, got, search.Text)
		}
	}
}

// The unsaved-changes question makes saving the work the prominent button; dropping it is danger.
func TestAskLeaveMakesKeepingTheDefault(t *testing.T) {
	m, _ := newTestWindow(t)
	left := false
	m.Env.Dialogs.AskLeave(func() bool { return false }, func() { left = true })
	top := m.Env.Win.Canvas().Overlays().Top()
	save, discard := findButton(t, top, "保存"), findButton(t, top, "不保存")
	if save.Importance != widget.HighImportance || discard.Importance != widget.DangerImportance {
		t.Fatalf("importance: save %v, discard %v", save.Importance, discard.Importance)
	}
	m.Env.Dialogs.Cancel() // Esc
	if left || m.Env.Win.Canvas().Overlays().Top() != nil {
		t.Fatalf("Esc left=%v, dialog still open=%v", left, m.Env.Win.Canvas().Overlays().Top() != nil)
	}
	m.Env.Dialogs.AskLeave(func() bool { return false }, func() { left = true })
	test.Tap(findButton(t, m.Env.Win.Canvas().Overlays().Top(), "不保存"))
	if !left {
		t.Fatal("不保存 did not proceed")
	}
}

// Every ledger table's header fits its column in both languages, so no two headers run together
// (English "Disbursed" and "Disbursed %" did).
func TestLedgerHeadersFitTheirColumns(t *testing.T) {
	newTestWindow(t)
	t.Cleanup(func() { SetupLanguage(LangChinese) })
	for _, language := range []string{LangChinese, LangEnglish} {
		if err := SetupLanguage(language); err != nil {
			t.Fatal(err)
		}
		tables := map[string][]headerCol{
			"projects": headersOf(projectColumns()), "income": headersOf(incomeColumns()),
			"seller bill": headersOf(billColumns()), "sellers": headersOf(sellerColumns()),
			"sale events": headersOf(saleEventColumns()),
			"contracts":   headersOf(contractColumns()), "assets": headersOf(assetColumns()),
			"rent schedule": headersOf(scheduleColumns()), "receipts": headersOf(receiptColumns()),
		}
		for name, cols := range tables {
			for _, c := range cols {
				lt := kit.NewLedgerTable([]kit.LedgerColumn[int]{{Title: c.title, Sort: c.sort, Width: c.width}}, nil)
				lt.SortKey = c.sort // the sort arrow takes room too
				w := test.NewWindow(lt.Table)
				w.Resize(fyne.NewSize(c.width+100, 120))
				lt.Reset(0, nil)
				h := findHeader(t, lt.Table, lang.L(c.title))
				if c.sort != "" && !h.Sorted() {
					t.Fatalf("%s, %s: header %q drawn without its sort arrow", language, name, c.title)
				}
				if w := h.FullWidth(); w > c.width {
					t.Errorf("%s, %s: header %q needs %.0f, column is %.0f wide", language, name, h.Text, w, c.width)
				}
				w.Close()
			}
		}
	}
}

type headerCol struct {
	title, sort string
	width       float32
}

func headersOf[T any](cols []kit.LedgerColumn[T]) []headerCol {
	out := make([]headerCol, len(cols))
	for i, c := range cols {
		out[i] = headerCol{c.Title, c.Sort, c.Width}
	}
	return out
}

// After a refused Ctrl+S the "N places to fix" message follows the fixing and goes once all are
// fixed; the save button comes back on and Ctrl+S saves.
func TestProjectProblemsMessageFollowsTheFixes(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	seedVillage(t, st, "西泉村")
	pv := projectsOf(t, m)
	press(t, m, fyne.KeyN)
	f := pv.page.form
	press(t, m, fyne.KeyS)
	if got := pv.notice.Text(); got != "有 3 处需要修改，见红字提示" || !pv.page.saveBtn.Disabled() {
		t.Fatalf("after the refused save: %q, save disabled %v", got, pv.page.saveBtn.Disabled())
	}
	test.Type(f.name, "村道硬化")
	if got := pv.notice.Text(); got != "有 2 处需要修改，见红字提示" {
		t.Fatalf("after the name: %q", got)
	}
	f.typ.SetSelected("基础设施")
	f.villages.Toggle("西泉村")
	if got := pv.notice.Text(); got != "" || pv.page.saveBtn.Disabled() {
		t.Fatalf("all fixed: notice %q, save disabled %v", got, pv.page.saveBtn.Disabled())
	}
	press(t, m, fyne.KeyS)
	if pv.page.id() == 0 || !strings.Contains(pv.notice.Text(), "已保存项目") {
		t.Fatalf("not saved: %q", pv.notice.Text())
	}
}

// A stage dated before the one already recorded is refused beside the date, keeping what was
// typed; the header shows the stage furthest along on the latest date.
func TestProjectStageDatesNeverGoBackwards(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	p := seedProject(t, st, "冷库建设", vil.ID, 0)
	pv := projectsOf(t, m)
	pv.open(p.ID)
	pv.page.tabs.SelectIndex(tabProgress)
	s := pv.page.progress
	other := func(stage, date string) {
		t.Helper()
		test.Tap(findButton(t, s.content, "登记其他阶段"))
		inDialog[*kit.Select](t, m).SetSelected(stage)
		retype(inDialog[*kit.DateField](t, m), date)
		press(t, m, fyne.KeyS)
	}

	test.Tap(findButton(t, s.content, "进入下一阶段：谋划"))
	retype(inDialog[*kit.DateField](t, m), "2025-03-05")
	press(t, m, fyne.KeyS)
	other("公示", "2025-03-01")
	if !m.Env.Dialogs.Open() {
		t.Fatal("a stage dated before 谋划 was saved")
	}
	date := inDialog[*kit.DateField](t, m)
	if hint := date.Hint.Error(); !strings.Contains(hint, "谋划") || !strings.Contains(hint, "2025-03-05") {
		t.Fatalf("date hint %q", hint)
	}
	if date.Text != "2025-03-01" {
		t.Fatalf("the typed date was lost: %q", date.Text)
	}
	retype(date, "2025-03-10")
	press(t, m, fyne.KeyS)
	if m.Env.Dialogs.Open() || pv.page.stageLabel.Text != "当前阶段：公示" {
		t.Fatalf("dialog open %v, header %q", m.Env.Dialogs.Open(), pv.page.stageLabel.Text)
	}

	// 资金下达 filled in on the day 实施 began: 实施, further along, stays the current stage.
	other("实施", "2025-05-01")
	other("资金下达", "2025-05-01")
	if m.Env.Dialogs.Open() || pv.page.stageLabel.Text != "当前阶段：实施" {
		t.Fatalf("dialog open %v, header %q", m.Env.Dialogs.Open(), pv.page.stageLabel.Text)
	}
	last := s.timeline.Objects[len(s.timeline.Objects)-1]
	if l := findLabel(last, "实施"); l == nil || !l.TextStyle.Bold {
		t.Fatalf("the timeline does not end at 实施: %v", shownTexts(last))
	}

	// Undoing a stage's delete is refused while a stage entered since is in the way; the undo is
	// kept, and works once the way is clear.
	var publicity fyne.CanvasObject
	for _, row := range s.timeline.Objects {
		if findLabel(row, "公示") != nil {
			publicity = row
		}
	}
	var del *widget.Button
	kittest.Walk(publicity, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Icon != nil && b.Icon.Name() == theme.DeleteIcon().Name() {
			del = b
		}
	})
	test.Tap(del)
	tapDialogButton(t, m, "删除")
	other("入库", "2025-03-08")
	press(t, m, fyne.KeyZ)
	if got := strings.Join(shownTexts(m.Env.Win.Canvas().Overlays().Top()), ""); !strings.Contains(got, "入库（2025-03-08）") {
		t.Fatalf("the refused undo says %q", got)
	}
	tapDialogButton(t, m, "确定")
	hist, _ := st.StageHistory(p.ID)
	if len(hist) != 4 || hist[1].Stage != "入库" {
		t.Fatalf("history after the refused undo %+v", hist)
	}
	if err := st.DeleteStageChange(hist[1].ID); err != nil {
		t.Fatal(err)
	}
	press(t, m, fyne.KeyZ)
	if hist, _ := st.StageHistory(p.ID); len(hist) != 4 || hist[1].Stage != "公示" {
		t.Fatalf("the kept undo did not restore 公示: %+v", hist)
	}

	// The message is translated for the English interface.
	err := st.SaveStageChange(&data.StageChange{ProjectID: p.ID, Stage: data.StageListed, Date: data.MustDate(2025, 3, 1)})
	defer SetupLanguage(LangChinese)
	if e := SetupLanguage(LangEnglish); e != nil {
		t.Fatal(e)
	}
	if got := kit.ErrorText(err); !strings.Contains(got, "never go backwards") {
		t.Fatalf("English message %q", got)
	}
}

// A row added to a section pushes the next section down at once: the new last row of 资金来源
// ends above the 拨付记录 heading, and the last stage above the 进展记录 heading.
func TestProjectSectionsMakeRoomForANewRow(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	p := seedProject(t, st, "冷库建设", vil.ID, 100000)
	if err := st.SaveStageChange(&data.StageChange{ProjectID: p.ID, Stage: data.StagePlanning, Date: data.MustDate(2025, 3, 1)}); err != nil {
		t.Fatal(err)
	}
	pv := projectsOf(t, m)
	pv.open(p.ID)
	drv := fyne.CurrentApp().Driver()
	below := func(box *fyne.Container, heading fyne.CanvasObject) {
		t.Helper()
		last := box.Objects[len(box.Objects)-1]
		bottom := drv.AbsolutePositionForObject(last).Y + last.Size().Height
		if top := drv.AbsolutePositionForObject(heading).Y; bottom > top {
			t.Fatalf("the last row ends at %v, under the next heading at %v", bottom, top)
		}
	}

	pv.page.tabs.SelectIndex(tabMoney)
	money := pv.page.money
	test.Tap(findButton(t, money.content, "添加资金来源"))
	inDialog[*kit.Select](t, m).SetSelected("帮扶单位资金")
	test.Type(inDialog[*kit.MoneyField](t, m), "20000")
	press(t, m, fyne.KeyS)
	if len(money.lines) != 2 {
		t.Fatalf("%d funding lines", len(money.lines))
	}
	below(money.funding, findLabel(money.content, "拨付记录"))

	pv.page.tabs.SelectIndex(tabProgress)
	prog := pv.page.progress
	test.Tap(findButton(t, prog.content, "进入下一阶段：公示"))
	retype(inDialog[*kit.DateField](t, m), "2025-03-10")
	press(t, m, fyne.KeyS)
	if len(prog.stages) != 2 {
		t.Fatalf("%d stages", len(prog.stages))
	}
	below(prog.timeline, findLabel(prog.content, "进展记录"))
}

// Deleting a project says what it holds first. An income entry linked to it keeps the link: the
// list and the form both show the project marked deleted, saving the entry keeps the link, and
// undoing the delete finds everything as it was.
func TestProjectDeleteSaysWhatItHoldsAndKeepsIncomeLinks(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	p := seedProject(t, st, "光伏电站", vil.ID, 50000000)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.SaveDisbursement(&data.Disbursement{ProjectID: p.ID, Date: data.MustDate(2025, 4, 1), Amount: 20000000}))
	must(st.SaveStageChange(&data.StageChange{ProjectID: p.ID, Stage: data.StageBuilding, Date: data.MustDate(2025, 4, 1)}))
	rent := &data.CollectiveEntry{Date: data.Today(), VillageID: vil.ID, Direction: data.DirectionIncome,
		Category: "经营收入", SubItem: "发电收益", Amount: 880000, ProjectID: p.ID}
	must(st.SaveEntry(rent))

	pv := projectsOf(t, m)
	pv.open(p.ID)
	pressKey(m, fyne.KeyDelete)
	question := strings.Join(shownTexts(m.Env.Win.Canvas().Overlays().Top()), "\n")
	for _, want := range []string{"光伏电站", "资金来源 1 笔，共 ¥500,000.00", "拨付 1 笔，共 ¥200,000.00", "当前：实施",
		"关联本项目的集体收支 1 笔（收入 ¥8,800.00）", "仍关联本项目"} {
		if !strings.Contains(question, want) {
			t.Fatalf("the question does not say %q:\n%s", want, question)
		}
	}
	tapDialogButton(t, m, "删除")
	if _, err := st.GetProject(p.ID); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("not deleted: %v", err)
	}

	iv := incomeOf(t, m)
	if got := iv.table.CellText(0, 6); got != "（已删除）光伏电站" {
		t.Fatalf("the list shows the project as %q", got)
	}
	iv.table.Table.Select(widget.TableCellID{Row: 0, Col: 0})
	if got := iv.form.project.Sel.Selected; got != "（已删除）光伏电站" {
		t.Fatalf("the form shows the project as %q", got)
	}
	retype(iv.form.amount, "9000")
	press(t, m, fyne.KeyS)
	if x, err := st.GetEntry(rent.ID); err != nil || x.ProjectID != p.ID || x.Amount != 900000 {
		t.Fatalf("after saving: %+v %v", x, err)
	}

	projectsOf(t, m)
	press(t, m, fyne.KeyZ)
	if h, err := st.ProjectHoldings(p.ID); err != nil || h.Budget != 50000000 || h.Disbursed != 20000000 || h.Entries != 1 ||
		h.EntryIncome != 900000 {
		t.Fatalf("after undo: %+v %v", h, err)
	}
	iv = incomeOf(t, m)
	if got := iv.table.CellText(0, 6); got != "光伏电站" {
		t.Fatalf("after undo the list shows %q", got)
	}
}

// A 联建 project's shares are typed per village, checked in Chinese as they are typed (positive,
// adding up to 100%), saved, and shown again when the project is opened.
func TestProjectSharesTypedCheckedSavedAndShown(t *testing.T) {
	m, st := ledgerTestWindow(t)
	east, west := seedVillage(t, st, "东泉村"), seedVillage(t, st, "西岭村")
	pv := projectsOf(t, m)
	press(t, m, fyne.KeyN)
	f := pv.page.form
	test.Type(f.name, "联建冷库")
	f.typ.SetSelected("产业发展")
	retype(f.year, "2025")
	f.villages.Toggle("东泉村")
	if f.shares.row.Visible() {
		t.Fatal("shares offered for one village")
	}
	f.villages.Toggle("西岭村")
	if !f.shares.row.Visible() || !f.shares.label.Visible() {
		t.Fatal("no shares for two villages")
	}
	test.Type(f.shares.entry(east.ID), "60")
	test.Type(f.shares.entry(west.ID), "30")
	if got := f.shares.hint.Error(); !strings.Contains(got, "90%") || !strings.Contains(got, "100%") {
		t.Fatalf("sum hint %q", got)
	}
	if !pv.page.saveBtn.Disabled() {
		t.Fatal("save allowed with shares adding up to 90%")
	}
	retype(f.shares.entry(west.ID), "四十")
	if got := f.shares.hint.Error(); !strings.Contains(got, "百分数") {
		t.Fatalf("hint for a share that is not a number: %q", got)
	}
	retype(f.shares.entry(west.ID), "40")
	if got := f.shares.hint.Error(); got != "" {
		t.Fatalf("hint after fixing: %q", got)
	}
	press(t, m, fyne.KeyS)
	id := pv.page.id()
	if id == 0 {
		t.Fatalf("not saved: %v", shownTexts(pv.page.content))
	}
	p, err := st.GetProject(id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Shares[east.ID] != 6000 || p.Shares[west.ID] != 4000 {
		t.Fatalf("saved shares %v", p.Shares)
	}
	pv.open(id)
	if got := pv.page.form.shares.entry(east.ID).Text; got != "60" {
		t.Fatalf("east's share shown as %q", got)
	}
}
