package data

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// validContract is a yearly land lease in the fixture's first village.
func validContract(f *ledgerFixture) Contract {
	return Contract{VillageID: f.village.ID, Kind: "土地", Subject: "东洼机动地", Area: 120_000, Party: "齐鲁农旅发展有限公司",
		PartyKind: "企业", Start: day("2024-01-01"), End: day("2028-12-31"), Payment: PayYearly, AnnualRent: 9_600_000}
}

func item(period int, from, to, due string, amount Money) RentItem {
	return RentItem{Period: period, From: day(from), To: day(to), Due: day(due), Amount: amount}
}

// The schedule follows the documented rules; the stored schedule (rent_schedule) is the computed one.
func TestRentScheduleEscalationOddDaysAndPartialPeriods(t *testing.T) {
	f := newLedgerFixture(t)
	cases := []struct {
		name string
		c    Contract
		want []RentItem
	}{
		{"quarterly from the 31st, due on the 31st, +10% a year, the last quarter cut short",
			Contract{Start: day("2024-01-31"), End: day("2026-12-31"), Payment: PayQuarterly, AnnualRent: 1_200_000, DueDay: 31,
				EscalationYears: 1, EscalationBP: 1000},
			[]RentItem{
				item(1, "2024-01-31", "2024-04-29", "2024-01-31", 300_000), item(2, "2024-04-30", "2024-07-30", "2024-04-30", 300_000),
				item(3, "2024-07-31", "2024-10-30", "2024-07-31", 300_000), item(4, "2024-10-31", "2025-01-30", "2024-10-31", 300_000),
				item(5, "2025-01-31", "2025-04-29", "2025-01-31", 330_000), item(6, "2025-04-30", "2025-07-30", "2025-04-30", 330_000),
				item(7, "2025-07-31", "2025-10-30", "2025-07-31", 330_000), item(8, "2025-10-31", "2026-01-30", "2025-10-31", 330_000),
				item(9, "2026-01-31", "2026-04-29", "2026-01-31", 363_000), item(10, "2026-04-30", "2026-07-30", "2026-04-30", 363_000),
				item(11, "2026-07-31", "2026-10-30", "2026-07-31", 363_000),
				// 31 October – 30 January is 92 days; to 31 December 62: 363,000 × 62 / 92 = 244,630.43
				item(12, "2026-10-31", "2026-12-31", "2026-10-31", 244_630),
			}},
		{"half-yearly over a leap February, due on the 30th, an odd fen to share",
			Contract{Start: day("2023-08-31"), End: day("2025-08-30"), Payment: PayHalfYearly, AnnualRent: 10_001, DueDay: 30},
			[]RentItem{
				item(1, "2023-08-31", "2024-02-28", "2023-08-31", 5000), // due 30 August would be before the start
				item(2, "2024-02-29", "2024-08-30", "2024-02-29", 5001),
				item(3, "2024-08-31", "2025-02-27", "2024-08-30", 5000), // paid in advance, the day before the item
				item(4, "2025-02-28", "2025-08-30", "2025-02-28", 5001),
			}},
		{"yearly from 29 February, due on each item's first day, rising 5% every 2 years",
			Contract{Start: day("2024-02-29"), End: day("2029-02-27"), Payment: PayYearly, AnnualRent: 1_000_001, EscalationYears: 2, EscalationBP: 500},
			[]RentItem{
				item(1, "2024-02-29", "2025-02-27", "2024-02-29", 1_000_001), item(2, "2025-02-28", "2026-02-27", "2025-02-28", 1_000_001),
				item(3, "2026-02-28", "2027-02-27", "2026-02-28", 1_050_001), // 1,000,001 × 1.05 = 1,050,001.05
				item(4, "2027-02-28", "2028-02-28", "2027-02-28", 1_050_001),
				item(5, "2028-02-29", "2029-02-27", "2028-02-29", 1_102_501), // 1,050,001 × 1.05 = 1,102,501.05
			}},
		{"once: one item of the total price, due on the 5th but not before the start",
			Contract{Start: day("2025-03-10"), End: day("2025-09-30"), Payment: PayOnce, TotalPrice: 5_000_000, DueDay: 5},
			[]RentItem{item(1, "2025-03-10", "2025-09-30", "2025-03-10", 5_000_000)}},
		{"a single day, yearly: one day of 365",
			Contract{Start: day("2025-07-01"), End: day("2025-07-01"), Payment: PayYearly, AnnualRent: 365_00},
			[]RentItem{item(1, "2025-07-01", "2025-07-01", "2025-07-01", 100)}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := c.c.Schedule()
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("schedule\n got %v\nwant %v", got, c.want)
			}
			x := validContract(f)
			x.Subject = fmt.Sprint("地块", i)
			x.Start, x.End, x.Payment, x.AnnualRent, x.TotalPrice, x.DueDay = c.c.Start, c.c.End, c.c.Payment, c.c.AnnualRent, c.c.TotalPrice, c.c.DueDay
			x.EscalationYears, x.EscalationBP = c.c.EscalationYears, c.c.EscalationBP
			noErr(t, f.s.SaveContract(&x))
			stored, err := f.s.ContractSchedule(x.ID)
			noErr(t, err)
			if len(stored) != len(c.want) {
				t.Fatalf("%d stored items, want %d", len(stored), len(c.want))
			}
			for k, r := range stored {
				if r.RentItem != c.want[k] || r.Received != 0 {
					t.Fatalf("stored item %d: %+v, want %+v", k+1, r, c.want[k])
				}
			}
		})
	}
}

func TestContractValidation(t *testing.T) {
	f := newLedgerFixture(t)
	asset := &Asset{Name: "村南鱼塘", VillageID: f.village.ID, Class: "经营性", Source: "村集体自建", Status: AssetLet}
	noErr(t, f.s.SaveAsset(asset))
	other := &Asset{Name: "西岭鱼塘", VillageID: f.village2.ID, Class: "经营性", Source: "村集体自建", Status: AssetLet}
	noErr(t, f.s.SaveAsset(other))
	let := validContract(f)
	let.Kind, let.Subject, let.AssetID = "水面", "村南鱼塘", asset.ID
	let.Start, let.End = day("2025-01-01"), day("2027-06-30")
	noErr(t, f.s.SaveContract(&let))
	if let.Code != "HT-2025-001" {
		t.Fatalf("generated code %q", let.Code)
	}

	cases := []struct {
		name       string
		edit       func(c *Contract)
		field, key string
	}{
		{"code duplicate", func(c *Contract) { c.Code = let.Code }, "Code", "err.contract.code.duplicate"},
		{"village required", func(c *Contract) { c.VillageID = 0 }, "VillageID", "err.contract.village_id.required"},
		{"kind", func(c *Contract) { c.Kind = "宅基地" }, "Kind", "err.contract.kind.invalid"},
		{"subject required", func(c *Contract) { c.Subject = " " }, "Subject", "err.contract.subject.required"},
		{"negative area", func(c *Contract) { c.Area = -1 }, "Area", "err.contract.area.negative"},
		{"negative quantity", func(c *Contract) { c.Quantity = -1000 }, "Quantity", "err.contract.quantity.negative"},
		{"party required", func(c *Contract) { c.Party = "" }, "Party", "err.contract.party.required"},
		{"party kind", func(c *Contract) { c.PartyKind = "外村人" }, "PartyKind", "err.contract.party_kind.invalid"},
		{"start required", func(c *Contract) { c.Start = Date{} }, "Start", "err.contract.start.required"},
		{"start range", func(c *Contract) { c.Start = MustDate(1950, 1, 1).AddDays(-1) }, "Start", "err.contract.start.range"},
		{"end range", func(c *Contract) { c.End = MustDate(2100, 12, 31).AddDays(1) }, "End", "err.contract.end.range"},
		{"end before start", func(c *Contract) { c.End = day("2023-12-31") }, "End", "err.contract.end.before"},
		{"payment", func(c *Contract) { c.Payment = "月付" }, "Payment", "err.contract.payment.invalid"},
		{"annual rent required", func(c *Contract) { c.AnnualRent = 0 }, "AnnualRent", "err.contract.annual_rent.positive"},
		{"total price for once", func(c *Contract) { c.Payment = PayOnce }, "TotalPrice", "err.contract.total_price.positive"},
		{"escalation on a one-off", func(c *Contract) {
			c.Payment, c.TotalPrice, c.EscalationYears, c.EscalationBP = PayOnce, 100, 2, 500
		}, "EscalationYears", "err.contract.escalation_years.once"},
		{"due day", func(c *Contract) { c.DueDay = 32 }, "DueDay", "err.contract.due_day.range"},
		{"negative deposit", func(c *Contract) { c.Deposit = -1 }, "Deposit", "err.contract.deposit.negative"},
		{"escalation years without a rise", func(c *Contract) { c.EscalationYears = 3 }, "EscalationBP", "err.contract.escalation_bp.required"},
		{"a rise without years", func(c *Contract) { c.EscalationBP = 500 }, "EscalationYears", "err.contract.escalation_years.required"},
		{"escalation years range", func(c *Contract) { c.EscalationYears, c.EscalationBP = 51, 500 }, "EscalationYears", "err.contract.escalation_years.range"},
		{"rise range", func(c *Contract) { c.EscalationYears, c.EscalationBP = 1, 10001 }, "EscalationBP", "err.contract.escalation_bp.range"},
		{"escalation past every total", func(c *Contract) {
			c.AnnualRent, c.End, c.EscalationYears, c.EscalationBP = MaxAmount, day("2099-12-31"), 1, 10000
		}, "AnnualRent", "err.contract.annual_rent.total"},
		{"asset missing", func(c *Contract) { c.AssetID = 999 }, "AssetID", "err.contract.asset_id.missing"},
		{"asset of another village", func(c *Contract) { c.AssetID = other.ID }, "AssetID", "err.contract.asset_id.village"},
		{"asset let twice over overlapping days", func(c *Contract) {
			c.AssetID, c.Start, c.End = asset.ID, day("2027-06-30"), day("2030-06-30")
		}, "AssetID", "err.contract.asset_id.overlap"},
		{"renews itself", func(c *Contract) { c.ID, c.RenewsID = let.ID, let.ID }, "RenewsID", "err.contract.renews_id.self"},
		{"renews a missing contract", func(c *Contract) { c.RenewsID = 999 }, "RenewsID", "err.contract.renews_id.missing"},
		{"note long", func(c *Contract) { c.Note = long(2001) }, "Note", "err.contract.note.long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := validContract(f)
			c.edit(&x)
			wantProblem(t, f.s.SaveContract(&x), c.field, c.key)
		})
	}
	// The overlap message names the other contract and its dates.
	x := validContract(f)
	x.AssetID, x.Start, x.End = asset.ID, day("2027-06-30"), day("2030-06-30")
	if msg := problemFor(t, f.s.SaveContract(&x), "AssetID").Msg; !strings.Contains(msg, "HT-2025-001") || !strings.Contains(msg, "2027-06-30") {
		t.Fatalf("overlap message %q", msg)
	}
	// The day after the other contract ends is free; CheckContract says the same as SaveContract without saving.
	x.Start = day("2027-07-01")
	noErr(t, f.s.CheckContract(&x))
	x.End = day("2027-06-30")
	wantProblem(t, f.s.CheckContract(&x), "End", "err.contract.end.before")
	x.End = day("2030-06-30")
	if n := countRows(t, f.s, "SELECT count(*) FROM contracts"); n != 1 {
		t.Fatalf("%d contracts after the checks", n)
	}
	noErr(t, f.s.SaveContract(&x))
	// A village with an asset (or a contract) cannot be deleted.
	noErr(t, f.s.DeleteSeller(f.seller2.ID))
	wantProblem(t, f.s.DeleteVillage(f.village2.ID), "", "err.village.inuse")
	noErr(t, f.s.DeleteAsset(other.ID))
	noErr(t, f.s.DeleteVillage(f.village2.ID))
	if n := countRows(t, f.s, "SELECT count(*) FROM contracts"); n != 2 {
		t.Fatalf("%d contracts saved", n)
	}
}

// contractFixture is a project whose asset (a greenhouse) is let by a half-yearly contract.
type contractFixture struct {
	*ledgerFixture
	project  *Project
	asset    *Asset
	contract *Contract
}

func newContractFixture(t *testing.T) *contractFixture {
	f := &contractFixture{ledgerFixture: newLedgerFixture(t)}
	p := validProject(f.ledgerFixture)
	f.project = &p
	noErr(t, f.s.SaveProject(f.project))
	f.asset = &Asset{Name: "大樱桃种植大棚", VillageID: f.village.ID, Class: "经营性", Source: AssetSourceProject, ProjectID: p.ID,
		Formed: day("2024-03-01"), Value: 114_000_000, Status: AssetLet}
	noErr(t, f.s.SaveAsset(f.asset))
	f.contract = &Contract{VillageID: f.village.ID, Kind: "设施农业", Subject: "大樱桃种植大棚", Party: "柳埠果品合作社", PartyKind: "合作社",
		Start: day("2024-04-01"), End: day("2029-03-31"), Payment: PayHalfYearly, AnnualRent: 8_000_000, DueDay: 25, AssetID: f.asset.ID}
	noErr(t, f.s.SaveContract(f.contract))
	return f
}

func received(t *testing.T, s *Store, contractID int64, period int) Money {
	t.Helper()
	return Money(countRows(t, s, "SELECT received FROM rent_schedule WHERE contract_id = ? AND period = ?", contractID, period))
}

func verifyOK(t *testing.T, s *Store) {
	t.Helper()
	r, err := s.Verify(context.Background())
	noErr(t, err)
	if !r.OK() {
		t.Fatalf("verify: %s", r.Problem)
	}
}

// A receipt books its income entry in the same write; the entry changes only through the receipt;
// deleting the receipt takes the entry with it and restoring brings both back, all audited.
func TestReceiptBooksIncomeEntryAndTakesItAlong(t *testing.T) {
	f := newContractFixture(t)
	c := f.contract
	r := &Receipt{ContractID: c.ID, Period: 1, Date: day("2024-04-03"), Amount: 3_000_000, Voucher: "记-2024-031"}
	noErr(t, f.s.SaveReceipt(r))
	e, err := f.s.GetEntry(r.EntryID)
	noErr(t, err)
	want := CollectiveEntry{ID: r.EntryID, UUID: e.UUID, Date: day("2024-04-03"), VillageID: f.village.ID, Direction: DirectionIncome,
		Category: IncomeOperating, SubItem: "租赁收入", Amount: 3_000_000, Counterparty: "柳埠果品合作社", Voucher: "记-2024-031",
		ProjectID: f.project.ID, Note: "合同" + c.Code + "第1期租金"}
	if *e != want {
		t.Fatalf("entry\n got %+v\nwant %+v", *e, want)
	}
	rows, err := f.s.ListEntries(EntryFilter{}, 0, 10)
	noErr(t, err)
	if len(rows) != 1 || rows[0].ReceiptID != r.ID || rows[0].ContractID != c.ID || rows[0].Contract != c.Code+" 大樱桃种植大棚" ||
		rows[0].Project != f.project.Name {
		t.Fatalf("ledger row %+v", rows)
	}
	if got := received(t, f.s, c.ID, 1); got != 3_000_000 {
		t.Fatalf("received %v", got)
	}

	// More than is left on the item is refused, saying how much is left.
	err = f.s.SaveReceipt(&Receipt{ContractID: c.ID, Period: 1, Date: day("2024-04-20"), Amount: 1_000_001})
	wantProblem(t, err, "Amount", "err.receipt.amount.exceeds")
	if msg := problemFor(t, err, "Amount").Msg; !strings.Contains(msg, "¥10,000.00") {
		t.Fatalf("message %q", msg)
	}
	wantProblem(t, f.s.SaveReceipt(&Receipt{ContractID: c.ID, Period: 11, Date: day("2024-04-20"), Amount: 100}), "Period", "err.receipt.period.invalid")
	wantProblem(t, f.s.SaveReceipt(&Receipt{ContractID: c.ID, Period: 2, Amount: 100}), "Date", "err.receipt.date.required")
	wantProblem(t, f.s.SaveReceipt(&Receipt{ContractID: 999, Period: 1, Date: day("2024-04-20"), Amount: 100}), "ContractID", "err.receipt.contract_id.missing")
	rest := &Receipt{ContractID: c.ID, Period: 1, Date: day("2024-04-20"), Amount: 1_000_000}
	noErr(t, f.s.SaveReceipt(rest))
	wantProblem(t, f.s.SaveReceipt(&Receipt{ContractID: c.ID, Period: 1, Date: day("2024-04-21"), Amount: 1}), "Amount", "err.receipt.amount.exceeds")

	// The collective ledger cannot change, delete or restore what a receipt booked.
	e.Amount = 1
	wantProblem(t, f.s.SaveEntry(e), "", "err.entry.receipt")
	wantProblem(t, f.s.DeleteEntry(r.EntryID), "", "err.entry.receipt")
	wantProblem(t, f.s.RestoreEntry(r.EntryID), "", "err.entry.receipt")

	// Editing the receipt edits its entry (its contract stays).
	r.Amount, r.Date, r.ContractID = 2_500_000, day("2024-04-05"), 999
	noErr(t, f.s.SaveReceipt(r))
	if e, _ := f.s.GetEntry(r.EntryID); e.Amount != 2_500_000 || e.Date != day("2024-04-05") || r.ContractID != c.ID {
		t.Fatalf("after the edit %+v, receipt %+v", e, r)
	}
	if got := received(t, f.s, c.ID, 1); got != 3_500_000 {
		t.Fatalf("received after the edit %v", got)
	}

	totals := func() EntryTotals {
		x, err := f.s.EntryTotals(EntryFilter{Year: 2024})
		noErr(t, err)
		return x
	}
	if x := totals(); x.Count != 2 || x.Income != 3_500_000 {
		t.Fatalf("totals %+v", x)
	}
	noErr(t, f.s.DeleteReceipt(r.ID))
	if _, err := f.s.GetEntry(r.EntryID); err != ErrNotFound {
		t.Fatalf("the entry outlived its receipt: %v", err)
	}
	if x := totals(); x.Count != 1 || x.Income != 1_000_000 || received(t, f.s, c.ID, 1) != 1_000_000 {
		t.Fatalf("after the delete %+v", x)
	}
	for _, table := range []string{"contract_receipts", "collective_entries"} {
		id := r.ID
		if table == "collective_entries" {
			id = r.EntryID
		}
		log, err := f.s.AuditLog(table, id, 1)
		noErr(t, err)
		if len(log) != 1 || log[0].Action != "delete" {
			t.Fatalf("%s audit %+v", table, log)
		}
	}
	noErr(t, f.s.RestoreReceipt(r.ID))
	if x := totals(); x.Count != 2 || x.Income != 3_500_000 || received(t, f.s, c.ID, 1) != 3_500_000 {
		t.Fatalf("after the restore %+v", x)
	}
	noErr(t, f.s.RestoreReceipt(r.ID)) // twice is harmless

	// Changing the contract's kind or lessee follows through to its entries.
	c.Kind, c.Party = "土地", "柳埠果品专业合作社"
	noErr(t, f.s.SaveContract(c))
	for _, id := range []int64{r.EntryID, rest.EntryID} {
		if e, _ := f.s.GetEntry(id); e.SubItem != "土地流转费" || e.Counterparty != "柳埠果品专业合作社" {
			t.Fatalf("entry after the contract's change %+v", e)
		}
	}
	// A change that leaves less due than was received is refused; so is deleting a contract with receipts.
	c.AnnualRent = 6_000_000
	err = f.s.SaveContract(c)
	wantProblem(t, err, "", "err.contract.receipts")
	if msg := problemFor(t, err, "").Msg; !strings.Contains(msg, "第1期") {
		t.Fatalf("message %q", msg)
	}
	wantProblem(t, f.s.DeleteContract(c.ID), "", "err.contract.inuse")

	// A receipt cannot come back when its item no longer has room for it.
	noErr(t, f.s.DeleteReceipt(rest.ID))
	noErr(t, f.s.SaveReceipt(&Receipt{ContractID: c.ID, Period: 1, Date: day("2024-05-01"), Amount: 1_000_000}))
	wantProblem(t, f.s.RestoreReceipt(rest.ID), "Amount", "err.receipt.amount.exceeds")

	checkRentSchedule(t, f.s)
	verifyOK(t, f.s)
}

// checkRentSchedule asserts that rebuilding rent_schedule from the contracts and receipts changes nothing.
func checkRentSchedule(t *testing.T, s *Store) {
	t.Helper()
	read := func() string {
		rows, err := s.db.Query("SELECT * FROM rent_schedule ORDER BY contract_id, period")
		noErr(t, err)
		defer rows.Close()
		var b strings.Builder
		for rows.Next() {
			var v [8]any
			ptrs := make([]any, len(v))
			for i := range v {
				ptrs[i] = &v[i]
			}
			noErr(t, rows.Scan(ptrs...))
			fmt.Fprintln(&b, v)
		}
		return b.String()
	}
	before := read()
	noErr(t, s.RebuildRentSchedule())
	if after := read(); after != before {
		t.Fatalf("rent_schedule drifted\nkept:\n%s\nrebuilt:\n%s", before, after)
	}
}

// A contract without receipts can be deleted and restored, taking its schedule along; restoring
// is refused when its asset was let to another contract meanwhile.
func TestContractDeleteRestoreAndItsSchedule(t *testing.T) {
	f := newContractFixture(t)
	c := f.contract
	noErr(t, f.s.DeleteContract(c.ID))
	if n := countRows(t, f.s, "SELECT count(*) FROM rent_schedule WHERE contract_id = ?", c.ID); n != 0 {
		t.Fatalf("%d schedule rows of a deleted contract", n)
	}
	wantProblem(t, f.s.SaveReceipt(&Receipt{ContractID: c.ID, Period: 1, Date: day("2024-04-03"), Amount: 100}), "ContractID", "err.receipt.contract_id.missing")
	other := *c
	other.ID, other.Code, other.Party = 0, "", "泉城食品集团有限公司"
	noErr(t, f.s.SaveContract(&other))
	wantProblem(t, f.s.RestoreContract(c.ID), "AssetID", "err.contract.asset_id.overlap")
	wantProblem(t, f.s.DeleteAsset(f.asset.ID), "", "err.asset.inuse")
	noErr(t, f.s.DeleteContract(other.ID))
	noErr(t, f.s.RestoreContract(c.ID))
	if n := countRows(t, f.s, "SELECT count(*) FROM rent_schedule WHERE contract_id = ?", c.ID); n != 10 {
		t.Fatalf("%d schedule rows after the restore", n)
	}
	checkRentSchedule(t, f.s)
	verifyOK(t, f.s)
}

// Scans and photos belong to one live contract or asset; deleting and restoring them is audited.
func TestRecordFiles(t *testing.T) {
	f := newContractFixture(t)
	scan := &RecordFile{ContractID: f.contract.ID, FileName: "合同扫描件.pdf", Mime: "application/pdf", Data: []byte("%PDF-1.4")}
	noErr(t, f.s.AddRecordFile(scan))
	photo := &RecordFile{AssetID: f.asset.ID, FileName: "大棚.jpg", Data: []byte{0xff, 0xd8}}
	noErr(t, f.s.AddRecordFile(photo))
	wantProblem(t, f.s.AddRecordFile(&RecordFile{FileName: "x.png", Data: []byte{1}}), "", "err.record_file.owner")
	wantProblem(t, f.s.AddRecordFile(&RecordFile{ContractID: f.contract.ID, AssetID: f.asset.ID, FileName: "x.png", Data: []byte{1}}), "", "err.record_file.owner")
	wantProblem(t, f.s.AddRecordFile(&RecordFile{AssetID: 999, FileName: "x.png", Data: []byte{1}}), "AssetID", "err.record_file.asset_id.missing")
	wantProblem(t, f.s.AddRecordFile(&RecordFile{AssetID: f.asset.ID, FileName: "x.png"}), "Data", "err.record_file.data.empty")
	list, err := f.s.ContractFiles(f.contract.ID)
	noErr(t, err)
	if len(list) != 1 || list[0].FileName != "合同扫描件.pdf" || list[0].Size != 8 || list[0].Data != nil {
		t.Fatalf("contract files %+v", list)
	}
	if b, err := f.s.RecordFileData(photo.ID); err != nil || len(b) != 2 {
		t.Fatalf("data %v %v", b, err)
	}
	noErr(t, f.s.DeleteRecordFile(photo.ID))
	if list, _ := f.s.AssetFiles(f.asset.ID); len(list) != 0 {
		t.Fatal("a deleted photo is listed")
	}
	noErr(t, f.s.RestoreRecordFile(photo.ID))
	if list, _ := f.s.AssetFiles(f.asset.ID); len(list) != 1 {
		t.Fatal("the restored photo is missing")
	}
	verifyOK(t, f.s)
}

// Verify covers the registers: a contract, receipt or asset changed outside 村记 is named.
func TestVerifyCatchesRegistersEditedOutside(t *testing.T) {
	for _, c := range []struct{ table, update, name string }{
		{"contracts", "UPDATE contracts SET annual_rent = 1 WHERE id = 1", "合同表第1行"},
		{"contract_receipts", "UPDATE contract_receipts SET amount = 1 WHERE id = 1", "合同收款表第1行"},
		{"assets", "UPDATE assets SET value = 1 WHERE id = 1", "资产台账表第1行"},
		{"record_files", "UPDATE record_files SET file_name = 'x.jpg' WHERE id = 1", "合同与资产附件表第1行"},
	} {
		t.Run(c.table, func(t *testing.T) {
			f := newContractFixture(t)
			noErr(t, f.s.SaveReceipt(&Receipt{ContractID: f.contract.ID, Period: 1, Date: day("2024-04-03"), Amount: 100}))
			noErr(t, f.s.AddRecordFile(&RecordFile{AssetID: f.asset.ID, FileName: "大棚.jpg", Data: []byte{1}}))
			verifyOK(t, f.s)
			_, err := f.s.db.Exec(c.update)
			noErr(t, err)
			r, err := f.s.Verify(context.Background())
			noErr(t, err)
			if !strings.Contains(r.Problem, c.name) {
				t.Fatalf("verify: %q, want %s named", r.Problem, c.name)
			}
		})
	}
}
