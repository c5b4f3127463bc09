package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit/kittest"
	"cunji/data"
)

// townFixture packs both villages of a demo ledger and opens a town database holding the first.
func townFixture(t *testing.T) (town *data.Store, second string) {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "villages.db")
	if err := data.Demo(src, data.DemoOptions{Villages: 2, Sales: 300, Years: 1, Today: data.MustDate(2025, 10, 31)}); err != nil {
		t.Fatal(err)
	}
	st, err := data.OpenExisting(src)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	vs, err := st.Villages()
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, v := range vs {
		p := filepath.Join(dir, v.Name+".cunji")
		if _, err := st.Pack(v.ID, p, data.PackOptions{}); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	town, err = data.OpenTown(filepath.Join(dir, "town.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { town.Close() })
	if _, err := town.Merge(paths[0], ""); err != nil {
		t.Fatal(err)
	}
	return town, paths[1]
}

func windowOn(t *testing.T, st *data.Store) *MainWindow {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	if err := SetupLanguage(LangChinese); err != nil {
		t.Fatal(err)
	}
	m := NewMainWindow(a, st, "test", &kittest.Runner{})
	m.Env.Win.Show()
	t.Cleanup(m.Env.Win.Close)
	return m
}

// A town database: 汇总 in the title, the banner, no new buttons, Ctrl+N does nothing, and
// 设置 → 导入数据包 merges a package and says what happened.
func TestTownWindowIsReadOnlyAndTakesPackages(t *testing.T) {
	town, second := townFixture(t)
	m := windowOn(t, town)
	if got := m.Env.Win.Title(); !strings.HasPrefix(got, "汇总") {
		t.Errorf("title %q", got)
	}
	if findLabel(m.Env.Win.Content(), "这是汇总库：各村数据包汇总而成，只能查看。要加入或更新一个村的数据，请在“设置”里导入数据包。") == nil {
		t.Error("no town banner")
	}
	pv := projectsOf(t, m)
	if b := findButton(t, m.View(projectsAt).Content, "新建项目"); b.Visible() {
		t.Error("帮扶项目 offers 新建项目 in a town database")
	}
	press(t, m, fyne.KeyN)
	if pv.page != nil || m.Env.Dialogs.Open() {
		t.Error("Ctrl+N opened a new project in a town database")
	}
	sanzi := m.View(screenIndex("三资")).Content
	m.Select(screenIndex("三资"))
	if b := findButton(t, sanzi, "新增合同"); b.Visible() {
		t.Error("三资 offers 新增合同 in a town database")
	}

	m.Select(settingsAt)
	findButton(t, m.View(settingsAt).Content, "导入数据包")
	if findLabel(m.View(settingsAt).Content, "汇总库不做每日自动备份和检查：它随时可以用各村的数据包重新汇总，请保存好数据包。需要时可以立即备份或检查数据完整性。") == nil {
		t.Error("设置 does not say that a town database is not backed up every day")
	}
	if l := findLabel(m.View(settingsAt).Content, "第二备份位置"); l != nil && visibleIn(m.View(settingsAt).Content, l) {
		t.Error("设置 offers a second backup place for daily copies a town does not make")
	}
	mergePackages(m.Env, []string{second}, "")
	if got := dialogText(m); !strings.Contains(got, "已加入") {
		t.Errorf("after merging: %q", got)
	}
	m.Env.Dialogs.Cancel()
	findButton(t, m.View(settingsAt).Content, "导入文件夹里的全部数据包")
	paths, err := packagesIn(filepath.Dir(second))
	if err != nil || len(paths) != 2 {
		t.Fatalf("packages in the folder: %v %v", paths, err)
	}
	mergePackages(m.Env, paths, "")
	if got := dialogText(m); strings.Count(got, "已经汇总过，没有改动") != 2 {
		t.Errorf("merging the folder again: %q", got)
	}
	if vs, _ := town.Villages(); len(vs) != 2 {
		t.Errorf("the town holds %d villages", len(vs))
	}
}

// A village ledger's 设置 → 导出数据包 writes the package and says what it holds.
func TestExportPackageFromSettings(t *testing.T) {
	m, st := newTestWindow(t)
	v := &data.Village{Name: "东泉村"}
	if err := st.SaveVillage(v); err != nil {
		t.Fatal(err)
	}
	m.Select(settingsAt)
	findButton(t, m.View(settingsAt).Content, "导出数据包")
	path := filepath.Join(t.TempDir(), "东泉村.cunji")
	exportPackage(m.Env, v.ID, "口令", path)
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	if got := dialogText(m); !strings.Contains(got, "已导出“东泉村”的数据包") {
		t.Errorf("after exporting: %q", got)
	}
}

// progressSpy is the test runner, noting the top dialog's text each time work hands back.
type progressSpy struct {
	*kittest.Runner
	m    *MainWindow
	seen []string
}

func (s *progressSpy) Do(fn func()) {
	fn()
	s.seen = append(s.seen, dialogText(s.m))
}

// Merging a folder shows a dialog with no way to close it and how many packages are done, then
// the list of what happened to each.
func TestMergingPackagesShowsProgress(t *testing.T) {
	town, second := townFixture(t)
	m := windowOn(t, town)
	spy := &progressSpy{Runner: &kittest.Runner{}, m: m}
	m.Env.Run = spy
	paths, err := packagesIn(filepath.Dir(second))
	if err != nil || len(paths) != 2 {
		t.Fatalf("packages in the folder: %v %v", paths, err)
	}
	spy.Hold()
	mergePackages(m.Env, paths, "")
	if got := dialogText(m); !strings.Contains(got, "正在把数据包汇总进汇总库") || !strings.Contains(got, "0 / 2 个数据包") {
		t.Fatalf("while merging: %q", got)
	}
	if findButtonIn(m.Env.Win.Canvas().Overlays().Top()) {
		t.Error("the progress dialog offers a button")
	}
	spy.Next()
	// The screens' own reloads hand back too (the merge notifies them): look for the counts in order.
	one := slices.IndexFunc(spy.seen, func(s string) bool { return strings.Contains(s, "1 / 2 个数据包") })
	two := slices.IndexFunc(spy.seen, func(s string) bool { return strings.Contains(s, "2 / 2 个数据包") })
	if one < 0 || two < one {
		t.Errorf("progress shown: %q", spy.seen)
	}
	if got := dialogText(m); strings.Contains(got, "正在把数据包") || strings.Count(got, "已经汇总过") != 1 || !strings.Contains(got, "已加入") {
		t.Errorf("after merging: %q", got)
	}
}

// findButtonIn reports whether o shows any button.
func findButtonIn(o fyne.CanvasObject) bool {
	found := false
	kittest.Walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Visible() {
			found = true
		}
	})
	return found
}

// visibleIn reports whether target shows inside root: it and every object around it are visible.
func visibleIn(root, target fyne.CanvasObject) bool {
	var walk func(o fyne.CanvasObject, shown bool) (found, visible bool)
	walk = func(o fyne.CanvasObject, shown bool) (bool, bool) {
		shown = shown && o.Visible()
		if o == target {
			return true, shown
		}
		var children []fyne.CanvasObject
		switch c := o.(type) {
		case *fyne.Container:
			children = c.Objects
		case fyne.Widget:
			children = test.WidgetRenderer(c).Objects()
		}
		for _, child := range children {
			if found, visible := walk(child, shown); found {
				return true, visible
			}
		}
		return false, false
	}
	_, visible := walk(root, true)
	return visible
}
