package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func openAt(t *testing.T, path string, now time.Time) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.now = func() time.Time { return now }
	return s
}

// Copies cut short (the window closed or the power went mid-backup) are cleared at the next daily
// backup; another database's copy in progress in the same folder is left alone.
func TestDailyBackupClearsLeftoverParts(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, filepath.Join(dir, "cunji.db"), time.Date(2025, 3, 5, 9, 0, 0, 0, time.Local))
	os.MkdirAll(s.BackupDir(), 0o755)
	ours := []string{"cunji-2025-03-01.db.part", "cunji-2025-03-01.db.part-journal", "cunji-2025-03-02-101010.db.part"}
	theirs := []string{"cunji-demo-2025-03-01.db.part", "notes.txt.part"}
	for _, name := range append(slices.Clone(ours), theirs...) {
		if err := os.WriteFile(filepath.Join(s.BackupDir(), name), make([]byte, 4096), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.DailyBackup(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, name := range ours {
		if _, err := os.Stat(filepath.Join(s.BackupDir(), name)); err == nil {
			t.Errorf("leftover %s was kept", name)
		}
	}
	for _, name := range theirs {
		if _, err := os.Stat(filepath.Join(s.BackupDir(), name)); err != nil {
			t.Errorf("%s is not ours and was removed", name)
		}
	}
}

// 最近的备份 is the latest copy in time: a 立即备份 in the afternoon comes before that morning's daily copy.
func TestBackupsAreNewestFirstByTime(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cunji.db")
	s := openAt(t, path, time.Date(2025, 3, 5, 9, 0, 0, 0, time.Local))
	daily, err := s.DailyBackup(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return time.Date(2025, 3, 5, 15, 30, 0, 0, time.Local) }
	later, err := s.BackupNow()
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.Backups()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(list, []string{later, daily}) {
		t.Fatalf("backups %v, want the 15:30 copy first", list)
	}
	msg := (&OpenError{Kind: ErrCorrupt, Path: path}).Error()
	if !strings.Contains(msg, "最近的备份："+filepath.Base(later)) {
		t.Fatalf("message names the wrong copy: %s", msg)
	}
}

// Two databases in one folder each get their own daily copy, named after the file, and retention
// of one never removes the other's.
func TestBackupsAreNamedAfterTheDatabase(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2025, 1, 1, 9, 0, 0, 0, time.Local)
	a := openAt(t, filepath.Join(dir, "cunji.db"), day)
	b := openAt(t, filepath.Join(dir, "cunji-demo.db"), day)
	pa, err := a.DailyBackup(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	pb, err := b.DailyBackup(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(pa) != "cunji-2025-01-01.db" || filepath.Base(pb) != "cunji-demo-2025-01-01.db" {
		t.Fatalf("names %q %q", pa, pb)
	}
	for i := 1; i <= 60; i++ {
		a.now = func() time.Time { return day.AddDate(0, 0, i) }
		if _, err := a.DailyBackup(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	la, _ := a.Backups()
	lb, _ := b.Backups()
	if !slices.Equal(lb, []string{pb}) {
		t.Fatalf("cunji-demo.db's backups after 60 days of cunji.db's: %v", lb)
	}
	if len(la) < 14 || len(la) > 14+3 || slices.Contains(la, pb) {
		t.Fatalf("cunji.db keeps %d backups: %v", len(la), la)
	}
}

// bigDamagedDB makes a database of a few hundred pages and overwrites one page in the middle of
// its file with junk, as a failing disk would; the schema at the start stays readable.
func bigDamagedDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cunji.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	err = s.write(func(tx *Tx) error {
		for i := range 400 {
			if _, err := tx.Exec("INSERT INTO meta(key, value) VALUES (?, ?)", fmt.Sprint("k", i), strings.Repeat("村", 700)); err != nil {
				return err
			}
		}
		return tx.Audit("meta", 0, "bulk", nil, 400)
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	if len(b) < 200*page {
		t.Fatalf("database only %d bytes", len(b))
	}
	mid := len(b) / page / 2 * page
	for i := mid; i < mid+page; i++ {
		b[i] = 0xA5
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Opening reads nothing but the header and the schema, so a damaged page deep in the file does not
// stop the window; the daily check finds it, says how to restore, and keeps no copy of the damage.
func TestDamageIsFoundByTheCheckNotByOpen(t *testing.T) {
	path := bigDamagedDB(t)
	s, err := Open(path)
	if err != nil {
		t.Fatalf("open read more than the header and schema: %v", err)
	}
	defer s.Close()
	var ie *IntegrityError
	err = s.CheckIntegrity(context.Background())
	if !errors.As(err, &ie) || len(ie.Problems) == 0 {
		t.Fatalf("CheckIntegrity: %v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "损坏") || !strings.Contains(msg, s.BackupDir()) {
		t.Fatalf("message: %s", msg)
	}
	if _, err := s.DailyBackup(context.Background()); !errors.As(err, &ie) {
		t.Fatalf("daily backup of a damaged file: %v", err)
	}
	if list, _ := s.Backups(); len(list) != 0 {
		t.Fatalf("a copy of the damaged file was kept: %v", list)
	}
	if parts, _ := filepath.Glob(filepath.Join(s.BackupDir(), "*.part*")); len(parts) != 0 {
		t.Fatalf("left %v", parts)
	}
}

// A sound file passes, and a copy that fails its check is never given a backup's name.
func TestIntegrityCheckPassesASoundFileAndRefusesADamagedCopy(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "cunji.db"), time.Date(2025, 3, 5, 9, 0, 0, 0, time.Local))
	if err := s.CheckIntegrity(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := checkCopy(context.Background(), bigDamagedDB(t)); err == nil || !strings.Contains(err.Error(), "完整性检查") {
		t.Fatalf("damaged copy: %v", err)
	}
}

// The second backup place gets each daily backup while its folder is there; while it is away
// (the stick unplugged) the copy is skipped without an error and the miss recorded; back again,
// it gets today's copy at the next check. After 30 days without a copy 首页 is to remind.
func TestSecondBackupPlaceComesAndGoes(t *testing.T) {
	day := time.Date(2025, 3, 5, 9, 0, 0, 0, time.Local)
	s := openAt(t, filepath.Join(t.TempDir(), "cunji.db"), day)
	stick := filepath.Join(t.TempDir(), "U盘")
	noErr(t, os.Mkdir(stick, 0o755))
	noErr(t, s.SetSecondBackupDir(stick))
	noErr(t, os.Remove(stick)) // unplugged

	made, err := s.DailyBackup(context.Background())
	if err != nil || made == "" {
		t.Fatalf("daily backup with the stick away: %q %v", made, err)
	}
	st, err := s.SecondBackupStatus()
	noErr(t, err)
	if st.Present || !st.Last.IsZero() || st.Missed.IsZero() || st.Remind {
		t.Fatalf("status with the stick away: %+v", st)
	}

	noErr(t, os.Mkdir(stick, 0o755)) // plugged in again, the same day
	again, err := s.DailyBackup(context.Background())
	noErr(t, err)
	if again != "" {
		t.Fatalf("a second daily copy the same day: %q", again)
	}
	if fileHash(t, filepath.Join(stick, filepath.Base(made))) != fileHash(t, made) {
		t.Fatal("the stick did not get today's copy")
	}
	st, err = s.SecondBackupStatus()
	noErr(t, err)
	if !st.Present || !st.Last.Equal(day.Truncate(time.Second)) || st.DaysSince != 0 {
		t.Fatalf("status after the copy: %+v", st)
	}

	noErr(t, os.RemoveAll(stick)) // away for a month
	for d := 1; d <= 31; d++ {
		s.now = func() time.Time { return day.AddDate(0, 0, d) }
		if _, err := s.DailyBackup(context.Background()); err != nil {
			t.Fatalf("day %d: %v", d, err)
		}
	}
	st, err = s.SecondBackupStatus()
	noErr(t, err)
	if st.DaysSince != 31 || !st.Remind || !st.Missed.Equal(day.AddDate(0, 0, 31).Truncate(time.Second)) {
		t.Fatalf("status after a month away: %+v", st)
	}
	// Skips are recorded once a day, not at every start.
	before := countRows(t, s, "SELECT count(*) FROM audit_log")
	if _, err := s.DailyBackup(context.Background()); err != nil {
		t.Fatal(err)
	}
	if after := countRows(t, s, "SELECT count(*) FROM audit_log"); after != before {
		t.Fatalf("a second start the same day wrote %d audit rows", after-before)
	}
}

// The second place keeps what the backup folder keeps: 14 daily copies and one a month.
func TestSecondBackupPlaceIsPruned(t *testing.T) {
	day := time.Date(2025, 1, 1, 9, 0, 0, 0, time.Local)
	s := openAt(t, filepath.Join(t.TempDir(), "cunji.db"), day)
	stick := t.TempDir()
	noErr(t, s.SetSecondBackupDir(stick))
	noErr(t, os.WriteFile(filepath.Join(stick, "别的文件.txt"), []byte("x"), 0o644))
	for d := range 40 {
		s.now = func() time.Time { return day.AddDate(0, 0, d) }
		if _, err := s.DailyBackup(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	here, _ := s.Backups()
	there, err := backupsIn(stick, s.Path())
	noErr(t, err)
	if len(there) != len(here) || len(there) > 14+2 {
		t.Fatalf("the stick keeps %d copies, the backup folder %d", len(there), len(here))
	}
	if _, err := os.Stat(filepath.Join(stick, "别的文件.txt")); err != nil {
		t.Fatal("a file that is not ours was removed from the stick")
	}
}

func TestSetSecondBackupDirRefuses(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "cunji.db"), time.Now())
	noErr(t, os.MkdirAll(s.BackupDir(), 0o755))
	for dir, key := range map[string]string{
		"U盘":                               "err.backup.second.relative",
		filepath.Join(t.TempDir(), "none"): "err.backup.second.missing",
		s.BackupDir():                      "err.backup.second.same",
		filepath.Dir(s.Path()):             "err.backup.second.same",
	} {
		var fe *FieldError
		if err := s.SetSecondBackupDir(dir); !errors.As(err, &fe) || fe.Key != key {
			t.Errorf("%s: %v, want %s", dir, err, key)
		}
	}
	noErr(t, s.SetSecondBackupDir("")) // turning it off is always fine
}

// The daily check verifies the audit chain at every start: an edit made with the sqlite3 tool is
// an *AuditError, and the day's copy is still made.
func TestDailyCheckReportsAnAuditProblem(t *testing.T) {
	f, path := auditedFixture(t)
	noErr(t, f.s.Close())
	runSqlite3(t, path, "UPDATE collective_entries SET amount = 1 WHERE id = 1")
	s := openAt(t, path, time.Date(2025, 3, 5, 9, 0, 0, 0, time.Local))
	for range 2 {
		made, err := s.DailyBackup(context.Background())
		var ae *AuditError
		if !errors.As(err, &ae) || !strings.Contains(ae.Result.Problem, "集体收支表第1行") || !strings.Contains(err.Error(), "村记之外") {
			t.Fatalf("daily check after an outside edit: %v", err)
		}
		if list, _ := s.Backups(); len(list) != 1 || made != "" && made != list[0] {
			t.Fatalf("copy %q, backups %v", made, list)
		}
	}
}
