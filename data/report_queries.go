package data

import (
	"database/sql"
	"fmt"
)

// DistributionRow is an income distribution (收益分配) with its project's name.
type DistributionRow struct {
	Distribution
	Project string
}

// EachDistribution streams the distributions dated in p of live projects (in the village,
// when given: its share of each), by date. Unlike EachProjectFunding it does not ask whether the project is
// still active: a finished project's asset is exactly what pays out.
func (s *Store) EachDistribution(p Period, villageID int64, fn func(DistributionRow) error) error {
	return s.eachProjectDated(`SELECT d.id, d.uuid, d.project_id, d.date, %s, d.recipient, d.note, p.name
		FROM distributions d JOIN projects p ON p.id = d.project_id`, p, villageID, func(rows *sql.Rows) error {
		var r DistributionRow
		var amount int64
		if err := rows.Scan(&r.ID, &r.UUID, &r.ProjectID, &r.Date, &amount, &r.Recipient, &r.Note, &r.Project); err != nil {
			return err
		}
		r.Amount = Money(amount)
		return fn(r)
	})
}

// eachProjectDated runs selectFrom, which reads a project's dated rows as d joined with their
// project as p and has %s where d's amount goes, for the live rows of live projects dated in
// period (in the village, when given, with the village's share as the amount), by date, and
// hands each row to scan.
func (s *Store) eachProjectDated(selectFrom string, period Period, villageID int64, scan func(*sql.Rows) error) error {
	join, amount, args := projectAmount("d", villageID)
	q := fmt.Sprintf(selectFrom, amount) + join + " WHERE d.deleted_at IS NULL AND p.deleted_at IS NULL AND d.date BETWEEN ? AND ?"
	rows, err := s.db.Query(q+" ORDER BY d.date, d.id", append(args, period.From, period.To)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
