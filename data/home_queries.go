package data

import "database/sql"

// YearRange is the first and last year in which any ledger has a live dated row (sales events,
// collective entries, disbursements, projects' start years); 0, 0 for an empty database.
// The dashboard and the reports offer these years. Each part is an index lookup.
func (s *Store) YearRange() (first, last int, err error) {
	var dates [6]sql.NullString
	var years [2]sql.NullInt64
	err = s.db.QueryRow(`SELECT
		(SELECT min(date) FROM sale_events WHERE deleted_at IS NULL),
		(SELECT max(date) FROM sale_events WHERE deleted_at IS NULL),
		(SELECT min(date) FROM collective_entries WHERE deleted_at IS NULL),
		(SELECT max(date) FROM collective_entries WHERE deleted_at IS NULL),
		(SELECT min(date) FROM disbursements WHERE deleted_at IS NULL),
		(SELECT max(date) FROM disbursements WHERE deleted_at IS NULL),
		(SELECT min(year_started) FROM projects WHERE deleted_at IS NULL),
		(SELECT max(year_started) FROM projects WHERE deleted_at IS NULL)`).
		Scan(&dates[0], &dates[1], &dates[2], &dates[3], &dates[4], &dates[5], &years[0], &years[1])
	if err != nil {
		return 0, 0, err
	}
	see := func(y int) {
		if y < MinYear || y > MaxYear {
			return
		}
		if first == 0 || y < first {
			first = y
		}
		if y > last {
			last = y
		}
	}
	for _, d := range dates {
		if d.Valid && len(d.String) >= 4 {
			y := 0
			for _, c := range d.String[:4] {
				y = y*10 + int(c-'0')
			}
			see(y)
		}
	}
	for _, y := range years {
		if y.Valid {
			see(int(y.Int64))
		}
	}
	return first, last, nil
}

// OfferedYears are the years a year choice lists, newest first: from the later of this year and
// the last year with data, back to the earlier of the first year with data and this year less
// back, at most 30 years.
func OfferedYears(first, last, thisYear, back int) []int {
	top, bottom := max(thisYear, last), thisYear-back
	if first != 0 {
		bottom = min(bottom, first)
	}
	bottom = max(bottom, top-29)
	var out []int
	for y := top; y >= bottom; y-- {
		out = append(out, y)
	}
	return out
}
