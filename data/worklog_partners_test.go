package data

import (
	"slices"
	"testing"
)

// 帮扶单位来访 on work-log days: saved and edited with the day (audited row by row), and counted
// per unit and period by PartnerContributions exactly as plain SQL counts the days.
func TestPartnerVisitsFromTheWorkLog(t *testing.T) {
	f := newLedgerFixture(t)
	units := make([]*Partner, 3)
	for i, n := range []string{"济南市财政局", "齐鲁银行", "历下区甸柳社区"} {
		units[i] = &Partner{Name: n, Kind: PartnerKinds[i]}
		noErr(t, f.s.SavePartner(units[i]))
	}
	var days []*WorkDay
	for i := range 30 {
		d := &WorkDay{VillageID: []int64{f.village.ID, f.village2.ID}[i%2], Date: day("2024-11-02").AddDays(i * 17), Presence: PresenceIn}
		for k, u := range units {
			if (i+k)%(k+2) == 0 {
				d.PartnerIDs = append(d.PartnerIDs, u.ID)
			}
		}
		noErr(t, f.s.SaveWorkDay(d))
		days = append(days, d)
	}
	// An edit drops one unit and adds another; a deleted day counts nowhere.
	edit := days[4]
	edit.PartnerIDs = []int64{units[2].ID}
	noErr(t, f.s.SaveWorkDay(edit))
	if got, _ := f.s.GetWorkDay(edit.ID); len(got.PartnerIDs) != 1 || got.PartnerIDs[0] != units[2].ID {
		t.Fatalf("the edited day has %v", got.PartnerIDs)
	}
	noErr(t, f.s.DeleteWorkDay(days[6].ID))

	count := func(partnerID int64, p Period, villageID int64) int {
		var n int
		noErr(t, f.s.db.QueryRow(`SELECT count(*) FROM worklog_days d WHERE d.deleted_at IS NULL AND d.date >= ? AND d.date <= ?
			AND (? = 0 OR d.village_id = ?) AND d.id IN (SELECT day_id FROM worklog_partners WHERE partner_id = ? AND deleted_at IS NULL)`,
			p.From, p.To, villageID, villageID, partnerID).Scan(&n))
		return n
	}
	seen := 0
	for _, villageID := range []int64{0, f.village.ID, f.village2.ID} {
		for _, per := range []Period{YearPeriod(2025), YearPeriod(2024), QuarterPeriod(2025, 2)} {
			rows, total, err := f.s.PartnerContributions(per, villageID)
			noErr(t, err)
			sum := 0
			for _, r := range rows {
				if want := count(r.PartnerID, per, villageID); r.Visits != want {
					t.Errorf("%s %v village %d: %d visits, SQL counts %d", r.Name, per, villageID, r.Visits, want)
				}
				sum += r.Visits
				seen += r.Visits
			}
			if total.Visits != sum {
				t.Errorf("%v village %d: total %d, units add up to %d", per, villageID, total.Visits, sum)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no visits counted")
	}

	// The change is in the day's history, and Verify agrees with the audit.
	hist, err := f.s.RecordHistory("worklog_days", edit.ID)
	noErr(t, err)
	var inserts, deletes int
	var records []string
	for _, h := range hist {
		if h.Table == "worklog_partners" {
			if h.Action == "insert" {
				records = append(records, h.Record)
			}
			switch h.Action {
			case "insert":
				inserts++
			case "delete":
				deletes++
			}
		}
	}
	if inserts == 0 || deletes == 0 {
		t.Errorf("history of the edited day: %d unit rows added, %d removed", inserts, deletes)
	}
	if want := edit.Date.String() + " " + units[2].Name; !slices.Contains(records, want) {
		t.Errorf("history names the units added %q, want %q among them", records, want)
	}
	r, err := f.s.Verify(t.Context())
	noErr(t, err)
	if !r.OK() {
		t.Fatalf("Verify: %+v", r)
	}

	// A unit deleted since stays on the day it was recorded on; it cannot be chosen for another.
	noErr(t, f.s.DeletePartner(units[2].ID))
	edit.Work = "回访"
	noErr(t, f.s.SaveWorkDay(edit))
	other := days[8]
	other.PartnerIDs = append(other.PartnerIDs, units[2].ID)
	wantProblem(t, f.s.SaveWorkDay(other), "PartnerIDs", "err.workday.partner_ids.missing")
}
