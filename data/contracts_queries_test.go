package data

import (
	"slices"
	"testing"
)

// checksFixture holds contracts that each trip one check (or, at a boundary, just miss it) at checksToday.
type checksFixture struct {
	*ledgerFixture
	byName map[string]*Contract
}

var checksToday = day("2025-08-15")

func newChecksFixture(t *testing.T) *checksFixture {
	f := &checksFixture{ledgerFixture: newLedgerFixture(t), byName: map[string]*Contract{}}
	asset := func(name string, village int64, status string) *Asset {
		a := &Asset{Name: name, VillageID: village, Class: "经营性", Source: "村集体自建", Value: 1_000_000, Status: status}
		noErr(t, f.s.SaveAsset(a))
		return a
	}
	relet := asset("村南鱼塘", f.village.ID, AssetLet)
	asset("旧小学校舍", f.village.ID, AssetIdle)
	asset("旧粮库", f.village.ID, AssetIdle)
	asset("西岭旧厂房", f.village2.ID, AssetIdle)
	add := func(name string, c Contract, payAll bool) {
		t.Helper()
		if c.VillageID == 0 {
			c.VillageID = f.village.ID
		}
		c.Kind, c.Subject, c.Party, c.PartyKind = "土地", name, "张建国", PartyPerson
		if c.Payment == "" {
			c.Payment = PayYearly
		}
		if c.AnnualRent == 0 {
			c.AnnualRent = 1_000_000
		}
		noErr(t, f.s.SaveContract(&c))
		f.byName[name] = &c
		if payAll {
			for _, it := range c.Schedule() {
				if !it.Due.After(checksToday) {
					noErr(t, f.s.SaveReceipt(&Receipt{ContractID: c.ID, Period: it.Period, Date: it.Due, Amount: it.Amount}))
				}
			}
		}
	}
	add("超过20年", Contract{Start: day("2010-03-01"), End: day("2040-03-01")}, true)
	add("正好15年", Contract{Start: day("2020-01-01"), End: day("2034-12-31"), DecisionID: 7}, true)
	add("差一天15年", Contract{Start: day("2020-01-01"), End: day("2034-12-30"), DecisionID: 7}, true)
	add("正好20年", Contract{Start: day("2020-01-01"), End: day("2039-12-31"), DecisionID: 7}, true)
	add("20年零一天", Contract{Start: day("2020-01-01"), End: day("2040-01-01"), DecisionID: 7}, true)
	add("欠租", Contract{Start: day("2025-01-01"), End: day("2026-12-31"), Payment: PayQuarterly, AnnualRent: 4_000_000, DecisionID: 7}, false)
	noErr(t, f.s.SaveReceipt(&Receipt{ContractID: f.byName["欠租"].ID, Period: 1, Date: day("2025-01-03"), Amount: 1_000_000}))
	noErr(t, f.s.SaveReceipt(&Receipt{ContractID: f.byName["欠租"].ID, Period: 2, Date: day("2025-04-03"), Amount: 500_000}))
	add("九月一日交租", Contract{Start: day("2024-09-01"), End: day("2027-08-31"), DecisionID: 7}, true)
	add("十月底到期", Contract{Start: day("2023-11-01"), End: day("2025-10-31"), DecisionID: 7}, true)
	add("九月底到期已续签", Contract{Start: day("2023-10-01"), End: day("2025-09-30"), DecisionID: 7}, true)
	add("续签的合同", Contract{Start: day("2025-10-01"), End: day("2028-09-30"), RenewsID: f.byName["九月底到期已续签"].ID, DecisionID: 7}, true)
	add("五月底已到期", Contract{Start: day("2023-06-01"), End: day("2025-05-31"), DecisionID: 7}, true)
	add("六月底到期已另租", Contract{Start: day("2023-07-01"), End: day("2025-06-30"), AssetID: relet.ID, DecisionID: 7}, true)
	add("鱼塘新合同", Contract{Start: day("2025-07-01"), End: day("2028-06-30"), AssetID: relet.ID, DecisionID: 7}, true)
	add("早已到期", Contract{Start: day("2021-01-01"), End: day("2024-01-01"), DecisionID: 7}, true)
	add("西岭欠租", Contract{VillageID: f.village2.ID, Start: day("2025-03-01"), End: day("2027-02-28"), AnnualRent: 300_000}, false)
	return f
}

func (f *checksFixture) names(rows []ContractRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Subject)
	}
	slices.Sort(out)
	return out
}

func TestContractChecksAtTheirBoundaries(t *testing.T) {
	f := newChecksFixture(t)
	want := map[string][]string{
		CheckOver20:     {"20年零一天", "超过20年"},
		CheckLong:       {"20年零一天", "正好15年", "正好20年", "超过20年"},
		CheckNoDecision: {"西岭欠租", "超过20年"},
		CheckOverdue:    {"欠租", "西岭欠租"},
		CheckEnding:     {"十月底到期"},
		CheckEnded:      {"五月底已到期"},
	}
	for _, check := range ContractChecks {
		rows, err := f.s.ListContracts(ContractFilter{Check: check, Today: checksToday}, 0, 100)
		noErr(t, err)
		n, err := f.s.CountContracts(ContractFilter{Check: check, Today: checksToday})
		noErr(t, err)
		slices.Sort(want[check])
		if got := f.names(rows); !slices.Equal(got, want[check]) || n != len(got) {
			t.Errorf("%s (%s): %v (count %d), want %v", check, CheckName(check), got, n, want[check])
		}
	}
	r, err := f.s.ContractRowOf(f.byName["欠租"].ID, checksToday)
	noErr(t, err)
	// Items due 1 January, 1 April and 1 July, 10,000 each; 15,000 received.
	if r.State != ContractActive || r.DueToDate != 3_000_000 || r.Received != 1_500_000 || r.Overdue != 1_500_000 ||
		!slices.Equal(r.Checks, []string{CheckOverdue}) {
		t.Fatalf("row %+v", r)
	}
	r, err = f.s.ContractRowOf(f.byName["超过20年"].ID, checksToday)
	noErr(t, err)
	if !slices.Equal(r.Checks, []string{CheckNoDecision, CheckOver20}) || r.Overdue != 0 {
		t.Fatalf("checks %v", r.Checks)
	}
	for state, n := range map[string]int{ContractFuture: 1, ContractEnded: 3, ContractActive: 11} {
		if got, _ := f.s.CountContracts(ContractFilter{State: state, Today: checksToday}); got != n {
			t.Errorf("%s: %d, want %d", state, got, n)
		}
	}
	// Go's year arithmetic agrees with SQLite's on 29 February.
	var sqlite string
	noErr(t, f.s.db.QueryRow("SELECT date('2024-02-29', '+15 years', '-1 day')").Scan(&sqlite))
	if got := addYears(day("2024-02-29"), 15).AddDays(-1).String(); got != sqlite {
		t.Fatalf("Go %s, SQLite %s", got, sqlite)
	}
}

func TestRemindersForTheHomeScreen(t *testing.T) {
	f := newChecksFixture(t)
	r, err := f.s.Reminders(checksToday, 0, 10)
	noErr(t, err)
	titles := func(l ReminderList) []string {
		var out []string
		for _, x := range l.Items {
			out = append(out, x.Title[len("HT-2025-001 "):])
		}
		return out
	}
	if r.RentDue.Count != 1 || r.RentDue.Total != 1_000_000 || r.RentDue.Items[0].Date != day("2025-09-01") ||
		r.RentDue.Items[0].ContractID != f.byName["九月一日交租"].ID || r.RentDue.Items[0].Kind != ReminderRentDue {
		t.Fatalf("rent due %+v", r.RentDue)
	}
	// 欠租: 15,000 behind on two items since 1 April; 西岭欠租: 3,000 due 1 March.
	if r.Overdue.Count != 2 || r.Overdue.Total != 1_800_000 {
		t.Fatalf("overdue %+v", r.Overdue)
	}
	if x := r.Overdue.Items[0]; x.ContractID != f.byName["西岭欠租"].ID || x.Amount != 300_000 || x.Items != 1 || x.Date != day("2025-03-01") {
		t.Fatalf("first overdue %+v", x)
	}
	if x := r.Overdue.Items[1]; x.ContractID != f.byName["欠租"].ID || x.Amount != 1_500_000 || x.Items != 2 || x.Date != day("2025-04-01") || x.Party != "张建国" {
		t.Fatalf("second overdue %+v", x)
	}
	if got := titles(r.Ending); !slices.Equal(got, []string{"十月底到期", "五月底已到期"}) || r.Ending.Items[0].Kind != ReminderEnding ||
		r.Ending.Items[1].Kind != ReminderEnded || r.Ending.Items[1].Date != day("2025-05-31") {
		t.Fatalf("ending %v %+v", got, r.Ending)
	}
	if r.NoDecision.Count != 2 || len(r.NoDecision.Items) != 2 {
		t.Fatalf("no decision %+v", r.NoDecision)
	}
	if r.IdleAssets.Count != 3 || r.IdleAssets.Total != 3_000_000 || r.IdleAssets.Items[0].AssetID == 0 {
		t.Fatalf("idle %+v", r.IdleAssets)
	}

	one, err := f.s.Reminders(checksToday, f.village2.ID, 1)
	noErr(t, err)
	if one.Overdue.Count != 1 || one.Overdue.Total != 300_000 || one.IdleAssets.Count != 1 || one.NoDecision.Count != 1 ||
		one.Ending.Count != 0 || one.RentDue.Count != 0 {
		t.Fatalf("village 2 %+v", one)
	}
	few, err := f.s.Reminders(checksToday, f.village.ID, 1)
	noErr(t, err)
	if few.IdleAssets.Count != 2 || len(few.IdleAssets.Items) != 1 || few.Ending.Count != 2 || len(few.Ending.Items) != 1 {
		t.Fatalf("limit 1 %+v", few)
	}
	// Paying the arrears clears the reminder.
	noErr(t, f.s.SaveReceipt(&Receipt{ContractID: f.byName["欠租"].ID, Period: 2, Date: checksToday, Amount: 500_000}))
	noErr(t, f.s.SaveReceipt(&Receipt{ContractID: f.byName["欠租"].ID, Period: 3, Date: checksToday, Amount: 1_000_000}))
	if r, _ := f.s.Reminders(checksToday, f.village.ID, 10); r.Overdue.Count != 0 {
		t.Fatalf("after paying %+v", r.Overdue)
	}
	checkRentSchedule(t, f.s)
}

// The register pages through every contract in a stable order and its totals add all pages.
func TestContractRegisterPages(t *testing.T) {
	f := newChecksFixture(t)
	filter := ContractFilter{Today: checksToday, Sort: "code"}
	n, err := f.s.CountContracts(filter)
	noErr(t, err)
	var seen []string
	for offset := 0; offset < n; offset += 4 {
		page, err := f.s.ListContracts(filter, offset, 4)
		noErr(t, err)
		for _, r := range page {
			seen = append(seen, r.Code)
		}
	}
	if len(seen) != 15 || n != 15 || !slices.IsSorted(seen) {
		t.Fatalf("%d of %d: %v", len(seen), n, seen)
	}
	tot, err := f.s.ContractTotals(filter)
	noErr(t, err)
	var want ContractTotals
	noErr(t, f.s.EachContract(filter, func(r ContractRow) error {
		want.Count++
		want.AnnualRent += r.AnnualRent + r.TotalPrice
		want.Deposit += r.Deposit
		want.DueToDate += r.DueToDate
		want.Received += r.Received
		want.Overdue += r.Overdue
		return nil
	}))
	if tot != want || tot.Overdue != 1_800_000 {
		t.Fatalf("totals %+v, rows add to %+v", tot, want)
	}
	if rows, _ := f.s.ListContracts(ContractFilter{Today: checksToday, Sort: "overdue", Desc: true}, 0, 2); len(rows) != 2 ||
		rows[0].Subject != "欠租" || rows[1].Subject != "西岭欠租" || rows[0].Overdue != 1_500_000 {
		t.Fatalf("by overdue %v", f.names(rows))
	}
	if rows, _ := f.s.ListContracts(ContractFilter{Search: "欠租", Today: checksToday}, 0, 10); len(rows) != 2 {
		t.Fatalf("search %v", f.names(rows))
	}
}

// A decision that names a contract (decisions.contract_id) approves it as contracts.decision_id
// does: the register's filter, the row's checks and the 首页 reminder all stop flagging it, and
// deleting the decision flags it again.
func TestDecisionLinkingAContractClearsItsNoDecisionCheck(t *testing.T) {
	f := newChecksFixture(t)
	c := f.byName["超过20年"]
	flagged := func() (inFilter, inRow bool, reminders int) {
		t.Helper()
		list, err := f.s.ListContracts(ContractFilter{Check: CheckNoDecision, Today: checksToday}, 0, 100)
		noErr(t, err)
		for _, r := range list {
			inFilter = inFilter || r.ID == c.ID
		}
		r, err := f.s.ContractRowOf(c.ID, checksToday)
		noErr(t, err)
		rem, err := f.s.Reminders(checksToday, 0, 10)
		noErr(t, err)
		return inFilter, slices.Contains(r.Checks, CheckNoDecision), rem.NoDecision.Count
	}
	inFilter, inRow, before := flagged()
	if !inFilter || !inRow {
		t.Fatalf("without a decision: filter %v, row %v", inFilter, inRow)
	}
	d := Decision{VillageID: c.VillageID, Matter: "机动地发包", Kind: "合同发包/租赁", Source: "村干部提议", ContractID: c.ID}
	noErr(t, f.s.SaveDecision(&d))
	if inFilter, inRow, n := flagged(); inFilter || inRow || n != before-1 {
		t.Fatalf("with a decision: filter %v, row %v, reminders %d (before %d)", inFilter, inRow, n, before)
	}
	noErr(t, f.s.DeleteDecision(d.ID))
	if inFilter, inRow, n := flagged(); !inFilter || !inRow || n != before {
		t.Fatalf("decision deleted: filter %v, row %v, reminders %d (before %d)", inFilter, inRow, n, before)
	}
}
