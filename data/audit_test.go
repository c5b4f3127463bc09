package data

import (
	"context"
	"database/sql"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// auditedFixture is a small ledger written through the Store: an event with lines, bulk lines,
// an income entry edited once, a project with funding, and a deleted disbursement.
func auditedFixture(t *testing.T) (*ledgerFixture, string) {
	t.Helper()
	f := newLedgerFixture(t)
	ev := &SaleEvent{Date: day("2025-06-25"), VillageID: f.village.ID, Channel: ChannelMarketDay}
	noErr(t, f.s.SaveSaleEvent(ev, []SaleLine{{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 10_000, Price: 300}}))
	bulk := make([]SaleLine, 20)
	for i := range bulk {
		bulk[i] = SaleLine{ProductID: f.apple.ID, SellerID: f.seller.ID, Quantity: 1000, Price: Money(4000 + i)}
	}
	noErr(t, f.s.AddSaleLinesBulk(ev.ID, bulk, "test"))
	x := &CollectiveEntry{Date: day("2025-03-01"), VillageID: f.village.ID, Direction: DirectionIncome, Category: IncomeOperating, Amount: 120000}
	noErr(t, f.s.SaveEntry(x))
	x.Amount = 130000
	noErr(t, f.s.SaveEntry(x))
	p := &Project{Name: "大棚", Type: ProjectTypes[0], VillageIDs: []int64{f.village.ID}, YearStarted: 2025}
	noErr(t, f.s.SaveProject(p))
	noErr(t, f.s.SaveFundingLine(&FundingLine{ProjectID: p.ID, Source: FundingSources[0], Amount: 500000}))
	d := &Disbursement{ProjectID: p.ID, Date: day("2025-04-01"), Amount: 100000}
	noErr(t, f.s.SaveDisbursement(d))
	noErr(t, f.s.DeleteDisbursement(d.ID))
	// A bulk line changed later through 村记 still agrees with its bulk entry.
	line, err := f.s.GetSaleLine(bulk[3].ID)
	noErr(t, err)
	line.Price = 4500
	noErr(t, f.s.write(func(tx *Tx) error { return saleLineTable.save(tx, line) }))
	return f, f.s.Path()
}

func mustVerify(t *testing.T, s *Store) VerifyResult {
	t.Helper()
	r, err := s.Verify(context.Background())
	noErr(t, err)
	return r
}

func TestVerifyAcceptsChangesMadeThroughCunji(t *testing.T) {
	f, _ := auditedFixture(t)
	r := mustVerify(t, f.s)
	if !r.OK() || r.Entries < 10 || r.Rows < 25 {
		t.Fatalf("verify: %+v", r)
	}
	// Erasing a seller's personal data rewrites old entries through 村记: the chain follows.
	noErr(t, f.s.PurgeSeller(f.seller2.ID))
	if r := mustVerify(t, f.s); !r.OK() {
		t.Fatalf("after purge: %+v", r)
	}
}

// runSqlite3 runs the C sqlite3 tool on the database: the kind of edit another program makes.
func runSqlite3(t *testing.T, path, sql string) {
	t.Helper()
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Fatal("sqlite3 missing: apt-get install sqlite3 (make test-deps)")
	}
	out, err := exec.Command("sqlite3", path, sql).CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3 %q: %v %s", sql, err, out)
	}
}

func TestVerifyCatchesEditsMadeWithSqlite3(t *testing.T) {
	cases := []struct {
		name, sql, want string
	}{
		{"amount edited", "UPDATE collective_entries SET amount = 1 WHERE id = 1", "集体收支表第1行"},
		{"bulk line edited", "UPDATE sale_lines SET amount = amount + 1 WHERE id = 10", "销售明细表"},
		{"deleted row undeleted", "UPDATE disbursements SET deleted_at = NULL", "资金拨付表第1行"},
		{"row added", "INSERT INTO collective_entries(uuid, date, village_id, direction, category, sub_item, amount, counterparty, voucher, note, created_at, updated_at) SELECT 'x', date, village_id, direction, category, sub_item, 5, counterparty, voucher, note, created_at, updated_at FROM collective_entries", "没有操作日志"},
		{"audit entry deleted", "DELETE FROM audit_log WHERE id = (SELECT id FROM audit_log WHERE tbl = 'collective_entries' ORDER BY id LIMIT 1)", "缺了记录"},
		{"audit entry changed", "UPDATE audit_log SET new_json = replace(new_json, '130000', '1') WHERE tbl = 'collective_entries'", "对不上"},
		{"chain start removed", "DELETE FROM audit_log WHERE action = 'chain_start'", "起点"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, path := auditedFixture(t)
			noErr(t, f.s.Close())
			runSqlite3(t, path, c.sql)
			s, err := Open(path)
			noErr(t, err)
			defer s.Close()
			r := mustVerify(t, s)
			if r.OK() || !strings.Contains(r.Problem, c.want) {
				t.Fatalf("after %s verify says %+v, want a problem naming %q", c.name, r, c.want)
			}
		})
	}
}

func TestAuditChainStartsOnUpgrade(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)")
	noErr(t, err)
	noErr(t, migrate(db, 4)) // the schema before the chain, with rows written then
	rawLedgerRows(t, db)
	noErr(t, db.Close())

	s, err := OpenExisting(path)
	noErr(t, err)
	defer s.Close()
	r := mustVerify(t, s)
	if !r.OK() || r.ChainStart == "" || r.Entries != 0 {
		t.Fatalf("fresh chain on an upgraded file: %+v", r)
	}
	// Old rows are checked once changed through 村记; new rows from the start.
	x, err := s.GetEntry(1)
	noErr(t, err)
	x.Amount = 110000
	noErr(t, s.SaveEntry(x))
	noErr(t, s.SaveVillage(&Village{Name: "西岭村"}))
	if r := mustVerify(t, s); !r.OK() || r.Entries != 2 {
		t.Fatalf("after two writes: %+v", r)
	}
	_, err = s.db.Exec("UPDATE collective_entries SET amount = 5 WHERE id = 1")
	noErr(t, err)
	if r := mustVerify(t, s); r.OK() {
		t.Fatalf("an old row edited after it was audited is not caught: %+v", r)
	}
}

// The daily check verifies in the background: it must read in a snapshot and never wait for, or
// hold, the write lock, so a save made meanwhile (here a write transaction held open) goes ahead.
func TestVerifyReadsWhileAWriteIsUnderWay(t *testing.T) {
	f, path := auditedFixture(t)
	other, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)")
	noErr(t, err)
	defer other.Close()
	conn, err := other.Conn(context.Background())
	noErr(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(context.Background(), "BEGIN IMMEDIATE")
	noErr(t, err)
	_, err = conn.ExecContext(context.Background(), "UPDATE collective_entries SET amount = 1")
	noErr(t, err)
	r, err := f.s.Verify(context.Background())
	if err != nil || !r.OK() {
		t.Fatalf("verify while a write is under way: %+v %v", r, err)
	}
	_, err = conn.ExecContext(context.Background(), "ROLLBACK")
	noErr(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.s.Verify(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled verify: %v", err)
	}
}
