package data

// Queries the sales screens need beyond sales.go: totals beside the paged lists.

// SaleTotals add up the events a list shows.
type SaleTotals struct {
	Events  int // SaleEventTotals only
	Sellers int // SellerBillTotals only
	Lines   int
	Amount  Money
}

// SaleEventTotals adds up every event ListSaleEvents pages through for f, as its rows show them
// (an event matched by seller or product counts with all its lines). Filters by date,
// village and channel alone are answered from the monthly totals (fast on a big ledger);
// seller, product and search filters read the matching lines.
func (s *Store) SaleEventTotals(f SaleEventFilter) (SaleTotals, error) {
	var t SaleTotals
	var err error
	if t.Events, err = s.CountSaleEvents(f); err != nil {
		return t, err
	}
	var lines, amount int64
	if f.SellerID == 0 && f.ProductID == 0 && clean(f.Search) == "" {
		p := Period{From: f.From, To: f.To}
		if p.From.IsZero() {
			p.From = Date{MinYear, 1, 1}
		}
		if p.To.IsZero() {
			p.To = Date{MaxYear, 12, 31}
		}
		if p.To.Before(p.From) {
			return t, nil
		}
		u, args := salesUnion(p, f.VillageID, "sales_month", "channel", "e.channel")
		q := "SELECT coalesce(sum(lines), 0), coalesce(sum(amount), 0) FROM (" + u + ")"
		if f.Channel != "" {
			q += " WHERE k = ?"
			args = append(args, f.Channel)
		}
		err = s.db.QueryRow(q, args...).Scan(&lines, &amount)
	} else {
		where, args := f.where()
		err = s.db.QueryRow(`SELECT count(*), coalesce(sum(l.amount), 0) FROM sale_lines l JOIN sale_events e ON e.id = l.event_id
			WHERE l.deleted_at IS NULL AND `+where, args...).Scan(&lines, &amount)
	}
	t.Lines, t.Amount = int(lines), Money(amount)
	return t, err
}

// SellerBillTotals adds up the 共富账单 of a period: sellers, lines and amount.
func (s *Store) SellerBillTotals(p Period, villageID int64) (SaleTotals, error) {
	var t SaleTotals
	src, args := sellerTotalsSQL(p, villageID)
	var lines, amount int64
	err := s.db.QueryRow("SELECT count(*), coalesce(sum(lines), 0), coalesce(sum(amount), 0) FROM ("+src+")", args...).
		Scan(&t.Sellers, &lines, &amount)
	t.Lines, t.Amount = int(lines), Money(amount)
	return t, err
}
