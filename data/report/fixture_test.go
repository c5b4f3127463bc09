package report

import (
	"fmt"
	"path/filepath"
	"testing"

	"cunji/data"
)

// fixture is a small but complete database: two villages, sellers with phone and ID numbers,
// sales in and around 2025 (with a deleted line and a deleted event), collective entries of
// every kind, and projects with funding, disbursements, stages and distributions.
type fixture struct {
	st          *data.Store
	path        string
	east, west  *data.Village
	sellers     []*data.Seller
	secrets     []string // full names, phones and ID numbers that must never reach a public sheet
	phone, id   string   // a phone and an ID number typed into free text
	solar, shed *data.Project
}

// validID makes a well-formed resident ID number (with its check character) from 17 digits.
func validID(first17 string) string {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(first17[i]-'0') * w
	}
	return first17 + string("10X98765432"[sum%11])
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func date(t testing.TB, s string) data.Date {
	t.Helper()
	d, err := data.ParseDate(s)
	must(t, err)
	return d
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cunji.db")
	st, err := data.Create(path)
	must(t, err)
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, path: path, phone: "13912345678", id: validID("37010219800101123")}
	f.east = &data.Village{Name: "三涧溪村", Town: "龙山街道", County: "章丘区"}
	f.west = &data.Village{Name: "西岭村", Town: "柳埠街道", County: "历城区"}
	must(t, st.SaveVillage(f.east))
	must(t, st.SaveVillage(f.west))

	people := []struct {
		name, status, phone, id string
		village                 *data.Village
	}{
		{"张小明", data.StatusFormerlyPoor, "13812345678", validID("37010219650307123"), f.east},
		{"欧阳秀英", data.StatusMonitored, "0531-87654321", validID("37012419720815234"), f.east},
		{"李建国", data.StatusOrdinary, "15066668888", "", f.west},
	}
	for _, p := range people {
		s := &data.Seller{Name: p.name, VillageID: p.village.ID, Status: p.status, Phone: p.phone, IDNumber: p.id}
		must(t, st.SaveSeller(s))
		f.sellers = append(f.sellers, s)
		f.secrets = append(f.secrets, p.name, p.phone)
		if p.id != "" {
			f.secrets = append(f.secrets, p.id)
		}
	}
	coop := &data.Seller{Name: "三涧溪果蔬专业合作社", Kind: "合作社", VillageID: f.east.ID}
	must(t, st.SaveSeller(coop))
	f.sellers = append(f.sellers, coop)
	f.secrets = append(f.secrets, f.phone, f.id)

	garlic := &data.Product{Name: "大蒜", Unit: "斤", DefaultPrice: 350}
	apple := &data.Product{Name: "苹果", Spec: "5斤装", Unit: "箱", DefaultPrice: 4000}
	must(t, st.SaveProduct(garlic))
	must(t, st.SaveProduct(apple))

	events := []struct {
		date    string
		village *data.Village
		channel string
		lines   int
	}{
		{"2024-12-31", f.east, data.ChannelMarketDay, 2}, // the year before
		{"2025-01-01", f.east, data.ChannelMarketDay, 5},
		{"2025-03-15", f.west, data.ChannelStore, 3},
		{"2025-07-01", f.east, data.ChannelLivestream, 4},
		{"2025-08-20", f.east, data.ChannelUnitPurchase, 6},
		{"2025-09-30", f.west, data.ChannelOther, 2},
		{"2025-12-31", f.east, data.ChannelMarketDay, 3},
		{"2026-01-01", f.east, data.ChannelStore, 2}, // the year after
	}
	for i, e := range events {
		ev := &data.SaleEvent{Date: date(t, e.date), VillageID: e.village.ID, Channel: e.channel,
			Place: "龙山大集", Buyer: "历下区共富超市（联系人电话" + f.phone + "）", Payment: "微信", ConsumptionAid: i%2 == 0}
		var lines []data.SaleLine
		for j := range e.lines {
			s := f.sellers[(i+j)%len(f.sellers)]
			if e.village == f.west {
				s = f.sellers[2]
			}
			p, price := garlic, data.Money(350+j)
			if j%2 == 1 {
				p, price = apple, 4000+data.Money(i)
			}
			lines = append(lines, data.SaleLine{ProductID: p.ID, SellerID: s.ID, Quantity: data.Quantity(1000*(j+1) + 125*i), Price: price})
		}
		must(t, st.SaveSaleEvent(ev, lines))
		if e.date == "2025-08-20" { // drop one line: it must leave every total
			kept, err := st.SaleLines(ev.ID)
			must(t, err)
			var ls []data.SaleLine
			for _, l := range kept[1:] {
				ls = append(ls, l.SaleLine)
			}
			must(t, st.SaveSaleEvent(ev, ls))
		}
	}
	gone := &data.SaleEvent{Date: date(t, "2025-05-05"), VillageID: f.east.ID, Channel: data.ChannelMarketDay}
	must(t, st.SaveSaleEvent(gone, []data.SaleLine{{ProductID: garlic.ID, SellerID: f.sellers[0].ID, Quantity: 99000, Price: 999}}))
	must(t, st.DeleteSaleEvent(gone.ID))

	f.solar = &data.Project{Name: "村级光伏电站", Type: "产业发展", VillageIDs: []int64{f.east.ID}, YearStarted: 2024, Responsible: "王书记"}
	f.shed = &data.Project{Name: "蔬菜大棚连片发展项目（联建）", Type: "产业发展", VillageIDs: []int64{f.east.ID, f.west.ID}, YearStarted: 2025}
	must(t, st.SaveProject(f.solar))
	must(t, st.SaveProject(f.shed))
	for _, fl := range []*data.FundingLine{
		{ProjectID: f.solar.ID, Source: "财政衔接资金", Amount: 50000000},
		{ProjectID: f.solar.ID, Source: "帮扶单位资金", Amount: 12000000},
		{ProjectID: f.shed.ID, Source: "财政衔接资金", Amount: 150000000},
		{ProjectID: f.shed.ID, Source: "村集体自筹", Amount: 2345678},
	} {
		must(t, st.SaveFundingLine(fl))
	}
	for _, d := range []*data.Disbursement{
		{ProjectID: f.solar.ID, Date: date(t, "2024-11-01"), Amount: 40000000},
		{ProjectID: f.solar.ID, Date: date(t, "2025-02-01"), Amount: 10000000, Note: "第二批"},
		{ProjectID: f.shed.ID, Date: date(t, "2025-07-15"), Amount: 60000000, Note: "施工方联系电话 " + f.phone},
		{ProjectID: f.shed.ID, Date: date(t, "2026-01-15"), Amount: 30000000},
	} {
		must(t, st.SaveDisbursement(d))
	}
	for _, sc := range []*data.StageChange{
		{ProjectID: f.solar.ID, Stage: data.StageBuilding, Date: date(t, "2024-10-01")},
		{ProjectID: f.solar.ID, Stage: data.StageOperating, Date: date(t, "2025-03-01")},
		{ProjectID: f.shed.ID, Stage: data.StageFunded, Date: date(t, "2025-06-01")},
		{ProjectID: f.shed.ID, Stage: data.StageBuilding, Date: date(t, "2025-08-01")},
	} {
		must(t, st.SaveStageChange(sc))
	}
	for _, d := range []*data.Distribution{
		{ProjectID: f.solar.ID, Date: date(t, "2025-07-20"), Amount: 1500000, Recipient: "脱贫户分红"},
		{ProjectID: f.solar.ID, Date: date(t, "2025-08-20"), Amount: 60000, Recipient: "张小明", Note: "身份证 " + f.id},
	} {
		must(t, st.SaveDistribution(d))
	}

	entries := []data.CollectiveEntry{
		{Date: date(t, "2024-12-31"), VillageID: f.east.ID, Direction: data.DirectionIncome, Category: data.IncomeOperating, Amount: 777700},
		{Date: date(t, "2025-01-01"), VillageID: f.east.ID, Direction: data.DirectionIncome, Category: data.IncomeOperating, SubItem: "土地流转费", Amount: 8000000, Counterparty: "欧阳秀英", Note: "电话 " + f.phone},
		{Date: date(t, "2025-07-10"), VillageID: f.east.ID, Direction: data.DirectionIncome, Category: data.IncomeInvestment, SubItem: "入股分红", Amount: 2500050, ProjectID: f.solar.ID},
		{Date: date(t, "2025-08-01"), VillageID: f.east.ID, Direction: data.DirectionIncome, Category: data.IncomeSubsidy, Amount: 3000000},
		{Date: date(t, "2025-09-30"), VillageID: f.east.ID, Direction: data.DirectionIncome, Category: data.IncomeOther, SubItem: "利息收入", Amount: 1234},
		{Date: date(t, "2025-07-02"), VillageID: f.east.ID, Direction: data.DirectionExpense, Category: "管理费用", SubItem: "办公费", Amount: 123456},
		{Date: date(t, "2025-08-08"), VillageID: f.east.ID, Direction: data.DirectionExpense, Category: "公益支出", SubItem: "道路维护", Amount: 1000001},
		{Date: date(t, "2025-09-09"), VillageID: f.east.ID, Direction: data.DirectionExpense, Category: "税金及附加", Amount: 999},
		{Date: date(t, "2025-05-05"), VillageID: f.west.ID, Direction: data.DirectionIncome, Category: data.IncomeOperating, Amount: 4400000},
		{Date: date(t, "2025-12-31"), VillageID: f.west.ID, Direction: data.DirectionExpense, Category: "经营支出", Amount: 300000},
		{Date: date(t, "2026-01-01"), VillageID: f.east.ID, Direction: data.DirectionExpense, Category: "经营支出", Amount: 55500},
	}
	for i := range entries {
		must(t, st.SaveEntry(&entries[i]))
	}
	deleted := data.CollectiveEntry{Date: date(t, "2025-07-03"), VillageID: f.east.ID, Direction: data.DirectionIncome, Category: data.IncomeOperating, Amount: 9999999}
	must(t, st.SaveEntry(&deleted))
	must(t, st.DeleteEntry(deleted.ID))
	f.sanzi(t)
	return f
}

// sanzi adds the 三资: a pond let to 李建国 (a person, behind with the rent from July 2025), a
// shop front paid at once by a company, the solar plant's asset, and an old store disposed of in 2025.
func (f *fixture) sanzi(t testing.TB) {
	st := f.st
	pond := &data.Asset{Name: "村南鱼塘", VillageID: f.east.ID, Class: "经营性", Source: "村集体自建", Formed: date(t, "2020-05-01"),
		Value: 12000000, Quantity: 35000, Unit: "亩", Status: data.AssetLet, Keeper: "王书记", Note: "管护人电话 " + f.phone}
	shop := &data.Asset{Name: "沿街门面房", VillageID: f.west.ID, Class: "经营性", Source: "村集体自建", Formed: date(t, "2024-12-01"),
		Value: 38000000, Status: data.AssetLet, DepreciationYears: 30, ResidualBP: 500}
	plant := &data.Asset{Name: "村级光伏电站", VillageID: f.east.ID, Class: "经营性", Source: data.AssetSourceProject, ProjectID: f.solar.ID,
		Formed: date(t, "2025-03-01"), Value: 62000000, Status: data.AssetInUse, DepreciationYears: 20, ResidualBP: 500}
	old := &data.Asset{Name: "旧仓库", VillageID: f.east.ID, Class: "经营性", Source: "村集体自建", Formed: date(t, "2010-01-01"),
		Value: 5000000, Status: data.AssetDisposed, DisposedOn: date(t, "2025-06-30")}
	later := &data.Asset{Name: "新建冷库", VillageID: f.east.ID, Class: "经营性", Source: "村集体自建", Formed: date(t, "2026-02-01"),
		Value: 9000000, Status: data.AssetInUse}
	for _, a := range []*data.Asset{pond, shop, plant, old, later} {
		must(t, st.SaveAsset(a))
	}
	lease := &data.Contract{VillageID: f.east.ID, Kind: "水面", Subject: "村南鱼塘", Area: 35000, Party: "李建国", PartyKind: data.PartyPerson,
		Start: date(t, "2024-07-01"), End: date(t, "2027-06-30"), Payment: data.PayHalfYearly, AnnualRent: 1200000, AssetID: pond.ID,
		Deposit: 300000, EscalationYears: 2, EscalationBP: 500, Note: "承包人电话 " + f.phone}
	front := &data.Contract{VillageID: f.west.ID, Kind: "门面", Subject: "沿街门面房", Party: "济南泉城商贸有限公司", PartyKind: "企业",
		Start: date(t, "2025-01-01"), End: date(t, "2025-12-31"), Payment: data.PayOnce, TotalPrice: 3000000, AssetID: shop.ID, PublicTrade: true}
	must(t, st.SaveContract(lease))
	must(t, st.SaveContract(front))
	for _, r := range []*data.Receipt{
		{ContractID: lease.ID, Period: 1, Date: date(t, "2024-07-05"), Amount: 600000},
		{ContractID: lease.ID, Period: 2, Date: date(t, "2025-01-10"), Amount: 600000},
		{ContractID: lease.ID, Period: 3, Date: date(t, "2025-07-20"), Amount: 200000, Voucher: "记-2025-088"},
		{ContractID: front.ID, Period: 1, Date: date(t, "2025-01-15"), Amount: 3000000},
	} {
		must(t, st.SaveReceipt(r))
	}
}

func (f *fixture) String() string { return fmt.Sprintf("fixture at %s", f.path) }
