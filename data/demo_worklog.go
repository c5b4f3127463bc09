package data

import "time"

// The demo's 驻村工作日志: the first secretary lives in the first village. Most working days are
// spent there (visiting households of the seller list, now and then someone not on it, with a
// few problems raised and mostly solved); other days away at meetings, training or on leave;
// a weekend day in the village now and then.
var (
	demoWorkInVillage = []string{"走访脱贫户和监测户，了解收入和就业情况", "查看大棚蔬菜长势，协调技术员现场指导",
		"召开村两委会议，研究集体经济项目推进", "协调灌溉用水，检查机井和水渠", "入户宣传医保和养老保险缴费政策",
		"到合作社了解订单和销售情况", "组织党员志愿服务，清理村内环境卫生", "整理帮扶项目资料，核对资金拨付台账",
		demoPartnerWork, "检查村集体冷库运行和管护", "走访种植户，统计夏粮收成", "参加村民代表会议，听取群众意见"}
	demoWorkAway = map[string][]string{
		"开会": {"参加街道驻村工作例会", "参加区农业农村局乡村振兴工作会议", "参加派出单位党组会汇报驻村工作"},
		"培训": {"参加全市第一书记能力提升培训", "参加电商直播带货培训"},
		"出差": {"到对口帮扶企业洽谈农产品采购", "到市里办理项目资金拨付手续"},
		"请假": {"事假"},
		"其他": {"陪同考察团到邻村学习"},
	}
	demoProblems = []struct{ problem, how string }{
		{"村东路灯不亮，晚上出行不便", "联系电工更换灯泡和线路"},
		{"反映低保复核结果有疑问", "陪同到街道民政办查询，解释复核标准"},
		{"灌溉水渠堵塞，影响浇地", "组织党员志愿者清淤"},
		{"孩子上学交通不便", "与街道协调校车增加停靠点"},
		{"家里老人看病报销不清楚", "讲解医保报销流程，帮助准备材料"},
		{"苹果滞销，担心卖不出去", "联系帮扶单位食堂采购，安排直播带货"},
		{"房屋漏雨，需要维修", "上报危房改造，先帮助临时修补"},
	}
)

func (g *demoGen) makeWorkLog() error {
	if len(g.villages) == 0 {
		return nil
	}
	v := g.villages[0]
	var households []*Seller
	for _, x := range g.sellers[v.ID] {
		if x.Kind == SellerKinds[0] {
			households = append(households, x)
		}
	}
	reasons := []string{"开会", "开会", "开会", "开会", "培训", "培训", "出差", "出差", "请假", "其他"}
	photos := 0
	// A few villagers the secretary visits who sell nothing, so are not on the seller list.
	others := make([]string, 6)
	for i := range others {
		others[i] = g.personName()
	}
	for d := g.first; !d.After(g.opt.Today); d = d.AddDays(1) {
		if err := g.ctx.Err(); err != nil {
			return err
		}
		weekend := d.Time().Weekday() == time.Saturday || d.Time().Weekday() == time.Sunday
		day := WorkDay{VillageID: v.ID, Date: d, Presence: PresenceIn}
		switch r := g.rnd.IntN(100); {
		case weekend && r >= 12:
			continue // a weekend at home
		case !weekend && r < 12:
			day.Presence, day.Reason = PresenceAway, g.pick(reasons)
			day.Work = g.pick(demoWorkAway[day.Reason])
		default:
			day.Work = g.pick(demoWorkInVillage)
			for range g.between(0, 4) {
				if len(households) > 0 && g.rnd.IntN(10) > 0 {
					x := households[g.rnd.IntN(len(households))]
					if !visited(day.Visits, x.ID) {
						day.Visits = append(day.Visits, WorkVisit{SellerID: x.ID})
					}
				} else {
					day.Visits = append(day.Visits, WorkVisit{Name: g.pick(others)})
				}
			}
			if g.rnd.IntN(100) < 15 {
				p := demoProblems[g.rnd.IntN(len(demoProblems))]
				solved := g.rnd.IntN(100) < 75 || d.AddDays(30).Before(g.opt.Today) && g.rnd.IntN(2) == 0
				how := p.how
				if !solved {
					how = "已登记，下一步跟进：" + p.how
				}
				day.Issues = append(day.Issues, WorkIssue{Problem: p.problem, Solved: solved, How: how})
			}
		}
		if err := g.s.SaveWorkDay(&day); err != nil {
			return err
		}
		if len(day.Visits) >= 3 && g.rnd.IntN(20) == 0 && photos < 12 {
			photos++
			f := &WorkFile{DayID: day.ID, FileName: "走访照片.png", Mime: "image/png", Data: demoPhoto(g.rnd)}
			if err := g.s.AddWorkFile(f); err != nil {
				return err
			}
		}
	}
	return nil
}

func visited(visits []WorkVisit, sellerID int64) bool {
	for _, x := range visits {
		if x.SellerID == sellerID {
			return true
		}
	}
	return false
}

// demoPartnerWork is the work of a day the secretary spent with a partner unit.
const demoPartnerWork = "对接帮扶单位，商量助农采购"

// makePartnerVisits names, on the work-log days spent with a partner unit, the unit that came:
// the units in turn, every third day two of them. It runs last and draws no random numbers, so
// the rest of the demo is as before.
func (g *demoGen) makePartnerVisits() error {
	if len(g.villages) == 0 || len(g.partners) < 2 {
		return nil
	}
	ids, err := queryIDs(g.s.db, "SELECT id FROM worklog_days WHERE village_id = ? AND work = ? AND deleted_at IS NULL ORDER BY date",
		g.villages[0].ID, demoPartnerWork)
	if err != nil {
		return err
	}
	for i, id := range ids {
		day, err := g.s.GetWorkDay(id)
		if err != nil {
			return err
		}
		day.PartnerIDs = []int64{g.partners[i%len(g.partners)].ID}
		if i%3 == 2 {
			day.PartnerIDs = append(day.PartnerIDs, g.partners[(i+1)%len(g.partners)].ID)
		}
		if err := g.s.SaveWorkDay(day); err != nil {
			return err
		}
	}
	return nil
}
