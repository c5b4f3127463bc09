package data

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// BackupDir is the folder beside the database that holds the automatic copies.
func (s *Store) BackupDir() string { return backupDir(s.path) }

func backupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// backupPrefix begins every backup of the database: its file name without extension, then "-",
// so two databases in one folder never share a backup's name.
func backupPrefix(dbPath string) string {
	base := filepath.Base(dbPath)
	return strings.TrimSuffix(base, filepath.Ext(base)) + "-"
}

// backupStamp is what follows the prefix: the day, and the time for a 立即备份.
var backupStamp = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(-\d{6})?\.db$`)

// partSuffixes are the files a copy cut short leaves: the copy itself and SQLite's journal of it.
var partSuffixes = []string{".part", ".part-journal"}

// DailyBackup checks the database and makes today's checked copy unless it exists, then prunes old copies.
// It also clears copies earlier runs left unfinished. It returns the path of the copy made, or "" when
// today's copy was already there. Damage is an *IntegrityError, and then no copy is kept or pruned.
// It reads the whole file: run it in the background; cancelling ctx stops it.
func (s *Store) DailyBackup(ctx context.Context) (string, error) {
	if s.readOnly {
		return "", ErrViewOnly
	}
	s.bmu.Lock()
	defer s.bmu.Unlock()
	s.clearParts()
	name := filepath.Join(s.BackupDir(), backupPrefix(s.path)+DateOf(s.now()).String()+".db")
	if _, err := os.Stat(name); err == nil {
		return "", nil
	}
	if err := s.CheckIntegrity(ctx); err != nil {
		return "", err
	}
	if err := s.backupTo(ctx, name); err != nil {
		return "", err
	}
	return name, s.pruneBackups()
}

// BackupNow makes a checked copy stamped with date and time (the "立即备份" button); it never replaces a daily copy.
func (s *Store) BackupNow() (string, error) {
	if s.readOnly {
		return "", ErrViewOnly
	}
	s.bmu.Lock()
	defer s.bmu.Unlock()
	now := s.now()
	name := filepath.Join(s.BackupDir(), backupPrefix(s.path)+DateOf(now).String()+"-"+now.Format("150405")+".db")
	return name, s.backupTo(context.Background(), name)
}

// CheckIntegrity runs SQLite's integrity_check over the whole database: seconds on a large file, so
// call it in the background. nil means sound; damage is an *IntegrityError saying how to restore.
func (s *Store) CheckIntegrity(ctx context.Context) error {
	problems, err := integrityProblems(ctx, s.db)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return &IntegrityError{Path: s.path, BackupDir: s.BackupDir(), NewestBackup: newestBackup(s.path), Problems: problems}
	}
	return nil
}

// integrityProblems lists what integrity_check reports (at most 10 lines); none when the file is sound.
func integrityProblems(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check(10)")
	if err != nil {
		if classify(err) == ErrCorrupt {
			return []string{err.Error()}, nil
		}
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		out = append(out, line)
	}
	if err := rows.Err(); err != nil {
		if classify(err) == ErrCorrupt {
			return append(out, err.Error()), nil
		}
		return nil, err
	}
	if len(out) == 1 && out[0] == "ok" {
		return nil, nil
	}
	return out, nil
}

// checkCopy runs integrity_check on a freshly written copy before it may become a backup.
func checkCopy(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", path+"?_pragma=query_only(1)")
	if err != nil {
		return err
	}
	defer db.Close()
	problems, err := integrityProblems(ctx, db)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("刚写出的备份副本没有通过完整性检查，已删除；数据库本身没有改动。请检查备份所在的磁盘。技术详情：%s",
			strings.Join(problems, "；"))
	}
	return nil
}

// backupTo writes a consistent copy with VACUUM INTO, fsyncs and checks it, and only then gives it its final name.
func (s *Store) backupTo(ctx context.Context, name string) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("无法建立备份文件夹：%w", err)
	}
	tmp := name + ".part"
	os.Remove(tmp)
	err := func() error {
		if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
			return wrapWriteErr(err)
		}
		if err := syncFile(tmp); err != nil {
			return err
		}
		if err := checkCopy(ctx, tmp); err != nil {
			return err
		}
		return os.Rename(tmp, name)
	}()
	if err != nil {
		for _, suffix := range partSuffixes {
			os.Remove(name + suffix)
		}
		return fmt.Errorf("备份失败：%w", err)
	}
	syncDir(filepath.Dir(name))
	return nil
}

// clearParts removes this database's copies that an earlier run left unfinished (callers hold bmu).
func (s *Store) clearParts() {
	entries, _ := os.ReadDir(s.BackupDir())
	for _, e := range entries {
		for _, suffix := range partSuffixes {
			if base, ok := strings.CutSuffix(e.Name(), suffix); ok && backupDay(s.path, base) != "" {
				os.Remove(filepath.Join(s.BackupDir(), e.Name()))
			}
		}
	}
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync() // not supported on Windows; the rename is durable enough there
		d.Close()
	}
}

// backupDay is the day in the name of one of dbPath's backups, "" for any other file.
func backupDay(dbPath, name string) string {
	rest, ok := strings.CutPrefix(name, backupPrefix(dbPath))
	if !ok {
		return ""
	}
	if m := backupStamp.FindStringSubmatch(rest); m != nil {
		return m[1]
	}
	return ""
}

// Backups lists the database's backup files, newest first.
func (s *Store) Backups() ([]string, error) { return backupsOf(s.path) }

// backupsOf lists dbPath's backups newest first: by the day in the name (it survives copying the
// folder), then by the time the copy was written.
func backupsOf(dbPath string) ([]string, error) {
	dir := backupDir(dbPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	type backup struct {
		path, day string
		mod       time.Time
	}
	var found []backup
	for _, e := range entries {
		day := backupDay(dbPath, e.Name())
		if day == "" || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		found = append(found, backup{filepath.Join(dir, e.Name()), day, info.ModTime()})
	}
	slices.SortFunc(found, func(a, b backup) int {
		return cmp.Or(cmp.Compare(b.day, a.day), b.mod.Compare(a.mod), cmp.Compare(b.path, a.path))
	})
	out := make([]string, len(found))
	for i, b := range found {
		out[i] = b.path
	}
	return out, nil
}

// pruneBackups keeps the 14 newest daily copies and the first copy of each of the last 12 months.
func (s *Store) pruneBackups() error {
	all, err := s.Backups()
	if err != nil {
		return err
	}
	keep := keptBackups(s.path, all, DateOf(s.now()))
	for _, p := range all {
		if !keep[p] {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// keptBackups decides retention from the names alone (newest first), so it is easy to test.
func keptBackups(dbPath string, newestFirst []string, today Date) map[string]bool {
	keep := map[string]bool{}
	daily := 0
	firstOfMonth := map[string]string{}
	cutoff := today.AddDays(-366)
	for _, p := range newestFirst {
		d, err := ParseDate(backupDay(dbPath, filepath.Base(p)))
		if err != nil {
			keep[p] = true // not ours to judge; leave it alone
			continue
		}
		if daily < 14 {
			keep[p] = true
			daily++
		}
		if !d.Before(cutoff) {
			firstOfMonth[d.String()[:7]] = p // iterating newest first, the last seen is the month's earliest
		}
	}
	for _, p := range firstOfMonth {
		keep[p] = true
	}
	return keep
}
