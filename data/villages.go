package data

import (
	"database/sql"
	"errors"
)

// Village is one village the first secretary serves (several for a 跨村联建 cluster).
type Village struct {
	ID     int64
	UUID   string
	Name   string
	Town   string // 乡镇（街道）
	County string // 县（市、区）
	Note   string
}

// Target measures: what a village's yearly collective-income target is judged on.
const (
	MeasureTotal     = "total"     // 集体经济总收入
	MeasureOperating = "operating" // 经营性收入 = income − 补助收入 − 其他收入
	MeasureNet       = "net"       // 净收入 = income − expenses
)

// TargetMeasures lists the measures in the order a form offers them.
var TargetMeasures = []string{MeasureTotal, MeasureOperating, MeasureNet}

// MeasureName is the Chinese name of a target measure.
func MeasureName(m string) string {
	switch m {
	case MeasureTotal:
		return "集体经济总收入"
	case MeasureOperating:
		return "经营性收入"
	case MeasureNet:
		return "净收入"
	}
	return m
}

// VillageTarget is a village's collective-income target for one year.
type VillageTarget struct {
	ID        int64
	UUID      string
	VillageID int64
	Year      int
	Amount    Money
	Measure   string // MeasureTotal, MeasureOperating or MeasureNet
}

const villageCols = "id, uuid, name, town, county, note"

func scanVillage(sc interface{ Scan(...any) error }) (*Village, error) {
	var v Village
	err := sc.Scan(&v.ID, &v.UUID, &v.Name, &v.Town, &v.County, &v.Note)
	return &v, err
}

func loadVillage(q querier, id int64, live bool) (*Village, error) {
	v, err := scanVillage(q.QueryRow("SELECT "+villageCols+" FROM villages WHERE id = ?"+liveClause(live), id))
	return v, scanOne(err)
}

// GetVillage returns a live village.
func (s *Store) GetVillage(id int64) (*Village, error) { return loadVillage(s.db, id, true) }

// Villages returns every live village by name.
func (s *Store) Villages() ([]Village, error) {
	return queryRows(s.db, "SELECT "+villageCols+" FROM villages WHERE deleted_at IS NULL ORDER BY name, id", nil,
		func(rows *sql.Rows) (Village, error) {
			v, err := scanVillage(rows)
			return *v, err
		})
}

// VillageByName finds a live village by its exact name.
func (s *Store) VillageByName(name string) (*Village, error) {
	v, err := scanVillage(s.db.QueryRow("SELECT "+villageCols+" FROM villages WHERE name = ? AND deleted_at IS NULL", clean(name)))
	return v, scanOne(err)
}

// IsEmpty reports whether the database has no village yet (the welcome screen shows then).
func (s *Store) IsEmpty() (bool, error) {
	var n int
	err := s.db.QueryRow("SELECT count(*) FROM villages WHERE deleted_at IS NULL").Scan(&n)
	return n == 0, err
}

func validateVillage(q querier, v *Village) error {
	c := newCheck("village")
	c.required("Name", v.Name)
	c.maxLen("Name", v.Name, nameLen)
	c.maxLen("Town", v.Town, nameLen)
	c.maxLen("County", v.County, nameLen)
	c.maxLen("Note", v.Note, noteLen)
	if !c.failed("Name") {
		var other int64
		err := q.QueryRow("SELECT id FROM villages WHERE name = ? AND id <> ? AND deleted_at IS NULL", v.Name, v.ID).Scan(&other)
		if err == nil {
			c.fail("Name", "duplicate")
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	return c.err()
}

// SaveVillage inserts (ID 0) or updates a village.
func (s *Store) SaveVillage(v *Village) error {
	v.Name, v.Town, v.County, v.Note = clean(v.Name), clean(v.Town), clean(v.County), clean(v.Note)
	in := *v
	err := s.write(func(tx *Tx) error {
		if err := validateVillage(tx, &in); err != nil {
			return err
		}
		if in.ID == 0 {
			in.UUID = NewUUID()
			res, err := tx.Exec(`INSERT INTO villages(uuid, name, town, county, note, created_at, updated_at) VALUES (?,?,?,?,?,?,?)`,
				in.UUID, in.Name, in.Town, in.County, in.Note, tx.Stamp(), tx.Stamp())
			if err != nil {
				return err
			}
			in.ID, _ = res.LastInsertId()
			return tx.Audit("villages", in.ID, "insert", nil, &in)
		}
		old, err := loadVillage(tx, in.ID, true)
		if err != nil {
			return err
		}
		in.UUID = old.UUID
		if _, err := tx.Exec(`UPDATE villages SET name = ?, town = ?, county = ?, note = ?, updated_at = ? WHERE id = ?`,
			in.Name, in.Town, in.County, in.Note, tx.Stamp(), in.ID); err != nil {
			return err
		}
		return tx.Audit("villages", in.ID, "update", old, &in)
	})
	if err == nil {
		*v = in
	}
	return err
}

// DeleteVillage soft-deletes a village that no live project, sale, seller or entry uses.
func (s *Store) DeleteVillage(id int64) error {
	return s.write(func(tx *Tx) error {
		var used int
		err := tx.QueryRow(`SELECT
			(SELECT count(*) FROM project_villages pv JOIN projects p ON p.id = pv.project_id WHERE pv.village_id = ?1 AND p.deleted_at IS NULL) +
			(SELECT count(*) FROM sale_events WHERE village_id = ?1 AND deleted_at IS NULL) +
			(SELECT count(*) FROM sellers WHERE village_id = ?1 AND deleted_at IS NULL) +
			(SELECT count(*) FROM collective_entries WHERE village_id = ?1 AND deleted_at IS NULL)`, id).Scan(&used)
		if err != nil {
			return err
		}
		if used > 0 {
			c := newCheck("village")
			c.fail("", "inuse")
			return c.err()
		}
		return softDelete(tx, "villages", id, loadVillage)
	})
}

// RestoreVillage undoes DeleteVillage.
func (s *Store) RestoreVillage(id int64) error {
	return s.write(func(tx *Tx) error { return restoreRow(tx, "villages", id, loadVillage) })
}

const targetCols = "id, uuid, village_id, year, amount, measure"

func scanTarget(sc interface{ Scan(...any) error }) (*VillageTarget, error) {
	var t VillageTarget
	err := sc.Scan(&t.ID, &t.UUID, &t.VillageID, &t.Year, &t.Amount, &t.Measure)
	return &t, err
}

func loadTarget(q querier, id int64, live bool) (*VillageTarget, error) {
	t, err := scanTarget(q.QueryRow("SELECT "+targetCols+" FROM village_targets WHERE id = ?"+liveClause(live), id))
	return t, scanOne(err)
}

// VillageTarget returns the village's target for a year, or nil when none is set.
func (s *Store) VillageTarget(villageID int64, year int) (*VillageTarget, error) {
	t, err := scanTarget(s.db.QueryRow("SELECT "+targetCols+" FROM village_targets WHERE village_id = ? AND year = ? AND deleted_at IS NULL", villageID, year))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return t, err
}

// VillageTargets lists a village's targets, latest year first.
func (s *Store) VillageTargets(villageID int64) ([]VillageTarget, error) {
	return queryRows(s.db, "SELECT "+targetCols+" FROM village_targets WHERE village_id = ? AND deleted_at IS NULL ORDER BY year DESC",
		[]any{villageID}, func(rows *sql.Rows) (VillageTarget, error) {
			t, err := scanTarget(rows)
			return *t, err
		})
}

func validateTarget(q querier, t *VillageTarget) error {
	c := newCheck("target")
	if err := c.ref(q, "VillageID", "villages", t.VillageID, true); err != nil {
		return err
	}
	c.year("Year", t.Year)
	c.notNegative("Amount", int64(t.Amount))
	c.oneOf("Measure", t.Measure, TargetMeasures)
	return c.err()
}

// SaveVillageTarget sets a village's target for a year. With ID 0 it replaces that year's
// target if one exists, so a form need not know whether the year already had one.
func (s *Store) SaveVillageTarget(t *VillageTarget) error {
	in := *t
	err := s.write(func(tx *Tx) error {
		if err := validateTarget(tx, &in); err != nil {
			return err
		}
		if in.ID == 0 {
			err := tx.QueryRow("SELECT id FROM village_targets WHERE village_id = ? AND year = ? AND deleted_at IS NULL", in.VillageID, in.Year).Scan(&in.ID)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		if in.ID == 0 {
			in.UUID = NewUUID()
			res, err := tx.Exec(`INSERT INTO village_targets(uuid, village_id, year, amount, measure, created_at, updated_at) VALUES (?,?,?,?,?,?,?)`,
				in.UUID, in.VillageID, in.Year, in.Amount, in.Measure, tx.Stamp(), tx.Stamp())
			if err != nil {
				return err
			}
			in.ID, _ = res.LastInsertId()
			return tx.Audit("village_targets", in.ID, "insert", nil, &in)
		}
		old, err := loadTarget(tx, in.ID, true)
		if err != nil {
			return err
		}
		in.UUID = old.UUID
		if _, err := tx.Exec(`UPDATE village_targets SET village_id = ?, year = ?, amount = ?, measure = ?, updated_at = ? WHERE id = ?`,
			in.VillageID, in.Year, in.Amount, in.Measure, tx.Stamp(), in.ID); err != nil {
			if isUniqueErr(err) {
				c := newCheck("target")
				c.fail("Year", "duplicate")
				return c.err()
			}
			return err
		}
		return tx.Audit("village_targets", in.ID, "update", old, &in)
	})
	if err == nil {
		*t = in
	}
	return err
}

// DeleteVillageTarget soft-deletes a target.
func (s *Store) DeleteVillageTarget(id int64) error {
	return s.write(func(tx *Tx) error { return softDelete(tx, "village_targets", id, loadTarget) })
}

// RestoreVillageTarget undoes DeleteVillageTarget.
func (s *Store) RestoreVillageTarget(id int64) error {
	return s.write(func(tx *Tx) error { return restoreRow(tx, "village_targets", id, loadTarget) })
}

// GetVillageTarget returns a live target by its id.
func (s *Store) GetVillageTarget(id int64) (*VillageTarget, error) { return loadTarget(s.db, id, true) }
