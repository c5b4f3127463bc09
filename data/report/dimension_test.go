package report

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"cunji/data"
)

// TestExportDeclaresRealRange reads each worksheet's XML straight from the zip (not through
// excelize) and checks the declared <dimension> covers exactly the rows and columns written:
// readers that trust it, such as openpyxl's read-only mode, would otherwise see only A1.
func TestExportDeclaresRealRange(t *testing.T) {
	f := newFixture(t)
	// The fixture keeps no 村务 records: one decision and one day, so those sheets hold a row too.
	d := &data.Decision{VillageID: f.east.ID, Matter: "建设村集体冷库", Kind: "项目立项", Source: "村干部提议"}
	must(t, f.st.SaveDecision(d))
	must(t, f.st.SaveDecisionStep(&data.DecisionStep{DecisionID: d.ID, Step: data.StepPropose, Date: day("2025-03-01")}))
	must(t, f.st.SaveWorkDay(&data.WorkDay{VillageID: f.east.ID, Date: day("2025-06-26"), Presence: data.PresenceIn}))
	out := filepath.Join(t.TempDir(), "台账.xlsx")
	w, err := os.Create(out)
	must(t, err)
	must(t, ExportYear(f.st, 2025, w))
	must(t, w.Close())

	zr, err := zip.OpenReader(out)
	must(t, err)
	defer zr.Close()
	sheets := 0
	for _, zf := range zr.File {
		if filepath.Dir(zf.Name) != "xl/worksheets" {
			continue
		}
		sheets++
		rc, err := zf.Open()
		must(t, err)
		declared, maxCol, maxRow := scanSheet(t, rc)
		rc.Close()
		want, err := excelize.CoordinatesToCellName(maxCol, maxRow)
		must(t, err)
		if declared != "A1:"+want {
			t.Errorf("%s declares %q, holds A1:%s", zf.Name, declared, want)
		}
		if maxRow < 2 {
			t.Errorf("%s holds no data rows", zf.Name)
		}
	}
	if sheets != 13 {
		t.Fatalf("%d worksheets in the zip, want 13", sheets)
	}
}

// scanSheet returns the declared dimension and the largest column and row of any written cell.
func scanSheet(t *testing.T, r io.Reader) (declared string, maxCol, maxRow int) {
	t.Helper()
	dec := xml.NewDecoder(r)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		must(t, err)
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, a := range el.Attr {
			switch {
			case el.Name.Local == "dimension" && a.Name.Local == "ref":
				declared = a.Value
			case el.Name.Local == "c" && a.Name.Local == "r":
				c, r, err := excelize.CellNameToCoordinates(a.Value)
				must(t, err)
				maxCol, maxRow = max(maxCol, c), max(maxRow, r)
			}
		}
	}
}
