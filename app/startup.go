package app

import (
	"context"
	"errors"
	"os"
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

// RunStartupError shows why the database could not be opened, in a window of its own, and blocks
// until the app ends; nothing has been written to the file. For a damaged file the window lists its
// backups to look at and restore from: once one is restored, the ledger opens in the main window.
// It returns the store open at the end, for the caller to close; nil when none was opened.
func RunStartupError(a fyne.App, err error, version string) *data.Store {
	a.Settings().SetTheme(NewTheme())
	var m *MainWindow
	sw := newStartupWindow(a, err, kit.AppRunner{}, func(st *data.Store, msg string) {
		m = openMainWindow(a, st, version)
		m.started()
		m.Env.Dialogs.ShowInformation(lang.L("已恢复"), msg)
	})
	sw.win.Show() // not the master: it closes once the main window opens
	a.Run()
	if m == nil {
		return nil
	}
	m.stopBackup()
	return m.Env.Store
}

// startupWindow is the window for a ledger that cannot be opened: why, and for a damaged file its
// backups, the newest that can be read offered first, each to look at or restore.
type startupWindow struct {
	win    fyne.Window
	ds     *kit.Dialogs
	run    kit.Runner
	dbPath string
	list   *backupList    // nil when restoring cannot help (the file is locked, newer, another program's …)
	newest *widget.Button // restores the newest backup that can be read
	about  *widget.Label  // what that backup holds
	opened func(st *data.Store, msg string)
}

// newStartupWindow builds the window for err (not shown yet); opened gets the ledger once a
// backup has been restored and opened, with the message saying so, and the window then closes.
func newStartupWindow(a fyne.App, err error, run kit.Runner, opened func(st *data.Store, msg string)) *startupWindow {
	w := a.NewWindow(lang.L("无法打开数据库"))
	sw := &startupWindow{win: w, ds: kit.NewDialogs(w), run: run, opened: opened}
	msg := widget.NewLabel(kit.ErrorText(err))
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton(lang.L("退出"), func() { a.Quit() })
	heading := widget.NewLabelWithStyle(lang.L("无法打开数据库"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	body := container.NewVBox(msg)
	size := fyne.NewSize(600, 280)
	var oe *data.OpenError
	if errors.As(err, &oe) && (oe.Kind == data.ErrCorrupt || oe.Kind == data.ErrNotSQLite) {
		sw.dbPath = oe.Path
		sw.list = newBackupList(sw.ds, run, oe.Path, func(from string) (data.RestorePreview, error) {
			return data.PreviewRestore(oe.Path, from)
		}, sw.restore)
		sw.list.onLoaded = sw.offerNewest
		sw.about = widget.NewLabel("")
		sw.about.Wrapping = fyne.TextWrapWord
		sw.newest = widget.NewButtonWithIcon(lang.L("用最近一份能读取的备份恢复"), theme.HistoryIcon(), nil)
		sw.newest.Importance = widget.HighImportance
		sw.newest.Hide()
		body.Add(widget.NewSeparator())
		body.Add(subheading(lang.L("从备份恢复")))
		body.Add(sw.about)
		body.Add(container.NewHBox(sw.newest))
		body.Add(sw.list.Content())
		size = fyne.NewSize(780, 560)
		sw.list.Reload()
	}
	w.SetContent(container.NewPadded(container.NewBorder(heading, container.NewHBox(layout.NewSpacer(), quit), nil, nil,
		container.NewVScroll(body))))
	w.Resize(size)
	return sw
}

// offerNewest offers the newest backup that can be read, saying what it holds.
func (sw *startupWindow) offerNewest(list []data.BackupInfo) {
	b, ok := newestSound(list)
	if !ok {
		sw.newest.Hide()
		sw.about.SetText(lang.L("备份文件夹里没有能读取的备份。"))
		return
	}
	sw.about.SetText(lang.X("backup.newest", "最近一份能读取的备份是 {{.Time}} 的：帮扶项目 {{.Projects}}，销售明细 {{.Lines}}，集体收支 {{.Entries}}。恢复前会先对比，并把损坏的文件另存一份。",
		map[string]any{"Time": backupTime(b.Time), "Projects": projectsCount(b.Projects), "Lines": linesCount(b.SaleLines), "Entries": linesCount(b.Entries)}))
	sw.newest.OnTapped = func() { sw.list.ask(b) }
	sw.newest.Show()
}

// restore replaces the damaged file with the backup b (the person has agreed) and opens it.
func (sw *startupWindow) restore(b data.BackupInfo) {
	busy := restoringDialog(sw.ds)
	sw.run.Go(func() {
		res, err := data.RestoreBackup(context.Background(), sw.dbPath, b.Path)
		var st *data.Store
		if err == nil {
			st, err = data.Open(sw.dbPath)
		}
		sw.run.Do(func() {
			busy.Hide()
			if err != nil {
				sw.ds.ShowStoreError(err)
				sw.list.Reload()
				return
			}
			sw.opened(st, restoredText(b, res))
			sw.win.Close()
		})
	})
}

// dailyCheckDelay lets the window draw its first screen before the daily check reads the whole file.
const dailyCheckDelay = 5 * time.Second

// startDailyBackup runs the daily integrity check and backup of st in the background, a few
// seconds after the window is up (once the app has started); what it finds is shown over the
// window (showCheck). Call stop once the window has closed or left st: it cancels a check still
// running (so the file is free for the next start) and waits for it.
func startDailyBackup(m *MainWindow, st *data.Store) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	run := m.Env.Run
	run.Go(func() {
		defer close(done)
		select {
		case <-time.After(dailyCheckDelay):
		case <-ctx.Done():
			return
		}
		m.dailyCheck(ctx, run, st)
	})
	return func() {
		cancel()
		<-done
	}
}

// dailyCheck runs st's daily check and backup, then shows what it found on the Fyne thread.
func (m *MainWindow) dailyCheck(ctx context.Context, run kit.Runner, st *data.Store) {
	_, err := st.DailyBackup(ctx)
	if ctx.Err() != nil {
		return // stopped: the window closed or left the ledger
	}
	run.Do(func() { m.showCheck(st, err) })
}

// showDamage tells at once what the integrity check found, with the way to restore from a backup.
func showDamage(env *Env, e *data.IntegrityError) {
	msg := widget.NewLabel(integrityText(e))
	msg.Wrapping = fyne.TextWrapWord
	open := widget.NewButtonWithIcon(lang.L("打开备份文件夹"), theme.FolderOpenIcon(), func() {
		if err := openFolder(env.App, e.BackupDir); err != nil {
			env.Dialogs.ShowStoreError(err)
		}
	})
	var d *dialog.CustomDialog
	restore := widget.NewButtonWithIcon(lang.L("从备份恢复…"), theme.HistoryIcon(), func() {
		d.Hide()
		askRestoreNewest(env)
	})
	restore.Importance = widget.HighImportance
	d = dialog.NewCustom(lang.L("数据库文件有损坏"), lang.L("知道了"),
		container.NewBorder(nil, container.NewHBox(restore, open), nil, nil, msg), env.Win)
	d.Resize(fyne.NewSize(620, 360))
	env.Dialogs.Show(d, nil) // no cancel button among them: Esc leaves it
}

// openFolder shows dir (made first if need be) in the system's file manager.
func openFolder(a fyne.App, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return a.OpenURL(fileURL(dir))
}

// integrityText is the damage message in the window's language (data's own message is Chinese).
func integrityText(e *data.IntegrityError) string {
	if !kit.English() {
		return e.Error()
	}
	newest := e.NewestBackup
	if newest == "" {
		newest = lang.L("（还没有备份）")
	}
	return lang.X("integrity.damaged", e.Error(), map[string]any{"Path": e.Path, "Dir": e.BackupDir, "Newest": newest}) +
		"\n" + strings.Join(e.Problems, "; ")
}
