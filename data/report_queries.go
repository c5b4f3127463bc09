package data

// DistributionRow is an income distribution (收益分配) with its project's name.
type DistributionRow struct {
	Distribution
	Project string
}

// EachDistribution streams the distributions dated in p of live projects (in the village,
// when given), by date. Unlike EachProjectFunding it does not ask whether the project is
// still active: a finished project's asset is exactly what pays out.
func (s *Store) EachDistribution(p Period, villageID int64, fn func(DistributionRow) error) error {
	q := `SELECT d.id, d.uuid, d.project_id, d.date, d.amount, d.recipient, d.note, p.name
		FROM distributions d JOIN projects p ON p.id = d.project_id
		WHERE d.deleted_at IS NULL AND p.deleted_at IS NULL AND d.date BETWEEN ? AND ?`
	args := []any{p.From, p.To}
	if villageID != 0 {
		q += " AND EXISTS (SELECT 1 FROM project_villages pv WHERE pv.project_id = p.id AND pv.village_id = ?)"
		args = append(args, villageID)
	}
	rows, err := s.db.Query(q+" ORDER BY d.date, d.id", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r DistributionRow
		var amount int64
		if err := rows.Scan(&r.ID, &r.UUID, &r.ProjectID, &r.Date, &amount, &r.Recipient, &r.Note, &r.Project); err != nil {
			return err
		}
		r.Amount = Money(amount)
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}
