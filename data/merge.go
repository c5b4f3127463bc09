package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"cunji/data/packfile"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// A town database (汇总库) is an ordinary 村记 file marked in meta; its ledgers change only by
// merging village packages (docs/PACKAGE.md).

const metaTown = "town"

func init() {
	for k, m := range map[string]ledgerMsg{
		"err.town.readonly": {"这是汇总库（由各村的数据包汇总而成），账目只能查看，不能在这里修改。要改数据，请在村里的村记中修改后重新导出数据包。",
			"This is a town database (merged from the villages' packages): its ledgers can be viewed but not changed here. Change the data in the village's Cunji and export a new package."},
		"err.town.notown": {"这个数据库是村里的账本，不是汇总库，数据包不能导入到这里。请另选或新建一个汇总库文件。",
			"This database is a village ledger, not a town database; packages cannot be merged into it. Choose or create a separate town database file."},
		"err.pack.damaged": {"数据包已损坏或不完整（可能没有传完，或在传送中被改动过），没有导入任何数据。请让村里重新导出一份数据包再试。",
			"The package is damaged or incomplete (perhaps not fully transferred, or changed on the way); nothing was merged. Ask the village to export a new package and try again."},
		"err.pack.passphrase": {"这个数据包设了密码，请输入导出时设的密码后再导入。",
			"This package is protected by a passphrase: enter the passphrase it was exported with, then merge it again."},
		"err.pack.wrongpassphrase": {"密码不对，数据包没有打开，没有导入任何数据。请核对导出时设的密码（区分大小写）后再试。",
			"Wrong passphrase: the package was not opened and nothing was merged. Check the passphrase it was exported with (case matters) and try again."},
		"err.pack.toonew": {"数据包由更新版本的村记导出，这个村记读不了，没有导入任何数据。请先把村记升级到最新版本。",
			"The package was exported by a newer version of Cunji and cannot be read by this one; nothing was merged. Update Cunji first."},
		"err.pack.notpackage": {"这个文件不是村记数据包（.cunji），或者已经损坏，没有导入任何数据。请确认选的是村里导出的数据包。",
			"This file is not a Cunji package (.cunji), or it is damaged; nothing was merged. Check that you chose a package a village exported."},
		"err.pack.inconsistent": {"数据包里的内容前后对不上（可能被改动过），没有导入任何数据。请让村里重新导出一份数据包再试。",
			"The package's contents do not agree with each other (it may have been altered); nothing was merged. Ask the village to export a new package and try again."},
		"err.pack.samename": {"汇总库里已有另一个同名的村（来自另一份数据包），这份数据包没有导入。请核对两个村是否同名，改名后重新导出。",
			"The town database already holds another village of the same name (from another package); this package was not merged. Check the two villages' names and export again after renaming one."},
	} {
		backupMsgs[k] = m
	}
	ErrTownReadOnly = backupErr("err.town.readonly")
	ErrNotTown = backupErr("err.town.notown")
}

var (
	// ErrTownReadOnly is what every change to a town database's ledgers returns.
	ErrTownReadOnly *FieldError
	// ErrNotTown: packages are merged only into a town database.
	ErrNotTown *FieldError
)

// readTown reads whether the database is a town database.
func (s *Store) readTown() error {
	var v string
	err := s.db.QueryRow("SELECT value FROM meta WHERE key = ?", metaTown).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	s.town = v == "1"
	return err
}

// IsTown reports whether this is a town database (汇总库): read-only ledgers, filled by Merge.
func (s *Store) IsTown() bool { return s.town }

// OpenTown opens the town database at path, creating it when missing. A database that already
// holds a village's ledger is refused (ErrNotTown); an empty one becomes a town database.
func OpenTown(path string) (*Store, error) {
	s, err := Open(path)
	if err != nil {
		return nil, err
	}
	if s.town {
		return s, nil
	}
	var villages int
	if err := s.db.QueryRow("SELECT count(*) FROM villages").Scan(&villages); err != nil {
		s.Close()
		return nil, err
	}
	if villages > 0 {
		s.Close()
		return nil, ErrNotTown
	}
	if err := s.townSchema(); err != nil {
		s.Close()
		return nil, err
	}
	s.town = true
	return s, nil
}

// townSchema marks the empty database as a town and rebuilds sale_events and sale_lines without
// the unique index on uuid: packages bring millions of random uuids, and keeping that index would
// rewrite a page of it for nearly every row merged (docs/PERFORMANCE.md). A town replaces a
// village's sales whole, by village, so it never looks an event or a line up by uuid.
func (s *Store) townSchema() error {
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	stmts := []string{"BEGIN IMMEDIATE"}
	for _, table := range townLooseUUID {
		var create string
		if err := conn.QueryRowContext(ctx, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&create); err != nil {
			return err
		}
		loose := uniqueUUID.ReplaceAllString(create, "uuid TEXT NOT NULL")
		if loose == create {
			return errors.New(table + ": uuid column not found")
		}
		indexes, err := queryStrings(ctx, conn, "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", table)
		if err != nil {
			return err
		}
		stmts = append(append(stmts, "DROP TABLE "+table, loose), indexes...)
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer conn.ExecContext(ctx, "PRAGMA foreign_keys = ON")
	stmts = append(stmts, "INSERT INTO meta(key, value) VALUES ('"+metaTown+"', '1') ON CONFLICT(key) DO UPDATE SET value = '1'", "COMMIT")
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			conn.ExecContext(ctx, "ROLLBACK")
			return err
		}
	}
	return nil
}

// townLooseUUID are the tables a town makes without a unique index on uuid (its largest).
var townLooseUUID = []string{"sale_events", "sale_lines"}

func queryStrings(ctx context.Context, conn *sql.Conn, q string, args ...any) ([]string, error) {
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

var uniqueUUID = regexp.MustCompile(`uuid\s+TEXT\s+NOT\s+NULL\s+UNIQUE`)

// MergeOutcome is what merging one package did.
type MergeOutcome int

const (
	MergeAdded    MergeOutcome = iota + 1 // a village seen for the first time
	MergeReplaced                         // a newer package replaced the village's rows
	MergeSame                             // this very package was merged before: nothing changed
	MergeOlder                            // older than the one merged: nothing changed
)

// MergeResult is one package's outcome.
type MergeResult struct {
	Manifest packfile.Manifest
	Outcome  MergeOutcome
	Previous string // the made time of the package merged before, if any
}

// Message says in Chinese what happened.
func (r MergeResult) Message() string {
	m := r.Manifest
	made := shortTime(m.Made)
	switch r.Outcome {
	case MergeAdded:
		return fmt.Sprintf("已加入“%s”（数据包 %s 导出，销售明细 %d 行）。", m.VillageName, made, m.Counts["sale_lines"])
	case MergeReplaced:
		return fmt.Sprintf("已用较新的数据包（%s 导出）替换“%s”原有的数据（%s 导出）。", made, m.VillageName, shortTime(r.Previous))
	case MergeSame:
		return fmt.Sprintf("“%s”的这份数据包（%s 导出）已经汇总过，没有改动。", m.VillageName, made)
	default:
		return fmt.Sprintf("“%s”的这份数据包（%s 导出）比已汇总的那份（%s 导出）旧，没有改动。", m.VillageName, made, shortTime(r.Previous))
	}
}

func shortTime(rfc string) string {
	t, err := time.Parse(time.RFC3339Nano, rfc)
	if err != nil {
		return rfc
	}
	return t.Local().Format("2006-01-02 15:04:05")
}

// packErr turns the container's refusals into messages the window translates by key.
func packErr(err error) error {
	var pe *packfile.Error
	if !errors.As(err, &pe) {
		return err
	}
	key := map[packfile.ErrorKind]string{packfile.ErrDamaged: "err.pack.damaged", packfile.ErrNeedPassphrase: "err.pack.passphrase",
		packfile.ErrWrongPassphrase: "err.pack.wrongpassphrase", packfile.ErrTooNew: "err.pack.toonew",
		packfile.ErrNotPackage: "err.pack.notpackage"}[pe.Kind]
	return backupErr(key)
}

var errInconsistent = errors.New("inconsistent package")

// OpenedPackage is a package read, decrypted and checked into a temporary file, ready to merge.
type OpenedPackage struct {
	Manifest packfile.Manifest
	dir, db  string
}

// OpenPackage reads and checks the package at path (with passphrase when it is encrypted). It
// touches no database, so the next package can be read while one merges. A refusal is a
// *FieldError; Close removes the temporary file.
func OpenPackage(path, passphrase string) (*OpenedPackage, error) {
	dir, err := os.MkdirTemp("", "cunji-merge-")
	if err != nil {
		return nil, err
	}
	p := &OpenedPackage{dir: dir, db: filepath.Join(dir, "village.db")}
	if p.Manifest, err = packfile.Read(path, passphrase, p.db, SchemaVersion()); err != nil {
		p.Close()
		return nil, packErr(err)
	}
	if err := preparePackageDB(p.db, p.Manifest); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// Close removes the package's temporary file.
func (p *OpenedPackage) Close() error { return os.RemoveAll(p.dir) }

// Merge reads the package at path (with passphrase when it is encrypted) into the town database
// in one transaction. A refused package changes nothing and returns a *FieldError.
func (s *Store) Merge(path, passphrase string) (MergeResult, error) {
	if !s.town {
		return MergeResult{}, ErrNotTown
	}
	p, err := OpenPackage(path, passphrase)
	if err != nil {
		return MergeResult{}, err
	}
	defer p.Close()
	out := s.mergeOpened([]*OpenedPackage{p})[0]
	if serr := s.syncTown(); out.err == nil {
		out.err = serr
	}
	return out.r, out.err
}

// syncTown writes the merges made so far into the database file and waits for the disk: the one
// fsync of a run of merges (a checkpoint on a connection with synchronous=FULL).
func (s *Store) syncTown() error {
	_, err := s.db.Exec("PRAGMA wal_checkpoint(PASSIVE)")
	return err
}

// mergeBatch is how many packages MergeAll merges in one transaction: one commit, and one write
// of the pages they all touch, for several villages. SQLite attaches at most ten databases.
const mergeBatch = 8

// MergeAll merges the packages in turn, reading the next ones while others merge, and tells each
// what happened to it once it is in the file (a batch's transaction committed).
func (s *Store) MergeAll(paths []string, passphrase string, each func(path string, r MergeResult, err error)) {
	if !s.town {
		for _, path := range paths {
			each(path, MergeResult{}, ErrNotTown)
		}
		return
	}
	type opened struct {
		path string
		p    *OpenedPackage
		err  error
	}
	ahead := make(chan opened, mergeBatch)
	go func() {
		for _, path := range paths {
			p, err := OpenPackage(path, passphrase)
			ahead <- opened{path, p, err}
		}
		close(ahead)
	}()
	var batch []opened
	flush := func() {
		var ps []*OpenedPackage
		for _, o := range batch {
			if o.p != nil {
				ps = append(ps, o.p)
			}
		}
		out := s.mergeOpened(ps)
		for _, o := range batch {
			if o.p == nil {
				each(o.path, MergeResult{}, o.err)
				continue
			}
			o.p.Close()
			each(o.path, out[0].r, out[0].err)
			out = out[1:]
		}
		batch = batch[:0]
	}
	for o := range ahead {
		if batch = append(batch, o); len(batch) == mergeBatch {
			flush()
		}
	}
	flush()
	s.syncTown() // a failure here leaves the merges made, as after a power cut: nothing to report per package
}

// merged is one package's outcome in a batch.
type merged struct {
	r   MergeResult
	err error
}

// mergeOpened merges packages OpenPackage read in one transaction, each under its own savepoint:
// a refused package rolls back to it and changes nothing, the others commit together.
func (s *Store) mergeOpened(ps []*OpenedPackage) []merged {
	out := make([]merged, len(ps))
	for i, p := range ps {
		out[i].r.Manifest = p.Manifest
	}
	if len(ps) == 0 {
		return out
	}
	fail := func(err error) []merged {
		for i := range out {
			if out[i].err == nil {
				out[i].err = err
			}
		}
		return out
	}
	if !s.town {
		return fail(ErrNotTown)
	}
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fail(err)
	}
	defer conn.Close()
	// ATTACH and DETACH are refused inside a transaction: the batch's packages are attached first.
	for i, p := range ps {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("ATTACH DATABASE ? AS pkg%d", i), p.db); err != nil {
			return fail(err)
		}
		defer conn.ExecContext(ctx, fmt.Sprintf("DETACH DATABASE pkg%d", i))
	}
	// The town's indexes outgrow SQLite's default 2 MB cache after a few packages; 64 MB keeps
	// their upper levels in memory (a fixed amount, however many packages).
	if _, err := conn.ExecContext(ctx, "PRAGMA main.cache_size = -65536"); err != nil {
		return fail(err)
	}
	// A town can be rebuilt from its packages: its merges commit without waiting for the disk
	// (a power cut loses the latest merges, never the file's consistency, WAL), and Merge and
	// MergeAll make everything durable at their end (syncTown).
	if _, err := conn.ExecContext(ctx, "PRAGMA synchronous = NORMAL"); err != nil {
		return fail(err)
	}
	defer conn.ExecContext(ctx, "PRAGMA synchronous = FULL")
	// A merge writes several MB of WAL: checkpointing every 64 MB, not after nearly every merge,
	// writes pages that several merges touch (index interiors, newest leaves) to the file once.
	if _, err := conn.ExecContext(ctx, "PRAGMA wal_autocheckpoint = 16384"); err != nil {
		return fail(err)
	}
	defer conn.ExecContext(ctx, "PRAGMA wal_autocheckpoint = 1000")
	// A batch that only adds villages skips SQLite's foreign-key lookups (three a sale line, a fifth
	// of the merge): OpenPackage's checkRefs found every reference inside the package, and merging
	// points each at the row it became (TestMergedTownKeepsItsForeignKeys). A batch that replaces a
	// village deletes rows, and keeps the check.
	if onlyAdds, err := s.onlyAdds(ps); err != nil {
		return fail(err)
	} else if onlyAdds {
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return fail(err)
		}
		defer conn.ExecContext(ctx, "PRAGMA foreign_keys = ON")
	}
	defer func() {
		for _, t := range packTables {
			if t.shared {
				conn.ExecContext(ctx, "DROP TABLE IF EXISTS temp.map_"+t.name)
			}
		}
	}()
	// The town's columns, which the merge's statements name: read once for the batch.
	cols := map[string][]string{}
	for _, t := range packTables {
		if cols[t.name], err = tableCols(ctx, conn, "main", t.name); err != nil {
			return fail(err)
		}
	}
	c, err := s.commitOn(conn, func(tx *Tx) error {
		for i, p := range ps {
			var err error
			out[i].r, err = mergeOne(tx, cols, p.Manifest, fmt.Sprintf("pkg%d", i))
			if err != nil {
				var refused *refusal
				if !errors.As(err, &refused) {
					return err
				}
				out[i].err = refusalErr(wrapWriteErr(refused.err))
			}
		}
		return nil
	})
	if err != nil {
		// Nothing of the batch is in the file (OpenPackage's checkRefs leaves no foreign key to fail at the commit).
		for i := range out {
			out[i].err = refusalErr(err)
		}
		return out
	}
	s.notify(c)
	return out
}

// onlyAdds tells whether every package is of a village the town does not hold yet, each once.
func (s *Store) onlyAdds(ps []*OpenedPackage) (bool, error) {
	seen := map[string]bool{}
	for _, p := range ps {
		var n int
		if err := s.db.QueryRow("SELECT count(*) FROM town_packages WHERE village_uuid = ?", p.Manifest.VillageUUID).Scan(&n); err != nil {
			return false, err
		}
		if n > 0 || seen[p.Manifest.VillageUUID] {
			return false, nil
		}
		seen[p.Manifest.VillageUUID] = true
	}
	return true, nil
}

// refusal is a package rolled back to its savepoint; the batch goes on.
type refusal struct{ err error }

func (r *refusal) Error() string { return r.err.Error() }

func isConstraint(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT
}

// refusalErr says why a package was refused in the words the window translates.
func refusalErr(err error) error {
	switch {
	case errors.Is(err, errSameName):
		return backupErr("err.pack.samename")
	case errors.Is(err, errInconsistent) || isConstraint(err):
		return backupErr("err.pack.inconsistent")
	}
	return err
}

// mergeOne merges the package attached as schema pkg under a savepoint of tx. A package that fails
// (its rows inconsistent, a constraint broken) is rolled back to the savepoint and its error
// returned as a *refusal; when the savepoint is gone the error comes back as it is, for the whole
// transaction to be rolled back.
func mergeOne(tx *Tx, cols map[string][]string, m packfile.Manifest, pkg string) (MergeResult, error) {
	r := MergeResult{Manifest: m}
	var prevID int64
	var prevSHA string
	err := tx.QueryRow("SELECT village_id, made, sha256 FROM town_packages WHERE village_uuid = ?", m.VillageUUID).Scan(&prevID, &r.Previous, &prevSHA)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		r.Outcome = MergeAdded
	case err != nil:
		return r, err
	case prevSHA == m.SHA256:
		r.Outcome = MergeSame
		return r, nil
	case !laterThan(m.Made, r.Previous):
		r.Outcome = MergeOlder
		return r, nil
	default:
		r.Outcome = MergeReplaced
	}
	if _, err := tx.Exec("SAVEPOINT package"); err != nil {
		return r, err
	}
	mg := &merger{tx: tx, cols: cols, m: m, prevVillage: prevID, pkg: pkg}
	if err := mg.run(); err != nil {
		// After a full disk or an I/O error SQLite may have rolled the whole transaction back:
		// the savepoint is gone and the batch must not go on.
		if _, rerr := tx.Exec("ROLLBACK TO package"); rerr != nil {
			return r, err
		}
		if _, rerr := tx.Exec("RELEASE package"); rerr != nil {
			return r, err
		}
		tx.forgetChain()
		return r, &refusal{err}
	}
	_, err = tx.Exec("RELEASE package")
	return r, err
}

// laterThan compares two manifest times.
func laterThan(a, b string) bool {
	ta, err1 := time.Parse(time.RFC3339Nano, a)
	tb, err2 := time.Parse(time.RFC3339Nano, b)
	if err1 != nil || err2 != nil {
		return a > b
	}
	return ta.After(tb)
}

// preparePackageDB checks the package's database is 村记's, of the manifest's schema and counts,
// and brings an older schema up to this version's.
func preparePackageDB(path string, m packfile.Manifest) error {
	db, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(0)")
	if err != nil {
		return err
	}
	defer db.Close()
	var version, appID int
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return backupErr("err.pack.damaged")
	}
	if err := db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		return backupErr("err.pack.damaged")
	}
	if appID != AppID || version != m.Schema {
		return backupErr("err.pack.inconsistent")
	}
	if version == SchemaVersion() {
		counts, _, err := packageCounts(context.Background(), db, "main")
		if err != nil {
			return backupErr("err.pack.inconsistent")
		}
		for t, n := range counts {
			if m.Counts[t] != n {
				return backupErr("err.pack.inconsistent")
			}
		}
	} else if err := migrate(db, SchemaVersion()); err != nil {
		return backupErr("err.pack.inconsistent")
	}
	if err := checkRefs(db, m); errors.Is(err, errInconsistent) {
		return backupErr("err.pack.inconsistent")
	} else if err != nil {
		return err
	}
	return groupMonths(db)
}

// checkRefs refuses a package whose rows point at rows it does not hold.
func checkRefs(db *sql.DB, m packfile.Manifest) error {
	for _, t := range packTables {
		for col, ref := range t.refs {
			var n int64
			if err := db.QueryRow(fmt.Sprintf("SELECT count(*) FROM %s WHERE %s IS NOT NULL AND %[2]s NOT IN (SELECT id FROM %s)", t.name, col, ref)).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return fmt.Errorf("%w: %s.%s", errInconsistent, t.name, col)
			}
		}
	}
	var n int64
	var village sql.NullInt64
	if err := db.QueryRow("SELECT count(*), min(id) FROM villages WHERE uuid = ?", m.VillageUUID).Scan(&n, &village); err != nil {
		return err
	}
	if n != 1 {
		return fmt.Errorf("%w: the package's village is missing", errInconsistent)
	}
	// Its own rows are the village's (packing's pick): a row of another village would be deleted
	// by that village's next package from under this one's rows, failing that batch's commit.
	for _, t := range packTables {
		if t.shared || t.link {
			continue
		}
		if err := db.QueryRow(fmt.Sprintf("SELECT count(*) FROM %s WHERE NOT coalesce((%s), 0)", t.name, t.pick), village.Int64).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w: %s holds another village's rows", errInconsistent, t.name)
		}
	}
	return nil
}

// groupMonths sums the package's live lines by month, channel and seller into a table of the
// package's copy, for salesTotals: work that needs no town is done here, while MergeAll merges
// the package before on the other core.
func groupMonths(db *sql.DB) error {
	// A table of that name in the package is not 村记's: replaced, not trusted.
	_, err := db.Exec(`DROP TABLE IF EXISTS merge_months;
		CREATE TABLE merge_months(month TEXT, channel TEXT, seller INTEGER, amount INTEGER, lines INTEGER);
		INSERT INTO merge_months SELECT substr(e.date, 1, 7), e.channel, l.seller_id, sum(l.amount), count(*)
		FROM sale_events e JOIN sale_lines l ON l.event_id = e.id
		WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL
		GROUP BY 1, 2, 3`)
	return err
}

var errSameName = fmt.Errorf("%w: another village of that name", errInconsistent)

// merger merges one attached package (schema pkg) inside one transaction.
type merger struct {
	tx          *Tx
	m           packfile.Manifest
	prevVillage int64               // the village's id in the town when a newer package replaces it
	village     int64               // the village's id in the town
	offsets     map[string]int64    // owned tables: town id = package id + offset
	cols        map[string][]string // the town's columns by table
	pkg         string              // the schema the package is attached as
}

// in names the package's schema in a query written with "pkg." (a batch attaches pkg0, pkg1…).
func (g *merger) in(q string) string { return strings.ReplaceAll(q, "pkg.", g.pkg+".") }

func (g *merger) exec(q string, args ...any) (sql.Result, error) { return g.tx.Exec(g.in(q), args...) }

func (g *merger) int(q string, args ...any) (int64, error) {
	var n sql.NullInt64
	err := g.tx.QueryRow(g.in(q), args...).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	return n.Int64, err
}

func (g *merger) run() error {
	if _, err := g.exec("PRAGMA defer_foreign_keys = ON"); err != nil {
		return err
	}
	// A shared table's package ids mapped to the town's: one table each, keyed by rowid (the
	// fastest lookup, made once per line merged).
	for _, t := range packTables {
		if !t.shared {
			continue
		}
		if _, err := g.exec("CREATE TEMP TABLE IF NOT EXISTS map_" + t.name + "(pkg_id INTEGER PRIMARY KEY, town_id INTEGER NOT NULL, fresh INTEGER NOT NULL)"); err != nil {
			return err
		}
		if _, err := g.exec("DELETE FROM temp.map_" + t.name); err != nil {
			return err
		}
	}
	if g.prevVillage != 0 {
		if err := g.removeVillage(); err != nil {
			return err
		}
	}
	for _, t := range packTables {
		var err error
		switch {
		case t.shared:
			err = g.mergeShared(t)
		case t.link:
			err = g.mergeLinks(t)
		}
		if err != nil {
			return fmt.Errorf("merge %s: %w", t.name, err)
		}
	}
	if err := g.mergeOwned(); err != nil {
		return err
	}
	if err := g.salesTotals(); err != nil {
		return err
	}
	return g.record()
}

// removeVillage deletes the rows a village's earlier package brought (not the shared ones), with
// the audit entries that recorded them (docs/PACKAGE.md, "The audit chain of a town database").
func (g *merger) removeVillage() error {
	for i := len(packTables) - 1; i >= 0; i-- {
		t := packTables[i]
		if t.shared || t.link {
			continue
		}
		if _, err := g.exec("DELETE FROM main."+t.name+" WHERE "+t.pick, g.prevVillage); err != nil {
			return err
		}
	}
	for _, table := range []string{"sales_month", "seller_month"} {
		if _, err := g.exec("DELETE FROM main."+table+" WHERE village_id = ?", g.prevVillage); err != nil {
			return err
		}
	}
	first, err := g.int(`SELECT min(id) FROM audit_log WHERE action = 'bulk' AND json_extract(new_json, '$.package') = ?
		AND json_extract(new_json, '$.owned')`, g.m.VillageUUID)
	if err != nil || first == 0 {
		return err
	}
	if _, err := g.exec(`DELETE FROM audit_log WHERE action = 'bulk' AND json_extract(new_json, '$.package') = ?
		AND json_extract(new_json, '$.owned')`, g.m.VillageUUID); err != nil {
		return err
	}
	return g.tx.rechain(first)
}

// expr is the SELECT expression giving column c of a package row p as it goes into the town.
func (g *merger) expr(t packTable, c string) string {
	switch ref, ok := t.refs[c]; {
	case droppedCols[c]:
		return "NULL"
	case c == "id" && !t.shared:
		return fmt.Sprintf("p.id + %d", g.offsets[t.name])
	case !ok:
		return "p." + c
	case g.isShared(ref):
		return fmt.Sprintf("(SELECT town_id FROM temp.map_%s WHERE pkg_id = p.%s)", ref, c)
	default:
		return fmt.Sprintf("p.%s + %d", c, g.offsets[ref])
	}
}

func (g *merger) isShared(table string) bool {
	for _, t := range packTables {
		if t.name == table {
			return t.shared
		}
	}
	return false
}

// mergeShared matches the package's rows of a shared table with the town's (by uuid, then by
// its key among live rows), updates those the package holds newer and inserts the rest.
func (g *merger) mergeShared(t packTable) error {
	if _, err := g.exec(fmt.Sprintf(`INSERT INTO temp.map_%[1]s(pkg_id, town_id, fresh)
		SELECT p.id, m.id, p.updated_at > m.updated_at FROM pkg.%[1]s p JOIN main.%[1]s m ON m.uuid = p.uuid`, t.name)); err != nil {
		return err
	}
	if t.name == "villages" {
		if err := g.ownVillage(); err != nil {
			return err
		}
	}
	if t.key != "" {
		var on []string
		for _, k := range strings.Split(t.key, ", ") {
			on = append(on, "m."+k+" = p."+k)
		}
		if _, err := g.exec(fmt.Sprintf(`INSERT OR IGNORE INTO temp.map_%[1]s(pkg_id, town_id, fresh)
			SELECT p.id, m.id, 0 FROM pkg.%[1]s p JOIN main.%[1]s m ON %[2]s AND m.deleted_at IS NULL
			WHERE p.deleted_at IS NULL AND p.id NOT IN (SELECT pkg_id FROM temp.map_%[1]s)`, t.name, strings.Join(on, " AND "))); err != nil {
			return err
		}
	}
	cols := g.cols[t.name]
	var set, sel, ins []string
	for _, c := range cols {
		if c == "id" {
			continue
		}
		set = append(set, c)
		sel = append(sel, g.expr(t, c))
		ins = append(ins, c)
	}
	// Rows the package holds newer: one audited update each (there are few).
	rows, err := g.tx.Query("SELECT pkg_id, town_id FROM temp.map_" + t.name + " WHERE fresh")
	if err != nil {
		return err
	}
	var pairs [][2]int64
	for rows.Next() {
		var p [2]int64
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			rows.Close()
			return err
		}
		pairs = append(pairs, p)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return err
	}
	update := fmt.Sprintf("UPDATE main.%s SET (%s) = (SELECT %s FROM pkg.%[1]s p WHERE p.id = ?) WHERE id = ?",
		t.name, strings.Join(set, ", "), strings.Join(sel, ", "))
	for _, p := range pairs {
		if err := g.tx.noteOld(t.name, p[1]); err != nil {
			return err
		}
		if _, err := g.exec(update, p[0], p[1]); err != nil {
			return err
		}
		if err := g.tx.Audit(t.name, p[1], "update", nil, mergeNote{Source: "merge", Package: g.m.VillageUUID}); err != nil {
			return err
		}
	}
	before, err := g.int("SELECT max(id) FROM main." + t.name)
	if err != nil {
		return err
	}
	res, err := g.exec(fmt.Sprintf(`INSERT INTO main.%[1]s(%[2]s) SELECT %[3]s FROM pkg.%[1]s p
		WHERE p.id NOT IN (SELECT pkg_id FROM temp.map_%[1]s) ORDER BY p.id`, t.name, strings.Join(ins, ", "), strings.Join(sel, ", ")))
	if err != nil {
		return err
	}
	n, _ := res.RowsAffected()
	if n == 0 {
		return nil
	}
	if _, err := g.exec(fmt.Sprintf(`INSERT INTO temp.map_%[1]s(pkg_id, town_id, fresh)
		SELECT p.id, m.id, 1 FROM pkg.%[1]s p JOIN main.%[1]s m ON m.uuid = p.uuid WHERE m.id > ?`, t.name), before); err != nil {
		return err
	}
	return g.tx.Audit(t.name, 0, "bulk", nil, bulkNote{Source: "merge", Package: g.m.VillageUUID, Rows: int(n), FirstID: before + 1, LastID: before + n,
		PackageSHA256: g.m.SHA256})
}

// ownVillage finds the package's own village in the town: by uuid, or a village of the same
// name that only other packages mentioned, which it then takes over.
func (g *merger) ownVillage() error {
	var pkgID int64
	var name string
	if err := g.tx.QueryRow(g.in("SELECT id, name FROM pkg.villages WHERE uuid = ?"), g.m.VillageUUID).Scan(&pkgID, &name); err != nil {
		return err
	}
	town, err := g.int("SELECT town_id FROM temp.map_villages WHERE pkg_id = ?", pkgID)
	if err != nil {
		return err
	}
	if town == 0 {
		var uuid string
		err := g.tx.QueryRow("SELECT id, uuid FROM main.villages WHERE name = ? AND deleted_at IS NULL", name).Scan(&town, &uuid)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // a new village: inserted with the rest
		}
		if err != nil {
			return err
		}
		owned, err := g.int("SELECT count(*) FROM town_packages WHERE village_uuid = ?", uuid)
		if err != nil {
			return err
		}
		if owned > 0 {
			return errSameName
		}
	}
	// The village's own package always gives its row.
	_, err = g.exec("INSERT OR REPLACE INTO temp.map_villages(pkg_id, town_id, fresh) VALUES (?, ?, 1)", pkgID, town)
	return err
}

// mergeLinks replaces the links of the projects this package brought newer, and adds the village's own.
func (g *merger) mergeLinks(t packTable) error {
	var other, otherTable string
	for c, ref := range t.refs {
		if c != "project_id" {
			other, otherTable = c, ref
		}
	}
	if _, err := g.exec(fmt.Sprintf(`DELETE FROM main.%s WHERE project_id IN (SELECT town_id FROM temp.map_projects WHERE fresh)`, t.name)); err != nil {
		return err
	}
	own := "0"
	if t.name == "project_villages" {
		own = "(SELECT id FROM pkg.villages WHERE uuid = ?)"
	}
	// Columns other than the two ids (a 联建 village's share_bp) are copied as they are.
	cols, sel := []string{"project_id", other}, []string{"pm.town_id", "om.town_id"}
	for _, c := range g.cols[t.name] {
		if _, ok := t.refs[c]; !ok {
			cols, sel = append(cols, c), append(sel, "p."+c)
		}
	}
	q := fmt.Sprintf(`INSERT OR IGNORE INTO main.%[1]s(%[5]s)
		SELECT %[6]s FROM pkg.%[1]s p
		JOIN temp.map_projects pm ON pm.pkg_id = p.project_id
		JOIN temp.map_%[3]s om ON om.pkg_id = p.%[2]s
		WHERE pm.fresh OR p.%[2]s = %[4]s`, t.name, other, otherTable, own, strings.Join(cols, ", "), strings.Join(sel, ", "))
	args := []any{}
	if own != "0" {
		args = append(args, g.m.VillageUUID)
	}
	_, err := g.exec(q, args...)
	return err
}

// mergeOwned inserts the village's own rows, each table in one statement: town ids are the
// package's shifted past the town's highest, so rows pointing at each other need no lookup.
func (g *merger) mergeOwned() error {
	g.offsets = map[string]int64{}
	for _, t := range packTables {
		if t.shared || t.link || t.noID {
			continue
		}
		top, err := g.int("SELECT max(id) FROM main." + t.name)
		if err != nil {
			return err
		}
		low, err := g.int("SELECT min(id) FROM pkg." + t.name)
		if err != nil {
			return err
		}
		g.offsets[t.name] = top + 1 - low
	}
	for _, t := range packTables {
		if t.shared || t.link {
			continue
		}
		cols := g.cols[t.name]
		sel := make([]string, len(cols))
		for i, c := range cols {
			sel[i] = g.expr(t, c)
		}
		res, err := g.exec(fmt.Sprintf("INSERT INTO main.%[1]s(%[2]s) SELECT %[3]s FROM pkg.%[1]s p ORDER BY %[4]s",
			t.name, strings.Join(cols, ", "), strings.Join(sel, ", "), cols[0]))
		if err != nil {
			return fmt.Errorf("merge %s: %w", t.name, err)
		}
		n, _ := res.RowsAffected()
		if n == 0 || t.noID {
			continue
		}
		low, err := g.int("SELECT min(id) FROM pkg." + t.name)
		if err != nil {
			return err
		}
		high, err := g.int("SELECT max(id) FROM pkg." + t.name)
		if err != nil {
			return err
		}
		off := g.offsets[t.name]
		if err := g.tx.Audit(t.name, 0, "bulk", nil, bulkNote{Source: "merge", Package: g.m.VillageUUID, Owned: true,
			Rows: int(n), FirstID: low + off, LastID: high + off, PackageSHA256: g.m.SHA256}); err != nil {
			return err
		}
	}
	return nil
}

// salesTotals adds the village's monthly sales totals, grouped from the package's lines by
// groupMonths (the very rows just merged).
func (g *merger) salesTotals() error {
	v, err := g.int("SELECT town_id FROM temp.map_villages WHERE pkg_id = (SELECT id FROM pkg.villages WHERE uuid = ?)", g.m.VillageUUID)
	if err != nil {
		return err
	}
	g.village = v
	if _, err := g.exec(`INSERT INTO sales_month(month, village_id, channel, amount, lines)
		SELECT month, ?, channel, sum(amount), sum(lines) FROM pkg.merge_months GROUP BY month, channel`, v); err != nil {
		return err
	}
	_, err = g.exec(`INSERT INTO seller_month(month, village_id, seller_id, amount, lines)
		SELECT month, ?, (SELECT town_id FROM temp.map_sellers WHERE pkg_id = seller), sum(amount), sum(lines)
		FROM pkg.merge_months GROUP BY month, seller`, v)
	return err
}

// record keeps the package as the village's latest and notes the merge in the audit chain.
func (g *merger) record() error {
	mj, err := json.Marshal(g.m)
	if err != nil {
		return err
	}
	if _, err := g.exec(`INSERT INTO town_packages(village_uuid, village_id, made, sha256, manifest, merged_at) VALUES (?,?,?,?,?,?)
		ON CONFLICT(village_uuid) DO UPDATE SET village_id = excluded.village_id, made = excluded.made, sha256 = excluded.sha256,
		manifest = excluded.manifest, merged_at = excluded.merged_at`,
		g.m.VillageUUID, g.village, g.m.Made, g.m.SHA256, string(mj), g.tx.Stamp()); err != nil {
		return err
	}
	id, err := g.int("SELECT id FROM town_packages WHERE village_uuid = ?", g.m.VillageUUID)
	if err != nil {
		return err
	}
	return g.tx.Audit("town_packages", id, "merge", nil, mergeNote{Source: "merge", Package: g.m.VillageUUID,
		Village: g.m.VillageName, Made: g.m.Made, SHA256: g.m.SHA256})
}

// mergeNote is the audit of a row a package brought or changed.
type mergeNote struct {
	Source  string `json:"source"`
	Package string `json:"package"`
	Village string `json:"village,omitempty"`
	Made    string `json:"made,omitempty"`
	SHA256  string `json:"sha256,omitempty"`
}
