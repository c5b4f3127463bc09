package data

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// The audit log is a hash chain: each row stores a SHA-256 over its own content and the previous
// row's hash, so a row changed, deleted or inserted by another SQLite tool breaks the chain from
// that point. Each row also stores the hash of the ledger row it describes as it stood after the
// change (row_hash) and, for updates and deletes, before it (old_hash), so Verify can tell a
// ledger row edited outside 村记 from one changed through it. Bulk inserts store one hash over
// all the rows they added.

// auditedTables are the ledger tables whose rows Verify compares with their audit.
var auditedTables = map[string][]string{}

// hashOptional are columns added to an audited table after rows were audited: a row's hash covers
// them only when they are set, so the rows audited before keep their hash.
var hashOptional = map[string][]string{"funding_lines": {"partner_id"}, "sale_events": {"partner_id"}}

func init() {
	for _, t := range []struct {
		name string
		cols []string
	}{
		{villageTable.name, villageTable.cols}, {targetTable.name, targetTable.cols},
		{partnerTable.name, partnerTable.cols}, {projectTable.name, projectHashCols},
		{fundingTable.name, fundingTable.cols}, {disbursementTable.name, disbursementTable.cols},
		{stageTable.name, stageTable.cols}, {distributionTable.name, distributionTable.cols},
		{noteTable.name, noteTable.cols}, {attachmentTable.name, attachmentTable.cols},
		{sellerTable.name, sellerTable.cols}, {productTable.name, productTable.cols},
		{saleEventTable.name, saleEventTable.cols}, {saleLineTable.name, saleLineTable.cols},
		{entryTable.name, entryTable.cols}, {assetTable.name, assetTable.cols}, {contractTable.name, contractTable.cols},
		{receiptTable.name, receiptTable.cols}, {recordFileTable.name, recordFileTable.cols},
		{decisionTable.name, decisionTable.cols}, {decisionStepTable.name, decisionStepTable.cols},
		{stepFileTable.name, stepFileTable.cols},
		{workDayTable.name, workDayTable.cols}, {workVisitTable.name, workVisitTable.cols},
		{workIssueTable.name, workIssueTable.cols}, {workFileTable.name, workFileTable.cols},
		{workPartnerTable.name, workPartnerTable.cols},
		{taskTable.name, taskTable.cols}, {taskLinkTable.name, taskLinkTable.cols}, {taskFileTable.name, taskFileTable.cols},
		{staffTable.name, staffTable.cols},
	} {
		auditedTables[t.name] = slices.DeleteFunc(slices.Clone(t.cols), func(c string) bool { return slices.Contains(hashOptional[t.name], c) })
	}
}

// rowHashSQL selects what a ledger row's hash covers: id, uuid, its data columns and whether it is deleted.
func rowHashSQL(table string) string {
	opt := ""
	for _, c := range hashOptional[table] {
		opt += ", " + c
	}
	return "SELECT id, uuid, " + strings.Join(auditedTables[table], ", ") + ", deleted_at IS NOT NULL" + opt + " FROM " + table
}

// rowHasher hashes ledger rows as the database returns them, so the same row always gives the same hash.
type rowHasher struct {
	vals []any
	ptrs []any
	base int // values always hashed; the rest are hashOptional's, hashed when set
	h    hash.Hash
}

func newRowHasher(table string) *rowHasher {
	base := len(auditedTables[table]) + 3
	n := base + len(hashOptional[table])
	r := &rowHasher{vals: make([]any, n), ptrs: make([]any, n), base: base, h: sha256.New()}
	for i := range r.vals {
		r.ptrs[i] = &r.vals[i]
	}
	return r
}

// scan reads one row from rows and returns its id and hash.
func (r *rowHasher) scan(rows *sql.Rows) (int64, [32]byte, error) {
	var sum [32]byte
	if err := rows.Scan(r.ptrs...); err != nil {
		return 0, sum, err
	}
	r.h.Reset()
	for i, v := range r.vals {
		if i >= r.base {
			if v == nil {
				continue
			}
			writeInt(r.h, int64(i-r.base)) // which optional column, so two of them cannot be confused
		}
		writeValue(r.h, v)
	}
	r.h.Sum(sum[:0])
	id, _ := r.vals[0].(int64)
	return id, sum, nil
}

// writeValue writes a typed, length-prefixed form of v, so no two different rows hash alike.
func writeValue(h hash.Hash, v any) {
	var buf [9]byte
	switch x := v.(type) {
	case nil:
		h.Write([]byte{'n'})
	case int64:
		writeInt(h, x)
	case float64:
		buf[0] = 'f'
		binary.BigEndian.PutUint64(buf[1:], math.Float64bits(x))
		h.Write(buf[:])
	case bool:
		buf[0] = 'b'
		if x {
			buf[1] = 1
		}
		h.Write(buf[:2])
	case string:
		writeBytes(h, 's', []byte(x))
	case []byte:
		writeBytes(h, 's', x) // TEXT may come back as either
	default:
		writeBytes(h, '?', fmt.Append(nil, x))
	}
}

// writeInt is writeValue of an int64, without boxing it (bulk inserts hash their rows as they go).
func writeInt(h hash.Hash, x int64) {
	var buf [9]byte
	buf[0] = 'i'
	binary.BigEndian.PutUint64(buf[1:], uint64(x))
	h.Write(buf[:])
}

func writeBytes(h hash.Hash, tag byte, b []byte) {
	var buf [9]byte
	buf[0] = tag
	binary.BigEndian.PutUint64(buf[1:], uint64(len(b)))
	h.Write(buf[:])
	h.Write(b)
}

// rowHash is the hash of one ledger row as it stands in the transaction; "" for a table Verify does not cover.
func (tx *Tx) rowHash(table string, id int64) (string, error) {
	if auditedTables[table] == nil || id == 0 {
		return "", nil
	}
	rows, err := tx.Query(rowHashSQL(table)+" WHERE id = ?", id)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	if !rows.Next() {
		return "", rows.Err()
	}
	_, sum, err := newRowHasher(table).scan(rows)
	return hex.EncodeToString(sum[:]), err
}

// rangeHash is one hash over the hashes of rows first…last in id order (a bulk insert).
func rangeHash(q querier, table string, first, last int64) (string, error) {
	rows, err := q.Query(rowHashSQL(table)+" WHERE id BETWEEN ? AND ? ORDER BY id", first, last)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	rh, all := newRowHasher(table), sha256.New()
	for rows.Next() {
		_, sum, err := rh.scan(rows)
		if err != nil {
			return "", err
		}
		all.Write(sum[:])
	}
	return hex.EncodeToString(all.Sum(nil)), rows.Err()
}

// noteOld remembers a row's hash before an update or delete changes it; Audit stores it as old_hash.
func (tx *Tx) noteOld(table string, id int64) error {
	h, err := tx.rowHash(table, id)
	if err != nil || h == "" {
		return err
	}
	if tx.oldHashes == nil {
		tx.oldHashes = map[auditKey]string{}
	}
	tx.oldHashes[auditKey{table, id}] = h
	return nil
}

type auditKey struct {
	table string
	id    int64
}

// Audit records one change in audit_log inside the same transaction, chained to the row before it.
func (tx *Tx) Audit(table string, rowID int64, action string, old, new any) error {
	tx.tables[table] = true
	if b, ok := new.(bulkNote); ok && b.FirstID > 0 && b.RowsSHA256 == "" && b.PackageSHA256 == "" && auditedTables[table] != nil {
		h, err := rangeHash(tx, table, b.FirstID, b.LastID)
		if err != nil {
			return err
		}
		b.RowsSHA256 = h
		new = b
	}
	oldJSON, err := auditJSON(old)
	if err != nil {
		return err
	}
	newJSON, err := auditJSON(new)
	if err != nil {
		return err
	}
	rowHash, err := tx.rowHash(table, rowID)
	if err != nil {
		return err
	}
	oldHash := tx.oldHashes[auditKey{table, rowID}]
	delete(tx.oldHashes, auditKey{table, rowID})
	if !tx.chainRead {
		var last sql.NullInt64
		var prev sql.NullString
		err := tx.QueryRow(`SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&last, &prev)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		tx.lastAuditID, tx.lastHash, tx.chainRead = last.Int64, prev.String, true
	}
	e := AuditEntry{ID: tx.lastAuditID + 1, At: tx.Stamp(), Table: table, RowID: rowID, Action: action,
		OldJSON: str(oldJSON), NewJSON: str(newJSON), RowHash: rowHash, OldHash: oldHash}
	e.Hash = e.chainHash(tx.lastHash)
	_, err = tx.Exec(`INSERT INTO audit_log(id, at, tbl, row_id, action, old_json, new_json, row_hash, old_hash, hash)
		VALUES (?,?,?,?,?,?,?,?,?,?)`, e.ID, e.At, table, rowID, action, oldJSON, newJSON, nullStr(rowHash), nullStr(oldHash), e.Hash)
	if err != nil {
		return err
	}
	tx.lastAuditID, tx.lastHash = e.ID, e.Hash
	return nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// chainHash is the row's hash given the previous row's.
func (e *AuditEntry) chainHash(prev string) string {
	h := sha256.New()
	writeBytes(h, 'p', []byte(prev))
	writeValue(h, e.ID)
	for _, s := range []string{e.At, e.Table, strconv.FormatInt(e.RowID, 10), e.Action, e.OldJSON, e.NewJSON, e.RowHash, e.OldHash} {
		writeBytes(h, 's', []byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// rechain recomputes the chain from audit row id on, after PurgeSeller erased personal data in
// earlier entries: erasure is a change made through 村记, so the chain is made to agree with it.
func (tx *Tx) rechain(from int64) error {
	var prev sql.NullString
	if err := tx.QueryRow(`SELECT hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1`, from).Scan(&prev); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	entries, err := queryRows(tx, auditSelect+` WHERE id >= ? AND hash IS NOT NULL ORDER BY id`, []any{from}, scanAudit)
	if err != nil {
		return err
	}
	last := prev.String
	for _, e := range entries {
		e.Hash = e.chainHash(last)
		if _, err := tx.Exec(`UPDATE audit_log SET hash = ? WHERE id = ?`, e.Hash, e.ID); err != nil {
			return err
		}
		last = e.Hash
	}
	tx.chainRead = false
	return nil
}

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	ID      int64
	At      string
	Table   string
	RowID   int64
	Action  string
	OldJSON string
	NewJSON string
	RowHash string // the ledger row's hash after the change
	OldHash string // and before it (updates and deletes)
	Hash    string // the chain: over this entry and the previous entry's Hash
}

const auditSelect = `SELECT id, at, tbl, coalesce(row_id,0), action, coalesce(old_json,''), coalesce(new_json,''),
	coalesce(row_hash,''), coalesce(old_hash,''), coalesce(hash,'') FROM audit_log`

func scanAudit(rows *sql.Rows) (AuditEntry, error) {
	var e AuditEntry
	err := rows.Scan(&e.ID, &e.At, &e.Table, &e.RowID, &e.Action, &e.OldJSON, &e.NewJSON, &e.RowHash, &e.OldHash, &e.Hash)
	return e, err
}

// AuditLog returns the most recent audit entries for one table row (rowID 0: every row of the table; table "": all).
func (s *Store) AuditLog(table string, rowID int64, limit int) ([]AuditEntry, error) {
	return queryRows(s.db, auditSelect+` WHERE (?1 = '' OR tbl = ?1) AND (?2 = 0 OR row_id = ?2) ORDER BY id DESC LIMIT ?3`,
		[]any{table, rowID, limit}, scanAudit)
}

// VerifyResult is what Verify found: how much it checked and the first disagreement, if any.
type VerifyResult struct {
	Entries    int    // audit rows checked along the chain
	Rows       int    // ledger rows compared with their audit
	ChainStart string // when the chain began (the migration that started it, or the file's creation)
	Problem    string // "" when everything agrees; else the first problem, in Chinese
}

// OK reports whether the chain and the ledgers agree.
func (r VerifyResult) OK() bool { return r.Problem == "" }

// chainStart is the marker the migration writes where the chain begins: the highest row id each
// ledger table held then. Older rows were written before hashes existed and are not compared.
type chainStart struct {
	MaxIDs map[string]int64 `json:"max_ids"`
}

// Verify walks the audit chain and compares every ledger row with its latest audit. It reads
// the whole file (seconds at a million lines): it belongs in the daily background check and
// `cunji verify`, not on open. It reads one snapshot and never takes the write lock, so saves
// go ahead meanwhile; cancelling ctx stops it.
func (s *Store) Verify(ctx context.Context) (VerifyResult, error) {
	var r VerifyResult
	// ReadOnly makes the driver begin a deferred transaction, not the DSN's immediate one.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return r, err
	}
	defer tx.Rollback()

	var start chainStart
	var startID int64
	var startJSON string
	err = tx.QueryRowContext(ctx, `SELECT id, at, coalesce(new_json,'') FROM audit_log WHERE action = 'chain_start' ORDER BY id LIMIT 1`).
		Scan(&startID, &r.ChainStart, &startJSON)
	if errors.Is(err, sql.ErrNoRows) {
		r.Problem = "操作日志的起点记录不见了：日志在村记之外被改动过。"
		return r, nil
	}
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(startJSON), &start); err != nil {
		r.Problem = fmt.Sprintf("操作日志第%d条（起点记录）内容不对：日志在村记之外被改动过。", startID)
		return r, nil
	}

	// The chain: every entry after the start has a hash that follows from the one before.
	latest := map[string]map[int64]*rowAudit{}
	bulks := map[string][]*bulkCheck{}
	prev, prevID := "", startID
	rows, err := tx.QueryContext(ctx, auditSelect+` WHERE id > ? ORDER BY id`, startID)
	if err != nil {
		return r, err
	}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			rows.Close()
			return r, err
		}
		if e.Hash == "" || e.chainHash(prev) != e.Hash {
			r.Problem = fmt.Sprintf("操作日志第%d条（%s，%s）与前面的记录对不上：这条或它之前的记录在村记之外被改动、删除或插入过。", e.ID, e.At, e.Table)
			if e.ID != prevID+1 {
				r.Problem = fmt.Sprintf("操作日志在第%d条和第%d条之间缺了记录：有记录在村记之外被删除过。", prevID, e.ID)
			}
			break
		}
		prev, prevID = e.Hash, e.ID
		r.Entries++
		switch {
		case auditedTables[e.Table] == nil:
		case e.Action == "bulk":
			b := &bulkCheck{entry: e, all: sha256.New()}
			if json.Unmarshal([]byte(e.NewJSON), &b.note) != nil || b.note.RowsSHA256 == "" && b.note.PackageSHA256 == "" {
				r.Problem = fmt.Sprintf("操作日志第%d条（批量录入）内容不对。", e.ID)
			}
			bulks[e.Table] = append(bulks[e.Table], b)
		case e.RowID != 0:
			byID := latest[e.Table]
			if byID == nil {
				byID = map[int64]*rowAudit{}
				latest[e.Table] = byID
			}
			a := byID[e.RowID]
			if a == nil {
				a = &rowAudit{firstOld: e.OldHash}
				byID[e.RowID] = a
			}
			a.lastHash, a.lastAction = e.RowHash, e.Action
		}
		if r.Problem != "" {
			break
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil || r.Problem != "" {
		return r, err
	}

	// Every ledger row, read once in id order: as its latest audit left it, and inside its bulk
	// insert's hash as it was then; rows newer than the chain's start must have one or the other.
	tables := slices.Sorted(maps.Keys(auditedTables))
	for _, table := range tables {
		if err := verifyTable(ctx, tx, table, latest[table], bulks[table], start.MaxIDs[table], &r); err != nil || r.Problem != "" {
			return r, err
		}
	}
	return r, nil
}

// rowAudit is what Verify keeps of one ledger row's audit entries.
type rowAudit struct{ firstOld, lastHash, lastAction string }

// bulkCheck gathers the hashes of the rows one bulk insert added, as Verify meets them.
type bulkCheck struct {
	entry AuditEntry
	note  bulkNote
	all   hash.Hash
	seen  int // rows met in the range
}

// verifyTable compares one ledger table with its audit; the first disagreement goes into r.Problem.
func verifyTable(ctx context.Context, tx *sql.Tx, table string, latest map[int64]*rowAudit, bulks []*bulkCheck, maxOld int64, r *VerifyResult) error {
	slices.SortFunc(bulks, func(a, b *bulkCheck) int { return cmp.Compare(a.note.FirstID, b.note.FirstID) })
	var open []*bulkCheck // bulk inserts whose range the walk is inside
	next := 0
	closeBulks := func(id int64) {
		open = slices.DeleteFunc(open, func(b *bulkCheck) bool {
			if b.note.LastID >= id || r.Problem != "" {
				return false
			}
			// A merged package's rows are counted: the package's SHA-256 is what vouches for their content.
			if b.note.PackageSHA256 != "" && b.seen != b.note.Rows || b.note.PackageSHA256 == "" && hex.EncodeToString(b.all.Sum(nil)) != b.note.RowsSHA256 {
				r.Problem = fmt.Sprintf("%s表中第%d到%d行（%s批量录入）与操作日志不一致：有数据在村记之外被改动过。",
					tableName(table), b.note.FirstID, b.note.LastID, b.entry.At)
			}
			return true
		})
	}
	rows, err := tx.QueryContext(ctx, rowHashSQL(table)+" ORDER BY id")
	if err != nil {
		return err
	}
	defer rows.Close()
	rh := newRowHasher(table)
	for rows.Next() {
		id, sum, err := rh.scan(rows)
		if err != nil {
			return err
		}
		r.Rows++
		closeBulks(id)
		for next < len(bulks) && bulks[next].note.FirstID <= id {
			open = append(open, bulks[next])
			next++
		}
		closeBulks(id)
		a := latest[id]
		inBulk := false
		for _, b := range open {
			inBulk = true
			b.seen++
			if a != nil {
				// A row changed later through 村记 counts with the hash its first change recorded as old.
				old, _ := hex.DecodeString(a.firstOld)
				var then [32]byte
				copy(then[:], old)
				b.all.Write(then[:])
			} else {
				b.all.Write(sum[:])
			}
		}
		switch {
		case a != nil && a.lastHash != "" && a.lastHash != hex.EncodeToString(sum[:]):
			r.Problem = fmt.Sprintf("%s表第%d行与操作日志不一致：它在村记之外被改动过。", tableName(table), id)
		case a == nil && !inBulk && id > maxOld:
			r.Problem = fmt.Sprintf("%s表第%d行没有操作日志：它是在村记之外添加的。", tableName(table), id)
		}
		if r.Problem != "" {
			return nil
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	closeBulks(math.MaxInt64)
	for _, b := range bulks[next:] { // ranges no row reached: their rows are gone
		open = append(open, b)
	}
	closeBulks(math.MaxInt64)
	return nil
}

// tableName is a table's name as a person says it.
func tableName(table string) string { return historyLabel("hist.table." + table).Text }

// forgetChain drops what the transaction remembered of the audit chain, after it rolled back to a
// savepoint: the chain is read again from the table.
func (tx *Tx) forgetChain() { tx.chainRead, tx.oldHashes = false, nil }
