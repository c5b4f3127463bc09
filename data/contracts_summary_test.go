package data

import (
	"database/sql"
	"math/rand/v2"
	"testing"
	"time"
)

// The summary's contract and asset figures equal what the test works out itself: contracts and
// receipts read with plain SQL, schedules from Contract.Schedule, sums in Go.
func TestSummaryContractsAndAssetsAgreeWithSQL(t *testing.T) {
	f := newLedgerFixture(t)
	today := day("2025-08-15")
	f.s.now = func() time.Time { return today.Time().Add(10 * time.Hour) }
	rnd := rand.New(rand.NewPCG(13, 1))
	villages := []int64{f.village.ID, f.village2.ID}
	pick := func(list []string) string { return list[rnd.IntN(len(list))] }
	randDay := func(from Date, days int) Date { return from.AddDays(rnd.IntN(days)) }

	for i := range 40 {
		c := Contract{VillageID: villages[i%2], Kind: pick(ContractKinds), Subject: "标的" + string(rune('甲'+i)), Party: "承包方",
			PartyKind: pick(PartyKinds), Start: randDay(day("2022-01-01"), 4*365), Payment: pick(PaymentTerms), DueDay: rnd.IntN(32)}
		c.End = addYears(c.Start, 1+rnd.IntN(8)).AddDays(-1 - rnd.IntN(100))
		if c.Payment == PayOnce {
			c.TotalPrice = Money(1+rnd.IntN(100)) * 100_000
		} else {
			c.AnnualRent = Money(1+rnd.IntN(100))*100_000 + Money(rnd.IntN(100))
			if rnd.IntN(3) == 0 {
				c.EscalationYears, c.EscalationBP = 1+rnd.IntN(3), 100*(1+rnd.IntN(10))
			}
		}
		noErr(t, f.s.SaveContract(&c))
		if i == 11 { // a deleted contract counts nowhere
			noErr(t, f.s.DeleteContract(c.ID))
			continue
		}
		var last *Receipt
		for _, it := range c.Schedule() {
			if it.Due.After(day("2026-03-31")) {
				break
			}
			switch r := rnd.IntN(10); {
			case r < 2: // not paid
			case r < 4: // paid in two parts
				half := it.Amount / 2
				noErr(t, f.s.SaveReceipt(&Receipt{ContractID: c.ID, Period: it.Period, Date: randDay(it.Due.AddDays(-10), 200), Amount: half}))
				noErr(t, f.s.SaveReceipt(&Receipt{ContractID: c.ID, Period: it.Period, Date: randDay(it.Due, 400), Amount: it.Amount - half}))
			default:
				last = &Receipt{ContractID: c.ID, Period: it.Period, Date: randDay(it.Due.AddDays(-10), 90), Amount: it.Amount}
				noErr(t, f.s.SaveReceipt(last))
			}
		}
		if i == 7 && last != nil {
			noErr(t, f.s.DeleteReceipt(last.ID))
		}
	}
	for i := range 30 {
		a := Asset{Name: "资产" + string(rune('甲'+i)), VillageID: villages[i%2], Class: pick(AssetKinds), Source: "村集体自建",
			Value: Money(rnd.IntN(1000)) * 10_000, Status: pick(AssetStatuses)}
		if rnd.IntN(4) > 0 {
			a.Formed = randDay(day("2022-06-01"), 4*365)
		}
		if a.Status == AssetDisposed {
			a.DisposedOn = randDay(day("2023-01-01"), 4*365)
			if !a.Formed.IsZero() && a.DisposedOn.Before(a.Formed) {
				a.Formed, a.DisposedOn = a.DisposedOn, a.Formed
			}
		}
		noErr(t, f.s.SaveAsset(&a))
		if i == 3 {
			noErr(t, f.s.DeleteAsset(a.ID))
		}
	}

	// What the test reads for itself.
	type liveContract struct {
		Contract
		live bool
	}
	var contracts []liveContract
	rows, err := f.s.db.Query(`SELECT id, village_id, start_date, end_date, payment, annual_rent, total_price, due_day,
		escalation_years, escalation_bp, deleted_at IS NULL FROM contracts`)
	noErr(t, err)
	for rows.Next() {
		var c liveContract
		noErr(t, rows.Scan(&c.ID, &c.VillageID, &c.Start, &c.End, &c.Payment, &c.AnnualRent, &c.TotalPrice, &c.DueDay,
			&c.EscalationYears, &c.EscalationBP, &c.live))
		contracts = append(contracts, c)
	}
	noErr(t, rows.Err())
	rows.Close()
	type receipt struct {
		contract int64
		period   int
		date     Date
		amount   Money
	}
	var receipts []receipt
	rows, err = f.s.db.Query("SELECT contract_id, period, date, amount FROM contract_receipts WHERE deleted_at IS NULL")
	noErr(t, err)
	for rows.Next() {
		var r receipt
		noErr(t, rows.Scan(&r.contract, &r.period, &r.date, &r.amount))
		receipts = append(receipts, r)
	}
	noErr(t, rows.Err())
	rows.Close()
	type asset struct {
		village      int64
		formed, gone Date
		status       string
		value        Money
		live         bool
	}
	var assets []asset
	rows, err = f.s.db.Query("SELECT village_id, formed, disposed_on, status, value, deleted_at IS NULL FROM assets")
	noErr(t, err)
	for rows.Next() {
		var a asset
		var gone sql.NullString
		noErr(t, rows.Scan(&a.village, &a.formed, &gone, &a.status, &a.value, &a.live))
		if gone.Valid {
			a.gone = day(gone.String)
		}
		assets = append(assets, a)
	}
	noErr(t, rows.Err())
	rows.Close()

	expect := func(p Period, village int64) (ContractFigures, AssetFigures) {
		cut := p.To
		if today.Before(cut) {
			cut = today
		}
		var cf ContractFigures
		for _, c := range contracts {
			if !c.live || (village != 0 && c.VillageID != village) {
				continue
			}
			if !c.Start.After(p.To) {
				cf.Count++
				if !c.End.Before(p.From) {
					cf.Active++
				}
			}
			for _, it := range c.Schedule() {
				if p.Contains(it.Due) {
					cf.RentDue += it.Amount
				}
				if it.Due.After(cut) {
					continue
				}
				left := it.Amount
				for _, r := range receipts {
					if r.contract == c.ID && r.period == it.Period && !r.date.After(cut) {
						left -= r.amount
					}
				}
				cf.Overdue += left
			}
			for _, r := range receipts {
				if r.contract == c.ID && p.Contains(r.date) {
					cf.Received += r.amount
				}
			}
		}
		var af AssetFigures
		for _, a := range assets {
			if !a.live || (village != 0 && a.village != village) || (!a.formed.IsZero() && a.formed.After(p.To)) {
				continue
			}
			if a.status == AssetDisposed && !a.gone.After(p.To) {
				continue
			}
			af.Count++
			af.Value += a.value
		}
		return cf, af
	}

	periods := []Period{YearPeriod(2023), YearPeriod(2024), YearPeriod(2025), YearPeriod(2026), QuarterPeriod(2025, 2),
		MonthPeriod(2025, 8), {day("2024-11-15"), day("2025-09-30")}}
	nonzero := 0
	for _, p := range periods {
		for _, v := range []int64{0, f.village.ID, f.village2.ID} {
			sum, err := f.s.PeriodSummary(p, v)
			noErr(t, err)
			wantC, wantA := expect(p, v)
			if sum.Contracts != wantC || sum.Assets != wantA {
				t.Errorf("%s village %d:\n got %+v %+v\nwant %+v %+v", p, v, sum.Contracts, sum.Assets, wantC, wantA)
			}
			if wantC.Overdue > 0 && wantC.Received > 0 && wantA.Count > 0 {
				nonzero++
			}
			// What was received is what the receipts booked in the collective ledger.
			var booked Money
			noErr(t, f.s.db.QueryRow(`SELECT coalesce(sum(x.amount), 0) FROM collective_entries x JOIN contract_receipts r ON r.entry_id = x.id
				WHERE x.deleted_at IS NULL AND x.date BETWEEN ? AND ? AND (?3 = 0 OR x.village_id = ?3)`, p.From, p.To, v).Scan(&booked))
			if booked != sum.Contracts.Received {
				t.Errorf("%s village %d: received %v, booked %v", p, v, sum.Contracts.Received, booked)
			}
		}
	}
	if nonzero < 5 {
		t.Fatalf("only %d periods test overdue, received and assets together", nonzero)
	}
	checkRentSchedule(t, f.s)
	verifyOK(t, f.s)
}
