-- The year summary of a town reads the work log and the partner units' sales of every village:
-- these indexes hold every column those queries read, so they never visit the rows themselves.
DROP INDEX worklog_days_date;
CREATE INDEX worklog_days_date ON worklog_days(deleted_at, date, village_id, presence);
DROP INDEX worklog_visits_day;
CREATE INDEX worklog_visits_day ON worklog_visits(day_id, deleted_at, seller_id, name);
DROP INDEX worklog_issues_day;
CREATE INDEX worklog_issues_day ON worklog_issues(day_id, deleted_at, solved);
DROP INDEX sale_events_partner;
CREATE INDEX sale_events_partner ON sale_events(partner_id, deleted_at, date, village_id) WHERE partner_id IS NOT NULL;
DROP INDEX sale_lines_event;
CREATE INDEX sale_lines_event ON sale_lines(event_id, deleted_at, amount);
