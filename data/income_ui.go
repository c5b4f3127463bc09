package data

import "strings"

// CheckEntry runs SaveEntry's validation without saving, so a form can show problems as the user types.
// It works on a cleaned copy; x is not changed.
func (s *Store) CheckEntry(x *CollectiveEntry) error {
	in := *x
	in.SubItem, in.Counterparty, in.Voucher, in.Note = clean(in.SubItem), clean(in.Counterparty), clean(Halfwidth(in.Voucher)), clean(in.Note)
	return validateEntry(s.db, &in)
}

// EntryYears lists the years that have live collective entries, newest first.
func (s *Store) EntryYears() ([]int, error) {
	return queryRows(s.db, `SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER) FROM collective_entries
		WHERE deleted_at IS NULL ORDER BY 1 DESC`, nil, scanValue[int])
}

// SubItemSuggestions offers sub-items for a category: the usual local names first, then those
// already typed into the ledger (most used first), at most limit in all, those containing
// prefix only when prefix is not empty.
func (s *Store) SubItemSuggestions(category, prefix string, limit int) ([]string, error) {
	if limit <= 0 {
		limit = 20
	}
	prefix = clean(prefix)
	seen := map[string]bool{}
	var out []string
	add := func(v string) {
		if v != "" && !seen[v] && len(out) < limit && (prefix == "" || strings.Contains(v, prefix)) {
			seen[v] = true
			out = append(out, v)
		}
	}
	for _, v := range SubItems[category] {
		add(v)
	}
	rows, err := s.db.Query(`SELECT sub_item FROM collective_entries
		WHERE deleted_at IS NULL AND category = ? AND sub_item <> '' AND sub_item LIKE ? ESCAPE '\'
		GROUP BY sub_item ORDER BY count(*) DESC, sub_item LIMIT ?`, category, likePattern(prefix), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		add(v)
	}
	return out, rows.Err()
}
