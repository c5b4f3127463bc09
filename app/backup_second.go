package app

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// secondPlace is 设置's 第二备份位置: a folder (a USB stick, another disk) that gets each daily
// backup when it is there, with when it last did.
type secondPlace struct {
	env                   *Env
	dir, state, status    *widget.Label
	choose, stop, copyNow *widget.Button
	content               fyne.CanvasObject
	loader                *kit.Loader[data.SecondBackup]
}

func newSecondPlace(env *Env) *secondPlace {
	p := &secondPlace{env: env, dir: widget.NewLabel(""), state: widget.NewLabel(""), status: widget.NewLabel("")}
	p.loader = kit.NewLoader(env.Run, p.loaded)
	p.dir.Wrapping = fyne.TextWrapBreak
	p.dir.Selectable = true
	p.state.Wrapping = fyne.TextWrapWord
	p.status.Wrapping = fyne.TextWrapWord
	p.status.Hide()
	p.choose = widget.NewButtonWithIcon(lang.L("选择文件夹…"), theme.FolderOpenIcon(), p.chooseDir)
	p.copyNow = widget.NewButtonWithIcon(lang.L("现在复制"), theme.ContentCopyIcon(), p.copy)
	p.stop = widget.NewButtonWithIcon(lang.L("不再复制"), theme.CancelIcon(), func() { p.setDir("") })
	note := widget.NewLabel(lang.L("备份文件夹就在账本旁边，电脑坏了或丢了会一起没有。选一个 U 盘或另一块磁盘上的文件夹，每天的备份会再复制一份到那里；U 盘不在时跳过，插上后再复制。"))
	note.Wrapping = fyne.TextWrapWord
	p.content = container.NewVBox(note,
		widget.NewForm(widget.NewFormItem(lang.L("文件夹"), p.dir)),
		p.state,
		container.NewHBox(p.choose, p.copyNow, p.stop),
		p.status)
	return p
}

// Reload reads the place's state in the background (it looks at the folder, which may be a slow drive).
func (p *secondPlace) Reload() { p.loader.Load(p.env.Store.SecondBackupStatus) }

func (p *secondPlace) loaded(b data.SecondBackup, err error) {
	if err != nil {
		p.fail(err)
		return
	}
	if b.Dir == "" {
		p.dir.SetText(lang.L("还没有选择"))
		p.copyNow.Disable()
		p.stop.Hide()
	} else {
		p.dir.SetText(b.Dir)
		p.stop.Show()
		if b.Present {
			p.copyNow.Enable()
		} else {
			p.copyNow.Disable()
		}
	}
	p.state.SetText(secondPlaceState(b))
}

// secondPlaceState says whether the folder is there and when it last got a copy.
func secondPlaceState(b data.SecondBackup) string {
	last := lang.L("还没有复制过。")
	if !b.Last.IsZero() {
		last = lang.X("backup.second.last", "上次复制：{{.Time}}（{{.Days}} 天前）。",
			map[string]any{"Time": backupTime(b.Last), "Days": int(time.Since(b.Last).Hours() / 24)})
	}
	switch {
	case b.Dir == "":
		return last
	case b.Present:
		return lang.L("文件夹在，每天的备份会复制到这里。") + last
	}
	return lang.L("现在找不到这个文件夹（U 盘没有插上？）；插上后，村记下次检查时会复制。") + last
}

// chooseDir asks for the folder with the file dialog.
func (p *secondPlace) chooseDir() {
	d := dialog.NewFolderOpen(func(uri fyne.ListableURI, err error) {
		if err != nil {
			p.fail(err)
			return
		}
		if uri != nil {
			p.setDir(uri.Path())
		}
	}, p.env.Win)
	p.env.Dialogs.ShowFile(d)
}

// setDir makes dir the second backup place ("" stops copying there).
func (p *secondPlace) setDir(dir string) {
	if err := p.env.Store.SetSecondBackupDir(dir); err != nil {
		p.fail(err)
		return
	}
	p.say("")
	p.Reload()
}

// copy runs the daily check now, which copies today's backup to the place (and makes it first if
// need be): for when the stick was plugged in after 村记 started.
func (p *secondPlace) copy() {
	p.copyNow.Disable()
	p.say(lang.L("正在复制…"))
	p.env.Run.Go(func() {
		_, err := p.env.Store.DailyBackup(context.Background())
		b, serr := p.env.Store.SecondBackupStatus()
		p.env.Run.Do(func() {
			p.copyNow.Enable()
			copied := lang.L("已把今天的备份复制到第二备份位置。")
			if serr != nil || !b.Present {
				copied = lang.L("现在找不到这个文件夹，没有复制。")
			}
			var audit *data.AuditError
			var damage *data.IntegrityError
			switch {
			case errors.As(err, &damage):
				p.fail(errors.New(lang.L("数据库文件有损坏")))
				showDamage(p.env, damage)
			case errors.Is(err, data.ErrSecondBackup):
				p.fail(data.ErrSecondBackup)
			case errors.As(err, &audit): // the copy was made; the check after it found this
				showStatus(p.status, copied+"\n"+auditText(audit), widget.DangerImportance)
			case err != nil:
				p.fail(err)
			default:
				p.say(copied)
			}
			p.Reload()
		})
	})
}

func (p *secondPlace) say(msg string) { showStatus(p.status, msg, widget.MediumImportance) }

func (p *secondPlace) fail(err error) {
	showStatus(p.status, kit.ErrorText(err), widget.DangerImportance)
}
