package data

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestSellerValidation(t *testing.T) {
	f := newLedgerFixture(t)
	valid := func() Seller { return Seller{Name: "王秀兰", VillageID: f.village.ID} }
	cases := []struct {
		name       string
		edit       func(x *Seller)
		field, key string
	}{
		{"name required", func(x *Seller) { x.Name = "" }, "Name", "err.seller.name.required"},
		{"name long", func(x *Seller) { x.Name = long(61) }, "Name", "err.seller.name.long"},
		{"kind", func(x *Seller) { x.Kind = "个体户" }, "Kind", "err.seller.kind.invalid"},
		{"village required", func(x *Seller) { x.VillageID = 0 }, "VillageID", "err.seller.village_id.required"},
		{"village missing", func(x *Seller) { x.VillageID = 99 }, "VillageID", "err.seller.village_id.missing"},
		{"status", func(x *Seller) { x.Status = "低保户" }, "Status", "err.seller.status.invalid"},
		{"phone", func(x *Seller) { x.Phone = "1381234" }, "Phone", "err.seller.phone.invalid"},
		{"phone letters", func(x *Seller) { x.Phone = "138abc45678" }, "Phone", "err.seller.phone.invalid"},
		{"id check digit", func(x *Seller) { x.IDNumber = "370112198001011235" }, "IDNumber", "err.seller.id_number.invalid"},
		{"id length", func(x *Seller) { x.IDNumber = "37011219800101" }, "IDNumber", "err.seller.id_number.invalid"},
		{"note long", func(x *Seller) { x.Note = long(2001) }, "Note", "err.seller.note.long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := valid()
			c.edit(&x)
			wantProblem(t, f.s.SaveSeller(&x), c.field, c.key)
		})
	}
	x := valid()
	noErr(t, f.s.SaveSeller(&x))
	if x.Kind != "农户" || x.Status != StatusOrdinary {
		t.Fatalf("defaults %+v", x)
	}
}

func TestSellerPersonalDataMaskedInAuditAndPurged(t *testing.T) {
	f := newLedgerFixture(t)
	g := &demoGen{rnd: rand.New(rand.NewPCG(3, 4))}
	id := g.demoIDNumber()
	x := &Seller{Name: "赵德明", VillageID: f.village.ID, Status: StatusMonitored, Phone: "138 1234 5678", IDNumber: strings.ToLower(id)}
	noErr(t, f.s.SaveSeller(x))
	if x.Phone != "13812345678" || x.IDNumber != id {
		t.Fatalf("stored as %q %q", x.Phone, x.IDNumber)
	}
	x.Phone = "13912345678"
	noErr(t, f.s.SaveSeller(x))
	ev := &SaleEvent{Date: day("2025-06-25"), VillageID: f.village.ID, Channel: ChannelMarketDay}
	noErr(t, f.s.SaveSaleEvent(ev, []SaleLine{{ProductID: f.garlic.ID, SellerID: x.ID, Quantity: 10_000, Price: 300}}))
	auditText := func() string {
		log, err := f.s.AuditLog("sellers", x.ID, 100)
		noErr(t, err)
		var b strings.Builder
		for _, e := range log {
			b.WriteString(e.OldJSON + e.NewJSON)
		}
		return b.String()
	}
	text := auditText()
	if strings.Contains(text, "13812345678") || strings.Contains(text, id) || !strings.Contains(text, "138****5678") {
		t.Fatalf("the audit log keeps phone and ID masked: %s", text)
	}
	noErr(t, f.s.PurgeSeller(x.ID))
	var name, phone, idn string
	noErr(t, f.s.db.QueryRow("SELECT name, phone, id_number FROM sellers WHERE id = ?", x.ID).Scan(&name, &phone, &idn))
	if name != "赵*明" || phone != "" || idn != "" {
		t.Fatalf("after purge: %q %q %q", name, phone, idn)
	}
	text = auditText()
	for _, secret := range []string{"赵德明", "5678", id[len(id)-4:]} {
		if strings.Contains(text, secret) {
			t.Fatalf("the audit log still holds %q: %s", secret, text)
		}
	}
	if rows, _ := f.s.SaleLines(ev.ID); len(rows) != 1 || rows[0].Seller != "赵*明" || rows[0].Amount != 3000 {
		t.Fatalf("sales stay, with the masked name: %+v", rows)
	}
	wantProblem(t, f.s.RestoreSeller(x.ID), "", "err.seller.purged")
	if _, err := f.s.GetSeller(x.ID); !errors.Is(err, ErrNotFound) {
		t.Fatal("a purged seller is gone from the catalog")
	}
}

func TestSellerDeleteRestoreFindSearch(t *testing.T) {
	f := newLedgerFixture(t)
	x, err := f.s.FindOrCreateSeller(" 张建国 ", f.village.ID)
	noErr(t, err)
	if x.ID != f.seller.ID {
		t.Fatal("found the existing seller")
	}
	y, err := f.s.FindOrCreateSeller("张建国", f.village2.ID) // same name, other village: a new person
	noErr(t, err)
	if y.ID == f.seller.ID || y.Status != StatusOrdinary {
		t.Fatalf("%+v", y)
	}
	if _, err := f.s.FindOrCreateSeller("", f.village.ID); err == nil {
		t.Fatal("an empty name is refused")
	}
	for q, want := range map[string]int{"张": 2, "zjg": 2, "ZJ": 2, "lxy": 1, "秀": 1, "%": 0} {
		n, err := f.s.CountSellers(SellerFilter{Search: q})
		noErr(t, err)
		rows, _ := f.s.ListSellers(SellerFilter{Search: q}, 0, 10)
		if n != want || len(rows) != want {
			t.Errorf("search %q: %d/%d, want %d", q, n, len(rows), want)
		}
	}
	rows, _ := f.s.ListSellers(SellerFilter{VillageID: f.village.ID, Status: StatusFormerlyPoor}, 0, 10)
	if len(rows) != 1 || rows[0].Village != "东泉村" {
		t.Fatalf("%+v", rows)
	}
	noErr(t, f.s.DeleteSeller(y.ID))
	if n, _ := f.s.CountSellers(SellerFilter{}); n != 2 {
		t.Fatal(n)
	}
	noErr(t, f.s.RestoreSeller(y.ID))
	if n, _ := f.s.CountSellers(SellerFilter{}); n != 3 {
		t.Fatal(n)
	}
}

func TestProductValidationAndSearch(t *testing.T) {
	f := newLedgerFixture(t)
	cases := []struct {
		p          Product
		field, key string
	}{
		{Product{Unit: "斤"}, "Name", "err.product.name.required"},
		{Product{Name: long(61), Unit: "斤"}, "Name", "err.product.name.long"},
		{Product{Name: "大蒜", Unit: "斤"}, "Name", "err.product.name.duplicate"},
		{Product{Name: "花生", Spec: long(61), Unit: "斤"}, "Spec", "err.product.spec.long"},
		{Product{Name: "花生"}, "Unit", "err.product.unit.required"},
		{Product{Name: "花生", Unit: "大号编织袋装一百斤"}, "Unit", "err.product.unit.long"},
		{Product{Name: "花生", Unit: "斤", DefaultPrice: -1}, "DefaultPrice", "err.product.default_price.negative"},
		{Product{Name: "花生", Unit: "斤", Note: long(2001)}, "Note", "err.product.note.long"},
	}
	for _, c := range cases {
		p := c.p
		wantProblem(t, f.s.SaveProduct(&p), c.field, c.key)
	}
	noErr(t, f.s.SaveProduct(&Product{Name: "大蒜", Spec: "蒜薹", Unit: "斤"})) // same name, other spec
	noErr(t, f.s.SaveProduct(&Product{Name: "大米", Unit: "袋"}))
	for q, want := range map[string]string{"ds": "大蒜,大蒜（蒜薹）", "DS": "大蒜,大蒜（蒜薹）", "大": "大蒜,大蒜（蒜薹）,大米", "pg": "苹果（5斤装）",
		"蒜": "大蒜,大蒜（蒜薹）", "": "大米,大蒜,大蒜（蒜薹）,苹果（5斤装）", "x": ""} {
		list, err := f.s.ListProducts(q)
		noErr(t, err)
		var got []string
		for _, p := range list {
			got = append(got, p.Label())
			if !MatchesQuery(p.Name, q) {
				t.Errorf("%q listed %s which MatchesQuery rejects", q, p.Name)
			}
		}
		if strings.Join(got, ",") != want && !(q == "大" && len(got) == 3) && !(q == "" && len(got) == 4) {
			t.Errorf("ListProducts(%q) = %v, want %s", q, got, want)
		}
	}
	p, err := f.s.FindOrCreateProduct("大蒜")
	noErr(t, err)
	if p.ID != f.garlic.ID {
		t.Fatal("the plain product comes first")
	}
	p, err = f.s.FindOrCreateProduct("小米")
	noErr(t, err)
	if p.ID == 0 || p.Unit != "斤" {
		t.Fatalf("%+v", p)
	}
	noErr(t, f.s.DeleteProduct(p.ID))
	noErr(t, f.s.SaveProduct(&Product{Name: "小米", Unit: "斤"}))
	wantProblem(t, f.s.RestoreProduct(p.ID), "", "err.product.restore.duplicate")
}

func TestSaleEventAndLineValidation(t *testing.T) {
	f := newLedgerFixture(t)
	gone := &Seller{Name: "离村户", VillageID: f.village.ID}
	noErr(t, f.s.SaveSeller(gone))
	noErr(t, f.s.DeleteSeller(gone.ID))
	ok := SaleEvent{Date: day("2025-06-25"), VillageID: f.village.ID, Channel: ChannelMarketDay}
	for _, c := range []struct {
		edit       func(e *SaleEvent)
		field, key string
	}{
		{func(e *SaleEvent) { e.Date = Date{} }, "Date", "err.sale_event.date.required"},
		{func(e *SaleEvent) { e.VillageID = 0 }, "VillageID", "err.sale_event.village_id.required"},
		{func(e *SaleEvent) { e.VillageID = 77 }, "VillageID", "err.sale_event.village_id.missing"},
		{func(e *SaleEvent) { e.Channel = "集市" }, "Channel", "err.sale_event.channel.invalid"},
		{func(e *SaleEvent) { e.Place = long(61) }, "Place", "err.sale_event.place.long"},
		{func(e *SaleEvent) { e.Buyer = long(61) }, "Buyer", "err.sale_event.buyer.long"},
		{func(e *SaleEvent) { e.Payment = long(61) }, "Payment", "err.sale_event.payment.long"},
		{func(e *SaleEvent) { e.Note = long(2001) }, "Note", "err.sale_event.note.long"},
	} {
		e := ok
		c.edit(&e)
		wantProblem(t, f.s.SaveSaleEvent(&e, nil), c.field, c.key)
	}
	line := SaleLine{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1000, Price: 100}
	for _, c := range []struct {
		edit       func(l *SaleLine)
		field, key string
	}{
		{func(l *SaleLine) { l.ProductID = 0 }, "ProductID", "err.sale_line.product_id.required"},
		{func(l *SaleLine) { l.ProductID = 55 }, "ProductID", "err.sale_line.product_id.missing"},
		{func(l *SaleLine) { l.SellerID = 0 }, "SellerID", "err.sale_line.seller_id.required"},
		{func(l *SaleLine) { l.SellerID = gone.ID }, "SellerID", "err.sale_line.seller_id.missing"},
		{func(l *SaleLine) { l.Quantity = 0 }, "Quantity", "err.sale_line.quantity.positive"},
		{func(l *SaleLine) { l.Quantity = -1000 }, "Quantity", "err.sale_line.quantity.positive"},
		{func(l *SaleLine) { l.Unit = "大号编织袋装一百斤" }, "Unit", "err.sale_line.unit.long"},
		{func(l *SaleLine) { l.Price = -1 }, "Price", "err.sale_line.price.negative"},
		{func(l *SaleLine) { l.Amount, l.AmountTyped = -100, true }, "Amount", "err.sale_line.amount.negative"},
		{func(l *SaleLine) { l.Quantity, l.Price = 1<<62, 1<<40 }, "Amount", "err.sale_line.amount.overflow"},
	} {
		l := line
		c.edit(&l)
		e := ok
		err := f.s.SaveSaleEvent(&e, []SaleLine{line, l})
		wantProblem(t, err, "Lines[1]."+c.field, c.key)
		if problemFor(t, err, "Lines[0]."+c.field) != nil {
			t.Fatal("the good line has no problem")
		}
		wantProblem(t, f.s.AddSaleLinesBulk(999, []SaleLine{l}, "test"), "EventID", "err.sale_line.event_id.missing")
	}
	// Event and line problems come back together, so the form marks them all at once.
	e := ok
	e.Channel = ""
	bad := line
	bad.Quantity = 0
	err := f.s.SaveSaleEvent(&e, []SaleLine{line, bad})
	wantProblem(t, err, "Channel", "err.sale_event.channel.invalid")
	wantProblem(t, err, "Lines[1].Quantity", "err.sale_line.quantity.positive")
	if n := countRows(t, f.s, "SELECT count(*) FROM sale_events"); n != 0 {
		t.Fatal("nothing saved")
	}
}

// failOnQuantity makes the database itself refuse a line halfway through a save, as a
// constraint or a full disk would, after the Go checks have passed.
func failOnQuantity(t *testing.T, s *Store, q Quantity) {
	_, err := s.db.Exec(fmt.Sprintf(`CREATE TEMP TRIGGER refuse_line BEFORE INSERT ON main.sale_lines WHEN NEW.quantity = %d
		BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`, q))
	noErr(t, err)
	s.db.SetMaxOpenConns(1) // the temp trigger lives on one connection
}

func TestFailedMultiRowSaveLeavesNothing(t *testing.T) {
	f := newLedgerFixture(t)
	failOnQuantity(t, f.s, 7777)
	auditBefore := countRows(t, f.s, "SELECT count(*) FROM audit_log")
	ev := &SaleEvent{Date: day("2025-06-25"), VillageID: f.village.ID, Channel: ChannelMarketDay}
	lines := []SaleLine{
		{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1000, Price: 100},
		{ProductID: f.apple.ID, SellerID: f.seller2.ID, Quantity: 2000, Price: 100},
		{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 7777, Price: 100},
		{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 3000, Price: 100},
	}
	err := f.s.SaveSaleEvent(ev, lines)
	if err == nil || !strings.Contains(err.Error(), "refused by the test") {
		t.Fatalf("want the database's refusal, got %v", err)
	}
	if ev.ID != 0 || lines[0].ID != 0 {
		t.Fatal("IDs are only handed out on success")
	}
	for _, table := range []string{"sale_events", "sale_lines", "sales_month", "seller_month"} {
		if n := countRows(t, f.s, "SELECT count(*) FROM "+table); n != 0 {
			t.Fatalf("%s kept %d rows", table, n)
		}
	}
	if n := countRows(t, f.s, "SELECT count(*) FROM audit_log"); n != auditBefore {
		t.Fatal("no audit rows for a failed save")
	}
	// The same through the bulk path.
	lines[2].Quantity = 1000
	noErr(t, f.s.SaveSaleEvent(ev, lines[:1]))
	bulk := make([]SaleLine, 500)
	for i := range bulk {
		bulk[i] = SaleLine{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1000, Price: 100}
	}
	bulk[321].Quantity = 7777
	if err := f.s.AddSaleLinesBulk(ev.ID, bulk, "import.xlsx"); err == nil {
		t.Fatal("the bulk insert must fail")
	}
	if n := countRows(t, f.s, "SELECT count(*) FROM sale_lines"); n != 1 {
		t.Fatalf("%d lines after a failed bulk insert", n)
	}
	checkSalesTotals(t, f.s)
}

// checkSalesTotals compares the monthly totals with sums computed from the lines.
func checkSalesTotals(t *testing.T, s *Store) {
	t.Helper()
	read := func(q string) map[string]string {
		rows, err := s.db.Query(q)
		noErr(t, err)
		defer rows.Close()
		out := map[string]string{}
		for rows.Next() {
			var m, k string
			var v, a, n int64
			noErr(t, rows.Scan(&m, &v, &k, &a, &n))
			out[fmt.Sprint(m, v, k)] = fmt.Sprint(a, "/", n)
		}
		return out
	}
	from := `FROM sale_lines l JOIN sale_events e ON e.id = l.event_id WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL GROUP BY 1, 2, 3`
	for _, c := range [][2]string{
		{"SELECT month, village_id, channel, amount, lines FROM sales_month",
			"SELECT substr(e.date, 1, 7), e.village_id, e.channel, sum(l.amount), count(*) " + from},
		{"SELECT month, village_id, seller_id, amount, lines FROM seller_month",
			"SELECT substr(e.date, 1, 7), e.village_id, l.seller_id, sum(l.amount), count(*) " + from},
	} {
		kept, want := read(c[0]), read(c[1])
		if fmt.Sprint(kept) != fmt.Sprint(want) {
			t.Fatalf("monthly totals drifted:\nkept %v\nwant %v", kept, want)
		}
	}
}

func TestSaveSaleEventReplacesLinesAndAudits(t *testing.T) {
	f := newLedgerFixture(t)
	ev := &SaleEvent{Date: day("2025-06-25"), VillageID: f.village.ID, Channel: ChannelMarketDay, Place: "柳埠大集", ConsumptionAid: true}
	lines := []SaleLine{
		{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 12_500, Price: 350},
		{ProductID: f.apple.ID, SellerID: f.seller2.ID, Quantity: 3_000, Price: 4000},
		{ProductID: f.garlic.ID, SellerID: f.seller2.ID, Quantity: 1_333, Price: 333, Amount: 400, AmountTyped: true},
	}
	noErr(t, f.s.SaveSaleEvent(ev, lines))
	if lines[0].Amount != 4375 || lines[2].Amount != 400 || lines[1].Unit != "箱" || lines[2].EventID != ev.ID {
		t.Fatalf("%+v", lines)
	}
	checkSalesTotals(t, f.s)
	// Edit: change line 0, drop line 1, keep line 2, add a line; move the event to July and another channel.
	ev.Date, ev.Channel = day("2025-07-05"), ChannelStore
	lines[0].Quantity = 10_000
	edited := []SaleLine{lines[0], lines[2], {ProductID: f.apple.ID, SellerID: f.seller.ID, Quantity: 1_000, Price: 4200}}
	noErr(t, f.s.SaveSaleEvent(ev, edited))
	rows, err := f.s.SaleLines(ev.ID)
	noErr(t, err)
	if len(rows) != 3 || rows[0].ID != lines[0].ID || rows[0].Amount != 3500 || rows[2].Product != "苹果" || rows[2].Spec != "5斤装" ||
		rows[1].Seller != "李秀英" || rows[0].SellerStatus != StatusFormerlyPoor || rows[0].Channel != ChannelStore {
		t.Fatalf("%+v", rows)
	}
	checkSalesTotals(t, f.s)
	var actions []string
	log, _ := f.s.AuditLog("sale_lines", 0, 20)
	for _, e := range log {
		actions = append(actions, e.Action)
	}
	if strings.Join(actions, ",") != "delete,insert,update,update,insert,insert,insert" {
		t.Fatalf("audit actions %v", actions)
	}
	if ev2, _ := f.s.GetSaleEvent(ev.ID); ev2.Channel != ChannelStore || !ev2.ConsumptionAid {
		t.Fatalf("%+v", ev2)
	}
	// A line ID from another event is refused, and nothing changes.
	other := &SaleEvent{Date: day("2025-07-06"), VillageID: f.village.ID, Channel: ChannelOther}
	if err := f.s.SaveSaleEvent(other, []SaleLine{rows[0].SaleLine}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("foreign line: %v", err)
	}
	noErr(t, f.s.DeleteSaleEvent(ev.ID))
	checkSalesTotals(t, f.s)
	if n := countRows(t, f.s, "SELECT count(*) FROM sales_month"); n != 0 {
		t.Fatal("a deleted event leaves the totals")
	}
	noErr(t, f.s.RestoreSaleEvent(ev.ID))
	noErr(t, f.s.RestoreSaleEvent(ev.ID)) // twice is harmless
	checkSalesTotals(t, f.s)
}

func TestBulkInsertIsOneAuditEntry(t *testing.T) {
	f := newLedgerFixture(t)
	ev := &SaleEvent{Date: day("2025-06-25"), VillageID: f.village.ID, Channel: ChannelLivestream}
	noErr(t, f.s.SaveSaleEvent(ev, nil))
	before := countRows(t, f.s, "SELECT count(*) FROM audit_log")
	lines := make([]SaleLine, 250)
	for i := range lines {
		lines[i] = SaleLine{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: Quantity(1000 + i), Price: 350}
	}
	noErr(t, f.s.AddSaleLinesBulk(ev.ID, lines, "直播订单.xlsx"))
	if countRows(t, f.s, "SELECT count(*) FROM audit_log") != before+1 {
		t.Fatal("one audit row for the bulk insert")
	}
	log, _ := f.s.AuditLog("sale_lines", 0, 1)
	if log[0].Action != "bulk" || !strings.Contains(log[0].NewJSON, `"source":"直播订单.xlsx"`) || !strings.Contains(log[0].NewJSON, `"rows":250`) {
		t.Fatalf("%+v", log[0])
	}
	if lines[249].ID == 0 || lines[0].Unit != "斤" || lines[1].Amount != Quantity(1001).Times(350) {
		t.Fatalf("%+v", lines[249])
	}
	checkSalesTotals(t, f.s)
}

// Random edits, moves, deletes and undos never let the monthly totals drift from the lines.
func TestSalesTotalsFollowEveryChange(t *testing.T) {
	f := newLedgerFixture(t)
	rnd := rand.New(rand.NewPCG(7, 8))
	sellers := []int64{f.seller.ID, f.seller2.ID}
	products := []int64{f.garlic.ID, f.apple.ID}
	villages := []int64{f.village.ID, f.village2.ID}
	var events []*SaleEvent
	randomLines := func() []SaleLine {
		ls := make([]SaleLine, rnd.IntN(5))
		for i := range ls {
			ls[i] = SaleLine{ProductID: products[rnd.IntN(2)], SellerID: sellers[rnd.IntN(2)], Quantity: Quantity(1 + rnd.IntN(50_000)), Price: Money(rnd.IntN(5000))}
		}
		return ls
	}
	for step := 0; step < 150; step++ {
		switch op := rnd.IntN(6); {
		case op < 2 || len(events) == 0:
			ev := &SaleEvent{Date: MustDate(2025, 1+rnd.IntN(12), 1+rnd.IntN(28)), VillageID: villages[rnd.IntN(2)], Channel: Channels[rnd.IntN(5)]}
			noErr(t, f.s.SaveSaleEvent(ev, randomLines()))
			events = append(events, ev)
		case op == 2:
			ev := events[rnd.IntN(len(events))]
			rows, _ := f.s.SaleLines(ev.ID)
			var keep []SaleLine
			for _, r := range rows {
				if rnd.IntN(2) == 0 {
					r.SaleLine.Quantity += 1000
					r.SaleLine.AmountTyped = false
					keep = append(keep, r.SaleLine)
				}
			}
			ev.Date, ev.Channel, ev.VillageID = MustDate(2025, 1+rnd.IntN(12), 1+rnd.IntN(28)), Channels[rnd.IntN(5)], villages[rnd.IntN(2)]
			err := f.s.SaveSaleEvent(ev, append(keep, randomLines()...))
			if err != nil && !errors.Is(err, ErrNotFound) { // a deleted event cannot be saved
				t.Fatal(err)
			}
		case op == 3:
			f.s.DeleteSaleEvent(events[rnd.IntN(len(events))].ID)
		case op == 4:
			noErr(t, f.s.RestoreSaleEvent(events[rnd.IntN(len(events))].ID))
		case op == 5:
			ls := randomLines()
			ev := events[rnd.IntN(len(events))]
			if err := f.s.AddSaleLinesBulk(ev.ID, ls, "test"); err != nil {
				wantProblem(t, err, "EventID", "err.sale_line.event_id.missing")
			}
		}
	}
	checkSalesTotals(t, f.s)
	noErr(t, f.s.RebuildSalesTotals())
	checkSalesTotals(t, f.s)
}

func TestListSaleEventsFiltersAndSellerBill(t *testing.T) {
	f := newLedgerFixture(t)
	save := func(date string, village int64, ch string, lines ...SaleLine) *SaleEvent {
		ev := &SaleEvent{Date: day(date), VillageID: village, Channel: ch, Place: "地点" + date, Buyer: "社区"}
		noErr(t, f.s.SaveSaleEvent(ev, lines))
		return ev
	}
	garlic := func(seller int64, q Quantity) SaleLine {
		return SaleLine{ProductID: f.garlic.ID, SellerID: seller, Quantity: q * 1000, Price: 300}
	}
	apple := func(seller int64, q Quantity) SaleLine {
		return SaleLine{ProductID: f.apple.ID, SellerID: seller, Quantity: q * 1000, Price: 4000}
	}
	e1 := save("2025-05-15", f.village.ID, ChannelMarketDay, garlic(f.seller.ID, 10), garlic(f.seller.ID, 5))
	save("2025-06-10", f.village.ID, ChannelStore, apple(f.seller.ID, 2))
	e3 := save("2025-06-20", f.village2.ID, ChannelMarketDay, garlic(f.seller2.ID, 20), apple(f.seller2.ID, 1))
	save("2025-07-01", f.village.ID, ChannelOther)
	list := func(flt SaleEventFilter) string {
		rows, err := f.s.ListSaleEvents(flt, 0, 50)
		noErr(t, err)
		n, err := f.s.CountSaleEvents(flt)
		noErr(t, err)
		if n != len(rows) {
			t.Fatalf("count %d rows %d", n, len(rows))
		}
		var out []string
		for _, r := range rows {
			out = append(out, fmt.Sprintf("%s:%d:%s", r.Date, r.LineCount, r.Total.Plain()))
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		flt  SaleEventFilter
		want string
	}{
		{SaleEventFilter{}, "2025-07-01:0:0.00 2025-06-20:2:100.00 2025-06-10:1:80.00 2025-05-15:2:45.00"},
		{SaleEventFilter{From: day("2025-06-01"), To: day("2025-06-30")}, "2025-06-20:2:100.00 2025-06-10:1:80.00"},
		{SaleEventFilter{Channel: ChannelMarketDay}, "2025-06-20:2:100.00 2025-05-15:2:45.00"},
		{SaleEventFilter{VillageID: f.village2.ID}, "2025-06-20:2:100.00"},
		{SaleEventFilter{SellerID: f.seller.ID}, "2025-06-10:1:80.00 2025-05-15:2:45.00"},
		{SaleEventFilter{ProductID: f.apple.ID}, "2025-06-20:2:100.00 2025-06-10:1:80.00"},
		{SaleEventFilter{Search: "05-15"}, "2025-05-15:2:45.00"},
	} {
		if got := list(c.flt); got != c.want {
			t.Errorf("%+v:\n got %s\nwant %s", c.flt, got, c.want)
		}
	}
	rows, _ := f.s.ListSaleEvents(SaleEventFilter{}, 1, 2) // a page
	if len(rows) != 2 || rows[0].ID != e3.ID || rows[1].Village != "东泉村" {
		t.Fatalf("%+v", rows)
	}
	bill := func(p Period, village int64) string {
		rows, err := f.s.SellerBill(p, village, 0, 10)
		noErr(t, err)
		n, _ := f.s.CountSellerBill(p, village)
		if n != len(rows) {
			t.Fatalf("count %d", n)
		}
		var out []string
		for _, r := range rows {
			out = append(out, fmt.Sprintf("%s/%s/%d/%s", r.Name, r.Status, r.Lines, r.Amount.Plain()))
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		p       Period
		village int64
		want    string
	}{
		{YearPeriod(2025), 0, "张建国/脱贫户/3/125.00 李秀英/一般户/2/100.00"},
		{MonthPeriod(2025, 6), 0, "李秀英/一般户/2/100.00 张建国/脱贫户/1/80.00"},
		{Period{day("2025-05-15"), day("2025-06-15")}, 0, "张建国/脱贫户/3/125.00"},           // partial months: scanned
		{Period{day("2025-05-16"), day("2025-06-30")}, f.village.ID, "张建国/脱贫户/1/80.00"}, // whole June plus a partial May
		{Period{day("2025-05-16"), day("2025-05-31")}, 0, ""},
	} {
		if got := bill(c.p, c.village); got != c.want {
			t.Errorf("bill %v village %d:\n got %s\nwant %s", c.p, c.village, got, c.want)
		}
	}
	noErr(t, f.s.DeleteSaleEvent(e1.ID))
	if got := bill(YearPeriod(2025), 0); got != "李秀英/一般户/2/100.00 张建国/脱贫户/1/80.00" {
		t.Errorf("after delete: %s", got)
	}
}

func TestCheckSaleEventDoesNotSave(t *testing.T) {
	f := newLedgerFixture(t)
	ev := &SaleEvent{Date: day("2025-06-25"), VillageID: f.village.ID, Channel: ChannelMarketDay}
	lines := []SaleLine{{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 1000, Price: 100}, {ProductID: f.garlic.ID}}
	err := f.s.CheckSaleEvent(ev, lines)
	wantProblem(t, err, "Lines[1].SellerID", "err.sale_line.seller_id.required")
	wantProblem(t, err, "Lines[1].Quantity", "err.sale_line.quantity.positive")
	noErr(t, f.s.CheckSaleEvent(ev, lines[:1]))
	if lines[0].Amount != 0 || lines[0].Unit != "" || countRows(t, f.s, "SELECT count(*) FROM sale_events") != 0 {
		t.Fatal("a check changes nothing")
	}
}

func TestSaveSaleEventAddsNewNamesInTheSameTransaction(t *testing.T) {
	f := newLedgerFixture(t)
	products := func() int64 { return countRows(t, f.s, "SELECT count(*) FROM products") }
	sellers := func() int64 { return countRows(t, f.s, "SELECT count(*) FROM sellers") }
	p0, s0 := products(), sellers()
	audit0 := countRows(t, f.s, "SELECT count(*) FROM audit_log")
	ev := &SaleEvent{Date: day("2025-06-25"), VillageID: f.village.ID, Channel: ChannelMarketDay}
	lines := []SaleLine{
		{NewProduct: " 香椿芽 ", NewSeller: "孙大娘", Quantity: 2000, Price: 1500},
		{ProductID: f.garlic.ID, SellerID: f.seller.ID, Quantity: 0, Price: 100}, // a later line fails
	}
	wantProblem(t, f.s.SaveSaleEvent(ev, lines), "Lines[1].Quantity", "err.sale_line.quantity.positive")
	if products() != p0 || sellers() != s0 || countRows(t, f.s, "SELECT count(*) FROM audit_log") != audit0 {
		t.Fatal("a failed save left a new product, seller or audit entry behind")
	}
	if lines[0].ProductID != 0 || ev.ID != 0 {
		t.Fatal("IDs are only handed out on success")
	}
	// A name the catalog refuses is shown on the line's column, and nothing is added either.
	lines[1].Quantity = 1000
	lines[1].NewSeller, lines[1].SellerID = long(61), 0
	wantProblem(t, f.s.SaveSaleEvent(ev, lines), "Lines[1].SellerID", "err.seller.name.long")
	if products() != p0 || sellers() != s0 {
		t.Fatal("a refused name left a catalog row behind")
	}
	// The same lines save once fixed: the new names join the catalogs, audited, in the event's village.
	lines[1].NewSeller = "张建国" // already in the village: found, not added again
	noErr(t, f.s.SaveSaleEvent(ev, lines))
	if products() != p0+1 || sellers() != s0+1 {
		t.Fatalf("want one new product and one new seller, have %d/%d", products()-p0, sellers()-s0)
	}
	p, err := f.s.GetProduct(lines[0].ProductID)
	noErr(t, err)
	sl, err := f.s.GetSeller(lines[0].SellerID)
	noErr(t, err)
	if p.Name != "香椿芽" || p.Unit != "斤" || lines[0].Unit != "斤" || sl.Name != "孙大娘" || sl.VillageID != f.village.ID {
		t.Fatalf("added %+v %+v, line %+v", p, sl, lines[0])
	}
	if lines[1].SellerID != f.seller.ID {
		t.Fatalf("an existing name must be found: %d", lines[1].SellerID)
	}
	for _, tbl := range []string{"products", "sellers"} {
		if n := countRows(t, f.s, "SELECT count(*) FROM audit_log WHERE tbl = ? AND action = 'insert'", tbl); n < 1 {
			t.Fatalf("no audit entry for the new %s", tbl)
		}
	}
	// CheckSaleEvent accepts a new name without adding it.
	noErr(t, f.s.CheckSaleEvent(ev, []SaleLine{{NewProduct: "荠菜", NewSeller: "周大爷", Quantity: 1000, Price: 100}}))
	if products() != p0+1 || sellers() != s0+1 {
		t.Fatal("CheckSaleEvent must not write")
	}
	checkSalesTotals(t, f.s)
}
