package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

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

// backupSection is 设置's 备份与恢复: where the ledger and its backups are, 立即备份, the check of
// the file and of its audit, and the backups, each to look at read-only or to restore.
type backupSection struct {
	env       *Env
	status    *widget.Label
	backupBtn *widget.Button
	checkBtn  *widget.Button
	list      *backupList
	second    *secondPlace
	content   fyne.CanvasObject
}

func newBackupSection(env *Env) *backupSection {
	b := &backupSection{env: env, status: widget.NewLabel("")}
	st := env.Store
	b.status.Wrapping = fyne.TextWrapWord
	b.status.Hide()
	path := widget.NewLabel(st.Path())
	path.Selectable = true
	path.Wrapping = fyne.TextWrapBreak
	dir := widget.NewLabel(st.BackupDir())
	dir.Selectable = true
	dir.Wrapping = fyne.TextWrapBreak
	b.backupBtn = widget.NewButtonWithIcon(lang.L("立即备份"), theme.DocumentSaveIcon(), b.backupNow)
	b.backupBtn.Importance = widget.HighImportance
	open := widget.NewButtonWithIcon(lang.L("打开备份文件夹"), theme.FolderOpenIcon(), func() {
		if err := openFolder(env.App, st.BackupDir()); err != nil {
			b.fail(err)
		}
	})
	b.checkBtn = widget.NewButtonWithIcon(lang.L("检查数据完整性"), theme.SearchIcon(), b.checkIntegrity)
	note := widget.NewLabel(lang.L("每天第一次打开后自动检查数据完整性并备份；保留最近14天每天一份，以及近一年每月一份。"))
	if st.IsTown() {
		note.SetText(lang.L("汇总库不做每日自动备份和检查：它随时可以用各村的数据包重新汇总，请保存好数据包。需要时可以立即备份或检查数据完整性。"))
	}
	note.Wrapping = fyne.TextWrapWord
	b.list = newBackupList(env.Dialogs, env.Run, st.Path(), previewOpen(st), env.Restore)
	b.second = newSecondPlace(env)
	b.content = container.NewVBox(
		widget.NewForm(
			widget.NewFormItem(lang.L("数据库文件"), path),
			widget.NewFormItem(lang.L("备份文件夹"), dir)),
		note,
		container.NewHBox(b.backupBtn, open, b.checkBtn),
		b.status,
		b.list.Content())
	return b
}

// refresh reads the backups and the second backup place afresh.
func (b *backupSection) refresh() {
	b.list.Reload()
	b.second.Reload()
}

func (b *backupSection) say(msg string) { showStatus(b.status, msg, widget.MediumImportance) }

func (b *backupSection) fail(err error) {
	showStatus(b.status, kit.ErrorText(err), widget.DangerImportance)
}

// showStatus puts msg in a section's status line, hidden while empty so it takes no room.
func showStatus(l *widget.Label, msg string, imp widget.Importance) {
	l.Importance = imp
	l.SetText(msg)
	l.Hidden = msg == ""
	l.Refresh()
}

// backupNow copies the database in the background (a large ledger takes a few seconds).
func (b *backupSection) backupNow() {
	b.backupBtn.Disable()
	b.say(lang.L("正在备份…"))
	b.env.Run.Go(func() {
		path, err := b.env.Store.BackupNow()
		b.env.Run.Do(func() {
			b.backupBtn.Enable()
			if err != nil {
				b.fail(err)
				return
			}
			b.say(lang.X("settings.backup.done", "已备份到 {{.Name}}", map[string]any{"Name": filepath.Base(path)}))
			b.list.Reload()
		})
	})
}

// checkIntegrity reads the whole file in the background (seconds on a large ledger): SQLite's
// integrity check, then the audit chain against the ledgers. Damage is shown at once with the way
// to restore; an audit that disagrees says where.
func (b *backupSection) checkIntegrity() {
	b.checkBtn.Disable()
	b.say(lang.L("正在检查数据完整性…"))
	b.env.Run.Go(func() {
		ctx := context.Background()
		err := b.env.Store.CheckIntegrity(ctx)
		var r data.VerifyResult
		if err == nil {
			r, err = b.env.Store.Verify(ctx)
		}
		b.env.Run.Do(func() {
			b.checkBtn.Enable()
			var damage *data.IntegrityError
			switch {
			case errors.As(err, &damage):
				b.fail(errors.New(lang.L("数据库文件有损坏")))
				showDamage(b.env, damage)
			case err != nil:
				b.fail(err)
			case !r.OK():
				b.fail(errors.New(auditText(&data.AuditError{Path: b.env.Store.Path(), Result: r})))
			default:
				b.say(lang.X("settings.integrity.ok", "数据完整性检查通过（{{.Time}}）：没有发现损坏。",
					map[string]any{"Time": time.Now().Format("2006-01-02 15:04")}) + "\n" +
					lang.X("backup.verify.ok", "操作日志逐条核对了 {{.Entries}} 条记录、{{.Rows}} 行台账，都对得上。",
						map[string]any{"Entries": countText(r.Entries), "Rows": countText(r.Rows)}))
			}
		})
	})
}

// auditText is what the audit check found, in the window's language (the place it names stays Chinese).
func auditText(e *data.AuditError) string {
	return lang.X(e.Key(), "操作日志核对发现问题：数据可能在村记之外被改动过。") + "\n" + e.Result.Problem
}

// previewOpen compares the open ledger st with a backup before a restore (data.PreviewRestore
// wants the ledger closed; the window has it open until the person agrees).
func previewOpen(st *data.Store) func(from string) (data.RestorePreview, error) {
	return func(from string) (data.RestorePreview, error) {
		var p data.RestorePreview
		var err error
		if p.Backup, err = data.InspectBackup(from); err != nil {
			return p, err
		}
		p.Current.Path = st.Path()
		if fi, err := os.Stat(st.Path()); err == nil {
			p.Current.Time, p.Current.Size = fi.ModTime(), fi.Size()
		}
		p.Current.LedgerCounts, p.Current.Problem = st.Counts()
		return p, nil
	}
}

// ---- the list of backups, shared with the window for a damaged file ----

// backupList lists a ledger's backups, newest first, with what each holds; each can be looked at
// read-only (查看) or restored (恢复) after comparing it with the ledger as it is now. 设置 shows
// it beside the open ledger; the window for a file that cannot be opened shows it with none open.
type backupList struct {
	ds      *kit.Dialogs
	run     kit.Runner
	dbPath  string
	preview func(from string) (data.RestorePreview, error)
	restore func(from data.BackupInfo) // replaces the ledger, once the person agreed
	// onLoaded, when set, hears the backups each time the list has read them.
	onLoaded func([]data.BackupInfo)

	note    *widget.Label
	box     *fyne.Container
	rows    []*backupRow
	content fyne.CanvasObject
	loader  *kit.Loader[[]data.BackupInfo]
}

// backupRow is one backup's buttons in the list.
type backupRow struct {
	view, restore *widget.Button
}

// The list's column widths: when, kind, size, projects, sale lines, income entries.
var backupColumns = []float32{140, 72, 76, 84, 90, 110}

func newBackupList(ds *kit.Dialogs, run kit.Runner, dbPath string, preview func(string) (data.RestorePreview, error),
	restore func(data.BackupInfo)) *backupList {
	l := &backupList{ds: ds, run: run, dbPath: dbPath, preview: preview, restore: restore,
		note: widget.NewLabel(""), box: container.NewVBox()}
	l.note.Wrapping = fyne.TextWrapWord
	l.loader = kit.NewLoader(run, l.loaded)
	header := backupCells(true, lang.L("备份时间"), lang.L("类型"), lang.L("大小"), lang.L("帮扶项目"), lang.L("销售明细"), lang.L("backup.entries"))
	l.content = container.NewVBox(l.note, header, l.box)
	return l
}

// Content is the list as a screen lays it out.
func (l *backupList) Content() fyne.CanvasObject { return l.content }

// Reload lists the backups afresh in the background (each is opened read-only to count what it holds).
func (l *backupList) Reload() {
	l.loader.Load(func() ([]data.BackupInfo, error) { return data.ListBackups(l.dbPath) })
}

func (l *backupList) loaded(list []data.BackupInfo, err error) {
	l.box.RemoveAll()
	l.rows = nil
	switch {
	case err != nil:
		l.note.SetText(kit.ErrorText(err))
	case len(list) == 0:
		l.note.SetText(lang.L("还没有备份。"))
	default:
		l.note.SetText(lang.X("backup.count", "共有{{.Count}}份备份，最新的在前。点“查看”只读打开一份看看；点“恢复”先对比现在的账本和这份备份，确认后才替换。",
			map[string]any{"Count": len(list)}))
	}
	for _, b := range list {
		l.box.Add(l.newRow(b))
	}
	l.box.Refresh()
	if l.onLoaded != nil {
		l.onLoaded(list)
	}
}

// newRow lays out one backup: when, kind, size and what it holds, with 查看 and 恢复.
func (l *backupList) newRow(b data.BackupInfo) fyne.CanvasObject {
	r := &backupRow{}
	l.rows = append(l.rows, r)
	r.view = widget.NewButtonWithIcon(lang.L("查看"), theme.VisibilityIcon(), func() { l.view(b) })
	r.restore = widget.NewButtonWithIcon(lang.L("恢复"), theme.HistoryIcon(), func() { l.ask(b) })
	if b.Problem != nil {
		r.view.Disable()
		r.restore.Disable()
		problem := widget.NewLabel(lang.L("无法读取：") + firstSentence(kit.ErrorText(b.Problem)))
		problem.Importance = widget.DangerImportance
		problem.Truncation = fyne.TextTruncateEllipsis
		cells := backupCells(false, backupTime(b.Time), backupKind(b.Kind), fileSize(b.Size))
		return container.NewBorder(nil, nil, cells, container.NewHBox(r.view, r.restore), problem)
	}
	cells := backupCells(false, backupTime(b.Time), backupKind(b.Kind), fileSize(b.Size),
		countText(b.Projects), countText(b.SaleLines), countText(b.Entries))
	return container.NewHBox(cells, r.view, r.restore)
}

// backupCells lays texts out in the list's columns; the counts are right-aligned.
func backupCells(bold bool, texts ...string) *fyne.Container {
	cells := container.NewHBox()
	for i, t := range texts {
		c := widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})
		if i >= 2 {
			c.Alignment = fyne.TextAlignTrailing
		}
		c.Truncation = fyne.TextTruncateEllipsis
		cells.Add(kit.Sized(c, backupColumns[i]))
	}
	return cells
}

// ask compares the ledger as it is now with the backup, and restores only once the person agrees.
func (l *backupList) ask(b data.BackupInfo) {
	l.run.Go(func() {
		p, err := l.preview(b.Path)
		l.run.Do(func() {
			if err != nil {
				l.ds.ShowStoreError(err)
				return
			}
			askRestore(l.ds, p, func() { l.restore(p.Backup) })
		})
	})
}

// askRestore shows what the ledger holds now beside what the backup holds; yes runs only once the
// person presses 恢复.
func askRestore(ds *kit.Dialogs, p data.RestorePreview, yes func()) {
	msg := widget.NewLabel(lang.L("恢复后，账本会回到这份备份时的样子，此后录入的内容都不在了。恢复前，现在的账本会先另存为一份“恢复前”备份，放在备份文件夹里，需要时还能找回。"))
	msg.Wrapping = fyne.TextWrapWord
	backupName := widget.NewLabel(lang.L("备份文件：") + filepath.Base(p.Backup.Path))
	backupName.Truncation = fyne.TextTruncateEllipsis
	content := container.NewVBox(compareGrid(p.Current, p.Backup), backupName, msg)
	d := dialog.NewCustomConfirm(lang.L("用备份恢复账本"), lang.L("恢复"), lang.L("取消"), content, func(ok bool) {
		if ok {
			yes()
		}
	}, ds.Win())
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(600, 0))
	ds.Show(d, d.Dismiss)
}

// compareGrid puts the ledger now and the backup side by side, figure by figure; a ledger that
// cannot be read says why above them.
func compareGrid(cur, b data.BackupInfo) fyne.CanvasObject {
	rows := [][3]string{
		{"", lang.L("现在的账本"), lang.L("这份备份")},
		{lang.L("文件时间"), backupTime(cur.Time), backupTime(b.Time)},
		{lang.L("最后一次修改"), backupTime(cur.LastChange), backupTime(b.LastChange)},
		{lang.L("大小"), fileSize(cur.Size), fileSize(b.Size)},
		{lang.L("帮扶项目"), projectsCount(cur.Projects), projectsCount(b.Projects)},
		{lang.L("销售明细"), linesCount(cur.SaleLines), linesCount(b.SaleLines)},
		{lang.L("backup.entries"), linesCount(cur.Entries), linesCount(b.Entries)},
	}
	box := container.NewVBox()
	if cur.Problem != nil {
		problem := widget.NewLabel(lang.L("现在的账本无法读取：") + firstSentence(kit.ErrorText(cur.Problem)))
		if data.IsOpenError(cur.Problem, data.ErrMissing) {
			problem.SetText(lang.L("现在的账本还不存在。"))
		}
		problem.Wrapping = fyne.TextWrapWord
		problem.Importance = widget.DangerImportance
		box.Add(problem)
		for i := 1; i < len(rows); i++ {
			rows[i][1] = "—"
		}
	}
	for i, r := range rows {
		cells := container.NewGridWithColumns(3)
		for _, text := range r {
			cells.Add(widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: i == 0}))
		}
		box.Add(cells)
	}
	return box
}

func projectsCount(n int) string {
	return lang.X("backup.count.projects", "{{.N}} 个", map[string]any{"N": countText(n)})
}

func linesCount(n int) string {
	return lang.X("backup.count.lines", "{{.N}} 笔", map[string]any{"N": countText(n)})
}

// backupKind names how a backup came to be.
func backupKind(k data.BackupKind) string {
	switch k {
	case data.BackupManual:
		return lang.L("手动")
	case data.BackupBeforeRestore:
		return lang.L("恢复前")
	}
	return lang.L("每日")
}

// backupTime is a moment in local time to the minute; "—" for none.
func backupTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("2006-01-02 15:04")
}

// firstSentence is a message's first sentence: what is wrong, without what to do about it, the
// files and the technical details that follow.
func firstSentence(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if i := strings.Index(s, "。"); i >= 0 {
		return s[:i+len("。")]
	}
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

// countText writes a count with thousands separators: 1,000,000.
func countText(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// fileSize is 812 KB, 3.4 MB …
func fileSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

// ---- restoring the open ledger ----

// restore replaces the window's ledger with the backup b (the person has agreed): the screens let
// go of it, the store closes, data.RestoreBackup checks the copy and replaces the file (keeping the
// old one as a 恢复前 backup), and the file opens again with every screen built anew. If the
// restore fails the file is as it was and opens again. Unsaved typing is asked about first.
func (m *MainWindow) restore(b data.BackupInfo) {
	proceed := func() {
		old := m.Env.Store
		path := old.Path()
		m.stopBackup() // the daily copy must not read the file while it is replaced
		// Nothing may read the closed store meanwhile: the screens go, and the dialog keeps the
		// keys and the close button from them.
		m.Env.Win.SetContent(container.NewStack())
		busy := restoringDialog(m.Env.Dialogs)
		m.Env.Run.Go(func() {
			old.Close()
			res, err := data.RestoreBackup(context.Background(), path, b.Path)
			st, openErr := data.Open(path)
			m.Env.Run.Do(func() {
				busy.Hide()
				m.restored(b, st, res, err, openErr)
			})
		})
	}
	if leave := m.views[m.current].CanLeave; leave != nil {
		leave(proceed)
		return
	}
	proceed()
}

// restoringDialog says a restore is under way; it has no buttons: the restore cannot be stopped halfway.
func restoringDialog(ds *kit.Dialogs) dialog.Dialog {
	d := dialog.NewCustomWithoutButtons(lang.L("正在恢复"), container.NewVBox(
		widget.NewLabel(lang.L("正在用备份恢复账本，请稍候…")), widget.NewProgressBarInfinite()), ds.Win())
	ds.Show(d, nil)
	return d
}

// restored shows the ledger again after a restore and says what happened.
func (m *MainWindow) restored(b data.BackupInfo, st *data.Store, res data.RestoreResult, err, openErr error) {
	if openErr != nil {
		msg := widget.NewLabel(kit.ErrorText(openErr))
		msg.Wrapping = fyne.TextWrapWord
		quit := widget.NewButton(lang.L("退出"), func() { m.Env.App.Quit() })
		m.Env.Win.SetContent(container.NewPadded(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), quit), nil, nil, msg)))
		return
	}
	m.useStore(st)
	if err != nil {
		m.Env.Dialogs.ShowInformation(lang.L("没有恢复"), kit.ErrorText(err))
		return
	}
	m.Env.Dialogs.ShowInformation(lang.L("已恢复"), restoredText(b, res))
}

// restoredText says which backup the ledger now is, where the replaced file was kept, and whether
// the backup's audit disagrees with its ledgers.
func restoredText(b data.BackupInfo, res data.RestoreResult) string {
	msg := lang.X("backup.restored", "账本已恢复为 {{.Time}} 的备份。", map[string]any{"Time": backupTime(b.Time)})
	if res.KeptAs != "" {
		msg += "\n" + lang.L("恢复前的账本另存为：") + res.KeptAs
	}
	if res.AuditProblem != "" {
		msg += "\n\n" + lang.L("注意：这份备份的操作日志与台账对不上（已照常恢复，每天的检查会继续提示）：") + res.AuditProblem
	}
	return msg
}

// askRestoreNewest offers to restore the open ledger from its newest backup that can be read
// (damage was found in it).
func askRestoreNewest(env *Env) {
	env.Run.Go(func() {
		list, err := data.ListBackups(env.Store.Path())
		b, ok := newestSound(list)
		var p data.RestorePreview
		if err == nil && ok {
			p, err = previewOpen(env.Store)(b.Path)
		}
		env.Run.Do(func() {
			switch {
			case err != nil:
				env.Dialogs.ShowStoreError(err)
			case !ok:
				env.Dialogs.ShowInformation(lang.L("没有可用的备份"), lang.L("备份文件夹里没有能读取的备份。"))
			default:
				askRestore(env.Dialogs, p, func() { env.Restore(p.Backup) })
			}
		})
	})
}

// newestSound is the newest backup whose contents could be read.
func newestSound(list []data.BackupInfo) (data.BackupInfo, bool) {
	for _, b := range list {
		if b.Problem == nil {
			return b, true
		}
	}
	return data.BackupInfo{}, false
}
