package app

import (
	"context"
	"errors"
	"log"
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

// RunStartupError shows why the database could not be opened, in a window of its own, and blocks until it closes.
// The message comes from data.OpenError and is Chinese; nothing has been written to the file.
func RunStartupError(a fyne.App, err error) {
	a.Settings().SetTheme(NewTheme())
	w := a.NewWindow(lang.L("无法打开数据库"))
	msg := widget.NewLabel(kit.ErrorText(err))
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton(lang.L("退出"), func() { a.Quit() })
	quit.Importance = widget.HighImportance
	heading := widget.NewLabelWithStyle(lang.L("无法打开数据库"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = "subHeadingText"
	w.SetContent(container.NewPadded(container.NewBorder(heading, container.NewHBox(layout.NewSpacer(), quit), nil, nil, msg)))
	w.Resize(fyne.NewSize(600, 280))
	w.SetMaster()
	w.ShowAndRun()
}

// dailyCheckDelay lets the window draw its first screen before the daily check reads the whole file.
const dailyCheckDelay = 5 * time.Second

// startDailyBackup runs the daily integrity check and backup of st in the background, a few
// seconds after the window is up (Run calls it once the app has started); damage found is shown
// over the window at once. Call stop once the window has closed: it cancels a check still running
// (so the file is free for the next start) and waits for it.
func startDailyBackup(env *Env, st *data.Store) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	env.Run.Go(func() {
		defer close(done)
		select {
		case <-time.After(dailyCheckDelay):
		case <-ctx.Done():
			return
		}
		_, err := st.DailyBackup(ctx)
		var damage *data.IntegrityError
		switch {
		case errors.As(err, &damage):
			env.Run.Do(func() { showDamage(env, damage) })
		case err != nil && ctx.Err() == nil:
			log.Println("自动备份失败：", err)
		}
	})
	return func() {
		cancel()
		<-done
	}
}

// showDamage tells at once what the integrity check found and how to restore from a backup.
func showDamage(env *Env, e *data.IntegrityError) {
	msg := widget.NewLabel(integrityText(e))
	msg.Wrapping = fyne.TextWrapWord
	open := widget.NewButtonWithIcon(lang.L("打开备份文件夹"), theme.FolderOpenIcon(), func() {
		if err := openFolder(env.App, e.BackupDir); err != nil {
			env.Dialogs.ShowStoreError(err)
		}
	})
	d := dialog.NewCustom(lang.L("数据库文件有损坏"), lang.L("知道了"),
		container.NewBorder(nil, container.NewHBox(open), nil, nil, msg), env.Win)
	d.Resize(fyne.NewSize(620, 360))
	env.Dialogs.Show(d, nil) // two buttons, none of them a cancel: Esc leaves it
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
