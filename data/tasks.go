package data

import (
	"database/sql"
	"slices"
	"strings"
)

// 揭榜挂帅: the 榜单 items a first secretary took on (揭榜) and answers for (挂帅).

// Who posted an item (发榜单位).
const (
	PosterCity     = "市"
	PosterDistrict = "区（县）"
	PosterTown     = "镇（街道）"
	PosterPartner  = "帮扶单位" // PosterPartnerID names the unit
)

// TaskPosters lists the posters in the order a form offers them.
var TaskPosters = []string{PosterCity, PosterDistrict, PosterTown, PosterPartner}

// Measurable targets (考核指标). An item without one has its goal in words and its progress typed.
const (
	TargetIncome     = "集体经营性收入" // the village's operating income dated in the item's period, fen
	TargetSales      = "销售额"     // the linked sales events' lines, or the village's sales in the period, fen
	TargetHouseholds = "带动户数"    // the households of the linked projects
	TargetStage      = "项目阶段"    // the first linked project reaching TargetStage
)

// TargetKinds lists the measurable targets in the order a form offers them ("" is none).
var TargetKinds = []string{TargetIncome, TargetSales, TargetHouseholds, TargetStage}

// IsMoneyTarget reports whether a target kind's value is an amount (fen).
func IsMoneyTarget(kind string) bool { return kind == TargetIncome || kind == TargetSales }

// Statuses. TaskOverdue is never stored: an open item past its deadline reads as overdue (StatusOn).
const (
	TaskOpen      = "进行中"
	TaskDone      = "已完成"
	TaskOverdue   = "逾期"
	TaskWithdrawn = "已撤销"
)

// TaskStatuses are the statuses stored; TaskStatusesShown adds the computed 逾期 for filters.
var (
	TaskStatuses      = []string{TaskOpen, TaskDone, TaskWithdrawn}
	TaskStatusesShown = []string{TaskOpen, TaskOverdue, TaskDone, TaskWithdrawn}
)

// Task is one 榜单 item.
type Task struct {
	ID              int64
	UUID            string
	VillageID       int64
	Title           string
	Poster          string // one of TaskPosters
	PosterPartnerID int64  // the partner unit that posted it (Poster 帮扶单位); 0 otherwise
	Goal            string // the goal in words
	TargetKind      string // "" or one of TargetKinds
	TargetValue     int64  // fen for IsMoneyTarget kinds, households for 带动户数; 0 for 项目阶段
	TargetStage     string // 项目阶段: the stage to reach, one of Stages
	TakenOn         Date   // 揭榜日期
	Deadline        Date   // 完成时限
	Responsible     string // 挂帅: the person answering for it
	Status          string // one of TaskStatuses
	Progress        int    // percent, typed by hand where nothing measures it
	ClosedOn        Date   // 办结日期: when done or withdrawn
	ClosingNote     string // 办结说明: what was achieved
	Note            string
}

var taskTable = table[Task]{
	name: "tasks",
	cols: []string{"village_id", "title", "poster", "poster_partner_id", "goal", "target_kind", "target_value", "target_stage",
		"taken_on", "deadline", "responsible", "status", "progress", "closed_on", "closing_note", "note"},
	fields: func(t *Task) []any {
		return []any{&t.ID, &t.UUID, &t.VillageID, &t.Title, &t.Poster, nullableID{&t.PosterPartnerID}, &t.Goal, &t.TargetKind,
			&t.TargetValue, &t.TargetStage, &t.TakenOn, &t.Deadline, &t.Responsible, &t.Status, &t.Progress, &t.ClosedOn,
			&t.ClosingNote, &t.Note}
	},
}

// StatusOn is the status as shown on day today: 逾期 for an item still open after its deadline.
func (t *Task) StatusOn(today Date) string {
	if t.Status == TaskOpen && today.After(t.Deadline) {
		return TaskOverdue
	}
	return t.Status
}

// maxHouseholds bounds a households target.
const maxHouseholds = 10000000

func cleanTask(t *Task) {
	t.Title, t.Goal, t.Responsible, t.ClosingNote, t.Note = clean(t.Title), clean(t.Goal), clean(t.Responsible), clean(t.ClosingNote), clean(t.Note)
}

func validateTask(q querier, t *Task) error {
	c := newCheck("task")
	if err := c.ref(q, "VillageID", "villages", t.VillageID, true); err != nil {
		return err
	}
	c.required("Title", t.Title)
	c.maxLen("Title", t.Title, nameLen)
	c.oneOf("Poster", t.Poster, TaskPosters)
	switch {
	case t.Poster == PosterPartner && t.PosterPartnerID == 0:
		c.fail("PosterPartnerID", "required")
	case t.Poster != PosterPartner && t.PosterPartnerID != 0 && !c.failed("Poster"):
		c.fail("PosterPartnerID", "poster")
	default:
		if err := keptOrLiveRef(q, c, "tasks", t.ID, "PosterPartnerID", "partners", t.PosterPartnerID); err != nil {
			return err
		}
	}
	c.maxLen("Goal", t.Goal, noteLen)
	switch {
	case t.TargetKind == "":
		if t.TargetValue != 0 {
			c.fail("TargetValue", "none")
		}
	case !slices.Contains(TargetKinds, t.TargetKind):
		c.fail("TargetKind", "invalid")
	case t.TargetKind == TargetStage:
		if i := slices.Index(Stages, t.TargetStage); i < 0 || t.TargetStage == StageTerminated {
			c.fail("TargetStage", "invalid")
		}
	case t.TargetValue <= 0:
		c.fail("TargetValue", "positive")
	case IsMoneyTarget(t.TargetKind) && t.TargetValue > int64(MaxAmount), !IsMoneyTarget(t.TargetKind) && t.TargetValue > maxHouseholds:
		c.fail("TargetValue", "large")
	}
	c.date("TakenOn", t.TakenOn)
	c.date("Deadline", t.Deadline)
	if !c.failed("TakenOn") && !c.failed("Deadline") && t.Deadline.Before(t.TakenOn) {
		c.fail("Deadline", "before")
	}
	c.maxLen("Responsible", t.Responsible, nameLen)
	c.oneOf("Status", t.Status, TaskStatuses)
	c.between("Progress", t.Progress, 0, 100)
	switch {
	case t.Status == TaskOpen && !t.ClosedOn.IsZero():
		c.fail("ClosedOn", "open")
	case (t.Status == TaskDone || t.Status == TaskWithdrawn) && t.ClosedOn.IsZero():
		c.fail("ClosedOn", "required")
	case !t.ClosedOn.IsZero():
		c.optionalDate("ClosedOn", t.ClosedOn)
		if !c.failed("ClosedOn") && !c.failed("TakenOn") && t.ClosedOn.Before(t.TakenOn) {
			c.fail("ClosedOn", "before")
		}
	}
	c.maxLen("ClosingNote", t.ClosingNote, noteLen)
	c.maxLen("Note", t.Note, noteLen)
	return c.err()
}

// GetTask returns a live 榜单 item.
func (s *Store) GetTask(id int64) (*Task, error) { return taskTable.load(s.db, id, true) }

// CheckTask runs SaveTask's validation without saving.
func (s *Store) CheckTask(t *Task) error {
	in := *t
	cleanTask(&in)
	return validateTask(s.db, &in)
}

// SaveTask inserts (ID 0) or updates a 榜单 item. A measure other than 项目阶段 clears the stage.
func (s *Store) SaveTask(t *Task) error {
	cleanTask(t)
	if t.TargetKind != TargetStage {
		t.TargetStage = ""
	}
	return saveChild(s, taskTable, t, validateTask)
}

// DeleteTask soft-deletes an item; its links and files stay with it for RestoreTask.
func (s *Store) DeleteTask(id int64) error { return deleteChild(s, taskTable, id) }

// RestoreTask undoes DeleteTask.
func (s *Store) RestoreTask(id int64) error { return restoreChild(s, taskTable, id) }

// TaskLink links an item to one project, contract or sales event that serves it.
type TaskLink struct {
	ID         int64
	UUID       string
	TaskID     int64
	ProjectID  int64
	ContractID int64
	EventID    int64
}

var taskLinkTable = table[TaskLink]{
	name: "task_links",
	cols: []string{"task_id", "project_id", "contract_id", "event_id"},
	fields: func(l *TaskLink) []any {
		return []any{&l.ID, &l.UUID, &l.TaskID, nullableID{&l.ProjectID}, nullableID{&l.ContractID}, nullableID{&l.EventID}}
	},
}

// TaskLinkRow is a link with the linked record in words.
type TaskLinkRow struct {
	TaskLink
	Kind  string // 项目, 合同 or 销售场次
	Label string // the record: a project's name, a contract's code and subject, an event's date, channel and place
	Stage string // a project's current stage
	Total Money  // a sales event's total
}

// AddTaskLink links a live item to a live project, contract or sales event (exactly one), once.
func (s *Store) AddTaskLink(l *TaskLink) error {
	in := *l
	in.ID = 0
	err := s.write(func(tx *Tx) error {
		c := newCheck("task_link")
		if err := c.ref(tx, "TaskID", "tasks", in.TaskID, true); err != nil {
			return err
		}
		n := 0
		for _, r := range []struct {
			field, table string
			id           int64
		}{{"ProjectID", "projects", in.ProjectID}, {"ContractID", "contracts", in.ContractID}, {"EventID", "sale_events", in.EventID}} {
			if r.id != 0 {
				n++
				if err := c.ref(tx, r.field, r.table, r.id, false); err != nil {
					return err
				}
			}
		}
		if n != 1 {
			c.fail("", "owner")
		}
		if err := c.err(); err != nil {
			return err
		}
		dup, err := queryCount(tx, `SELECT count(*) FROM task_links WHERE task_id = ? AND deleted_at IS NULL AND
			(project_id IS ? AND contract_id IS ? AND event_id IS ?)`, in.TaskID, nullableID{&in.ProjectID}, nullableID{&in.ContractID}, nullableID{&in.EventID})
		if err != nil {
			return err
		}
		if dup > 0 {
			c.fail("", "duplicate")
			return c.err()
		}
		return taskLinkTable.save(tx, &in)
	})
	if err == nil {
		*l = in
	}
	return err
}

// DeleteTaskLink removes a link (soft).
func (s *Store) DeleteTaskLink(id int64) error { return deleteChild(s, taskLinkTable, id) }

// RestoreTaskLink undoes DeleteTaskLink.
func (s *Store) RestoreTaskLink(id int64) error { return restoreChild(s, taskLinkTable, id) }

// TaskLinks lists an item's live links to live records: projects, then contracts, then events.
func (s *Store) TaskLinks(taskID int64) ([]TaskLinkRow, error) {
	rows, err := queryRows(s.db, `SELECT l.id, l.uuid, l.task_id, l.project_id, l.contract_id, l.event_id,
			CASE WHEN l.project_id IS NOT NULL THEN '项目' WHEN l.contract_id IS NOT NULL THEN '合同' ELSE '销售场次' END,
			coalesce(p.name, c.code || ' ' || c.subject, e.date || ' ' || e.channel || CASE WHEN e.place = '' THEN '' ELSE ' ' || e.place END),
			CASE WHEN e.id IS NULL THEN 0 ELSE (SELECT coalesce(sum(x.amount), 0) FROM sale_lines x WHERE x.event_id = e.id AND x.deleted_at IS NULL) END
		FROM task_links l
			LEFT JOIN projects p ON p.id = l.project_id AND p.deleted_at IS NULL
			LEFT JOIN contracts c ON c.id = l.contract_id AND c.deleted_at IS NULL
			LEFT JOIN sale_events e ON e.id = l.event_id AND e.deleted_at IS NULL
		WHERE l.task_id = ? AND l.deleted_at IS NULL AND coalesce(p.id, c.id, e.id) IS NOT NULL
		ORDER BY l.project_id IS NULL, l.contract_id IS NULL, e.date, l.id`, []any{taskID}, func(rows *sql.Rows) (TaskLinkRow, error) {
		var r TaskLinkRow
		err := rows.Scan(append(taskLinkTable.fields(&r.TaskLink), &r.Kind, &r.Label, &r.Total)...)
		return r, err
	})
	if err != nil {
		return nil, err
	}
	for i := range rows {
		if rows[i].ProjectID != 0 {
			if rows[i].Stage, err = s.CurrentStage(rows[i].ProjectID); err != nil {
				return nil, err
			}
		}
	}
	return rows, nil
}

// TaskProgress is how far an item has come. Where its target is measurable from linked or
// village records (Measured), Value is what they add up to; otherwise Percent is as typed.
type TaskProgress struct {
	Measured bool
	Value    int64  // so far: fen (money targets) or households
	Target   int64  // the item's TargetValue
	Stage    string // 项目阶段: the first linked project's current stage
	Percent  int    // 0…100, for the bar
	Reached  bool   // the target is met
}

// TaskProgressOf computes an item's progress (see TaskProgress and docs/DATA.md).
func (s *Store) TaskProgressOf(t *Task) (TaskProgress, error) {
	return taskProgress(s, s.db, t)
}

func taskProgress(s *Store, q querier, t *Task) (TaskProgress, error) {
	p := TaskProgress{Target: t.TargetValue}
	period := Period{From: t.TakenOn, To: t.Deadline}
	var err error
	switch t.TargetKind {
	case TargetIncome:
		var in IncomeFigures
		if in, _, err = s.collectiveFigures(period, t.VillageID); err != nil {
			return p, err
		}
		p.Measured, p.Value = true, int64(in.Operating)
	case TargetSales:
		var linked int
		if linked, err = queryCount(q, "SELECT count(*) FROM task_links WHERE task_id = ? AND event_id IS NOT NULL AND deleted_at IS NULL", t.ID); err != nil {
			return p, err
		}
		if linked > 0 {
			err = q.QueryRow(`SELECT coalesce(sum(x.amount), 0) FROM task_links l JOIN sale_events e ON e.id = l.event_id AND e.deleted_at IS NULL
				JOIN sale_lines x ON x.event_id = e.id AND x.deleted_at IS NULL WHERE l.task_id = ? AND l.deleted_at IS NULL`, t.ID).Scan(&p.Value)
		} else {
			var f SalesFigures
			f, err = s.salesFigures(period, t.VillageID)
			p.Value = int64(f.Total)
		}
		p.Measured = true
	case TargetHouseholds:
		var n sql.NullInt64
		err = q.QueryRow(`SELECT sum(p.households) FROM task_links l JOIN projects p ON p.id = l.project_id AND p.deleted_at IS NULL
			WHERE l.task_id = ? AND l.deleted_at IS NULL`, t.ID).Scan(&n)
		p.Measured, p.Value = n.Valid, n.Int64
	case TargetStage:
		var project int64
		err = q.QueryRow(`SELECT coalesce(min(l.project_id), 0) FROM task_links l JOIN projects p ON p.id = l.project_id AND p.deleted_at IS NULL
			WHERE l.task_id = ? AND l.deleted_at IS NULL`, t.ID).Scan(&project)
		if err == nil && project != 0 {
			p.Measured = true
			p.Stage, err = s.CurrentStage(project)
			at, want := slices.Index(Stages, p.Stage), slices.Index(Stages, t.TargetStage)
			if p.Stage == StageTerminated {
				at = -1
			}
			p.Percent, p.Reached = min(100, (at+1)*100/max(want+1, 1)), want >= 0 && at >= want
		}
	}
	if err != nil {
		return p, err
	}
	switch {
	case !p.Measured:
		p.Percent = t.Progress
		if t.Status == TaskDone {
			p.Percent = 100
		}
	case t.TargetKind != TargetStage:
		p.Reached = p.Target > 0 && p.Value >= p.Target
		if p.Target > 0 {
			p.Percent = int(min(100, p.Value*100/p.Target))
		}
	}
	return p, nil
}

// TaskFilter narrows the 榜单; zero fields do not filter.
type TaskFilter struct {
	VillageID int64
	Year      int    // items whose taken-on…deadline span touches the year
	Status    string // one of TaskStatusesShown (逾期 computed on the day)
	Open      bool   // only items 进行中, overdue or not
	Search    string // in the title, goal, responsible person or notes
	Sort      string // deadline, taken, title, status; "" by deadline
	Desc      bool
}

// TaskRow is an item with what the register shows.
type TaskRow struct {
	Task
	Village  string
	PostedBy string // the poster, or the partner unit's name
	Shown    string // StatusOn today
	DaysLeft int    // days from today to the deadline (negative: past it)
	Links    int
	Progress TaskProgress
}

func (f TaskFilter) where(today Date) (string, []any) {
	var c conds
	c.add("t.deleted_at IS NULL")
	if f.VillageID != 0 {
		c.add("t.village_id = ?", f.VillageID)
	}
	if f.Year != 0 {
		y := YearPeriod(f.Year)
		c.add("t.taken_on <= ? AND t.deadline >= ?", y.To, y.From)
	}
	if f.Open {
		c.add("t.status = ?", TaskOpen)
	}
	switch f.Status {
	case "":
	case TaskOverdue:
		c.add("t.status = ? AND t.deadline < ?", TaskOpen, today)
	case TaskOpen:
		c.add("t.status = ? AND t.deadline >= ?", TaskOpen, today)
	default:
		c.add("t.status = ?", f.Status)
	}
	if f.Search != "" {
		p := likePattern(f.Search)
		c.add(`(t.title LIKE ? ESCAPE '\' OR t.goal LIKE ? ESCAPE '\' OR t.responsible LIKE ? ESCAPE '\' OR t.closing_note LIKE ? ESCAPE '\'
			OR t.note LIKE ? ESCAPE '\')`, p, p, p, p, p)
	}
	return c.sql()
}

var taskSorts = map[string]string{"deadline": "t.deadline, t.id", "taken": "t.taken_on, t.id", "title": "t.title, t.id",
	"status": "t.status, t.deadline, t.id"}

// ListTasks reads one page of the 榜单, by deadline unless sorted otherwise, with each item's progress.
func (s *Store) ListTasks(f TaskFilter, offset, limit int) ([]TaskRow, error) {
	today := s.today()
	where, args := f.where(today)
	limit, offset = pageArgs(offset, limit)
	cols := make([]string, len(taskTable.cols))
	for i, c := range taskTable.cols {
		cols[i] = "t." + c
	}
	q := `SELECT t.id, t.uuid, ` + strings.Join(cols, ", ") + `, v.name, coalesce(pt.name, t.poster),
		(SELECT count(*) FROM task_links l WHERE l.task_id = t.id AND l.deleted_at IS NULL)
		FROM tasks t JOIN villages v ON v.id = t.village_id LEFT JOIN partners pt ON pt.id = t.poster_partner_id
		WHERE ` + where + ` ORDER BY ` + sortSQL(f.Sort, f.Desc, taskSorts, "t.deadline, t.id") + ` LIMIT ? OFFSET ?`
	rows, err := queryRows(s.db, q, append(args, limit, offset), func(rows *sql.Rows) (TaskRow, error) {
		var r TaskRow
		err := rows.Scan(append(taskTable.fields(&r.Task), &r.Village, &r.PostedBy, &r.Links)...)
		return r, err
	})
	if err != nil {
		return nil, err
	}
	for i := range rows {
		r := &rows[i]
		r.Shown = r.StatusOn(today)
		r.DaysLeft = daysBetween(today, r.Deadline) - 1
		if r.Progress, err = s.TaskProgressOf(&r.Task); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// CountTasks counts the items ListTasks pages through.
func (s *Store) CountTasks(f TaskFilter) (int, error) {
	where, args := f.where(s.today())
	return queryCount(s.db, "SELECT count(*) FROM tasks t WHERE "+where, args...)
}

// OpenTasks are the items still open (逾期 ones first, then by deadline), for 首页; villageID 0: all.
func (s *Store) OpenTasks(villageID int64, limit int) ([]TaskRow, error) {
	return s.ListTasks(TaskFilter{VillageID: villageID, Open: true}, 0, limit)
}

// TaskResults lists a year's items with their results for the year-end 述职: every item of the year
// (TaskFilter.Year) but the withdrawn, by deadline, each with its status on the day and progress.
func (s *Store) TaskResults(year int, villageID int64) ([]TaskRow, error) {
	rows, err := s.ListTasks(TaskFilter{Year: year, VillageID: villageID}, 0, 1<<20)
	return slices.DeleteFunc(rows, func(r TaskRow) bool { return r.Status == TaskWithdrawn }), err
}

// TaskFigures are the summary's 榜单 figures for a period: the items whose span touches it, the
// withdrawn left out; of them, done and overdue at the cutoff (the period's end, or today if earlier).
type TaskFigures struct {
	Count   int `json:"count"`
	Done    int `json:"done"`
	Overdue int `json:"overdue"`
}

func (s *Store) taskFigures(p Period, villageID int64) (TaskFigures, error) {
	var f TaskFigures
	err := s.db.QueryRow(`SELECT count(*), coalesce(sum(status = ?4), 0), coalesce(sum(status = ?5 AND deadline < ?6), 0)
		FROM tasks WHERE deleted_at IS NULL AND status <> ?7 AND taken_on <= ?2 AND deadline >= ?1 AND (?3 = 0 OR village_id = ?3)`,
		p.From, p.To, villageID, TaskDone, TaskOpen, s.RentCutoff(p), TaskWithdrawn).Scan(&f.Count, &f.Done, &f.Overdue)
	return f, err
}

// TaskFile is a photo or document of an item's closing evidence. Lists leave Data empty.
type TaskFile struct {
	ID       int64
	UUID     string
	TaskID   int64
	FileName string
	Mime     string
	Size     int64
	Data     []byte `json:"-"` // kept out of the audit log
}

var taskFileTable = table[TaskFile]{
	name: "task_files",
	cols: []string{"task_id", "file_name", "mime", "size"},
	fields: func(f *TaskFile) []any {
		return []any{&f.ID, &f.UUID, &f.TaskID, &f.FileName, &f.Mime, &f.Size}
	},
}

// TaskFiles lists an item's evidence without the bytes.
func (s *Store) TaskFiles(taskID int64) ([]TaskFile, error) {
	return taskFileTable.list(s.db, "task_id = ?", "id", taskID)
}

// TaskFileData reads the bytes of a live evidence file.
func (s *Store) TaskFileData(id int64) ([]byte, error) {
	return fileData(s.db, "task_files", id)
}

// AddTaskFile stores a photo or document (f.Data) of a live item and fills its ID, UUID and Size.
func (s *Store) AddTaskFile(f *TaskFile) error {
	in := *f
	in.FileName, in.Mime, in.Size = clean(in.FileName), strings.TrimSpace(in.Mime), int64(len(in.Data))
	err := s.write(func(tx *Tx) error {
		c := newCheck("task_file")
		if err := c.ref(tx, "TaskID", "tasks", in.TaskID, false); err != nil {
			return err
		}
		if in.TaskID == 0 {
			c.fail("TaskID", "missing")
		}
		c.file(in.FileName, in.Data)
		if err := c.err(); err != nil {
			return err
		}
		return taskFileTable.insert(tx, &in, column{"data", in.Data})
	})
	if err == nil {
		*f = in
	}
	return err
}

// DeleteTaskFile soft-deletes an evidence file.
func (s *Store) DeleteTaskFile(id int64) error { return deleteChild(s, taskFileTable, id) }

// RestoreTaskFile undoes DeleteTaskFile.
func (s *Store) RestoreTaskFile(id int64) error { return restoreChild(s, taskFileTable, id) }

// EventChoice is a sales event as the link picker offers it.
type EventChoice struct {
	ID    int64
	Label string // date, channel, place or buyer, total
}

// EventChoices lists a village's live sales events dated from…to, newest first; at most limit (0: 500).
func (s *Store) EventChoices(villageID int64, from, to Date, limit int) ([]EventChoice, error) {
	if limit <= 0 {
		limit = 500
	}
	return queryRows(s.db, `SELECT e.id, e.date || ' ' || e.channel || ' ' || CASE WHEN e.buyer <> '' THEN e.buyer ELSE e.place END,
			(SELECT coalesce(sum(x.amount), 0) FROM sale_lines x WHERE x.event_id = e.id AND x.deleted_at IS NULL)
		FROM sale_events e WHERE e.deleted_at IS NULL AND e.village_id = ? AND e.date BETWEEN ? AND ?
		ORDER BY e.date DESC, e.id DESC LIMIT ?`, []any{villageID, from, to, limit}, func(rows *sql.Rows) (EventChoice, error) {
		var c EventChoice
		var total Money
		err := rows.Scan(&c.ID, &c.Label, &total)
		c.Label += " " + total.String()
		return c, err
	})
}
