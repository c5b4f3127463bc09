package app

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cunji/app/kit"
	"cunji/data"
	"cunji/data/report"
)

// worklogOf shows 村务 at its 工作日志 tab and returns the part.
func worklogOf(t *testing.T, m *MainWindow) *worklogPart {
	t.Helper()
	var w *worklogPart
	showAffairs(m.Env, func(p *worklogPart) { w = p })
	if w == nil {
		t.Fatal("村务 has no 工作日志 tab")
	}
	return w
}

// cellOf is the calendar's cell of day d.
func cellOf(t *testing.T, w *worklogPart, d data.Date) *dayCell {
	t.Helper()
	for _, c := range w.cells {
		if c.date == d {
			return c
		}
	}
	t.Fatalf("no cell for %s on the calendar of %d-%d", d, w.year, w.month)
	return nil
}

// A day typed in the form (tapping its cell, typing, Ctrl+S) shows on the calendar and in the
// month's counts; a day away shows its reason; Delete asks, removes it, and Ctrl+Z brings it back.
func TestWorkLogTypedEntryShowsOnCalendarAndUndoesDelete(t *testing.T) {
	m, st := ledgerTestWindow(t)
	v := seedVillage(t, st, "东泉村")
	seller := &data.Seller{Name: "张建国", VillageID: v.ID}
	if err := st.SaveSeller(seller); err != nil {
		t.Fatal(err)
	}
	w := worklogOf(t, m)
	month := data.MonthPeriod(w.year, w.month)
	first, second := month.From, month.From.AddDays(1)
	if !strings.Contains(w.counts.Text, "在村 0 天（目标 20 天）") {
		t.Fatalf("empty month says %q", w.counts.Text)
	}

	test.Tap(cellOf(t, w, first))
	if w.form.date.Text != first.String() || w.form.presence.Selected != "在村" {
		t.Fatalf("new entry for %s shows date %q, %q", first, w.form.date.Text, w.form.presence.Selected)
	}
	test.Type(w.form.work, "走访脱贫户，查看大棚")
	test.Type(w.form.visits[0], "张建国")
	w.form.visits[0].HideSuggestions()
	test.Type(w.form.visits[1], "王大妈")
	test.Type(w.form.issues[0].problem, "灌溉水渠堵了")
	test.Tap(w.form.issues[0].solved)
	press(t, m, fyne.KeyS)

	got, err := st.WorkDayOn(v.ID, first)
	if err != nil || got == nil {
		t.Fatalf("saved day: %v %v", got, err)
	}
	if len(got.Visits) != 2 || got.Visits[0].SellerID != seller.ID || got.Visits[1].Name != "王大妈" ||
		len(got.Issues) != 1 || !got.Issues[0].Solved || got.Work != "走访脱贫户，查看大棚" {
		t.Fatalf("stored %+v", got)
	}
	if mark := cellOf(t, w, first).mark.Text; mark != "走访2" {
		t.Fatalf("calendar marks the day %q", mark)
	}
	if !strings.Contains(w.counts.Text, "在村 1 天（目标 20 天）") || !strings.Contains(w.counts.Text, "走访 2 户 2 人次") ||
		!strings.Contains(w.counts.Text, "民情日记 1 条，已解决 1 条") {
		t.Fatalf("counts %q", w.counts.Text)
	}
	if want := "年：在村 1 天，外出 0 天，走访 2 户 2 人次"; !strings.Contains(w.yearCounts.Text, want) {
		t.Fatalf("the year's counts %q lack %q", w.yearCounts.Text, want)
	}

	// A day away needs its reason; the message shows and nothing is saved until it is chosen.
	test.Tap(cellOf(t, w, second))
	w.form.presence.SetSelected("外出")
	press(t, m, fyne.KeyS)
	if w.form.reasonHint.Error() == "" {
		t.Fatal("no message for the missing reason")
	}
	if d, _ := st.WorkDayOn(v.ID, second); d != nil {
		t.Fatal("saved without a reason")
	}
	w.form.reason.SetSelected("开会")
	press(t, m, fyne.KeyS)
	if mark := cellOf(t, w, second).mark.Text; mark != "开会" {
		t.Fatalf("away day marked %q", mark)
	}
	if !strings.Contains(w.counts.Text, "外出 1 天") {
		t.Fatalf("counts %q", w.counts.Text)
	}

	// Delete the first day (open, Delete, confirm), then Ctrl+Z.
	test.Tap(cellOf(t, w, first))
	pressKey(m, fyne.KeyDelete)
	tapDialogButton(t, m, "删除")
	if d, _ := st.WorkDayOn(v.ID, first); d != nil {
		t.Fatal("day not deleted")
	}
	if mark := cellOf(t, w, first).mark.Text; mark != "" || !strings.Contains(w.counts.Text, "在村 0 天") {
		t.Fatalf("after delete the cell says %q and the counts %q", mark, w.counts.Text)
	}
	press(t, m, fyne.KeyZ)
	if d, _ := st.WorkDayOn(v.ID, first); d == nil || len(d.Visits) != 2 {
		t.Fatalf("undo did not bring the day back: %+v", d)
	}
	if mark := cellOf(t, w, first).mark.Text; mark != "走访2" || w.form.day.Date != first || w.form.work.Text != "走访脱贫户，查看大棚" {
		t.Fatalf("after undo the cell says %q and the form shows %s %q", mark, w.form.day.Date, w.form.work.Text)
	}
}

// Typing a day that is already logged is refused beside the date, and the typing is kept.
func TestWorkLogSecondEntryForADayIsRefusedKeepingTheTyping(t *testing.T) {
	m, st := ledgerTestWindow(t)
	v := seedVillage(t, st, "东泉村")
	w := worklogOf(t, m)
	d := data.MonthPeriod(w.year, w.month).From
	if err := st.SaveWorkDay(&data.WorkDay{VillageID: v.ID, Date: d, Presence: data.PresenceIn, Work: "原来的"}); err != nil {
		t.Fatal(err)
	}
	test.Tap(cellOf(t, w, d.AddDays(2)))
	retype(w.form.date, d.String())
	test.Type(w.form.work, "新写的")
	press(t, m, fyne.KeyS)
	if !strings.Contains(w.form.date.Hint.Error(), "已经记了工作日志") || w.form.work.Text != "新写的" {
		t.Fatalf("hint %q, work %q", w.form.date.Hint.Error(), w.form.work.Text)
	}
}

// 首页 shows this month's days in the village against the target set in 设置, and households visited.
func TestHomeShowsThisMonthsDaysInTheVillage(t *testing.T) {
	m, st := newTestWindow(t)
	v := seedVillage(t, st, "东泉村")
	today := data.Today()
	first := data.MonthPeriod(today.Year(), today.Month()).From
	for i, names := range [][]string{{"张建国", "王大妈"}, {"张建国"}} {
		d := data.WorkDay{VillageID: v.ID, Date: first.AddDays(i), Presence: data.PresenceIn}
		for _, n := range names {
			d.Visits = append(d.Visits, data.WorkVisit{Name: n})
		}
		if err := st.SaveWorkDay(&d); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SaveWorkDay(&data.WorkDay{VillageID: v.ID, Date: first.AddDays(-1), Presence: data.PresenceIn}); err != nil {
		t.Fatal(err) // last month: not counted
	}
	s := screenOf[*settingsView](t, m, "设置")
	retype(s.workDays, "22")
	press(t, m, fyne.KeyS)
	if n, _ := st.WorkDaysTarget(); n != 22 {
		t.Fatalf("target saved as %d", n)
	}
	h := homeOf(t, m)
	if want := "在村 2 天，目标 22 天；走访 2 户"; h.workText.Text != want {
		t.Fatalf("首页 says %q, want %q", h.workText.Text, want)
	}
	retype(s.workDays, "40")
	s.saveMe()
	if !strings.Contains(s.workDays.Hint.Error(), "1到31") {
		t.Fatalf("a target of 40 days: %q", s.workDays.Hint.Error())
	}
}

// 报表's 述职报告 writes the year's 述职 PDF for the village with the summary's figures.
func TestReportsShuzhiWritesThePDF(t *testing.T) {
	m, st := newTestWindow(t)
	year := data.Today().Year()
	v := seedLedger(t, st, year)
	if err := st.SaveWorkDay(&data.WorkDay{VillageID: v.ID, Date: data.MustDate(year, 1, 5), Presence: data.PresenceIn}); err != nil {
		t.Fatal(err)
	}
	r := reportsOf(t, m)
	path := filepath.Join(t.TempDir(), report.ShuzhiFileName(v.Name, year))
	r.writeShuzhi(path, year, v.ID, false)
	if r.status.Text != "已保存："+path {
		t.Fatal(r.status.Text)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (make test installs poppler-utils)")
	}
	text, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	sum, err := st.YearSummary(year, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), "")
	for _, want := range []string{"驻村：" + v.Name, "集体经济总收入" + sum.Income.Total.String(), "在村天数1天（每月目标20天）"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the 述职 lacks %q", want)
		}
	}
}

// A saved day takes photos (not before it is saved); deleting one asks, and Ctrl+Z brings it back.
func TestWorkLogPhotos(t *testing.T) {
	m, st := ledgerTestWindow(t)
	v := seedVillage(t, st, "东泉村")
	w := worklogOf(t, m)
	d := data.MonthPeriod(w.year, w.month).From
	test.Tap(cellOf(t, w, d))
	if w.form.photos.Content().Visible() || !w.form.unsaved.Visible() {
		t.Fatal("photos offered before the day is saved")
	}
	press(t, m, fyne.KeyS)
	if !w.form.photos.Content().Visible() {
		t.Fatal("no photos once saved")
	}
	if err := w.form.photos.Add("走访.png", pngBytes(t)); err != nil {
		t.Fatal(err)
	}
	day, _ := st.WorkDayOn(v.ID, d)
	files, _ := st.WorkFiles(day.ID)
	if len(files) != 1 || w.form.photos.Count() != 1 || cellOf(t, w, d).date != d {
		t.Fatalf("%d photos stored, %d shown", len(files), w.form.photos.Count())
	}
	w.form.photos.Delete(kit.Photo{ID: files[0].ID, Name: files[0].FileName})
	tapDialogButton(t, m, "删除")
	if files, _ := st.WorkFiles(day.ID); len(files) != 0 || w.form.photos.Count() != 0 {
		t.Fatalf("photo not deleted: %d shown", w.form.photos.Count())
	}
	press(t, m, fyne.KeyZ)
	if files, _ := st.WorkFiles(day.ID); len(files) != 1 || w.form.photos.Count() != 1 {
		t.Fatalf("Ctrl+Z did not bring the photo back: %d shown", w.form.photos.Count())
	}
}

// 历史 on the day's form lists the day and its rows in words: the reason changed, the household
// visited by its name from the seller list.
func TestWorkLogHistory(t *testing.T) {
	m, st := ledgerTestWindow(t)
	v := seedVillage(t, st, "东泉村")
	if err := st.SaveSeller(&data.Seller{Name: "张建国", VillageID: v.ID}); err != nil {
		t.Fatal(err)
	}
	w := worklogOf(t, m)
	d := data.MonthPeriod(w.year, w.month).From
	test.Tap(cellOf(t, w, d))
	if !w.form.historyBtn.Disabled() {
		t.Fatal("历史 is on for a day not saved yet")
	}
	w.form.presence.SetSelected("外出")
	w.form.reason.SetSelected("开会")
	press(t, m, fyne.KeyS)
	w.form.presence.SetSelected("在村")
	test.Type(w.form.visits[0], "张建国")
	w.form.visits[0].HideSuggestions()
	press(t, m, fyne.KeyS)
	test.Tap(w.form.historyBtn)
	text := topText(t, m.Env.Win)
	for _, want := range []string{"修改　工作日志", "在村或外出：外出 → 在村", "外出原因：开会 →", "新增　走访农户", "走访户：张建国"} {
		if !strings.Contains(text, want) {
			t.Errorf("the history lacks %q:\n%s", want, text)
		}
	}
	tapIn(t, m.Env.Win, "关闭")
}

// In English too, the work log with a day open fits a 1024×600 screen.
func TestWorkLogFitsASmallScreenInEnglish(t *testing.T) {
	m, st := englishWindow(t)
	seedVillage(t, st, "东泉村")
	w := worklogOf(t, m)
	test.Tap(cellOf(t, w, data.MonthPeriod(w.year, w.month).From))
	if min := m.Env.Win.Content().MinSize(); min.Width > 1000 || min.Height > 520 {
		t.Errorf("the window cannot get smaller than %v: too big for a 1024×600 screen", min)
	}
}
