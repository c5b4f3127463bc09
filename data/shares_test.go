package data

import (
	"strings"
	"testing"
)

// sharedFixture is three villages and a 联建 project across all of them with odd amounts, so
// every split leaves a remainder.
type sharedFixture struct {
	*ledgerFixture
	third   *Village
	project *Project
}

func newSharedFixture(t *testing.T, shares map[int64]int) *sharedFixture {
	f := &sharedFixture{ledgerFixture: newLedgerFixture(t)}
	f.third = &Village{Name: "南坡村", Town: "柳埠街道"}
	noErr(t, f.s.SaveVillage(f.third))
	f.project = &Project{Name: "联建冷库", Type: ProjectTypes[0], YearStarted: 2025,
		VillageIDs: []int64{f.village.ID, f.village2.ID, f.third.ID}}
	if shares != nil {
		f.project.Shares = map[int64]int{f.village.ID: shares[1], f.village2.ID: shares[2], f.third.ID: shares[3]}
	}
	noErr(t, f.s.SaveProject(f.project))
	for _, fl := range []FundingLine{{Source: FundingSources[0], Amount: 100}, {Source: FundingSources[1], Amount: 1_000_001},
		{Source: FundingSources[0], Amount: 2}} {
		fl.ProjectID = f.project.ID
		noErr(t, f.s.SaveFundingLine(&fl))
	}
	for _, d := range []Disbursement{{Date: day("2025-03-01"), Amount: 1}, {Date: day("2025-07-09"), Amount: 333_334}} {
		d.ProjectID = f.project.ID
		noErr(t, f.s.SaveDisbursement(&d))
	}
	dist := Distribution{ProjectID: f.project.ID, Date: day("2025-12-20"), Amount: 10_000, Recipient: "脱贫户分红"}
	noErr(t, f.s.SaveDistribution(&dist))
	// A project of one village only, to show shares touch nothing else.
	own := &Project{Name: "东泉大棚", Type: ProjectTypes[0], YearStarted: 2025, VillageIDs: []int64{f.village.ID}}
	noErr(t, f.s.SaveProject(own))
	fl := FundingLine{ProjectID: own.ID, Source: FundingSources[2], Amount: 50_000}
	noErr(t, f.s.SaveFundingLine(&fl))
	return f
}

func (f *sharedFixture) villageIDs() []int64 { return []int64{f.village.ID, f.village2.ID, f.third.ID} }

// villageMoney is every money figure of a project a village-filtered report shows, for one village.
type villageMoney struct {
	budget, disbursed, sources, inPeriod, disbList, distList, listBudget, listDisbursed, totalBudget Money
}

func readVillageMoney(t *testing.T, s *Store, v int64) villageMoney {
	t.Helper()
	var m villageMoney
	p := YearPeriod(2025)
	sum, err := s.YearSummary(2025, v)
	noErr(t, err)
	m.budget, m.disbursed = sum.Projects.Budget, sum.Projects.Disbursed
	noErr(t, s.EachProjectFunding(p, v, func(r ProjectFundingRow) error {
		for _, a := range r.BySource {
			m.sources += a
		}
		m.inPeriod += r.DisbursedInPeriod
		return nil
	}))
	noErr(t, s.EachDisbursement(p, v, func(r DisbursementRow) error { m.disbList += r.Amount; return nil }))
	noErr(t, s.EachDistribution(p, v, func(r DistributionRow) error { m.distList += r.Amount; return nil }))
	rows, err := s.ListProjects(ProjectFilter{Year: 2025, VillageID: v}, 0, 100)
	noErr(t, err)
	for _, r := range rows {
		m.listBudget += r.Budget
		m.listDisbursed += r.Disbursed
	}
	tot, err := s.ProjectTotals(ProjectFilter{Year: 2025, VillageID: v})
	noErr(t, err)
	m.totalBudget = tot.Budget
	return m
}

func addMoney(a, b villageMoney) villageMoney {
	return villageMoney{a.budget + b.budget, a.disbursed + b.disbursed, a.sources + b.sources, a.inPeriod + b.inPeriod,
		a.disbList + b.disbList, a.distList + b.distList, a.listBudget + b.listBudget, a.listDisbursed + b.listDisbursed,
		a.totalBudget + b.totalBudget}
}

// Every per-village money figure of a 联建 project adds up over the villages to the all-village
// figure exactly, with equal shares and with set ones, and each village gets its own share.
func TestSharesAddUpToTheWhole(t *testing.T) {
	shared := Money(100 + 1_000_001 + 2)
	for _, c := range []struct {
		name   string
		shares map[int64]int
		want   [3]Money // each village's part of the shared budget
		share  [3]int   // and its share as the 项目资金情况表 names it
	}{
		// 100 → 34/33/33, 1,000,001 → 333,335/333,333/333,333, 2 → 2/0/0: the lowest id takes the remainders.
		{"equal", nil, [3]Money{34 + 333_335 + 2, 33 + 333_333, 33 + 333_333}, [3]int{3333, 3333, 3333}},
		// 20%/30%/50%: the third village has the largest share and takes the remainder.
		{"set", map[int64]int{1: 2000, 2: 3000, 3: 5000}, [3]Money{20 + 200_000, 30 + 300_000, 50 + 500_001 + 2}, [3]int{2000, 3000, 5000}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newSharedFixture(t, c.shares)
			whole := readVillageMoney(t, f.s, 0)
			var sum villageMoney
			for i, v := range f.villageIDs() {
				m := readVillageMoney(t, f.s, v)
				own := Money(0)
				if v == f.village.ID {
					own = 50_000
				}
				if m.budget != c.want[i]+own {
					t.Errorf("village %d budget %d, want %d", v, m.budget, c.want[i]+own)
				}
				sum = addMoney(sum, m)
			}
			for i, v := range f.villageIDs() {
				noErr(t, f.s.EachProjectFunding(YearPeriod(2025), v, func(r ProjectFundingRow) error {
					if r.ID == f.project.ID && r.Share != c.share[i] {
						t.Errorf("village %d's share %d, want %d", v, r.Share, c.share[i])
					}
					return nil
				}))
			}
			if sum != whole {
				t.Fatalf("villages add up to\n%+v\nwhole is\n%+v", sum, whole)
			}
			if whole.budget != shared+50_000 || whole.disbursed != 333_335 || whole.distList != 10_000 {
				t.Fatalf("whole %+v", whole)
			}
		})
	}
}

func TestSharesAreChecked(t *testing.T) {
	f := newSharedFixture(t, nil)
	p := *f.project
	p.Shares = map[int64]int{f.village.ID: 5000, f.village2.ID: 5000, f.third.ID: 0}
	wantProblem(t, f.s.SaveProject(&p), "Shares", "err.project.shares.positive")
	p.Shares = map[int64]int{f.village.ID: 5000, f.village2.ID: 3000, f.third.ID: 1000}
	err := f.s.SaveProject(&p)
	wantProblem(t, err, "Shares", "err.project.shares.sum")
	if fe := problemFor(t, err, "Shares"); !strings.Contains(fe.Msg, "90%") {
		t.Fatalf("message %q does not say the sum", fe.Msg)
	}
	// All zero is equal shares; a share of a village not in the project is dropped; one village keeps none.
	p.Shares = map[int64]int{f.village.ID: 0, f.village2.ID: 0, f.third.ID: 0}
	noErr(t, f.s.SaveProject(&p))
	if p.Shares != nil {
		t.Fatalf("all-zero shares kept: %v", p.Shares)
	}
	p.Shares = map[int64]int{f.village.ID: 2500, f.village2.ID: 2500, f.third.ID: 5000, 999: 100}
	noErr(t, f.s.SaveProject(&p))
	got, err := f.s.GetProject(p.ID)
	noErr(t, err)
	if len(got.Shares) != 3 || got.Shares[f.third.ID] != 5000 {
		t.Fatalf("shares read back %v", got.Shares)
	}
	p.VillageIDs = []int64{f.village.ID}
	noErr(t, f.s.SaveProject(&p))
	if got, _ := f.s.GetProject(p.ID); got.Shares != nil {
		t.Fatalf("one village kept shares %v", got.Shares)
	}
}

func TestParseAndFormatShare(t *testing.T) {
	for in, want := range map[string]int{"50": 5000, "33.33": 3333, "50%": 5000, "５０％": 5000, " 12.5 ": 1250, "100": 10000, "0": 0} {
		if got, ok := ParseShare(in); !ok || got != want {
			t.Errorf("ParseShare(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "abc", "33.333", "100.01", "-5", "1,0"} {
		if got, ok := ParseShare(in); ok {
			t.Errorf("ParseShare(%q) = %d, want refused", in, got)
		}
	}
	for bp, want := range map[int]string{5000: "50%", 3333: "33.33%", 1250: "12.5%", 10000: "100%", 5: "0.05%"} {
		if got := FormatShare(bp); got != want {
			t.Errorf("FormatShare(%d) = %q, want %q", bp, got, want)
		}
	}
}

func TestSharesInHistory(t *testing.T) {
	f := newSharedFixture(t, nil)
	p := *f.project
	p.Shares = map[int64]int{f.village.ID: 5000, f.village2.ID: 2500, f.third.ID: 2500}
	noErr(t, f.s.SaveProject(&p))
	h, err := f.s.RecordHistory("projects", p.ID)
	noErr(t, err)
	var got string
	for _, e := range h {
		for _, c := range e.Changes {
			if c.Field == "Shares" {
				got = c.Label.Text + "：" + c.Old + " → " + c.New
			}
		}
	}
	if got != "分成比例：（空） → 东泉村 50%、西岭村 25%、南坡村 25%" {
		t.Fatalf("history says %q", got)
	}
}
