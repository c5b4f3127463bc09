package data

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// rawLedgerRows writes a little of every ledger with plain SQL, as a file made by an older
// version would hold it (the ledger tables exist from version 2 on).
func rawLedgerRows(t *testing.T, db *sql.DB) {
	t.Helper()
	now := "2025-01-01T00:00:00Z"
	stmts := []string{
		`INSERT INTO villages(id, uuid, name, created_at, updated_at) VALUES (1, 'u-v1', '东泉村', '%[1]s', '%[1]s')`,
		`INSERT INTO sellers(id, uuid, name, kind, village_id, status, created_at, updated_at) VALUES (1, 'u-s1', '张建国', '农户', 1, '脱贫户', '%[1]s', '%[1]s')`,
		`INSERT INTO products(id, uuid, name, unit, created_at, updated_at) VALUES (1, 'u-p1', '大蒜', '斤', '%[1]s', '%[1]s')`,
		`INSERT INTO sale_events(id, uuid, date, village_id, channel, created_at, updated_at) VALUES (1, 'u-e1', '2025-06-25', 1, '助农大集', '%[1]s', '%[1]s')`,
		`INSERT INTO sale_events(id, uuid, date, village_id, channel, created_at, updated_at, deleted_at) VALUES (2, 'u-e2', '2025-06-26', 1, '共富超市', '%[1]s', '%[1]s', '%[1]s')`,
		`INSERT INTO sale_lines(uuid, event_id, product_id, seller_id, quantity, unit, price, amount, created_at, updated_at) VALUES ('u-l1', 1, 1, 1, 10000, '斤', 350, 3500, '%[1]s', '%[1]s')`,
		`INSERT INTO sale_lines(uuid, event_id, product_id, seller_id, quantity, unit, price, amount, created_at, updated_at) VALUES ('u-l2', 1, 1, 1, 2000, '斤', 350, 700, '%[1]s', '%[1]s')`,
		`INSERT INTO sale_lines(uuid, event_id, product_id, seller_id, quantity, unit, price, amount, created_at, updated_at) VALUES ('u-l3', 2, 1, 1, 2000, '斤', 350, 700, '%[1]s', '%[1]s')`,
		`INSERT INTO collective_entries(uuid, date, village_id, direction, category, amount, created_at, updated_at) VALUES ('u-c1', '2025-03-01', 1, 'income', '经营收入', 100000, '%[1]s', '%[1]s')`,
	}
	for _, q := range stmts {
		if _, err := db.Exec(fmt.Sprintf(q, now)); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// A database built at every earlier schema version opens, is brought up to date, and keeps its data.
func TestUpgradeFromEveryVersion(t *testing.T) {
	for k := 1; k < SchemaVersion(); k++ {
		t.Run(fmt.Sprintf("from_v%d", k), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			db, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)")
			noErr(t, err)
			noErr(t, migrate(db, k))
			var v int
			noErr(t, db.QueryRow("PRAGMA user_version").Scan(&v))
			if v != k {
				t.Fatalf("built at version %d, want %d", v, k)
			}
			hasLedgers := k >= 2
			if hasLedgers {
				rawLedgerRows(t, db)
				if k >= 3 { // from 3 on the write methods keep the totals; do what they would have done
					_, err := db.Exec(`INSERT INTO sales_month VALUES ('2025-06', 1, '助农大集', 4200, 2);
						INSERT INTO seller_month VALUES ('2025-06', 1, 1, 4200, 2)`)
					noErr(t, err)
				}
			}
			noErr(t, db.Close())

			s, err := OpenExisting(path)
			noErr(t, err)
			defer s.Close()
			noErr(t, s.db.QueryRow("PRAGMA user_version").Scan(&v))
			if v != SchemaVersion() {
				t.Fatalf("upgraded to %d, want %d", v, SchemaVersion())
			}
			if !hasLedgers {
				noErr(t, s.SaveVillage(&Village{Name: "东泉村"}))
				return
			}
			checkSalesTotals(t, s)
			sum, err := s.YearSummary(2025, 0)
			noErr(t, err)
			if sum.Sales.Total != 4200 || sum.Sales.Lines != 2 || sum.Sales.Events != 1 || sum.Income.Total != 100000 {
				t.Fatalf("after the upgrade: %+v", sum)
			}
			// New writes count once (the old triggers are gone, the write methods take over).
			ev := &SaleEvent{Date: day("2025-06-27"), VillageID: 1, Channel: ChannelMarketDay}
			noErr(t, s.SaveSaleEvent(ev, []SaleLine{{ProductID: 1, SellerID: 1, Quantity: 1000, Price: 800}}))
			noErr(t, s.DeleteSaleEvent(1))
			noErr(t, s.RestoreSaleEvent(2))
			checkSalesTotals(t, s)
			if sum, _ := s.YearSummary(2025, 0); sum.Sales.Total != 800+700 {
				t.Fatalf("after new writes: %v", sum.Sales.Total)
			}
		})
	}
}

// Every migration file applies on its own transaction; a second Open changes nothing.
func TestMigrationsAreIdempotentOnReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := Open(path)
	noErr(t, err)
	noErr(t, s.SaveVillage(&Village{Name: "东泉村"}))
	noErr(t, s.Close())
	s, err = Open(path)
	noErr(t, err)
	defer s.Close()
	if vs, _ := s.Villages(); len(vs) != 1 {
		t.Fatal(vs)
	}
	var triggers int
	noErr(t, s.db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").Scan(&triggers))
	if triggers != 0 {
		t.Fatalf("%d triggers left: the totals are kept in Go", triggers)
	}
}

// TestEveryForeignKeyLeadsAnIndex: a child column without an index costs a scan of the child
// table for every parent row inserted while deferred keys are pending (a merge), and for every
// parent row deleted.
func TestEveryForeignKeyLeadsAnIndex(t *testing.T) {
	s := ledgerStore(t)
	rows, err := s.db.Query(`SELECT m.name, f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND NOT EXISTS (
			SELECT 1 FROM pragma_index_list(m.name) il, pragma_index_info(il.name) ii
			WHERE ii.seqno = 0 AND ii.name = f."from")
		ORDER BY 1, 2`)
	noErr(t, err)
	defer rows.Close()
	for rows.Next() {
		var table, col string
		noErr(t, rows.Scan(&table, &col))
		t.Errorf("%s.%s points at another table but leads no index", table, col)
	}
	noErr(t, rows.Err())
}
