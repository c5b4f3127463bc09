-- The monthly sales totals are now kept by the store's write methods (one delta per key at the
-- end of each write), which is several times faster for bulk inserts than per-row triggers.
DROP TRIGGER IF EXISTS sale_lines_totals_insert;
DROP TRIGGER IF EXISTS sale_lines_totals_update;
DROP TRIGGER IF EXISTS sale_lines_totals_delete;
DROP TRIGGER IF EXISTS sale_events_totals_update;

-- Rebuild both tables from the lines so any file starts the new way exactly right.
DELETE FROM sales_month;
INSERT INTO sales_month(month, village_id, channel, amount, lines)
    SELECT substr(e.date, 1, 7), e.village_id, e.channel, sum(l.amount), count(*)
    FROM sale_lines l JOIN sale_events e ON e.id = l.event_id
    WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL
    GROUP BY 1, 2, 3;
DELETE FROM seller_month;
INSERT INTO seller_month(month, village_id, seller_id, amount, lines)
    SELECT substr(e.date, 1, 7), e.village_id, l.seller_id, sum(l.amount), count(*)
    FROM sale_lines l JOIN sale_events e ON e.id = l.event_id
    WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL
    GROUP BY 1, 2, 3;
