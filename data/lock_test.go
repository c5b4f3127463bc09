package data

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLockHolderProcess is not a test on its own: holdInOtherProcess runs the test binary again with
// CUNJI_HOLD_DB set, and this opens that database and keeps it open until its stdin closes.
func TestLockHolderProcess(t *testing.T) {
	path := os.Getenv("CUNJI_HOLD_DB")
	if path == "" {
		t.Skip("only run as the second process of the lock tests")
	}
	s, err := Open(path)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	defer s.Close()
	fmt.Println("ready")
	bufio.NewReader(os.Stdin).ReadString('\n') // returns at EOF, when the parent is done
}

// holdInOtherProcess opens path in a second process and returns once that process holds it.
func holdInOtherProcess(t *testing.T, path string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHolderProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "CUNJI_HOLD_DB="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "ready" {
		t.Fatalf("the other process did not open %s: %q %v", path, line, err)
	}
}

// Every way of naming one file leads to the same lock, held by another process: a hard link, a
// symlink, a path through a symlinked folder, and the plain path after someone deleted the old .lock file.
func TestOtherProcessHoldsTheFileUnderEveryName(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cunji.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(path, hard); err != nil {
		t.Skip("no hard links here:", err)
	}
	soft := filepath.Join(dir, "soft.db")
	if err := os.Symlink(path, soft); err != nil {
		t.Skip("no symlinks here:", err)
	}
	alias := filepath.Join(t.TempDir(), "alias")
	if err := os.Symlink(dir, alias); err != nil {
		t.Fatal(err)
	}
	holdInOtherProcess(t, path)
	os.Remove(path + ".lock") // a lock file beside the database (older versions) proves nothing
	t.Chdir(filepath.Dir(alias))
	for _, name := range []string{hard, soft, filepath.Join("alias", "cunji.db"), path} {
		_, err := Open(name)
		requireOpenError(t, err, ErrLocked)
		if !strings.Contains(err.Error(), "正在使用这个数据库") {
			t.Errorf("%s: message %q", name, err)
		}
		_, err = OpenExisting(name)
		requireOpenError(t, err, ErrLocked)
	}
}

// Within one process too, a second Store on another name of the same file is refused.
func TestSecondStoreOnAHardLinkIsRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cunji.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(path, hard); err != nil {
		s.Close()
		t.Skip("no hard links here:", err)
	}
	_, err = Open(hard)
	requireOpenError(t, err, ErrLocked)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(hard) // free once the first closes
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
}
