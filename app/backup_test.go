package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit/kittest"
	"cunji/data"
)

// windowAt opens the ledger at path in a main window on Fyne's test driver; the store the window
// shows at the end (a restore opens a new one) is closed after the test.
func windowAt(t *testing.T, path string) *MainWindow {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	if err := SetupLanguage(LangChinese); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	m := NewMainWindow(a, st, "test", &kittest.Runner{})
	m.Env.Win.Show()
	t.Cleanup(func() {
		m.Env.Win.Close()
		m.Env.Store.Close()
	})
	return m
}

// saveEntry saves an income entry of today in village v.
func saveEntry(t *testing.T, st *data.Store, v *data.Village, sub string, amount data.Money) *data.CollectiveEntry {
	t.Helper()
	x := &data.CollectiveEntry{Date: data.Today(), VillageID: v.ID, Direction: data.DirectionIncome,
		Category: data.IncomeOperating, SubItem: sub, Amount: amount}
	if err := st.SaveEntry(x); err != nil {
		t.Fatal(err)
	}
	return x
}

// subItems lists the sub-items of the ledger's income entries.
func subItems(t *testing.T, st *data.Store) []string {
	t.Helper()
	rows, err := st.ListEntries(data.EntryFilter{}, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, r.SubItem)
	}
	slices.Sort(out)
	return out
}

// topText is every label in the topmost dialog of win.
func topText(t *testing.T, win fyne.Window) string {
	t.Helper()
	top := win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	return strings.Join(shownTexts(top), "\n")
}

// tapIn taps the button labelled text in the topmost dialog of win.
func tapIn(t *testing.T, win fyne.Window, text string) {
	t.Helper()
	top := win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open to tap %q", text)
	}
	var found *widget.Button
	kittest.Walk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("dialog has no button %q:\n%s", text, topText(t, win))
	}
	test.Tap(found)
}

func fileHash(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		return "absent"
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// dirState is the names and hashes of the files in dir.
func dirState(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		if !e.IsDir() {
			out[e.Name()] = fileHash(t, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// A backup made, a change after it, 恢复 from 设置: the comparison shows both, and after agreeing
// the change is gone, the window works on the restored ledger, and the replaced file is kept as a
// 恢复前 backup whose name the message gives.
func TestRestoreFromTheWindowBringsTheBackupBackAndKeepsTheReplacedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cunji.db")
	m := windowAt(t, path)
	st := m.Env.Store
	vil := seedVillage(t, st, "东泉村")
	saveEntry(t, st, vil, "土地流转费", 1200_00)
	s := settingsOf(t, m)
	test.Tap(s.backup.backupBtn)
	saveEntry(t, st, vil, "鱼塘承包费", 500_00) // made after the backup

	if len(s.backup.list.rows) != 1 {
		t.Fatalf("%d backups listed", len(s.backup.list.rows))
	}
	if got := strings.Join(shownTexts(s.backup.list.Content()), " "); !strings.Contains(got, "手动") {
		t.Errorf("the list does not say the backup was made by hand: %s", got)
	}
	test.Tap(s.backup.list.rows[0].restore)
	cmp := topText(t, m.Env.Win)
	for _, want := range []string{"现在的账本", "这份备份", "2 笔", "1 笔", "恢复前"} {
		if !strings.Contains(cmp, want) {
			t.Errorf("the comparison lacks %q:\n%s", want, cmp)
		}
	}
	tapIn(t, m.Env.Win, "恢复")

	restored := m.Env.Store
	if restored == st {
		t.Fatal("the window still shows the store it had")
	}
	if got := subItems(t, restored); !slices.Equal(got, []string{"土地流转费"}) {
		t.Fatalf("after the restore the ledger holds %v", got)
	}
	if v := incomeOf(t, m); v.table.Rows() != 1 {
		t.Fatalf("the income screen shows %d rows", v.table.Rows())
	}
	list, err := data.ListBackups(path)
	if err != nil {
		t.Fatal(err)
	}
	var kept string
	for _, b := range list {
		if b.Kind == data.BackupBeforeRestore {
			kept = b.Path
			if b.Entries != 2 {
				t.Errorf("the kept file holds %d entries", b.Entries)
			}
		}
	}
	if kept == "" {
		t.Fatal("the replaced file was not kept")
	}
	if msg := topText(t, m.Env.Win); !strings.Contains(msg, "恢复前的账本另存为："+kept) {
		t.Errorf("the message does not say where the old file is:\n%s", msg)
	}
}

// 查看 opens a backup read-only and shows its figures; neither the backup nor the ledger changes,
// and nothing is left beside them.
func TestViewingABackupChangesNeitherFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cunji.db")
	m := windowAt(t, path)
	st := m.Env.Store
	vil := seedVillage(t, st, "东泉村")
	saveEntry(t, st, vil, "土地流转费", 1200_00)
	s := settingsOf(t, m)
	test.Tap(s.backup.backupBtn)
	saveEntry(t, st, vil, "鱼塘承包费", 500_00)
	ledgerDir, backupDir := dirState(t, filepath.Dir(path)), dirState(t, st.BackupDir())

	test.Tap(s.backup.list.rows[0].view)
	shown := topText(t, m.Env.Win)
	for _, want := range []string{"查看备份（只读）", "1 笔", "¥1,200.00", "新增　集体收支"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the view lacks %q:\n%s", want, shown)
		}
	}
	if strings.Contains(shown, "¥1,700.00") {
		t.Errorf("the view shows the ledger's figures, not the backup's:\n%s", shown)
	}
	tapIn(t, m.Env.Win, "关闭")
	if m.Env.Dialogs.Open() {
		t.Fatal("the view did not close")
	}
	if got := dirState(t, filepath.Dir(path)); !maps.Equal(got, ledgerDir) {
		t.Errorf("the ledger's folder changed:\n%v\n%v", ledgerDir, got)
	}
	if got := dirState(t, st.BackupDir()); !maps.Equal(got, backupDir) {
		t.Errorf("the backup folder changed:\n%v\n%v", backupDir, got)
	}
	if got := subItems(t, st); len(got) != 2 {
		t.Errorf("the ledger holds %v", got)
	}
}

// An amount edited with the sqlite3 tool: the daily check puts a warning across the top, naming
// the row; 查看操作日志 goes to the log and 知道了 closes it. 检查数据完整性 in 设置 says the same.
func TestAuditErrorBannerAfterAnEditWithTheSqlite3Tool(t *testing.T) {
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("the sqlite3 tool is not installed")
	}
	path := filepath.Join(t.TempDir(), "cunji.db")
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	x := saveEntry(t, st, seedVillage(t, st, "东泉村"), "土地流转费", 1200_00)
	st.Close()

	// A sound ledger: the daily check shows nothing.
	m := windowAt(t, path)
	m.dailyCheck(context.Background(), m.Env.Run, m.Env.Store)
	if len(m.shownWarnings) != 0 {
		t.Fatalf("warnings for a sound ledger: %v", shownTexts(m.warnings))
	}

	// Closed, edited with the sqlite3 tool, opened again.
	m.Env.Store.Close()
	if out, err := exec.Command(sqlite3, path, "UPDATE collective_entries SET amount = 999999 WHERE id = "+
		strconv.FormatInt(x.ID, 10)).CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v %s", err, out)
	}
	if st, err = data.Open(path); err != nil {
		t.Fatal(err)
	}
	m.useStore(st)
	m.dailyCheck(context.Background(), m.Env.Run, m.Env.Store)
	text := strings.Join(shownTexts(m.warnings), "\n")
	for _, want := range []string{"操作日志核对发现问题", "集体收支表第" + strconv.FormatInt(x.ID, 10) + "行"} {
		if !strings.Contains(text, want) {
			t.Errorf("the warning lacks %q:\n%s", want, text)
		}
	}
	test.Tap(findButton(t, m.warnings, "查看操作日志"))
	if m.Current() != screenIndex("操作日志") {
		t.Errorf("查看操作日志 shows screen %d", m.Current())
	}
	test.Tap(findButton(t, m.warnings, "知道了"))
	if len(m.warnings.Objects) != 0 {
		t.Error("知道了 left the warning")
	}

	s := settingsOf(t, m)
	test.Tap(s.backup.checkBtn)
	if !strings.Contains(s.backup.status.Text, "操作日志核对发现问题") {
		t.Errorf("检查数据完整性 says %q", s.backup.status.Text)
	}
}

// 首页 reminds once the backups have gone 30 days without a copy in a second place, and says
// nothing before.
func TestHomeRemindsAfterThirtyDaysWithoutASecondCopy(t *testing.T) {
	m, st := newTestWindow(t)
	h := homeOf(t, m)
	if h.backups.content.Visible() {
		t.Fatalf("a new ledger is reminded: %q", h.backups.text.Text)
	}
	stick := t.TempDir()
	if err := st.SetSecondBackupDir(stick); err != nil {
		t.Fatal(err)
	}
	setLastCopy := func(daysAgo int) {
		t.Helper()
		at := time.Now().AddDate(0, 0, -daysAgo).UTC().Format(time.RFC3339)
		if err := st.SetSetting(data.SettingSecondBackupLast, at); err != nil {
			t.Fatal(err)
		}
	}
	setLastCopy(29)
	if h.backups.content.Visible() {
		t.Fatalf("reminded after 29 days: %q", h.backups.text.Text)
	}
	setLastCopy(40)
	if !h.backups.content.Visible() {
		t.Fatal("no reminder after 40 days")
	}
	for _, want := range []string{"已经 40 天没有复制到第二备份位置", stick, "现在复制", screenKey("设置")} {
		if !strings.Contains(h.backups.text.Text, want) {
			t.Errorf("the reminder lacks %q: %q", want, h.backups.text.Text)
		}
	}
	if err := os.Remove(stick); err != nil { // the stick is away
		t.Fatal(err)
	}
	h.reload()
	if !strings.Contains(h.backups.text.Text, "请插上 U 盘") {
		t.Errorf("with the stick away: %q", h.backups.text.Text)
	}
}

// The second backup place: chosen, copied to now, refused when relative, and turned off.
func TestSecondBackupPlaceInSettings(t *testing.T) {
	m, _ := newTestWindow(t)
	p := settingsOf(t, m).backup.second
	if p.dir.Text != "还没有选择" || !p.copyNow.Disabled() {
		t.Fatalf("before choosing: %q, copy enabled %v", p.dir.Text, !p.copyNow.Disabled())
	}
	stick := t.TempDir()
	p.setDir(stick)
	if p.dir.Text != stick || !strings.Contains(p.state.Text, "还没有复制过") {
		t.Fatalf("after choosing: %q %q %q", p.dir.Text, p.state.Text, p.status.Text)
	}
	test.Tap(p.copyNow)
	if p.status.Text != "已把今天的备份复制到第二备份位置。" || !strings.Contains(p.state.Text, "上次复制：") {
		t.Fatalf("after copying: %q / %q", p.status.Text, p.state.Text)
	}
	if copies, _ := filepath.Glob(filepath.Join(stick, "cunji-*.db")); len(copies) != 1 {
		t.Fatalf("the stick holds %v", copies)
	}
	p.setDir("备份")
	if !strings.Contains(p.status.Text, "完整的文件夹路径") || p.dir.Text != stick {
		t.Fatalf("a relative folder: %q, shown %q", p.status.Text, p.dir.Text)
	}
	test.Tap(p.stop)
	if p.dir.Text != "还没有选择" {
		t.Fatalf("after 不再复制: %q", p.dir.Text)
	}
}

// damagedLedger makes a ledger with one entry, a backup of it and a second entry after, then
// damages the file where open does not look (a page deep in it) or, with schema set, where it
// does (the schema page): open then refuses it.
func damagedLedger(t *testing.T, schema bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cunji.db")
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	vil := seedVillage(t, st, "东泉村")
	saveEntry(t, st, vil, "土地流转费", 1200_00)
	for i := range 200 { // pages enough to damage one deep in the file
		saveEntry(t, st, vil, "零星收入"+strings.Repeat("·", i%7), data.Money(100+i))
	}
	if _, err := st.BackupNow(); err != nil {
		t.Fatal(err)
	}
	saveEntry(t, st, vil, "鱼塘承包费", 500_00)
	st.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	from, to := 100, 4096
	if !schema {
		from = len(b) / 4096 / 2 * 4096
		to = from + 4096
	}
	for i := from; i < to; i++ {
		b[i] = 0xA5
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A file that cannot be opened for damage: the window for it offers the newest backup that can
// be read; restoring it (after the comparison) opens the ledger as it was then, with the damaged
// file kept.
func TestStartupRestoresADamagedFileFromTheNewestBackup(t *testing.T) {
	path := damagedLedger(t, true)
	_, err := data.Open(path)
	if !data.IsOpenError(err, data.ErrCorrupt) {
		t.Fatalf("open: %v", err)
	}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	if err := SetupLanguage(LangChinese); err != nil {
		t.Fatal(err)
	}
	var opened *data.Store
	var msg string
	sw := newStartupWindow(a, err, &kittest.Runner{}, func(st *data.Store, m string) { opened, msg = st, m })
	sw.win.Show()
	if !sw.newest.Visible() || !strings.Contains(sw.about.Text, "最近一份能读取的备份") || len(sw.list.rows) != 1 {
		t.Fatalf("offered: %v %q, %d backups", sw.newest.Visible(), sw.about.Text, len(sw.list.rows))
	}
	test.Tap(sw.newest)
	if cmp := topText(t, sw.win); !strings.Contains(cmp, "无法读取") || !strings.Contains(cmp, "201 笔") {
		t.Errorf("the comparison:\n%s", cmp)
	}
	tapIn(t, sw.win, "恢复")
	if opened == nil {
		t.Fatalf("nothing opened; the window says:\n%s", strings.Join(shownTexts(sw.win.Content()), "\n"))
	}
	defer opened.Close()
	if got := subItems(t, opened); slices.Contains(got, "鱼塘承包费") || !slices.Contains(got, "土地流转费") {
		t.Fatalf("the restored ledger holds %v", got)
	}
	if err := opened.CheckIntegrity(context.Background()); err != nil {
		t.Fatalf("the restored ledger: %v", err)
	}
	if !strings.Contains(msg, "恢复前的账本另存为：") {
		t.Errorf("message %q", msg)
	}
}

// Damage found while the ledger is open: the damage message restores from the newest backup in
// the window, and the ledger then passes the check.
func TestDamageFoundInTheWindowIsRestoredFromTheNewestBackup(t *testing.T) {
	path := damagedLedger(t, false)
	m := windowAt(t, path)
	s := settingsOf(t, m)
	test.Tap(s.backup.checkBtn)
	tapIn(t, m.Env.Win, "从备份恢复…")
	tapIn(t, m.Env.Win, "恢复")
	if msg := topText(t, m.Env.Win); !strings.Contains(msg, "账本已恢复为") {
		t.Fatalf("after the restore:\n%s", msg)
	}
	if err := m.Env.Store.CheckIntegrity(context.Background()); err != nil {
		t.Fatalf("the restored ledger: %v", err)
	}
	if got := subItems(t, m.Env.Store); slices.Contains(got, "鱼塘承包费") || !slices.Contains(got, "土地流转费") {
		t.Fatalf("the restored ledger holds %v", got)
	}
}

// The daily copy failing to reach the second backup place is a warning across the window too.
func TestDailyCheckWarnsWhenTheSecondPlaceFails(t *testing.T) {
	m, st := newTestWindow(t)
	stick := t.TempDir()
	if err := st.SetSecondBackupDir(stick); err != nil {
		t.Fatal(err)
	}
	// A folder where today's copy is to go makes the copy fail.
	if err := os.MkdirAll(filepath.Join(stick, "cunji-"+data.Today().String()+".db", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	m.dailyCheck(context.Background(), m.Env.Run, st)
	if text := strings.Join(shownTexts(m.warnings), "\n"); !strings.Contains(text, "今天的备份没能复制到第二备份位置") {
		t.Fatalf("warnings: %q", text)
	}
}
