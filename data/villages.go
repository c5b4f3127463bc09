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

var villageTable = table[Village]{
	name: "villages",
	cols: []string{"name", "town", "county", "note"},
	fields: func(v *Village) []any {
		return []any{&v.ID, &v.UUID, &v.Name, &v.Town, &v.County, &v.Note}
	},
}

// GetVillage returns a live village.
func (s *Store) GetVillage(id int64) (*Village, error) { return villageTable.load(s.db, id, true) }

// Villages returns every live village by name.
func (s *Store) Villages() ([]Village, error) {
	return villageTable.list(s.db, "TRUE", "name, id")
}

// VillageByName finds a live village by its exact name.
func (s *Store) VillageByName(name string) (*Village, error) {
	return villageTable.find(s.db, "name = ?", clean(name))
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
	if err := c.unique(q, "Name", "villages", v.ID, "name = ?", v.Name); err != nil {
		return err
	}
	return c.err()
}

// SaveVillage inserts (ID 0) or updates a village.
func (s *Store) SaveVillage(v *Village) error {
	v.Name, v.Town, v.County, v.Note = clean(v.Name), clean(v.Town), clean(v.County), clean(v.Note)
	return saveChild(s, villageTable, v, validateVillage)
}

// DeleteVillage soft-deletes a village that no live project, sale, seller, entry, contract or asset uses.
func (s *Store) DeleteVillage(id int64) error {
	return s.write(func(tx *Tx) error {
		var used int
		err := tx.QueryRow(`SELECT
			(SELECT count(*) FROM project_villages pv JOIN projects p ON p.id = pv.project_id WHERE pv.village_id = ?1 AND p.deleted_at IS NULL) +
			(SELECT count(*) FROM sale_events WHERE village_id = ?1 AND deleted_at IS NULL) +
			(SELECT count(*) FROM sellers WHERE village_id = ?1 AND deleted_at IS NULL) +
			(SELECT count(*) FROM collective_entries WHERE village_id = ?1 AND deleted_at IS NULL) +
			(SELECT count(*) FROM contracts WHERE village_id = ?1 AND deleted_at IS NULL) +
			(SELECT count(*) FROM assets WHERE village_id = ?1 AND deleted_at IS NULL)`, id).Scan(&used)
		if err != nil {
			return err
		}
		if used > 0 {
			c := newCheck("village")
			c.fail("", "inuse")
			return c.err()
		}
		return villageTable.delete(tx, id)
	})
}

// RestoreVillage undoes DeleteVillage.
func (s *Store) RestoreVillage(id int64) error {
	return restoreChild(s, villageTable, id)
}

var targetTable = table[VillageTarget]{
	name: "village_targets",
	cols: []string{"village_id", "year", "amount", "measure"},
	fields: func(t *VillageTarget) []any {
		return []any{&t.ID, &t.UUID, &t.VillageID, &t.Year, &t.Amount, &t.Measure}
	},
}

// VillageTarget returns the village's target for a year, or nil when none is set.
func (s *Store) VillageTarget(villageID int64, year int) (*VillageTarget, error) {
	t, err := targetTable.find(s.db, "village_id = ? AND year = ?", villageID, year)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	return t, err
}

// VillageTargets lists a village's targets, latest year first.
func (s *Store) VillageTargets(villageID int64) ([]VillageTarget, error) {
	return targetTable.list(s.db, "village_id = ?", "year DESC", villageID)
}

func validateTarget(q querier, t *VillageTarget) error {
	c := newCheck("target")
	if err := c.ref(q, "VillageID", "villages", t.VillageID, true); err != nil {
		return err
	}
	c.year("Year", t.Year)
	c.amount("Amount", t.Amount)
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
		update := in.ID != 0
		err := targetTable.save(tx, &in)
		if update && isUniqueErr(err) {
			c := newCheck("target")
			c.fail("Year", "duplicate")
			return c.err()
		}
		return err
	})
	if err == nil {
		*t = in
	}
	return err
}

// DeleteVillageTarget soft-deletes a target.
func (s *Store) DeleteVillageTarget(id int64) error {
	return deleteChild(s, targetTable, id)
}

// RestoreVillageTarget undoes DeleteVillageTarget.
func (s *Store) RestoreVillageTarget(id int64) error {
	return restoreChild(s, targetTable, id)
}

// GetVillageTarget returns a live target by its id.
func (s *Store) GetVillageTarget(id int64) (*VillageTarget, error) {
	return targetTable.load(s.db, id, true)
}
