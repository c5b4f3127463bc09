package data

import (
	"errors"
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
