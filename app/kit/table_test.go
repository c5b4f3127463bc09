package kit_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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
		if b, ok := o.(*widget.Button); ok && b.Text != "" {
			headers = append(headers, b.Text)
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
