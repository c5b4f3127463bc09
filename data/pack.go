package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"cunji/data/packfile"
)

// A village package (docs/PACKAGE.md) is a 村记 database holding one village's rows of every
// ledger, inside the container of data/packfile. packTables is the one list of what goes in
// and how merge treats it: adding a ledger table to packages is adding one line here (a table
// left out is named in notPacked, data/pack_test.go; TestEveryTableIsPacked holds both to the schema).

// packTable is one table of a package.
type packTable struct {
	name string
	// shared rows (catalogs, projects) are matched by uuid (and key, when given) across
	// packages and never removed by a newer package; the other rows belong to the village and
	// a newer package replaces them all.
	shared bool
	key    string // shared: the natural key that also matches a live row (e.g. a product's name and spec)
	// pick chooses the village's rows, in the source database when packing and in the town
	// database when replacing a village; ?1 is the village's id there. Inside pack, pkg holds
	// the tables packed so far.
	pick string
	refs map[string]string // column → the table it points to
	link bool              // a link table without id/uuid, replaced with its project
	noID bool              // a derived table without id/uuid (copied, not audited)
}

const (
	villageSales = "(SELECT id FROM sale_events WHERE village_id = ?1)"
	villageDays  = "(SELECT id FROM worklog_days WHERE village_id = ?1)"
	villageTasks = "(SELECT id FROM tasks WHERE village_id = ?1)"
)

var packTables = []packTable{
	{name: "villages", shared: true, key: "name",
		pick: "id = ?1 OR id IN (SELECT village_id FROM project_villages WHERE project_id IN (SELECT id FROM pkg.projects)) OR id IN (SELECT village_id FROM pkg.sellers)"},
	{name: "partners", shared: true, key: "name",
		pick: `id IN (SELECT partner_id FROM project_partners WHERE project_id IN (SELECT id FROM pkg.projects))
			OR id IN (SELECT partner_id FROM funding_lines WHERE project_id IN (SELECT id FROM pkg.projects))
			OR id IN (SELECT partner_id FROM sale_events WHERE village_id = ?1)
			OR id IN (SELECT poster_partner_id FROM tasks WHERE village_id = ?1)
			OR id IN (SELECT partner_id FROM partner_staff WHERE village_id = ?1)
			OR id IN (SELECT partner_id FROM worklog_partners WHERE day_id IN ` + villageDays + `)`},
	{name: "products", shared: true, key: "name, spec",
		pick: "id IN (SELECT product_id FROM sale_lines WHERE event_id IN " + villageSales + ")"},
	{name: "sellers", shared: true, refs: refs("village_id", "villages"),
		pick: "village_id = ?1 OR id IN (SELECT seller_id FROM sale_lines WHERE event_id IN " + villageSales + ") OR id IN (SELECT seller_id FROM worklog_visits WHERE day_id IN " + villageDays + ")"},
	{name: "projects", shared: true,
		pick: `id IN (SELECT project_id FROM project_villages WHERE village_id = ?1)
			OR id IN (SELECT project_id FROM collective_entries WHERE village_id = ?1)
			OR id IN (SELECT project_id FROM assets WHERE village_id = ?1)
			OR id IN (SELECT project_id FROM decisions WHERE village_id = ?1)
			OR id IN (SELECT project_id FROM task_links WHERE task_id IN ` + villageTasks + ")"},
	{name: "project_villages", link: true, refs: refs("project_id", "projects", "village_id", "villages"),
		pick: "project_id IN (SELECT id FROM pkg.projects)"},
	{name: "project_partners", link: true, refs: refs("project_id", "projects", "partner_id", "partners"),
		pick: "project_id IN (SELECT id FROM pkg.projects)"},
	{name: "funding_lines", shared: true, refs: refs("project_id", "projects", "partner_id", "partners"), pick: "project_id IN (SELECT id FROM pkg.projects)"},
	{name: "disbursements", shared: true, refs: refs("project_id", "projects"), pick: "project_id IN (SELECT id FROM pkg.projects)"},
	{name: "stage_changes", shared: true, refs: refs("project_id", "projects"), pick: "project_id IN (SELECT id FROM pkg.projects)"},
	{name: "distributions", shared: true, refs: refs("project_id", "projects"), pick: "project_id IN (SELECT id FROM pkg.projects)"},
	{name: "progress_notes", shared: true, refs: refs("project_id", "projects"), pick: "project_id IN (SELECT id FROM pkg.projects)"},
	{name: "attachments", shared: true, refs: refs("note_id", "progress_notes"), pick: "note_id IN (SELECT id FROM pkg.progress_notes)"},
	{name: "village_targets", refs: refs("village_id", "villages"), pick: "village_id = ?1"},
	{name: "sale_events", refs: refs("village_id", "villages", "partner_id", "partners"), pick: "village_id = ?1"},
	{name: "sale_lines", refs: refs("event_id", "sale_events", "product_id", "products", "seller_id", "sellers"),
		pick: "event_id IN " + villageSales},
	{name: "collective_entries", refs: refs("village_id", "villages", "project_id", "projects"), pick: "village_id = ?1"},
	{name: "assets", refs: refs("village_id", "villages", "project_id", "projects"), pick: "village_id = ?1"},
	{name: "decisions", refs: refs("village_id", "villages", "project_id", "projects", "contract_id", "contracts", "asset_id", "assets"),
		pick: "village_id = ?1"},
	{name: "contracts", refs: refs("village_id", "villages", "asset_id", "assets", "renews_id", "contracts", "decision_id", "decisions"),
		pick: "village_id = ?1"},
	{name: "contract_receipts", refs: refs("contract_id", "contracts", "entry_id", "collective_entries"),
		pick: "contract_id IN (SELECT id FROM contracts WHERE village_id = ?1)"},
	{name: "record_files", refs: refs("contract_id", "contracts", "asset_id", "assets"),
		pick: "contract_id IN (SELECT id FROM contracts WHERE village_id = ?1) OR asset_id IN (SELECT id FROM assets WHERE village_id = ?1)"},
	{name: "decision_steps", refs: refs("decision_id", "decisions"), pick: "decision_id IN (SELECT id FROM decisions WHERE village_id = ?1)"},
	{name: "decision_files", refs: refs("step_id", "decision_steps"),
		pick: "step_id IN (SELECT id FROM decision_steps WHERE decision_id IN (SELECT id FROM decisions WHERE village_id = ?1))"},
	{name: "worklog_days", refs: refs("village_id", "villages"), pick: "village_id = ?1"},
	{name: "worklog_visits", refs: refs("day_id", "worklog_days", "seller_id", "sellers"), pick: "day_id IN " + villageDays},
	{name: "worklog_issues", refs: refs("day_id", "worklog_days"), pick: "day_id IN " + villageDays},
	{name: "worklog_files", refs: refs("day_id", "worklog_days"), pick: "day_id IN " + villageDays},
	{name: "worklog_partners", refs: refs("day_id", "worklog_days", "partner_id", "partners"), pick: "day_id IN " + villageDays},
	{name: "tasks", refs: refs("village_id", "villages", "poster_partner_id", "partners"), pick: "village_id = ?1"},
	// A link to another village's contract or sales event stays behind: a package holds one village's own rows.
	{name: "task_links", refs: refs("task_id", "tasks", "project_id", "projects", "contract_id", "contracts", "event_id", "sale_events"),
		pick: `task_id IN ` + villageTasks + `
			AND (contract_id IS NULL OR contract_id IN (SELECT id FROM contracts WHERE village_id = ?1))
			AND (event_id IS NULL OR event_id IN ` + villageSales + ")"},
	{name: "task_files", refs: refs("task_id", "tasks"), pick: "task_id IN " + villageTasks},
	{name: "partner_staff", refs: refs("partner_id", "partners", "village_id", "villages"), pick: "village_id = ?1"},
	{name: "rent_schedule", noID: true, refs: refs("contract_id", "contracts", "village_id", "villages"), pick: "village_id = ?1"},
}

func refs(pairs ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return m
}

// droppedCols are village-side bookkeeping a package does not carry (导入's undo batches).
var droppedCols = map[string]bool{"import_id": true}

// PackOptions are what a package records besides the rows.
type PackOptions struct {
	AppVersion string // 村记's version, written into the manifest
	Passphrase string // "" leaves the package unencrypted
}

// Pack writes the package of one village to out (replacing it only when complete). It reads
// one snapshot of the ledger and changes nothing in it.
func (s *Store) Pack(villageID int64, out string, opt PackOptions) (packfile.Manifest, error) {
	var m packfile.Manifest
	v, err := s.GetVillage(villageID)
	if err != nil {
		return m, err
	}
	dir, err := os.MkdirTemp(filepath.Dir(out), ".cunji-pack-")
	if err != nil {
		return m, err
	}
	defer os.RemoveAll(dir)
	dbPath := filepath.Join(dir, "village.db")
	if err := createPackageDB(dbPath); err != nil {
		return m, err
	}
	counts, totals, err := s.fillPackage(dbPath, villageID)
	if err != nil {
		return m, err
	}
	m = packfile.Manifest{App: "村记", AppVersion: opt.AppVersion, Schema: SchemaVersion(), VillageUUID: v.UUID,
		VillageName: v.Name, Made: s.now().UTC().Format(time.RFC3339Nano), Counts: counts, Totals: totals}
	tmp := filepath.Join(dir, "out.cunji")
	f, err := os.Create(tmp)
	if err != nil {
		return m, err
	}
	m, err = packfile.Write(f, m, dbPath, opt.Passphrase)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return m, err
	}
	return m, os.Rename(tmp, out)
}

// createPackageDB makes an empty database of this version's schema for a package.
func createPackageDB(path string) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	return migrate(db, SchemaVersion())
}

// fillPackage copies the village's rows into the package database, attached to one of the
// store's connections, in one read snapshot; it returns the counts and totals for the manifest.
func (s *Store) fillPackage(dbPath string, villageID int64) (map[string]int64, map[string]int64, error) {
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer conn.Close()
	// Rows are copied as they are; merge checks what they point to.
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return nil, nil, err
	}
	defer conn.ExecContext(ctx, "PRAGMA foreign_keys = ON")
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS pkg", dbPath); err != nil {
		return nil, nil, err
	}
	defer conn.ExecContext(ctx, "DETACH DATABASE pkg")
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return nil, nil, err
	}
	done := false
	defer func() {
		if !done {
			conn.ExecContext(ctx, "ROLLBACK")
		}
	}()
	// The package starts empty of rows (migrations may write their markers).
	if _, err := conn.ExecContext(ctx, "DELETE FROM pkg.audit_log"); err != nil {
		return nil, nil, err
	}
	// Picks that read pkg (what is packed so far) wait for the tables they read.
	var first, then []packTable
	for _, t := range packTables {
		if strings.Contains(t.pick, "pkg.") {
			then = append(then, t)
		} else {
			first = append(first, t)
		}
	}
	for _, t := range append(first, then...) {
		cols, err := tableCols(ctx, conn, "main", t.name)
		if err != nil {
			return nil, nil, err
		}
		sel := make([]string, len(cols))
		for i, c := range cols {
			sel[i] = c
			if droppedCols[c] {
				sel[i] = "NULL"
			}
		}
		q := fmt.Sprintf("INSERT INTO pkg.%s(%s) SELECT %s FROM main.%s WHERE %s", t.name, strings.Join(cols, ", "),
			strings.Join(sel, ", "), t.name, t.pick)
		if _, err := conn.ExecContext(ctx, q, villageID); err != nil {
			return nil, nil, fmt.Errorf("pack %s: %w", t.name, err)
		}
	}
	counts, totals, err := packageCounts(ctx, conn, "pkg")
	if err != nil {
		return nil, nil, err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return nil, nil, err
	}
	done = true
	return counts, totals, nil
}

// packageCounts are the rows of every packed table and the money totals a manifest states.
func packageCounts(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, schema string) (map[string]int64, map[string]int64, error) {
	counts := map[string]int64{}
	for _, t := range packTables {
		var n int64
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+schema+"."+t.name).Scan(&n); err != nil {
			return nil, nil, err
		}
		counts[t.name] = n
	}
	totals := map[string]int64{}
	for name, query := range map[string]string{
		"sales": `SELECT coalesce(sum(l.amount), 0) FROM %[1]s.sale_lines l JOIN %[1]s.sale_events e ON e.id = l.event_id
			WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL`,
		"income":  `SELECT coalesce(sum(amount), 0) FROM %[1]s.collective_entries WHERE deleted_at IS NULL AND direction = 'income'`,
		"expense": `SELECT coalesce(sum(amount), 0) FROM %[1]s.collective_entries WHERE deleted_at IS NULL AND direction = 'expense'`,
	} {
		var n int64
		if err := q.QueryRowContext(ctx, fmt.Sprintf(query, schema)).Scan(&n); err != nil {
			return nil, nil, err
		}
		totals[name] = n
	}
	return counts, totals, nil
}

// tableCols lists a table's columns in order.
func tableCols(ctx context.Context, conn *sql.Conn, schema, table string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, fmt.Sprintf("SELECT name FROM pragma_table_info('%s', '%s') ORDER BY cid", table, schema))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	if len(cols) == 0 && rows.Err() == nil {
		return nil, errors.New("no table " + schema + "." + table)
	}
	return cols, rows.Err()
}
