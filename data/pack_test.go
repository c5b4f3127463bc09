package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"cunji/data/packfile"
)

func init() { packfile.ScryptWorkFactor = 10 } // tests need no real brute-force cost

// demoVillages makes a demo ledger of n villages (shared projects among them) and opens it.
func demoVillages(t *testing.T, n, sales int) *Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "villages.db")
	noErr(t, Demo(path, DemoOptions{Villages: n, Sales: sales, Years: 2, Today: day("2025-11-30"), Seed: 7}))
	s, err := OpenExisting(path)
	noErr(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// packAll writes one package per village of s into dir and returns their paths.
func packAll(t *testing.T, s *Store, dir, passphrase string) []string {
	t.Helper()
	villages, err := s.Villages()
	noErr(t, err)
	var out []string
	for _, v := range villages {
		p := filepath.Join(dir, v.Name+".cunji")
		_, err := s.Pack(v.ID, p, PackOptions{AppVersion: "test", Passphrase: passphrase})
		noErr(t, err)
		out = append(out, p)
	}
	return out
}

func openTown(t testing.TB) *Store {
	t.Helper()
	town, err := OpenTown(filepath.Join(t.TempDir(), "town.db"))
	noErr(t, err)
	t.Cleanup(func() { town.Close() })
	return town
}

func summaryJSON(t testing.TB, s *Store, year int) string {
	t.Helper()
	sum, err := s.YearSummary(year, 0)
	noErr(t, err)
	b, err := json.Marshal(sum)
	noErr(t, err)
	return string(b)
}

func mergeAll(t testing.TB, town *Store, paths []string, passphrase string, want MergeOutcome) {
	t.Helper()
	for _, p := range paths {
		r, err := town.Merge(p, passphrase)
		noErr(t, err)
		if r.Outcome != want {
			t.Fatalf("%s: outcome %d, want %d (%s)", filepath.Base(p), r.Outcome, want, r.Message())
		}
	}
}

// TestMergedTownEqualsSource: a town merged from packages of every village of one database
// has that database's summary exactly, every year; merging them again changes nothing.
func TestMergedTownEqualsSource(t *testing.T) {
	src := demoVillages(t, 4, 3000)
	paths := packAll(t, src, t.TempDir(), "")
	town := openTown(t)
	mergeAll(t, town, paths, "", MergeAdded)
	for _, y := range []int{2024, 2025} {
		if got, want := summaryJSON(t, town, y), summaryJSON(t, src, y); got != want {
			t.Errorf("%d: town summary\n%s\nwant\n%s", y, got, want)
		}
	}
	verifyOK(t, town)
	before := summaryJSON(t, town, 2025)
	entries, err := town.AuditLog("", 0, 1)
	noErr(t, err)
	mergeAll(t, town, paths, "", MergeSame)
	after, err := town.AuditLog("", 0, 1)
	noErr(t, err)
	if summaryJSON(t, town, 2025) != before || after[0].ID != entries[0].ID {
		t.Error("a second merge of the same packages changed the town")
	}
	var projects, srcProjects int
	noErr(t, town.db.QueryRow("SELECT count(*) FROM projects").Scan(&projects))
	noErr(t, src.db.QueryRow("SELECT count(*) FROM projects").Scan(&srcProjects))
	var shared int
	noErr(t, src.db.QueryRow("SELECT count(*) FROM (SELECT project_id FROM project_villages GROUP BY project_id HAVING count(*) > 1)").Scan(&shared))
	if shared == 0 || projects != srcProjects {
		t.Errorf("town has %d projects, the source %d (%d shared by several villages)", projects, srcProjects, shared)
	}
	if err := town.SaveVillage(&Village{Name: "新村"}); !errors.Is(err, ErrTownReadOnly) {
		t.Errorf("a write to the town's ledgers: %v, want ErrTownReadOnly", err)
	}
}

// TestMergeNewerReplacesOlderRefused: a later package of a village replaces its rows (the
// summary follows the village's ledger), an older one is refused, and Verify still passes.
func TestMergeNewerReplacesOlderRefused(t *testing.T) {
	src := demoVillages(t, 2, 1000)
	dir := t.TempDir()
	villages, err := src.Villages()
	noErr(t, err)
	v := villages[0]
	old := filepath.Join(dir, "old.cunji")
	_, err = src.Pack(v.ID, old, PackOptions{})
	noErr(t, err)
	others := packAll(t, src, t.TempDir(), "")

	// The village keeps its books: an income entry and a deleted sales event.
	noErr(t, src.SaveEntry(&CollectiveEntry{Date: day("2025-03-03"), VillageID: v.ID, Direction: DirectionIncome,
		Category: IncomeCategories[0], Amount: 123456}))
	var event int64
	noErr(t, src.db.QueryRow("SELECT id FROM sale_events WHERE village_id = ? AND date LIKE '2025-%' AND deleted_at IS NULL LIMIT 1", v.ID).Scan(&event))
	noErr(t, src.DeleteSaleEvent(event))
	src.now = func() time.Time { return time.Now().Add(time.Minute) }
	newer := filepath.Join(dir, "new.cunji")
	_, err = src.Pack(v.ID, newer, PackOptions{})
	noErr(t, err)

	town := openTown(t)
	mergeAll(t, town, others, "", MergeAdded)
	if summaryJSON(t, town, 2025) == summaryJSON(t, src, 2025) {
		t.Fatal("the village's later entries should not be in the town yet")
	}
	mergeAll(t, town, []string{newer}, "", MergeReplaced)
	if got, want := summaryJSON(t, town, 2025), summaryJSON(t, src, 2025); got != want {
		t.Errorf("after the newer package: town\n%s\nwant\n%s", got, want)
	}
	verifyOK(t, town)
	r, err := town.Merge(old, "")
	noErr(t, err)
	if r.Outcome != MergeOlder {
		t.Errorf("older package: outcome %d (%s)", r.Outcome, r.Message())
	}
	if got, want := summaryJSON(t, town, 2025), summaryJSON(t, src, 2025); got != want {
		t.Error("the older package changed the town")
	}
}

// TestMergeRefusesBadPackages: truncated, bit-flipped, wrong passphrase and newer-format
// packages are refused with a message, and the town is unchanged.
func TestMergeRefusesBadPackages(t *testing.T) {
	src := demoVillages(t, 2, 500)
	dir := t.TempDir()
	plain := packAll(t, src, dir, "")[0]
	secret := filepath.Join(dir, "secret.cunji")
	_, err := src.Pack(1, secret, PackOptions{Passphrase: "村里的密码"})
	noErr(t, err)
	town := openTown(t)
	good := packAll(t, src, t.TempDir(), "")[1]
	mergeAll(t, town, []string{good}, "", MergeAdded)
	before := summaryJSON(t, town, 2025)

	b, err := os.ReadFile(plain)
	noErr(t, err)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		noErr(t, os.WriteFile(p, data, 0o644))
		return p
	}
	flipped := append([]byte(nil), b...)
	flipped[len(flipped)/2] ^= 0x10
	sb, err := os.ReadFile(secret)
	noErr(t, err)
	sflipped := append([]byte(nil), sb...)
	sflipped[len(sflipped)-100] ^= 1
	for _, c := range []struct {
		name, path, pass, key string
	}{
		{"truncated", write("t.cunji", b[:len(b)*2/3]), "", "err.pack.notpackage"},
		{"bit-flipped", write("f.cunji", flipped), "", "err.pack.damaged"},
		{"not a package", write("x.cunji", []byte("hello")), "", "err.pack.notpackage"},
		{"no passphrase", secret, "", "err.pack.passphrase"},
		{"wrong passphrase", secret, "村里的密玛", "err.pack.wrongpassphrase"},
		{"encrypted, bit-flipped", write("sf.cunji", sflipped), "村里的密码", "err.pack.damaged"},
		{"encrypted, truncated", write("st.cunji", sb[:len(sb)-10]), "村里的密码", "err.pack.damaged"},
	} {
		_, err := town.Merge(c.path, c.pass)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Key != c.key {
			t.Errorf("%s: %v, want %s", c.name, err, c.key)
		}
	}
	if summaryJSON(t, town, 2025) != before {
		t.Error("a refused package changed the town")
	}
	r, err := town.Merge(secret, "村里的密码")
	noErr(t, err)
	if r.Outcome != MergeAdded {
		t.Errorf("the encrypted package with its passphrase: %s", r.Message())
	}
	verifyOK(t, town)
}

// rewritePackage unpacks a package, lets edit change its database and manifest, and packs it
// again with a matching SHA-256: what someone altering a package by hand would make.
func rewritePackage(t *testing.T, path string, edit func(db *sql.DB, m *packfile.Manifest)) string {
	t.Helper()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "village.db")
	m, err := packfile.Read(path, "", dbPath, SchemaVersion())
	noErr(t, err)
	db, err := sql.Open("sqlite", dbPath)
	noErr(t, err)
	edit(db, &m)
	noErr(t, db.Close())
	out := filepath.Join(dir, "rewritten.cunji")
	f, err := os.Create(out)
	noErr(t, err)
	_, err = packfile.Write(f, m, dbPath, "")
	noErr(t, err)
	noErr(t, f.Close())
	return out
}

// A package altered by hand (rows pointing at rows it does not hold, counts that disagree with
// its manifest) or from a newer 村记 is refused, and the town is unchanged; its history reads.
func TestMergeRefusesAlteredAndNewerPackages(t *testing.T) {
	src := demoVillages(t, 2, 500)
	paths := packAll(t, src, t.TempDir(), "")
	town := openTown(t)
	mergeAll(t, town, paths[:1], "", MergeAdded)
	before := summaryJSON(t, town, 2025)
	dangling := rewritePackage(t, paths[1], func(db *sql.DB, m *packfile.Manifest) {
		_, err := db.Exec("UPDATE sale_lines SET event_id = 999999 WHERE id = (SELECT min(id) FROM sale_lines)")
		noErr(t, err)
	})
	recounted := rewritePackage(t, paths[1], func(db *sql.DB, m *packfile.Manifest) {
		_, err := db.Exec("DELETE FROM sale_lines WHERE id = (SELECT min(id) FROM sale_lines)")
		noErr(t, err)
	})
	newer := rewritePackage(t, paths[1], func(db *sql.DB, m *packfile.Manifest) { m.Schema = SchemaVersion() + 1 })
	for name, c := range map[string]struct{ path, key string }{
		"dangling reference": {dangling, "err.pack.inconsistent"},
		"counts disagree":    {recounted, "err.pack.inconsistent"},
		"newer schema":       {newer, "err.pack.toonew"},
	} {
		_, err := town.Merge(c.path, "")
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Key != c.key {
			t.Errorf("%s: %v, want %s", name, err, c.key)
		}
	}
	if summaryJSON(t, town, 2025) != before {
		t.Error("a refused package changed the town")
	}
	verifyOK(t, town)
	hist, err := town.ListHistory(AuditFilter{}, 0, 50)
	noErr(t, err)
	if len(hist) == 0 || hist[0].Verb.Text != "汇总数据包" {
		t.Errorf("the town's latest history entry: %+v", hist)
	}
}

// MergeAll reads ahead but reports every package in order; a refused one stops none of the others.
func TestMergeAllReportsEachInOrder(t *testing.T) {
	src := demoVillages(t, 3, 300)
	paths := packAll(t, src, t.TempDir(), "")
	bad := filepath.Join(t.TempDir(), "bad.cunji")
	noErr(t, os.WriteFile(bad, []byte("not a package"), 0o644))
	list := []string{paths[0], bad, paths[1], paths[2], paths[0]}
	town := openTown(t)
	var got []string
	town.MergeAll(list, "", func(path string, r MergeResult, err error) {
		switch {
		case err != nil:
			got = append(got, "refused")
		case r.Outcome == MergeAdded:
			got = append(got, "added")
		case r.Outcome == MergeSame:
			got = append(got, "same")
		}
	})
	if want := "added refused added added same"; fmt.Sprint(got) != "["+want+"]" {
		t.Errorf("outcomes %v, want [%s]", got, want)
	}
	if summaryJSON(t, town, 2025) != summaryJSON(t, src, 2025) {
		t.Error("the town differs from its villages")
	}
}

// notPacked are the tables of the schema a package leaves out, each for a reason; every other
// table must be in packTables (TestEveryTableIsPacked).
var notPacked = map[string]string{
	"meta":          "the database's own marks (schema, town)",
	"audit_log":     "each database keeps its own chain; a town records its merges",
	"settings":      "the village's preferences, not its ledger",
	"imports":       "the village's 导入 undo batches",
	"town_packages": "a town's record of the packages it merged",
	"sales_month":   "derived: recomputed from the lines by merge",
	"seller_month":  "derived: recomputed from the lines by merge",
}

// TestEveryTableIsPacked: a table added to the schema is either packed or named in notPacked,
// and every column of a packed table that points at another table is remapped (in its refs).
func TestEveryTableIsPacked(t *testing.T) {
	s := ledgerStore(t)
	packed := map[string]packTable{}
	for _, pt := range packTables {
		packed[pt.name] = pt
	}
	rows, err := s.db.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	noErr(t, err)
	var tables []string
	for rows.Next() {
		var name string
		noErr(t, rows.Scan(&name))
		tables = append(tables, name)
	}
	noErr(t, rows.Err())
	for _, name := range tables {
		pt, ok := packed[name]
		_, skipped := notPacked[name]
		switch {
		case ok && skipped:
			t.Errorf("table %s is both in packTables and in notPacked", name)
		case !ok && !skipped:
			t.Errorf("table %s is neither packed (data/pack.go packTables) nor listed in notPacked with its reason", name)
		case ok:
			fks, err := s.db.Query("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)", name)
			noErr(t, err)
			for fks.Next() {
				var col, ref string
				noErr(t, fks.Scan(&col, &ref))
				if !droppedCols[col] && pt.refs[col] != ref {
					t.Errorf("%s.%s points at %s but packTables has refs[%q] = %q: merge would copy the package's id as it is", name, col, ref, col, pt.refs[col])
				}
			}
			noErr(t, fks.Err())
			fks.Close()
		}
	}
	for name := range notPacked {
		if !slices.Contains(tables, name) {
			t.Errorf("notPacked names %s, which is not a table of the schema", name)
		}
	}
}

// ledgerDump is every packed table's rows with references spelled as the uuid they point at
// and ids left out, sorted: two databases holding the same ledger dump the same.
func ledgerDump(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	noErr(t, err)
	defer conn.Close()
	dump := map[string][]string{}
	for _, pt := range packTables {
		cols, err := tableCols(ctx, conn, "main", pt.name)
		noErr(t, err)
		var sel []string
		for _, c := range cols {
			switch ref, ok := pt.refs[c]; {
			case c == "id" || droppedCols[c]:
			case ok && ref == "villages" || ok && ref == "partners" || ok && ref == "products":
				// Shared by name: the town may have matched another uuid of the same name.
				sel = append(sel, fmt.Sprintf("(SELECT name FROM %s WHERE id = x.%s)", ref, c))
			case ok:
				sel = append(sel, fmt.Sprintf("(SELECT uuid FROM %s WHERE id = x.%s)", ref, c))
			default:
				sel = append(sel, "quote(x."+c+")") // quote: JSON holds no BLOB
			}
		}
		rows, err := conn.QueryContext(ctx, fmt.Sprintf("SELECT json_array(%s) FROM %s x", strings.Join(sel, ", "), pt.name))
		noErr(t, err)
		for rows.Next() {
			var r string
			noErr(t, rows.Scan(&r))
			dump[pt.name] = append(dump[pt.name], r)
		}
		noErr(t, rows.Err())
		rows.Close()
		slices.Sort(dump[pt.name])
	}
	return dump
}

// TestMergedTownHoldsEveryRow: a town merged from every village's package holds every row of
// every packed table of the source, column for column (photos, work log, tasks, partners' staff,
// 联建 shares included), and the demo fills every one of those tables.
func TestMergedTownHoldsEveryRow(t *testing.T) {
	src := demoVillages(t, 3, 500)
	// What the demo leaves empty: a 联建 project's set shares and photos of a contract and a decision step.
	p, err := src.GetProject(countRows(t, src, "SELECT min(project_id) FROM (SELECT project_id FROM project_villages GROUP BY 1 HAVING count(*) > 1)"))
	noErr(t, err)
	p.Shares = map[int64]int{}
	for i, v := range p.VillageIDs {
		p.Shares[v] = 10000 / len(p.VillageIDs)
		if i == 0 {
			p.Shares[v] += 10000 % len(p.VillageIDs)
		}
	}
	noErr(t, src.SaveProject(p))
	photo := []byte("\x89PNG\r\n\x1a\n photo")
	noErr(t, src.AddRecordFile(&RecordFile{ContractID: countRows(t, src, "SELECT min(id) FROM contracts"), FileName: "合同.png", Mime: "image/png", Data: photo}))
	noErr(t, src.AddStepFile(&StepFile{StepID: countRows(t, src, "SELECT min(id) FROM decision_steps"), FileName: "会议.png", Mime: "image/png", Data: photo}))
	town := openTown(t)
	mergeAll(t, town, packAll(t, src, t.TempDir(), ""), "", MergeAdded)
	want, got := ledgerDump(t, src), ledgerDump(t, town)
	for _, pt := range packTables {
		w, g := want[pt.name], got[pt.name]
		if len(w) == 0 {
			t.Errorf("the demo has no rows in %s: the round trip does not test it", pt.name)
		}
		if !slices.Equal(w, g) {
			t.Errorf("%s: the town has %d rows, the source %d; first difference:\n%s", pt.name, len(g), len(w), firstDiff(w, g))
		}
	}
	for _, q := range []string{"SELECT count(*) FROM funding_lines WHERE partner_id IS NOT NULL",
		"SELECT count(*) FROM project_villages WHERE share_bp > 0"} {
		if countRows(t, src, q) == 0 {
			t.Errorf("the demo has no rows for %q", q)
		}
	}
	verifyOK(t, town)
}

func firstDiff(a, b []string) string {
	for i := range max(len(a), len(b)) {
		if i >= len(a) || i >= len(b) || a[i] != b[i] {
			at := func(s []string) string {
				if i < len(s) {
					return s[i]
				}
				return "(none)"
			}
			return "source " + at(a) + "\ntown   " + at(b)
		}
	}
	return ""
}

// A merge records each table's rows by count under the package's SHA-256 instead of reading
// them back to hash them; Verify of the town still finds a merged row removed outside 村记.
func TestTownVerifyCountsMergedRows(t *testing.T) {
	src := demoVillages(t, 2, 300)
	paths := packAll(t, src, t.TempDir(), "")
	town := openTown(t)
	mergeAll(t, town, paths, "", MergeAdded)
	verifyOK(t, town)
	var sha string
	noErr(t, town.db.QueryRow("SELECT sha256 FROM town_packages ORDER BY id LIMIT 1").Scan(&sha))
	if n := countRows(t, town, `SELECT count(*) FROM audit_log WHERE action = 'bulk' AND tbl = 'sale_lines'
		AND json_extract(new_json, '$.package_sha256') = ? AND json_extract(new_json, '$.rows_sha256') IS NULL`, sha); n != 1 {
		t.Errorf("%d bulk entries of the package's sale lines name its SHA-256 without a rows hash, want 1", n)
	}
	_, err := town.db.Exec("DELETE FROM sale_lines WHERE id = (SELECT min(id) FROM sale_lines)")
	noErr(t, err)
	r, err := town.Verify(context.Background())
	noErr(t, err)
	if r.OK() {
		t.Error("a merged sale line removed outside 村记 passed Verify")
	}
}

// A town makes its sales events and lines without the unique index on uuid (docs/PERFORMANCE.md),
// keeping their other indexes; the village ledger keeps it.
func TestTownSalesWithoutUniqueUUID(t *testing.T) {
	town, village := openTown(t), ledgerStore(t)
	for _, table := range []string{"sale_events", "sale_lines"} {
		q := "SELECT count(*) FROM pragma_index_list(?) WHERE \"unique\" AND origin = 'u'"
		if n := countRows(t, town, q, table); n != 0 {
			t.Errorf("town %s: %d unique indexes", table, n)
		}
		if n := countRows(t, village, q, table); n != 1 {
			t.Errorf("village %s: %d unique indexes, want 1 (uuid)", table, n)
		}
		q = "SELECT count(*) FROM pragma_index_list(?) WHERE origin = 'c'"
		if got, want := countRows(t, town, q, table), countRows(t, village, q, table); got != want || want == 0 {
			t.Errorf("%s: the town has %d indexes, the village %d", table, got, want)
		}
	}
}

// A task's link to another village's sales event is not the village's own row: its package
// leaves it out (and is not refused), and keeps the links to its own records.
func TestPackLeavesOtherVillagesLinksOut(t *testing.T) {
	src := demoVillages(t, 2, 300)
	task := countRows(t, src, "SELECT min(id) FROM tasks")
	village := countRows(t, src, "SELECT village_id FROM tasks WHERE id = ?", task)
	own := countRows(t, src, "SELECT min(id) FROM sale_events WHERE village_id = ? AND deleted_at IS NULL", village)
	other := countRows(t, src, "SELECT min(id) FROM sale_events WHERE village_id <> ? AND deleted_at IS NULL", village)
	noErr(t, src.AddTaskLink(&TaskLink{TaskID: task, EventID: own}))
	noErr(t, src.AddTaskLink(&TaskLink{TaskID: task, EventID: other}))
	town := openTown(t)
	mergeAll(t, town, packAll(t, src, t.TempDir(), ""), "", MergeAdded)
	var taskUUID string
	noErr(t, src.db.QueryRow("SELECT uuid FROM tasks WHERE id = ?", task).Scan(&taskUUID))
	q := `SELECT count(*) FROM task_links l JOIN tasks t ON t.id = l.task_id JOIN sale_events e ON e.id = l.event_id
		WHERE t.uuid = ? AND e.village_id <> t.village_id`
	if n := countRows(t, town, q, taskUUID); n != 0 {
		t.Errorf("the town holds %d links of the task to another village's events", n)
	}
	q = `SELECT count(*) FROM task_links l JOIN tasks t ON t.id = l.task_id WHERE t.uuid = ? AND l.event_id IS NOT NULL`
	if got, want := countRows(t, town, q, taskUUID), countRows(t, src, q, taskUUID)-1; got != want {
		t.Errorf("the town holds %d of the task's links to events, want %d", got, want)
	}
}

// MergeAll merges several packages in one transaction: a package refused (a village of a name the
// town holds for another village; a line breaking a CHECK, found after the package had written
// rows and audit entries) rolls back alone, the others of the batch are merged, the audit chain
// verifies; a village's newer and older packages in one batch replace, then change nothing.
func TestMergeAllRefusalInsideABatch(t *testing.T) {
	src := demoVillages(t, 3, 300)
	paths := packAll(t, src, t.TempDir(), "")
	first, err := packfile.Read(paths[0], "", filepath.Join(t.TempDir(), "v.db"), SchemaVersion())
	noErr(t, err)
	// Another database's village under the same name.
	impostor := rewritePackage(t, packAll(t, demoVillages(t, 1, 100), t.TempDir(), "")[0], func(db *sql.DB, m *packfile.Manifest) {
		_, err := db.Exec("UPDATE villages SET name = ? WHERE uuid = ?", first.VillageName, m.VillageUUID)
		noErr(t, err)
		m.VillageName = first.VillageName
	})
	newer := newerPackage(t, paths[2])
	broken := rewritePackage(t, paths[1], func(db *sql.DB, m *packfile.Manifest) {
		_, err := db.Exec("PRAGMA ignore_check_constraints = ON; UPDATE sale_lines SET amount = -5 WHERE id = (SELECT max(id) FROM sale_lines)")
		noErr(t, err)
	})
	list := []string{paths[0], impostor, broken, paths[2], newer, paths[2], paths[1]}
	if len(list) > mergeBatch {
		t.Fatalf("the test needs one batch of %d, mergeBatch is %d", len(list), mergeBatch)
	}
	town := openTown(t)
	var got []string
	town.MergeAll(list, "", outcomes(t, &got))
	if want := "[added err.pack.samename err.pack.inconsistent added replaced older added]"; fmt.Sprint(got) != want {
		t.Errorf("outcomes %v, want %s", got, want)
	}
	verifyOK(t, town)
	var villages, owners int
	noErr(t, town.db.QueryRow("SELECT count(*) FROM villages WHERE name = ?", first.VillageName).Scan(&villages))
	noErr(t, town.db.QueryRow("SELECT count(*) FROM town_packages").Scan(&owners))
	if villages != 1 || owners != 3 {
		t.Errorf("town has %d villages named %s and %d packages, want 1 and 3", villages, first.VillageName, owners)
	}
	var lines, srcLines int
	noErr(t, town.db.QueryRow("SELECT count(*) FROM sale_lines WHERE deleted_at IS NULL").Scan(&lines))
	noErr(t, src.db.QueryRow("SELECT count(*) FROM sale_lines WHERE deleted_at IS NULL").Scan(&srcLines))
	if lines != srcLines-1 {
		t.Errorf("town has %d live lines, want %d (the source's less the one the newer package deleted)", lines, srcLines-1)
	}
}

// A batch of villages new to the town merges without SQLite's foreign-key lookups; every
// reference it wrote still points at a row (PRAGMA foreign_key_check over the whole town).
func TestMergedTownKeepsItsForeignKeys(t *testing.T) {
	src := demoVillages(t, 4, 1000)
	town := openTown(t)
	town.MergeAll(packAll(t, src, t.TempDir(), ""), "", func(path string, r MergeResult, err error) {
		noErr(t, err)
		if r.Outcome != MergeAdded {
			t.Fatalf("%s: %s", path, r.Message())
		}
	})
	rows, err := town.db.Query("PRAGMA foreign_key_check")
	noErr(t, err)
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		noErr(t, rows.Scan(&table, &rowid, &parent, &fk))
		t.Errorf("%s row %d points at a missing %s row", table, rowid.Int64, parent)
	}
	noErr(t, rows.Err())
	if got, want := summaryJSON(t, town, 2025), summaryJSON(t, src, 2025); got != want {
		t.Errorf("town summary\n%s\nwant\n%s", got, want)
	}
}

// A package's own rows belong to its village: a package altered so that one of them names another
// village the package holds (an asset moved to that village, still under this village's contract)
// is refused. Merged, the asset would be deleted from under the contract when the other village's
// next package replaces its rows, and that batch's commit would fail for every package in it.
func TestMergeRefusesOwnRowsOfAnotherVillage(t *testing.T) {
	src := demoVillages(t, 3, 300)
	paths := packAll(t, src, t.TempDir(), "")
	other, err := packfile.Read(paths[1], "", filepath.Join(t.TempDir(), "v.db"), SchemaVersion())
	noErr(t, err)
	altered := rewritePackage(t, paths[0], func(db *sql.DB, m *packfile.Manifest) {
		res, err := db.Exec(`UPDATE assets SET village_id = (SELECT id FROM villages WHERE uuid = ?), code = code || '移'
			WHERE id = (SELECT min(asset_id) FROM contracts)`, other.VillageUUID)
		noErr(t, err)
		if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("the package holds no contract's asset to move (%d rows)", n)
		}
	})
	newer := newerPackage(t, paths[1])
	town := openTown(t)
	var got []string
	each := outcomes(t, &got)
	town.MergeAll([]string{altered, paths[1]}, "", each)
	town.MergeAll([]string{newer, paths[2]}, "", each)
	if want := "[err.pack.inconsistent added replaced added]"; fmt.Sprint(got) != want {
		t.Errorf("outcomes %v, want %s", got, want)
	}
	verifyOK(t, town)
}

// newerPackage is the package at path made an hour later, with one sale line deleted since.
func newerPackage(t *testing.T, path string) string {
	return rewritePackage(t, path, func(db *sql.DB, m *packfile.Manifest) {
		_, err := db.Exec("UPDATE sale_lines SET deleted_at = '2025-12-01T00:00:00Z' WHERE id = (SELECT min(id) FROM sale_lines)")
		noErr(t, err)
		m.Made = time.Now().Add(time.Hour).Format(time.RFC3339Nano)
	})
}

// outcomes is a MergeAll callback noting each package's outcome, or its refusal's message key, in got.
func outcomes(t *testing.T, got *[]string) func(string, MergeResult, error) {
	return func(path string, r MergeResult, err error) {
		var fe *FieldError
		switch {
		case errors.As(err, &fe):
			*got = append(*got, fe.Key)
		case err != nil:
			t.Fatalf("%s: %v", path, err)
		default:
			*got = append(*got, map[MergeOutcome]string{MergeAdded: "added", MergeReplaced: "replaced", MergeSame: "same", MergeOlder: "older"}[r.Outcome])
		}
	}
}

// A town database makes no daily copy: it is rebuilt from its packages (a district's is gigabytes,
// kept fourteen days and twelve months over); a copy made on demand still works, and 首页 does not
// remind to carry daily copies to a second place.
func TestTownMakesNoDailyCopy(t *testing.T) {
	src := demoVillages(t, 1, 200)
	town := openTown(t)
	mergeAll(t, town, packAll(t, src, t.TempDir(), ""), "", MergeAdded)
	made, err := town.DailyBackup(context.Background())
	noErr(t, err)
	if entries, _ := os.ReadDir(town.BackupDir()); made != "" || len(entries) != 0 {
		t.Fatalf("the daily check made %q; the backup folder holds %d files", made, len(entries))
	}
	path, err := town.BackupNow()
	noErr(t, err)
	if _, err := os.Stat(path); err != nil {
		t.Errorf("立即备份 in a town: %v", err)
	}
	town.now = func() time.Time { return time.Now().AddDate(0, 0, SecondBackupRemindDays+10) }
	if b, err := town.SecondBackupStatus(); err != nil || b.Remind {
		t.Errorf("a town is reminded to copy daily backups it does not make: %+v %v", b, err)
	}
}
