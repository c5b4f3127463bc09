package data

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// benchSanzi is a database of 10,000 contracts and 100,000 receipts (docs/PERFORMANCE.md), built
// once per test process (or once for all, at $CUNJI_BENCH_SANZI when that is set).
var benchSanzi struct {
	once  sync.Once
	dir   string
	path  string
	build time.Duration
	err   error
}

var benchSanziToday = day("2025-12-31")

func sanziDatabase(b *testing.B) string {
	b.Helper()
	benchSanzi.once.Do(func() {
		benchSanzi.path = os.Getenv("CUNJI_BENCH_SANZI") // reused between runs when it names a file
		if benchSanzi.path == "" {
			if benchSanzi.dir, benchSanzi.err = os.MkdirTemp("", "cunji-sanzi-"); benchSanzi.err != nil {
				return
			}
			benchSanzi.path = filepath.Join(benchSanzi.dir, "sanzi.db")
		}
		if _, err := os.Stat(benchSanzi.path); err == nil {
			return
		}
		start := time.Now()
		benchSanzi.err = buildSanziBench(benchSanzi.path, 10_000, 100_000, benchSanziToday)
		benchSanzi.build = time.Since(start)
	})
	if benchSanzi.err != nil {
		b.Fatal(benchSanzi.err)
	}
	if benchSanzi.build > 0 {
		b.Logf("built 10,000 contracts and 100,000 receipts in %v", benchSanzi.build.Round(time.Millisecond))
	}
	return benchSanzi.path
}

// buildSanziBench writes contracts started over the ten years before today (half yearly, a fifth
// half-yearly, the rest quarterly; 3 to 24 years long) and receipts for what fell due, one in twenty
// contracts behind by one to three items, until n receipts are written. The rows go in with plain
// statements in one transaction, without audit rows: this is a speed test, not a ledger.
func buildSanziBench(path string, contracts, receipts int, today Date) error {
	s, err := Create(path)
	if err != nil {
		return err
	}
	defer s.Close()
	var villages []int64
	for _, name := range []string{"东泉村", "西岭村"} {
		v := &Village{Name: name}
		if err := s.SaveVillage(v); err != nil {
			return err
		}
		villages = append(villages, v.ID)
	}
	rnd := rand.New(rand.NewPCG(7, 7))
	return s.write(func(tx *Tx) error {
		insContract, err := tx.Prepare(`INSERT INTO contracts(uuid, code, village_id, kind, subject, area, party, party_kind, start_date,
			end_date, annual_rent, payment, due_day, decision_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
		if err != nil {
			return err
		}
		defer insContract.Close()
		insEntry, err := tx.Prepare(`INSERT INTO collective_entries(uuid, date, village_id, direction, category, sub_item, amount,
			counterparty, created_at, updated_at) VALUES (?,?,?,'income','经营收入',?,?,?,?,?)`)
		if err != nil {
			return err
		}
		defer insEntry.Close()
		insReceipt, err := tx.Prepare(`INSERT INTO contract_receipts(uuid, contract_id, period, date, amount, entry_id, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?)`)
		if err != nil {
			return err
		}
		defer insReceipt.Close()
		stamp := tx.Stamp()
		left := receipts
		for i := range contracts {
			c := Contract{VillageID: villages[i%2], Kind: ContractKinds[i%len(ContractKinds)], Subject: fmt.Sprintf("地块%05d", i),
				Area: Quantity(1+rnd.IntN(200)) * 1000, Party: fmt.Sprintf("承包户%05d", i), PartyKind: PartyPerson,
				Start: today.AddDays(-rnd.IntN(3650)), AnnualRent: Money(1+rnd.IntN(500)) * 10_000, DueDay: rnd.IntN(32)}
			c.End = addYears(c.Start, 3+rnd.IntN(22)).AddDays(-1)
			switch r := rnd.IntN(10); {
			case r < 5:
				c.Payment = PayYearly
			case r < 7:
				c.Payment = PayHalfYearly
			default:
				c.Payment = PayQuarterly
			}
			var decision any
			if rnd.IntN(4) > 0 {
				decision = i + 1
			}
			c.Code = fmt.Sprintf("HT-%04d-%05d", c.Start.Year(), i)
			res, err := insContract.Exec(NewUUID(), c.Code, c.VillageID, c.Kind, c.Subject, c.Area, c.Party, c.PartyKind, c.Start, c.End,
				c.AnnualRent, c.Payment, c.DueDay, decision, stamp, stamp)
			if err != nil {
				return err
			}
			if c.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			var due []RentItem
			for _, it := range c.Schedule() {
				if !it.Due.After(today) {
					due = append(due, it)
				}
			}
			if rnd.IntN(20) == 0 {
				due = due[:max(0, len(due)-1-rnd.IntN(3))]
			}
			for _, it := range due[:min(len(due), left)] {
				date := it.Due.AddDays(rnd.IntN(20))
				res, err := insEntry.Exec(NewUUID(), date, c.VillageID, ContractSubItem(c.Kind), it.Amount, c.Party, stamp, stamp)
				if err != nil {
					return err
				}
				entry, _ := res.LastInsertId()
				if _, err := insReceipt.Exec(NewUUID(), c.ID, it.Period, date, it.Amount, entry, stamp, stamp); err != nil {
					return err
				}
				left--
			}
			if err := writeSchedule(tx, &c); err != nil {
				return err
			}
		}
		if left > 0 {
			return fmt.Errorf("only %d of %d receipts fell due", receipts-left, receipts)
		}
		return nil
	})
}

// BenchmarkSanzi10k times the 首页 reminders (goal: under 100 ms), the summary and pages of the
// register at 10,000 contracts and 100,000 receipts.
func BenchmarkSanzi10k(b *testing.B) {
	path := sanziDatabase(b)
	s, err := OpenExisting(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if n := countRows(b, s, "SELECT count(*) FROM contract_receipts"); n != 100_000 {
		b.Fatalf("%d receipts", n)
	}
	r, err := s.Reminders(benchSanziToday, 0, 10)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("reminders: %d due soon (%v), %d overdue (%v), %d ending, %d without a decision, %d schedule rows",
		r.RentDue.Count, r.RentDue.Total, r.Overdue.Count, r.Overdue.Total, r.Ending.Count, r.NoDecision.Count,
		countRows(b, s, "SELECT count(*) FROM rent_schedule"))
	run := func(name string, fn func() error) {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := fn(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	run("Reminders", func() error { _, err := s.Reminders(benchSanziToday, 0, 10); return err })
	run("RemindersOneVillage", func() error { _, err := s.Reminders(benchSanziToday, 1, 10); return err })
	run("YearSummary", func() error { _, err := s.YearSummary(2025, 0); return err })
	run("ListContractsFirstPage", func() error {
		_, err := s.ListContracts(ContractFilter{Today: benchSanziToday}, 0, 100)
		return err
	})
	run("ListContractsLastPageByCode", func() error {
		_, err := s.ListContracts(ContractFilter{Today: benchSanziToday, Sort: "code"}, 9_900, 100)
		return err
	})
	run("ListContractsOverdueFirst", func() error {
		_, err := s.ListContracts(ContractFilter{Today: benchSanziToday, Sort: "overdue", Desc: true}, 0, 100)
		return err
	})
	run("CountContractsOverdue", func() error {
		_, err := s.CountContracts(ContractFilter{Today: benchSanziToday, Check: CheckOverdue})
		return err
	})
	run("ContractTotals", func() error { _, err := s.ContractTotals(ContractFilter{Today: benchSanziToday}); return err })
}
