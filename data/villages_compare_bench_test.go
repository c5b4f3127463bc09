package data

import (
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Town benchmark sizes: a district of 1,000 villages, 20,000 sale lines each (20 million), all in
// the benchmark's year, the worst case for a year's view.
const (
	townVillages        = 1000
	townSellersPerVill  = 200
	townLinesPerVillage = 20_000
	townYear            = 2025
)

var benchTown struct {
	once  sync.Once
	path  string
	build time.Duration
	err   error
}

// townDB is the synthetic town database, built once per process with SQL straight into the tables
// (or reused from $CUNJI_BENCH_TOWN when that names a file). Sales go into the monthly totals
// only (sales_month, seller_month), which is all a year's view reads: 20 million lines as
// 60,000 channel rows and 2 million seller rows, without the lines themselves.
func townDB(b *testing.B) string {
	b.Helper()
	benchTown.once.Do(func() {
		path := os.Getenv("CUNJI_BENCH_TOWN")
		if path == "" {
			dir, err := os.MkdirTemp("", "cunji-town-")
			if err != nil {
				benchTown.err = err
				return
			}
			path = filepath.Join(dir, "town.db")
		}
		benchTown.path = path
		if _, err := os.Stat(path); err == nil {
			return
		}
		start := time.Now()
		benchTown.err = buildTownDB(path)
		benchTown.build = time.Since(start)
	})
	if benchTown.err != nil {
		b.Fatal(benchTown.err)
	}
	if benchTown.build > 0 {
		b.Logf("built the town database in %v", benchTown.build.Round(time.Millisecond))
	}
	return benchTown.path
}

func buildTownDB(path string) error {
	s, err := Open(path)
	if err != nil {
		return err
	}
	defer s.Close()
	stamp := "'2025-01-01T00:00:00Z'"
	seq := func(n int) string {
		return "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + strconv.Itoa(n) + ") "
	}
	linesPerSellerMonth := townLinesPerVillage / townSellersPerVill / 10 // each seller sells in 10 months of 12
	steps := []string{
		seq(townVillages) + `INSERT INTO villages(id, uuid, name, town, created_at, updated_at)
			SELECT i, 'v-' || i, printf('村%04d', i), printf('镇%02d', i % 20), ` + stamp + `, ` + stamp + ` FROM n`,
		seq(townVillages*townSellersPerVill) + `INSERT INTO sellers(id, uuid, name, kind, village_id, status, created_at, updated_at)
			SELECT i, 's-' || i, '卖家' || i, CASE WHEN i % 10 = 0 THEN '合作社' ELSE '农户' END, (i - 1) / ` + strconv.Itoa(townSellersPerVill) + ` + 1,
			'一般户', ` + stamp + `, ` + stamp + ` FROM n`,
		// Each seller sells in the ten months m where (id + m) % 6 <> 0 … about 10 of 12.
		`WITH RECURSIVE m(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM m WHERE k < 12)
			INSERT INTO seller_month(month, village_id, seller_id, amount, lines)
			SELECT printf('` + strconv.Itoa(townYear) + `-%02d', k), s.village_id, s.id, ` + strconv.Itoa(linesPerSellerMonth) + ` * (1000 + s.id % 3000), ` + strconv.Itoa(linesPerSellerMonth) + `
			FROM m, sellers s WHERE (s.id + k) % 6 <> 0 ORDER BY 1, 2, 3`,
		`INSERT INTO sales_month(month, village_id, channel, amount, lines)
			SELECT month, village_id, CASE seller_id % 5 WHEN 0 THEN '助农大集' WHEN 1 THEN '共富超市' WHEN 2 THEN '直播带货'
				WHEN 3 THEN '单位采购' ELSE '其他' END, sum(amount), sum(lines)
			FROM seller_month GROUP BY 1, 2, 3`,
		seq(townVillages*60) + `INSERT INTO collective_entries(uuid, date, village_id, direction, category, amount, created_at, updated_at)
			SELECT 'e-' || i, printf('` + strconv.Itoa(townYear) + `-%02d-%02d', i % 12 + 1, i % 28 + 1), (i - 1) / 60 + 1,
			CASE WHEN i % 3 = 0 THEN 'expense' ELSE 'income' END,
			CASE WHEN i % 3 = 0 THEN CASE i % 4 WHEN 0 THEN '经营支出' WHEN 1 THEN '管理费用' ELSE '公益支出' END
				ELSE CASE i % 4 WHEN 0 THEN '经营收入' WHEN 1 THEN '投资收益' WHEN 2 THEN '补助收入' ELSE '其他收入' END END,
			100000 + i % 997 * 1000, ` + stamp + `, ` + stamp + ` FROM n`,
		seq(townVillages) + `INSERT INTO village_targets(uuid, village_id, year, amount, measure, created_at, updated_at)
			SELECT 't-' || i, i, ` + strconv.Itoa(townYear) + `, 30000000, 'operating', ` + stamp + `, ` + stamp + ` FROM n`,
		// 30 projects a village; every 30th project is 联建 with the next three villages.
		seq(townVillages*30) + `INSERT INTO projects(id, uuid, name, type, year_started, created_at, updated_at)
			SELECT i, 'p-' || i, '项目' || i, '产业发展', 2023 + i % 3, ` + stamp + `, ` + stamp + ` FROM n`,
		`INSERT INTO project_villages(project_id, village_id) SELECT id, (id - 1) / 30 + 1 FROM projects`,
		`INSERT OR IGNORE INTO project_villages(project_id, village_id)
			SELECT p.id, ((p.id - 1) / 30 + k) % ` + strconv.Itoa(townVillages) + ` + 1 FROM projects p, (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3)
			WHERE p.id % 30 = 0`,
		`INSERT INTO funding_lines(uuid, project_id, source, amount, created_at, updated_at)
			SELECT 'f-' || id || '-' || k, id, CASE k WHEN 1 THEN '财政衔接资金' ELSE '村集体自筹' END, 1000000 * (id % 50 + 1) + k,
			` + stamp + `, ` + stamp + ` FROM projects, (SELECT 1 AS k UNION ALL SELECT 2)`,
		`INSERT INTO disbursements(uuid, project_id, date, amount, created_at, updated_at)
			SELECT 'd-' || id || '-' || k, id, printf('%d-%02d-10', 2023 + id % 3 + k - 1, id % 12 + 1), 300000 * (id % 40 + 1) + k,
			` + stamp + `, ` + stamp + ` FROM projects, (SELECT 1 AS k UNION ALL SELECT 2)`,
		`INSERT INTO stage_changes(uuid, project_id, stage, date, created_at, updated_at)
			SELECT 'c-' || id || '-' || k, id, CASE k WHEN 1 THEN '谋划' WHEN 2 THEN '实施' ELSE '运营管护' END,
			printf('%d-%02d-01', 2022 + id % 3 + k, id % 12 + 1), ` + stamp + `, ` + stamp + ` FROM projects,
			(SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) WHERE k < 3 OR id % 4 = 0`,
		// Ten contracts a village with yearly rent, the last year's item unpaid for every third.
		seq(townVillages*10) + `INSERT INTO contracts(id, uuid, code, village_id, kind, subject, party, party_kind, start_date, end_date,
			annual_rent, payment, created_at, updated_at)
			SELECT i, 'k-' || i, 'HT-' || i, (i - 1) / 10 + 1, '土地', '耕地', '承包户' || i, '个人', '2021-03-01', '2031-02-28',
			500000 + i % 100 * 1000, '年付', ` + stamp + `, ` + stamp + ` FROM n`,
		`INSERT INTO rent_schedule(contract_id, period, village_id, period_from, period_to, due_date, amount, received)
			SELECT c.id, y - 2021, c.village_id, printf('%d-03-01', y), printf('%d-02-28', y + 1), printf('%d-03-01', y), c.annual_rent,
			CASE WHEN y = ` + strconv.Itoa(townYear) + ` AND c.id % 3 = 0 THEN 0 ELSE c.annual_rent END
			FROM contracts c, (SELECT 2021 AS y UNION ALL SELECT 2022 UNION ALL SELECT 2023 UNION ALL SELECT 2024 UNION ALL SELECT 2025
				UNION ALL SELECT 2026 UNION ALL SELECT 2027 UNION ALL SELECT 2028 UNION ALL SELECT 2029 UNION ALL SELECT 2030)`,
		`ANALYZE`,
	}
	for _, q := range steps {
		if _, err := s.db.Exec(q); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkCompareVillagesTown is the 各村对比 of a year on the town database (docs/PERFORMANCE.md).
func BenchmarkCompareVillagesTown(b *testing.B) {
	s, err := OpenExisting(townDB(b))
	noErr(b, err)
	defer s.Close()
	var lines int64
	noErr(b, s.db.QueryRow("SELECT sum(lines) FROM sales_month").Scan(&lines))
	if lines < townVillages*townLinesPerVillage*9/10 {
		b.Fatalf("the town holds %d lines", lines)
	}
	// The machine is shared: the CPU time the process spent per view says what a quiet machine would see.
	before := cpuTime()
	n := 0
	for b.Loop() {
		c, err := s.CompareVillages(YearPeriod(townYear))
		noErr(b, err)
		if len(c.Rows) != townVillages || c.Total.Sales == 0 || c.Total.Households == 0 || c.Total.Projects == 0 || c.Total.RentOverdue == 0 {
			b.Fatalf("%d rows, total %+v", len(c.Rows), c.Total)
		}
		n++
	}
	b.ReportMetric((cpuTime()-before).Seconds()/float64(n), "cpu-s/op")
}
