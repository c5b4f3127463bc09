package data

import "testing"

// The totals row of the sales list is the sum of the rows it pages through, for every kind of filter
// (with a seller or product filter, the matching events' whole totals, as the rows show them).
func TestSaleEventTotalsMatchTheListedEvents(t *testing.T) {
	f := newLedgerFixture(t)
	s := f.s
	add := func(date string, village *Village, channel string, lines ...SaleLine) *SaleEvent {
		ev := &SaleEvent{Date: day(date), VillageID: village.ID, Channel: channel, Buyer: "历下区某社区"}
		noErr(t, s.SaveSaleEvent(ev, lines))
		return ev
	}
	g := func(seller *Seller, qty Quantity) SaleLine {
		return SaleLine{ProductID: f.garlic.ID, SellerID: seller.ID, Quantity: qty, Price: 350}
	}
	a := func(seller *Seller, qty Quantity) SaleLine {
		return SaleLine{ProductID: f.apple.ID, SellerID: seller.ID, Quantity: qty, Price: 4000}
	}
	add("2025-01-15", f.village, ChannelMarketDay, g(f.seller, 10000), a(f.seller, 2000))
	add("2025-02-01", f.village, ChannelStore, g(f.seller, 1500))
	add("2025-02-28", f.village2, ChannelMarketDay, a(f.seller2, 3000), g(f.seller2, 1000))
	gone := add("2025-03-10", f.village, ChannelMarketDay, g(f.seller, 99000))
	noErr(t, s.DeleteSaleEvent(gone.ID))
	add("2025-03-31", f.village2, ChannelLivestream, a(f.seller2, 1000))

	filters := []SaleEventFilter{
		{},
		{From: day("2025-02-01")},
		{To: day("2025-02-28")},
		{From: day("2025-01-16"), To: day("2025-03-30")},
		{From: day("2025-02-01"), To: day("2025-02-28"), Channel: ChannelMarketDay},
		{VillageID: f.village2.ID},
		{Channel: ChannelStore},
		{SellerID: f.seller.ID},
		{ProductID: f.apple.ID, From: day("2025-02-01")},
		{Search: "某社区"},
		{From: day("2025-05-01"), To: day("2025-04-01")},
	}
	for _, flt := range filters {
		rows, err := s.ListSaleEvents(flt, 0, 1000)
		noErr(t, err)
		var want SaleTotals
		want.Events = len(rows)
		for _, r := range rows {
			want.Lines += r.LineCount
			want.Amount += r.Total
		}
		got, err := s.SaleEventTotals(flt)
		noErr(t, err)
		if got != want {
			t.Errorf("filter %+v: totals %+v, want %+v", flt, got, want)
		}
	}

	bill, err := s.SellerBillTotals(QuarterPeriod(2025, 1), 0)
	noErr(t, err)
	if bill.Sellers != 2 || bill.Lines != 6 || bill.Amount != 350*10+4000*2+350*1.5+4000*3+350+4000 {
		t.Fatalf("bill totals %+v", bill)
	}
}
