package data

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
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

// backupStamp is what follows the prefix: the day, the time for a 立即备份, and 恢复前 for the
// database as it was before a restore replaced it.
var backupStamp = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(-\d{6})?(` + beforeRestore + `)?\.db$`)

// beforeRestore ends the name of the copy RestoreBackup keeps of the database it replaces.
const beforeRestore = "-恢复前"

// BackupKind says how a backup came to be.
type BackupKind int

const (
	BackupDaily         BackupKind = iota // the daily copy
	BackupManual                          // 立即备份 or `cunji backup`
	BackupBeforeRestore                   // the database as it was before a restore replaced it
)

// partSuffixes are the files a copy cut short leaves: the copy itself and SQLite's journal of it.
var partSuffixes = []string{".part", ".part-journal"}

// DailyBackup is the daily check (none for a town database). Once a day it checks the database and makes today's checked
// copy, prunes old copies and clears copies earlier runs left unfinished; it returns the path of
// the copy made, or "" when today's copy was already there. Damage is an *IntegrityError, and then
// nothing else is done. At every call it then copies today's copy to the second backup place when
// that folder is present (skipped and recorded when absent; a failure wraps ErrSecondBackup) and
// runs Verify: a disagreement is an *AuditError. Both can come joined in one error (errors.As finds
// each). It reads the whole file: run it in the background; cancelling ctx stops it.
func (s *Store) DailyBackup(ctx context.Context) (string, error) {
	if s.readOnly {
		return "", ErrViewOnly
	}
	if s.town {
		// A town database is rebuilt from its villages' packages, not restored from copies: a
		// district's is gigabytes (3.6 GB for 1,000 villages, 71 s to copy, kept 14 days and 12
		// months over), and its checks take minutes. 设置 still backs up and checks on demand.
		return "", nil
	}
	s.bmu.Lock()
	defer s.bmu.Unlock()
	s.clearParts()
	name := filepath.Join(s.BackupDir(), backupPrefix(s.path)+DateOf(s.now()).String()+".db")
	made := ""
	if _, err := os.Stat(name); err != nil {
		if err := s.CheckIntegrity(ctx); err != nil {
			return "", err
		}
		if err := s.backupTo(ctx, name); err != nil {
			return "", err
		}
		if err := s.pruneBackups(s.BackupDir()); err != nil {
			return name, err
		}
		made = name
	}
	var errs []error
	if err := s.copyToSecondPlace(name); err != nil {
		errs = append(errs, err)
	}
	if r, err := s.Verify(ctx); err != nil {
		errs = append(errs, err)
	} else if !r.OK() {
		errs = append(errs, &AuditError{Path: s.path, Result: r})
	}
	return made, errors.Join(errs...)
}

// AuditError is what the daily check's Verify found: the audit log and the ledgers disagree,
// most likely because the file was changed outside 村记. The window shows it as a warning banner.
type AuditError struct {
	Path   string       // the database
	Result VerifyResult // Result.Problem names the first disagreement, in Chinese
}

func (e *AuditError) Error() string {
	return backupMsgs[e.Key()].zh + e.Result.Problem + "\n文件：" + e.Path
}

// Key is the translation key of the message's first sentence.
func (e *AuditError) Key() string { return "err.audit.chain" }

// ErrSecondBackup (wrapped) says the daily copy could not be written to the second backup place.
var ErrSecondBackup = backupErr("err.backup.second.failed")

// copyToSecondPlace copies the daily backup at name to the second backup place, unless it is
// there already. An absent folder (the stick is not plugged in) is no error: it is recorded once a day.
func (s *Store) copyToSecondPlace(name string) error {
	dir, err := s.Setting(SettingSecondBackupDir)
	if err != nil || dir == "" {
		return err
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		missed, err := s.Setting(SettingSecondBackupMissed)
		if t, _ := time.Parse(time.RFC3339, missed); err == nil && DateOf(t.Local()) == DateOf(s.now()) {
			return nil
		}
		return s.SetSetting(SettingSecondBackupMissed, s.now().UTC().Format(time.RFC3339))
	}
	dst := filepath.Join(dir, filepath.Base(name))
	if there, err := os.Stat(dst); err == nil && there.Size() == fileSize(name) {
		return nil
	}
	err = copyFileSynced(name, dst+".part")
	if err == nil {
		err = os.Rename(dst+".part", dst)
	}
	if err == nil {
		syncDir(dir)
		err = s.pruneBackups(dir)
	}
	if err != nil {
		os.Remove(dst + ".part")
		return fmt.Errorf("%w\n文件夹：%s\n技术详情：%v", ErrSecondBackup, dir, err)
	}
	return s.SetSetting(SettingSecondBackupLast, s.now().UTC().Format(time.RFC3339))
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

// clearParts removes this database's copies that an earlier run left unfinished (callers hold bmu),
// and a restore's copy left by a crash (a restore holds the lock this Store now has).
func (s *Store) clearParts() {
	os.Remove(s.path + restorePart)
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
	day, _ := backupName(dbPath, name)
	return day
}

// backupName reads the day and kind from the name of one of dbPath's backups; day is "" for any other file.
func backupName(dbPath, name string) (string, BackupKind) {
	rest, ok := strings.CutPrefix(name, backupPrefix(dbPath))
	if !ok {
		return "", 0
	}
	m := backupStamp.FindStringSubmatch(rest)
	switch {
	case m == nil:
		return "", 0
	case m[3] != "":
		return m[1], BackupBeforeRestore
	case m[2] != "":
		return m[1], BackupManual
	}
	return m[1], BackupDaily
}

// Backups lists the database's backup files, newest first.
func (s *Store) Backups() ([]string, error) { return backupsOf(s.path) }

func backupsOf(dbPath string) ([]string, error) { return backupsIn(backupDir(dbPath), dbPath) }

// backupsIn lists dbPath's backups in dir newest first: by the day in the name (it survives
// copying the folder), then by the time the copy was written.
func backupsIn(dir, dbPath string) ([]string, error) {
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

// pruneBackups keeps, of the database's copies in dir, the 14 newest daily copies and the first
// copy of each of the last 12 months; copies kept before a restore stay until the user removes them.
func (s *Store) pruneBackups(dir string) error {
	all, err := backupsIn(dir, s.path)
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
		day, kind := backupName(dbPath, filepath.Base(p))
		d, err := ParseDate(day)
		if err != nil || kind == BackupBeforeRestore {
			keep[p] = true // not ours to judge, or the only copy of what a restore replaced: leave it alone
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

// backupMsgs are the messages of backup and restore that a person reads, by translation key.
// keys_backup.txt is generated from it (see history_test.go).
var backupMsgs = map[string]ledgerMsg{
	"err.backup.viewonly": {"这份数据是只读打开的，只能查看，不能修改。要用这份备份里的数据，请在“备份与恢复”里选它并点“恢复”。",
		"This copy is open only for viewing and cannot be changed. To use the data in this backup, choose it under Backup and restore and click Restore."},
	"err.backup.damaged": {"这份备份没有通过完整性检查，不能用来恢复；数据库没有改动。请换一份更早的备份。",
		"This backup fails the integrity check and cannot be restored; the database was not changed. Choose an earlier backup."},
	"err.backup.same": {"选的备份就是数据库文件本身。请选择备份文件夹里的一份备份。",
		"The chosen backup is the database file itself. Choose a backup from the backup folder."},
	"err.backup.diskfull": {"磁盘空间不够，没有恢复，数据库没有改动。请清理磁盘空间后再试。",
		"Not enough disk space: nothing was restored and the database was not changed. Free some space and try again."},
	"err.backup.readonly": {"数据库所在的文件夹不能写入，没有恢复，数据库没有改动。请检查磁盘或文件夹是否只读。",
		"The database's folder cannot be written: nothing was restored and the database was not changed. Check whether the disk or folder is read-only."},
	"err.backup.failed": {"恢复没有完成，数据库没有改动。", "The restore did not complete; the database was not changed."},
	"err.audit.chain": {"操作日志核对发现问题：数据可能在村记之外被改动过。",
		"The audit log does not agree with the ledgers: data may have been changed outside Cunji."},
	"err.backup.second.relative": {"第二备份位置要写完整的文件夹路径，例如 E:\\村记备份。",
		"The second backup place must be a full folder path, e.g. E:\\Cunji backups."},
	"err.backup.second.same": {"第二备份位置不能是数据库旁边的备份文件夹。请选 U 盘或另一块磁盘上的文件夹。",
		"The second backup place cannot be the backup folder beside the database. Choose a folder on a USB stick or another disk."},
	"err.backup.second.missing": {"找不到这个文件夹。请插好 U 盘，或选一个已有的文件夹。",
		"The folder was not found. Plug in the USB stick or choose an existing folder."},
	"err.backup.second.failed": {"今天的备份没能复制到第二备份位置。请检查 U 盘是否已满或只读；数据库和备份文件夹里的备份都没有问题。",
		"Today's backup could not be copied to the second backup place. Check whether the USB stick is full or read-only; the database and the backups beside it are fine."},
}

// backupErr is one of backupMsgs as an error the window can translate by its key.
func backupErr(key string) *FieldError {
	return &FieldError{Key: key, Msg: backupMsgs[key].zh}
}

var (
	// ErrViewOnly is what every change to a Store opened with OpenReadOnly returns.
	ErrViewOnly = backupErr("err.backup.viewonly")
	// ErrBackupDamaged: the chosen backup fails integrity_check, so RestoreBackup changed nothing.
	ErrBackupDamaged = backupErr("err.backup.damaged")
	// ErrSameFile: the backup chosen for a restore is the database file itself.
	ErrSameFile = backupErr("err.backup.same")

	errRestoreDiskFull = backupErr("err.backup.diskfull")
	errRestoreReadOnly = backupErr("err.backup.readonly")
	errRestoreFailed   = backupErr("err.backup.failed")
)

// LedgerCounts is what a database holds, counted cheaply: from the monthly sales totals and the
// small tables, never by reading the sale lines.
type LedgerCounts struct {
	Projects   int       // live projects
	SaleLines  int       // live sale lines of live events
	Entries    int       // live income and expense entries
	LastChange time.Time // the newest audit entry (UTC); zero when there is none
}

const countsSQL = `SELECT
	(SELECT count(*) FROM projects WHERE deleted_at IS NULL),
	(SELECT coalesce(sum(lines), 0) FROM sales_month),
	(SELECT count(*) FROM collective_entries WHERE deleted_at IS NULL),
	coalesce((SELECT at FROM audit_log ORDER BY id DESC LIMIT 1), '')`

func readCounts(q querier) (LedgerCounts, error) {
	var c LedgerCounts
	var at string
	if err := q.QueryRow(countsSQL).Scan(&c.Projects, &c.SaleLines, &c.Entries, &at); err != nil {
		return c, err
	}
	c.LastChange, _ = time.Parse(time.RFC3339, at)
	return c, nil
}

// Counts is what the open database holds, to compare with a backup before restoring it.
func (s *Store) Counts() (LedgerCounts, error) { return readCounts(s.db) }

// BackupInfo describes one backup (or any database file) for 备份与恢复.
type BackupInfo struct {
	Path string
	Kind BackupKind
	Time time.Time // when the copy was written: the file's modification time
	Size int64     // bytes
	LedgerCounts
	Problem error // ListBackups only: why the counts could not be read (not a 村记 database, newer version …)
}

// ListBackups lists the backups of the database at dbPath, newest first, with what each holds.
// It needs no open Store (the damaged-file message at start uses it) and reads each copy
// read-only and cheaply (header, monthly totals, small tables): milliseconds per copy at a million lines.
func ListBackups(dbPath string) ([]BackupInfo, error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return nil, err
	}
	paths, err := backupsOf(abs)
	if err != nil {
		return nil, err
	}
	out := make([]BackupInfo, 0, len(paths))
	for _, p := range paths {
		info, err := InspectBackup(p)
		if IsOpenError(err, ErrMissing) {
			continue // removed meanwhile
		}
		info.Problem = err
		_, info.Kind = backupName(abs, filepath.Base(p))
		out = append(out, info)
	}
	return out, nil
}

// InspectBackup reads what one database file holds (a backup, a copy on a stick, the ledger when
// no window has it open) without writing it. Kind is left as BackupDaily: ListBackups knows the names.
func InspectBackup(path string) (BackupInfo, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return BackupInfo{}, &OpenError{Kind: ErrOther, Path: path, Err: err}
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return BackupInfo{}, &OpenError{Kind: ErrMissing, Path: abs}
	case err != nil:
		return BackupInfo{}, &OpenError{Kind: ErrOther, Path: abs, Err: err}
	case !fi.Mode().IsRegular():
		return BackupInfo{}, &OpenError{Kind: ErrNotSQLite, Path: abs}
	}
	info := BackupInfo{Path: abs, Time: fi.ModTime(), Size: fi.Size()}
	if _, err := checkOurFile(abs, fi); err != nil {
		return info, err
	}
	db, err := openReadOnlyDB(abs)
	if err != nil {
		return info, &OpenError{Kind: ErrOther, Path: abs, Err: err}
	}
	defer db.Close()
	if info.LedgerCounts, err = readCounts(db); err != nil {
		kind := classify(err)
		if kind == ErrOther {
			kind = ErrCorrupt
		}
		return info, &OpenError{Kind: kind, Path: abs, Err: err}
	}
	return info, nil
}

// checkOurFile makes sure path is a 村记 database this version can open, reading it read-only;
// it returns the file's schema version.
func checkOurFile(path string, fi fs.FileInfo) (int, error) {
	if kind := checkHeader(path, fi, openExisting); kind != 0 {
		return 0, &OpenError{Kind: kind, Path: path}
	}
	db, err := openReadOnlyDB(path)
	if err != nil {
		return 0, &OpenError{Kind: ErrOther, Path: path, Err: err}
	}
	defer db.Close()
	version, kind, err := (&Store{db: db}).checkOurs()
	if kind != 0 {
		return 0, &OpenError{Kind: kind, Path: path, Err: err}
	}
	return version, nil
}

// RestorePreview is what a restore would replace, and with what.
type RestorePreview struct {
	Current BackupInfo // the database now; Problem says why it could not be read (missing, damaged …)
	Backup  BackupInfo
}

// PreviewRestore checks what RestoreBackup checks before it starts (the database is open in no
// window and may be replaced; the backup is a 村记 database this version can open) and reads what
// both hold, so a person can compare before choosing. It does not run integrity_check; RestoreBackup does.
func PreviewRestore(dbPath, from string) (RestorePreview, error) {
	var p RestorePreview
	dbAbs, src, _, err := restorePaths(dbPath, from)
	if err != nil {
		return p, err
	}
	if _, err := replaceable(dbAbs); err != nil {
		return p, err
	}
	if inUse(dbAbs) {
		return p, &OpenError{Kind: ErrLocked, Path: dbAbs}
	}
	if p.Backup, err = InspectBackup(src); err != nil {
		return p, err
	}
	p.Current, p.Current.Problem = InspectBackup(dbAbs)
	return p, nil
}

// RestoreResult says what RestoreBackup did.
type RestoreResult struct {
	KeptAs string // the replaced database, kept in the backup folder as a 恢复前 copy; "" when there was none
	// AuditProblem is the restored copy's audit log disagreeing with its ledgers ("" when they agree).
	// It does not stop the restore: the copy may be the only sound one, and the problem stays in the
	// file, so the daily check keeps showing it.
	AuditProblem string
}

// restorePart is the restore's copy of the backup, in the database's folder until it is renamed into place.
const restorePart = ".restore-part"

// RestoreBackup replaces the database at dbPath with the backup at from. The database must be
// open nowhere: the window closes its Store first and opens the file again afterwards (Open).
// The backup is copied beside the database, synced and checked with integrity_check (and Verify,
// reported in the result); only then is the current file kept in the backup folder as a 恢复前
// copy, its -wal, -shm and -journal removed, and the copy renamed into its place. Any failure
// (damaged backup, full disk, read-only folder, cancelled ctx) leaves the database as it was.
// It reads the whole backup: seconds on a large ledger.
func RestoreBackup(ctx context.Context, dbPath, from string) (RestoreResult, error) {
	var res RestoreResult
	dbAbs, src, version, err := restorePaths(dbPath, from)
	if err != nil {
		return res, err
	}
	existed, err := replaceable(dbAbs)
	if err != nil {
		return res, err
	}
	if err := os.MkdirAll(filepath.Dir(dbAbs), 0o755); err != nil {
		return res, restoreFailed(err)
	}
	lock, err := lockDB(dbAbs, existed)
	switch {
	case errors.Is(err, errLockHeld), errors.Is(err, fs.ErrExist):
		return res, &OpenError{Kind: ErrLocked, Path: dbAbs}
	case err != nil:
		return res, restoreFailed(err)
	}
	tmp := dbAbs + restorePart
	err = func() error {
		if err := copyForRestore(src, tmp); err != nil {
			return err
		}
		problem, err := checkRestoreCopy(ctx, tmp, version)
		if err != nil {
			return err
		}
		res.AuditProblem = problem
		if existed {
			if res.KeptAs, err = keepBeforeRestore(dbAbs); err != nil {
				return err
			}
		}
		// The old file's WAL and journal would be read into the new file: they go first.
		for _, suffix := range []string{"-wal", "-shm", "-journal"} {
			if err := os.Remove(dbAbs + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		if runtime.GOOS == "windows" {
			lock.Close() // Windows renames no file that is open; a window opening it now makes the rename fail
		}
		return os.Rename(tmp, dbAbs)
	}()
	lock.Close()
	if err != nil {
		for _, suffix := range []string{"", "-journal"} {
			os.Remove(tmp + suffix)
		}
		if !existed {
			os.Remove(dbAbs) // the empty file that held the lock
		}
		return RestoreResult{}, restoreFailed(err)
	}
	syncDir(filepath.Dir(dbAbs))
	return res, nil
}

// restorePaths makes both paths absolute and checks the backup: there, not the database itself,
// and a 村记 database this version can open. It returns the backup's schema version.
func restorePaths(dbPath, from string) (string, string, int, error) {
	dbAbs, err := filepath.Abs(dbPath)
	if err != nil {
		return "", "", 0, err
	}
	src, err := filepath.Abs(from)
	if err != nil {
		return "", "", 0, err
	}
	si, err := os.Stat(src)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", "", 0, &OpenError{Kind: ErrMissing, Path: src}
	case err != nil:
		return "", "", 0, &OpenError{Kind: ErrOther, Path: src, Err: err}
	case !si.Mode().IsRegular():
		return "", "", 0, &OpenError{Kind: ErrNotSQLite, Path: src}
	}
	if di, err := os.Stat(dbAbs); err == nil && os.SameFile(si, di) {
		return "", "", 0, ErrSameFile
	}
	version, err := checkOurFile(src, si)
	return dbAbs, src, version, err
}

// replaceable checks that the file at dbAbs may be replaced: absent, or a file that is not
// read-only and not another program's database (a damaged 村记 file is exactly what may be).
func replaceable(dbAbs string) (bool, error) {
	info, err := os.Stat(dbAbs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, &OpenError{Kind: ErrOther, Path: dbAbs, Err: err}
	case !info.Mode().IsRegular():
		return false, &OpenError{Kind: ErrNotSQLite, Path: dbAbs}
	case info.Mode().Perm()&0o222 == 0:
		return false, &OpenError{Kind: ErrReadOnly, Path: dbAbs}
	case checkHeader(dbAbs, info, openOrCreate) == ErrForeign:
		return false, &OpenError{Kind: ErrForeign, Path: dbAbs}
	}
	return true, nil
}

// copyForRestore copies the backup to tmp and syncs it. A backup is copied byte for byte, so what
// is checked and restored is exactly the chosen file; a file with a -wal or journal beside it,
// or one a Store has open, is copied through SQLite instead, which reads one consistent snapshot.
func copyForRestore(src, tmp string) error {
	for _, suffix := range []string{"", "-journal"} {
		os.Remove(tmp + suffix)
	}
	if !inUse(src) && !fileExists(src+"-wal") && !fileExists(src+"-journal") {
		return copyFileSynced(src, tmp)
	}
	db, err := openReadOnlyDB(src)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Exec("VACUUM INTO ?", tmp); err != nil {
		return err
	}
	return syncFile(tmp)
}

// checkRestoreCopy runs integrity_check on the copy about to become the database, and Verify
// when the copy has this version's schema (an older one is verified by the daily check once Open
// has brought it up to date). It returns Verify's problem, "" when the audit agrees.
func checkRestoreCopy(ctx context.Context, tmp string, version int) (string, error) {
	db, err := openReadOnlyDB(tmp)
	if err != nil {
		return "", err
	}
	defer db.Close()
	problems, err := integrityProblems(ctx, db)
	if err != nil {
		return "", err
	}
	if len(problems) > 0 {
		return "", fmt.Errorf("%w\n技术详情：%s", ErrBackupDamaged, strings.Join(problems, "；"))
	}
	if version != SchemaVersion() {
		return "", nil
	}
	r, err := (&Store{db: db, readOnly: true}).Verify(ctx)
	return r.Problem, err
}

// keepBeforeRestore copies the database about to be replaced into its backup folder as a 恢复前
// copy. The file itself is only read: SQLite given a damaged file can delete its -wal on close, so
// the -wal is folded into the copy, and when SQLite cannot do that it is kept beside the copy.
func keepBeforeRestore(dbAbs string) (string, error) {
	info, err := os.Stat(dbAbs)
	if err != nil || info.Size() == 0 {
		return "", err // an empty file holds nothing to keep
	}
	dir := backupDir(dbAbs)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	now := time.Now()
	var name string
	for {
		name = filepath.Join(dir, backupPrefix(dbAbs)+DateOf(now).String()+"-"+now.Format("150405")+beforeRestore+".db")
		if !fileExists(name) {
			break
		}
		now = now.Add(time.Second) // two restores in one second
	}
	part := name + ".part"
	err = func() error {
		if err := copyFileSynced(dbAbs, part); err != nil {
			return err
		}
		if wal, err := os.Stat(dbAbs + "-wal"); err != nil || wal.Size() == 0 {
			return nil
		}
		if err := copyFileSynced(dbAbs+"-wal", part+"-wal"); err != nil {
			return err
		}
		if foldWAL(part) == nil {
			return syncFile(part)
		}
		os.Remove(part + "-wal")
		return copyFileSynced(dbAbs+"-wal", name+"-wal")
	}()
	if err == nil {
		err = os.Rename(part, name)
	}
	if err != nil {
		for _, suffix := range []string{".part", ".part-wal", ".part-shm", "-wal"} {
			os.Remove(name + suffix)
		}
		return "", err
	}
	syncDir(dir)
	return name, nil
}

// foldWAL checkpoints path's -wal into it and removes the -wal; an error when SQLite could not.
func foldWAL(path string) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	var busy, log, done int
	err = db.QueryRow("PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &log, &done)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil && (busy != 0 || fileExists(path+"-wal") && fileSize(path+"-wal") > 0) {
		err = errors.New("the WAL was not folded in")
	}
	os.Remove(path + "-shm")
	return err
}

func fileSize(path string) int64 {
	info, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return info.Size()
}

// copyFileSynced copies src to dst (replacing it) and syncs dst; on failure dst is removed.
func copyFileSynced(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
	}
	return err
}

// restoreFailed says in Chinese why a restore stopped; the database is unchanged whenever it is returned.
func restoreFailed(err error) error {
	var oe *OpenError
	var fe *FieldError
	if errors.As(err, &oe) || errors.As(err, &fe) || errors.Is(err, context.Canceled) {
		return err
	}
	switch classify(err) {
	case ErrDiskFull:
		return fmt.Errorf("%w\n技术详情：%v", errRestoreDiskFull, err)
	case ErrReadOnly:
		return fmt.Errorf("%w\n技术详情：%v", errRestoreReadOnly, err)
	}
	return fmt.Errorf("%w\n技术详情：%v", errRestoreFailed, err)
}
