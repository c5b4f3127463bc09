package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cunji/data"
)

// partnerFixture adds two units to the fixture: the bank funds the shed project and its canteen
// bought in 2025 (linked); the bureau sent two people.
func partnerFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	bank := &data.Partner{Name: "齐鲁银行", Kind: data.PartnerEnterprise}
	bureau := &data.Partner{Name: "济南市农业农村局", Kind: data.PartnerGovernment}
	must(t, f.st.SavePartner(bank))
	must(t, f.st.SavePartner(bureau))
	must(t, f.st.SaveFundingLine(&data.FundingLine{ProjectID: f.shed.ID, Source: "帮扶单位资金", Amount: 123_456_78, PartnerID: bank.ID}))
	garlic := &data.Product{Name: "蒜薹", Unit: "斤", DefaultPrice: 500}
	must(t, f.st.SaveProduct(garlic))
	ev := &data.SaleEvent{Date: date(t, "2025-05-06"), VillageID: f.east.ID, Channel: data.ChannelUnitPurchase, Buyer: "齐鲁银行食堂", PartnerID: bank.ID}
	must(t, f.st.SaveSaleEvent(ev, []data.SaleLine{{ProductID: garlic.ID, SellerID: f.sellers[0].ID, Quantity: 20_000, Price: 550}}))
	must(t, f.st.SavePartnerStaff(&data.PartnerStaff{PartnerID: bureau.ID, VillageID: f.east.ID, DateFrom: date(t, "2025-03-01"), People: 2}))
	return f
}

// The workbook's 帮扶单位贡献表 lists every unit with the store's figures, numbers as numbers, and
// a total row that adds them up.
func TestExportPartnerSheet(t *testing.T) {
	f := partnerFixture(t)
	book := exportFixture(t, f, 2025)
	rows, err := book.GetRows(SheetPartners, excelize.Options{RawCellValue: true})
	must(t, err)
	units, total, err := f.st.PartnerContributions(data.YearPeriod(2025), 0)
	must(t, err)
	if len(rows) != 1+len(units)+1 {
		t.Fatalf("%d rows for %d units: %v", len(rows), len(units), rows)
	}
	header := rows[0]
	funding, purchases, people := colIndex(t, header, "出资金额(元)"), colIndex(t, header, "采购金额(元)"), colIndex(t, header, "派出人数")
	for i, u := range units {
		row := rows[1+i]
		if row[0] != u.Name || yuanToMoney(t, row[funding]) != u.Funding || yuanToMoney(t, row[purchases]) != u.Purchases ||
			row[people] != fmt.Sprint(u.People) {
			t.Fatalf("row %v, store %+v", row, u)
		}
		checkMoneyCell(t, book, SheetPartners, cellName(t, funding, 1+i))
	}
	last := rows[len(rows)-1]
	if last[0] != "合计" || yuanToMoney(t, last[funding]) != total.Funding || total.Funding != 123_456_78 ||
		yuanToMoney(t, last[purchases]) != total.Purchases || total.Purchases != 110_00 || last[people] != "2" {
		t.Fatalf("total row %v, store %+v", last, total)
	}
}

// The PDF prints every unit and the totals, as pdftotext reads it.
func TestPartnersPDF(t *testing.T) {
	f := partnerFixture(t)
	var b bytes.Buffer
	must(t, PartnersPDF(f.st, data.YearPeriod(2025), f.east.ID, &b))
	text := flat(pdfText(t, b.Bytes()))
	for _, want := range []string{"帮扶单位贡献表", "龙山街道三涧溪村", "齐鲁银行", "济南市农业农村局", "123,456.78", "110.00", "合计"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q:\n%s", want, text)
		}
	}
	b.Reset()
	must(t, PartnersPDF(f.st, data.YearPeriod(2025), f.west.ID, &b))
	if text := flat(pdfText(t, b.Bytes())); strings.Contains(text, "110.00") || !strings.Contains(text, "123,456.78") {
		t.Errorf("西岭村 (in the shed project, no purchases): %s", text)
	}
}
