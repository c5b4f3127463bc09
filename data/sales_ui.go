package data

import (
	"database/sql"
	"errors"
)

// Queries the sales screens need beyond sales.go: totals beside the paged lists.

// SaleTotals add up the events a list shows.
type SaleTotals struct {
	Events  int // SaleEventTotals only
	Sellers int // SellerBillTotals only
	Lines   int // with a seller or product filter, only that seller's or product's lines
	Amount  Money
}

// SaleEventTotals counts the events ListSaleEvents pages through for f and adds up their lines;
// with a seller or product filter, only the lines of that seller or product (a household's own
// sales, as the 共富账单 has them, not the whole market days it took part in). Filters by date,
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
		if f.SellerID != 0 {
			where += " AND l.seller_id = ?"
			args = append(args, f.SellerID)
		}
		if f.ProductID != 0 {
			where += " AND l.product_id = ?"
			args = append(args, f.ProductID)
		}
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

// OfferedPrice is the unit price a new sale line of the product starts with: what it last sold
// for (latest sale date, in the product's present unit), or its default price when it has not
// sold yet or the product was edited after that sale was entered (a new default stands).
func (s *Store) OfferedPrice(productID int64) (Money, error) {
	var price int64
	err := s.db.QueryRow(`SELECT coalesce((SELECT CASE WHEN l.updated_at >= p.updated_at THEN l.price END
			FROM sale_lines l JOIN sale_events e ON e.id = l.event_id
			WHERE l.product_id = p.id AND l.unit = p.unit AND l.price > 0 AND l.deleted_at IS NULL AND e.deleted_at IS NULL
			ORDER BY e.date DESC, l.id DESC LIMIT 1), p.default_price)
		FROM products p WHERE p.id = ?`, productID).Scan(&price)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return Money(price), err
}
