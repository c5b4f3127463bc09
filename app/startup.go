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
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// RunStartupError shows why the database could not be opened, in a window of its own, and blocks until it closes.
// The message comes from data.OpenError and is Chinese; nothing has been written to the file.
func RunStartupError(a fyne.App, err error) {
	a.Settings().SetTheme(NewTheme())
	w := a.NewWindow(lang.L("无法打开数据库"))
	msg := widget.NewLabel(errorText(err))
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton(lang.L("退出"), func() { a.Quit() })
	quit.Importance = widget.HighImportance
	heading := widget.NewLabelWithStyle(lang.L("无法打开数据库"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = "subHeadingText"
	w.SetContent(container.NewPadded(container.NewBorder(heading, container.NewHBox(layoutSpacer(), quit), nil, nil, msg)))
	w.Resize(fyne.NewSize(600, 280))
	w.SetMaster()
	w.ShowAndRun()
}

// dailyCheckDelay lets the window draw its first screen before the daily check reads the whole file.
const dailyCheckDelay = 5 * time.Second

// startDailyBackup runs the daily integrity check and backup in the background, a few seconds
// after the window is up (Run calls it once the app has started); damage found is shown over the
// window at once. Call stop once the window has closed: it cancels a check still running (so the
// file is free for the next start) and waits for it.
func startDailyBackup(a fyne.App, st *data.Store) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
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
			fyne.Do(func() {
				if ws := a.Driver().AllWindows(); len(ws) > 0 {
					showDamage(a, ws[0], damage)
				}
			})
		case err != nil && ctx.Err() == nil:
			log.Println("自动备份失败：", err)
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

// showDamage tells at once what the integrity check found and how to restore from a backup.
func showDamage(a fyne.App, w fyne.Window, e *data.IntegrityError) {
	msg := widget.NewLabel(integrityText(e))
	msg.Wrapping = fyne.TextWrapWord
	open := widget.NewButtonWithIcon(lang.L("打开备份文件夹"), theme.FolderOpenIcon(), func() {
		os.MkdirAll(e.BackupDir, 0o755)
		a.OpenURL(fileURL(e.BackupDir))
	})
	d := dialog.NewCustom(lang.L("数据库文件有损坏"), lang.L("知道了"),
		container.NewBorder(nil, container.NewHBox(open), nil, nil, msg), w)
	d.Resize(fyne.NewSize(620, 360))
	d.Show()
}

// integrityText is the damage message in the window's language (data's own message is Chinese).
func integrityText(e *data.IntegrityError) string {
	if CurrentLanguage() != LangEnglish {
		return e.Error()
	}
	newest := e.NewestBackup
	if newest == "" {
		newest = lang.L("（还没有备份）")
	}
	return lang.X("integrity.damaged", e.Error(), map[string]any{"Path": e.Path, "Dir": e.BackupDir, "Newest": newest}) +
		"\n" + strings.Join(e.Problems, "; ")
}
