package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// modalOpen reports whether a dialog covers win (a field's suggestion pop-up does not count). The
// window still hands Ctrl+S to the screen then, for a screen's own dialog that saves; any other
// Ctrl+S must not start a second save or dialog behind the open one.
func modalOpen(win fyne.Window) bool {
	if win == nil {
		return false
	}
	for _, o := range win.Canvas().Overlays().List() {
		if isModal(o) {
			return true
		}
	}
	return false
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// selectField is the Select every form and filter uses. It shows a Chinese placeholder instead of
// Fyne's "(Select one)", and typing while it has the focus chooses an option: a letter, digit or
// character jumps to the next option whose text or pinyin initials start with it (d → 东泉村),
// and further keys narrow the choice (2, 0, 2, 4 → 2024年).
type selectField struct {
	widget.Select
	typed string // what was typed since the focus came or another key moved the choice
}

// newSelect makes a selectField; an empty placeholder says 请选择.
func newSelect(options []string, placeholder string, changed func(string)) *selectField {
	if placeholder == "" {
		placeholder = lang.L("请选择")
	}
	s := &selectField{}
	s.Options, s.PlaceHolder, s.OnChanged = options, placeholder, changed
	s.ExtendBaseWidget(s)
	return s
}

func (s *selectField) FocusGained() { s.typed = ""; s.Select.FocusGained() }

func (s *selectField) FocusLost() { s.typed = ""; s.Select.FocusLost() }

func (s *selectField) TypedKey(ev *fyne.KeyEvent) { s.typed = ""; s.Select.TypedKey(ev) }

// TypedRune chooses by what was typed: the current option stays while it still fits the longer
// prefix; otherwise the key starts afresh from the option after the current one, so pressing the
// same letter again steps through the options it starts.
func (s *selectField) TypedRune(r rune) {
	k := strings.ToLower(data.Halfwidth(string(r)))
	if s.Disabled() || strings.TrimSpace(k) == "" {
		return
	}
	cur := s.SelectedIndex()
	if s.typed != "" {
		if i := s.find(s.typed+k, max(cur, 0)); i >= 0 {
			s.typed += k
			s.SetSelectedIndex(i)
			return
		}
	}
	s.typed = k
	if i := s.find(k, cur+1); i >= 0 {
		s.SetSelectedIndex(i)
	}
}

// find is the first option from index from on (wrapping round) whose text or pinyin initials
// start with prefix, or -1.
func (s *selectField) find(prefix string, from int) int {
	n := len(s.Options)
	for j := range n {
		i := (from + j) % n
		o := s.Options[i]
		if strings.HasPrefix(strings.ToLower(data.Halfwidth(o)), prefix) || strings.HasPrefix(data.PinyinInitials(o), prefix) {
			return i
		}
	}
	return -1
}

// showFileDialog shows a save or open dialog with its places named in the app's language:
// Fyne 2.8 prints their names (Home, Computer, Desktop…) without looking them up.
func showFileDialog(d *dialog.FileDialog, win fyne.Window) {
	d.Show()
	_, content := unwrapOverlay(win.Canvas().Overlays().Top())
	walkObjects(content, func(o fyne.CanvasObject) {
		split, ok := o.(*container.Split)
		if !ok {
			return
		}
		places, ok := split.Leading.(*widget.List)
		if !ok {
			return
		}
		update := places.UpdateItem
		places.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
			update(id, item)
			if row, ok := item.(*fyne.Container); ok && len(row.Objects) > 1 {
				if l, ok := row.Objects[1].(*widget.Label); ok {
					l.SetText(placeName(l.Text))
				}
			}
		}
		places.Refresh()
	})
}

// placeName is the app's name for one of the file dialog's places.
func placeName(name string) string {
	switch name {
	case "Home":
		return lang.L("主文件夹")
	case "Computer":
		return lang.L("计算机")
	case "App Files":
		return lang.L("应用文件")
	case "Desktop":
		return lang.L("桌面")
	case "Documents":
		return lang.L("文档")
	case "Downloads":
		return lang.L("下载")
	case "Music":
		return lang.L("音乐")
	case "Pictures":
		return lang.L("图片")
	case "Videos", "Movies":
		return lang.L("视频")
	}
	return name
}
