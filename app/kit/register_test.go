package kit_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/app/kit/kittest"
)

// contract is a record of a made-up register, kept in memory.
type contract struct {
	ID      int
	Name    string
	Deleted bool
}

// contracts is the register's store: it tells the register when it changed, as Store.Subscribe does.
type contracts struct {
	rows    []*contract
	opened  []*contract // what Open was asked for, in order (nil: a new record)
	reg     *kit.Register[contract]
	refuseR bool // Restore refuses
}

func (c *contracts) live(search string) []contract {
	var out []contract
	for _, r := range c.rows {
		if !r.Deleted && strings.Contains(r.Name, search) {
			out = append(out, *r)
		}
	}
	return out
}

func (c *contracts) Count(search string) (int, error) { return len(c.live(search)), nil }
func (c *contracts) List(search string, offset, limit int) ([]contract, error) {
	rows := c.live(search)
	return rows[min(offset, len(rows)):min(offset+limit, len(rows))], nil
}
func (c *contracts) Open(x *contract) {
	if x == nil {
		c.opened = append(c.opened, nil)
		return
	}
	c.opened = append(c.opened, c.rows[x.ID])
}
func (c *contracts) Describe(x contract) string { return "合同“" + x.Name + "”" }
func (c *contracts) Delete(x contract) error {
	c.rows[x.ID].Deleted = true
	c.reg.Reload()
	return nil
}
func (c *contracts) Restore(x contract) error {
	if c.refuseR {
		return fmt.Errorf("不能恢复")
	}
	c.rows[x.ID].Deleted = false
	c.reg.Reload()
	return nil
}
func (c *contracts) CountText(n int) string { return "共 " + strconv.Itoa(n) + " 份合同" }

// A register made of the kit's parts lists its records a page at a time, opens them, filters by its
// search box, and deletes with a question and undo, all from the keyboard.
func TestRegisterListsOpensFiltersDeletesAndUndoes(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(900, 600))
	t.Cleanup(w.Close)
	ds := kit.NewDialogs(w)
	src := &contracts{}
	for i := range 2*kit.PageSize + 5 {
		src.rows = append(src.rows, &contract{ID: i, Name: fmt.Sprintf("鱼塘承包%03d", i)})
	}
	var reg *kit.Register[contract]
	act := func(a kit.Action) { reg.Action(a) }
	cols := []kit.LedgerColumn[contract]{{Title: "合同名称", Width: 300, Text: func(x *contract) string { return x.Name }}}
	reg = kit.NewRegister(ds, act, kit.RegisterLabels{Heading: "三资合同", New: "新增合同 (Ctrl+N)", Search: "搜索"}, cols, src, nil)
	src.reg = reg
	w.SetContent(reg.Content())
	for _, k := range []fyne.KeyName{fyne.KeyN, fyne.KeyF} {
		kit.AddWindowShortcut(w.Canvas(), kittest.Ctrl(k), func(s fyne.Shortcut) {
			reg.Action(map[fyne.KeyName]kit.Action{fyne.KeyN: kit.ActionNew, fyne.KeyF: kit.ActionFind}[k])
		})
	}
	reg.Reload()

	if reg.Table.Rows() != 2*kit.PageSize+5 || reg.Table.CachedPages() > 1 || reg.Table.CellText(0, 0) != "鱼塘承包000" {
		t.Fatalf("%d rows, %d pages read", reg.Table.Rows(), reg.Table.CachedPages())
	}
	if !slices.Contains(shown(reg.Content()), "共 205 份合同") {
		t.Fatalf("count: %v", shown(reg.Content()))
	}
	kittest.PressCtrl(t, w.Canvas(), fyne.KeyN)
	reg.Table.Table.Select(widget.TableCellID{Row: 2, Col: 0})
	if len(src.opened) != 2 || src.opened[0] != nil || src.opened[1] != src.rows[2] {
		t.Fatalf("opened %v", src.opened)
	}

	// Delete on the focused table asks first; then the row goes, and Ctrl+Z brings it back.
	w.Canvas().Focus(reg.Table.Table)
	kittest.Press(w.Canvas(), fyne.KeyDelete)
	tap(t, w, "删除")
	if reg.Table.Rows() != 2*kit.PageSize+4 || !strings.Contains(reg.Notice.Text(), "鱼塘承包002") || ds.Open() {
		t.Fatalf("after delete: %d rows, notice %q", reg.Table.Rows(), reg.Notice.Text())
	}
	reg.Action(kit.ActionUndo)
	if reg.Table.Rows() != 2*kit.PageSize+5 || !strings.Contains(reg.Notice.Text(), "已恢复") {
		t.Fatalf("after undo: %d rows, notice %q", reg.Table.Rows(), reg.Notice.Text())
	}

	// Ctrl+F goes to the search box, which filters as the user types.
	w.Canvas().Unfocus()
	kittest.PressCtrl(t, w.Canvas(), fyne.KeyF)
	kittest.Type(t, w.Canvas(), "19")
	if w.Canvas().Focused() != reg.Search || reg.Table.Rows() != 12 { // 019, 119, 190 … 199
		t.Fatalf("search: focus %T, %d rows", w.Canvas().Focused(), reg.Table.Rows())
	}

	// A refused undo says why and keeps the deletion for later.
	reg.Delete(src.live("19")[0])
	tap(t, w, "删除")
	src.refuseR = true
	reg.UndoLast()
	if !ds.Open() || !slices.Contains(shown(w.Canvas().Overlays().Top()), "不能恢复") {
		t.Fatal("a refused undo said nothing")
	}
}

// shown lists the text of every visible label under o.
func shown(o fyne.CanvasObject) []string {
	var out []string
	kittest.Walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text != "" {
			out = append(out, l.Text)
		}
	})
	return out
}

// tap taps the button labelled text in the dialog on top of w.
func tap(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	var b *widget.Button
	kittest.Walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Button); ok && x.Text == text {
			b = x
		}
	})
	if b == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(b)
}
