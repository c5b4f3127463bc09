package data

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

const backupPrefix = "cunji-"

// BackupDir is the folder beside the database that holds the automatic copies.
func (s *Store) BackupDir() string { return filepath.Join(filepath.Dir(s.path), "backups") }

// DailyBackup makes today's copy unless it exists, then prunes old copies.
// It returns the path of the copy made, or "" when today's copy was already there.
func (s *Store) DailyBackup() (string, error) {
	name := filepath.Join(s.BackupDir(), backupPrefix+DateOf(s.now()).String()+".db")
	if _, err := os.Stat(name); err == nil {
		return "", nil
	}
	if err := s.backupTo(name); err != nil {
		return "", err
	}
	return name, s.pruneBackups()
}

// BackupNow makes a copy stamped with date and time (the "立即备份" button); it never replaces a daily copy.
func (s *Store) BackupNow() (string, error) {
	now := s.now()
	name := filepath.Join(s.BackupDir(), backupPrefix+DateOf(now).String()+"-"+now.Format("150405")+".db")
	return name, s.backupTo(name)
}

// backupTo writes a consistent copy with VACUUM INTO, fsyncs it, and only then gives it its final name.
func (s *Store) backupTo(name string) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("无法建立备份文件夹：%w", err)
	}
	tmp := name + ".part"
	os.Remove(tmp)
	if _, err := s.db.Exec("VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("备份失败：%w", wrapWriteErr(err))
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("备份失败：%w", err)
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("备份失败：%w", err)
	}
	syncDir(filepath.Dir(name))
	return nil
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

// Backups lists the backup files, newest first.
func (s *Store) Backups() ([]string, error) {
	entries, err := os.ReadDir(s.BackupDir())
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), backupPrefix) && strings.HasSuffix(e.Name(), ".db") {
			out = append(out, filepath.Join(s.BackupDir(), e.Name()))
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(out)))
	return out, nil
}

// pruneBackups keeps the 14 newest daily copies and the first copy of each of the last 12 months.
func (s *Store) pruneBackups() error {
	all, err := s.Backups()
	if err != nil {
		return err
	}
	keep := keptBackups(all, DateOf(s.now()))
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
func keptBackups(newestFirst []string, today Date) map[string]bool {
	keep := map[string]bool{}
	daily := 0
	firstOfMonth := map[string]string{}
	cutoff := today.AddDays(-366)
	for _, p := range newestFirst {
		d, err := ParseDate(backupDate(p))
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

func backupDate(path string) string {
	base := strings.TrimPrefix(filepath.Base(path), backupPrefix)
	if len(base) < 10 {
		return ""
	}
	return base[:10]
}
