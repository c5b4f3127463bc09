package report

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"cunji/data"
)

const benchLines = 200_000

var (
	benchOnce sync.Once
	benchDir  string
	benchDB   string
	benchErr  error
)

// benchDatabase builds, once per process, a demo database whose year 2025 holds 200,000 sale lines.
func benchDatabase(tb testing.TB) string {
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "cunji-bench-")
		if benchErr != nil {
			return
		}
		benchDB = filepath.Join(benchDir, "bench.db")
		start := time.Now()
		benchErr = data.Demo(benchDB, data.DemoOptions{Sales: benchLines, Years: 1, Villages: 3, Today: data.MustDate(2025, 12, 31), Seed: 7})
		tb.Logf("demo database with %d sale lines built in %v", benchLines, time.Since(start).Round(time.Millisecond))
	})
	if benchErr != nil {
		tb.Fatal(benchErr)
	}
	return benchDB
}

func TestMain(m *testing.M) {
	if db := os.Getenv("CUNJI_EXPORT_CHILD"); db != "" {
		os.Exit(exportChild(db))
	}
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// exportChild is the benchmark's child process: one export of 2025, nothing else, so the
// parent can read the peak resident memory of an export from the operating system.
func exportChild(db string) int {
	st, err := data.OpenExisting(db)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer st.Close()
	out, err := os.CreateTemp("", "cunji-bench-*.xlsx")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.Remove(out.Name())
	defer out.Close()
	if err := ExportYear(st, 2025, out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// BenchmarkExportYear200k exports a year of 200,000 sale lines to an .xlsx file. Besides
// ns/op it reports the peak memory the Go runtime held during the export (sampled every 10 ms), the bytes
// allocated, the file size, and the peak RSS of a separate process doing one export (Linux).
// Goal: under 4 s and under 200 MB.
func BenchmarkExportYear200k(b *testing.B) {
	db := benchDatabase(b)
	st, err := data.OpenExisting(db)
	if err != nil {
		b.Fatal(err)
	}
	sum, err := st.YearSummary(2025, 0)
	if err != nil {
		b.Fatal(err)
	}
	if sum.Sales.Lines != benchLines {
		b.Fatalf("the year holds %d sale lines, want %d", sum.Sales.Lines, benchLines)
	}
	out := filepath.Join(b.TempDir(), "bench.xlsx")
	var peakHeap uint64
	var size int64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		runtime.GC()
		stop := sampleHeap(&peakHeap)
		f, err := os.Create(out)
		if err != nil {
			b.Fatal(err)
		}
		if err := ExportYear(st, 2025, f); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		stop()
		if info, err := os.Stat(out); err == nil {
			size = info.Size()
		}
	}
	b.StopTimer()
	st.Close()
	b.ReportMetric(float64(peakHeap)/(1<<20), "peak-go-MB")
	b.ReportMetric(float64(size)/(1<<20), "xlsx-MB")
	if rss, ok := childPeakRSS(b, db); ok {
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
	}
}

// sampleHeap records the most memory the Go runtime held from the system (mapped and not
// released) until the returned stop is called. runtime/metrics does not stop the world.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
		for {
			metrics.Read(samples)
			if v := samples[0].Value.Uint64() - samples[1].Value.Uint64(); v > *peak {
				*peak = v
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// childPeakRSS runs one export in a child process (this test binary, see TestMain) and
// returns its peak resident set size in bytes, where the platform reports it.
func childPeakRSS(b *testing.B, db string) (int64, bool) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CUNJI_EXPORT_CHILD="+db)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Logf("child export: %v", err)
		return 0, false
	}
	ps := cmd.ProcessState
	b.ReportMetric((ps.UserTime() + ps.SystemTime()).Seconds(), "child-cpu-s")
	b.Logf("child export took %v (%v CPU)", time.Since(start).Round(time.Millisecond), (ps.UserTime() + ps.SystemTime()).Round(time.Millisecond))
	return maxRSS(ps)
}
