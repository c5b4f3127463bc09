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

type fileRow struct {
	status string
	cells  []string
}

// A preview's table: a column colours its cells by the row, a file's own header shows as written,
// and with Scrolls the columns keep their widths in a narrow table instead of being squeezed.
func TestLedgerTableColoursCellsAndScrollsSideways(t *testing.T) {
	test.NewTempApp(t)
	rows := []fileRow{{"错误", []string{"约20"}}, {"导入", []string{"20"}}}
	cols := []kit.LedgerColumn[fileRow]{
		{Title: "状态", Width: 60, Text: func(r *fileRow) string { return r.status },
			Importance: func(r *fileRow) widget.Importance {
				if r.status == "错误" {
					return widget.DangerImportance
				}
				return widget.MediumImportance
			}},
		{Title: "E 重量（斤）", Raw: true, Width: 300, Text: func(r *fileRow) string { return r.cells[0] }},
		{Title: "F 单价", Raw: true, Width: 300, Text: func(r *fileRow) string { return "3.5" }},
	}
	lt := kit.NewLedgerTable(cols, func(offset, limit int) ([]fileRow, error) {
		return rows[min(offset, len(rows)):min(offset+limit, len(rows))], nil
	})
	lt.Reset(len(rows), nil)
	w := test.NewWindow(lt.Table)
	defer w.Close()
	w.Resize(fyne.NewSize(400, 300))
	if lt.CellImportance(0, 0) != widget.DangerImportance || lt.CellImportance(1, 0) != widget.MediumImportance || lt.CellImportance(0, 1) != widget.MediumImportance {
		t.Errorf("importance %v %v %v", lt.CellImportance(0, 0), lt.CellImportance(1, 0), lt.CellImportance(0, 1))
	}
	var drawn *widget.Label
	kittest.Walk(w.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text == "约20" {
			drawn = l
		}
	})
	if drawn == nil || drawn.Importance != widget.MediumImportance {
		t.Fatal("cell 约20 not drawn plain")
	}
	var status *widget.Label
	kittest.Walk(w.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text == "错误" {
			status = l
		}
	})
	if status == nil || status.Importance != widget.DangerImportance {
		t.Fatal("status 错误 not drawn red")
	}
	var headers []string
	kittest.Walk(w.Content(), func(o fyne.CanvasObject) {
		if h, ok := o.(*kit.ColumnHeader); ok && h.Text != "" {
			headers = append(headers, h.Text)
		}
	})
	if len(headers) < 2 || headers[1] != "E 重量（斤）" {
		t.Errorf("headers %q", headers)
	}
	if got := lt.Table.ColumnsWidth(); got >= 600 {
		t.Fatalf("without Scrolls: columns %v wide", got) // squeezed into the 400 of the table
	}
	lt.Table.Scrolls = true
	w.Resize(fyne.NewSize(401, 300))
	if got := lt.Table.ColumnsWidth(); got < 660 {
		t.Errorf("with Scrolls: columns %v wide, want their own 660", got)
	}
}

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

// In a table narrower than its columns, a narrowed column's header is cut with … inside its
// column instead of running into the next header (the income table's 对方单位或个人 ran into 关联项目).
func TestNarrowedHeadersStayInTheirColumns(t *testing.T) {
	test.NewTempApp(t)
	type rec struct{ name string }
	text := func(r *rec) string { return r.name }
	cols := []kit.LedgerColumn[rec]{
		{Title: "日期", Width: 100, Whole: true, Text: text},
		{Title: "对方单位或个人", Width: 122, Text: text},
		{Title: "关联项目", Width: 116, Text: text},
		{Title: "金额", Width: 118, Right: true, Sort: "amount", Text: text},
	}
	lt := kit.NewLedgerTable(cols, func(offset, limit int) ([]rec, error) { return nil, nil })
	lt.SortKey = "amount"
	w := test.NewWindow(lt.Table)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(330, 200))
	lt.Reset(0, nil)
	var headers []*kit.ColumnHeader
	kittest.Walk(lt.Table, func(o fyne.CanvasObject) {
		if h, ok := o.(*kit.ColumnHeader); ok && h.Text != "" && h.Visible() {
			headers = append(headers, h)
		}
	})
	if len(headers) != len(cols) {
		t.Fatalf("%d headers drawn, want %d", len(headers), len(cols))
	}
	narrowed := 0
	for _, h := range headers {
		if h.MinSize().Width > h.Size().Width+0.5 {
			t.Errorf("header %q needs %.0f but its cell is %.0f wide: it runs into the next", h.Text, h.MinSize().Width, h.Size().Width)
		}
		if h.FullWidth() > h.Size().Width {
			narrowed++
		}
	}
	if narrowed == 0 {
		t.Error("no header was narrowed: the table is not squeezed, the test proves nothing")
	}
}
