package app

import (
	"slices"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"cunji/app/kit"
	"cunji/app/kit/kittest"
	"cunji/data"
)

// partnerLedger is two units: the bank funds a project and its canteen bought garlic, typed as
// free text (not yet linked); the bureau bought once, linked.
func partnerLedger(t *testing.T, st *data.Store, year int) (bank, bureau *data.Partner, typed *data.SaleEvent) {
	t.Helper()
	vil := seedVillage(t, st, "东泉村")
	bank = &data.Partner{Name: "齐鲁银行", Kind: data.PartnerEnterprise}
	bureau = &data.Partner{Name: "济南市农业农村局", Kind: data.PartnerGovernment}
	noErr(t, st.SavePartner(bank))
	noErr(t, st.SavePartner(bureau))
	p := &data.Project{Name: "村集体冷库", Type: "产业发展", VillageIDs: []int64{vil.ID}, YearStarted: year, PartnerIDs: []int64{bank.ID}}
	noErr(t, st.SaveProject(p))
	noErr(t, st.SaveFundingLine(&data.FundingLine{ProjectID: p.ID, Source: "帮扶单位资金", Amount: 150_000_00, PartnerID: bank.ID}))
	noErr(t, st.SaveFundingLine(&data.FundingLine{ProjectID: p.ID, Source: "财政衔接资金", Amount: 500_000_00}))
	garlic := &data.Product{Name: "大蒜", Unit: "斤", DefaultPrice: 350}
	noErr(t, st.SaveProduct(garlic))
	seller := &data.Seller{Name: "张建国", VillageID: vil.ID, Kind: "农户", Status: "脱贫户"}
	noErr(t, st.SaveSeller(seller))
	sale := func(buyer string, unit int64, yuan int) *data.SaleEvent {
		ev := &data.SaleEvent{Date: data.MustDate(year, 1, 10), VillageID: vil.ID, Channel: data.ChannelUnitPurchase, Buyer: buyer, PartnerID: unit}
		noErr(t, st.SaveSaleEvent(ev, []data.SaleLine{{ProductID: garlic.ID, SellerID: seller.ID, Quantity: 1000, Price: data.Money(yuan * 100)}}))
		return ev
	}
	sale("济南市农业农村局", bureau.ID, 800)
	typed = sale("齐鲁银行食堂", 0, 300)
	return bank, bureau, typed
}

// The 帮扶单位贡献表 shows every unit side by side with the totals, as the store adds them up; its
// preview links the bank's canteen purchase to the bank in one change, which 撤销 undoes.
func TestPartnerContributionTabAndSalesLink(t *testing.T) {
	m, st := newTestWindow(t)
	year := data.Today().Year()
	bank, _, typed := partnerLedger(t, st, year)
	r := reportsOf(t, m)
	if got := findRow(t, r.partners, "齐鲁银行"); got[2] != "¥150,000.00" || got[3] != "¥0.00" || got[5] != "1" {
		t.Fatalf("bank row %q", got)
	}
	if got := findRow(t, r.partners, "济南市农业农村局"); got[3] != "¥800.00" || got[4] != "1" || got[5] != "0" {
		t.Fatalf("bureau row %q", got)
	}
	_, total, err := st.PartnerContributions(data.YearPeriod(year), 0)
	noErr(t, err)
	if got := findRow(t, r.partners, "合计"); got[1] != "2 个单位" || got[2] != total.Funding.String() || got[3] != total.Purchases.String() {
		t.Fatalf("total row %q, store %+v", got, total)
	}

	tab := slices.IndexFunc(r.tabs.Items, func(it *container.TabItem) bool { return it.Text == "帮扶单位贡献表" })
	r.tabs.SelectIndex(tab)
	test.Tap(findButton(t, r.tabs.Items[tab].Content, "关联往年销售"))
	tapDialogButton(t, m, "关联这 1 场")
	if ev, _ := st.GetSaleEvent(typed.ID); ev.PartnerID != bank.ID || ev.Buyer != "齐鲁银行食堂" {
		t.Fatalf("after linking: unit %d buyer %q", ev.PartnerID, ev.Buyer)
	}
	if got := findRow(t, r.partners, "齐鲁银行"); got[3] != "¥300.00" {
		t.Fatalf("bank row after linking %q", got)
	}
	tapDialogButton(t, m, "撤销")
	if ev, _ := st.GetSaleEvent(typed.ID); ev.PartnerID != 0 {
		t.Fatal("撤销 left the sale linked")
	}
	if got := findRow(t, r.partners, "齐鲁银行"); got[3] != "¥0.00" {
		t.Fatalf("bank row after undo %q", got)
	}
}

// A sales event's buyer unit is chosen beside the buyer text (filling an empty buyer with its name)
// and saved with the event; a funding line names the unit that gave it.
func TestSaleEventAndFundingLineNameTheirUnit(t *testing.T) {
	f := newSalesFixture(t)
	unit := &data.Partner{Name: "历下区甸柳社区", Kind: data.PartnerCommunity}
	noErr(t, f.st.SavePartner(unit))
	e := f.editor()
	kittest.PressCtrl(t, f.c, fyne.KeyN)
	e.reloadVillages()
	e.unit.SetSelected(unit.Name)
	if e.buyer.Text != unit.Name {
		t.Fatalf("buyer %q after choosing the unit", e.buyer.Text)
	}
	f.tabTo(e.lines[0].product, 9)
	f.typeLine("大蒜", "张建国", "10", "3.5", "")
	kittest.PressCtrl(t, f.c, fyne.KeyS)
	row, _ := f.onlyEvent()
	ev, err := f.st.GetSaleEvent(row.ID)
	noErr(t, err)
	if ev.PartnerID != unit.ID || ev.Buyer != unit.Name {
		t.Fatalf("saved unit %d buyer %q", ev.PartnerID, ev.Buyer)
	}

	m, st := f.m, f.st
	p := &data.Project{Name: "村集体冷库", Type: "产业发展", VillageIDs: []int64{f.village.ID}, YearStarted: data.Today().Year()}
	noErr(t, st.SaveProject(p))
	pv := projectsOf(t, m)
	pv.open(p.ID)
	pv.page.tabs.SelectIndex(tabMoney)
	test.Tap(findButton(t, pv.page.money.content, "添加资金来源"))
	inDialog[*kit.Select](t, m).SetSelected("帮扶单位资金")
	var unitChoice *kit.Choice
	kittest.Walk(m.Env.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if c, ok := o.(*kit.Choice); ok && unitChoice == nil {
			unitChoice = c
		}
	})
	unitChoice.SetSelected(unit.Name)
	test.Type(inDialog[*kit.MoneyField](t, m), "20000")
	press(t, m, fyne.KeyS)
	lines, err := st.FundingLines(p.ID)
	noErr(t, err)
	if len(lines) != 1 || lines[0].PartnerID != unit.ID || lines[0].Amount != 20000_00 {
		t.Fatalf("funding lines %+v", lines)
	}
	if findLabel(pv.page.money.funding, "帮扶单位资金（历下区甸柳社区）") == nil {
		t.Fatalf("the funding line does not name its unit: %q", shownTexts(pv.page.money.funding))
	}
}

// A unit's 贡献 in 设置 shows its own figures year by year, the people it sent (added there), and
// offers its past sales to link.
func TestPartnerFiguresInSettings(t *testing.T) {
	m, st := newTestWindow(t)
	year := data.Today().Year()
	bank, _, _ := partnerLedger(t, st, year)
	s := screenOf[*settingsView](t, m, "设置")
	s.refreshPartners()
	var row fyne.CanvasObject
	for _, o := range s.partnerRows.Objects {
		if findLabel(o, bank.Name) != nil {
			row = o
		}
	}
	findButton(t, row, "贡献")
	v := showPartnerFigures(m.Env, *bank)
	if v.figures.Rows() != partnerYears || v.figures.CellText(0, 0) != strconv.Itoa(year) || v.figures.CellText(0, 1) != "¥150,000.00" {
		t.Fatalf("figures: %d rows, first %q %q", v.figures.Rows(), v.figures.CellText(0, 0), v.figures.CellText(0, 1))
	}
	if v.link.Text != "关联往年销售（1 场）" || v.link.Disabled() {
		t.Fatalf("link button %q disabled %v", v.link.Text, v.link.Disabled())
	}
	v.editStaff()
	retype(inDialog[*kit.CountField](t, m), "2")
	press(t, m, fyne.KeyS)
	if v.figures.CellText(0, 5) != "2" || len(v.staff.Objects) != 1 {
		t.Fatalf("people sent this year %q, %d listed", v.figures.CellText(0, 5), len(v.staff.Objects))
	}
}

// A unit ticked under 帮扶单位来访 on a work-log day (Ctrl+S) is counted as a visit in the
// 帮扶单位贡献表 and in the unit's figures in 设置.
func TestWorkLogPartnerVisitCountsInTheContributionTable(t *testing.T) {
	m, st := newTestWindow(t)
	year := data.Today().Year()
	bank, bureau, _ := partnerLedger(t, st, year)
	w := worklogOf(t, m)
	first := data.MonthPeriod(w.year, w.month).From
	test.Tap(cellOf(t, w, first))
	test.Type(w.form.work, "银行来村对接冷库贷款")
	w.form.partners.Toggle(bank.Name)
	press(t, m, fyne.KeyS)
	got, err := st.WorkDayOn(w.villageID(), first)
	if err != nil || got == nil || len(got.PartnerIDs) != 1 || got.PartnerIDs[0] != bank.ID {
		t.Fatalf("saved day %+v, %v", got, err)
	}
	test.Tap(cellOf(t, w, first.AddDays(1)))
	test.Tap(cellOf(t, w, first))
	if sel := w.form.partners.Selected(); len(sel) != 1 || sel[0] != bank.Name {
		t.Fatalf("the day reopened ticks %q", sel)
	}

	r := reportsOf(t, m)
	if row := findRow(t, r.partners, bank.Name); row[7] != "1" {
		t.Fatalf("bank row %q", row)
	}
	if row := findRow(t, r.partners, bureau.Name); row[7] != "0" {
		t.Fatalf("bureau row %q", row)
	}
	if row := findRow(t, r.partners, "合计"); row[7] != "1" {
		t.Fatalf("total row %q", row)
	}
	if v := showPartnerFigures(m.Env, *bank); v.figures.CellText(0, 6) != "1" {
		t.Fatalf("the bank's visits this year in 设置: %q", v.figures.CellText(0, 6))
	}
}
