package data

import (
	"database/sql"
	"errors"
	"strings"
)

// ErrNotFound is returned when a row does not exist or has been deleted.
var ErrNotFound = errors.New("记录不存在或已被删除，请刷新后再试")

// querier is what both *sql.DB (reads) and *Tx (reads inside a write) offer.
type querier interface {
	QueryRow(query string, args ...any) *sql.Row
	Query(query string, args ...any) (*sql.Rows, error)
}

// nullID stores 0 as NULL for optional links.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

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

// loader reads one row by id; live=false also finds deleted rows.
type loader[T any] func(q querier, id int64, live bool) (*T, error)

// softDelete marks a live row deleted and audits its old values.
func softDelete[T any](tx *Tx, table string, id int64, load loader[T]) error {
	old, err := load(tx, id, true)
	if err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE "+table+" SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.Stamp(), tx.Stamp(), id); err != nil {
		return err
	}
	return tx.Audit(table, id, "delete", old, nil)
}

// restoreRow undoes a soft delete and audits the restored values.
func restoreRow[T any](tx *Tx, table string, id int64, load loader[T]) error {
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
