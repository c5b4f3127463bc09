package data

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"
)

// ledgerStore opens a fresh database file in the test's temp dir.
func ledgerStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "cunji.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// fieldErr returns the validation problem recorded for field, failing the test when err is not a ValidationError.
func problemFor(t testing.TB, err error, field string) *FieldError {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want *ValidationError naming %s, got %v", field, err)
	}
	return ve.For(field)
}

// wantFieldErr asserts that err names field with key.
func wantProblem(t testing.TB, err error, field, key string) {
	t.Helper()
	fe := problemFor(t, err, field)
	if fe == nil {
		t.Fatalf("no problem recorded for %s in %v", field, err)
	}
	if fe.Key != key {
		t.Fatalf("%s: key %s, want %s (%s)", field, fe.Key, key, fe.Msg)
	}
	if fe.Msg == "" || fe.Msg == fe.Key {
		t.Fatalf("%s: message missing", field)
	}
}

func countRows(t testing.TB, s *Store, query string, args ...any) int64 {
	t.Helper()
	var n int64
	noErr(t, s.db.QueryRow(query, args...).Scan(&n))
	return n
}

// ledgerFixture holds a small ledger most tests start from.
type ledgerFixture struct {
	s        *Store
	village  *Village
	village2 *Village
	seller   *Seller
	seller2  *Seller
	garlic   *Product
	apple    *Product
}

func newLedgerFixture(t testing.TB) *ledgerFixture {
	t.Helper()
	s := ledgerStore(t)
	f := &ledgerFixture{s: s}
	f.village = &Village{Name: "东泉村", Town: "柳埠街道", County: "历城区"}
	noErr(t, s.SaveVillage(f.village))
	f.village2 = &Village{Name: "西岭村", Town: "柳埠街道", County: "历城区"}
	noErr(t, s.SaveVillage(f.village2))
	f.seller = &Seller{Name: "张建国", VillageID: f.village.ID, Status: StatusFormerlyPoor}
	noErr(t, s.SaveSeller(f.seller))
	f.seller2 = &Seller{Name: "李秀英", VillageID: f.village2.ID}
	noErr(t, s.SaveSeller(f.seller2))
	f.garlic = &Product{Name: "大蒜", Unit: "斤", DefaultPrice: 350}
	noErr(t, s.SaveProduct(f.garlic))
	f.apple = &Product{Name: "苹果", Spec: "5斤装", Unit: "箱", DefaultPrice: 4000}
	noErr(t, s.SaveProduct(f.apple))
	return f
}

func day(s string) Date {
	x, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return x
}

func TestSmokeLedgers(t *testing.T) {
	f := newLedgerFixture(t)
	s := f.s
	ev := &SaleEvent{Date: day("2025-06-26"), VillageID: f.village.ID, Channel: ChannelMarketDay, Place: "柳埠大集"}
	lines := []SaleLine{
		{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 12500, Price: 350},
		{ProductID: f.apple.ID, SellerID: f.seller2.ID, Quantity: 2000, Price: 4000},
	}
	noErr(t, s.SaveSaleEvent(ev, lines))
	if lines[0].Amount != 4375 || lines[0].Unit != "斤" || lines[1].Amount != 8000 {
		t.Fatalf("lines %+v", lines)
	}
	sum, err := s.YearSummary(2025, 0)
	noErr(t, err)
	if sum.Sales.Total != 12375 || sum.Sales.Lines != 2 || sum.Sales.Events != 1 || sum.Sales.Sellers != 2 {
		t.Fatalf("sales %+v", sum.Sales)
	}
}

func TestGettersFindLiveRowsOnly(t *testing.T) {
	f := newLedgerFixture(t)
	p := Project{Name: "冷库", Type: "产业发展", VillageIDs: []int64{f.village.ID}, YearStarted: 2025}
	noErr(t, f.s.SaveProject(&p))
	fl := &FundingLine{ProjectID: p.ID, Source: "社会捐赠", Amount: 100}
	noErr(t, f.s.SaveFundingLine(fl))
	ds := &Disbursement{ProjectID: p.ID, Date: day("2025-01-02"), Amount: 100}
	noErr(t, f.s.SaveDisbursement(ds))
	sc := &StageChange{ProjectID: p.ID, Stage: StagePlanning, Date: day("2025-01-01")}
	noErr(t, f.s.SaveStageChange(sc))
	dist := &Distribution{ProjectID: p.ID, Date: day("2025-12-01"), Amount: 5, Recipient: "分红"}
	noErr(t, f.s.SaveDistribution(dist))
	n := &ProgressNote{ProjectID: p.ID, Date: day("2025-01-03"), Text: "选址"}
	noErr(t, f.s.SaveProgressNote(n))
	a := &Attachment{NoteID: n.ID, FileName: "a.jpg", Data: []byte{1, 2, 3}}
	noErr(t, f.s.AddAttachment(a))
	tg := &VillageTarget{VillageID: f.village.ID, Year: 2025, Amount: 1, Measure: MeasureNet}
	noErr(t, f.s.SaveVillageTarget(tg))
	ev := &SaleEvent{Date: day("2025-01-05"), VillageID: f.village.ID, Channel: ChannelOther}
	lines := []SaleLine{{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1000, Price: 1}}
	noErr(t, f.s.SaveSaleEvent(ev, lines))
	e := &CollectiveEntry{Date: day("2025-01-05"), VillageID: f.village.ID, Direction: DirectionExpense, Category: "其他支出", Amount: 9}
	noErr(t, f.s.SaveEntry(e))
	for name, get := range map[string]func() error{
		"funding":      func() error { _, err := f.s.GetFundingLine(fl.ID); return err },
		"disbursement": func() error { _, err := f.s.GetDisbursement(ds.ID); return err },
		"stage":        func() error { _, err := f.s.GetStageChange(sc.ID); return err },
		"distribution": func() error { _, err := f.s.GetDistribution(dist.ID); return err },
		"note":         func() error { _, err := f.s.GetProgressNote(n.ID); return err },
		"attachment":   func() error { _, err := f.s.GetAttachment(a.ID); return err },
		"target":       func() error { _, err := f.s.GetVillageTarget(tg.ID); return err },
		"line":         func() error { _, err := f.s.GetSaleLine(lines[0].ID); return err },
		"event":        func() error { _, err := f.s.GetSaleEvent(ev.ID); return err },
		"entry":        func() error { _, err := f.s.GetEntry(e.ID); return err },
		"partner":      func() error { _, err := f.s.GetPartner(1); return err },
	} {
		err := get()
		if name == "partner" {
			if !errors.Is(err, ErrNotFound) {
				t.Errorf("%s: a missing row is ErrNotFound, got %v", name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	noErr(t, f.s.DeleteEntry(e.ID))
	if _, err := f.s.GetEntry(e.ID); !errors.Is(err, ErrNotFound) {
		t.Fatal("a deleted row is not found")
	}
}

// Screens read in the background while the window writes: nothing fails, nothing is torn.
func TestConcurrentReadsWhileWriting(t *testing.T) {
	f := newLedgerFixture(t)
	done := make(chan struct{})
	errs := make(chan error, 8)
	for r := 0; r < 3; r++ {
		go func(r int) {
			for {
				select {
				case <-done:
					errs <- nil
					return
				default:
				}
				var err error
				switch r {
				case 0:
					var sum *Summary
					sum, err = f.s.YearSummary(2025, 0)
					if err == nil && sum.Sales.Lines%3 != 0 {
						err = fmt.Errorf("saw half an event: %d lines", sum.Sales.Lines)
					}
				case 1:
					_, err = f.s.ListSaleEvents(SaleEventFilter{}, 0, 50)
				case 2:
					_, err = f.s.SellerBill(YearPeriod(2025), 0, 0, 50)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}(r)
	}
	for i := 0; i < 60; i++ {
		ev := &SaleEvent{Date: MustDate(2025, 1+i%12, 1+i%28), VillageID: f.village.ID, Channel: Channels[i%5]}
		noErr(t, f.s.SaveSaleEvent(ev, []SaleLine{
			{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1000, Price: 100},
			{ProductID: f.apple.ID, SellerID: f.seller2.ID, Quantity: 1000, Price: 100},
			{ProductID: f.apple.ID, SellerID: f.seller.ID, Quantity: 1000, Price: 100},
		}))
	}
	close(done)
	for r := 0; r < 3; r++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	checkSalesTotals(t, f.s)
}
