package data

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoHoldsNothingATownWouldCallAbsurd reads a generated demo the way a town's auditor
// would: who paid what, and whether money moved before the project that earned it existed.
func TestDemoHoldsNothingATownWouldCallAbsurd(t *testing.T) {
	for _, seed := range []int64{1, 2} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "demo.db")
			noErr(t, Demo(path, DemoOptions{Sales: 600, Villages: 3, Years: 3, Today: demoPlausibleToday, Seed: seed}))
			s, err := OpenExisting(path)
			noErr(t, err)
			defer s.Close()
			checkDemoPlausible(t, s)
		})
	}
}

var demoPlausibleToday = MustDate(2025, 8, 15)

func checkDemoPlausible(t *testing.T, s *Store) {
	// stageDate is the date a project reached a stage (NULL when it never did).
	stageDate := func(stage string) string {
		return "(SELECT min(c.date) FROM stage_changes c WHERE c.project_id = p.id AND c.stage = '" + stage + "' AND c.deleted_at IS NULL)"
	}
	// earns is true when the project's asset in the register earns (经营性).
	const earns = "EXISTS (SELECT 1 FROM assets a WHERE a.project_id = p.id AND a.class = '经营性' AND a.deleted_at IS NULL)"
	none := []struct{ what, query string }{
		{"income linked to a project dated before the project began",
			"SELECT count(*) FROM collective_entries x JOIN projects p ON p.id = x.project_id WHERE x.date < " + stageDate(StagePlanning)},
		{"income linked to a project before its asset was run (运营管护)",
			"SELECT count(*) FROM collective_entries x JOIN projects p ON p.id = x.project_id WHERE coalesce(x.date >= " + stageDate(StageOperating) + ", 0) = 0"},
		{"income linked to a project whose asset earns nothing for the collective",
			"SELECT count(*) FROM collective_entries x JOIN projects p ON p.id = x.project_id WHERE NOT " + earns},
		{"expenses linked to an earning project",
			"SELECT count(*) FROM collective_entries WHERE project_id IS NOT NULL AND direction <> 'income'"},
		{"dividends from a project whose asset earns nothing",
			"SELECT count(*) FROM distributions d JOIN projects p ON p.id = d.project_id WHERE NOT " + earns},
		{"dividends before the project reached 收益分配",
			"SELECT count(*) FROM distributions d JOIN projects p ON p.id = d.project_id WHERE coalesce(d.date >= " + stageDate(StageDistributing) + ", 0) = 0"},
		{"money paid out before the funds were allotted",
			"SELECT count(*) FROM disbursements d JOIN projects p ON p.id = d.project_id WHERE coalesce(d.date >= " + stageDate(StageFunded) + ", 0) = 0"},
		{"more paid out than the project's funding",
			"SELECT count(*) FROM projects p WHERE (SELECT coalesce(sum(amount), 0) FROM disbursements WHERE project_id = p.id) > (SELECT coalesce(sum(amount), 0) FROM funding_lines WHERE project_id = p.id)"},
		{"a later stage dated before an earlier one",
			"SELECT count(*) FROM stage_changes a JOIN stage_changes b ON a.project_id = b.project_id AND a.id < b.id WHERE a.date > b.date"},
		{"a note about building work before the building began",
			"SELECT count(*) FROM progress_notes n JOIN projects p ON p.id = n.project_id WHERE (n.text LIKE '%施工%' OR n.text LIKE '%务工%') AND coalesce(n.date >= " + stageDate(StageBuilding) + ", 0) = 0"},
		{"a note about the asset running or earning before it was run",
			"SELECT count(*) FROM progress_notes n JOIN projects p ON p.id = n.project_id WHERE (n.text LIKE '%运行%' OR n.text LIKE '%收入%') AND coalesce(n.date >= " + stageDate(StageOperating) + ", 0) = 0"},
		{"罚没收入 paid by a well-wisher",
			"SELECT count(*) FROM collective_entries WHERE sub_item = '罚没收入' AND (counterparty LIKE '%爱心%' OR counterparty LIKE '%慈善%')"},
		{"an asset formed by a project before the project handed it over",
			"SELECT count(*) FROM assets a JOIN projects p ON p.id = a.project_id WHERE coalesce(a.formed >= " + stageDate(StageHandedOver) + ", 0) = 0"},
		{"a contract letting an asset that earns nothing",
			"SELECT count(*) FROM contracts c JOIN assets a ON a.id = c.asset_id WHERE a.class <> '经营性'"},
		{"a contract letting an asset before it was formed",
			"SELECT count(*) FROM contracts c JOIN assets a ON a.id = c.asset_id WHERE c.start_date < a.formed"},
		{"rent received before the contract began",
			"SELECT count(*) FROM contract_receipts r JOIN contracts c ON c.id = r.contract_id WHERE r.date < c.start_date"},
		{"an asset marked 出租 that no contract lets today",
			"SELECT count(*) FROM assets a WHERE a.status = '出租' AND NOT EXISTS (SELECT 1 FROM contracts c WHERE c.asset_id = a.id AND c.start_date <= '" +
				demoPlausibleToday.String() + "' AND c.end_date >= '" + demoPlausibleToday.String() + "')"},
		{"an idle, scrapped or disposed asset let out today",
			"SELECT count(*) FROM assets a JOIN contracts c ON c.asset_id = a.id WHERE a.status IN ('闲置', '报废', '已处置') AND c.start_date <= '" +
				demoPlausibleToday.String() + "' AND c.end_date >= '" + demoPlausibleToday.String() + "'"},
		{"a receipt whose income entry is not the rent it received",
			"SELECT count(*) FROM contract_receipts r JOIN collective_entries x ON x.id = r.entry_id WHERE x.amount <> r.amount OR x.date <> r.date OR x.category <> '经营收入'"},
		{"a 四议两公开 step dated after today",
			"SELECT count(*) FROM decision_steps WHERE date > '" + demoPlausibleToday.String() + "'"},
		{"a project past 公示 without a 四议两公开 decision",
			"SELECT count(*) FROM projects p WHERE EXISTS (SELECT 1 FROM stage_changes c WHERE c.project_id = p.id AND c.stage IN ('入库', '资金下达', '实施', '验收', '资产移交', '运营管护', '收益分配')) AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.project_id = p.id)"},
		{"a project resolved after its funds were allotted",
			"SELECT count(*) FROM decision_steps s JOIN decisions d ON d.id = s.decision_id JOIN projects p ON p.id = d.project_id WHERE s.step = '" + StepResolve + "' AND s.date > coalesce(" + stageDate(StageFunded) + ", '9999')"},
		{"a contract resolved after it began",
			"SELECT count(*) FROM decision_steps s JOIN decisions d ON d.id = s.decision_id JOIN contracts c ON c.id = d.contract_id WHERE s.step = '" + StepResolve + "' AND s.date > c.start_date"},
		{"a sale linked to a unit its buyer does not name",
			"SELECT count(*) FROM sale_events e JOIN partners p ON p.id = e.partner_id WHERE instr(e.buyer, p.name) = 0"},
		{"a unit's funding line whose source is not a partner unit's or a donation",
			"SELECT count(*) FROM funding_lines WHERE partner_id IS NOT NULL AND source NOT IN ('帮扶单位资金', '社会捐赠')"},
		{"a 榜单 item closed before it was taken on, or open with a closing date",
			"SELECT count(*) FROM tasks WHERE closed_on < taken_on OR (status = '进行中') = (closed_on IS NOT NULL)"},
		{"people sent before the demo began or after today",
			"SELECT count(*) FROM partner_staff WHERE date_from > '" + demoPlausibleToday.String() + "'"},
		{"a unit's canteen buying for another unit",
			"SELECT count(*) FROM (SELECT place FROM sale_events WHERE channel = '" + ChannelUnitPurchase + "' GROUP BY place HAVING count(DISTINCT buyer) > 1)"},
		{"a work-log day after today",
			"SELECT count(*) FROM worklog_days WHERE date > '" + demoPlausibleToday.String() + "'"},
		{"a day away without its reason, or a day in the village with one",
			"SELECT count(*) FROM worklog_days WHERE (presence = '外出') <> (reason <> '')"},
		{"households visited on a day away",
			"SELECT count(*) FROM worklog_visits v JOIN worklog_days d ON d.id = v.day_id WHERE d.presence = '外出'"},
		{"a household visited in a village it does not live in",
			"SELECT count(*) FROM worklog_visits v JOIN worklog_days d ON d.id = v.day_id JOIN sellers s ON s.id = v.seller_id WHERE s.village_id <> d.village_id"},
		{"a cooperative or the collective visited as a household",
			"SELECT count(*) FROM worklog_visits v JOIN sellers s ON s.id = v.seller_id WHERE s.kind <> '农户'"},
		{"a problem marked solved without saying how",
			"SELECT count(*) FROM worklog_issues WHERE solved = 1 AND how = ''"},
	}
	for _, c := range none {
		if n := countRows(t, s, c.query); n != 0 {
			t.Errorf("%d × %s", n, c.what)
		}
	}

	// The first secretary is in the village most working days: about the monthly target in each
	// whole month, never more days than the month has; away days have their reasons.
	for m := 1; m <= 12; m++ {
		p := MonthPeriod(demoPlausibleToday.Year()-1, m)
		f, err := s.WorkLogFigures(p, 0)
		noErr(t, err)
		if f.DaysInVillage < 15 || f.DaysInVillage > p.To.Day() || f.DaysAway > 8 || f.Households == 0 {
			t.Errorf("%s: %+v", p, f)
		}
	}
	// 揭榜挂帅: some items done, exactly one overdue, the measurable ones in progress; several units gave.
	items, err := s.TaskResults(demoPlausibleToday.Year(), 0)
	noErr(t, err)
	shown := map[string]int{}
	measured := 0
	for _, r := range items {
		shown[r.StatusOn(demoPlausibleToday)]++
		if r.Status == TaskOpen && r.Progress.Measured && r.Progress.Value > 0 {
			measured++
		}
		if r.Status == TaskDone && r.TargetKind == TargetStage && !r.Progress.Reached {
			t.Errorf("%q done but its project is at %q", r.Title, r.Progress.Stage)
		}
	}
	last, err := s.TaskResults(demoPlausibleToday.Year()-1, 0)
	noErr(t, err)
	if shown[TaskOverdue] != 1 || shown[TaskDone]+len(last) < 2 || measured < 2 {
		t.Errorf("榜单 this year %v, last year %d items, %d measured in progress", shown, len(last), measured)
	}
	units, _, err := s.PartnerContributions(YearPeriod(demoPlausibleToday.Year()), 0)
	noErr(t, err)
	giving, visiting := 0, 0
	for _, u := range units {
		if u.Funding > 0 || u.Purchases > 0 {
			giving++
		}
		if u.Visits > 0 {
			visiting++
		}
	}
	if giving < 3 || visiting < 3 {
		t.Errorf("only %d units gave money or bought, %d came, this year: %+v", giving, visiting, units)
	}
	// A unit comes on a day the secretary spent in the village working with it.
	odd, err := queryCount(s.db, `SELECT count(*) FROM worklog_partners wp JOIN worklog_days d ON d.id = wp.day_id
		WHERE wp.deleted_at IS NULL AND (d.presence <> ? OR d.work <> ?)`, PresenceIn, demoPartnerWork)
	noErr(t, err)
	if odd > 0 {
		t.Errorf("%d unit visits on days away or spent on other work", odd)
	}

	// Who pays or is paid for each kind of entry, by what a counterparty's name must say.
	payer := map[string][]string{
		"利息收入": {"银行"}, "利息支出": {"银行"}, "捐赠收入": {"爱心", "慈善", "公司"},
		"财政补助": {"财政", "街道", "农业农村局"}, "运转经费补助": {"财政", "街道", "农业农村局"}, "项目补助": {"财政", "街道", "农业农村局"},
		"增值税附加": {"税务"}, "印花税": {"税务"}, "房产税": {"税务"}, "所得税": {"税务"},
		"水电费": {"供电", "供水", "电力", "自来水"}, "干部报酬": {"干部"}, "差旅费": {"干部"},
		"入股分红": {"公司", "合作社"}, "种苗农资": {"农资", "种苗"}, "困难户救助": {"困难", "户"},
	}
	rows, err := s.db.Query("SELECT DISTINCT category, sub_item, counterparty FROM collective_entries WHERE deleted_at IS NULL")
	noErr(t, err)
	defer rows.Close()
	for rows.Next() {
		var cat, sub, cp string
		noErr(t, rows.Scan(&cat, &sub, &cp))
		if want, ok := payer[sub]; ok && !containsAny(cp, want) {
			t.Errorf("%s/%s with %q: want one of %v", cat, sub, cp, want)
		}
		if cat == IncomeSubsidy && !containsAny(cp, payer["财政补助"]) {
			t.Errorf("%s/%s paid by %q, not a government body", cat, sub, cp)
		}
	}
	noErr(t, rows.Err())
}

func containsAny(s string, parts []string) bool {
	for _, p := range parts {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}
