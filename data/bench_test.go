package data

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
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

// bench1M is the million-line demo database, built once per process (or reused from
// $CUNJI_BENCH_1M when that names a file, which saves two minutes between runs).
var bench1M struct {
	once      sync.Once
	dir, path string
	build     time.Duration
	err       error
}

const bench1MToday = "2025-12-31"

func million(b *testing.B) string {
	b.Helper()
	bench1M.once.Do(func() {
		path := os.Getenv("CUNJI_BENCH_1M")
		if path == "" {
			bench1M.dir, bench1M.err = os.MkdirTemp("", "cunji-bench-")
			if bench1M.err != nil {
				return
			}
			path = filepath.Join(bench1M.dir, "demo-1m.db")
		}
		bench1M.path = path
		if _, err := os.Stat(path); err == nil {
			return
		}
		start := time.Now()
		bench1M.err = Demo(path, DemoOptions{Sales: 1_000_000, Years: 3, Villages: 1, Today: day(bench1MToday)})
		bench1M.build = time.Since(start)
	})
	if bench1M.err != nil {
		b.Fatal(bench1M.err)
	}
	if bench1M.build > 0 {
		b.Logf("built the 1,000,000-line demo database in %v", bench1M.build.Round(time.Millisecond))
	}
	return bench1M.path
}

func TestMain(m *testing.M) {
	if path := os.Getenv(crashWriterEnv); path != "" {
		crashWriterMain(path) // the crash test's writer process (crash_test.go)
	}
	code := m.Run()
	for _, dir := range []string{bench1M.dir, benchSanzi.dir} {
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

// BenchmarkYearSummary1M compares the year summary on a 1,000,000-line database with what the
// C sqlite3 tool needs to scan the sale-lines table once (the yardstick).
func BenchmarkYearSummary1M(b *testing.B) {
	path := million(b)
	s, err := OpenExisting(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.Run("YearSummary", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := s.YearSummary(2025, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("PeriodSummaryPartialMonths", func(b *testing.B) { // whole months from totals, the edges scanned
		p := Period{day("2025-01-15"), day("2025-12-14")}
		for i := 0; i < b.N; i++ {
			if _, err := s.PeriodSummary(p, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("GoScanSumAmount", func(b *testing.B) { // the same scan as the CLI, through modernc.org/sqlite
		for i := 0; i < b.N; i++ {
			var total int64
			if err := s.db.QueryRow("SELECT sum(amount) FROM sale_lines").Scan(&total); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Sqlite3CLIScan", func(b *testing.B) {
		if _, err := exec.LookPath("sqlite3"); err != nil {
			b.Skip("sqlite3 command-line tool not installed (Debian package sqlite3)")
		}
		for i := 0; i < b.N; i++ {
			out, err := exec.Command("sqlite3", "-readonly", path, "SELECT sum(amount) FROM sale_lines").CombinedOutput()
			if err != nil {
				b.Fatalf("%v: %s", err, out)
			}
		}
	})
	b.Run("Sqlite3CLIStartOnly", func(b *testing.B) { // process start and open, to subtract from the scan
		if _, err := exec.LookPath("sqlite3"); err != nil {
			b.Skip("sqlite3 command-line tool not installed")
		}
		for i := 0; i < b.N; i++ {
			if out, err := exec.Command("sqlite3", "-readonly", path, "SELECT 1").CombinedOutput(); err != nil {
				b.Fatalf("%v: %s", err, out)
			}
		}
	})
	if n := countRows(b, s, "SELECT count(*) FROM sale_lines"); n != 1_000_000 {
		b.Fatalf("%d lines", n)
	}
}
