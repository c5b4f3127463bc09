package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit/kittest"
	"cunji/data"
)

// The unsaved-changes question offers 保存: it saves and then leaves; a save the form refuses
// keeps the screen and everything typed. 不保存 leaves without saving.
func TestLeaveQuestionSavesThenLeaves(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	v := incomeOf(t, m)
	press(t, m, fyne.KeyN)
	test.Type(v.form.subItem, "土地流转费")
	test.Type(v.form.amount, "12.345") // refused: three decimals
	m.Select(projectsAt)
	tapDialogButton(t, m, "保存")
	if m.Current() != incomeAt || v.form.amount.Text != "12.345" || v.form.subItem.Text != "土地流转费" {
		t.Fatalf("a refused save left: screen %d, amount %q, item %q", m.Current(), v.form.amount.Text, v.form.subItem.Text)
	}
	retype(v.form.amount, "12.34")
	m.Select(projectsAt)
	tapDialogButton(t, m, "保存")
	if m.Current() != projectsAt {
		t.Fatalf("保存 stayed on screen %d", m.Current())
	}
	rows, err := st.ListEntries(data.EntryFilter{}, 0, 10)
	noErr(t, err)
	if len(rows) != 1 || rows[0].Amount != 1234 || rows[0].SubItem != "土地流转费" {
		t.Fatalf("saved %+v", rows)
	}
	m.Select(incomeAt)
	test.Type(v.form.amount, "5")
	m.Select(projectsAt)
	tapDialogButton(t, m, "不保存")
	if n, _ := st.ListEntries(data.EntryFilter{}, 0, 10); m.Current() != projectsAt || len(n) != 1 {
		t.Fatalf("不保存: screen %d, %d entries", m.Current(), len(n))
	}
}

// No dialog draws its icon over its message (Fyne puts a large faded icon at the top right of
// a text dialog, where a Chinese sentence runs).
func TestDialogIconsDoNotCoverTheText(t *testing.T) {
	m, _ := newTestWindow(t)
	d := fyne.CurrentApp().Driver()
	for name, open := range map[string]func(){
		"确认删除": func() { m.Env.Dialogs.ConfirmDelete("支出“办公费” ¥3,837.81", func() {}) },
		"没有成功": func() {
			m.Env.Dialogs.ShowStoreError(errTest("保存没有成功：磁盘已满，请清理后再试。"))
		},
		"有未保存的修改": func() { m.Env.Dialogs.AskLeave(func() bool { return true }, func() {}) },
	} {
		open()
		top := m.Env.Win.Canvas().Overlays().Top()
		var icons []fyne.CanvasObject
		var texts []*widget.Label
		kittest.Walk(top, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *canvas.Image:
				if x.Visible() && x.Resource != nil {
					icons = append(icons, x)
				}
			case *widget.Label:
				if x.Visible() && len(x.Text) > 20 {
					texts = append(texts, x)
				}
			}
		})
		if len(texts) == 0 {
			t.Fatalf("%s: no message found", name)
		}
		for _, icon := range icons {
			ip, is := d.AbsolutePositionForObject(icon), icon.Size()
			for _, l := range texts {
				lp, ls := d.AbsolutePositionForObject(l), l.Size()
				if ip.X < lp.X+ls.Width && lp.X < ip.X+is.Width && ip.Y < lp.Y+ls.Height && lp.Y < ip.Y+is.Height {
					t.Errorf("%s: an icon at %v %v covers %q at %v %v", name, ip, is, l.Text, lp, ls)
				}
			}
		}
		m.Env.Dialogs.Cancel()
		for m.Env.Win.Canvas().Overlays().Top() != nil {
			m.Env.Win.Canvas().Overlays().Top().Hide()
		}
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

// The catalogs' question saves through the catalog's own save.
func TestCatalogLeaveQuestionSaves(t *testing.T) {
	f := newSalesFixture(t)
	c := f.sv.sellers
	f.sv.tabs.SelectIndex(salesTabSellers)
	c.startNew()
	test.Type(c.name, "王五")
	c.fVillage.SetSelectedIndex(0)
	f.m.Select(projectsAt)
	tapDialogButton(t, f.m, "保存")
	if f.m.Current() != projectsAt {
		t.Fatalf("保存 stayed on screen %d: %q", f.m.Current(), c.general.Error())
	}
	rows, err := f.st.ListSellers(data.SellerFilter{Search: "王五"}, 0, 10)
	noErr(t, err)
	if len(rows) != 1 {
		t.Fatalf("%d sellers named 王五", len(rows))
	}
}
