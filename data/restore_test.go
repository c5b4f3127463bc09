package data

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

func mustCounts(t *testing.T, s *Store) LedgerCounts {
	t.Helper()
	c, err := s.Counts()
	noErr(t, err)
	return c
}

// addEntry saves one income entry of the fixture's village.
func addEntry(t *testing.T, f *ledgerFixture, amount Money) {
	t.Helper()
	noErr(t, f.s.SaveEntry(&CollectiveEntry{Date: day("2025-03-01"), VillageID: f.village.ID, Direction: DirectionIncome,
		Category: IncomeOperating, Amount: amount}))
}

// The round trip: back up, change, close, restore, reopen. The restored file holds what the backup
// held; what it replaced is kept as a 恢复前 copy that the list shows with its counts.
func TestRestoreRoundTrip(t *testing.T) {
	f := newLedgerFixture(t)
	addEntry(t, f, 100000)
	backup, err := f.s.BackupNow()
	noErr(t, err)
	then := mustCounts(t, f.s)
	addEntry(t, f, 200000)
	addEntry(t, f, 300000)
	now := mustCounts(t, f.s)
	path := f.s.Path()

	if _, err := RestoreBackup(context.Background(), path, backup); !IsOpenError(err, ErrLocked) {
		t.Fatalf("restore while the ledger is open: %v", err)
	}
	if mustCounts(t, f.s) != now {
		t.Fatal("a refused restore changed the ledger")
	}

	noErr(t, f.s.Close())
	res, err := RestoreBackup(context.Background(), path, backup)
	noErr(t, err)
	if res.AuditProblem != "" || !strings.HasSuffix(res.KeptAs, "-恢复前.db") {
		t.Fatalf("result %+v", res)
	}
	s, err := Open(path)
	noErr(t, err)
	defer s.Close()
	if got := mustCounts(t, s); got != then {
		t.Fatalf("restored ledger holds %+v, the backup held %+v", got, then)
	}
	if r := mustVerify(t, s); !r.OK() {
		t.Fatalf("verify after restore: %+v", r)
	}
	list, err := ListBackups(path)
	noErr(t, err)
	if len(list) != 2 || list[0].Path != res.KeptAs || list[0].Kind != BackupBeforeRestore || list[1].Kind != BackupManual {
		t.Fatalf("backups after the restore: %+v", list)
	}
	if list[0].LedgerCounts != now || list[1].LedgerCounts != then || list[0].Problem != nil || list[0].Size == 0 {
		t.Fatalf("counts in the list: kept %+v (want %+v), backup %+v (want %+v)", list[0], now, list[1], then)
	}
}

// A damaged backup is refused and nothing changes: not the database, not its folder.
func TestRestoreRefusesADamagedBackup(t *testing.T) {
	f := newLedgerFixture(t)
	path := f.s.Path()
	noErr(t, f.s.Close())
	before, files := fileHash(t, path), dirNames(t, filepath.Dir(path))
	_, err := RestoreBackup(context.Background(), path, bigDamagedDB(t))
	if !errors.Is(err, ErrBackupDamaged) || !strings.Contains(err.Error(), "没有改动") {
		t.Fatalf("restore from a damaged copy: %v", err)
	}
	if fileHash(t, path) != before || !slices.Equal(dirNames(t, filepath.Dir(path)), files) {
		t.Fatalf("a refused restore changed the folder: %v → %v", files, dirNames(t, filepath.Dir(path)))
	}
}

// A backup whose audit log disagrees with its ledgers (edited with the sqlite3 tool) is restored:
// it may be the only sound copy. The problem is reported, and stays in the file for the daily check.
func TestRestoreReportsButKeepsAnAuditProblem(t *testing.T) {
	f := newLedgerFixture(t)
	addEntry(t, f, 100000)
	backup, err := f.s.BackupNow()
	noErr(t, err)
	path := f.s.Path()
	noErr(t, f.s.Close())
	runSqlite3(t, backup, "UPDATE collective_entries SET amount = 1")
	res, err := RestoreBackup(context.Background(), path, backup)
	noErr(t, err)
	if !strings.Contains(res.AuditProblem, "集体收支表") {
		t.Fatalf("audit problem %q", res.AuditProblem)
	}
	s, err := Open(path)
	noErr(t, err)
	defer s.Close()
	if r := mustVerify(t, s); r.OK() {
		t.Fatal("the restored file's chain problem is gone")
	}
}

// A database left with committed changes in its -wal (the PC lost power) keeps them in its 恢复前
// copy: folded in when SQLite can still read the file, else as the copy's own -wal. The old -wal
// is never read into the restored file.
func TestRestoreKeepsTheOldWALAndDoesNotApplyIt(t *testing.T) {
	for _, damaged := range []bool{false, true} {
		t.Run(map[bool]string{false: "sound", true: "header damaged"}[damaged], func(t *testing.T) {
			f := newLedgerFixture(t)
			backup, err := f.s.BackupNow()
			noErr(t, err)
			want := mustCounts(t, f.s)
			addEntry(t, f, 100000) // committed into the -wal, not yet into the file
			crashed := filepath.Join(t.TempDir(), "cunji.db")
			for _, suffix := range []string{"", "-wal"} {
				b, err := os.ReadFile(f.s.Path() + suffix)
				noErr(t, err)
				if suffix == "" && damaged {
					copy(b, "junk junk junk j") // SQLite no longer reads the file, so its WAL cannot be folded in
				}
				noErr(t, os.WriteFile(crashed+suffix, b, 0o644))
			}
			if info, err := os.Stat(crashed + "-wal"); err != nil || info.Size() == 0 {
				t.Fatalf("no -wal to test with: %v", err)
			}

			res, err := RestoreBackup(context.Background(), crashed, backup)
			noErr(t, err)
			if fileExists(crashed + "-wal") {
				t.Fatal("the old -wal is still beside the restored file")
			}
			if damaged {
				if !fileExists(res.KeptAs + "-wal") {
					t.Fatal("the -wal of the damaged file was not kept")
				}
			} else {
				kept, err := InspectBackup(res.KeptAs)
				noErr(t, err)
				if kept.Entries != 1 || fileExists(res.KeptAs+"-wal") {
					t.Fatalf("the 恢复前 copy holds %d entries, want the 1 from the -wal folded in", kept.Entries)
				}
			}
			s, err := Open(crashed)
			noErr(t, err)
			defer s.Close()
			if got := mustCounts(t, s); got != want {
				t.Fatalf("restored %+v, want the backup's %+v", got, want)
			}
			noErr(t, s.CheckIntegrity(context.Background()))
		})
	}
}

// A missing database (deleted, or a new PC) is made from the backup; there is nothing to keep.
func TestRestoreIntoAMissingDatabase(t *testing.T) {
	f := newLedgerFixture(t)
	backup, err := f.s.BackupNow()
	noErr(t, err)
	path := filepath.Join(t.TempDir(), "新电脑", "cunji.db")
	res, err := RestoreBackup(context.Background(), path, backup)
	noErr(t, err)
	if res.KeptAs != "" {
		t.Fatalf("kept %q of nothing", res.KeptAs)
	}
	s, err := OpenExisting(path)
	noErr(t, err)
	defer s.Close()
	if vs, _ := s.Villages(); len(vs) != 2 {
		t.Fatalf("villages %v", vs)
	}
}

// The preview compares both files and refuses what the restore would refuse, changing nothing.
func TestPreviewRestore(t *testing.T) {
	f := newLedgerFixture(t)
	backup, err := f.s.BackupNow()
	noErr(t, err)
	addEntry(t, f, 100000)
	path := f.s.Path()
	if _, err := PreviewRestore(path, backup); !IsOpenError(err, ErrLocked) {
		t.Fatalf("preview while open: %v", err)
	}
	noErr(t, f.s.Close())
	before := fileHash(t, path)
	p, err := PreviewRestore(path, backup)
	noErr(t, err)
	if p.Current.Entries != 1 || p.Backup.Entries != 0 || p.Current.Problem != nil || p.Backup.Path != backup {
		t.Fatalf("preview %+v", p)
	}
	if fileHash(t, path) != before {
		t.Fatal("the preview changed the database")
	}
	if _, err := PreviewRestore(path, path); !errors.Is(err, ErrSameFile) {
		t.Fatalf("the database as its own backup: %v", err)
	}
	foreign := filepath.Join(t.TempDir(), "other.db")
	runSqlite3(t, foreign, "CREATE TABLE t(x)")
	if _, err := PreviewRestore(path, foreign); !IsOpenError(err, ErrForeign) {
		t.Fatalf("another program's database as backup: %v", err)
	}
	if _, err := RestoreBackup(context.Background(), foreign, backup); !IsOpenError(err, ErrForeign) {
		t.Fatalf("replacing another program's database: %v", err)
	}
}
