package data

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// dirNames lists the file names in dir, sorted.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	noErr(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// A backup opens for looking while the window has the ledger open: no lock is taken, nothing is
// written to it or beside it, and every change is refused in Chinese.
func TestOpenReadOnlyWhileTheLedgerIsOpen(t *testing.T) {
	f := newLedgerFixture(t)
	backup, err := f.s.BackupNow()
	noErr(t, err)
	noErr(t, f.s.SaveVillage(&Village{Name: "备份后才有的村"}))
	before, files := fileHash(t, backup), dirNames(t, filepath.Dir(backup))

	view, err := OpenReadOnly(backup)
	noErr(t, err)
	vs, err := view.Villages()
	noErr(t, err)
	if len(vs) != 2 {
		t.Fatalf("the backup shows %d villages, want the 2 it was taken with", len(vs))
	}
	if err := view.SaveVillage(&Village{Name: "新村"}); !errors.Is(err, ErrViewOnly) {
		t.Fatalf("a change to a backup opened to look at: %v", err)
	}
	if _, err := view.BackupNow(); !errors.Is(err, ErrViewOnly) {
		t.Fatalf("backing up a backup opened to look at: %v", err)
	}
	if r, err := view.Verify(t.Context()); err != nil || !r.OK() {
		t.Fatalf("verify of the backup: %+v %v", r, err)
	}
	// The ledger goes on saving while the backup is open.
	noErr(t, f.s.SaveVillage(&Village{Name: "查看备份时添加的村"}))
	noErr(t, view.Close())
	if fileHash(t, backup) != before || !slices.Equal(dirNames(t, filepath.Dir(backup)), files) {
		t.Fatalf("looking at the backup changed its folder: %v → %v", files, dirNames(t, filepath.Dir(backup)))
	}

	// The open ledger itself can be looked at too, and shows what is committed.
	live, err := OpenReadOnly(f.s.Path())
	noErr(t, err)
	defer live.Close()
	if vs, _ := live.Villages(); len(vs) != 4 {
		t.Fatalf("the open ledger read-only shows %d villages, want 4", len(vs))
	}
}

// A closed ledger (a WAL-mode file) read-only gets no -wal or -shm beside it.
func TestOpenReadOnlyMakesNoFilesBesideAClosedLedger(t *testing.T) {
	f := newLedgerFixture(t)
	path := f.s.Path()
	noErr(t, f.s.Close())
	before, files := fileHash(t, path), dirNames(t, filepath.Dir(path))
	view, err := OpenReadOnly(path)
	noErr(t, err)
	if vs, err := view.Villages(); err != nil || len(vs) != 2 {
		t.Fatalf("villages %v %v", vs, err)
	}
	noErr(t, view.Close())
	if fileHash(t, path) != before || !slices.Equal(dirNames(t, filepath.Dir(path)), files) {
		t.Fatalf("the folder changed: %v → %v", files, dirNames(t, filepath.Dir(path)))
	}
}

// A backup made by an older version opens through an up-to-date copy: the new queries work,
// the file keeps its old version, and the copy is gone after Close.
func TestOpenReadOnlyReadsAnOlderBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", path)
	noErr(t, err)
	noErr(t, migrate(db, 4)) // before the audit chain
	rawLedgerRows(t, db)
	noErr(t, db.Close())
	before := fileHash(t, path)
	tmpBefore := viewCopies(t)

	view, err := OpenReadOnly(path)
	noErr(t, err)
	if x, err := view.GetEntry(1); err != nil || x.Amount != 100000 {
		t.Fatalf("entry %+v %v", x, err)
	}
	if _, err := view.AuditLog("", 0, 10); err != nil {
		t.Fatalf("the audit log of this version on an older file: %v", err)
	}
	if len(viewCopies(t)) != len(tmpBefore)+1 {
		t.Fatalf("no up-to-date copy in the temporary folder")
	}
	noErr(t, view.Close())
	if fileHash(t, path) != before {
		t.Fatal("the older file was changed")
	}
	if got := viewCopies(t); len(got) != len(tmpBefore) {
		t.Fatalf("the copy was left behind: %v", got)
	}
}

func viewCopies(t *testing.T) []string {
	t.Helper()
	list, err := filepath.Glob(filepath.Join(os.TempDir(), "cunji-view-*"))
	noErr(t, err)
	return list
}

func TestOpenReadOnlyRefusesWhatIsNotOurs(t *testing.T) {
	dir := t.TempDir()
	_, err := OpenReadOnly(filepath.Join(dir, "missing.db"))
	requireOpenError(t, err, ErrMissing)

	text := filepath.Join(dir, "notes.db")
	noErr(t, os.WriteFile(text, []byte("这不是数据库"), 0o644))
	_, err = OpenReadOnly(text)
	requireOpenError(t, err, ErrNotSQLite)

	foreign := filepath.Join(dir, "other.db")
	runSqlite3(t, foreign, "CREATE TABLE t(x); INSERT INTO t VALUES (1);")
	_, err = OpenReadOnly(foreign)
	requireOpenError(t, err, ErrForeign)

	newer := filepath.Join(dir, "newer.db")
	s, err := Open(newer)
	noErr(t, err)
	noErr(t, s.Close())
	runSqlite3(t, newer, "PRAGMA user_version = 999")
	_, err = OpenReadOnly(newer)
	requireOpenError(t, err, ErrTooNew)
}
