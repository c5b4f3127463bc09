package data

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// smallDisk mounts a tmpfs of size bytes: a real disk that fills up. It needs root (CAP_SYS_ADMIN).
func smallDisk(t *testing.T, size int) string {
	t.Helper()
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d", size)); err != nil {
		t.Skip("cannot mount a small disk here (needs root):", err)
	}
	t.Cleanup(func() { unix.Unmount(dir, unix.MNT_DETACH) })
	return dir
}

// filesUnder lists every file below dir (folders left out), relative to it.
func filesUnder(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return err
	})
	noErr(t, err)
	slices.Sort(out)
	return out
}

// sizedLedger makes a closed database of about kb KiB outside the small disk, and a backup of it.
func sizedLedger(t *testing.T, kb int) (path, backup string) {
	t.Helper()
	f := newLedgerFixture(t)
	noErr(t, f.s.write(func(tx *Tx) error {
		for i := range kb / 2 {
			if _, err := tx.Exec("INSERT INTO meta(key, value) VALUES (?, ?)", fmt.Sprint("k", i), strings.Repeat("x", 2000)); err != nil {
				return err
			}
		}
		return tx.Audit("meta", 0, "bulk", nil, kb/2)
	}))
	backup, err := f.s.BackupNow()
	noErr(t, err)
	noErr(t, f.s.Close())
	return f.s.Path(), backup
}

// A full disk stops the restore with nothing half-written, whether the copy of the backup or the
// 恢复前 copy of the database is the one that does not fit.
func TestRestoreOnAFullDiskChangesNothing(t *testing.T) {
	for _, c := range []struct {
		name      string
		disk, db  int // KiB
		keptFails bool
	}{
		{"the backup does not fit", 1280, 1600, false}, // creating a new ledger (migrations to 0008) takes over 1 MiB at its peak
		{"the 恢复前 copy does not fit", 2560, 600, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			src, backup := sizedLedger(t, c.db)
			disk := smallDisk(t, c.disk<<10)
			path := filepath.Join(disk, "cunji.db")
			if c.db > c.disk {
				// The database itself is small; the backup that replaces it is the big one.
				s, err := Open(path)
				noErr(t, err)
				noErr(t, s.Close())
			} else {
				b, err := os.ReadFile(src)
				noErr(t, err)
				noErr(t, os.WriteFile(path, b, 0o644))
			}
			before := fileHash(t, path)
			// Which copy runs out of room follows from the sizes: make sure it is the one named.
			db, bk, room := fileSize(path), fileSize(backup), int64(c.disk<<10)
			if fits := db+bk < room; fits != c.keptFails || c.keptFails && 2*db+bk < room {
				t.Fatalf("database %d B and backup %d B on a %d B disk do not test %q", db, bk, room, c.name)
			}
			_, err := RestoreBackup(context.Background(), path, backup)
			if !errors.Is(err, errRestoreDiskFull) || !strings.Contains(err.Error(), "磁盘空间不够") {
				t.Fatalf("restore on a full disk: %v", err)
			}
			if fileHash(t, path) != before {
				t.Fatal("the database changed")
			}
			if got := filesUnder(t, disk); !slices.Equal(got, []string{"cunji.db"}) {
				t.Fatalf("left on the disk: %v", got)
			}
		})
	}
}

// A folder on a read-only disk: the restore says so and changes nothing.
func TestRestoreIntoAReadOnlyFolder(t *testing.T) {
	_, backup := sizedLedger(t, 10)
	disk := smallDisk(t, 4<<20)
	path := filepath.Join(disk, "cunji.db")
	s, err := Open(path)
	noErr(t, err)
	noErr(t, s.Close())
	before := fileHash(t, path)
	if err := unix.Mount("", disk, "", unix.MS_REMOUNT|unix.MS_RDONLY, ""); err != nil {
		t.Skip("cannot make the disk read-only:", err)
	}
	_, err = RestoreBackup(context.Background(), path, backup)
	if !errors.Is(err, errRestoreReadOnly) {
		t.Fatalf("restore into a read-only folder: %v", err)
	}
	if fileHash(t, path) != before || !slices.Equal(filesUnder(t, disk), []string{"cunji.db"}) {
		t.Fatal("the read-only folder changed")
	}
}

// A full stick: the daily copy is made beside the database, the copy to the stick fails with
// ErrSecondBackup, and nothing half-written stays on the stick.
func TestSecondBackupPlaceFull(t *testing.T) {
	path, _ := sizedLedger(t, 200)
	stick := smallDisk(t, 64<<10)
	s := openAt(t, path, time.Date(2025, 3, 5, 9, 0, 0, 0, time.Local))
	noErr(t, s.SetSecondBackupDir(stick))
	made, err := s.DailyBackup(context.Background())
	if !errors.Is(err, ErrSecondBackup) || !strings.Contains(err.Error(), stick) || made == "" || !fileExists(made) {
		t.Fatalf("daily backup onto a full stick: %q %v", made, err)
	}
	if got := filesUnder(t, stick); len(got) != 0 {
		t.Fatalf("left on the stick: %v", got)
	}
	if st, _ := s.SecondBackupStatus(); !st.Last.IsZero() {
		t.Fatalf("a failed copy counted as made: %+v", st)
	}
}
