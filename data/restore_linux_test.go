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

// newLedgerPeak is the room an empty ledger takes while open (database, WAL and shm), so a disk
// can be sized to hold a new ledger whatever the migrations grow to.
func newLedgerPeak(t *testing.T) int64 {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "cunji.db"))
	noErr(t, err)
	var peak int64
	for _, f := range filesUnder(t, dir) {
		peak += fileSize(filepath.Join(dir, f))
	}
	noErr(t, s.Close())
	return peak
}

// A full disk stops the restore with nothing half-written, whether the copy of the backup or the
// 恢复前 copy of the database is the one that does not fit. The disks are sized from the real
// files, so the test keeps testing what it names as the schema grows.
func TestRestoreOnAFullDiskChangesNothing(t *testing.T) {
	t.Run("the backup does not fit", func(t *testing.T) {
		// The disk holds a new, empty ledger, not the backup. The migrations' WAL at its peak
		// takes over twice the settled files: four times leaves room to spare.
		room := 4 * newLedgerPeak(t)
		_, backup := sizedLedger(t, int(room>>10)+300)
		disk := smallDisk(t, int(room))
		path := filepath.Join(disk, "cunji.db")
		s, err := Open(path)
		noErr(t, err)
		noErr(t, s.Close())
		if fileSize(backup) <= room-fileSize(path) {
			t.Fatalf("backup %d B fits beside the database on a %d B disk", fileSize(backup), room)
		}
		restoreFails(t, path, backup, disk)
	})
	t.Run("the 恢复前 copy does not fit", func(t *testing.T) {
		src, backup := sizedLedger(t, 600)
		db, bk := fileSize(src), fileSize(backup)
		// Room for the database and the backup's copy beside it, not for the 恢复前 copy too.
		disk := smallDisk(t, int(db+bk+db/2))
		path := filepath.Join(disk, "cunji.db")
		b, err := os.ReadFile(src)
		noErr(t, err)
		noErr(t, os.WriteFile(path, b, 0o644))
		restoreFails(t, path, backup, disk)
	})
}

// restoreFails restores backup over path on a disk too small for it and checks that nothing changed.
func restoreFails(t *testing.T, path, backup, disk string) {
	t.Helper()
	before := fileHash(t, path)
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
