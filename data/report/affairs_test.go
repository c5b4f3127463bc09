package report

import (
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cunji/data"
)

// The yearly workbook's 四议两公开 sheet has a row per step of each decision acted on in the year,
// with dates, attendance, votes and the rules a meeting failed; the 驻村工作日志 sheet a row per
// logged day. Both are read back as a person opening the file would see them.
func TestYearWorkbookHasTheAffairsSheets(t *testing.T) {
	f := newFixture(t)
	st := f.st
	decide := func(d *data.Decision, steps ...data.DecisionStep) {
		must(t, st.SaveDecision(d))
		for _, s := range steps {
			s.DecisionID = d.ID
			must(t, st.SaveDecisionStep(&s))
		}
	}
	meeting := func(step, date string, expected, present, yes, no, abstain int) data.DecisionStep {
		return data.DecisionStep{Step: step, Date: day(date), Form: "会议", Place: "村委会", Expected: expected, Present: present,
			For: yes, Against: no, Abstain: abstain, Content: "同意" + step}
	}
	cold := &data.Decision{VillageID: f.east.ID, Matter: "建设村集体冷库", Kind: "项目立项", Source: "村干部提议", Amount: 480_000_00}
	decide(cold, meeting(data.StepPropose, "2025-03-01", 5, 5, 5, 0, 0), meeting(data.StepDiscuss, "2025-03-05", 7, 7, 7, 0, 0),
		meeting(data.StepReview, "2025-03-10", 30, 19, 15, 2, 2), // 19 of 30: short of two thirds
		meeting(data.StepResolve, "2025-03-15", 40, 30, 28, 1, 1),
		data.DecisionStep{Step: data.StepPublishResolve, Date: day("2025-03-16"), Form: "公开栏", Place: "村务公开栏", Days: 7})
	pond := &data.Decision{VillageID: f.west.ID, Matter: "鱼塘发包", Kind: "合同发包/租赁", Source: "党员群众建议", Amount: 12_000_00, Merged: true}
	decide(pond, meeting(data.StepPropose, "2024-12-20", 5, 5, 5, 0, 0), meeting(data.StepReview, "2024-12-28", 21, 18, 18, 0, 0),
		data.DecisionStep{Step: data.StepResolveAll, Date: day("2025-01-06"), Form: "会议", Place: "村广场", Expected: 600, Present: 280,
			Households: 300, HouseholdsPresent: 210, For: 130, Against: 100, Abstain: 50})
	old := &data.Decision{VillageID: f.east.ID, Matter: "修缮村委会", Kind: "其他", Source: "上级安排"}
	decide(old, meeting(data.StepPropose, "2024-05-01", 5, 5, 5, 0, 0))

	unit := &data.Partner{Name: "齐鲁银行", Kind: data.PartnerEnterprise}
	must(t, st.SavePartner(unit))
	in := data.WorkDay{VillageID: f.east.ID, Date: day("2025-06-26"), Presence: data.PresenceIn, Work: "走访脱贫户",
		Visits: []data.WorkVisit{{SellerID: f.sellers[0].ID}, {Name: "王大妈"}}, PartnerIDs: []int64{unit.ID},
		Issues: []data.WorkIssue{{Problem: "路灯不亮", Solved: true, How: "更换灯泡"}, {Problem: "水渠堵了"}}}
	away := data.WorkDay{VillageID: f.west.ID, Date: day("2025-06-27"), Presence: data.PresenceAway, Reason: "开会", Work: "参加街道例会"}
	gone := data.WorkDay{VillageID: f.east.ID, Date: day("2025-06-28"), Presence: data.PresenceIn}
	last := data.WorkDay{VillageID: f.east.ID, Date: day("2024-12-31"), Presence: data.PresenceIn}
	for _, d := range []*data.WorkDay{&in, &away, &gone, &last} {
		must(t, st.SaveWorkDay(d))
	}
	must(t, st.DeleteWorkDay(gone.ID))

	book := exportFixture(t, f, 2025)
	rows, err := book.GetRows(SheetDecisions)
	must(t, err)
	want := [][]string{
		{"村", "事项", "类别", "动议来源", "涉及金额(元)", "步骤", "日期", "形式", "地点", "应到", "实到", "同意", "反对", "弃权", "内容或公开情况", "未达到的规则"},
		{"西岭村", "鱼塘发包", "合同发包/租赁", "党员群众建议", "12,000.00", "两委会商议", "", "", "", "", "", "", "", "", "与提议合并进行（一肩挑）"},
		{"西岭村", "鱼塘发包", "合同发包/租赁", "党员群众建议", "12,000.00", "党支部会提议", "2024-12-20", "会议", "村委会", "5", "5", "5", "0", "0", "同意党支部会提议"},
		{"西岭村", "鱼塘发包", "合同发包/租赁", "党员群众建议", "12,000.00", "党员大会审议", "2024-12-28", "会议", "村委会", "21", "18", "18", "0", "0", "同意党员大会审议"},
		{"西岭村", "鱼塘发包", "合同发包/租赁", "党员群众建议", "12,000.00", "村民会议决议", "2025-01-06", "会议", "村广场", "600", "280", "130", "100", "50",
			"全村300户，到会210户的代表", "实到280人，同意130票、反对100票、弃权50票，同意票未超过实到人数的一半，未通过"},
		{"三涧溪村", "建设村集体冷库", "项目立项", "村干部提议", "480,000.00", "党支部会提议", "2025-03-01", "会议", "村委会", "5", "5", "5", "0", "0", "同意党支部会提议"},
		{"三涧溪村", "建设村集体冷库", "项目立项", "村干部提议", "480,000.00", "两委会商议", "2025-03-05", "会议", "村委会", "7", "7", "7", "0", "0", "同意两委会商议"},
		{"三涧溪村", "建设村集体冷库", "项目立项", "村干部提议", "480,000.00", "党员大会审议", "2025-03-10", "会议", "村委会", "30", "19", "15", "2", "2",
			"同意党员大会审议", "应到党员30人，实到19人，未达到三分之二"},
		{"三涧溪村", "建设村集体冷库", "项目立项", "村干部提议", "480,000.00", "村民代表会议决议", "2025-03-15", "会议", "村委会", "40", "30", "28", "1", "1", "同意村民代表会议决议"},
		{"三涧溪村", "建设村集体冷库", "项目立项", "村干部提议", "480,000.00", "决议公开", "2025-03-16", "公开栏", "村务公开栏", "", "", "", "", "", "公开7天；反馈意见：无"},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("四议两公开 sheet:\n%s\nwant\n%s", joinRows(rows), joinRows(want))
	}
	sum, err := st.YearSummary(2025, 0)
	must(t, err)
	if sum.Decisions.Active != 2 {
		t.Errorf("the summary counts %d decisions acted on, the sheet 2", sum.Decisions.Active)
	}

	rows, err = book.GetRows(SheetWorkLog)
	must(t, err)
	want = [][]string{
		{"日期", "村", "在村/外出", "外出原因", "工作内容", "走访户数", "走访农户", "民情日记（问题及解决情况）", "帮扶单位来访"},
		{"2025-06-26", "三涧溪村", "在村", "", "走访脱贫户", "2", f.sellers[0].Name + "、王大妈", "路灯不亮（已解决：更换灯泡）；水渠堵了（未解决）", "齐鲁银行"},
		{"2025-06-27", "西岭村", "外出", "开会", "参加街道例会", "0"},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("驻村工作日志 sheet:\n%s\nwant\n%s", joinRows(rows), joinRows(want))
	}
	checkNumFmt(t, book, SheetWorkLog, "A2", "yyyy-mm-dd")
	raw, err := book.GetCellValue(SheetWorkLog, "F2", excelize.Options{RawCellValue: true})
	if err != nil || raw != "2" {
		t.Errorf("households visited stored as %q, %v", raw, err)
	}
}

func joinRows(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, " | ") + "\n")
	}
	return b.String()
}

func day(s string) data.Date {
	d, err := data.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
