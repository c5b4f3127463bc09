package app

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/app/kit/kittest"
	"cunji/data"
)

// tapTableRow selects a table row as a click does and gives the table the focus (Fyne's table
// focuses itself on a click).
func tapTableRow(c fyne.Canvas, t *kit.KeyTable, row int) {
	t.Select(widget.TableCellID{Row: row, Col: 0})
	c.Focus(t)
}

// Delete and Esc typed while the income table has the focus reach the screen: Delete asks, deletes
// the selected entry, and Ctrl+Z restores it.
func TestIncomeDeleteWhileTheTableHasFocus(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	for i, sub := range []string{"土地流转费", "光伏发电收益"} {
		noErr(t, st.SaveEntry(&data.CollectiveEntry{Date: data.Today(), VillageID: vil.ID, Direction: data.DirectionIncome,
			Category: data.IncomeCategories[0], SubItem: sub, Amount: data.Money(100000 * (i + 1))}))
	}
	v := incomeOf(t, m)
	c := m.Env.Win.Canvas()
	if v.table.Rows() != 2 {
		t.Fatalf("%d rows", v.table.Rows())
	}
	row := 0
	for !strings.Contains(v.table.CellText(row, 0)+v.table.CellText(row, 1)+v.table.CellText(row, 2)+v.table.CellText(row, 3), "光伏") {
		row++
		if row > 2 {
			t.Fatal("row not listed")
		}
	}
	tapTableRow(c, v.table.Table, tableRow(v.table, row))
	id := v.form.entry.ID
	if id == 0 || v.form.entry.SubItem != "光伏发电收益" {
		t.Fatalf("form holds %+v", v.form.entry)
	}
	kittest.Press(c, fyne.KeyDown) // other keys still move in the table
	if c.Focused() != v.table.Table {
		t.Fatalf("focus %T", c.Focused())
	}
	kittest.Press(c, fyne.KeyDelete)
	if msg := inDialog[*widget.Label](t, m); !strings.Contains(msg.Text, "删除") {
		t.Fatalf("question %q", msg.Text)
	}
	tapDialogButton(t, m, "删除")
	if _, err := st.GetEntry(id); !errors.Is(err, data.ErrNotFound) || v.table.Rows() != 1 {
		t.Fatalf("after delete: %v, %d rows", err, v.table.Rows())
	}
	windowShortcut(t, c, &fyne.ShortcutUndo{})
	if x, err := st.GetEntry(id); err != nil || x.SubItem != "光伏发电收益" || v.table.Rows() != 2 {
		t.Fatalf("after Ctrl+Z: %+v %v, %d rows", x, err, v.table.Rows())
	}
}

// On the sales list the event chosen last (opened, then closed) is deleted by Delete typed while
// the table has the focus; Esc there reaches the screen too.
func TestSalesListDeleteAndEscWhileTheTableHasFocus(t *testing.T) {
	f := newSalesFixture(t)
	ev := &data.SaleEvent{Date: data.MustDate(2025, 6, 26), VillageID: f.village.ID, Channel: data.ChannelMarketDay, Place: "柳埠大集"}
	noErr(t, f.st.SaveSaleEvent(ev, []data.SaleLine{{ProductID: f.garlic.ID, SellerID: f.zhang.ID, Quantity: 1000, Price: 350}}))
	v := f.sv.events
	v.reload()
	tapTableRow(f.c, v.table.Table, tableRow(v.table, 0))
	if !v.editor.open() {
		t.Fatal("the event did not open")
	}
	pressKey(f.m, fyne.KeyEscape)
	if v.editor.open() || v.table.Selected() != 0 {
		t.Fatalf("Esc: editor open %v, selected %d", v.editor.open(), v.table.Selected())
	}
	f.c.Focus(v.table.Table)
	kittest.Press(f.c, fyne.KeyEscape) // nothing to close: nothing happens
	if f.c.Overlays().Top() != nil || v.editor.open() {
		t.Fatal("Esc on the list did something")
	}
	kittest.Press(f.c, fyne.KeyDelete)
	if msg := inDialog[*widget.Label](t, f.m); !strings.Contains(msg.Text, "柳埠大集") {
		t.Fatalf("question %q", msg.Text)
	}
	f.tapDialogButton("删除")
	if _, err := f.st.GetSaleEvent(ev.ID); !errors.Is(err, data.ErrNotFound) || v.table.Rows() != 0 {
		t.Fatalf("not deleted: %v, %d rows", err, v.table.Rows())
	}
	windowShortcut(t, f.c, &fyne.ShortcutUndo{})
	if _, err := f.st.GetSaleEvent(ev.ID); err != nil || v.table.Rows() != 1 {
		t.Fatalf("after Ctrl+Z: %v, %d rows", err, v.table.Rows())
	}
}

// In the seller catalog, clicking a row loads it and focuses the table; Delete then deletes that
// seller after asking, and Ctrl+Z brings it back.
func TestSellerCatalogDeleteWhileTheTableHasFocus(t *testing.T) {
	f := newSalesFixture(t)
	f.sv.tabs.SelectIndex(salesTabSellers)
	c := f.sv.sellers
	c.reload()
	row := -1
	for i := 0; i < c.table.Rows(); i++ {
		if c.table.CellText(i, 0) == "李秀英" {
			row = i
		}
	}
	if row < 0 {
		t.Fatal("李秀英 not listed")
	}
	tapTableRow(f.c, c.table.Table, tableRow(c.table, row))
	if c.seller.ID != f.li.ID || f.c.Focused() != c.table.Table {
		t.Fatalf("loaded %+v, focus %T", c.seller, f.c.Focused())
	}
	kittest.Press(f.c, fyne.KeyDelete)
	if msg := inDialog[*widget.Label](t, f.m); !strings.Contains(msg.Text, "李秀英") {
		t.Fatalf("question %q", msg.Text)
	}
	f.tapDialogButton("删除")
	if _, err := f.st.GetSeller(f.li.ID); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("not deleted: %v", err)
	}
	windowShortcut(t, f.c, &fyne.ShortcutUndo{})
	if _, err := f.st.GetSeller(f.li.ID); err != nil {
		t.Fatalf("after Ctrl+Z: %v", err)
	}
}
