package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"cunji/data/packfile"
)

// TestMergeScale merges $CUNJI_MERGE_PACKAGES packages of one village with 20,000 sale lines
// each into a new town database and logs the time and the process's memory as it goes
// (docs/PERFORMANCE.md). It is skipped unless the variable is set: it is heavy.
func TestMergeScale(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("CUNJI_MERGE_PACKAGES"))
	if n <= 0 {
		t.Skip("set CUNJI_MERGE_PACKAGES=100 (or 1000) to run")
	}
	dir := os.Getenv("CUNJI_MERGE_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	const lines = 20_000
	start := time.Now()
	paths := scalePackages(t, dir, n, lines)
	t.Logf("%d packages of %d sale lines made in %v", n, lines, time.Since(start).Round(time.Second))

	town, err := OpenTown(filepath.Join(dir, "town.db"))
	noErr(t, err)
	defer town.Close()
	start = time.Now()
	lap, cpu := start, cpuTime()
	i := -1
	town.MergeAll(paths, "", func(p string, r MergeResult, err error) {
		i++
		noErr(t, err)
		if r.Outcome != MergeAdded {
			t.Fatalf("%s: %s", p, r.Message())
		}
		if (i+1)%max(n/10, 1) == 0 {
			t.Logf("%5d packages: %v (last %d: %v), RSS %s", i+1, time.Since(start).Round(time.Millisecond),
				max(n/10, 1), time.Since(lap).Round(time.Millisecond), rss())
			lap = time.Now()
		}
	})
	total, cpu := time.Since(start), cpuTime()-cpu
	// CPU time tells what the merge costs when other work shares the machine.
	t.Logf("merged %d packages (%d lines) in %v: %v a package (CPU %v a package)", n, n*lines, total.Round(time.Millisecond),
		(total / time.Duration(n)).Round(time.Millisecond), (cpu / time.Duration(n)).Round(time.Millisecond))
	got := countRows(t, town, "SELECT coalesce(sum(lines), 0) FROM sales_month")
	if got != int64(n*lines) {
		t.Errorf("the town's monthly totals count %d lines, want %d", got, n*lines)
	}
	start = time.Now()
	_, err = town.YearSummary(2025, 0)
	noErr(t, err)
	t.Logf("year summary of the town: %v", time.Since(start).Round(time.Millisecond))

	// The first village sends a newer package: its rows are replaced in one transaction.
	newer := filepath.Join(t.TempDir(), "newer.cunji")
	tmp := filepath.Join(t.TempDir(), "v.db")
	m, err := packfile.Read(paths[0], "", tmp, SchemaVersion())
	noErr(t, err)
	db, err := sql.Open("sqlite", tmp)
	noErr(t, err)
	_, err = db.Exec("UPDATE sale_events SET note = 'newer' WHERE id = (SELECT min(id) FROM sale_events)")
	noErr(t, err)
	noErr(t, db.Close())
	m.Made = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339Nano)
	f, err := os.Create(newer)
	noErr(t, err)
	_, err = packfile.Write(f, m, tmp, "")
	noErr(t, err)
	noErr(t, f.Close())
	start = time.Now()
	r, err := town.Merge(newer, "")
	noErr(t, err)
	if r.Outcome != MergeReplaced {
		t.Fatalf("newer package: %s", r.Message())
	}
	t.Logf("a newer package of the first village replaced its rows in %v", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	v, err := town.Verify(context.Background())
	noErr(t, err)
	if !v.OK() {
		t.Fatalf("Verify: %s", v.Problem)
	}
	t.Logf("Verify of the town (%d audit entries, %d rows): %v", v.Entries, v.Rows, time.Since(start).Round(time.Millisecond))
}

// scalePackages makes n packages from one demo village: each a copy with its own uuids
// (products and partners keep theirs, as one county's catalog would) and name.
func scalePackages(t *testing.T, dir string, n, lines int) []string {
	basePkg := filepath.Join(dir, "base.cunji")
	if _, err := os.Stat(basePkg); err != nil {
		base := filepath.Join(dir, "base.db")
		noErr(t, Demo(base, DemoOptions{Villages: 1, Sales: lines, Years: 1, Today: day("2025-12-31")}))
		s, err := OpenExisting(base)
		noErr(t, err)
		_, err = s.Pack(1, basePkg, PackOptions{AppVersion: "bench"})
		s.Close()
		noErr(t, err)
	}
	baseDB := filepath.Join(dir, "base-village.db")
	m, err := packfile.Read(basePkg, "", baseDB, SchemaVersion())
	noErr(t, err)
	raw, err := os.ReadFile(baseDB)
	noErr(t, err)
	var paths []string
	for k := 1; k <= n; k++ {
		out := filepath.Join(dir, fmt.Sprintf("v%04d.cunji", k))
		paths = append(paths, out)
		if _, err := os.Stat(out); err == nil {
			continue // made by an earlier run with CUNJI_MERGE_DIR
		}
		tmp := filepath.Join(dir, "tmp.db")
		noErr(t, os.WriteFile(tmp, raw, 0o600))
		db, err := sql.Open("sqlite", tmp)
		noErr(t, err)
		suffix := fmt.Sprintf("-%06d", k)
		var stmts []string
		for _, pt := range packTables {
			if pt.link || pt.noID || pt.name == "products" || pt.name == "partners" {
				continue
			}
			stmts = append(stmts, fmt.Sprintf("UPDATE %s SET uuid = uuid || '%s'", pt.name, suffix))
		}
		stmts = append(stmts, fmt.Sprintf("UPDATE villages SET name = name || '%d'", k))
		_, err = db.Exec(strings.Join(stmts, "; "))
		noErr(t, err)
		var uuid, name string
		noErr(t, db.QueryRow("SELECT uuid, name FROM villages WHERE id = 1").Scan(&uuid, &name))
		db.Close()
		mk := m
		mk.VillageUUID, mk.VillageName = uuid, name
		mk.Made = time.Date(2025, 12, 31, 0, 0, k, 0, time.UTC).Format(time.RFC3339Nano)
		f, err := os.Create(out)
		noErr(t, err)
		_, err = packfile.Write(f, mk, tmp, "")
		noErr(t, err)
		noErr(t, f.Close())
	}
	return paths
}

// rss is the process's resident memory now and at its peak, from /proc (Linux).
func rss() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return fmt.Sprintf("heap %d MB", ms.HeapInuse>>20)
	}
	var now, peak string
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		switch {
		case len(f) > 1 && f[0] == "VmRSS:":
			now = f[1]
		case len(f) > 1 && f[0] == "VmHWM:":
			peak = f[1]
		}
	}
	kb := func(s string) int { x, _ := strconv.Atoi(s); return x >> 10 }
	return fmt.Sprintf("%d MB (peak %d MB)", kb(now), kb(peak))
}

// BenchmarkTownYearSummary times the year summary of a town made by TestMergeScale (pass its
// town.db, or a copy, as $CUNJI_TOWN_DB): all villages, and one village of the town.
func BenchmarkTownYearSummary(b *testing.B) {
	s := townFromEnv(b)
	for _, village := range []int64{0, 2} {
		b.Run(fmt.Sprintf("village=%d", village), func(b *testing.B) {
			for b.Loop() {
				_, err := s.YearSummary(2025, village)
				noErr(b, err)
			}
		})
	}
}

// TestMergeMore (experiment) merges packages from..to of $CUNJI_MERGE_DIR into $CUNJI_TOWN_DB.
func TestMergeMore(t *testing.T) {
	town := os.Getenv("CUNJI_TOWN_DB")
	if town == "" {
		t.Skip("set CUNJI_TOWN_DB")
	}
	from, _ := strconv.Atoi(os.Getenv("CUNJI_FROM"))
	to, _ := strconv.Atoi(os.Getenv("CUNJI_TO"))
	paths := scalePackages(t, os.Getenv("CUNJI_MERGE_DIR"), to, 20_000)[from-1:]
	s, err := OpenTown(town)
	noErr(t, err)
	defer s.Close()
	start, cpu := time.Now(), cpuTime()
	s.MergeAll(paths, "", func(p string, r MergeResult, err error) {
		noErr(t, err)
		if r.Outcome != MergeAdded {
			t.Fatalf("%s: %s", p, r.Message())
		}
	})
	n := time.Duration(len(paths))
	t.Logf("merged %d packages in %v: %v a package (CPU %v)", len(paths), time.Since(start).Round(time.Millisecond),
		(time.Since(start) / n).Round(time.Millisecond), ((cpuTime() - cpu) / n).Round(time.Millisecond))
}

// BenchmarkTownCompareVillages times 各村对比 for a year on a town made by TestMergeScale
// ($CUNJI_TOWN_DB, as BenchmarkTownYearSummary).
func BenchmarkTownCompareVillages(b *testing.B) {
	s := townFromEnv(b)
	before := cpuTime()
	for b.Loop() {
		c, err := s.CompareVillages(YearPeriod(2025))
		noErr(b, err)
		if len(c.Rows) == 0 || c.Total.Sales == 0 {
			b.Fatalf("%d rows, total %+v", len(c.Rows), c.Total)
		}
	}
	b.ReportMetric((cpuTime()-before).Seconds()/float64(b.N), "cpu-s/op")
}

// townFromEnv opens $CUNJI_TOWN_DB, a town.db made by TestMergeScale (or a copy), for the town benchmarks.
func townFromEnv(b *testing.B) *Store {
	path := os.Getenv("CUNJI_TOWN_DB")
	if path == "" {
		b.Skip("set CUNJI_TOWN_DB to a town.db made by TestMergeScale with CUNJI_MERGE_DIR")
	}
	s, err := OpenExisting(path)
	noErr(b, err)
	b.Cleanup(func() { s.Close() })
	return s
}
