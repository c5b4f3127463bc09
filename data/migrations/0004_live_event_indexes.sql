-- Counting and listing live sales events reads only these indexes, never the event rows.
CREATE INDEX sale_events_live_date ON sale_events(date, id) WHERE deleted_at IS NULL;
CREATE INDEX sale_events_live_village_date ON sale_events(village_id, date, id) WHERE deleted_at IS NULL;
DROP INDEX IF EXISTS sale_events_date;
DROP INDEX IF EXISTS sale_events_village_date;
