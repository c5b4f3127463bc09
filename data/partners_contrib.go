package data

import (
	"database/sql"
	"strconv"
	"strings"
)

// 帮扶组团: what each partner unit gave a village — money (funding lines naming it), goods bought
// (sales events whose buyer is linked to it), projects it takes part in, people sent, and visits.

// PartnerStaff is people a partner unit sent to a village for a period (驻村、挂职、派驻).
type PartnerStaff struct {
	ID        int64
	UUID      string
	PartnerID int64
	VillageID int64
	DateFrom  Date
	DateTo    Date // zero: still there
	People    int
	Names     string // optional, e.g. 张三、李四
	Note      string
}

var staffTable = table[PartnerStaff]{
	name: "partner_staff",
	cols: []string{"partner_id", "village_id", "date_from", "date_to", "people", "names", "note"},
	fields: func(x *PartnerStaff) []any {
		return []any{&x.ID, &x.UUID, &x.PartnerID, &x.VillageID, &x.DateFrom, &x.DateTo, &x.People, &x.Names, &x.Note}
	},
}

func validateStaff(q querier, x *PartnerStaff) error {
	c := newCheck("staff")
	if err := keptOrLiveRef(q, c, "partner_staff", x.ID, "PartnerID", "partners", x.PartnerID); err != nil {
		return err
	}
	if x.PartnerID == 0 {
		c.fail("PartnerID", "required")
	}
	if err := c.ref(q, "VillageID", "villages", x.VillageID, true); err != nil {
		return err
	}
	c.date("DateFrom", x.DateFrom)
	c.optionalDate("DateTo", x.DateTo)
	if !x.DateTo.IsZero() && !c.failed("DateFrom") && !c.failed("DateTo") && x.DateTo.Before(x.DateFrom) {
		c.fail("DateTo", "before")
	}
	c.between("People", x.People, 1, 10000)
	c.maxLen("Names", x.Names, noteLen)
	c.maxLen("Note", x.Note, noteLen)
	return c.err()
}

// CheckPartnerStaff runs SavePartnerStaff's validation without saving.
func (s *Store) CheckPartnerStaff(x *PartnerStaff) error {
	in := *x
	in.Names, in.Note = clean(in.Names), clean(in.Note)
	return validateStaff(s.db, &in)
}

// SavePartnerStaff inserts (ID 0) or updates people sent by a partner unit.
func (s *Store) SavePartnerStaff(x *PartnerStaff) error {
	x.Names, x.Note = clean(x.Names), clean(x.Note)
	return saveChild(s, staffTable, x, validateStaff)
}

// DeletePartnerStaff soft-deletes people sent.
func (s *Store) DeletePartnerStaff(id int64) error { return deleteChild(s, staffTable, id) }

// RestorePartnerStaff undoes DeletePartnerStaff.
func (s *Store) RestorePartnerStaff(id int64) error { return restoreChild(s, staffTable, id) }

// PartnerStaffOf lists the people a unit sent, newest first.
func (s *Store) PartnerStaffOf(partnerID int64) ([]PartnerStaff, error) {
	return staffTable.list(s.db, "partner_id = ?", "date_from DESC, id DESC", partnerID)
}

// PartnerContribution is one unit's figures for a period (docs/DATA.md, "帮扶组团").
type PartnerContribution struct {
	PartnerID int64
	Name      string
	Kind      string
	Funding   Money // funding lines naming it, of projects started in the period's years
	Purchases Money // the lines of live sales events linked to it, dated in the period
	Events    int   // those events
	Projects  int   // projects it takes part in (project_partners) that are active in the period
	People    int   // people sent, on stays that touch the period
	Visits    int   // work-log days in the period that name it under 帮扶单位来访
}

// Any reports whether the unit gave anything in the period.
func (c PartnerContribution) Any() bool {
	return c.Funding != 0 || c.Purchases != 0 || c.Projects != 0 || c.People != 0 || c.Visits != 0
}

// PartnerContributions are every live partner unit's figures for a period, by name, and their
// totals (Projects counted once however many units share a project). villageID 0: all villages.
func (s *Store) PartnerContributions(p Period, villageID int64) ([]PartnerContribution, PartnerContribution, error) {
	var total PartnerContribution
	query, totalQuery, args := partnerContributionsSQL(p, villageID)
	rows, err := queryRows(s.db, query, args, func(rows *sql.Rows) (PartnerContribution, error) {
		var c PartnerContribution
		err := rows.Scan(&c.PartnerID, &c.Name, &c.Kind, &c.Funding, &c.Purchases, &c.Events, &c.Projects, &c.People)
		return c, err
	})
	if err != nil {
		return nil, total, err
	}
	visits, err := partnerVisits(s.db, p, villageID)
	if err != nil {
		return nil, total, err
	}
	for i := range rows {
		r := &rows[i]
		r.Visits = visits[r.PartnerID]
		total.Funding += r.Funding
		total.Purchases += r.Purchases
		total.Events += r.Events
		total.People += r.People
		total.Visits += r.Visits
	}
	err = s.db.QueryRow(totalQuery, args...).Scan(&total.Projects)
	return rows, total, err
}

// partnerContributionsSQL are PartnerContributions' per-unit query and its count of distinct
// projects, with their shared arguments.
func partnerContributionsSQL(p Period, villageID int64) (string, string, []any) {
	active, aargs := activeCond(p)
	village := func(col string) string {
		return "(?2 = 0 OR " + col + " IN (SELECT pv.project_id FROM project_villages pv WHERE pv.village_id = ?2))"
	}
	args := append([]any{p.From.Year(), villageID, p.To.Year(), p.From, p.To}, aargs...)
	// ?1/?3 the years, ?2 the village, ?4/?5 the period; the active condition takes ?6 on.
	active = renumber(active, 6)
	return `SELECT pt.id, pt.name, pt.kind,
		(SELECT coalesce(sum(f.amount), 0) FROM funding_lines f JOIN projects p ON p.id = f.project_id AND p.deleted_at IS NULL
			WHERE f.partner_id = pt.id AND f.deleted_at IS NULL AND p.year_started BETWEEN ?1 AND ?3 AND ` + village("p.id") + `),
		(SELECT coalesce(sum(x.amount), 0) FROM sale_events e JOIN sale_lines x ON x.event_id = e.id AND x.deleted_at IS NULL
			WHERE e.partner_id = pt.id AND e.deleted_at IS NULL AND e.date BETWEEN ?4 AND ?5 AND (?2 = 0 OR e.village_id = ?2)),
		(SELECT count(*) FROM sale_events e WHERE e.partner_id = pt.id AND e.deleted_at IS NULL AND e.date BETWEEN ?4 AND ?5
			AND (?2 = 0 OR e.village_id = ?2)),
		(SELECT count(*) FROM project_partners pp JOIN projects p ON p.id = pp.project_id AND p.deleted_at IS NULL
			WHERE pp.partner_id = pt.id AND ` + village("p.id") + ` AND ` + active + `),
		(SELECT coalesce(sum(st.people), 0) FROM partner_staff st WHERE st.partner_id = pt.id AND st.deleted_at IS NULL
			AND st.date_from <= ?5 AND coalesce(st.date_to, '9999-12-31') >= ?4 AND (?2 = 0 OR st.village_id = ?2))
		FROM partners pt WHERE pt.deleted_at IS NULL ORDER BY pt.name, pt.id`,
		`SELECT count(DISTINCT p.id) FROM project_partners pp JOIN projects p ON p.id = pp.project_id AND p.deleted_at IS NULL
		JOIN partners pt ON pt.id = pp.partner_id AND pt.deleted_at IS NULL WHERE ` + village("p.id") + ` AND ` + active, args
}

// partnerVisits counts, per unit, the live work-log days of the period (of the village, or of
// every village) that name it as having come or helped: a day of two villages counts twice.
func partnerVisits(q querier, p Period, villageID int64) (map[int64]int, error) {
	type unitDays struct {
		id   int64
		days int
	}
	rows, err := queryRows(q, `SELECT wp.partner_id, count(DISTINCT d.id) FROM worklog_partners wp
		JOIN worklog_days d ON d.id = wp.day_id AND d.deleted_at IS NULL
		WHERE wp.deleted_at IS NULL AND d.date BETWEEN ?1 AND ?2 AND (?3 = 0 OR d.village_id = ?3)
		GROUP BY wp.partner_id`, []any{p.From, p.To, villageID}, func(rows *sql.Rows) (unitDays, error) {
		var u unitDays
		err := rows.Scan(&u.id, &u.days)
		return u, err
	})
	out := map[int64]int{}
	for _, u := range rows {
		out[u.id] = u.days
	}
	return out, err
}

// renumber shifts a condition's plain ? placeholders to numbered ones from n on, so it can share
// one argument list with numbered placeholders.
func renumber(cond string, n int) string {
	var b strings.Builder
	for _, r := range cond {
		if r == '?' {
			b.WriteString("?" + strconv.Itoa(n))
			n++
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// PartnerFigures are the summary's 帮扶组团 figures for the period: the units that gave anything,
// and the money and purchases of all units (PartnerContributions' totals).
type PartnerFigures struct {
	Units     int   `json:"units"`
	Funding   Money `json:"funding"`
	Purchases Money `json:"purchases"`
}

func (s *Store) partnerFigures(p Period, villageID int64) (PartnerFigures, error) {
	rows, total, err := s.PartnerContributions(p, villageID)
	f := PartnerFigures{Funding: total.Funding, Purchases: total.Purchases}
	for _, r := range rows {
		if r.Any() {
			f.Units++
		}
	}
	return f, err
}

// PartnerSaleMatch is a sales event whose buyer text names a partner unit, not yet linked to it.
type PartnerSaleMatch struct {
	EventID   int64
	Date      Date
	Village   string
	Channel   string
	Place     string
	Buyer     string
	Total     Money
	PartnerID int64
	Partner   string
}

// PartnerSaleMatches are the live sales events with no buyer unit whose buyer text contains a
// live partner unit's name (the longest name when several do), by date: the preview of
// LinkPartnerSales. partnerID 0: every unit.
func (s *Store) PartnerSaleMatches(partnerID int64) ([]PartnerSaleMatch, error) {
	return partnerSaleMatches(s.db, partnerID)
}

func partnerSaleMatches(q querier, partnerID int64) ([]PartnerSaleMatch, error) {
	return queryRows(q, `WITH m AS (
			SELECT e.id AS event_id, pt.id AS partner_id, pt.name AS partner,
				row_number() OVER (PARTITION BY e.id ORDER BY length(pt.name) DESC, pt.id) AS k
			FROM sale_events e JOIN partners pt ON pt.deleted_at IS NULL AND pt.name <> '' AND instr(e.buyer, pt.name) > 0
			WHERE e.deleted_at IS NULL AND e.partner_id IS NULL AND e.buyer <> '')
		SELECT e.id, e.date, v.name, e.channel, e.place, e.buyer,
			(SELECT coalesce(sum(x.amount), 0) FROM sale_lines x WHERE x.event_id = e.id AND x.deleted_at IS NULL), m.partner_id, m.partner
		FROM m JOIN sale_events e ON e.id = m.event_id JOIN villages v ON v.id = e.village_id
		WHERE m.k = 1 AND (?1 = 0 OR m.partner_id = ?1) ORDER BY e.date, e.id`, []any{partnerID}, func(rows *sql.Rows) (PartnerSaleMatch, error) {
		var m PartnerSaleMatch
		err := rows.Scan(&m.EventID, &m.Date, &m.Village, &m.Channel, &m.Place, &m.Buyer, &m.Total, &m.PartnerID, &m.Partner)
		return m, err
	})
}

// LinkPartnerSales links each previewed event to its unit in one audited change. An event that
// was linked, deleted or changed meanwhile (no longer in PartnerSaleMatches with that unit) is
// left alone. It returns the events it linked, for UnlinkPartnerSales to undo.
func (s *Store) LinkPartnerSales(preview []PartnerSaleMatch) ([]PartnerSaleMatch, error) {
	var done []PartnerSaleMatch
	err := s.write(func(tx *Tx) error {
		done = nil
		now, err := partnerSaleMatches(tx, 0)
		if err != nil {
			return err
		}
		still := map[int64]int64{}
		for _, m := range now {
			still[m.EventID] = m.PartnerID
		}
		for _, m := range preview {
			if still[m.EventID] != m.PartnerID || m.PartnerID == 0 {
				continue
			}
			if err := setEventPartner(tx, m.EventID, m.PartnerID); err != nil {
				return err
			}
			delete(still, m.EventID)
			done = append(done, m)
		}
		if len(done) == 0 {
			c := newCheck("partner_link")
			c.fail("", "none")
			return c.err()
		}
		return nil
	})
	return done, err
}

// UnlinkPartnerSales undoes LinkPartnerSales: each event still linked to the unit it was linked to
// goes back to no unit, in one audited change.
func (s *Store) UnlinkPartnerSales(linked []PartnerSaleMatch) error {
	return s.write(func(tx *Tx) error {
		for _, m := range linked {
			ev, err := saleEventTable.load(tx, m.EventID, false)
			if err != nil {
				return err
			}
			if ev.PartnerID == m.PartnerID {
				if err := setEventPartner(tx, m.EventID, 0); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// setEventPartner changes one event's buyer unit, audited like any change to the event.
func setEventPartner(tx *Tx, eventID, partnerID int64) error {
	ev, err := saleEventTable.load(tx, eventID, false)
	if err != nil {
		return err
	}
	old := *ev
	if err := tx.noteOld(saleEventTable.name, eventID); err != nil {
		return err
	}
	ev.PartnerID = partnerID
	if _, err := tx.Exec("UPDATE sale_events SET partner_id = ?, updated_at = ? WHERE id = ?", nullableID{&ev.PartnerID}, tx.Stamp(), eventID); err != nil {
		return err
	}
	return tx.Audit(saleEventTable.name, eventID, "update", &old, ev)
}
