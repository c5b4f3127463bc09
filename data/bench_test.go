package data

import (
	"testing"
)

// BenchmarkInsert100kSaleLines inserts 100,000 sale lines in one transaction through the
// one bulk path (prepared statement, one audit entry, monthly totals kept by triggers).
func BenchmarkInsert100kSaleLines(b *testing.B) {
	const n = 100_000
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		f := newLedgerFixture(b)
		ev := &SaleEvent{Date: day("2025-06-26"), VillageID: f.village.ID, Channel: ChannelStore}
		noErr(b, f.s.SaveSaleEvent(ev, nil))
		lines := make([]SaleLine, n)
		for j := range lines {
			seller := f.seller.ID
			if j%2 == 1 {
				seller = f.seller2.ID
			}
			lines[j] = SaleLine{ProductID: f.garlic.ID, SellerID: seller, Quantity: Quantity(1000 + j%5000), Price: 350}
		}
		b.StartTimer()
		noErr(b, f.s.AddSaleLinesBulk(ev.ID, lines, "benchmark"))
		b.StopTimer()
		if got := countRows(b, f.s, "SELECT sum(lines) FROM sales_month"); got != n {
			b.Fatalf("monthly totals hold %d lines", got)
		}
		f.s.Close()
	}
}
