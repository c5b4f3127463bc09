package data

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// 驻村工作日志: where the first secretary was each day and what was done there.
const (
	PresenceIn   = "在村"
	PresenceAway = "外出"
)

// Presences are the two ways a day is spent.
var Presences = []string{PresenceIn, PresenceAway}

// AwayReasons are why a day was spent away from the village.
var AwayReasons = []string{"开会", "培训", "出差", "请假", "其他"}

// DefaultWorkDaysTarget is the days in the village a month asks for when 设置 names none.
const DefaultWorkDaysTarget = 20

// SettingWorkDaysTarget is the 每月在村天数目标.
const SettingWorkDaysTarget = "worklog_days_target"

// WorkDay is one day of the log. Visits and Issues are its rows, saved with it by SaveWorkDay.
type WorkDay struct {
	ID        int64
	UUID      string
	VillageID int64
	Date      Date
	Presence  string      // PresenceIn or PresenceAway
	Reason    string      // 外出: one of AwayReasons; "" in the village
	Work      string      // 工作内容
	Visits    []WorkVisit `json:"-"` // audited as rows of their own
	Issues    []WorkIssue `json:"-"`
	// 帮扶单位来访: the partner units that came or helped that day, by ID; audited as
	// worklog_partners rows.
	PartnerIDs []int64 `json:"-"`
}

var workDayTable = table[WorkDay]{
	name: "worklog_days",
	cols: []string{"village_id", "date", "presence", "reason", "work"},
	fields: func(d *WorkDay) []any {
		return []any{&d.ID, &d.UUID, &d.VillageID, &d.Date, &d.Presence, &d.Reason, &d.Work}
	},
	more: func(q querier, d *WorkDay) error {
		var err error
		if d.Visits, err = workVisits(q, d.ID); err != nil {
			return err
		}
		if d.Issues, err = workIssueTable.list(q, "day_id = ?", "id", d.ID); err != nil {
			return err
		}
		d.PartnerIDs, err = queryIDs(q, "SELECT partner_id FROM worklog_partners WHERE day_id = ? AND deleted_at IS NULL ORDER BY partner_id", d.ID)
		return err
	},
	audit: func(d *WorkDay) any { x := *d; x.Visits, x.Issues, x.PartnerIDs = nil, nil, nil; return x },
}

// WorkVisit is a household visited: a seller of the list, or a name typed (SellerID 0).
type WorkVisit struct {
	ID       int64
	UUID     string
	DayID    int64
	SellerID int64
	Name     string // typed; for a seller of the list the seller's name as the list holds it now
}

var workVisitTable = table[WorkVisit]{
	name: "worklog_visits",
	cols: []string{"day_id", "seller_id", "name"},
	fields: func(v *WorkVisit) []any {
		return []any{&v.ID, &v.UUID, &v.DayID, nullableID{&v.SellerID}, &v.Name}
	},
}

// workVisits reads a day's live visits, a listed seller's name from the seller list.
func workVisits(q querier, dayID int64) ([]WorkVisit, error) {
	return queryRows(q, `SELECT v.id, v.uuid, v.day_id, coalesce(v.seller_id, 0), coalesce(s.name, v.name)
		FROM worklog_visits v LEFT JOIN sellers s ON s.id = v.seller_id
		WHERE v.day_id = ? AND v.deleted_at IS NULL ORDER BY v.id`, []any{dayID}, func(rows *sql.Rows) (WorkVisit, error) {
		var v WorkVisit
		err := rows.Scan(&v.ID, &v.UUID, &v.DayID, &v.SellerID, &v.Name)
		return v, err
	})
}

// WorkIssue is one line of the 民情日记: a problem raised, whether it was solved and how.
type WorkIssue struct {
	ID      int64
	UUID    string
	DayID   int64
	Problem string
	Solved  bool
	How     string
}

var workIssueTable = table[WorkIssue]{
	name: "worklog_issues",
	cols: []string{"day_id", "problem", "solved", "how"},
	fields: func(x *WorkIssue) []any {
		return []any{&x.ID, &x.UUID, &x.DayID, &x.Problem, &x.Solved, &x.How}
	},
}

// WorkPartner is a partner unit that came to the village or helped on a logged day.
type WorkPartner struct {
	ID        int64
	UUID      string
	DayID     int64
	PartnerID int64
}

var workPartnerTable = table[WorkPartner]{
	name: "worklog_partners",
	cols: []string{"day_id", "partner_id"},
	fields: func(x *WorkPartner) []any {
		return []any{&x.ID, &x.UUID, &x.DayID, &x.PartnerID}
	},
}

// maxDayRows bounds the visits and the issues of one day.
const maxDayRows = 200

func (d *WorkDay) tidy() {
	d.Presence, d.Reason, d.Work = clean(d.Presence), clean(d.Reason), clean(d.Work)
	if d.Presence == PresenceIn {
		d.Reason = ""
	}
	visits := d.Visits[:0:0]
	for _, v := range d.Visits {
		v.Name = clean(v.Name)
		if v.SellerID != 0 || v.Name != "" {
			visits = append(visits, v)
		}
	}
	d.Visits = visits
	issues := d.Issues[:0:0]
	for _, x := range d.Issues {
		x.Problem, x.How = clean(x.Problem), clean(x.How)
		if x.Problem != "" || x.How != "" {
			issues = append(issues, x)
		}
	}
	d.Issues = issues
	d.PartnerIDs = cleanIDs(d.PartnerIDs)
}

func validateWorkDay(q querier, d *WorkDay) error {
	c := newCheck("workday")
	if err := c.ref(q, "VillageID", "villages", d.VillageID, true); err != nil {
		return err
	}
	c.date("Date", d.Date)
	if !c.failed("Date") && !c.failed("VillageID") {
		var other int64
		err := q.QueryRow("SELECT id FROM worklog_days WHERE village_id = ? AND date = ? AND id <> ? AND deleted_at IS NULL",
			d.VillageID, d.Date, d.ID).Scan(&other)
		switch {
		case err == nil:
			c.fail("Date", "duplicate")
			c.For("Date").Msg = fmt.Sprintf("%s已经记了工作日志，每天只记一条：请在日历上点这一天修改原来的日志", d.Date.Chinese())
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
	}
	c.oneOf("Presence", d.Presence, Presences)
	if d.Presence == PresenceAway {
		c.oneOf("Reason", d.Reason, AwayReasons)
	}
	c.maxLen("Work", d.Work, noteLen)
	if len(d.Visits) > maxDayRows {
		c.fail("Visits", "many")
	}
	for i, v := range d.Visits {
		c.prefix = "Visits[" + strconv.Itoa(i) + "]."
		if v.SellerID != 0 {
			if err := c.ref(q, "SellerID", "sellers", v.SellerID, false); err != nil {
				return err
			}
		}
		c.maxLen("Name", v.Name, nameLen)
	}
	c.prefix = ""
	if len(d.Issues) > maxDayRows {
		c.fail("Issues", "many")
	}
	for i, x := range d.Issues {
		c.prefix = "Issues[" + strconv.Itoa(i) + "]."
		c.required("Problem", x.Problem)
		c.maxLen("Problem", x.Problem, noteLen)
		c.maxLen("How", x.How, noteLen)
	}
	c.prefix = ""
	if len(d.PartnerIDs) > maxDayRows {
		c.fail("PartnerIDs", "many")
	}
	for _, id := range d.PartnerIDs {
		// A unit deleted since it was recorded stays on the day; a new one must be live.
		kept, err := queryCount(q, "SELECT count(*) FROM worklog_partners WHERE day_id = ? AND partner_id = ? AND deleted_at IS NULL", d.ID, id)
		if err != nil {
			return err
		}
		if ok, err := liveExists(q, "partners", id); err != nil {
			return err
		} else if !ok && kept == 0 && !c.failed("PartnerIDs") {
			c.fail("PartnerIDs", "missing")
		}
	}
	return c.err()
}

// linkVisits gives a typed name the seller of the day's village it names, when exactly one has it.
func linkVisits(q querier, d *WorkDay) error {
	for i := range d.Visits {
		v := &d.Visits[i]
		if v.SellerID != 0 || v.Name == "" {
			continue
		}
		ids, err := queryIDs(q, "SELECT id FROM sellers WHERE name = ? AND village_id = ? AND deleted_at IS NULL LIMIT 2", v.Name, d.VillageID)
		if err != nil {
			return err
		}
		if len(ids) == 1 {
			v.SellerID = ids[0]
		}
	}
	return nil
}

// GetWorkDay returns a live day with its visits and issues.
func (s *Store) GetWorkDay(id int64) (*WorkDay, error) { return workDayTable.load(s.db, id, true) }

// WorkDayOn returns the village's live entry for the date; nil when there is none.
func (s *Store) WorkDayOn(villageID int64, d Date) (*WorkDay, error) {
	x, err := workDayTable.find(s.db, "village_id = ? AND date = ?", villageID, d)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	return x, err
}

// CheckWorkDay runs SaveWorkDay's validation without saving.
func (s *Store) CheckWorkDay(d *WorkDay) error {
	in := *d
	in.tidy()
	return validateWorkDay(s.db, &in)
}

// SaveWorkDay inserts (ID 0) or updates a day with its visits and issues: rows without an ID are
// added, rows left out are deleted. Empty rows are dropped; a typed name that is exactly one
// seller's of the village is linked to that seller.
func (s *Store) SaveWorkDay(d *WorkDay) error {
	in := *d
	in.tidy()
	err := s.write(func(tx *Tx) error {
		if err := validateWorkDay(tx, &in); err != nil {
			return err
		}
		if err := linkVisits(tx, &in); err != nil {
			return err
		}
		if err := workDayTable.save(tx, &in); err != nil {
			return err
		}
		for i := range in.Visits {
			in.Visits[i].DayID = in.ID
		}
		for i := range in.Issues {
			in.Issues[i].DayID = in.ID
		}
		if err := replaceRows(tx, workVisitTable, in.ID, in.Visits, func(v *WorkVisit) *int64 { return &v.ID }, func(v *WorkVisit) {
			if v.SellerID != 0 {
				v.Name = ""
			}
		}); err != nil {
			return err
		}
		if err := replaceRows(tx, workIssueTable, in.ID, in.Issues, func(x *WorkIssue) *int64 { return &x.ID }, nil); err != nil {
			return err
		}
		return saveWorkPartners(tx, in.ID, in.PartnerIDs)
	})
	if err == nil {
		fresh, lerr := s.GetWorkDay(in.ID)
		if lerr == nil {
			in = *fresh
		}
		*d = in
	}
	return err
}

// saveWorkPartners makes the day's live units exactly ids: a unit already recorded keeps its row.
func saveWorkPartners(tx *Tx, dayID int64, ids []int64) error {
	old, err := workPartnerTable.list(tx, "day_id = ?", "id", dayID)
	if err != nil {
		return err
	}
	var rows []WorkPartner
	for _, id := range ids {
		x := WorkPartner{DayID: dayID, PartnerID: id}
		if i := slices.IndexFunc(old, func(o WorkPartner) bool { return o.PartnerID == id }); i >= 0 {
			x = old[i]
		}
		rows = append(rows, x)
	}
	return replaceRows(tx, workPartnerTable, dayID, rows, func(x *WorkPartner) *int64 { return &x.ID }, nil)
}

// replaceRows makes a day's live rows of t exactly rows: saves each that changed (prepare adjusts
// what is stored) and deletes the live rows no longer listed.
func replaceRows[T comparable](tx *Tx, t table[T], dayID int64, rows []T, id func(*T) *int64, prepare func(*T)) error {
	existing, err := queryIDs(tx, "SELECT id FROM "+t.name+" WHERE day_id = ? AND deleted_at IS NULL", dayID)
	if err != nil {
		return err
	}
	keep := map[int64]bool{}
	for i := range rows {
		x := &rows[i]
		if n := *id(x); n != 0 {
			if !containsID(existing, n) {
				return fmt.Errorf("第%d行：%w", i+1, ErrNotFound)
			}
			keep[n] = true
		}
		if prepare != nil {
			prepare(x)
		}
		if n := *id(x); n != 0 {
			old, err := t.load(tx, n, true)
			if err != nil {
				return err
			}
			if *old == *x {
				continue // unchanged: no update in the history
			}
		}
		if err := t.save(tx, x); err != nil {
			return err
		}
	}
	for _, n := range existing {
		if !keep[n] {
			if err := t.delete(tx, n); err != nil {
				return err
			}
		}
	}
	return nil
}

// DeleteWorkDay soft-deletes a day; its visits, issues and photos stay with it for RestoreWorkDay.
func (s *Store) DeleteWorkDay(id int64) error { return deleteChild(s, workDayTable, id) }

// RestoreWorkDay undoes DeleteWorkDay, unless the day has been logged again meanwhile.
func (s *Store) RestoreWorkDay(id int64) error { return restoreChild(s, workDayTable, id) }

// WorkFile is a photo of a day, stored inside the database. Lists leave Data empty; WorkFileData reads it.
type WorkFile struct {
	ID       int64
	UUID     string
	DayID    int64
	FileName string
	Mime     string
	Size     int64
	Data     []byte `json:"-"` // kept out of the audit log
}

var workFileTable = table[WorkFile]{
	name: "worklog_files",
	cols: []string{"day_id", "file_name", "mime", "size"},
	fields: func(f *WorkFile) []any {
		return []any{&f.ID, &f.UUID, &f.DayID, &f.FileName, &f.Mime, &f.Size}
	},
}

// WorkFiles lists a day's photos without their bytes.
func (s *Store) WorkFiles(dayID int64) ([]WorkFile, error) {
	return workFileTable.list(s.db, "day_id = ?", "id", dayID)
}

// WorkFileData reads the bytes of a live photo.
func (s *Store) WorkFileData(id int64) ([]byte, error) {
	return fileData(s.db, "worklog_files", id)
}

// AddWorkFile stores a new photo (f.Data holds it) of a live day and fills its ID, UUID and Size.
func (s *Store) AddWorkFile(f *WorkFile) error {
	in := *f
	in.FileName, in.Mime, in.Size = clean(in.FileName), clean(in.Mime), int64(len(in.Data))
	err := s.write(func(tx *Tx) error {
		c := newCheck("workfile")
		if err := c.ref(tx, "DayID", "worklog_days", in.DayID, true); err != nil {
			return err
		}
		c.file(in.FileName, in.Data)
		if err := c.err(); err != nil {
			return err
		}
		return workFileTable.insert(tx, &in, column{"data", in.Data})
	})
	if err == nil {
		*f = in
	}
	return err
}

// DeleteWorkFile soft-deletes a photo.
func (s *Store) DeleteWorkFile(id int64) error { return deleteChild(s, workFileTable, id) }

// RestoreWorkFile undoes DeleteWorkFile.
func (s *Store) RestoreWorkFile(id int64) error { return restoreChild(s, workFileTable, id) }

// WorkDaysTarget is the 每月在村天数目标 set in 设置 (DefaultWorkDaysTarget when none is).
func (s *Store) WorkDaysTarget() (int, error) {
	v, err := s.Setting(SettingWorkDaysTarget)
	if err != nil || v == "" {
		return DefaultWorkDaysTarget, err
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return DefaultWorkDaysTarget, nil
	}
	return n, nil
}

// SetWorkDaysTarget stores the 每月在村天数目标: whole days, 1 to 31.
func (s *Store) SetWorkDaysTarget(days int) error {
	c := newCheck("setting")
	c.between("WorkDaysTarget", days, 1, 31)
	if err := c.err(); err != nil {
		return err
	}
	return s.SetSetting(SettingWorkDaysTarget, strconv.Itoa(days))
}

// WorkDayRow is one day of a month's calendar.
type WorkDayRow struct {
	ID       int64
	Date     Date
	Presence string
	Reason   string
	Visits   int // households visited
	Issues   int // 民情日记 lines
}

// WorkMonth lists the village's logged days of a month, by date (one row a day).
func (s *Store) WorkMonth(villageID int64, year, month int) ([]WorkDayRow, error) {
	p := MonthPeriod(year, month)
	return queryRows(s.db, `SELECT d.id, d.date, d.presence, d.reason,
		(SELECT count(*) FROM worklog_visits v WHERE v.day_id = d.id AND v.deleted_at IS NULL),
		(SELECT count(*) FROM worklog_issues x WHERE x.day_id = d.id AND x.deleted_at IS NULL)
		FROM worklog_days d WHERE d.village_id = ? AND d.date BETWEEN ? AND ? AND d.deleted_at IS NULL ORDER BY d.date`,
		[]any{villageID, p.From, p.To}, func(rows *sql.Rows) (WorkDayRow, error) {
			var r WorkDayRow
			err := rows.Scan(&r.ID, &r.Date, &r.Presence, &r.Reason, &r.Visits, &r.Issues)
			return r, err
		})
}

// WorkDays are the live days of a period (villageID 0: every village) with their visits, issues
// and partner units, by date: the 驻村工作日志 sheet of the yearly workbook.
func (s *Store) WorkDays(p Period, villageID int64) ([]WorkDay, error) {
	return workDayTable.list(s.db, "date BETWEEN ? AND ? AND (? = 0 OR village_id = ?)", "date, village_id", p.From, p.To, villageID, villageID)
}

// WorkLogFigures count a period's log (villageID 0: all villages). A day counts once however many
// villages logged it; a household once however often it was visited.
type WorkLogFigures struct {
	DaysLogged    int `json:"days_logged"`
	DaysInVillage int `json:"days_in_village"`
	DaysAway      int `json:"days_away"`
	Visits        int `json:"visits"`     // 走访人次
	Households    int `json:"households"` // distinct households visited
	Issues        int `json:"issues"`     // 民情日记: problems raised
	Solved        int `json:"solved"`     // of them solved
}

// WorkLogFigures counts the log of a period; the month's figures on the calendar and 首页, the
// year's in the summary and the 述职 come from here.
func (s *Store) WorkLogFigures(p Period, villageID int64) (WorkLogFigures, error) {
	var f WorkLogFigures
	err := s.db.QueryRow(workLogFiguresSQL(villageID), p.From, p.To, villageID, PresenceIn).Scan(&f.DaysLogged, &f.DaysInVillage, &f.DaysAway, &f.Visits, &f.Households, &f.Issues, &f.Solved)
	return f, err
}

// workLogFiguresSQL counts the days of ?1..?2 of village ?3 (0: all) with presence ?4, reading the
// indexes of migration 0015 (TestSummaryReadsCoveringIndexes): one village's days by its own index.
func workLogFiguresSQL(villageID int64) string {
	days := "worklog_days WHERE ?3 = 0 AND"
	if villageID != 0 {
		// Without statistics SQLite would rather scan every village's days in the covering index.
		days = "worklog_days INDEXED BY worklog_days_live_date WHERE village_id = ?3 AND"
	}
	// d is read once into a temporary table; the visits and the issues are each read once (count
	// and households, count and solved together): at 1,000 villages, 272,000 days a year.
	return `WITH d AS MATERIALIZED (SELECT id, date, presence FROM ` + days + ` deleted_at IS NULL AND date BETWEEN ?1 AND ?2),
		dates AS MATERIALIZED (SELECT max(presence = ?4) AS present FROM d GROUP BY date),
		vis AS (SELECT count(*) AS n, count(DISTINCT CASE WHEN v.seller_id IS NOT NULL THEN 's' || v.seller_id ELSE 'n' || v.name END) AS households
			FROM d JOIN worklog_visits v ON v.day_id = d.id WHERE v.deleted_at IS NULL),
		iss AS (SELECT count(*) AS n, coalesce(sum(x.solved), 0) AS solved FROM d JOIN worklog_issues x ON x.day_id = d.id WHERE x.deleted_at IS NULL)
		SELECT (SELECT count(*) FROM dates), (SELECT count(*) FROM dates WHERE present), (SELECT count(*) FROM dates WHERE NOT present),
			vis.n, vis.households, iss.n, iss.solved FROM vis, iss`
}
