-- 帮扶组团 in the work log: the partner units that came to the village or helped on a logged day.
-- One live row per day and unit; PartnerContributions counts the days per unit (走访帮扶).
CREATE TABLE worklog_partners (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    day_id      INTEGER NOT NULL REFERENCES worklog_days(id),
    partner_id  INTEGER NOT NULL REFERENCES partners(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX worklog_partners_live ON worklog_partners(day_id, partner_id) WHERE deleted_at IS NULL;
CREATE INDEX worklog_partners_partner ON worklog_partners(partner_id, day_id) WHERE deleted_at IS NULL;
