// Package data holds 村记's domain types and its SQLite store. It never imports Fyne.
package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/google/uuid"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// AppID marks our database files in SQLite's header (PRAGMA application_id): "CUNJ".
const AppID = 0x43554E4A

var sqliteMagic = []byte("SQLite format 3\x00")

var errLockHeld = errors.New("lock held by another process")

// Store is the one way into a 村记 database. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	lock *os.File // the database file itself, held open with its lock (lockByte) while the Store is open

	wmu sync.Mutex // serializes writers in this process; SQLite's own lock guards against others
	bmu sync.Mutex // one backup at a time, so clearing unfinished copies never meets one being written

	subMu  sync.Mutex
	subs   map[int]func(Change)
	nextID int

	now func() time.Time

	readOnly bool   // opened by OpenReadOnly: every write is refused
	town     bool   // a 汇总库 (merge.go): its ledgers change only by merging packages
	cleanup  func() // removes what OpenReadOnly made to read an older file; nil otherwise
}

// Change tells subscribers which tables a committed write touched.
type Change struct {
	Tables []string
}

// Touches reports whether the committed write changed any of the tables.
func (c Change) Touches(tables ...string) bool {
	for _, t := range c.Tables {
		if slices.Contains(tables, t) {
			return true
		}
	}
	return false
}

// Tx is one write transaction. Store methods get it from write and must audit every row they change.
type Tx struct {
	*sql.Tx
	Now    time.Time // UTC
	tables map[string]bool

	// The audit chain (audit.go): the last entry's id and hash, read once per transaction.
	chainRead   bool
	lastAuditID int64
	lastHash    string
	oldHashes   map[auditKey]string // ledger rows' hashes before this transaction changed them
}

type openMode int

const (
	openOrCreate openMode = iota
	openExisting
	createNew
)

// Open opens the database at path, creating it (and its folder) when missing, and brings its schema up to date.
func Open(path string) (*Store, error) { return open(path, openOrCreate) }

// OpenExisting opens a database that must already exist (CLI verbs).
func OpenExisting(path string) (*Store, error) { return open(path, openExisting) }

// Create makes a new database and refuses a path that already exists.
func Create(path string) (*Store, error) { return open(path, createNew) }

func open(path string, mode openMode) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &OpenError{Kind: ErrOther, Path: path, Err: err}
	}
	fail := func(kind OpenErrorKind, err error) (*Store, error) {
		return nil, &OpenError{Kind: kind, Path: abs, Err: err}
	}

	info, statErr := os.Stat(abs)
	exists := statErr == nil
	switch {
	case statErr != nil && !errors.Is(statErr, fs.ErrNotExist):
		return fail(ErrOther, statErr)
	case !exists && mode == openExisting:
		return fail(ErrMissing, nil)
	case exists && mode == createNew:
		return fail(ErrExists, nil)
	case exists && !info.Mode().IsRegular():
		return fail(ErrNotSQLite, nil)
	}
	if exists {
		if kind := checkHeader(abs, info, mode); kind != 0 {
			return fail(kind, nil)
		}
		// Root can write a 0444 file, but the owner asked for it to stay unchanged.
		if info.Mode().Perm()&0o222 == 0 {
			return fail(ErrReadOnly, nil)
		}
	} else if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		if isReadOnlyErr(err) {
			return fail(ErrReadOnly, err)
		}
		return fail(ErrOther, err)
	}

	lock, err := lockDB(abs, exists)
	switch {
	case errors.Is(err, errLockHeld):
		return fail(ErrLocked, nil)
	case errors.Is(err, fs.ErrExist):
		return open(path, mode) // another start made the file a moment ago; look at it again
	case err != nil && isReadOnlyErr(err):
		return fail(ErrReadOnly, err)
	case err != nil:
		return fail(ErrOther, err)
	}
	s, kind, err := openLocked(abs, lock, exists)
	if kind != 0 {
		lock.Close()
		if !exists {
			// We created it; leave nothing half-made behind.
			removeDBFiles(abs)
		}
		return fail(kind, err)
	}
	return s, nil
}

// lockByte is the byte of the database file a Store locks while open: past the largest file SQLite
// can make (2^48 bytes), so it never meets SQLite's own locks, and the same under every name of the file.
const lockByte = 1 << 50

// lockDB opens the database file itself (creating it when new) and locks it for the Store's lifetime.
func lockDB(path string, exists bool) (*os.File, error) {
	flag := os.O_RDWR
	if !exists {
		flag |= os.O_CREATE | os.O_EXCL
	}
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// checkHeader reads the 100-byte SQLite header without opening the database.
func checkHeader(path string, info fs.FileInfo, mode openMode) OpenErrorKind {
	if info.Size() == 0 {
		if mode == openExisting {
			return ErrNotSQLite
		}
		return 0 // an empty file is an empty database to SQLite; we make it ours
	}
	f, err := os.Open(path)
	if err != nil {
		if isReadOnlyErr(err) {
			return ErrReadOnly
		}
		return ErrOther
	}
	defer f.Close()
	hdr := make([]byte, 108) // the file header and the header of page 1, the schema table's root
	if _, err := io.ReadFull(f, hdr); err != nil || !bytes.Equal(hdr[:16], sqliteMagic) {
		return ErrNotSQLite
	}
	switch binary.BigEndian.Uint32(hdr[68:72]) {
	case AppID:
		return 0
	case 0:
		// A database still in its first WAL may carry our id only in the -wal file; prepare checks it.
		if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
			return 0
		}
		// No user_version and a schema table without a single entry: nothing to lose; prepare confirms.
		if binary.BigEndian.Uint32(hdr[60:64]) == 0 && hdr[100] == 0x0D && binary.BigEndian.Uint16(hdr[103:105]) == 0 {
			return 0
		}
	}
	return ErrForeign
}

func openLocked(path string, lock *os.File, existed bool) (*Store, OpenErrorKind, error) {
	dsn := path + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, ErrOther, err
	}
	s := &Store{db: db, path: path, lock: lock, subs: map[int]func(Change){}, now: time.Now}
	if kind, err := s.prepare(existed); kind != 0 || err != nil {
		db.Close()
		if kind == 0 {
			kind = ErrOther
		}
		return nil, kind, err
	}
	// journal_mode is set once above; every pooled connection gets the DSN pragmas.
	return s, 0, nil
}

func (s *Store) prepare(existed bool) (OpenErrorKind, error) {
	if existed {
		var version int
		if err := s.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
			return classify(err), err
		}
		if version > len(migrations()) {
			return ErrTooNew, nil
		}
		var appID int
		if err := s.db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
			return classify(err), err
		}
		switch {
		case appID == AppID:
		case appID == 0 && version == 0:
			// A file with no schema at all (a first start killed early) holds nothing to lose: take it over.
			var entries int
			if err := s.db.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&entries); err != nil {
				return classify(err), err
			}
			if entries != 0 {
				return ErrForeign, nil
			}
		default:
			return ErrForeign, nil
		}
		if ok, err := s.onlyOurTables(); err != nil {
			return classify(err), err
		} else if !ok {
			return ErrForeign, nil
		}
	}
	var jm string
	if err := s.db.QueryRow("PRAGMA journal_mode=WAL").Scan(&jm); err != nil {
		return classify(err), err
	}
	if err := migrate(s.db, len(migrations())); err != nil {
		return classify(err), err
	}
	// Move the header (application_id, user_version) into the main file, where the next open looks first.
	if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return classify(err), err
	}
	if err := s.readTown(); err != nil {
		return classify(err), err
	}
	return 0, nil
}

// onlyOurTables guards against a file that carries our application_id but holds tables we never made.
func (s *Store) onlyOurTables() (bool, error) {
	known := map[string]bool{}
	for _, m := range migrations() {
		for _, name := range createdTables(m.sql) {
			known[name] = true
		}
	}
	rows, err := s.db.Query("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return false, err
		}
		if !known[strings.ToLower(name)] {
			return false, nil
		}
	}
	return true, rows.Err()
}

// Close releases the database and the lock that keeps a second copy out.
func (s *Store) Close() error {
	err := s.db.Close()
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
	if s.cleanup != nil {
		s.cleanup()
		s.cleanup = nil
	}
	return err
}

// Path is the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// write runs fn in one immediate transaction; on success it commits and tells subscribers what changed.
// Any error or panic rolls everything back, so a save is whole or absent.
func (s *Store) write(fn func(tx *Tx) error) error {
	if s.readOnly {
		return ErrViewOnly
	}
	if s.town {
		return ErrTownReadOnly
	}
	c, err := s.commit(fn)
	if err != nil {
		return err
	}
	s.notify(c) // after the lock is released, so a subscriber may write in turn
	return nil
}

func (s *Store) commit(fn func(tx *Tx) error) (Change, error) {
	return s.commitOn(nil, fn)
}

// commitOn is commit on conn (nil: any connection of the pool), which may have a database attached.
func (s *Store) commitOn(conn *sql.Conn, fn func(tx *Tx) error) (Change, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var sqlTx *sql.Tx
	var err error
	if conn != nil {
		sqlTx, err = conn.BeginTx(context.Background(), nil)
	} else {
		sqlTx, err = s.db.Begin()
	}
	if err != nil {
		return Change{}, wrapWriteErr(err)
	}
	tx := &Tx{Tx: sqlTx, Now: s.now().UTC(), tables: map[string]bool{}}
	defer func() {
		if p := recover(); p != nil {
			sqlTx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		sqlTx.Rollback()
		return Change{}, wrapWriteErr(err)
	}
	if err := sqlTx.Commit(); err != nil {
		return Change{}, wrapWriteErr(err)
	}
	tables := make([]string, 0, len(tx.tables))
	for t := range tx.tables {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	return Change{Tables: tables}, nil
}

// Stamp is the transaction's time as stored in created_at, updated_at and deleted_at.
func (tx *Tx) Stamp() string { return tx.Now.Format(time.RFC3339) }

func auditJSON(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// NewUUID gives the random id every row carries for the day two databases are merged.
func NewUUID() string { return uuid.NewString() }

// Subscribe calls fn after every committed write (from the writer's goroutine). Call cancel to stop.
func (s *Store) Subscribe(fn func(Change)) (cancel func()) {
	s.subMu.Lock()
	defer s.subMu.Unlock()
	id := s.nextID
	s.nextID++
	s.subs[id] = fn
	return func() {
		s.subMu.Lock()
		delete(s.subs, id)
		s.subMu.Unlock()
	}
}

func (s *Store) notify(c Change) {
	s.subMu.Lock()
	fns := make([]func(Change), 0, len(s.subs))
	for _, fn := range s.subs {
		fns = append(fns, fn)
	}
	s.subMu.Unlock()
	for _, fn := range fns {
		fn(c)
	}
}

// ErrDiskFullWrite is returned (wrapped) when a write fails for lack of disk space; nothing was saved.
var ErrDiskFullWrite = errors.New("磁盘空间已满，这次修改没有保存。请清理磁盘空间后再保存；已有数据没有丢失。")

// ErrReadOnlyWrite is returned (wrapped) when the disk refuses writes.
var ErrReadOnlyWrite = errors.New("数据库所在的磁盘变成了只读，这次修改没有保存。请检查 U 盘或磁盘后重试。")

func wrapWriteErr(err error) error {
	switch classify(err) {
	case ErrDiskFull:
		return fmt.Errorf("%w (%v)", ErrDiskFullWrite, err)
	case ErrReadOnly:
		return fmt.Errorf("%w (%v)", ErrReadOnlyWrite, err)
	}
	return err
}

func classify(err error) OpenErrorKind {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return ErrCorrupt
		case sqlite3.SQLITE_FULL:
			return ErrDiskFull
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
			return ErrReadOnly
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return ErrLocked
		}
	}
	if errors.Is(err, syscall.ENOSPC) {
		return ErrDiskFull
	}
	if isReadOnlyErr(err) {
		return ErrReadOnly
	}
	return ErrOther
}

func isReadOnlyErr(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

func removeDBFiles(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

// OpenReadOnly opens a database only to look at it: a backup before choosing to restore it, even
// while the ledger is open in the window. It takes no lock and never writes the file or anything
// beside it; every change returns ErrViewOnly. A file from an older version is read through a
// brought-up-to-date copy in the temporary folder, removed again by Close.
func OpenReadOnly(path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &OpenError{Kind: ErrOther, Path: path, Err: err}
	}
	fail := func(kind OpenErrorKind, err error) (*Store, error) {
		return nil, &OpenError{Kind: kind, Path: abs, Err: err}
	}
	info, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fail(ErrMissing, nil)
	case err != nil:
		return fail(ErrOther, err)
	case !info.Mode().IsRegular():
		return fail(ErrNotSQLite, nil)
	}
	if kind := checkHeader(abs, info, openExisting); kind != 0 {
		return fail(kind, nil)
	}
	db, err := openReadOnlyDB(abs)
	if err != nil {
		return fail(classify(err), err)
	}
	s := &Store{db: db, path: abs, subs: map[int]func(Change){}, now: time.Now, readOnly: true}
	version, kind, err := s.checkOurs()
	if kind == 0 && version < SchemaVersion() {
		kind, err = s.readThroughCopy()
	}
	if kind == 0 {
		if err = s.readTown(); err != nil {
			kind = classify(err)
		}
	}
	if kind != 0 {
		s.Close()
		return fail(kind, err)
	}
	return s, nil
}

// openReadOnlyDB opens path with SQLite's read-only mode. When no Store has the file open and
// nothing waits to be folded into it (-wal, -journal), it is also opened immutable: SQLite then
// takes no locks and makes no -shm or -wal beside it, so a backup on a write-protected stick opens too.
func openReadOnlyDB(path string) (*sql.DB, error) {
	q := "?mode=ro"
	if !inUse(path) && !fileExists(path+"-wal") && !fileExists(path+"-journal") {
		q += "&immutable=1"
	}
	return sql.Open("sqlite", sqliteURI(path)+q+"&_pragma=busy_timeout(10000)")
}

// sqliteURI is path as a file: URI, which SQLite needs for mode=ro and immutable.
func sqliteURI(path string) string {
	p := filepath.ToSlash(path)
	if filepath.VolumeName(path) != "" && !strings.HasPrefix(p, "/") {
		p = "/" + p // file:/C:/…
	}
	return "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// inUse reports whether a Store (in this process or another) holds the database open.
func inUse(path string) bool {
	f, err := lockDB(path, true)
	if err == nil {
		f.Close()
	}
	return errors.Is(err, errLockHeld)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// checkOurs reads the header fields and tables of a database opened read-only, as prepare does.
func (s *Store) checkOurs() (int, OpenErrorKind, error) {
	var version, appID int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return 0, classify(err), err
	}
	if err := s.db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		return 0, classify(err), err
	}
	switch {
	case version > SchemaVersion():
		return version, ErrTooNew, nil
	case appID != AppID:
		return version, ErrForeign, nil
	}
	ok, err := s.onlyOurTables()
	if err != nil {
		return version, classify(err), err
	}
	if !ok {
		return version, ErrForeign, nil
	}
	return version, 0, nil
}

// readThroughCopy brings an older file's schema up to date in a copy in the temporary folder
// and reads that instead, so every query of this version works on it; the file itself is untouched.
func (s *Store) readThroughCopy() (OpenErrorKind, error) {
	dir, err := os.MkdirTemp("", "cunji-view-")
	if err != nil {
		return ErrOther, err
	}
	s.cleanup = func() { os.RemoveAll(dir) }
	tmp := filepath.Join(dir, "view.db")
	// VACUUM INTO reads one snapshot, a -wal included, through the read-only connection.
	if _, err := s.db.Exec("VACUUM INTO ?", tmp); err != nil {
		return classify(err), err
	}
	s.db.Close()
	db, err := sql.Open("sqlite", tmp+"?_pragma=foreign_keys(1)")
	if err != nil {
		return ErrOther, err
	}
	err = migrate(db, SchemaVersion())
	db.Close()
	if err != nil {
		return classify(err), err
	}
	if s.db, err = openReadOnlyDB(tmp); err != nil {
		return ErrOther, err
	}
	return 0, nil
}
