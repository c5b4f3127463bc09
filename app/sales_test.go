package app

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit/kittest"
	"cunji/data"
)

// salesFixture is the main window on a real database with one village, two products and two
// sellers, showing the sales screen.
type salesFixture struct {
	t       *testing.T
	m       *MainWindow
	st      *data.Store
	sv      *salesView
	c       fyne.Canvas
	village *data.Village
	garlic  *data.Product
	rice    *data.Product
	zhang   *data.Seller
	li      *data.Seller
}

func newSalesFixture(t *testing.T) *salesFixture {
	t.Helper()
	m, st := newTestWindow(t)
	f := &salesFixture{t: t, m: m, st: st, c: m.Env.Win.Canvas()}
	f.village = &data.Village{Name: "东泉村", Town: "柳埠街道", County: "历城区"}
	noErr(t, st.SaveVillage(f.village))
	f.garlic = &data.Product{Name: "大蒜", Unit: "斤", DefaultPrice: 350}
	noErr(t, st.SaveProduct(f.garlic))
	f.rice = &data.Product{Name: "大米", Unit: "袋", DefaultPrice: 6000}
	noErr(t, st.SaveProduct(f.rice))
	f.zhang = &data.Seller{Name: "张建国", VillageID: f.village.ID, Status: data.StatusFormerlyPoor, IDNumber: "11010519491231002X"}
	noErr(t, st.SaveSeller(f.zhang))
	f.li = &data.Seller{Name: "李秀英", VillageID: f.village.ID}
	noErr(t, st.SaveSeller(f.li))
	f.sv = screenOf[*salesView](t, m, "助农销售")
	return f
}

func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (f *salesFixture) editor() *saleEditor { return f.sv.events.editor }

// tabTo presses Tab until target has the focus (at most n times).
func (f *salesFixture) tabTo(target fyne.Focusable, n int) {
	f.t.Helper()
	for i := 0; i < n; i++ {
		if f.c.Focused() == target {
			return
		}
		kittest.Press(f.c, fyne.KeyTab)
	}
	if f.c.Focused() != target {
		f.t.Fatalf("Tab did not reach %T in %d steps (at %T)", target, n, f.c.Focused())
	}
}

// typeLine types one line of the grid starting in its product field, moving on with Tab.
func (f *salesFixture) typeLine(product, seller, qty, price, amount string) {
	f.t.Helper()
	kittest.Type(f.t, f.c, product)
	kittest.Press(f.c, fyne.KeyTab)
	kittest.Type(f.t, f.c, seller)
	kittest.Press(f.c, fyne.KeyTab)
	kittest.Type(f.t, f.c, qty)
	kittest.Press(f.c, fyne.KeyTab)
	if price != "" {
		kittest.Type(f.t, f.c, price)
	}
	kittest.Press(f.c, fyne.KeyTab)
	if amount != "" {
		kittest.Type(f.t, f.c, amount)
	}
}

func (f *salesFixture) listText(row, col int) string {
	return f.sv.events.table.CellText(row, col)
}

// tapDialogButton taps the button labelled text in the dialog on top of the window.
func (f *salesFixture) tapDialogButton(text string) {
	f.t.Helper()
	top := f.c.Overlays().Top()
	if top == nil {
		f.t.Fatal("no dialog shown")
	}
	var btn *widget.Button
	kittest.Walk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			btn = b
		}
	})
	if btn == nil {
		f.t.Fatalf("dialog has no %q button", text)
	}
	test.Tap(btn)
}

func (f *salesFixture) onlyEvent() (data.SaleEventRow, []data.SaleLineRow) {
	f.t.Helper()
	rows, err := f.st.ListSaleEvents(data.SaleEventFilter{}, 0, 10)
	noErr(f.t, err)
	if len(rows) != 1 {
		f.t.Fatalf("%d events in the database", len(rows))
	}
	lines, err := f.st.SaleLines(rows[0].ID)
	noErr(f.t, err)
	return rows[0], lines
}

func TestSalesMarketDayTypedWithoutMouse(t *testing.T) {
	f := newSalesFixture(t)
	e := f.editor()
	kittest.PressCtrl(t, f.c, fyne.KeyN)
	if !e.open() || f.c.Focused() != e.date {
		t.Fatalf("Ctrl+N: page open %v, focus %T", e.open(), f.c.Focused())
	}
	if v, _ := e.date.Value(); v != data.Today() {
		t.Fatalf("new event dated %v", v)
	}
	f.tabTo(e.place, 6)
	kittest.Type(t, f.c, "柳埠大集")
	kittest.Press(f.c, fyne.KeyTab)
	kittest.Type(t, f.c, "历下区甸柳社区")
	kittest.Press(f.c, fyne.KeyTab)
	if f.c.Focused() != e.unit.Sel {
		t.Fatalf("after the buyer: focus %T, want the buyer unit", f.c.Focused())
	}
	kittest.Press(f.c, fyne.KeyTab) // no partner unit bought
	kittest.Type(t, f.c, "wx")      // 微信 by its initials
	kittest.Press(f.c, fyne.KeyTab)
	if e.payment.Text != "微信" {
		t.Fatalf("payment %q", e.payment.Text)
	}
	f.tabTo(e.lines[0].product, 3)

	// Line 1: ds → 大蒜, unit and default price fill in, amount computes.
	kittest.Type(t, f.c, "ds")
	if got := e.lines[0].product.Suggestions(); len(got) != 1 || got[0] != "大蒜" {
		t.Fatalf("ds offers %v", got)
	}
	kittest.Press(f.c, fyne.KeyTab)
	if e.lines[0].product.Text != "大蒜" || e.lines[0].unit.Text != "斤" || e.lines[0].price.Text != "3.50" {
		t.Fatalf("product %q unit %q price %q", e.lines[0].product.Text, e.lines[0].unit.Text, e.lines[0].price.Text)
	}
	kittest.Type(t, f.c, "张")
	kittest.Press(f.c, fyne.KeyTab)
	kittest.Type(t, f.c, "12.5")
	if e.lines[0].amount.Text != "43.75" {
		t.Fatalf("amount %q", e.lines[0].amount.Text)
	}
	kittest.Press(f.c, fyne.KeyTab, fyne.KeyTab, fyne.KeyTab) // to the price, keep it, keep the amount
	if len(e.lines) != 2 || f.c.Focused() != e.lines[1].product {
		t.Fatalf("after line 1: %d lines, focus %T", len(e.lines), f.c.Focused())
	}

	// Line 2: Enter works like Tab; the price is overtyped (typing replaces the selected text),
	// then the amount too.
	kittest.Type(t, f.c, "大米")
	kittest.Press(f.c, fyne.KeyReturn)
	kittest.Type(t, f.c, "李")
	kittest.Press(f.c, fyne.KeyReturn)
	kittest.Type(t, f.c, "2")
	kittest.Press(f.c, fyne.KeyReturn)
	kittest.Type(t, f.c, "59")
	if e.lines[1].price.Text != "59" || e.lines[1].amount.Text != "118.00" {
		t.Fatalf("price %q amount %q", e.lines[1].price.Text, e.lines[1].amount.Text)
	}
	kittest.Press(f.c, fyne.KeyReturn)
	kittest.Type(t, f.c, "115")
	kittest.Press(f.c, fyne.KeyReturn)

	// Line 3: a new product and a new seller, typed on the spot.
	f.typeLine("小米", "王五", "3", "8", "")
	if e.lines[2].amount.Text != "24.00" {
		t.Fatalf("line 3 amount %q", e.lines[2].amount.Text)
	}
	kittest.Press(f.c, fyne.KeyTab) // leave the amount: line 4 appears
	if !strings.Contains(e.lines[2].hint.Text, "新产品") || !strings.Contains(e.lines[2].hint.Text, "新卖家") {
		t.Fatalf("line 3 note %q", e.lines[2].hint.Text)
	}
	if e.Total() != "合计 ¥182.75 · 3 行" {
		t.Fatalf("running total %q", e.Total())
	}
	kittest.PressCtrl(t, f.c, fyne.KeyS) // from the empty 4th line
	if e.form.Dirty() || e.ev.ID == 0 {
		t.Fatalf("not saved: %s", e.general.Text)
	}

	ev, lines := f.onlyEvent()
	if ev.Place != "柳埠大集" || ev.Buyer != "历下区甸柳社区" || ev.Payment != "微信" || ev.Channel != data.ChannelMarketDay ||
		ev.Date != data.Today() || !ev.ConsumptionAid || ev.Village != "东泉村" {
		t.Fatalf("event %+v", ev)
	}
	if len(lines) != 3 || ev.Total != 18275 || ev.LineCount != 3 {
		t.Fatalf("%d lines, total %v", len(lines), ev.Total)
	}
	var sum data.Money
	for _, l := range lines {
		sum += l.Amount
	}
	if sum != ev.Total {
		t.Fatalf("lines add up to %v, event total %v", sum, ev.Total)
	}
	want := []struct {
		product, seller, unit string
		qty                   data.Quantity
		price, amount         data.Money
		typed                 bool
	}{
		{"大蒜", "张建国", "斤", 12500, 350, 4375, false},
		{"大米", "李秀英", "袋", 2000, 5900, 11500, true},
		{"小米", "王五", "斤", 3000, 800, 2400, false},
	}
	for i, w := range want {
		l := lines[i]
		if l.Product != w.product || l.Seller != w.seller || l.Unit != w.unit || l.Quantity != w.qty ||
			l.Price != w.price || l.Amount != w.amount || l.AmountTyped != w.typed {
			t.Errorf("line %d: %+v", i+1, l)
		}
	}
	if lines[2].SellerStatus != data.StatusOrdinary || lines[2].SellerKind != "农户" {
		t.Errorf("new seller %+v", lines[2])
	}

	// Esc leaves the field, a second Esc goes back to the list, which shows the event.
	kittest.Press(f.c, fyne.KeyEscape, fyne.KeyEscape)
	if e.open() {
		t.Fatal("Esc Esc did not go back to the list")
	}
	if f.listText(0, 3) != "柳埠大集" || f.listText(0, 5) != "3" || f.listText(0, 6) != "¥182.75" {
		t.Fatalf("list row: %q %q %q", f.listText(0, 3), f.listText(0, 5), f.listText(0, 6))
	}
	if got := f.sv.events.table.Totals()[6]; got != "¥182.75" {
		t.Fatalf("list totals %q", got)
	}
}

func TestSalesEditDeleteUndo(t *testing.T) {
	f := newSalesFixture(t)
	ev := &data.SaleEvent{Date: data.MustDate(2025, 6, 26), VillageID: f.village.ID, Channel: data.ChannelStore, Place: "历下区共富超市"}
	noErr(t, f.st.SaveSaleEvent(ev, []data.SaleLine{
		{ProductID: f.garlic.ID, SellerID: f.zhang.ID, Quantity: 10000, Price: 350},
		{ProductID: f.rice.ID, SellerID: f.li.ID, Quantity: 1000, Price: 6000},
	}))
	v := f.sv.events
	if v.table.Rows() != 1 || f.listText(0, 3) != "历下区共富超市" {
		t.Fatalf("list did not follow the store: %d rows", v.table.Rows())
	}
	v.table.Table.Select(widget.TableCellID{Row: 1, Col: 0}) // row 0 is the totals row
	e := f.editor()
	if !e.open() || len(e.lines) != 2 || f.c.Focused() != e.lines[0].product {
		t.Fatalf("open: %v, %d lines, focus %T", e.open(), len(e.lines), f.c.Focused())
	}
	if e.Total() != "合计 ¥95.00 · 2 行" {
		t.Fatalf("total %q", e.Total())
	}
	// Edit: the first line's quantity becomes 20 斤; the amount follows.
	f.tabTo(e.lines[0].qty, 3)
	kittest.Type(t, f.c, "20")
	if e.lines[0].amount.Text != "70.00" || !e.form.Dirty() {
		t.Fatalf("amount %q dirty %v", e.lines[0].amount.Text, e.form.Dirty())
	}
	// Leaving with unsaved changes asks first.
	f.m.Select(homeAt)
	if f.m.Current() != salesAt {
		t.Fatal("left the page with unsaved changes without asking")
	}
	f.tapDialogButton("继续编辑")
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	_, lines := f.onlyEvent()
	if lines[0].Quantity != 20000 || lines[0].Amount != 7000 || lines[0].ID != e.lines[0].id {
		t.Fatalf("edited line %+v", lines[0])
	}
	if f.listText(0, 6) != "¥130.00" {
		t.Fatalf("list total %q", f.listText(0, 6))
	}

	// Delete (no field focused) asks, deletes and goes back to the list; Ctrl+Z restores.
	f.c.Unfocus()
	kittest.Press(f.c, fyne.KeyDelete)
	f.tapDialogButton("删除")
	if n, _ := f.st.CountSaleEvents(data.SaleEventFilter{}); n != 0 || e.open() || v.table.Rows() != 0 {
		t.Fatalf("after delete: %d events, page open %v, %d rows", n, e.open(), v.table.Rows())
	}
	if !strings.Contains(v.notice.Text(), "已删除") {
		t.Fatalf("notice %q", v.notice.Text())
	}
	kittest.PressCtrl(t, f.c, fyne.KeyZ)
	if n, _ := f.st.CountSaleEvents(data.SaleEventFilter{}); n != 1 || v.table.Rows() != 1 || f.listText(0, 6) != "¥130.00" {
		t.Fatalf("after undo: %d events, %d rows", n, v.table.Rows())
	}
	// Delete from the list: the row last opened.
	v.table.Table.Select(widget.TableCellID{Row: 1, Col: 0})
	kittest.Press(f.c, fyne.KeyEscape) // leave the focused line
	kittest.Press(f.c, fyne.KeyEscape) // back to the list, the row stays chosen
	kittest.Press(f.c, fyne.KeyDelete)
	f.tapDialogButton("删除")
	if n, _ := f.st.CountSaleEvents(data.SaleEventFilter{}); n != 0 {
		t.Fatalf("delete from the list left %d events", n)
	}
}

func TestSalesValidationKeepsWhatWasTyped(t *testing.T) {
	f := newSalesFixture(t)
	e := f.editor()
	kittest.PressCtrl(t, f.c, fyne.KeyN)
	f.tabTo(e.place, 6)
	kittest.Type(t, f.c, strings.Repeat("集", 61)) // too long for the data layer
	f.tabTo(e.lines[0].product, 6)
	kittest.Type(t, f.c, "大蒜")
	kittest.Press(f.c, fyne.KeyTab)
	kittest.Type(t, f.c, "张建国")
	kittest.Press(f.c, fyne.KeyTab)
	kittest.Type(t, f.c, "12斤")
	l := e.lines[0]
	if !strings.Contains(l.hint.Text, "数量：") || !strings.Contains(l.hint.Text, "不能识别的字符“斤”") {
		t.Fatalf("as-you-type hint %q", l.hint.Text)
	}
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	if n, _ := f.st.CountSaleEvents(data.SaleEventFilter{}); n != 0 {
		t.Fatal("saved with a bad quantity")
	}
	if !strings.Contains(e.general.Text, "红字") || l.qty.Text != "12斤" || l.product.Text != "大蒜" {
		t.Fatalf("general %q, qty %q", e.general.Text, l.qty.Text)
	}
	// Fix the quantity: now the data layer finds the place too long; its message shows beside it.
	f.c.Focus(l.qty)
	kittest.Press(f.c, fyne.KeyBackspace)
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	if n, _ := f.st.CountSaleEvents(data.SaleEventFilter{}); n != 0 {
		t.Fatal("saved with a place of 61 characters")
	}
	if !strings.Contains(e.place.Hint.Error(), "地点太长") || len([]rune(e.place.Text)) != 61 || l.qty.Text != "12" {
		t.Fatalf("place hint %q, place kept %d runes, qty %q", e.place.Hint.Error(), len([]rune(e.place.Text)), l.qty.Text)
	}
	e.place.SetText("柳埠大集")
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	ev, lines := f.onlyEvent()
	if ev.Place != "柳埠大集" || len(lines) != 1 || lines[0].Amount != 4200 {
		t.Fatalf("saved %+v %+v", ev, lines)
	}
}

func TestSalesListFiltersAndPages(t *testing.T) {
	f := newSalesFixture(t)
	for i := 0; i < 230; i++ {
		ev := &data.SaleEvent{Date: data.MustDate(2025, 1+i%12, 1+i%28), VillageID: f.village.ID,
			Channel: data.Channels[i%len(data.Channels)], Place: fmt.Sprintf("大集%d", i)}
		lines := []data.SaleLine{{ProductID: f.garlic.ID, SellerID: f.zhang.ID, Quantity: 1000, Price: 100}}
		if i%10 == 0 {
			lines = append(lines, data.SaleLine{ProductID: f.rice.ID, SellerID: f.li.ID, Quantity: 1000, Price: 6000})
		}
		noErr(t, f.st.SaveSaleEvent(ev, lines))
	}
	v := f.sv.events
	if v.table.Rows() != 230 || v.table.Totals()[6] != data.Money(230*100+23*6000).String() {
		t.Fatalf("%d rows, totals %q", v.table.Rows(), v.table.Totals())
	}
	if v.table.CachedPages() > 1 {
		t.Fatalf("%d pages read before scrolling", v.table.CachedPages())
	}
	// Filter by channel, date range, product, seller and search.
	v.channel.Sel.SetSelectedIndex(1 + 1) // 共富超市
	if v.table.Rows() != 46 {
		t.Fatalf("共富超市: %d rows", v.table.Rows())
	}
	v.channel.Sel.SetSelectedIndex(0)
	v.from.SetText("2025-03-01")
	v.to.SetText("2025年3月31日")
	if v.table.Rows() != 19 {
		t.Fatalf("March: %d rows", v.table.Rows())
	}
	v.from.SetText("")
	v.to.SetText("")
	f.c.Focus(v.product)
	kittest.Type(t, f.c, "dm")
	kittest.Press(f.c, fyne.KeyReturn)
	if v.product.Text != "大米" || v.table.Rows() != 23 {
		t.Fatalf("product %q: %d rows", v.product.Text, v.table.Rows())
	}
	v.product.SetText("")
	v.filterChanged()
	f.c.Focus(v.seller)
	kittest.Type(t, f.c, "李")
	kittest.Press(f.c, fyne.KeyReturn)
	if v.seller.Text != "李秀英（东泉村）" || v.table.Rows() != 23 {
		t.Fatalf("seller %q: %d rows", v.seller.Text, v.table.Rows())
	}
	v.seller.SetText("")
	v.filterChanged()
	kittest.PressCtrl(t, f.c, fyne.KeyF)
	if f.c.Focused() != v.search {
		t.Fatalf("Ctrl+F focused %T", f.c.Focused())
	}
	kittest.Type(t, f.c, "大集22")
	if v.table.Rows() != 11 { // 大集22, 大集220 … 大集229
		t.Fatalf("search: %d rows", v.table.Rows())
	}
}

func TestSellerCatalogMasksAndSaves(t *testing.T) {
	f := newSalesFixture(t)
	f.sv.tabs.SelectIndex(salesTabSellers)
	c := f.sv.sellers
	var idCell string
	for i := 0; i < c.table.Rows(); i++ {
		if c.table.CellText(i, 0) == "张建国" {
			idCell = c.table.CellText(i, 5)
		}
	}
	if idCell != "110***********002X" {
		t.Fatalf("ID shown as %q", idCell)
	}
	c.table.Table.Select(widget.TableCellID{Row: 1, Col: 0}) // by name: 张建国, 李秀英
	if c.name.Text != "李秀英" {
		t.Fatalf("form shows %q", c.name.Text)
	}
	f.c.Focus(c.phone)
	kittest.Type(t, f.c, "138123")
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	if !strings.Contains(c.phone.Hint.Error(), "不对") || c.phone.Text != "138123" {
		t.Fatalf("phone hint %q", c.phone.Hint.Error())
	}
	kittest.Type(t, f.c, "45678")
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	got, err := f.st.GetSeller(f.li.ID)
	noErr(t, err)
	if got.Phone != "13812345678" {
		t.Fatalf("phone saved as %q", got.Phone)
	}
	// The form never shows a stored ID number in full, and keeps it when left empty.
	c.table.Table.Select(widget.TableCellID{Row: 0, Col: 0})
	if c.name.Text != "张建国" || c.idNumber.Text != "" || c.idNumber.PlaceHolder != "110***********002X" {
		t.Fatalf("ID field %q / %q", c.idNumber.Text, c.idNumber.PlaceHolder)
	}
	f.c.Focus(c.note)
	kittest.Type(t, f.c, "种蒜大户")
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	got, _ = f.st.GetSeller(f.zhang.ID)
	if got.Note != "种蒜大户" || got.IDNumber != "11010519491231002X" {
		t.Fatalf("saved %+v", got)
	}
	// Delete with confirmation, then Ctrl+Z brings the seller back.
	f.c.Unfocus()
	kittest.Press(f.c, fyne.KeyDelete)
	f.tapDialogButton("删除")
	if n, _ := f.st.CountSellers(data.SellerFilter{}); n != 1 || c.table.Rows() != 1 {
		t.Fatalf("after delete: %d sellers, %d rows", n, c.table.Rows())
	}
	kittest.PressCtrl(t, f.c, fyne.KeyZ)
	if n, _ := f.st.CountSellers(data.SellerFilter{}); n != 2 || c.table.Rows() != 2 || !strings.Contains(c.notice.Text(), "已恢复") {
		t.Fatalf("after undo: %d sellers, %d rows, %q", n, c.table.Rows(), c.notice.Text())
	}
}

func TestProductCatalogAndSellerBill(t *testing.T) {
	f := newSalesFixture(t)
	f.sv.tabs.SelectIndex(salesTabProducts)
	p := f.sv.products
	f.c.Unfocus()
	kittest.PressCtrl(t, f.c, fyne.KeyN)
	if f.c.Focused() != p.name {
		t.Fatalf("Ctrl+N focused %T", f.c.Focused())
	}
	kittest.Type(t, f.c, "苹果")
	kittest.Press(f.c, fyne.KeyTab)
	kittest.Type(t, f.c, "5斤装")
	kittest.Press(f.c, fyne.KeyTab)
	kittest.Type(t, f.c, "x")
	kittest.Press(f.c, fyne.KeyEscape) // close the unit suggestions, keep the text
	kittest.Press(f.c, fyne.KeyTab)
	kittest.Type(t, f.c, "40元")
	kittest.PressCtrl(t, f.c, fyne.KeyS) // any short unit is allowed
	ps, err := f.st.ListProducts("苹果")
	noErr(t, err)
	if len(ps) != 1 || ps[0].Spec != "5斤装" || ps[0].DefaultPrice != 4000 || ps[0].Unit != "x" {
		t.Fatalf("saved products %+v", ps)
	}
	if len(p.all) != 3 {
		t.Fatalf("catalog shows %d products", len(p.all))
	}

	ev := &data.SaleEvent{Date: data.MustDate(2025, 6, 26), VillageID: f.village.ID, Channel: data.ChannelMarketDay}
	noErr(t, f.st.SaveSaleEvent(ev, []data.SaleLine{
		{ProductID: f.garlic.ID, SellerID: f.zhang.ID, Quantity: 10000, Price: 350},
		{ProductID: f.rice.ID, SellerID: f.zhang.ID, Quantity: 1000, Price: 6000},
		{ProductID: f.rice.ID, SellerID: f.li.ID, Quantity: 2000, Price: 6000},
	}))
	f.sv.tabs.SelectIndex(salesTabBill)
	b := f.sv.bill
	b.period.SetText("2025")
	if b.table.Rows() != 2 || b.table.CellText(0, 0) != "李秀英" || b.table.CellText(0, 5) != "¥120.00" ||
		b.table.CellText(1, 0) != "张建国" || b.table.CellText(1, 4) != "2" || b.table.CellText(1, 5) != "¥95.00" {
		t.Fatalf("bill: %d rows, %q %q", b.table.Rows(), b.table.CellText(0, 0), b.table.CellText(1, 5))
	}
	if !strings.Contains(b.summary.Text, "2 户") || !strings.Contains(b.summary.Text, "¥215.00") {
		t.Fatalf("summary %q", b.summary.Text)
	}
	b.period.SetText("2025Q9")
	if b.period.Hint.Error() == "" {
		t.Fatal("bad period accepted")
	}
	b.period.SetText("2024")
	if b.table.Rows() != 0 {
		t.Fatalf("2024: %d rows", b.table.Rows())
	}
	b.period.SetText("2025-06")
	// Choosing a household shows its sales events.
	b.table.Table.Select(widget.TableCellID{Row: 2, Col: 0})
	if f.sv.tabs.SelectedIndex() != salesTabEvents || f.sv.events.table.Rows() != 1 ||
		f.sv.events.seller.Text != "张建国（东泉村）" || f.sv.events.from.Text != "2025-06-01" {
		t.Fatalf("events of 张建国: tab %d, %d rows, seller %q", f.sv.tabs.SelectedIndex(), f.sv.events.table.Rows(), f.sv.events.seller.Text)
	}
}

func TestSalesAmountOvertypedThenClearedIsComputedAgain(t *testing.T) {
	f := newSalesFixture(t)
	e := f.editor()
	kittest.PressCtrl(t, f.c, fyne.KeyN)
	f.c.Focus(e.lines[0].product)
	f.typeLine("大蒜", "张建国", "10", "", "8") // typing replaces the computed 35.00
	l := e.lines[0]
	if l.amount.Text != "8" || !l.amountTyped || e.Total() != "合计 ¥8.00 · 1 行" {
		t.Fatalf("overtyped: %q %v %q", l.amount.Text, l.amountTyped, e.Total())
	}
	kittest.Press(f.c, fyne.KeyBackspace) // the field stays empty while it has the focus …
	kittest.Type(t, f.c, "9")
	if l.amount.Text != "9" {
		t.Fatalf("retyped amount %q", l.amount.Text)
	}
	kittest.Press(f.c, fyne.KeyBackspace)
	if l.amount.Text != "" || e.Total() != "合计 ¥35.00 · 1 行" {
		t.Fatalf("cleared: %q, total %q", l.amount.Text, e.Total())
	}
	kittest.Press(f.c, fyne.KeyEscape) // … and is computed again once left
	if l.amount.Text != "35.00" || l.amountTyped {
		t.Fatalf("after leaving: %q typed %v", l.amount.Text, l.amountTyped)
	}
}

func TestSellerSuggestionsPutClosestFirst(t *testing.T) {
	got := rankSuggestions([]string{"东泉村果蔬种植专业合作社", "赵立军", "周淑珍", "郑芳", "张"}, "z")
	if strings.Join(got, ",") != "张,赵立军,周淑珍,郑芳,东泉村果蔬种植专业合作社" {
		t.Fatalf("z: %v", got)
	}
	got = rankSuggestions([]string{"张建国", "老张", "张"}, "张")
	if strings.Join(got, ",") != "张,张建国,老张" {
		t.Fatalf("张: %v", got)
	}
	// Exact initials before longer names sharing them; a label's （…） part is not the name.
	got = rankSuggestions([]string{"王金凤（东泉村）", "小王静", "王静（东泉村）", "王金"}, "wj")
	if strings.Join(got, ",") != "王静（东泉村）,王金,王金凤（东泉村）,小王静" {
		t.Fatalf("wj: %v", got)
	}
}

// Typing a seller's pinyin initials and Tab takes that seller, not another one whose initials
// merely start the same way (王金凤 is listed first by name).
func TestSalesInitialsPickTheExactSeller(t *testing.T) {
	f := newSalesFixture(t)
	noErr(t, f.st.SaveSeller(&data.Seller{Name: "王金凤", VillageID: f.village.ID}))
	wang := &data.Seller{Name: "王静", VillageID: f.village.ID}
	noErr(t, f.st.SaveSeller(wang))
	noErr(t, f.st.SaveProduct(&data.Product{Name: "大蒜头", Unit: "斤", DefaultPrice: 400}))
	e := f.editor()
	kittest.PressCtrl(t, f.c, fyne.KeyN)
	f.tabTo(e.place, 6)
	kittest.Type(t, f.c, "柳埠大集")
	f.c.Focus(e.lines[0].product)
	kittest.Type(t, f.c, "ds")
	if got := e.lines[0].product.Suggestions(); len(got) != 2 || got[0] != "大蒜" {
		t.Fatalf("ds offers %v", got)
	}
	kittest.Press(f.c, fyne.KeyTab)
	kittest.Type(t, f.c, "wj")
	if got := e.lines[0].seller.Suggestions(); len(got) != 2 || got[0] != "王静" {
		t.Fatalf("wj offers %v", got)
	}
	kittest.Press(f.c, fyne.KeyTab)
	if e.lines[0].seller.Text != "王静" {
		t.Fatalf("seller %q", e.lines[0].seller.Text)
	}
	kittest.Type(t, f.c, "2")
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	if e.form.Dirty() {
		t.Fatalf("not saved: %s", e.general.Text)
	}
	_, lines := f.onlyEvent()
	if len(lines) != 1 || lines[0].Seller != "王静" || lines[0].SellerID != wang.ID || lines[0].Product != "大蒜" {
		t.Fatalf("saved %+v", lines)
	}
}

// Totals of a slow filter arrive later; when the filter has changed meanwhile they are dropped.
func TestSalesLateTotalsOfAnOldFilterAreDropped(t *testing.T) {
	f := newSalesFixture(t)
	ev := &data.SaleEvent{Date: data.MustDate(2025, 6, 26), VillageID: f.village.ID, Channel: data.ChannelMarketDay, Place: "柳埠大集"}
	noErr(t, f.st.SaveSaleEvent(ev, []data.SaleLine{{ProductID: f.garlic.ID, SellerID: f.zhang.ID, Quantity: 1000, Price: 350}}))
	run := runner(f.m)
	run.Hold()
	v := f.sv.events
	v.search.SetText("没有这个地点")
	if run.Waiting() == 0 || v.table.Rows() != 0 {
		t.Fatalf("search: %d waiting, %d rows", run.Waiting(), v.table.Rows())
	}
	v.search.SetText("") // a quick filter: answered at once
	if v.table.Totals()[6] != "¥3.50" || v.table.Rows() != 1 {
		t.Fatalf("cleared search: %q", v.table.Totals())
	}
	run.Release()
	if v.table.Totals()[6] != "¥3.50" || v.table.Rows() != 1 {
		t.Fatalf("late totals of the old search replaced the current ones: %q", v.table.Totals())
	}
}

// A new product and seller typed into the grid are added by the save itself: when a later line
// fails, neither stays in the catalogs.
func TestSalesFailedSaveAddsNoNewNames(t *testing.T) {
	f := newSalesFixture(t)
	e := f.editor()
	count := func(table string) int {
		n := 0
		switch table {
		case "products":
			ps, err := f.st.ListProducts("")
			noErr(t, err)
			n = len(ps)
		case "sellers":
			c, err := f.st.CountSellers(data.SellerFilter{})
			noErr(t, err)
			n = c
		}
		return n
	}
	products, sellers := count("products"), count("sellers")
	kittest.PressCtrl(t, f.c, fyne.KeyN)
	f.tabTo(e.lines[0].product, 9)
	f.typeLine("香椿芽", "孙大娘", "2", "15", "")
	kittest.Press(f.c, fyne.KeyTab) // a new line
	f.typeLine("大米", "李秀英", "1", "", "")
	if !strings.Contains(e.lines[0].hint.Text, "新产品") || !strings.Contains(e.lines[0].hint.Text, "新卖家") {
		t.Fatalf("new names not announced: %q", e.lines[0].hint.Text)
	}
	// Someone deletes 大米 from the catalog before the save: the second line now fails in the store.
	noErr(t, f.st.DeleteProduct(f.rice.ID))
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	if n, _ := f.st.CountSaleEvents(data.SaleEventFilter{}); n != 0 {
		t.Fatal("saved with a deleted product")
	}
	if count("products") != products-1 || count("sellers") != sellers {
		t.Fatalf("the failed save left catalog rows: products %d→%d, sellers %d→%d", products-1, count("products"), sellers, count("sellers"))
	}
	if !strings.Contains(e.lines[1].hint.Text, "产品") || e.lines[0].product.Text != "香椿芽" || e.lines[0].seller.Text != "孙大娘" {
		t.Fatalf("line 2 hint %q; line 1 kept %q %q", e.lines[1].hint.Text, e.lines[0].product.Text, e.lines[0].seller.Text)
	}
	// Fixed, the same save adds both names with the event.
	noErr(t, f.st.RestoreProduct(f.rice.ID))
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	_, lines := f.onlyEvent()
	if len(lines) != 2 || lines[0].Product != "香椿芽" || lines[0].Seller != "孙大娘" || lines[0].Unit != "斤" {
		t.Fatalf("saved lines %+v", lines)
	}
	if count("products") != products+1 || count("sellers") != sellers+1 {
		t.Fatalf("after the save: products %d→%d, sellers %d→%d", products, count("products"), sellers, count("sellers"))
	}
	if e.form.Dirty() || !strings.Contains(e.notice.Text(), "已保存") {
		t.Fatalf("dirty %v notice %q", e.form.Dirty(), e.notice.Text())
	}
}

// Ctrl+D removes the line the cursor is in; Ctrl+Z (or the notice's undo) puts it back in place.
func TestSalesLineRemovedAndRestoredByKeyboard(t *testing.T) {
	f := newSalesFixture(t)
	e := f.editor()
	kittest.PressCtrl(t, f.c, fyne.KeyN)
	f.tabTo(e.lines[0].product, 9)
	f.typeLine("大蒜", "张建国", "10", "", "")
	kittest.Press(f.c, fyne.KeyTab)
	f.typeLine("大米", "李秀英", "1", "", "")
	kittest.Press(f.c, fyne.KeyTab)
	f.typeLine("大蒜", "李秀英", "2", "", "")
	kittest.Press(f.c, fyne.KeyTab) // an empty 4th line
	if len(e.lines) != 4 || e.Total() != "合计 ¥102.00 · 3 行" {
		t.Fatalf("%d lines, %q", len(e.lines), e.Total())
	}
	second, third := e.lines[1], e.lines[2]
	f.c.Focus(second.qty)
	kittest.PressCtrl(t, f.c, fyne.KeyD)
	if len(e.lines) != 3 || e.lines[1] != third || f.c.Focused() != third.product || e.lines[1].num.Text != "2" {
		t.Fatalf("after Ctrl+D: %d lines, focus %T", len(e.lines), f.c.Focused())
	}
	if e.Total() != "合计 ¥42.00 · 2 行" || !strings.Contains(e.notice.Text(), "已删除第 2 行") || !e.form.Dirty() {
		t.Fatalf("total %q notice %q", e.Total(), e.notice.Text())
	}
	// Ctrl+Z in a field right after: the desktop driver sends its undo shortcut to the entry.
	f.c.Focused().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	if len(e.lines) != 4 || e.lines[1] != second || f.c.Focused() != second.product || e.Total() != "合计 ¥102.00 · 3 行" {
		t.Fatalf("after Ctrl+Z: %d lines, focus %T, %q", len(e.lines), f.c.Focused(), e.Total())
	}
	// Once something is typed, Ctrl+Z in a field undoes typing; the window's Ctrl+Z (and the
	// notice's undo button) still bring the line back.
	f.c.Focus(second.qty)
	kittest.PressCtrl(t, f.c, fyne.KeyD)
	f.c.Focus(third.qty)
	kittest.Type(t, f.c, "0")
	third.qty.TypedShortcut(&fyne.ShortcutUndo{})
	if len(e.lines) != 3 || third.qty.Text == "0" {
		t.Fatalf("typing undo: %d lines, qty %q", len(e.lines), third.qty.Text)
	}
	f.c.Focus(third.qty)
	kittest.Type(t, f.c, "2")
	f.c.Unfocus()
	kittest.PressCtrl(t, f.c, fyne.KeyZ)
	if len(e.lines) != 4 || e.lines[1] != second {
		t.Fatalf("window Ctrl+Z: %d lines", len(e.lines))
	}
	// Removed for good once saved.
	f.c.Focus(e.lines[0].price)
	kittest.PressCtrl(t, f.c, fyne.KeyD)
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	_, lines := f.onlyEvent()
	if len(lines) != 2 || lines[0].Seller != "李秀英" || lines[1].Quantity != 2000 || len(e.removed) != 0 {
		t.Fatalf("saved %+v", lines)
	}
	// The keys are listed at the bottom, in the text colour (not the pale disabled grey).
	var help *widget.Label
	kittest.Walk(e.content, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "Ctrl+D") {
			help = l
		}
	})
	if help == nil || help.Importance == widget.LowImportance {
		t.Fatal("the keys hint does not mention Ctrl+D in a readable colour")
	}
}

// A form-level error goes once the problems are fixed, and the grid closes up under the headers.
func TestSalesGeneralErrorClearsAndLeavesNoGap(t *testing.T) {
	f := newSalesFixture(t)
	e := f.editor()
	kittest.PressCtrl(t, f.c, fyne.KeyN)
	d := fyne.CurrentApp().Driver()
	gapUnderHeader := func() float32 {
		return d.AbsolutePositionForObject(e.scroll).Y - d.AbsolutePositionForObject(e.header).Y - e.header.Size().Height
	}
	gapBefore := gapUnderHeader()
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	if e.general.Error() == "" {
		t.Fatal("no form-level error for an event without lines")
	}
	f.c.Focus(e.lines[0].product)
	f.typeLine("大蒜", "张建国", "12", "", "")
	if e.general.Error() != "" {
		t.Fatalf("form-level error %q stays after a line was filled in", e.general.Error())
	}
	kittest.Type(t, f.c, "-5")
	if h := e.lines[0].hint.Error(); !strings.Contains(h, "负数") {
		t.Fatalf("a negative amount shows %q while typing", h)
	}
	if strings.Contains(e.Total(), "-") {
		t.Fatalf("running total %q went negative", e.Total())
	}
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	if e.general.Error() == "" {
		t.Fatal("no form-level error for a negative amount")
	}
	retypeField(t, f.c, e.lines[0].amount, "42")
	if e.general.Error() != "" {
		t.Fatalf("form-level error %q stays after the amount was fixed", e.general.Error())
	}
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	if n, _ := f.st.CountSaleEvents(data.SaleEventFilter{}); n != 1 {
		t.Fatal("not saved")
	}
	if e.Total() != "合计 ¥42.00 · 1 行" {
		t.Fatalf("total %q", e.Total())
	}
	if gap := gapUnderHeader(); gap > gapBefore+1 {
		t.Fatalf("a band of %.0f between the headers and line 1 (was %.0f)", gap, gapBefore)
	}
}

// retypeField focuses a field, deletes what it holds and types s.
func retypeField(t *testing.T, c fyne.Canvas, f fyne.Focusable, s string) {
	t.Helper()
	c.Focus(f)
	if e, ok := f.(interface{ SetText(string) }); ok {
		e.SetText("")
	}
	kittest.Type(t, c, s)
}

// The grid's remarks (a new product or seller) and its line numbers are drawn dark enough to read.
func TestSalesNotesAndLineNumbersAreReadable(t *testing.T) {
	f := newSalesFixture(t)
	e := f.editor()
	kittest.PressCtrl(t, f.c, fyne.KeyN)
	f.c.Focus(e.lines[0].product)
	f.typeLine("小米", "王五", "3", "8", "")
	kittest.Press(f.c, fyne.KeyTab)
	l := e.lines[0]
	if !strings.Contains(l.hint.Text, "新产品") {
		t.Fatalf("note %q", l.hint.Text)
	}
	for name, label := range map[string]*widget.Label{"note": &l.hint.Label, "line number": l.num} {
		var texts []*canvas.Text
		kittest.Walk(label, func(o fyne.CanvasObject) {
			if t, ok := o.(*canvas.Text); ok && t.Text != "" {
				texts = append(texts, t)
			}
		})
		if len(texts) == 0 {
			t.Fatalf("%s draws no text", name)
		}
		if c := contrast(texts[0].Color, theme.Color(theme.ColorNameBackground)); c < 4.5 {
			t.Errorf("%s drawn in %v: contrast %.1f with the background, want at least 4.5", name, texts[0].Color, c)
		}
	}
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// The 共富账单's summary names its period in English when the app speaks English.
func TestSellerBillSummaryPeriodInEnglish(t *testing.T) {
	f := newSalesFixture(t)
	t.Cleanup(func() { SetupLanguage(LangChinese) })
	noErr(t, SetupLanguage(LangEnglish))
	b := f.sv.bill
	b.period.SetText("2026Q3")
	if s := b.summary.Text; !strings.HasPrefix(s, "2026 Q3: ") || strings.ContainsAny(s, "年季") {
		t.Fatalf("summary %q", s)
	}
}

// With a seller or product filter the count under the list is that seller's or product's own
// lines, not the whole market days they took part in, and says whose they are.
func TestSalesListTotalsOfASellerAreTheSellersOwnLines(t *testing.T) {
	f := newSalesFixture(t)
	for i := 0; i < 3; i++ {
		ev := &data.SaleEvent{Date: data.MustDate(2025, 5, 1+i), VillageID: f.village.ID, Channel: data.ChannelMarketDay}
		noErr(t, f.st.SaveSaleEvent(ev, []data.SaleLine{
			{ProductID: f.garlic.ID, SellerID: f.zhang.ID, Quantity: 10000, Price: 350},
			{ProductID: f.rice.ID, SellerID: f.li.ID, Quantity: 1000, Price: 6000},
			{ProductID: f.rice.ID, SellerID: f.li.ID, Quantity: 2000, Price: 6000},
		}))
	}
	v := f.sv.events
	if v.count.Text != "共 3 场销售，9 行，¥645.00" {
		t.Fatalf("unfiltered: %q", v.count.Text)
	}
	f.c.Focus(v.seller)
	kittest.Type(t, f.c, "zjg")
	kittest.Press(f.c, fyne.KeyReturn)
	if v.table.Rows() != 3 || v.count.Text != "张建国：3 笔 ¥105.00（3 场销售）" || v.table.Totals()[0] != "张建国" {
		t.Fatalf("seller %q: %d rows, %q, totals row %q", v.seller.Text, v.table.Rows(), v.count.Text, v.table.Totals()[0])
	}
	f.c.Focus(v.product)
	kittest.Type(t, f.c, "dm")
	kittest.Press(f.c, fyne.KeyReturn)
	if v.count.Text != "张建国 · 大米：0 笔 ¥0.00（0 场销售）" {
		t.Fatalf("seller and product: %q", v.count.Text)
	}
	v.seller.SetText("")
	v.filterChanged()
	if v.count.Text != "大米：6 笔 ¥540.00（3 场销售）" {
		t.Fatalf("product: %q", v.count.Text)
	}
}

// An event opened after a longer one scrolled to its end shows its lines from the first one,
// not an empty grid until scrolled up.
func TestSalesEventOpensAtItsFirstLine(t *testing.T) {
	f := newSalesFixture(t)
	f.m.Env.Win.Resize(fyne.NewSize(1200, 780))
	save := func(n int) int64 {
		ev := &data.SaleEvent{Date: data.MustDate(2025, 5, n), VillageID: f.village.ID, Channel: data.ChannelMarketDay}
		lines := make([]data.SaleLine, n)
		for i := range lines {
			lines[i] = data.SaleLine{ProductID: f.garlic.ID, SellerID: f.zhang.ID, Quantity: 1000, Price: 350}
		}
		noErr(t, f.st.SaveSaleEvent(ev, lines))
		return ev.ID
	}
	long, short := save(20), save(10)
	v, e := f.sv.events, f.editor()
	v.open(long)
	e.scroll.Refresh() // lay the grid out, as the window does before the user can scroll
	e.scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -2000}})
	if e.scroll.Offset.Y == 0 {
		t.Fatal("20 lines fit without scrolling: the test shows nothing")
	}
	kittest.Press(f.c, fyne.KeyEscape)
	v.open(short)
	if len(e.lines) != 10 || e.scroll.Offset.Y != 0 {
		t.Fatalf("%d lines shown from offset %v", len(e.lines), e.scroll.Offset.Y)
	}
}

// A new product and seller typed in an earlier line of an unsaved event complete in later lines,
// by pinyin initials too, like saved ones: "xm" is the 小米 of line 1, not a product named "xm".
func TestSalesNamesTypedEarlierInTheEventComplete(t *testing.T) {
	f := newSalesFixture(t)
	e := f.editor()
	kittest.PressCtrl(t, f.c, fyne.KeyN)
	f.c.Focus(e.lines[0].product)
	f.typeLine("小米", "王五", "3", "8", "")
	kittest.Press(f.c, fyne.KeyTab) // leave the amount: line 2 appears
	kittest.Type(t, f.c, "xm")
	if got := e.lines[1].product.Suggestions(); len(got) != 1 || got[0] != "小米" {
		t.Fatalf("xm offers %v", got)
	}
	kittest.Press(f.c, fyne.KeyTab)
	kittest.Type(t, f.c, "ww")
	if got := e.lines[1].seller.Suggestions(); len(got) != 1 || got[0] != "王五" {
		t.Fatalf("ww offers %v", got)
	}
	kittest.Press(f.c, fyne.KeyTab)
	kittest.Type(t, f.c, "2")
	kittest.Press(f.c, fyne.KeyTab)
	kittest.Type(t, f.c, "8")
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	if e.form.Dirty() {
		t.Fatalf("not saved: %s", e.general.Text)
	}
	_, lines := f.onlyEvent()
	if len(lines) != 2 || lines[1].Product != "小米" || lines[1].ProductID != lines[0].ProductID ||
		lines[1].Seller != "王五" || lines[1].SellerID != lines[0].SellerID {
		t.Fatalf("saved %+v", lines)
	}
	if ps, _ := f.st.ListProducts("xm"); len(ps) != 1 || ps[0].Name != "小米" {
		t.Fatalf("catalog has %+v for xm", ps)
	}
}

// The 卖家 filter says nothing while a name is being typed; a name that is no seller is pointed
// out once the field is left.
func TestSalesSellerFilterWaitsUntilLeftToComplain(t *testing.T) {
	f := newSalesFixture(t)
	v := f.sv.events
	f.c.Focus(v.seller)
	kittest.Type(t, f.c, "张")
	if v.filterHint.Error() != "" {
		t.Fatalf("while typing: %q", v.filterHint.Error())
	}
	kittest.Press(f.c, fyne.KeyReturn)
	if v.seller.Text != "张建国（东泉村）" || v.filterHint.Error() != "" || v.filter.SellerID != f.zhang.ID {
		t.Fatalf("chosen %q: %q, filter %+v", v.seller.Text, v.filterHint.Error(), v.filter)
	}
	f.c.Focus(v.seller)
	kittest.Type(t, f.c, "王五")
	if v.filterHint.Error() != "" || v.filter.SellerID != f.zhang.ID {
		t.Fatalf("while typing 王五: %q, filter %+v", v.filterHint.Error(), v.filter)
	}
	kittest.Press(f.c, fyne.KeyTab)
	if !strings.Contains(v.filterHint.Error(), "没有叫“王五”的卖家") || v.seller.Text != "王五" {
		t.Fatalf("left with 王五: %q, text %q", v.filterHint.Error(), v.seller.Text)
	}
	f.c.Focus(v.seller)
	kittest.Press(f.c, fyne.KeyBackspace) // the text was selected on entering: it goes
	if v.seller.Text != "" || v.filterHint.Error() != "" || v.filter.SellerID != 0 {
		t.Fatalf("cleared: %q %q, filter %+v", v.seller.Text, v.filterHint.Error(), v.filter)
	}
}

// Choosing a product offers the price it last sold at: in a line above, else in the ledger, else
// the catalog's default price.
func TestSalesLineOffersTheLastPrice(t *testing.T) {
	f := newSalesFixture(t)
	ev := &data.SaleEvent{Date: data.MustDate(2025, 6, 20), VillageID: f.village.ID, Channel: data.ChannelMarketDay}
	noErr(t, f.st.SaveSaleEvent(ev, []data.SaleLine{{ProductID: f.garlic.ID, SellerID: f.zhang.ID, Quantity: 1000, Price: 380}}))
	e := f.editor()
	kittest.PressCtrl(t, f.c, fyne.KeyN)
	f.c.Focus(e.lines[0].product)
	f.typeLine("ds", "张", "10", "", "")
	if e.lines[0].price.Text != "3.80" || e.lines[0].amount.Text != "38.00" {
		t.Fatalf("大蒜 offered %q, amount %q", e.lines[0].price.Text, e.lines[0].amount.Text)
	}
	kittest.Press(f.c, fyne.KeyTab)
	f.typeLine("大蒜", "李", "1", "4", "")
	kittest.Press(f.c, fyne.KeyTab)
	f.typeLine("大蒜", "张", "1", "", "")
	if e.lines[2].price.Text != "4.00" {
		t.Fatalf("大蒜 after a line at 4.00: %q", e.lines[2].price.Text)
	}
	kittest.Press(f.c, fyne.KeyTab)
	f.typeLine("大米", "张", "1", "", "")
	if e.lines[3].price.Text != "60.00" {
		t.Fatalf("大米 never sold: %q", e.lines[3].price.Text)
	}
	kittest.Press(f.c, fyne.KeyTab)
	f.typeLine("小米", "张", "1", "8", "")
	kittest.Press(f.c, fyne.KeyTab)
	f.typeLine("xm", "张", "1", "", "") // a new product typed above
	if e.lines[5].product.Text != "小米" || e.lines[5].price.Text != "8.00" {
		t.Fatalf("小米 typed above: %q at %q", e.lines[5].product.Text, e.lines[5].price.Text)
	}
}
