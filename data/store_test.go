package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func requireOpenError(t *testing.T, err error, kind OpenErrorKind) {
	t.Helper()
	if !IsOpenError(err, kind) {
		t.Fatalf("want open error kind %d, got %v", kind, err)
	}
	if !regexp.MustCompile(`\p{Han}{4}`).MatchString(err.Error()) {
		t.Fatalf("message should be Chinese: %q", err)
	}
}

func TestOpenNewFileMarksItOurs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "cunji.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var appID, version int
	var jm string
	s.db.QueryRow("PRAGMA application_id").Scan(&appID)
	s.db.QueryRow("PRAGMA user_version").Scan(&version)
	s.db.QueryRow("PRAGMA journal_mode").Scan(&jm)
	if appID != AppID || version != SchemaVersion() || jm != "wal" {
		t.Fatalf("app_id %x version %d journal %s", appID, version, jm)
	}
	var fk, sync int
	s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	s.db.QueryRow("PRAGMA synchronous").Scan(&sync)
	if fk != 1 || sync != 2 {
		t.Fatalf("foreign_keys %d synchronous %d", fk, sync)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// And it opens again as an existing good file.
	s, err = OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

func TestOpenRefusesNonSQLiteFileUnchanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(path, []byte("村委会会议记录\n这不是数据库"), 0o644)
	before := fileHash(t, path)
	_, err := Open(path)
	requireOpenError(t, err, ErrNotSQLite)
	if fileHash(t, path) != before {
		t.Fatal("file changed")
	}
}

func makeForeignDB(t *testing.T, path string, appID int) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers(name) VALUES('王五')"); err != nil {
		t.Fatal(err)
	}
	if appID != 0 {
		db.Exec("PRAGMA application_id = ?", appID)
	}
}

func TestOpenRefusesOtherProgramsDatabaseUnchanged(t *testing.T) {
	for _, appID := range []int{0, 0x12345678} {
		path := filepath.Join(t.TempDir(), "other.db")
		makeForeignDB(t, path, appID)
		before := fileHash(t, path)
		_, err := Open(path)
		requireOpenError(t, err, ErrForeign)
		if fileHash(t, path) != before {
			t.Fatalf("app_id %x: file changed", appID)
		}
		if _, err := os.Stat(path + "-wal"); err == nil {
			t.Fatal("a WAL file was created beside a foreign database")
		}
	}
}

func TestOpenRefusesOurIDWithStrangeTables(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd.db")
	makeForeignDB(t, path, AppID)
	before := fileHash(t, path)
	_, err := Open(path)
	requireOpenError(t, err, ErrForeign)
	if fileHash(t, path) != before {
		t.Fatal("file changed")
	}
}

func TestOpenRefusesReadOnlyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cunji.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	os.Chmod(path, 0o444)
	before := fileHash(t, path)
	_, err = Open(path)
	requireOpenError(t, err, ErrReadOnly)
	if fileHash(t, path) != before {
		t.Fatal("file changed")
	}
}

func TestSecondOpenerIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cunji.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(path)
	requireOpenError(t, err, ErrLocked)
	_, err = OpenExisting(path)
	requireOpenError(t, err, ErrLocked)
	s.Close()
	s2, err := Open(path) // free again once the first copy closes
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
}

func TestOpenRefusesCorruptFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cunji.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	s.Close()
	b, _ := os.ReadFile(path)
	// Keep the header (so it still looks like ours) and scribble over the schema page.
	for i := 100; i < len(b) && i < 4096; i++ {
		b[i] = 0xA5
	}
	os.WriteFile(path, b, 0o644)
	before := fileHash(t, path)
	_, err = Open(path)
	requireOpenError(t, err, ErrCorrupt)
	if fileHash(t, path) != before {
		t.Fatal("file changed")
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cunji.db")
	s, _ := Open(path)
	if _, err := s.db.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := Open(path)
	requireOpenError(t, err, ErrTooNew)
}

func TestOpenExistingAndCreateGuards(t *testing.T) {
	dir := t.TempDir()
	_, err := OpenExisting(filepath.Join(dir, "missing.db"))
	requireOpenError(t, err, ErrMissing)
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); err == nil {
		t.Fatal("OpenExisting created a file")
	}
	path := filepath.Join(dir, "x.db")
	os.WriteFile(path, []byte("keep me"), 0o644)
	_, err = Create(path)
	requireOpenError(t, err, ErrExists)
	if b, _ := os.ReadFile(path); string(b) != "keep me" {
		t.Fatal("Create touched an existing file")
	}
}

func TestWriteRollsBackAndAudits(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "cunji.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var got []Change
	cancel := s.Subscribe(func(c Change) { got = append(got, c) })
	defer cancel()
	err = s.write(func(tx *Tx) error {
		if _, err := tx.Exec("INSERT INTO meta(key, value) VALUES ('a','1')"); err != nil {
			return err
		}
		if err := tx.Audit("meta", 1, "insert", nil, map[string]string{"a": "1"}); err != nil {
			return err
		}
		_, err := tx.Exec("INSERT INTO meta(key, value) VALUES ('a','2')") // duplicate key fails halfway
		return err
	})
	if err == nil {
		t.Fatal("duplicate insert should fail")
	}
	var n int
	s.db.QueryRow("SELECT count(*) FROM meta").Scan(&n)
	var audits int
	s.db.QueryRow("SELECT count(*) FROM audit_log WHERE action <> 'chain_start'").Scan(&audits)
	if n != 0 || audits != 0 || len(got) != 0 {
		t.Fatalf("failed write left meta=%d audit=%d changes=%d", n, audits, len(got))
	}
	err = s.write(func(tx *Tx) error {
		tx.Exec("INSERT INTO meta(key, value) VALUES ('a','1')")
		return tx.Audit("meta", 1, "insert", nil, map[string]string{"a": "1"})
	})
	if err != nil {
		t.Fatal(err)
	}
	log, _ := s.AuditLog("meta", 1, 10)
	if len(got) == 1 && (!got[0].Touches("villages", "meta") || got[0].Touches("villages")) {
		t.Fatalf("Touches on %v", got[0].Tables)
	}
	if len(log) != 1 || log[0].NewJSON != `{"a":"1"}` || len(got) != 1 || got[0].Tables[0] != "meta" {
		t.Fatalf("audit %+v changes %+v", log, got)
	}
}

func TestDailyBackupAndRetention(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cunji.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	day := time.Date(2025, 1, 1, 9, 0, 0, 0, time.Local)
	for i := 0; i < 400; i++ {
		s.now = func() time.Time { return day.AddDate(0, 0, i) }
		if _, err := s.DailyBackup(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	again, err := s.DailyBackup(context.Background())
	if err != nil || again != "" {
		t.Fatalf("second backup of the same day: %q %v", again, err)
	}
	files, _ := s.Backups()
	// 14 daily + first-of-month copies for the months of the last year not already among them.
	if len(files) < 14+10 || len(files) > 14+13 {
		t.Fatalf("kept %d backups: %v", len(files), files)
	}
	// A backup is a real, openable copy of our database.
	b, err := OpenExisting(files[0])
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
}

func TestCorruptMessageNamesTheBackupToRestore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cunji.db")
	os.MkdirAll(filepath.Join(dir, "backups"), 0o755)
	for _, name := range []string{"cunji-2026-11-24.db", "cunji-2026-11-25.db"} {
		os.WriteFile(filepath.Join(dir, "backups", name), []byte("x"), 0o644)
	}
	msg := (&OpenError{Kind: ErrCorrupt, Path: path}).Error()
	if !strings.Contains(msg, filepath.Join(dir, "backups")) || !strings.Contains(msg, "cunji-2026-11-25.db") || strings.Contains(msg, "设置") {
		t.Fatalf("message: %s", msg)
	}
}

// A full disk is simulated with SQLite's own page limit, which fails writes with SQLITE_FULL
// exactly as a full disk does: the save must fail whole with the Chinese message, and nothing change.
func TestFullDiskFailsTheWholeWriteWithAClearMessage(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "cunji.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.db.SetMaxOpenConns(1) // the page limit is per connection
	var pages int
	s.db.QueryRow("PRAGMA page_count").Scan(&pages)
	if _, err := s.db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages)); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("村", 20000)
	err = s.write(func(tx *Tx) error {
		if _, err := tx.Exec("INSERT INTO meta(key, value) VALUES ('small', 'ok')"); err != nil {
			return err
		}
		_, err := tx.Exec("INSERT INTO meta(key, value) VALUES ('big', ?)", big)
		return err
	})
	if !errors.Is(err, ErrDiskFullWrite) || !strings.Contains(err.Error(), "磁盘空间已满") {
		t.Fatalf("want the disk-full message, got %v", err)
	}
	var n int
	s.db.QueryRow("SELECT count(*) FROM meta").Scan(&n)
	if n != 0 {
		t.Fatalf("%d rows of a failed write were kept", n)
	}
}

// emptySQLiteFile makes a SQLite file holding no schema at all, with the statements given run first.
func emptySQLiteFile(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// A first start killed a few milliseconds in leaves a SQLite file with nothing in it: no table, no
// application_id, user_version 0. There is nothing to lose, so it becomes a new 村记 database.
func TestOpenTakesOverAnEmptySQLiteFile(t *testing.T) {
	cases := map[string]func(t *testing.T, path string){
		"killed first start (WAL set, empty -wal left)": func(t *testing.T, path string) {
			emptySQLiteFile(t, path, "PRAGMA journal_mode=WAL")
			os.WriteFile(path+"-wal", nil, 0o644)
		},
		"table made and dropped": func(t *testing.T, path string) {
			emptySQLiteFile(t, path, "CREATE TABLE t(a)", "INSERT INTO t VALUES (1)", "DROP TABLE t")
		},
		"sqlite3 tool": func(t *testing.T, path string) {
			if _, err := exec.LookPath("sqlite3"); err != nil {
				t.Skip("no sqlite3 tool")
			}
			if out, err := exec.Command("sqlite3", path, "PRAGMA journal_mode=WAL;").CombinedOutput(); err != nil {
				t.Fatal(string(out), err)
			}
		},
	}
	for name, build := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cunji.db")
			build(t, path)
			if info, err := os.Stat(path); err != nil || info.Size() == 0 {
				t.Fatalf("the empty SQLite file was not made: %v", err)
			}
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			var appID, version int
			s.db.QueryRow("PRAGMA application_id").Scan(&appID)
			s.db.QueryRow("PRAGMA user_version").Scan(&version)
			s.Close()
			if appID != AppID || version != SchemaVersion() {
				t.Fatalf("app_id %x version %d", appID, version)
			}
		})
	}
}

// Without tables but with something else of someone's (a view, a user_version) it stays foreign.
func TestOpenRefusesEmptyLookingFilesThatHoldSomething(t *testing.T) {
	for name, stmt := range map[string]string{"view": "CREATE VIEW v AS SELECT 1", "user_version": "PRAGMA user_version=7"} {
		path := filepath.Join(t.TempDir(), "other.db")
		emptySQLiteFile(t, path, stmt)
		before := fileHash(t, path)
		_, err := Open(path)
		requireOpenError(t, err, ErrForeign)
		if fileHash(t, path) != before {
			t.Fatalf("%s: file changed", name)
		}
	}
}

// Subscribers run after the write lock is released, so one that writes in turn does not deadlock.
func TestSubscriberMayWrite(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "cunji.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	insert := func(key string) func(tx *Tx) error {
		return func(tx *Tx) error {
			if _, err := tx.Exec("INSERT INTO meta(key, value) VALUES (?, 'x')", key); err != nil {
				return err
			}
			return tx.Audit("meta", 0, "insert", nil, key)
		}
	}
	var calls int
	s.Subscribe(func(Change) {
		calls++
		if calls > 1 {
			return
		}
		if !s.wmu.TryLock() {
			t.Error("subscriber called while the write lock is held")
			return // writing now would hang the test
		}
		s.wmu.Unlock()
		if err := s.write(insert("second")); err != nil {
			t.Error(err)
		}
	})
	if err := s.write(insert("first")); err != nil {
		t.Fatal(err)
	}
	var n int
	s.db.QueryRow("SELECT count(*) FROM meta").Scan(&n)
	if n != 2 || calls != 2 {
		t.Fatalf("%d rows, %d notifications", n, calls)
	}
}
