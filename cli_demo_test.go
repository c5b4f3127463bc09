package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"cunji/data"
)

// TestMain lets a test run this binary as the real cunji command (CUNJI_CLI_CHILD=1 cunji.test demo …,
// or crashEnv for `cunji import`), so a test can kill it from outside.
func TestMain(m *testing.M) {
	if os.Getenv("CUNJI_CLI_CHILD") == "1" {
		main()
	}
	if args := os.Getenv(crashEnv); args != "" {
		os.Exit(runImport(strings.Split(args, "\x1f")))
	}
	os.Exit(m.Run())
}

// demoChild is `cunji demo` running in a process of its own.
type demoChild struct {
	cmd    *exec.Cmd
	exited chan struct{} // closed once it has ended; err is then its exit
	err    error
	stderr strings.Builder
}

// startDemoChild starts `cunji demo` on path, making far more lines than it will live to write,
// and returns once the files it writes have grown past 8 MB (it is writing sale lines by then).
func startDemoChild(t *testing.T, path string) *demoChild {
	t.Helper()
	c := &demoChild{exited: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], "demo", "-db", path, "-sales", "5000000", "-villages", "3")
	c.cmd.Env = append(os.Environ(), "CUNJI_CLI_CHILD=1")
	c.cmd.Stderr = &c.stderr
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.err = c.cmd.Wait(); close(c.exited) }()
	t.Cleanup(func() { c.cmd.Process.Kill(); <-c.exited })
	for deadline := time.Now().Add(3 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if written(t, path) > 8<<20 {
			return c
		}
		select {
		case <-c.exited:
			t.Fatalf("demo ended before it could be stopped: %v %s", c.err, c.stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the demo wrote nothing in three minutes")
		}
	}
}

// stop sends sig and waits for the process to end.
func (c *demoChild) stop(t *testing.T, sig os.Signal) {
	t.Helper()
	if err := c.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	<-c.exited
}

// written is the size of every file in path's folder that carries its name (the database, its
// journal, any temporary copy).
func written(t *testing.T, path string) int64 {
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, e := range entries {
		if info, err := e.Info(); err == nil && strings.Contains(e.Name(), filepath.Base(path)) {
			n += info.Size()
		}
	}
	return n
}

func TestDemoKilledHalfwayLeavesNoDatabaseAndCanBeRerun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "演示.db")
	startDemoChild(t, path).stop(t, os.Kill)
	if _, err := os.Lstat(path); err == nil {
		t.Fatal("a killed demo left a database at the path asked for")
	}
	if code, _, errs := runCLI(t, runSummary, "-db", path, "-year", "2025"); code == 0 {
		t.Fatalf("summary accepted the killed demo's path: %s", errs)
	}
	code, out, errs := runCLI(t, runDemo, "-db", path, "-sales", "300", "-years", "1")
	if code != 0 {
		t.Fatalf("rerun: exit %d: %s %s", code, out, errs)
	}
	st, err := data.OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := st.YearSummary(data.Today().Year(), 0)
	st.Close()
	if err != nil || sum.Sales.Lines != 300 {
		t.Fatalf("rerun made %d lines, %v", sum.Sales.Lines, err)
	}
	// The killed run's temporary file went with the rerun: only the database (and its lock) remain.
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if e.Name() != filepath.Base(path) && e.Name() != filepath.Base(path)+".lock" {
			t.Errorf("left over: %s", e.Name())
		}
	}
}

func TestDemoInterruptedRemovesEverythingItWrote(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a process cannot be sent Ctrl+C from Go on Windows")
	}
	path := filepath.Join(t.TempDir(), "演示.db")
	c := startDemoChild(t, path)
	c.stop(t, syscall.SIGINT)
	if c.err == nil {
		t.Fatal("an interrupted demo reported success")
	}
	if !strings.Contains(c.stderr.String(), "中断") {
		t.Errorf("no word of the interruption: %s", c.stderr.String())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
}
