package data

import (
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded files in order; file NNNN_*.sql brings the schema to user_version NNNN.
func migrations() []migration {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	out := make([]migration, 0, len(names))
	for i, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil || v != i+1 {
			panic(fmt.Sprintf("migration %s: expected number %04d", base, i+1))
		}
		b, err := migrationFS.ReadFile(name)
		if err != nil {
			panic(err)
		}
		out = append(out, migration{version: v, name: base, sql: string(b)})
	}
	return out
}

// SchemaVersion is the user_version a database has after all migrations.
func SchemaVersion() int { return len(migrations()) }

// migrate applies every migration above the file's user_version up to target, each in its own transaction.
func migrate(db *sql.DB, target int) error {
	var current int
	if err := db.QueryRow("PRAGMA user_version").Scan(&current); err != nil {
		return err
	}
	for _, m := range migrations() {
		if m.version <= current || m.version > target {
			continue
		}
		if err := applyMigration(db, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

func applyMigration(db *sql.DB, m migration) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(m.sql); err != nil {
		return err
	}
	// Both header fields are written inside the transaction, so a failed migration leaves the old version.
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", m.version, AppID)); err != nil {
		return err
	}
	return tx.Commit()
}

var createTableRE = regexp.MustCompile(`(?i)CREATE\s+(VIRTUAL\s+)?TABLE\s+(IF\s+NOT\s+EXISTS\s+)?["` + "`" + `]?(\w+)`)

// createdTables names the tables a migration creates (lower case); a virtual table's shadow tables are matched by prefix at check time.
func createdTables(sqlText string) []string {
	var out []string
	for _, m := range createTableRE.FindAllStringSubmatch(sqlText, -1) {
		name := strings.ToLower(m[3])
		out = append(out, name)
		if m[1] != "" {
			for _, shadow := range []string{"_data", "_idx", "_content", "_docsize", "_config"} {
				out = append(out, name+shadow)
			}
		}
	}
	return out
}
