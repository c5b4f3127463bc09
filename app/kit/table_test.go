package kit_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/app/kit/kittest"
)

// Many columns in a narrow table still end inside it, clear of the scroll bar, so the last one
// (an amount) is never cut at the edge. Fyne puts the theme's padding between columns.
func TestManyLedgerColumnsEndInsideTheTable(t *testing.T) {
	test.NewTempApp(t)
	type rec struct{ name string }
	var cols []kit.LedgerColumn[rec]
	for range 11 {
		cols = append(cols, kit.LedgerColumn[rec]{Title: "名称", Width: 100, Text: func(r *rec) string { return r.name }})
	}
	cols = append(cols, kit.LedgerColumn[rec]{Title: "净值", Width: 130, Right: true, Text: func(*rec) string { return "¥8,362,299.92" }})
	lt := kit.NewLedgerTable(cols, func(offset, limit int) ([]rec, error) {
		return []rec{{"村集体冷库"}, {"光伏电站"}}[min(offset, 2):min(offset+limit, 2)], nil
	})
	w := test.NewWindow(lt.Table)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(900, 300))
	lt.Reset(2, nil)
	lt.Table.ScrollToTrailing()
	d := fyne.CurrentApp().Driver()
	edge := d.AbsolutePositionForObject(lt.Table).X + lt.Table.Size().Width - theme.ScrollBarSize()
	found := false
	kittest.Walk(lt.Table, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text == "¥8,362,299.92" {
			found = true
			if right := d.AbsolutePositionForObject(l).X + l.Size().Width; right > edge {
				t.Errorf("the last column ends at %v, past the table's edge %v", right, edge)
			}
		}
	})
	if !found {
		t.Fatal("the last column is not drawn")
	}
	if lt.Table.ColumnsWidth() > lt.Table.Size().Width-theme.ScrollBarSize() {
		t.Errorf("columns %v wide in a table %v wide", lt.Table.ColumnsWidth(), lt.Table.Size().Width)
	}
}
