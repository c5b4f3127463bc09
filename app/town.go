package app

import (
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
	"cunji/data/packfile"
)

// Village packages and the town database (docs/PACKAGE.md): 设置's 数据包 section exports a
// village's package, or, in a town database (汇总库), merges packages; a town database shows
// 汇总 in the title and a banner, and its ledgers offer no new, save or delete.

const prefPackDir = "pack.dir"

// hideInTown hides buttons that change the ledgers when the window shows a town database
// (env.Dialogs.ReadOnly, which kit's registers, pages and forms follow too).
func hideInTown(env *Env, objs ...fyne.CanvasObject) {
	if !env.Dialogs.ReadOnly {
		return
	}
	for _, o := range objs {
		o.Hide()
	}
}

// townBanner runs across the top of every screen of a town database; nil otherwise.
func (m *MainWindow) townBanner() fyne.CanvasObject {
	if !m.Env.Store.IsTown() {
		return nil
	}
	msg := widget.NewLabelWithStyle(lang.L("这是汇总库：各村数据包汇总而成，只能查看。要加入或更新一个村的数据，请在“设置”里导入数据包。"),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	msg.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(color.NRGBA{R: 0x1e, G: 0x88, B: 0xe5, A: 0x30})
	return container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, msg)))
}

// packSection is 设置's 数据包: export a village's package, or in a town database merge packages.
func packSection(env *Env) fyne.CanvasObject {
	pass := widget.NewPasswordEntry()
	if env.Store.IsTown() {
		pass.SetPlaceHolder(lang.L("数据包的密码（没有设密码可不填）"))
		take := widget.NewButtonWithIcon(lang.L("导入数据包…"), theme.UploadIcon(), func() {
			choosePackage(env, func(path string) { mergePackages(env, []string{path}, pass.Text) })
		})
		folder := widget.NewButtonWithIcon(lang.L("导入文件夹里的全部数据包…"), theme.FolderOpenIcon(), func() {
			chooseFolder(env, func(dir string) {
				paths, err := packagesIn(dir)
				if err != nil {
					env.Dialogs.ShowStoreError(err)
					return
				}
				if len(paths) == 0 {
					env.Dialogs.ShowInformation(lang.L("导入数据包"), lang.L("这个文件夹里没有数据包（.cunji）。"))
					return
				}
				mergePackages(env, paths, pass.Text)
			})
		})
		note := widget.NewLabel(lang.L("导入村里导出的数据包（.cunji）：新的村加入汇总，同一个村较新的数据包替换旧的，旧的或已导入过的不会改动任何数据。"))
		note.Wrapping = fyne.TextWrapWord
		return container.NewVBox(note, kit.FormGrid(kit.FieldRow(lang.L("密码"), pass, nil)), container.NewHBox(take, folder))
	}
	village := kit.NewSelect(nil, lang.L("选择村"), nil)
	var ids []int64
	reload := func() {
		vs, err := env.Store.Villages()
		if err != nil {
			return
		}
		names := make([]string, len(vs))
		ids = make([]int64, len(vs))
		for i, v := range vs {
			names[i], ids[i] = v.Name, v.ID
		}
		village.SetOptions(names)
		if len(names) == 1 {
			village.SetSelectedIndex(0)
		}
	}
	reload()
	env.OnChange(reload, "villages")
	pass.SetPlaceHolder(lang.L("可不填；填了则数据包加密"))
	export := widget.NewButtonWithIcon(lang.L("导出数据包…"), theme.DownloadIcon(), func() {
		i := village.SelectedIndex()
		if i < 0 || i >= len(ids) {
			env.Dialogs.ShowInformation(lang.L("导出数据包"), lang.L("请先选择要导出的村。"))
			return
		}
		savePackage(env, village.Selected, func(path string) { exportPackage(env, ids[i], pass.Text, path) })
	})
	note := widget.NewLabel(lang.L("把一个村的全部台账导出为一个数据包（.cunji），用 U 盘或微信交给乡镇汇总。数据包含有人名，建议设密码。"))
	note.Wrapping = fyne.TextWrapWord
	return container.NewVBox(note, kit.FormGrid(kit.FieldRow(lang.L("村"), village, nil), kit.FieldRow(lang.L("密码"), pass, nil)),
		container.NewHBox(export))
}

// savePackage asks where to save the package of the village named name.
func savePackage(env *Env, name string, chosen func(path string)) {
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			env.Dialogs.ShowStoreError(err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if !strings.EqualFold(filepath.Ext(path), ".cunji") {
			path += ".cunji"
		}
		env.App.Preferences().SetString(prefPackDir, filepath.Dir(path))
		chosen(path)
	}, env.Win)
	fd.SetFileName(name + "-" + data.Today().String() + ".cunji")
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".cunji"}))
	env.Dialogs.ShowFileIn(fd, env.App.Preferences().String(prefPackDir))
}

// choosePackage asks for a package file to merge.
func choosePackage(env *Env, chosen func(path string)) {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			env.Dialogs.ShowStoreError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		env.App.Preferences().SetString(prefPackDir, filepath.Dir(path))
		chosen(path)
	}, env.Win)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".cunji"}))
	fd.SetTitleText(lang.L("选择数据包（.cunji）"))
	env.Dialogs.ShowFileIn(fd, env.App.Preferences().String(prefPackDir))
}

// chooseFolder asks for a folder of packages.
func chooseFolder(env *Env, chosen func(dir string)) {
	fd := dialog.NewFolderOpen(func(uri fyne.ListableURI, err error) {
		if err != nil {
			env.Dialogs.ShowStoreError(err)
			return
		}
		if uri != nil {
			env.App.Preferences().SetString(prefPackDir, uri.Path())
			chosen(uri.Path())
		}
	}, env.Win)
	env.Dialogs.ShowFileIn(fd, env.App.Preferences().String(prefPackDir))
}

// packagesIn lists the packages (.cunji) in dir by name.
func packagesIn(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".cunji") {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	return paths, nil
}

// exportPackage writes the package in the background and says what it holds.
func exportPackage(env *Env, villageID int64, pass, path string) {
	var m packfile.Manifest
	var err error
	env.Run.Go(func() {
		m, err = env.Store.Pack(villageID, path, data.PackOptions{AppVersion: env.Version, Passphrase: pass})
		env.Run.Do(func() {
			if err != nil {
				env.Dialogs.ShowStoreError(err)
				return
			}
			env.Dialogs.ShowInformation(lang.L("导出数据包"), lang.L("已导出“{{.Village}}”的数据包：{{.Path}}（销售明细 {{.Lines}} 行，项目 {{.Projects}} 个）。",
				map[string]any{"Village": m.VillageName, "Path": path, "Lines": m.Counts["sale_lines"], "Projects": m.Counts["projects"]}))
		})
	})
}

// mergePackages merges each package in turn in the background, showing how many are done (a
// district's folder takes minutes), and then lists what happened to each.
func mergePackages(env *Env, paths []string, pass string) {
	lines := make([]string, 0, len(paths))
	bar := widget.NewProgressBar()
	bar.Max = float64(len(paths))
	bar.TextFormatter = func() string {
		return lang.L("{{.Done}} / {{.All}} 个数据包", map[string]any{"Done": int(bar.Value), "All": len(paths)})
	}
	d := dialog.NewCustomWithoutButtons(lang.L("正在导入数据包"), container.NewVBox(
		widget.NewLabel(lang.L("正在把数据包汇总进汇总库，请稍候…")), bar), env.Win)
	env.Dialogs.Show(d, nil) // no cancel: the packages merged so far stay, the rest would be lost to the list
	env.Run.Go(func() {
		env.Store.MergeAll(paths, pass, func(p string, r data.MergeResult, err error) {
			msg := r.Message()
			if err != nil {
				msg = kit.ErrorText(err)
			}
			lines = append(lines, filepath.Base(p)+"："+msg)
			done := float64(len(lines))
			env.Run.Do(func() { bar.SetValue(done) })
		})
		env.Run.Do(func() {
			d.Hide()
			env.Dialogs.ShowInformation(lang.L("导入数据包"), strings.Join(lines, "\n"))
		})
	})
}
