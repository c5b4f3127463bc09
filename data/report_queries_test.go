package data_test

import (
	"path/filepath"
	"testing"

	"cunji/data"
)

func TestEachDistributionByPeriodAndVillage(t *testing.T) {
	s, err := data.Open(filepath.Join(t.TempDir(), "cunji.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	east := &data.Village{Name: "东泉村"}
	west := &data.Village{Name: "西岭村"}
	must(s.SaveVillage(east))
	must(s.SaveVillage(west))
	solar := &data.Project{Name: "光伏电站", Type: "产业发展", VillageIDs: []int64{east.ID}, YearStarted: 2023}
	shed := &data.Project{Name: "冷库", Type: "产业发展", VillageIDs: []int64{west.ID}, YearStarted: 2024}
	must(s.SaveProject(solar))
	must(s.SaveProject(shed))
	add := func(p *data.Project, date string, amount data.Money, to string) *data.Distribution {
		d, err := data.ParseDate(date)
		must(err)
		x := &data.Distribution{ProjectID: p.ID, Date: d, Amount: amount, Recipient: to}
		must(s.SaveDistribution(x))
		return x
	}
	add(solar, "2025-06-30", 100, "早于本季")
	a := add(solar, "2025-07-01", 2000, "脱贫户分红")
	b := add(shed, "2025-08-15", 3000, "全体村民")
	gone := add(solar, "2025-09-30", 4000, "已删除")
	must(s.DeleteDistribution(gone.ID))
	add(solar, "2025-10-01", 500, "晚于本季")

	q3 := data.QuarterPeriod(2025, 3)
	collect := func(village int64) (ids []int64, projects []string, total data.Money) {
		must(s.EachDistribution(q3, village, func(r data.DistributionRow) error {
			ids, projects, total = append(ids, r.ID), append(projects, r.Project), total+r.Amount
			return nil
		}))
		return
	}
	ids, projects, total := collect(0)
	if len(ids) != 2 || ids[0] != a.ID || ids[1] != b.ID || total != 5000 || projects[0] != "光伏电站" || projects[1] != "冷库" {
		t.Fatalf("all villages: %v %v %v", ids, projects, total)
	}
	ids, _, total = collect(east.ID)
	if len(ids) != 1 || ids[0] != a.ID || total != 2000 {
		t.Fatalf("east: %v %v", ids, total)
	}
	must(s.DeleteProject(shed.ID))
	if ids, _, _ = collect(0); len(ids) != 1 {
		t.Fatalf("a deleted project's distributions still listed: %v", ids)
	}
}
