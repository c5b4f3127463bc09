package data

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
)

// ErrNotFound is returned when a row does not exist or has been deleted.
var ErrNotFound = errors.New("记录不存在或已被删除，请刷新后再试")

// querier is what both *sql.DB (reads) and *Tx (reads inside a write) offer.
type querier interface {
	QueryRow(query string, args ...any) *sql.Row
	Query(query string, args ...any) (*sql.Rows, error)
}

// eachRow runs query and hands fn each row as scan reads it.
func eachRow[T any](q querier, query string, args []any, scan func(*sql.Rows) (T, error), fn func(T) error) error {
	rows, err := q.Query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return err
		}
		if err := fn(x); err != nil {
			return err
		}
	}
	return rows.Err()
}

// queryRows reads every row of query with scan.
func queryRows[T any](q querier, query string, args []any, scan func(*sql.Rows) (T, error)) ([]T, error) {
	var out []T
	err := eachRow(q, query, args, scan, func(x T) error {
		out = append(out, x)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// scanValue reads a row of one column.
func scanValue[T any](rows *sql.Rows) (T, error) {
	var v T
	err := rows.Scan(&v)
	return v, err
}

// queryCount runs a "SELECT count(*) …" query.
func queryCount(q querier, query string, args ...any) (int, error) {
	var n int
	err := q.QueryRow(query, args...).Scan(&n)
	return n, err
}

// conds gathers a filter's WHERE clause: conditions joined by AND, and their arguments.
type conds struct {
	list []string
	args []any
}

func (c *conds) add(cond string, args ...any) {
	c.list = append(c.list, cond)
	c.args = append(c.args, args...)
}

func (c *conds) sql() (string, []any) { return strings.Join(c.list, " AND "), c.args }

// liveExists reports whether table has a live row with this id.
func liveExists(q querier, table string, id int64) (bool, error) {
	if id <= 0 {
		return false, nil
	}
	var one int
	err := q.QueryRow("SELECT 1 FROM "+table+" WHERE id = ? AND deleted_at IS NULL", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// restoreRow undoes a soft delete and audits the restored values.
func restoreRow[T any](tx *Tx, table string, id int64, load func(q querier, id int64, live bool) (T, error)) error {
	var deleted sql.NullString
	err := tx.QueryRow("SELECT deleted_at FROM "+table+" WHERE id = ?", id).Scan(&deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if !deleted.Valid {
		return nil // already live: undo twice is harmless
	}
	if _, err := tx.Exec("UPDATE "+table+" SET deleted_at = NULL, updated_at = ? WHERE id = ?", tx.Stamp(), id); err != nil {
		if isUniqueErr(err) {
			return restoreDuplicate(table)
		}
		return err
	}
	row, err := load(tx, id, true)
	if err != nil {
		return err
	}
	return tx.Audit(table, id, "restore", nil, row)
}

// scanOne turns sql.ErrNoRows into ErrNotFound.
func scanOne(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// liveClause is appended to a single-row query: live rows only unless asked otherwise.
func liveClause(live bool) string {
	if live {
		return " AND deleted_at IS NULL"
	}
	return ""
}

func isUniqueErr(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// likePattern escapes a user's search text for LIKE … ESCAPE '\'.
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.TrimSpace(s)) + "%"
}

// initialsPattern is a LIKE pattern for the pinyin column: lower case, half-width.
func initialsPattern(s string) string { return likePattern(strings.ToLower(Halfwidth(s))) }

// sortSQL maps a screen's sort key to an ORDER BY expression; unknown keys fall back to def.
func sortSQL(key string, desc bool, keys map[string]string, def string) string {
	expr, ok := keys[key]
	if !ok {
		expr = def
	}
	if desc {
		parts := strings.Split(expr, ",")
		for i, p := range parts {
			parts[i] = strings.TrimSpace(p) + " DESC"
		}
		return strings.Join(parts, ", ")
	}
	return expr
}

// pageSQL is LIMIT/OFFSET with a sane default when limit is 0 or negative.
func pageArgs(offset, limit int) (int, int) {
	if limit <= 0 {
		limit = 100
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

// table describes how one entity maps onto its ledger table, so the small entities
// (funding lines, disbursements, stages …) share one insert/update/audit path.
type table[T any] struct {
	name   string
	cols   []string                    // data columns after id and uuid
	fields func(x *T) []any            // &x.ID, &x.UUID, then one pointer per column
	audit  func(x *T) any              // what the audit log keeps; nil: the row itself
	more   func(q querier, x *T) error // fills what lives outside the row (a project's links)
}

func (t table[T]) selectSQL() string {
	return "SELECT id, uuid, " + strings.Join(t.cols, ", ") + " FROM " + t.name
}

func (t table[T]) load(q querier, id int64, live bool) (*T, error) {
	x := new(T)
	err := q.QueryRow(t.selectSQL()+" WHERE id = ?"+liveClause(live), id).Scan(t.fields(x)...)
	if err == nil && t.more != nil {
		err = t.more(q, x)
	}
	return x, scanOne(err)
}

// find reads the live row matching where (a condition on the table's columns); ErrNotFound when none.
func (t table[T]) find(q querier, where string, args ...any) (*T, error) {
	x := new(T)
	err := q.QueryRow(t.selectSQL()+" WHERE deleted_at IS NULL AND ("+where+")", args...).Scan(t.fields(x)...)
	if err == nil && t.more != nil {
		err = t.more(q, x)
	}
	return x, scanOne(err)
}

// list reads live rows matching where (a condition on the table's columns) in the given order.
func (t table[T]) list(q querier, where, order string, args ...any) ([]T, error) {
	out, err := queryRows(q, t.selectSQL()+" WHERE deleted_at IS NULL AND ("+where+") ORDER BY "+order, args,
		func(rows *sql.Rows) (T, error) {
			var x T
			err := rows.Scan(t.fields(&x)...)
			return x, err
		})
	if err != nil {
		return nil, err
	}
	for i := range out {
		if t.more != nil {
			if err := t.more(q, &out[i]); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func (t table[T]) auditView(x *T) any {
	if x == nil {
		return nil
	}
	if t.audit != nil {
		return t.audit(x)
	}
	return x
}

// save inserts x when its ID is 0 (filling ID and UUID) or updates the live row, auditing either.
func (t table[T]) save(tx *Tx, x *T) error {
	f := t.fields(x)
	id, uuid := f[0].(*int64), f[1].(*string)
	vals := f[2:]
	if *id == 0 {
		return t.insert(tx, x)
	}
	old, err := t.load(tx, *id, true)
	if err != nil {
		return err
	}
	*uuid = *t.fields(old)[1].(*string)
	if err := tx.noteOld(t.name, *id); err != nil {
		return err
	}
	q := "UPDATE " + t.name + " SET " + strings.Join(t.cols, " = ?, ") + " = ?, updated_at = ? WHERE id = ?"
	if _, err := tx.Exec(q, append(vals, tx.Stamp(), *id)...); err != nil {
		return err
	}
	return tx.Audit(t.name, *id, "update", t.auditView(old), t.auditView(x))
}

// column is a value written beside x's fields but kept out of them and the audit: a file's bytes.
type column struct {
	name  string
	value any
}

// insert adds x as a new row, filling its ID and UUID, and audits it.
func (t table[T]) insert(tx *Tx, x *T, extra ...column) error {
	f := t.fields(x)
	id, uuid := f[0].(*int64), f[1].(*string)
	*uuid = NewUUID()
	cols := append([]string{"uuid"}, t.cols...)
	args := append([]any{*uuid}, f[2:]...)
	for _, c := range extra {
		cols, args = append(cols, c.name), append(args, c.value)
	}
	cols, args = append(cols, "created_at", "updated_at"), append(args, tx.Stamp(), tx.Stamp())
	marks := strings.Repeat("?, ", len(cols))
	res, err := tx.Exec("INSERT INTO "+t.name+"("+strings.Join(cols, ", ")+") VALUES ("+marks[:len(marks)-2]+")", args...)
	if err != nil {
		return err
	}
	if *id, err = res.LastInsertId(); err != nil {
		return err
	}
	return tx.Audit(t.name, *id, "insert", nil, t.auditView(x))
}

// fileData reads the bytes of a live row of a table of files (attachments, record_files …).
func fileData(q querier, table string, id int64) ([]byte, error) {
	var b []byte
	err := q.QueryRow("SELECT data FROM "+table+" WHERE id = ? AND deleted_at IS NULL", id).Scan(&b)
	return b, scanOne(err)
}

func (t table[T]) delete(tx *Tx, id int64) error {
	old, err := t.load(tx, id, true)
	if err != nil {
		return err
	}
	if err := tx.noteOld(t.name, id); err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE "+t.name+" SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.Stamp(), tx.Stamp(), id); err != nil {
		return err
	}
	return tx.Audit(t.name, id, "delete", t.auditView(old), nil)
}

func (t table[T]) restore(tx *Tx, id int64) error {
	return restoreRow(tx, t.name, id, func(q querier, id int64, live bool) (any, error) {
		x, err := t.load(q, id, live)
		return t.auditView(x), err
	})
}

// nullableID stores an optional link: 0 in Go is NULL in the database.
type nullableID struct{ p *int64 }

func (n nullableID) Value() (driver.Value, error) {
	if *n.p == 0 {
		return nil, nil
	}
	return *n.p, nil
}

func (n nullableID) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*n.p = 0
	case int64:
		*n.p = v
	default:
		return fmt.Errorf("nullableID: unexpected %T", src)
	}
	return nil
}
