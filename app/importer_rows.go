package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data/importfile"
)

// The import preview's table: one row of the file per line, with its status and why, then the
// file's own columns.

// previewRow is one row of the preview table.
type previewRow struct {
	sheet string
	row   *importfile.Row
}

// buildTable makes the preview table for the columns of the read: the sheet (when several),
// the row number, its status and why, then the file's own columns.
func (d *importDialog) buildTable() {
	res := d.res
	cols := []kit.LedgerColumn[previewRow]{}
	if len(res.Sheets) > 1 {
		cols = append(cols, kit.LedgerColumn[previewRow]{Title: "工作表", Width: 110, Text: func(r *previewRow) string { return r.sheet }})
	}
	cols = append(cols,
		kit.LedgerColumn[previewRow]{Title: "行", Width: 48, Right: true, Text: func(r *previewRow) string { return strconv.Itoa(r.row.Num) }},
		kit.LedgerColumn[previewRow]{Title: "状态", Width: 56, Whole: true,
			Text:       func(r *previewRow) string { return lang.L(r.row.Status.Chinese()) },
			Importance: func(r *previewRow) widget.Importance { return statusImportance(r.row.Status) }},
		kit.LedgerColumn[previewRow]{Title: "说明", Width: 360, Text: func(r *previewRow) string { return rowNote(r.row) },
			Importance: func(r *previewRow) widget.Importance {
				if r.row.Status == importfile.StatusError {
					return widget.DangerImportance
				}
				return widget.MediumImportance
			}})
	n := 0
	var headers []string
	var mapping []importfile.Field
	for _, sh := range res.Sheets {
		n = max(n, len(sh.Headers))
		for _, r := range sh.Rows {
			n = max(n, len(r.Cells))
		}
	}
	if len(res.Sheets) > 0 {
		headers, mapping = res.Sheets[0].Headers, res.Sheets[0].Mapping
	}
	for c := range n {
		title := importfile.ColumnName(c)
		if c < len(headers) && headers[c] != "" {
			title += " " + headers[c]
		}
		var f importfile.Field
		if c < len(mapping) {
			f = mapping[c]
		}
		cols = append(cols, kit.LedgerColumn[previewRow]{Title: title, Raw: true, Width: 110, Right: numericField(f), Whole: dateField(f),
			Text: func(r *previewRow) string {
				if c < len(r.row.Cells) {
					return r.row.Cells[c]
				}
				return ""
			}})
	}
	d.preview = kit.NewLedgerTable(cols, func(offset, limit int) ([]previewRow, error) {
		return d.rows[min(offset, len(d.rows)):min(offset+limit, len(d.rows))], nil
	})
	d.preview.OnSelect = func(_ int, r previewRow) { d.detail.SetText(rowDetail(r)) }
	d.preview.Table.Scrolls = true
	d.preview.Table.Act = d.env.Act // Esc in the table closes the preview, as elsewhere
	d.tableBox.Objects = []fyne.CanvasObject{d.preview.Table}
	d.tableBox.Refresh()
	d.showRows()
}

// showRows fills the table with the rows the filter lets through.
func (d *importDialog) showRows() {
	if d.preview == nil {
		return
	}
	want := -1
	if v := d.filter.Value(); v != "" {
		want, _ = strconv.Atoi(v)
	}
	d.rows = d.rows[:0]
	for _, sh := range d.res.Sheets {
		for i := range sh.Rows {
			if want < 0 || int(sh.Rows[i].Status) == want {
				d.rows = append(d.rows, previewRow{sheet: sh.Name, row: &sh.Rows[i]})
			}
		}
	}
	d.preview.Reset(len(d.rows), nil)
}

// numericField reports whether a column holding f is right-aligned: amounts, quantities, counts.
func numericField(f importfile.Field) bool {
	switch f {
	case importfile.FieldQuantity, importfile.FieldHouseholds, importfile.FieldHouseholdsPoor,
		importfile.FieldHouseholdsMonitored:
		return true
	}
	return f.Money()
}

// dateField reports whether a column holding f is never cut: dates.
func dateField(f importfile.Field) bool {
	switch f {
	case importfile.FieldDate, importfile.FieldDisbursedDate, importfile.FieldStatusDate:
		return true
	}
	return false
}

func statusImportance(s importfile.Status) widget.Importance {
	switch s {
	case importfile.StatusError:
		return widget.DangerImportance
	case importfile.StatusImport:
		return widget.HighImportance
	}
	return widget.MediumImportance
}

// rowNote is why a row is skipped, or each of its errors: the column, then what is wrong.
func rowNote(r *importfile.Row) string {
	if r.Status == importfile.StatusSkip {
		return lang.L(r.Reason)
	}
	parts := make([]string, len(r.Errors))
	for i, e := range r.Errors {
		parts[i] = rowErrorText(e)
		if e.Column != "" {
			parts[i] = e.Column + lang.X("import.sep.column", "：") + parts[i]
		}
	}
	return strings.Join(parts, importPartSep())
}

// rowDetail is a row's full note, under the table.
func rowDetail(r previewRow) string {
	where := lang.L("第 {{.Row}} 行", map[string]any{"Row": r.row.Num})
	if r.sheet != "" {
		where = lang.L("工作表“{{.Sheet}}”第 {{.Row}} 行", map[string]any{"Sheet": r.sheet, "Row": r.row.Num})
	}
	note := rowNote(r.row)
	switch r.row.Status {
	case importfile.StatusImport:
		note = lang.L("导入")
	case importfile.StatusSkip: // what the row says, as a title or total may be cut in its cell
		var cells []string
		for _, c := range r.row.Cells {
			if c = strings.TrimSpace(c); c != "" {
				cells = append(cells, c)
			}
		}
		note += importPartSep() + strings.Join(cells, " ")
	}
	return where + lang.X("import.sep.column", "：") + note
}

// rowErrorText is a row error's reason in the user's language.
func rowErrorText(e importfile.RowError) string {
	if !kit.English() || e.Key == "" {
		return e.Message
	}
	return lang.X(e.Key, e.Message)
}
