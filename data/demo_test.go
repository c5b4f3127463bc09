package data

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

func TestDemoCoversEveryStageCategoryAndChannel(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	today := MustDate(2025, 8, 15)
	noErr(t, Demo(path, DemoOptions{Sales: 4000, Villages: 2, Years: 3, Today: today}))
	s, err := OpenExisting(path)
	noErr(t, err)
	defer s.Close()

	if n := countRows(t, s, "SELECT count(*) FROM sale_lines WHERE deleted_at IS NULL"); n != 4000 {
		t.Fatalf("%d sale lines", n)
	}
	checkSalesTotals(t, s)
	villages, _ := s.Villages()
	if len(villages) != 2 || villages[0].Name != "东泉村" {
		t.Fatalf("%+v", villages)
	}
	distinct := func(q string) []string {
		rows, err := s.db.Query(q)
		noErr(t, err)
		defer rows.Close()
		var out []string
		for rows.Next() {
			var v string
			noErr(t, rows.Scan(&v))
			out = append(out, v)
		}
		return out
	}
	covers := func(what string, got, want []string) {
		t.Helper()
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: %s missing (have %v)", what, w, got)
			}
		}
	}
	// Every stage is some project's current stage.
	var current []string
	rows, _ := s.ListProjects(ProjectFilter{}, 0, 100)
	for _, r := range rows {
		current = append(current, r.Stage)
		if r.Budget <= 0 {
			t.Errorf("%s has no funding", r.Name)
		}
	}
	covers("current stages", current, Stages)
	covers("channels", distinct("SELECT DISTINCT channel FROM sale_events"), Channels)
	covers("funding sources", distinct("SELECT DISTINCT source FROM funding_lines"), FundingSources)
	for _, y := range []int{2023, 2024, 2025} {
		for _, v := range villages {
			sum, err := s.YearSummary(y, v.ID)
			noErr(t, err)
			for _, c := range IncomeCategories {
				if sum.Income.ByCategory[c] <= 0 {
					t.Errorf("%d %s: no %s", y, v.Name, c)
				}
			}
			var exp []string
			for c, a := range sum.Expense.ByCategory {
				if a > 0 {
					exp = append(exp, c)
				}
			}
			covers("expenses", exp, ExpenseCategories)
			if tp, _ := s.TargetProgress(v.ID, y); !tp.HasTarget {
				t.Errorf("%d %s: no target", y, v.Name)
			}
		}
	}
	if n := countRows(t, s, "SELECT count(*) FROM sale_events WHERE date > ? OR date < '2023-01-01'", today); n != 0 {
		t.Fatalf("%d events outside the years", n)
	}
	if n := countRows(t, s, "SELECT count(*) FROM disbursements"); n == 0 {
		t.Fatal("no disbursements")
	}
	if n := countRows(t, s, "SELECT count(*) FROM collective_entries WHERE project_id IS NOT NULL"); n == 0 {
		t.Fatal("no income linked to a project")
	}
	if n := countRows(t, s, "SELECT count(*) FROM distributions"); n == 0 {
		t.Fatal("a project at 收益分配 paid no dividend")
	}
	if n := countRows(t, s, "SELECT count(*) FROM attachments"); n == 0 {
		t.Fatal("no photos")
	}
	// 三资: every village has rent in arrears, a contract ending soon and one ended without renewal,
	// an idle asset and a lease past 20 years; projects formed some of the assets.
	for _, v := range villages {
		r, err := s.Reminders(today, v.ID, 10)
		noErr(t, err)
		var kinds []string
		for _, x := range r.Ending.Items {
			kinds = append(kinds, x.Kind)
		}
		if r.Overdue.Count == 0 || r.Overdue.Total <= 0 || r.IdleAssets.Count == 0 || r.NoDecision.Count == 0 ||
			!slices.Contains(kinds, ReminderEnding) || !slices.Contains(kinds, ReminderEnded) {
			t.Errorf("%s reminders %+v", v.Name, r)
		}
		for _, check := range []string{CheckOver20, CheckLong} {
			if n, _ := s.CountContracts(ContractFilter{VillageID: v.ID, Check: check, Today: today}); n == 0 {
				t.Errorf("%s: no contract with %s", v.Name, CheckName(check))
			}
		}
	}
	if n, _ := s.CountAssets(AssetFilter{Source: AssetSourceProject}); n < 3 {
		t.Errorf("%d assets formed by projects", n)
	}
	// 四议两公开: projects and contracts decided, 一肩挑 in the second village, one 党员大会 short of two thirds.
	covers("decision kinds", distinct("SELECT DISTINCT kind FROM decisions"), []string{"项目立项", "合同发包/租赁", "集体收益使用"})
	if n := countRows(t, s, "SELECT count(DISTINCT village_id) FROM decisions WHERE merged"); n != 1 {
		t.Errorf("%d villages with 一肩挑 decisions", n)
	}
	short := 0
	decisions, err := s.ListDecisions(DecisionFilter{}, 0, 1000)
	noErr(t, err)
	for _, d := range decisions {
		for _, f := range d.Failed {
			if f.Rule == RuleQuorum {
				short++
			}
		}
	}
	if short != 1 {
		t.Errorf("%d meetings short of their quorum", short)
	}
	covers("contract kinds", distinct("SELECT DISTINCT kind FROM contracts"), []string{"土地", "林地", "水面", "设施农业", "厂房", "门面", "设备"})
	covers("asset statuses", distinct("SELECT DISTINCT status FROM assets"), AssetStatuses)
	checkRentSchedule(t, s)
	verifyOK(t, s)
	if n := countRows(t, s, "SELECT count(*) FROM project_villages GROUP BY project_id ORDER BY 1 DESC LIMIT 1"); n != 2 {
		t.Fatal("a 联建 project spans both villages")
	}
	for _, v := range villages {
		households := countRows(t, s, "SELECT count(*) FROM sellers WHERE village_id = ? AND kind = '农户'", v.ID)
		if households < 20 || households > 40 {
			t.Errorf("%s: %d households", v.Name, households)
		}
	}
	statuses := distinct("SELECT DISTINCT status FROM sellers")
	covers("statuses", statuses, PovertyStatuses)
	list, _ := s.ListSellers(SellerFilter{}, 0, 1000)
	for _, x := range list {
		if (x.Phone != "" && !ValidPhone(x.Phone)) || (x.IDNumber != "" && !ValidID(x.IDNumber)) {
			t.Errorf("invalid personal data %+v", x)
		}
	}
	if v, _ := s.Setting(SettingSecretary); v == "" {
		t.Fatal("secretary name")
	}
	if n := countRows(t, s, "SELECT count(*) FROM audit_log WHERE action = 'bulk' AND tbl = 'sale_lines'"); n != 1 {
		t.Fatalf("%d bulk audit entries for 4000 lines", n)
	}
}

func TestDemoIsRepeatableAndRefusesAnExistingFile(t *testing.T) {
	dir := t.TempDir()
	opt := DemoOptions{Sales: 300, Years: 1, Today: MustDate(2025, 6, 30), Seed: 9}
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	noErr(t, Demo(a, opt))
	noErr(t, Demo(b, opt))
	sa, _ := OpenExisting(a)
	sb, _ := OpenExisting(b)
	ya, _ := sa.YearSummary(2025, 0)
	yb, _ := sb.YearSummary(2025, 0)
	sa.Close()
	sb.Close()
	if !reflect.DeepEqual(ya.Sales, yb.Sales) || ya.Income.Total != yb.Income.Total {
		t.Fatal("the same seed gives the same ledger")
	}
	before, _ := os.ReadFile(a)
	err := Demo(a, opt)
	if !IsOpenError(err, ErrExists) {
		t.Fatalf("want ErrExists, got %v", err)
	}
	after, _ := os.ReadFile(a)
	if sha256.Sum256(before) != sha256.Sum256(after) {
		t.Fatal("the existing file changed")
	}
	if err := Demo(filepath.Join(dir, "c.db"), DemoOptions{Villages: MaxDemoVillages + 1}); err == nil {
		t.Fatal("too many villages")
	}
}

// cancelAfter is a context that reports itself cancelled from its n-th question on, so a build
// stops at a known point without a clock.
type cancelAfter struct {
	context.Context
	n atomic.Int64
}

func (c *cancelAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// names lists what a folder holds.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	noErr(t, err)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestDemoCancelledHalfwayLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	ctx := &cancelAfter{Context: context.Background()}
	ctx.n.Store(200) // well into the sale events
	err := Demo(path, DemoOptions{Sales: 50_000, Today: MustDate(2025, 6, 30), Context: ctx})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
	if left := names(t, dir); len(left) != 0 {
		t.Fatalf("a cancelled demo left %v", left)
	}
}

func TestDemoRemovesWhatAKilledBuildLeftButNotARunningOne(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	// A build killed partway: a database holding part of the demo, its journal and lock beside it.
	dead := demoTempName(path, "0badf00d")
	s, err := Create(dead)
	noErr(t, err)
	noErr(t, s.SaveVillage(&Village{Name: "东泉村"}))
	noErr(t, s.Close())
	noErr(t, os.WriteFile(dead+"-journal", []byte("x"), 0o644))
	// A build still running holds its store open.
	live := demoTempName(path, "1234abcd")
	running, err := Create(live)
	noErr(t, err)
	defer running.Close()

	noErr(t, Demo(path, DemoOptions{Sales: 100, Years: 1, Today: MustDate(2025, 6, 30)}))
	for _, name := range names(t, dir) {
		if strings.Contains(name, "0badf00d") {
			t.Errorf("the killed build's %s is still there", name)
		}
	}
	if _, err := os.Stat(live); err != nil {
		t.Fatalf("the running build's file was removed: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}

func TestOpenDemoMakesTheDemoOnceAndRefusesAnotherDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cunji-demo.db")
	opt := DemoOptions{Sales: 100, Years: 1, Today: MustDate(2025, 6, 30)}
	s, err := OpenDemo(path, opt)
	noErr(t, err)
	if demo, err := s.IsDemo(); !demo || err != nil {
		t.Fatalf("IsDemo %v %v", demo, err)
	}
	noErr(t, s.SaveVillage(&Village{Name: "演示里加的村"}))
	noErr(t, s.Close())
	s, err = OpenDemo(path, opt) // opened again, not made again
	noErr(t, err)
	if _, err := s.VillageByName("演示里加的村"); err != nil {
		t.Fatalf("the demo was made anew: %v", err)
	}
	noErr(t, s.Close())

	real := filepath.Join(dir, "real.db")
	r, err := Open(real)
	noErr(t, err)
	if demo, _ := r.IsDemo(); demo {
		t.Fatal("an ordinary database counts as a demo")
	}
	noErr(t, r.SaveVillage(&Village{Name: "东泉村"}))
	noErr(t, r.Close())
	before, _ := os.ReadFile(real)
	if _, err := OpenDemo(real, opt); !errors.Is(err, ErrNotDemo) {
		t.Fatalf("want ErrNotDemo, got %v", err)
	}
	if after, _ := os.ReadFile(real); sha256.Sum256(before) != sha256.Sum256(after) {
		t.Fatal("OpenDemo changed a database that is not a demo")
	}
}
