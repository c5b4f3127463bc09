package app

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/app/kit/kittest"
	"cunji/data"
)

var sanziAt = screenIndex("三资")

func sanziOf(t *testing.T, m *MainWindow) *sanziView {
	t.Helper()
	return screenOf[*sanziView](t, m, "三资")
}

// lastYear is 1 January of last year: a contract starting then owes rent today.
func lastYear() data.Date { return data.MustDate(data.Today().Year()-1, 1, 1) }

// seedContract lets land of village v for five years from lastYear at rent a year, paid yearly
// on the item's first day, to 曹强.
func seedContract(t *testing.T, st *data.Store, villageID int64, subject string, rent data.Money) *data.Contract {
	t.Helper()
	start := lastYear()
	c := &data.Contract{VillageID: villageID, Kind: "土地", Subject: subject, Party: "曹强", PartyKind: data.PartyPerson,
		Start: start, End: data.MustDate(start.Year()+5, 1, 1).AddDays(-1), AnnualRent: rent, Payment: data.PayYearly}
	noErr(t, st.SaveContract(c))
	return c
}

// A contract typed into the form from the keyboard is checked by field as it is typed (the end
// before the start, a term over 20 years), saved with Ctrl+S, and shows its rent schedule; the
// register's row and the page name its checks.
func TestContractTypedInTheFormGetsItsSchedule(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	s := sanziOf(t, m)
	c := m.Env.Win.Canvas()
	press(t, m, fyne.KeyN)
	p := s.contracts.page
	if p == nil || c.Focused() != p.subject {
		t.Fatalf("Ctrl+N: page %v, focus %T", p != nil, c.Focused())
	}
	kittest.Type(t, c, "村南鱼塘")
	p.kind.SetSelected("水面")
	test.Type(p.party, "曹强")
	start := lastYear()
	retype(p.start, start.String())
	retype(p.end, start.AddDays(-1).String())
	if got := p.end.Hint.Error(); !strings.Contains(got, "结束日期早于开始日期") {
		t.Fatalf("an end before the start: %q", got)
	}
	retype(p.end, data.MustDate(start.Year()+25, 1, 1).String())
	if !p.term.Visible() || !strings.Contains(p.term.Text, "超过二十年的部分无效") || p.end.Hint.Error() != "" {
		t.Fatalf("a 25-year term: warning %q (shown %v), hint %q", p.term.Text, p.term.Visible(), p.end.Hint.Error())
	}
	end := data.MustDate(start.Year()+5, 1, 1).AddDays(-1)
	retype(p.end, end.String())
	if p.term.Visible() {
		t.Fatalf("a five-year term warns %q", p.term.Text)
	}
	if p.page.Title() != "新增合同 *" {
		t.Fatalf("title %q", p.page.Title())
	}
	test.Type(p.rent, "12000")
	press(t, m, fyne.KeyS)

	list, err := st.ListContracts(data.ContractFilter{}, 0, 10)
	noErr(t, err)
	code := fmt.Sprintf("HT-%d-001", start.Year())
	if len(list) != 1 || list[0].Code != code || list[0].AnnualRent != 12000_00 || list[0].Kind != "水面" || list[0].End != end {
		t.Fatalf("saved %+v", list)
	}
	if p.c.ID != list[0].ID || p.page.Tabs.SelectedIndex() != 1 || p.page.Title() != code+" 村南鱼塘" {
		t.Fatalf("after saving: id %d, tab %d, title %q", p.c.ID, p.page.Tabs.SelectedIndex(), p.page.Title())
	}
	sch := p.rentTab.schedule
	if sch.Rows() != 5 || sch.CellText(0, 3) != "¥12,000.00" || sch.CellText(4, 1) != spanText(data.MustDate(start.Year()+4, 1, 1), end) ||
		sch.CellText(0, 6) != "逾期" || sch.CellText(4, 6) != "未到期" {
		t.Fatalf("schedule: %d items, first %q %q, last %q %q", sch.Rows(), sch.CellText(0, 3), sch.CellText(0, 6), sch.CellText(4, 1), sch.CellText(4, 6))
	}
	if w := p.page.Warnings(); !strings.Contains(w, "租金逾期 ¥24,000.00") || !strings.Contains(w, "决议记录") {
		t.Fatalf("warnings %q", w)
	}
	pressKey(m, fyne.KeyEscape) // nothing unsaved: back to the list
	if s.contracts.page != nil || s.contracts.reg.Table.Rows() != 1 {
		t.Fatalf("Esc: page %v, %d rows", s.contracts.page != nil, s.contracts.reg.Table.Rows())
	}
	if got := s.contracts.reg.Table.CellText(0, 8); got != "租金逾期、没有决议记录" {
		t.Fatalf("the row's warnings %q", got)
	}
}

// Typing on a contract's page and leaving it (Esc, another screen) asks first; 继续编辑 keeps
// the typing, 不保存 drops it.
func TestContractPageAsksBeforeDroppingTyping(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	ct := seedContract(t, st, vil.ID, "村集体机动地", 9600_00)
	s := sanziOf(t, m)
	s.openContract(ct.ID)
	p := s.contracts.page
	retype(p.subject, "村集体机动地（东片）")
	pressKey(m, fyne.KeyEscape)
	tapDialogButton(t, m, "继续编辑")
	if s.contracts.page != p || p.subject.Text != "村集体机动地（东片）" {
		t.Fatal("继续编辑 left the page or lost the typing")
	}
	m.Select(incomeAt)
	if m.Current() != sanziAt {
		t.Fatal("the rail left unsaved typing without asking")
	}
	tapDialogButton(t, m, "不保存")
	if m.Current() != incomeAt {
		t.Fatalf("不保存: on screen %d", m.Current())
	}
	got, err := st.GetContract(ct.ID)
	noErr(t, err)
	if got.Subject != "村集体机动地" {
		t.Fatalf("dropped typing was saved: %q", got.Subject)
	}
}

// A receipt recorded on a schedule item books the income entry (read back through the store),
// which the income ledger shows with its contract and refuses to edit, with a way to the
// contract; deleting the receipt takes the entry along and Ctrl+Z brings both back.
func TestReceiptBooksIncomeAndItsDeleteIsUndone(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	ct := seedContract(t, st, vil.ID, "村集体机动地", 96000_00)
	s := sanziOf(t, m)
	s.openContract(ct.ID)
	p := s.contracts.page
	p.page.Tabs.SelectIndex(1)
	p.rentTab.schedule.Table.Select(widget.TableCellID{Row: 0, Col: 0})
	amount := inDialog[*kit.MoneyField](t, m)
	if amount.Text != "96000.00" {
		t.Fatalf("the amount starts at %q, not what is left on the item", amount.Text)
	}
	if said := strings.Join(shownTexts(m.Env.Win.Canvas().Overlays().Top()), " "); !strings.Contains(said, "在“集体收入”里记一笔经营收入（土地流转费）") {
		t.Fatalf("the form does not say it books the income: %q", said)
	}
	test.Type(inDialog[*kit.TextField](t, m), "租-001")
	retype(amount, "100000")
	press(t, m, fyne.KeyS)
	if !m.Env.Dialogs.Open() || !strings.Contains(amount.Hint.Error(), "这笔最多¥96,000.00") {
		t.Fatalf("too much: dialog open %v, hint %q", m.Env.Dialogs.Open(), amount.Hint.Error())
	}
	retype(amount, "96000")
	press(t, m, fyne.KeyS)
	if m.Env.Dialogs.Open() {
		t.Fatal("the receipt form stayed open")
	}
	entries, err := st.ListEntries(data.EntryFilter{}, 0, 10)
	noErr(t, err)
	if len(entries) != 1 || entries[0].Amount != 96000_00 || entries[0].Category != data.IncomeOperating || entries[0].SubItem != "土地流转费" ||
		entries[0].ContractID != ct.ID || entries[0].Voucher != "租-001" || entries[0].Counterparty != "曹强" {
		t.Fatalf("income entries %+v", entries)
	}
	if got := p.rentTab.schedule.CellText(0, 4); got != "¥96,000.00" || p.rentTab.receipts.Rows() != 1 {
		t.Fatalf("received %q, %d receipts", got, p.rentTab.receipts.Rows())
	}
	m.Env.Win.Canvas().Focus(p.rentTab.schedule.Table)
	kittest.Press(m.Env.Win.Canvas(), fyne.KeyDelete) // on the schedule Delete deletes nothing, not the contract
	if m.Env.Dialogs.Open() {
		t.Fatal("Delete on the schedule asks to delete something")
	}
	m.Env.Win.Canvas().Unfocus()
	press(t, m, fyne.KeyN) // on 租金与收款: a receipt for the earliest item not fully paid
	if sel := inDialog[*kit.Select](t, m); !strings.HasPrefix(sel.Selected, "第2期") {
		t.Fatalf("Ctrl+N offers %q", sel.Selected)
	}
	pressKey(m, fyne.KeyEscape)

	// The income ledger shows where the entry came from and refuses to change it.
	iv := incomeOf(t, m)
	if got := iv.table.CellText(0, 8); got != ct.Code+" 村集体机动地" {
		t.Fatalf("income ledger shows contract %q", got)
	}
	iv.table.Table.Select(widget.TableCellID{Row: tableRow(iv.table, 0), Col: 0})
	if !iv.form.receiptBox.Visible() || !strings.Contains(iv.form.receipt.Text, "请到合同的收款记录里修改") {
		t.Fatalf("the form does not say the entry is the receipt's: %q", iv.form.receipt.Text)
	}
	retype(iv.form.amount, "1")
	press(t, m, fyne.KeyS)
	if !strings.Contains(iv.form.formHint.Error(), "请到合同的收款记录里修改") {
		t.Fatalf("a changed receipt entry: %q", iv.form.formHint.Error())
	}
	if x, _ := st.GetEntry(entries[0].ID); x.Amount != 96000_00 {
		t.Fatalf("the entry changed to %v", x.Amount)
	}
	iv.form.lc.Discard()
	test.Tap(findButton(t, iv.form.receiptBox, "打开合同"))
	if m.Current() != sanziAt || s.contracts.page == nil || s.contracts.page.c.ID != ct.ID {
		t.Fatalf("打开合同: screen %d", m.Current())
	}

	// Delete the receipt with the keyboard from its list; Ctrl+Z restores it and its entry.
	p = s.contracts.page
	p.page.Tabs.SelectIndex(1)
	p.rentTab.receipts.Table.Select(widget.TableCellID{Row: 0, Col: 0})
	pressKey(m, fyne.KeyEscape) // closes the receipt's form, the receipt stays chosen
	m.Env.Win.Canvas().Focus(p.rentTab.receipts.Table)
	kittest.Press(m.Env.Win.Canvas(), fyne.KeyDelete)
	tapDialogButton(t, m, "删除")
	if rs, _ := st.Receipts(ct.ID); len(rs) != 0 {
		t.Fatalf("%d receipts after delete", len(rs))
	}
	if n, _ := st.CountEntries(data.EntryFilter{}); n != 0 || p.rentTab.schedule.CellText(0, 4) != "" {
		t.Fatalf("after delete: %d entries, received %q", n, p.rentTab.schedule.CellText(0, 4))
	}
	if !strings.Contains(s.contracts.reg.Notice.Text(), "Ctrl+Z") {
		t.Fatalf("notice %q", s.contracts.reg.Notice.Text())
	}
	m.Env.Win.Canvas().Unfocus()
	press(t, m, fyne.KeyZ)
	if rs, _ := st.Receipts(ct.ID); len(rs) != 1 {
		t.Fatalf("%d receipts after undo", len(rs))
	}
	if n, _ := st.CountEntries(data.EntryFilter{}); n != 1 || p.rentTab.schedule.CellText(0, 4) != "¥96,000.00" {
		t.Fatalf("after undo: %d entries, received %q", n, p.rentTab.schedule.CellText(0, 4))
	}
}

// 首页's 提醒 shows an overdue contract with its amount and an idle asset; tapping a line opens
// the record on 三资. Without anything due the strip is not shown.
func TestRemindersStripShowsOverdueRentAndOpensIt(t *testing.T) {
	m, st := newTestWindow(t)
	h := homeOf(t, m)
	if h.reminders.content.Visible() {
		t.Fatal("an empty ledger shows reminders")
	}
	vil := seedVillage(t, st, "东泉村")
	ct := seedContract(t, st, vil.ID, "沿街门面房", 36000_00)
	idle := &data.Asset{Name: "村部旧仓库", VillageID: vil.ID, Class: "经营性", Source: "村集体自建", Value: 50000_00, Status: data.AssetIdle}
	noErr(t, st.SaveAsset(idle))
	m.View(homeAt).OnShow()
	if !h.reminders.content.Visible() {
		t.Fatal("the strip is hidden")
	}
	// row is the reminder line saying what.
	row := func(what string) *reminderRow {
		var found *reminderRow
		kittest.Walk(h.reminders.rows, func(o fyne.CanvasObject) {
			if r, ok := o.(*reminderRow); ok && found == nil && strings.Contains(labelsText(r.body), what) {
				found = r
			}
		})
		if found == nil {
			t.Fatalf("no reminder says %q: %s", what, labelsText(h.reminders.rows))
		}
		return found
	}
	overdue := row("逾期")
	if said := labelsText(overdue.body); !strings.Contains(said, ct.Code+" 沿街门面房") || !strings.Contains(said, "¥72,000.00") {
		t.Fatalf("the overdue reminder says %q", said)
	}
	if !strings.Contains(labelsText(h.reminders.content), "1 份合同 ¥72,000.00") {
		t.Fatalf("summaries: %s", labelsText(h.reminders.content))
	}
	test.Tap(overdue)
	s := sanziOf(t, m)
	if m.Current() != sanziAt || s.contracts.page == nil || s.contracts.page.c.ID != ct.ID {
		t.Fatalf("tapping the reminder: screen %d", m.Current())
	}
	m.Select(homeAt)
	test.Tap(row("闲置，原值"))
	if m.Current() != sanziAt || s.tabs.SelectedIndex() != 1 || s.assets.page == nil || s.assets.page.a.ID != idle.ID {
		t.Fatalf("tapping the idle asset: screen %d, tab %d", m.Current(), s.tabs.SelectedIndex())
	}
	// A summary shows every reminder of its kind: the register filtered by the check.
	seedContract(t, st, vil.ID, "村南鱼塘", 1000_00) // overdue too
	noErr(t, st.SaveContract(&data.Contract{VillageID: vil.ID, Kind: "水面", Subject: "新鱼塘", Party: "邓勇", PartyKind: data.PartyPerson,
		Start: data.Today().AddDays(10), End: data.Today().AddDays(400), AnnualRent: 1000_00, Payment: data.PayYearly}))
	m.Select(homeAt)
	var overdueAll *tapBox
	kittest.Walk(h.reminders.counts, func(o fyne.CanvasObject) {
		if b, ok := o.(*tapBox); ok && strings.Contains(labelsText(b.body), "租金逾期") {
			overdueAll = b
		}
	})
	test.Tap(overdueAll)
	if m.Current() != sanziAt || s.contracts.page != nil || s.contracts.reg.Table.Rows() != 2 || s.contracts.check.Value() != data.CheckOverdue {
		t.Fatalf("租金逾期 summary: %d rows, check %q", s.contracts.reg.Table.Rows(), s.contracts.check.Value())
	}
}

// The asset register reads a page at a time and filters by village, class and status, and by
// its search box.
func TestAssetRegisterPagesAndFilters(t *testing.T) {
	m, st := ledgerTestWindow(t)
	east, west := seedVillage(t, st, "东泉村"), seedVillage(t, st, "西泉村")
	n := 2*kit.PageSize + 30
	for i := range n {
		noErr(t, st.SaveAsset(&data.Asset{Name: fmt.Sprintf("大棚%03d", i), VillageID: east.ID, Class: "经营性", Source: "村集体自建",
			Value: 1000_00, Status: data.AssetInUse}))
	}
	for i := range 5 {
		noErr(t, st.SaveAsset(&data.Asset{Name: fmt.Sprintf("路灯%d", i), VillageID: west.ID, Class: "公益性", Source: "上级拨付",
			Value: 200_00, Status: data.AssetIdle}))
	}
	s := sanziOf(t, m)
	s.tabs.SelectIndex(1)
	v := s.assets
	tbl := v.reg.Table
	if tbl.Rows() != n+5 || tbl.CachedPages() > 1 || tbl.Totals()[7] != "¥231,000.00" {
		t.Fatalf("%d rows, %d pages read, totals %v", tbl.Rows(), tbl.CachedPages(), tbl.Totals())
	}
	tbl.Table.ScrollToBottom()
	if got := tbl.CellText(tbl.Rows()-1, 0); got != "大棚229" || tbl.CachedPages() > kit.MaxPages {
		t.Fatalf("last row %q, %d pages held", got, tbl.CachedPages())
	}
	v.class.SetSelected("公益性")
	if tbl.Rows() != 5 || tbl.CellText(0, 0) != "路灯0" {
		t.Fatalf("公益性: %d rows", tbl.Rows())
	}
	v.class.SetSelectedIndex(0)
	v.status.SetSelected("闲置")
	v.village.SetSelected("西泉村")
	if tbl.Rows() != 5 || tbl.CellText(0, 5) != "闲置" {
		t.Fatalf("西泉村 闲置: %d rows", tbl.Rows())
	}
	v.status.SetSelectedIndex(0)
	v.village.SetSelected("东泉村")
	test.Type(v.reg.Search, "大棚12")
	if tbl.Rows() != 10 || tbl.CellText(0, 0) != "大棚120" {
		t.Fatalf("search: %d rows", tbl.Rows())
	}
}

// An asset typed into the form shows its net value as the figures are typed; one formed by a
// project links to it.
func TestAssetTypedWithItsNetValue(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	pr := seedProject(t, st, "冷库建设", vil.ID, 0)
	s := sanziOf(t, m)
	s.tabs.SelectIndex(1)
	press(t, m, fyne.KeyN)
	p := s.assets.page
	kittest.Type(t, m.Env.Win.Canvas(), "村集体冷库")
	p.class.SetSelected("经营性")
	p.source.SetSelected("衔接资金形成")
	p.project.SetSelected("冷库建设")
	formed := lastYear()
	retype(p.formed, formed.String())
	test.Type(p.value, "120000")
	test.Type(p.years, "10")
	test.Type(p.residual, "5")
	want := (&data.Asset{Value: 120000_00, Formed: formed, DepreciationYears: 10, ResidualBP: 500}).NetValue(data.Today())
	if p.net.Text != want.String() || want == 120000_00 {
		t.Fatalf("net value %q, want %v", p.net.Text, want)
	}
	press(t, m, fyne.KeyS)
	list, err := st.ProjectAssets(pr.ID)
	noErr(t, err)
	if len(list) != 1 || list[0].Name != "村集体冷库" || list[0].NetValue != want || list[0].Code != "ZC-0001" {
		t.Fatalf("project assets %+v", list)
	}
}

// A project's page lists the assets it formed with their values and opens them on 三资, and
// starts a new one there linked to the project.
func TestProjectPageLinksItsAssets(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	pr := seedProject(t, st, "光伏电站", vil.ID, 0)
	a := &data.Asset{Name: "光伏板", VillageID: vil.ID, Class: "经营性", Source: data.AssetSourceProject, ProjectID: pr.ID,
		Value: 300000_00, Status: data.AssetLet}
	noErr(t, st.SaveAsset(a))
	pv := projectsOf(t, m)
	pv.open(pr.ID)
	sec := pv.page.asset
	if got := labelsText(sec.assets); !strings.Contains(got, "ZC-0001 光伏板") || !strings.Contains(got, "¥300,000.00") || !strings.Contains(got, "出租") {
		t.Fatalf("the project's assets: %s", got)
	}
	test.Tap(findButton(t, sec.assets, "打开"))
	s := sanziOf(t, m)
	if m.Current() != sanziAt || s.assets.page == nil || s.assets.page.a.ID != a.ID {
		t.Fatalf("打开: screen %d", m.Current())
	}
	m.Select(projectsAt)
	test.Tap(findButton(t, sec.content, "在资产台账中新增"))
	p := s.assets.page
	if m.Current() != sanziAt || p == nil || p.a.ID != 0 || p.project.Value() != fmt.Sprint(pr.ID) || p.name.Text != "光伏电站" ||
		p.source.Selected != "衔接资金形成" {
		t.Fatalf("new asset of the project: screen %d, project %q, name %q, source %q", m.Current(), p.project.Value(), p.name.Text, p.source.Selected)
	}
	p.class.SetSelected("经营性")
	test.Type(p.value, "5000")
	press(t, m, fyne.KeyS)
	if list, _ := st.ProjectAssets(pr.ID); len(list) != 2 {
		t.Fatalf("%d assets of the project; notice %q", len(list), s.assets.reg.Notice.Text())
	}
	if got := labelsText(sec.assets); !strings.Contains(got, "ZC-0002 光伏电站") {
		t.Fatalf("the project page did not follow: %s", got)
	}
}

// In the smallest window a 1024×600 screen holds, the registers' amounts are never cut and their
// columns stay in the table.
func TestSanziAmountsStayWholeInASmallWindow(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	seedContract(t, st, vil.ID, "柳埠集体经济连片发展项目（果品分拣中心）", 22800000_00)
	noErr(t, st.SaveAsset(&data.Asset{Name: "柳埠集体经济连片发展项目（果品分拣中心）", VillageID: vil.ID, Class: "经营性",
		Source: "村集体自建", Value: 2850000_00, Status: data.AssetLet, Formed: lastYear(), DepreciationYears: 20, ResidualBP: 500}))
	m.Env.Win.Resize(fyne.NewSize(1008, 552))
	s := sanziOf(t, m)
	for i, tbl := range []*kit.KeyTable{s.contracts.reg.Table.Table, s.assets.reg.Table.Table} {
		s.tabs.SelectIndex(i)
		cut, seen := moneyCellsCut(tbl)
		if seen == 0 || len(cut) > 0 {
			t.Errorf("tab %d: %d amounts, cut %v", i, seen, cut)
		}
		if w := tbl.ColumnsWidth(); w > tbl.Size().Width {
			t.Errorf("tab %d: columns %v wide in a table %v wide", i, w, tbl.Size().Width)
		}
	}
}

// The data layer's 三资 names are shown through lang.L of a variable; each must be translated.
func TestSanziNamesAreTranslated(t *testing.T) {
	zh, _ := translationKeys(LangChinese)
	en, _ := translationKeys(LangEnglish)
	lists := [][]string{data.ContractKinds, data.PartyKinds, data.PaymentTerms, data.AssetKinds, data.AssetSources,
		data.AssetStatuses, data.AssetOwners, checkNames(data.ContractChecks), contractStates}
	for _, k := range data.ContractKinds {
		lists = append(lists, []string{data.ContractSubItem(k)})
	}
	for _, list := range lists {
		for _, s := range list {
			if zh[s] == "" || en[s] == "" || en[s] == s {
				t.Errorf("%q: zh %q, en %q", s, zh[s], en[s])
			}
		}
	}
}

// A contract is deleted from its page after asking and Ctrl+Z brings it back; one with receipts is
// refused with the data layer's reason (its receipts booked income).
func TestContractDeleteIsUndoneAndRefusedWithReceipts(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	ct := seedContract(t, st, vil.ID, "村集体机动地", 9600_00)
	paid := seedContract(t, st, vil.ID, "沿街门面房", 3600_00)
	noErr(t, st.SaveReceipt(&data.Receipt{ContractID: paid.ID, Period: 1, Date: data.Today(), Amount: 3600_00}))
	s := sanziOf(t, m)
	s.openContract(ct.ID)
	pressKey(m, fyne.KeyDelete)
	tapDialogButton(t, m, "删除")
	if s.contracts.page != nil || s.contracts.reg.Table.Rows() != 1 {
		t.Fatalf("after delete: page %v, %d rows", s.contracts.page != nil, s.contracts.reg.Table.Rows())
	}
	press(t, m, fyne.KeyZ)
	if _, err := st.GetContract(ct.ID); err != nil || s.contracts.reg.Table.Rows() != 2 {
		t.Fatalf("after Ctrl+Z: %v, %d rows", err, s.contracts.reg.Table.Rows())
	}
	s.openContract(paid.ID)
	pressKey(m, fyne.KeyDelete)
	tapDialogButton(t, m, "删除")
	if said := strings.Join(shownTexts(m.Env.Win.Canvas().Overlays().Top()), " "); !strings.Contains(said, "请先删除它的收款记录") {
		t.Fatalf("a contract with receipts: %q", said)
	}
	if _, err := st.GetContract(paid.ID); err != nil {
		t.Fatal("the contract with receipts was deleted")
	}
}

// A photo or scan added to a contract shows as a thumbnail; deleting it asks, and Ctrl+Z brings
// it back.
func TestContractScansAreAddedDeletedAndRestored(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	ct := seedContract(t, st, vil.ID, "村集体机动地", 9600_00)
	s := sanziOf(t, m)
	s.openContract(ct.ID)
	p := s.contracts.page
	p.page.Tabs.SelectIndex(2)
	noErr(t, p.photos.Add("合同第1页.png", pngBytes(t)))
	files, _ := st.ContractFiles(ct.ID)
	if len(files) != 1 || files[0].Mime != "image/png" || p.photos.Count() != 1 {
		t.Fatalf("files %+v, %d shown", files, p.photos.Count())
	}
	var thumb *kit.PhotoThumb
	kittest.Walk(p.photos.Content(), func(o fyne.CanvasObject) {
		if x, ok := o.(*kit.PhotoThumb); ok {
			thumb = x
		}
	})
	if thumb == nil || thumb.Image == nil {
		t.Fatal("no thumbnail")
	}
	test.Tap(thumb)
	tapDialogButton(t, m, "删除照片")
	tapDialogButton(t, m, "删除")
	if files, _ := st.ContractFiles(ct.ID); len(files) != 0 || p.photos.Count() != 0 {
		t.Fatalf("after delete: %d files, %d shown", len(files), p.photos.Count())
	}
	press(t, m, fyne.KeyZ)
	if files, _ := st.ContractFiles(ct.ID); len(files) != 1 || p.photos.Count() != 1 {
		t.Fatalf("after Ctrl+Z: %d files, %d shown", len(files), p.photos.Count())
	}
}

// pngBytes is a small picture.
func pngBytes(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	noErr(t, png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 40, 30))))
	return buf.Bytes()
}

// In English too, with reminders on 首页 and a contract's and an asset's page open, the window
// still fits a 1024×600 screen: long words wrap or give way instead of widening it.
func TestSanziPagesFitASmallScreenInEnglish(t *testing.T) {
	m, st := englishWindow(t)
	vil := seedVillage(t, st, "东泉村")
	ct := seedContract(t, st, vil.ID, "村集体机动地", 9600_00)
	a := &data.Asset{Name: "村部旧仓库", VillageID: vil.ID, Class: "经营性", Source: "村集体自建", Value: 50000_00, Status: data.AssetIdle}
	noErr(t, st.SaveAsset(a))
	m.View(homeAt).OnShow()
	s := sanziOf(t, m)
	s.openContract(ct.ID)
	s.openAsset(a.ID)
	if min := m.Env.Win.Content().MinSize(); min.Width > 1000 || min.Height > 520 {
		t.Errorf("the window cannot get smaller than %v: too big for a 1024×600 screen", min)
	}
}

// On a contract whose rent is all paid, Ctrl+N says so instead of opening an empty receipt form.
func TestNoReceiptFormWhenAllIsPaid(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	c := &data.Contract{VillageID: vil.ID, Kind: "设备", Subject: "旋耕机", Party: "东泉村合作社", PartyKind: "合作社",
		Start: lastYear(), End: lastYear().AddDays(180), TotalPrice: 6000_00, Payment: data.PayOnce}
	noErr(t, st.SaveContract(c))
	noErr(t, st.SaveReceipt(&data.Receipt{ContractID: c.ID, Period: 1, Date: lastYear(), Amount: 6000_00}))
	s := sanziOf(t, m)
	s.openContract(c.ID)
	s.contracts.page.page.Tabs.SelectIndex(1)
	press(t, m, fyne.KeyN)
	if m.Env.Dialogs.Open() || s.contracts.reg.Notice.Text() != "这份合同的租金已经全部收齐" {
		t.Fatalf("dialog open %v, notice %q", m.Env.Dialogs.Open(), s.contracts.reg.Notice.Text())
	}
}

// With every village shown, a reminder line names its village (contract codes repeat from village
// to village); with one village chosen it does not.
func TestRemindersNameTheirVillage(t *testing.T) {
	m, st := newTestWindow(t)
	h := homeOf(t, m)
	east, west := seedVillage(t, st, "东泉村"), seedVillage(t, st, "西岭村")
	a, b := seedContract(t, st, east.ID, "沿街门面房", 36000_00), seedContract(t, st, west.ID, "沿街门面房", 36000_00)
	if a.Code != b.Code {
		t.Fatalf("the test wants the same code in both villages: %s, %s", a.Code, b.Code)
	}
	m.View(homeAt).OnShow()
	said := labelsText(h.reminders.rows)
	for _, v := range []string{"东泉村 · " + a.Code, "西岭村 · " + b.Code} {
		if !strings.Contains(said, v) {
			t.Errorf("all villages: no %q in %s", v, said)
		}
	}
	h.villages.SetSelected("东泉村")
	said = labelsText(h.reminders.rows)
	if strings.Contains(said, "东泉村 ·") || strings.Contains(said, "西岭村") || !strings.Contains(said, a.Code+" 沿街门面房") {
		t.Errorf("东泉村 chosen: %s", said)
	}
}
