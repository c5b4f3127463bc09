package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// backupReminder is 首页's note after data.SecondBackupRemindDays without a copy of the backups
// in a second place: backups beside the ledger go with the PC when it breaks or is lost.
type backupReminder struct {
	env     *Env
	text    *widget.Label
	content fyne.CanvasObject
	loader  *kit.Loader[data.SecondBackup]
}

func newBackupReminder(env *Env) *backupReminder {
	r := &backupReminder{env: env, text: widget.NewLabel("")}
	r.text.Wrapping = fyne.TextWrapWord
	r.loader = kit.NewLoader(env.Run, r.loaded)
	bg := canvas.NewRectangle(color.NRGBA{R: 0xff, G: 0xb3, B: 0x00, A: 0x30})
	bg.CornerRadius = 6
	r.content = container.NewPadded(container.NewStack(bg, container.NewPadded(
		container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, r.text))))
	r.content.Hide()
	return r
}

// Reload reads the second backup place's state in the background (it looks at the folder).
func (r *backupReminder) Reload() { r.loader.Load(r.env.Store.SecondBackupStatus) }

func (r *backupReminder) loaded(b data.SecondBackup, err error) {
	if err != nil || !b.Remind {
		r.content.Hide()
		return
	}
	r.text.SetText(secondBackupText(b, screenKey("设置")))
	r.content.Show()
}

// secondBackupText says how long the backups have been in one place only, and what to do.
func secondBackupText(b data.SecondBackup, settingsKey string) string {
	args := map[string]any{"Days": b.DaysSince, "Dir": b.Dir, "Key": settingsKey}
	switch {
	case b.Dir == "":
		return lang.X("home.second.none", "已经 {{.Days}} 天没有把备份复制到第二个地方：这台电脑坏了或丢了，旁边的备份也会一起没有。请在“设置”（{{.Key}}）的“第二备份位置”里选一个 U 盘或另一块磁盘上的文件夹。", args)
	case !b.Present:
		return lang.X("home.second.absent", "已经 {{.Days}} 天没有复制到第二备份位置 {{.Dir}}。请插上 U 盘（或接上那块磁盘），再在“设置”（{{.Key}}）的“第二备份位置”里点“现在复制”。", args)
	}
	return lang.X("home.second.stale", "已经 {{.Days}} 天没有复制到第二备份位置 {{.Dir}}。请在“设置”（{{.Key}}）的“第二备份位置”里点“现在复制”。", args)
}

// screenKey is the shortcut that shows the screen titled title: Ctrl+7 …; "" past the ninth.
func screenKey(title string) string {
	for i, d := range screens() {
		if d.title == title && i < digitScreens() {
			return "Ctrl+" + string(rune('1'+i))
		}
	}
	return ""
}
