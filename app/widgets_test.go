package app

import (
	"cunji/app/kit/kittest"

	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// drawnTexts is every text drawn under o (labels, buttons, selects, placeholders).
func drawnTexts(o fyne.CanvasObject) []string {
	var out []string
	kittest.Walk(o, func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok && t.Visible() && strings.TrimSpace(t.Text) != "" {
			out = append(out, t.Text)
		}
	})
	return out
}

// fyneEnglish matches the English words Fyne's own widgets and dialogs show when nothing
// translates them.
var fyneEnglish = regexp.MustCompile(`\b(Select one|Home|Computer|Desktop|Documents|Downloads|Music|Pictures|Videos|App Files|Save|Open|Cancel|File|Folder|Enter filename|Parent|OK|Yes|No)\b`)

// Under zh-CN no screen, form or the save dialog shows Fyne's English: a Select left without a
// placeholder says "(Select one)"; the save dialog names its places Home and Computer.
func TestChineseScreensShowNoFyneEnglish(t *testing.T) {
	home := t.TempDir()
	for _, dir := range []string{"Desktop", "Documents", "Downloads", "文档"} {
		noErr(t, os.Mkdir(filepath.Join(home, dir), 0o755))
	}
	t.Setenv("HOME", home)
	f := newSalesFixture(t)
	m := f.m
	check := func(where string, o fyne.CanvasObject) {
		t.Helper()
		for _, s := range drawnTexts(o) {
			if fyneEnglish.MatchString(s) {
				t.Errorf("%s shows %q", where, s)
			}
		}
	}
	for i := range m.Tabs.Items {
		m.Select(i)
		check(m.Tabs.Items[i].Text, m.View(i).Content)
	}
	m.Select(salesAt)
	for _, tab := range f.sv.tabs.Items {
		f.sv.tabs.Select(tab)
		check(tab.Text, tab.Content)
	}
	// The screens made of tabs show one at a time: every tab of 三资, 村务 and 报表.
	for _, tabs := range []*container.AppTabs{screenOf[*sanziView](t, m, sanziTitle).tabs,
		screenOf[*affairsView](t, m, affairsTitle).tabs, reportsOf(t, m).tabs} {
		for i, tab := range tabs.Items {
			tabs.SelectIndex(i)
			check(tab.Text, tab.Content)
		}
	}

	m.Select(reportsAt)
	r := reportsOf(t, m)
	m.Env.App.Preferences().SetString(prefSaveDir, filepath.Join(home, "文档"))
	r.askSavePath("2025年村务公开表.pdf", ".pdf", func(string) {})
	top := m.Env.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no save dialog")
	}
	texts := strings.Join(drawnTexts(top), " ")
	for _, want := range []string{"主文件夹", "计算机", "桌面", "下载"} {
		if !strings.Contains(texts, want) {
			t.Errorf("the save dialog lacks %q: %s", want, texts)
		}
	}
	check("the save dialog", top)
}

// A focused select chooses by typing: the first letter or pinyin initial jumps to the next
// option it starts, a longer prefix narrows it, and digits pick a year.
func TestSelectsChooseByTyping(t *testing.T) {
	f := newSalesFixture(t)
	c := f.sv.sellers
	f.sv.tabs.SelectIndex(salesTabSellers)
	test.Type(c.kind, "h") // 合作社
	if c.kind.Selected != "合作社" {
		t.Fatalf("h chose %q", c.kind.Selected)
	}
	test.Type(c.kind, "n") // 农户
	if c.kind.Selected != "农户" {
		t.Fatalf("n chose %q", c.kind.Selected)
	}
	test.Type(c.fStatus, "j") // 监测户
	if c.fStatus.Selected != "监测户" {
		t.Fatalf("j chose %q", c.fStatus.Selected)
	}
	test.Type(c.fVillage, "d")
	if c.fVillage.Selected != "东泉村" {
		t.Fatalf("d chose %q of %v", c.fVillage.Selected, c.fVillage.Options)
	}
}
