package data

import (
	"math"
	"math/big"
	"testing"
	"time"
)

// readMonthTotal reads one sales_month row with the type SQLite holds it in.
func readMonthTotal(t *testing.T, s *Store, villageID int64) (amount any, kind string) {
	t.Helper()
	noErr(t, s.db.QueryRow("SELECT amount, typeof(amount) FROM sales_month WHERE village_id = ?", villageID).Scan(&amount, &kind))
	return amount, kind
}

// A line of MaxInt64 fen was accepted; a ¥5.00 sale in the same month then turned the month total into a REAL.
func TestHugeSaleLineIsRefusedAndMonthTotalsStayIntegers(t *testing.T) {
	f := newLedgerFixture(t)
	huge := &SaleEvent{Date: day("2025-06-10"), VillageID: f.village.ID, Channel: ChannelMarketDay}
	err := f.s.SaveSaleEvent(huge, []SaleLine{{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1000,
		Amount: math.MaxInt64, AmountTyped: true}})
	wantProblem(t, err, "Lines[0].Amount", "err.sale_line.amount.large")
	small := &SaleEvent{Date: day("2025-06-20"), VillageID: f.village.ID, Channel: ChannelMarketDay}
	noErr(t, f.s.SaveSaleEvent(small, []SaleLine{{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1000, Price: 500}}))
	if amount, kind := readMonthTotal(t, f.s, f.village.ID); kind != "integer" || amount != int64(500) {
		t.Fatalf("month total %v (%s), want 500 (integer)", amount, kind)
	}
	sum, err := f.s.YearSummary(2025, 0)
	noErr(t, err)
	if sum.Sales.Total != 500 {
		t.Fatalf("year summary sales %v", sum.Sales.Total)
	}
	checkSalesTotals(t, f.s)
}

// A month total already at the limit (a line saved before the caps) refuses more, and deleting the
// absurd line brings the total back to exactly what the other lines add up to.
func TestMonthTotalAtTheLimitRefusesMoreAndRecovers(t *testing.T) {
	f := newLedgerFixture(t)
	absurd := &SaleEvent{Date: day("2025-06-10"), VillageID: f.village.ID, Channel: ChannelMarketDay}
	noErr(t, f.s.SaveSaleEvent(absurd, []SaleLine{{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1000, Price: 100}}))
	_, err := f.s.db.Exec("UPDATE sale_lines SET amount = ? WHERE event_id = ?", int64(math.MaxInt64), absurd.ID)
	noErr(t, err)
	noErr(t, f.s.RebuildSalesTotals())

	small := &SaleEvent{Date: day("2025-06-20"), VillageID: f.village.ID, Channel: ChannelMarketDay}
	lines := []SaleLine{{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1000, Price: 500}}
	wantProblem(t, f.s.SaveSaleEvent(small, lines), "", "err.sale_event.total.large")
	if amount, kind := readMonthTotal(t, f.s, f.village.ID); kind != "integer" || amount != int64(math.MaxInt64) {
		t.Fatalf("month total %v (%s) changed by a refused save", amount, kind)
	}
	noErr(t, f.s.DeleteSaleEvent(absurd.ID))
	noErr(t, f.s.SaveSaleEvent(small, lines))
	if amount, kind := readMonthTotal(t, f.s, f.village.ID); kind != "integer" || amount != int64(500) {
		t.Fatalf("month total %v (%s), want 500 (integer)", amount, kind)
	}
	checkSalesTotals(t, f.s)
	_, err = f.s.YearSummary(2025, 0)
	noErr(t, err)
}

// A file where SQLite already turned a month total into a REAL is recounted from its lines on the next write.
func TestMonthTotalTurnedRealIsRecounted(t *testing.T) {
	f := newLedgerFixture(t)
	absurd := &SaleEvent{Date: day("2025-06-10"), VillageID: f.village.ID, Channel: ChannelMarketDay}
	noErr(t, f.s.SaveSaleEvent(absurd, []SaleLine{{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1000, Price: 100}}))
	small := &SaleEvent{Date: day("2025-06-20"), VillageID: f.village.ID, Channel: ChannelMarketDay}
	noErr(t, f.s.SaveSaleEvent(small, []SaleLine{{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1000, Price: 500}}))
	// What the unchecked upsert left behind: MaxInt64 + 500 in floating point.
	_, err := f.s.db.Exec(`UPDATE sale_lines SET amount = ? WHERE event_id = ?;
		UPDATE sales_month SET amount = 9223372036854776307.0; UPDATE seller_month SET amount = 9223372036854776307.0`,
		int64(math.MaxInt64), absurd.ID)
	noErr(t, err)
	noErr(t, f.s.DeleteSaleEvent(absurd.ID))
	if amount, kind := readMonthTotal(t, f.s, f.village.ID); kind != "integer" || amount != int64(500) {
		t.Fatalf("month total %v (%s), want 500 (integer)", amount, kind)
	}
	checkSalesTotals(t, f.s)
}

// Two entries of 2^62 fen were accepted, and then the year's sum overflowed in SQLite.
func TestHugeEntriesAreRefusedSoSummariesAdd(t *testing.T) {
	f := newLedgerFixture(t)
	for range 2 {
		e := CollectiveEntry{Date: day("2025-03-01"), VillageID: f.village.ID, Direction: DirectionIncome,
			Category: IncomeOperating, Amount: 1 << 62}
		wantProblem(t, f.s.SaveEntry(&e), "Amount", "err.entry.amount.large")
		e.Amount = MaxAmount
		noErr(t, f.s.SaveEntry(&e))
	}
	sum, err := f.s.YearSummary(2025, 0)
	noErr(t, err)
	if sum.Income.Total != 2*MaxAmount {
		t.Fatalf("income %v", sum.Income.Total)
	}
}

// Every money input refuses more than MaxAmount by field, and takes MaxAmount itself.
func TestEveryMoneyInputIsCapped(t *testing.T) {
	f := newLedgerFixture(t)
	p := validProject(f)
	noErr(t, f.s.SaveProject(&p))
	when := day("2025-03-01")
	ev := SaleEvent{Date: when, VillageID: f.village.ID, Channel: ChannelMarketDay}
	line := func(l SaleLine) error {
		l.ProductID, l.SellerID = f.garlic.ID, f.seller.ID
		e := ev
		return f.s.SaveSaleEvent(&e, []SaleLine{l})
	}
	for _, c := range []struct {
		name       string
		save       func(m Money) error
		field, key string
	}{
		{"product price", func(m Money) error {
			return f.s.SaveProduct(&Product{Name: "花椒" + m.Plain(), Unit: "斤", DefaultPrice: m})
		}, "DefaultPrice", "err.product.default_price.large"},
		{"line price", func(m Money) error {
			return line(SaleLine{Quantity: 1000, Price: m})
		}, "Lines[0].Price", "err.sale_line.price.large"},
		{"line amount typed", func(m Money) error {
			return line(SaleLine{Quantity: 1000, Price: 1, Amount: m, AmountTyped: true})
		}, "Lines[0].Amount", "err.sale_line.amount.large"},
		{"line quantity times price", func(m Money) error {
			return line(SaleLine{Quantity: 2000, Price: m/2 + m%2})
		}, "Lines[0].Amount", "err.sale_line.amount.overflow"},
		{"entry", func(m Money) error {
			return f.s.SaveEntry(&CollectiveEntry{Date: when, VillageID: f.village.ID, Direction: DirectionIncome,
				Category: IncomeOperating, Amount: m})
		}, "Amount", "err.entry.amount.large"},
		{"funding", func(m Money) error {
			return f.s.SaveFundingLine(&FundingLine{ProjectID: p.ID, Source: "社会捐赠", Amount: m})
		}, "Amount", "err.funding.amount.large"},
		{"disbursement", func(m Money) error {
			return f.s.SaveDisbursement(&Disbursement{ProjectID: p.ID, Date: when, Amount: m})
		}, "Amount", "err.disbursement.amount.large"},
		{"distribution", func(m Money) error {
			return f.s.SaveDistribution(&Distribution{ProjectID: p.ID, Date: when, Amount: m, Recipient: "脱贫户分红"})
		}, "Amount", "err.distribution.amount.large"},
		{"asset value", func(m Money) error {
			return f.s.SaveAsset(&Asset{Name: "冷库" + m.Plain(), VillageID: f.village.ID, Class: "经营性", Source: "村集体自建",
				Status: AssetInUse, Value: m})
		}, "Value", "err.asset.value.large"},
		{"annual rent", func(m Money) error {
			return f.s.SaveContract(&Contract{VillageID: f.village.ID, Kind: "土地", Subject: "机动地", Party: "张建国", PartyKind: PartyPerson,
				Start: when, End: day("2029-12-31"), Payment: PayYearly, AnnualRent: m})
		}, "AnnualRent", "err.contract.annual_rent.large"},
		{"total price", func(m Money) error {
			return f.s.SaveContract(&Contract{VillageID: f.village.ID, Kind: "设备", Subject: "旧拖拉机", Party: "张建国", PartyKind: PartyPerson,
				Start: when, End: when, Payment: PayOnce, TotalPrice: m})
		}, "TotalPrice", "err.contract.total_price.large"},
		{"deposit", func(m Money) error {
			return f.s.SaveContract(&Contract{VillageID: f.village.ID, Kind: "土地", Subject: "机动地" + m.Plain(), Party: "张建国", PartyKind: PartyPerson,
				Start: day("2030-01-01"), End: day("2030-12-31"), Payment: PayYearly, AnnualRent: 100, Deposit: m})
		}, "Deposit", "err.contract.deposit.large"},
		{"target", func(m Money) error {
			return f.s.SaveVillageTarget(&VillageTarget{VillageID: f.village.ID, Year: 2025, Amount: m, Measure: MeasureTotal})
		}, "Amount", "err.target.amount.large"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, m := range []Money{MaxAmount + 1, 1 << 62, math.MaxInt64} {
				wantProblem(t, c.save(m), c.field, c.key)
			}
			noErr(t, c.save(MaxAmount))
		})
	}
}

// ParseMoney refuses what no field takes, so the form says so while the person types.
func TestParseMoneyRefusesMoreThanMaxAmount(t *testing.T) {
	for _, in := range []string{"10000000000", "¥10,000,000,000.00", "-10000000000"} {
		m, err := ParseMoney(in)
		if err != nil || absU(int64(m)) != uint64(MaxAmount) {
			t.Fatalf("ParseMoney(%q) = %v, %v", in, m, err)
		}
	}
	for _, in := range []string{"10000000000.01", "10000000001", "-10000000000.01", "92233720368547758.07", "99999999999999999999"} {
		_, err := ParseMoney(in)
		wantFieldErr(t, in, err, "err.money.overflow", "100亿")
	}
}

// addOK agrees with exact (big) arithmetic on every pair: it never wraps around.
func FuzzAddOK(f *testing.F) {
	for _, c := range [][2]int64{{0, 0}, {1, -1}, {math.MaxInt64, 1}, {math.MinInt64, -1}, {math.MaxInt64, math.MinInt64},
		{1 << 62, 1 << 62}, {-(1 << 62), -(1 << 62)}, {math.MaxInt64, 0}} {
		f.Add(c[0], c[1])
	}
	lo, hi := big.NewInt(math.MinInt64), big.NewInt(math.MaxInt64)
	f.Fuzz(func(t *testing.T, a, b int64) {
		want := new(big.Int).Add(big.NewInt(a), big.NewInt(b))
		fits := want.Cmp(lo) >= 0 && want.Cmp(hi) <= 0
		got, ok := addOK(a, b)
		if ok != fits || (ok && got != want.Int64()) {
			t.Fatalf("addOK(%d, %d) = %d, %v; exact %v", a, b, got, ok, want)
		}
	})
}

// outOfRange are dates DateOf and AddDays can make but no ledger takes.
var outOfRange = []Date{
	DateOf(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)),
	DateOf(time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)),
	day("2025-06-01").AddDays(-(2025 - 1949) * 366), // 1949
	day("2100-12-31").AddDays(1),
	DateOf(time.Date(2201, 1, 1, 0, 0, 0, 0, time.UTC)),
	DateOf(time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)),
}

// Every write that takes a date refuses one outside 1950-01-01…2100-12-31 by field, and takes both ends.
func TestEveryDateInputIsInRange(t *testing.T) {
	f := newLedgerFixture(t)
	p := validProject(f)
	noErr(t, f.s.SaveProject(&p))
	for _, c := range []struct {
		name string
		save func(d Date) error
		key  string
	}{
		{"sale event", func(d Date) error {
			return f.s.SaveSaleEvent(&SaleEvent{Date: d, VillageID: f.village.ID, Channel: ChannelMarketDay}, nil)
		}, "err.sale_event.date.range"},
		{"entry", func(d Date) error {
			return f.s.SaveEntry(&CollectiveEntry{Date: d, VillageID: f.village.ID, Direction: DirectionIncome,
				Category: IncomeOperating, Amount: 100})
		}, "err.entry.date.range"},
		{"disbursement", func(d Date) error {
			return f.s.SaveDisbursement(&Disbursement{ProjectID: p.ID, Date: d, Amount: 100})
		}, "err.disbursement.date.range"},
		{"distribution", func(d Date) error {
			return f.s.SaveDistribution(&Distribution{ProjectID: p.ID, Date: d, Amount: 100, Recipient: "分红"})
		}, "err.distribution.date.range"},
		{"note", func(d Date) error {
			return f.s.SaveProgressNote(&ProgressNote{ProjectID: p.ID, Date: d, Text: "开工"})
		}, "err.note.date.range"},
		{"stage", func(d Date) error {
			q := validProject(f) // a project of its own, so stage order never interferes
			noErr(t, f.s.SaveProject(&q))
			return f.s.SaveStageChange(&StageChange{ProjectID: q.ID, Stage: StagePlanning, Date: d})
		}, "err.stage.date.range"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, d := range outOfRange {
				wantProblem(t, c.save(d), "Date", c.key)
			}
			noErr(t, c.save(day("1950-01-01")))
			noErr(t, c.save(day("2100-12-31")))
		})
	}
}

// A row dated out of range by an older version (or by hand) can still be listed, read and deleted.
func TestOutOfRangeRowsCanBeListedAndDeleted(t *testing.T) {
	f := newLedgerFixture(t)
	when := day("2025-03-01")
	for _, bad := range []string{"0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31", "10000-01-01"} {
		t.Run(bad, func(t *testing.T) {
			p := validProject(f)
			noErr(t, f.s.SaveProject(&p))
			ev := &SaleEvent{Date: when, VillageID: f.village.ID, Channel: ChannelMarketDay}
			noErr(t, f.s.SaveSaleEvent(ev, []SaleLine{{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1000, Price: 100}}))
			entry := &CollectiveEntry{Date: when, VillageID: f.village.ID, Direction: DirectionIncome, Category: IncomeOperating, Amount: 100}
			noErr(t, f.s.SaveEntry(entry))
			disb := &Disbursement{ProjectID: p.ID, Date: when, Amount: 100}
			noErr(t, f.s.SaveDisbursement(disb))
			dist := &Distribution{ProjectID: p.ID, Date: when, Amount: 100, Recipient: "分红"}
			noErr(t, f.s.SaveDistribution(dist))
			note := &ProgressNote{ProjectID: p.ID, Date: when, Text: "开工"}
			noErr(t, f.s.SaveProgressNote(note))
			stage := &StageChange{ProjectID: p.ID, Stage: StagePlanning, Date: when}
			noErr(t, f.s.SaveStageChange(stage))
			_, err := f.s.db.Exec(`UPDATE sale_events SET date = ?1 WHERE id = ?2; UPDATE collective_entries SET date = ?1 WHERE id = ?3;
				UPDATE disbursements SET date = ?1 WHERE id = ?4; UPDATE distributions SET date = ?1 WHERE id = ?5;
				UPDATE progress_notes SET date = ?1 WHERE id = ?6; UPDATE stage_changes SET date = ?1 WHERE id = ?7`,
				bad, ev.ID, entry.ID, disb.ID, dist.ID, note.ID, stage.ID)
			noErr(t, err)
			noErr(t, f.s.RebuildSalesTotals()) // as if the event had been saved with that date

			evs, err := f.s.ListSaleEvents(SaleEventFilter{}, 0, 10)
			noErr(t, err)
			entries, err := f.s.ListEntries(EntryFilter{}, 0, 10)
			noErr(t, err)
			if len(evs) != 1 || evs[0].Date.String() != bad || len(entries) != 1 || entries[0].Date.String() != bad {
				t.Fatalf("listed %+v %+v", evs, entries)
			}
			got, err := f.s.GetSaleEvent(ev.ID)
			noErr(t, err)
			if got.Date.String() != bad {
				t.Fatalf("read %v", got.Date)
			}
			_, err = f.s.SaleLines(ev.ID)
			noErr(t, err)
			ds, err := f.s.Disbursements(p.ID)
			noErr(t, err)
			di, err := f.s.Distributions(p.ID)
			noErr(t, err)
			ns, err := f.s.ProgressNotes(p.ID)
			noErr(t, err)
			ss, err := f.s.StageHistory(p.ID)
			noErr(t, err)
			if len(ds) != 1 || len(di) != 1 || len(ns) != 1 || len(ss) != 1 || ss[0].Date.String() != bad {
				t.Fatalf("listed %v %v %v %v", ds, di, ns, ss)
			}
			_, err = f.s.ListProjects(ProjectFilter{}, 0, 10)
			noErr(t, err)
			_, err = f.s.ProjectMoney(p.ID)
			noErr(t, err)

			noErr(t, f.s.DeleteSaleEvent(ev.ID))
			noErr(t, f.s.DeleteEntry(entry.ID))
			noErr(t, f.s.DeleteDisbursement(disb.ID))
			noErr(t, f.s.DeleteDistribution(dist.ID))
			noErr(t, f.s.DeleteProgressNote(note.ID))
			noErr(t, f.s.DeleteStageChange(stage.ID))
			for _, table := range []string{"sale_events", "collective_entries", "disbursements", "distributions", "progress_notes", "stage_changes"} {
				if n := countRows(t, f.s, "SELECT count(*) FROM "+table+" WHERE deleted_at IS NULL AND date = ?", bad); n != 0 {
					t.Fatalf("%s: the row is still live", table)
				}
			}
			checkSalesTotals(t, f.s)
		})
	}
}

// Years typed on their own (a project's start, a target's year) keep to the same range as dates.
func TestYearsAreInTheDateRange(t *testing.T) {
	f := newLedgerFixture(t)
	for _, y := range []int{1949, 2101} {
		p := validProject(f)
		p.YearStarted = y
		wantProblem(t, f.s.SaveProject(&p), "YearStarted", "err.project.year_started.range")
		target := VillageTarget{VillageID: f.village.ID, Year: y, Amount: 100, Measure: MeasureTotal}
		wantProblem(t, f.s.SaveVillageTarget(&target), "Year", "err.target.year.range")
	}
	p := validProject(f)
	p.YearStarted = 1950
	noErr(t, f.s.SaveProject(&p))
}
