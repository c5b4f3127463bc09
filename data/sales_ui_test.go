package data

import (
	"testing"
	"time"
)

// The totals row of the sales list adds up the events it pages through; with a seller or product
// filter, only that seller's or product's lines in them (not the whole events' totals).
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
	add("2025-02-01", f.village, ChannelStore, g(f.seller, 1500), a(f.seller2, 1000))
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
		{SellerID: f.seller2.ID, From: day("2025-02-01"), To: day("2025-02-28")},
		{SellerID: f.seller.ID, ProductID: f.garlic.ID},
		{SellerID: f.seller2.ID, ProductID: f.garlic.ID},
		{SellerID: f.seller2.ID, Search: "某社区"},
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
			lines, err := s.SaleLines(r.ID)
			noErr(t, err)
			matched := 0
			for _, l := range lines {
				if (flt.SellerID == 0 || l.SellerID == flt.SellerID) && (flt.ProductID == 0 || l.ProductID == flt.ProductID) {
					matched++
					want.Amount += l.Amount
				}
			}
			if matched == 0 { // an event listed for a seller (product) has a line of it
				t.Errorf("filter %+v lists event %v with none of its lines", flt, r.Date)
			}
			want.Lines += matched
		}
		got, err := s.SaleEventTotals(flt)
		noErr(t, err)
		if got != want {
			t.Errorf("filter %+v: totals %+v, want %+v", flt, got, want)
		}
	}

	bill, err := s.SellerBillTotals(QuarterPeriod(2025, 1), 0)
	noErr(t, err)
	if bill.Sellers != 2 || bill.Lines != 7 || bill.Amount != 350*10+4000*2+350*1.5+4000+4000*3+350+4000 {
		t.Fatalf("bill totals %+v", bill)
	}
	// A seller's figures in the list agree with that seller's line in the 共富账单.
	rows, err := s.SellerBill(QuarterPeriod(2025, 1), 0, 0, 10)
	noErr(t, err)
	for _, r := range rows {
		got, err := s.SaleEventTotals(SaleEventFilter{SellerID: r.SellerID, From: day("2025-01-01"), To: day("2025-03-31")})
		noErr(t, err)
		if got.Lines != r.Lines || got.Amount != r.Amount {
			t.Errorf("%s: list totals %+v, bill %d lines %v", r.Name, got, r.Lines, r.Amount)
		}
	}
}

// A new line starts with the price the product last sold at (latest sale date, same unit, live
// events), or the catalog's default price before its first sale or after the product was edited.
func TestOfferedPriceIsTheLastSalePrice(t *testing.T) {
	f := newLedgerFixture(t)
	s := f.s
	clock := time.Now().UTC().Add(time.Hour) // after the fixture's products were saved
	s.now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	offered := func() Money {
		t.Helper()
		m, err := s.OfferedPrice(f.garlic.ID)
		noErr(t, err)
		return m
	}
	if m := offered(); m != 350 {
		t.Fatalf("before any sale: %v", m)
	}
	sell := func(date string, price Money, unit string) *SaleEvent {
		ev := &SaleEvent{Date: day(date), VillageID: f.village.ID, Channel: ChannelMarketDay}
		noErr(t, s.SaveSaleEvent(ev, []SaleLine{
			{ProductID: f.apple.ID, SellerID: f.seller.ID, Quantity: 1000, Price: 9900},
			{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1000, Price: price, Unit: unit},
		}))
		return ev
	}
	sell("2025-06-20", 400, "")
	sell("2025-06-01", 380, "")   // entered later, sold earlier
	sell("2025-06-25", 5000, "袋") // another unit
	late := sell("2025-06-30", 450, "")
	if m := offered(); m != 450 {
		t.Fatalf("last sold at 4.50, offered %v", m)
	}
	noErr(t, s.DeleteSaleEvent(late.ID))
	if m := offered(); m != 400 {
		t.Fatalf("after the 06-30 sale is deleted: %v", m)
	}
	f.garlic.DefaultPrice = 420
	noErr(t, s.SaveProduct(f.garlic))
	if m := offered(); m != 420 {
		t.Fatalf("after a new default price: %v", m)
	}
	sell("2025-06-26", 430, "")
	if m := offered(); m != 430 {
		t.Fatalf("sold again: %v", m)
	}
}
