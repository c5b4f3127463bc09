package data

import (
	"database/sql"
	"slices"
)

// makePartnerWork adds what the 帮扶组团 did besides money: the people each unit sent, and this
// year's unit purchases linked to the buying unit (earlier years stay as typed, for the window's
// linking preview to offer).
func (g *demoGen) makePartnerWork() error {
	v := g.villages[0]
	staff := []PartnerStaff{
		{PartnerID: g.partners[0].ID, DateFrom: g.first, People: 1, Names: "王立新", Note: "第一书记"},
		{PartnerID: g.partners[0].ID, DateFrom: MustDate(g.opt.Today.Year(), 3, 1), People: 2, Names: "李明、赵静", Note: "驻村工作队队员"},
		{PartnerID: g.partners[1].ID, DateFrom: MustDate(g.opt.Today.Year()-1, 4, 1), DateTo: MustDate(g.opt.Today.Year()-1, 12, 31),
			People: 1, Names: "陈刚", Note: "挂职指导电商运营"},
		{PartnerID: g.partners[2].ID, DateFrom: MustDate(g.opt.Today.Year(), 5, 1), People: 3, Note: "社区志愿者结对帮扶"},
	}
	for i := range staff {
		staff[i].VillageID = v.ID
		if staff[i].DateFrom.After(g.opt.Today) {
			staff[i].DateFrom = g.opt.Today
		}
		if err := g.s.SavePartnerStaff(&staff[i]); err != nil {
			return err
		}
	}
	matches, err := g.s.PartnerSaleMatches(0)
	if err != nil {
		return err
	}
	this := slices.DeleteFunc(matches, func(m PartnerSaleMatch) bool { return m.Date.Year() != g.opt.Today.Year() })
	if len(this) == 0 {
		return nil
	}
	_, err = g.s.LinkPartnerSales(this)
	return err
}

// makeTasks fills the 榜单: in the first village this year's items (income and sales targets in
// progress, a project to reach 验收, one item in words past its deadline) and last year's, done;
// in every other village an income target.
func (g *demoGen) makeTasks() error {
	today := g.opt.Today
	y := today.Year()
	v := g.villages[0]
	var tasks []Task
	for _, other := range g.villages[1:] {
		tasks = append(tasks, Task{VillageID: other.ID, Title: "村集体经营性收入达到15万元", Poster: PosterTown, TargetKind: TargetIncome,
			TargetValue: 15_000_000, TakenOn: MustDate(y, 1, 1), Deadline: MustDate(y, 12, 31), Responsible: "村党支部书记", Status: TaskOpen,
			Goal: "盘活闲置资产，发展村集体经济"})
	}
	income := Task{VillageID: v.ID, Title: "村集体经营性收入突破20万元", Poster: PosterTown, TargetKind: TargetIncome, TargetValue: 20_000_000,
		TakenOn: MustDate(y, 1, 1), Deadline: MustDate(y, 12, 31), Responsible: "王立新", Status: TaskOpen,
		Goal: "通过冷库、大棚出租和光伏收益，年内村集体经营性收入突破20万元"}
	sales := Task{VillageID: v.ID, Title: "帮扶单位消费帮扶采购3万元", Poster: PosterPartner, PosterPartnerID: g.partners[1].ID,
		TargetKind: TargetSales, TargetValue: 3_000_000, TakenOn: MustDate(y, 1, 1), Deadline: MustDate(y, 12, 31), Responsible: "王立新",
		Status: TaskOpen, Goal: "组织帮扶单位食堂、工会采购本村农产品"}
	words := Task{VillageID: v.ID, Title: "建成村级电商服务站并投入运营", Poster: PosterCity, TakenOn: today.AddDays(-200),
		Deadline: today.AddDays(-12), Responsible: "李明", Status: TaskOpen, Progress: 80,
		Goal: "完成场地装修、设备采购和人员培训，开通网店"}
	lastYear := Task{VillageID: v.ID, Title: "带动脱贫户和监测户增收", Poster: PosterDistrict, TargetKind: TargetHouseholds, TargetValue: 60,
		TakenOn: MustDate(y-1, 2, 1), Deadline: MustDate(y-1, 12, 31), Responsible: "王立新", Status: TaskDone,
		ClosedOn: MustDate(y-1, 12, 20), ClosingNote: "产业项目带动农户务工和分红，年度目标完成"}
	tasks = append(tasks, income, sales, words, lastYear)
	for i := range tasks {
		if err := g.s.SaveTask(&tasks[i]); err != nil {
			return err
		}
	}
	sales, lastYear = tasks[len(tasks)-3], tasks[len(tasks)-1]
	// The year's unit purchases serve the sales item; last year's projects helped the households.
	events, err := queryRows(g.s.db, `SELECT id FROM sale_events WHERE village_id = ? AND partner_id IS NOT NULL AND deleted_at IS NULL
		AND date >= ? ORDER BY date, id`, []any{v.ID, MustDate(y, 1, 1)}, scanValue[int64])
	if err != nil {
		return err
	}
	for _, id := range events {
		if err := g.s.AddTaskLink(&TaskLink{TaskID: sales.ID, EventID: id}); err != nil {
			return err
		}
	}
	projects, err := queryRows(g.s.db, `SELECT p.id FROM projects p JOIN project_villages pv ON pv.project_id = p.id AND pv.village_id = ?
		WHERE p.deleted_at IS NULL AND p.year_started <= ? ORDER BY p.id`, []any{v.ID, y - 1}, scanValue[int64])
	if err != nil {
		return err
	}
	for _, id := range projects[:min(2, len(projects))] {
		if err := g.s.AddTaskLink(&TaskLink{TaskID: lastYear.ID, ProjectID: id}); err != nil {
			return err
		}
	}
	return g.stageTask(v, y)
}

// stageTask is the item a project answers: the village's project furthest past 验收 this year is
// done, with the date it got there and a photo; without one, the one being built is in progress.
func (g *demoGen) stageTask(v *Village, y int) error {
	type reached struct {
		id   int64
		name string
		date Date
	}
	rows, err := queryRows(g.s.db, `SELECT p.id, p.name, coalesce((SELECT min(sc.date) FROM stage_changes sc WHERE sc.project_id = p.id
			AND sc.stage = ? AND sc.deleted_at IS NULL), '') FROM projects p JOIN project_villages pv ON pv.project_id = p.id AND pv.village_id = ?
		WHERE p.deleted_at IS NULL ORDER BY p.id`, []any{StageAccepted, v.ID}, func(r *sql.Rows) (reached, error) {
		var x reached
		err := r.Scan(&x.id, &x.name, &x.date)
		return x, err
	})
	if err != nil {
		return err
	}
	var pick *reached
	for i := range rows {
		if !rows[i].date.IsZero() && rows[i].date.Year() == y {
			pick = &rows[i]
			break
		}
	}
	t := Task{VillageID: v.ID, Poster: PosterDistrict, TargetKind: TargetStage, TargetStage: StageAccepted, TakenOn: MustDate(y, 1, 1),
		Deadline: MustDate(y, 10, 31), Responsible: "王立新", Status: TaskOpen}
	if pick == nil {
		for i := range rows {
			if rows[i].date.IsZero() {
				pick = &rows[i]
				break
			}
		}
	} else {
		t.Status, t.ClosedOn, t.ClosingNote = TaskDone, pick.date, "项目通过竣工验收，资料已归档"
	}
	if pick == nil {
		return nil
	}
	t.Title = "“" + pick.name + "”年内完成验收"
	if t.Deadline.Before(g.opt.Today) && t.Status == TaskOpen {
		t.Deadline = MustDate(y, 12, 31) // one item overdue is enough
	}
	if err := g.s.SaveTask(&t); err != nil {
		return err
	}
	if err := g.s.AddTaskLink(&TaskLink{TaskID: t.ID, ProjectID: pick.id}); err != nil {
		return err
	}
	if t.Status != TaskDone {
		return nil
	}
	return g.s.AddTaskFile(&TaskFile{TaskID: t.ID, FileName: "验收现场.png", Mime: "image/png", Data: demoPhoto(g.rnd)})
}
