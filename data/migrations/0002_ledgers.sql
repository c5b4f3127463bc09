-- The three ledgers (projects, sales, collective income) and what they hang on.
-- Every ledger row: id, uuid, created_at, updated_at (RFC3339 UTC), deleted_at (NULL = live).
-- Money is INTEGER fen, quantities INTEGER thousandths, dates TEXT 'YYYY-MM-DD'.
-- Names of fixed lists (stages, categories, channels …) are validated in Go, not by CHECK,
-- so a later list change needs no table rebuild.

CREATE TABLE villages (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL CHECK (name <> ''),
    town       TEXT NOT NULL DEFAULT '',
    county     TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX villages_live_name ON villages(name) WHERE deleted_at IS NULL;

CREATE TABLE village_targets (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    village_id INTEGER NOT NULL REFERENCES villages(id),
    year       INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    measure    TEXT NOT NULL CHECK (measure IN ('total', 'operating', 'net')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX village_targets_live_year ON village_targets(village_id, year) WHERE deleted_at IS NULL;

CREATE TABLE partners (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL CHECK (name <> ''),
    kind       TEXT NOT NULL,
    contact    TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX partners_live_name ON partners(name) WHERE deleted_at IS NULL;

CREATE TABLE projects (
    id                   INTEGER PRIMARY KEY,
    uuid                 TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL CHECK (name <> ''),
    type                 TEXT NOT NULL,
    responsible          TEXT NOT NULL DEFAULT '',
    implementer          TEXT NOT NULL DEFAULT '',
    year_started         INTEGER NOT NULL CHECK (year_started BETWEEN 1900 AND 9999),
    households           INTEGER NOT NULL DEFAULT 0 CHECK (households >= 0),
    households_poor      INTEGER NOT NULL DEFAULT 0 CHECK (households_poor >= 0),
    households_monitored INTEGER NOT NULL DEFAULT 0 CHECK (households_monitored >= 0),
    asset_kind           TEXT NOT NULL DEFAULT '',
    asset_value          INTEGER NOT NULL DEFAULT 0 CHECK (asset_value >= 0),
    asset_owner          TEXT NOT NULL DEFAULT '',
    asset_description    TEXT NOT NULL DEFAULT '',
    decision             TEXT NOT NULL DEFAULT '',
    note                 TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    deleted_at           TEXT
);
CREATE INDEX projects_year ON projects(year_started);

-- Link tables are replaced whole when a project is saved; the project's audit row lists them.
CREATE TABLE project_villages (
    project_id INTEGER NOT NULL REFERENCES projects(id),
    village_id INTEGER NOT NULL REFERENCES villages(id),
    PRIMARY KEY (project_id, village_id)
) WITHOUT ROWID;
CREATE INDEX project_villages_village ON project_villages(village_id, project_id);

CREATE TABLE project_partners (
    project_id INTEGER NOT NULL REFERENCES projects(id),
    partner_id INTEGER NOT NULL REFERENCES partners(id),
    PRIMARY KEY (project_id, partner_id)
) WITHOUT ROWID;
CREATE INDEX project_partners_partner ON project_partners(partner_id, project_id);

CREATE TABLE funding_lines (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    source     TEXT NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX funding_lines_project ON funding_lines(project_id);

CREATE TABLE disbursements (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    date       TEXT NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX disbursements_project ON disbursements(project_id, date);
CREATE INDEX disbursements_date ON disbursements(date);

CREATE TABLE stage_changes (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    stage      TEXT NOT NULL,
    date       TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX stage_changes_project ON stage_changes(project_id, date, id);

CREATE TABLE distributions (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    date       TEXT NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    recipient  TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX distributions_project ON distributions(project_id, date);

CREATE TABLE progress_notes (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    date       TEXT NOT NULL,
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX progress_notes_project ON progress_notes(project_id, date);

-- Photos live inside the database so one file (and its backups) holds everything.
CREATE TABLE attachments (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    note_id    INTEGER NOT NULL REFERENCES progress_notes(id),
    file_name  TEXT NOT NULL,
    mime       TEXT NOT NULL DEFAULT '',
    size       INTEGER NOT NULL,
    data       BLOB NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX attachments_note ON attachments(note_id);

CREATE TABLE sellers (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL CHECK (name <> ''),
    pinyin     TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL,
    village_id INTEGER NOT NULL REFERENCES villages(id),
    status     TEXT NOT NULL,
    phone      TEXT NOT NULL DEFAULT '',
    id_number  TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    purged_at  TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX sellers_village ON sellers(village_id, name);
CREATE INDEX sellers_name ON sellers(name);

CREATE TABLE products (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL CHECK (name <> ''),
    pinyin        TEXT NOT NULL DEFAULT '',
    spec          TEXT NOT NULL DEFAULT '',
    unit          TEXT NOT NULL,
    default_price INTEGER NOT NULL DEFAULT 0 CHECK (default_price >= 0),
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE UNIQUE INDEX products_live_name ON products(name, spec) WHERE deleted_at IS NULL;

CREATE TABLE sale_events (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    date            TEXT NOT NULL,
    village_id      INTEGER NOT NULL REFERENCES villages(id),
    channel         TEXT NOT NULL,
    place           TEXT NOT NULL DEFAULT '',
    buyer           TEXT NOT NULL DEFAULT '',
    payment         TEXT NOT NULL DEFAULT '',
    consumption_aid INTEGER NOT NULL DEFAULT 1 CHECK (consumption_aid IN (0, 1)),
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE INDEX sale_events_date ON sale_events(date, id);
CREATE INDEX sale_events_village_date ON sale_events(village_id, date);

CREATE TABLE sale_lines (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    event_id     INTEGER NOT NULL REFERENCES sale_events(id),
    product_id   INTEGER NOT NULL REFERENCES products(id),
    seller_id    INTEGER NOT NULL REFERENCES sellers(id),
    quantity     INTEGER NOT NULL CHECK (quantity > 0),
    unit         TEXT NOT NULL,
    price        INTEGER NOT NULL CHECK (price >= 0),
    amount       INTEGER NOT NULL CHECK (amount >= 0),
    amount_typed INTEGER NOT NULL DEFAULT 0 CHECK (amount_typed IN (0, 1)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX sale_lines_event ON sale_lines(event_id);
CREATE INDEX sale_lines_seller ON sale_lines(seller_id);
CREATE INDEX sale_lines_product ON sale_lines(product_id);

-- Derived running totals so summaries and charts never scan sale_lines.
-- Kept by the triggers below; a row counts live lines of live events only.
CREATE TABLE sales_month (
    month      TEXT NOT NULL,    -- 'YYYY-MM' of the event date
    village_id INTEGER NOT NULL,
    channel    TEXT NOT NULL,
    amount     INTEGER NOT NULL,
    lines      INTEGER NOT NULL,
    PRIMARY KEY (month, village_id, channel)
) WITHOUT ROWID;

CREATE TABLE seller_month (
    month      TEXT NOT NULL,
    village_id INTEGER NOT NULL,
    seller_id  INTEGER NOT NULL,
    amount     INTEGER NOT NULL,
    lines      INTEGER NOT NULL,
    PRIMARY KEY (month, village_id, seller_id)
) WITHOUT ROWID;

CREATE TRIGGER sale_lines_totals_insert AFTER INSERT ON sale_lines
WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO sales_month(month, village_id, channel, amount, lines)
        SELECT substr(e.date, 1, 7), e.village_id, e.channel, NEW.amount, 1
        FROM sale_events e WHERE e.id = NEW.event_id AND e.deleted_at IS NULL
        ON CONFLICT(month, village_id, channel) DO UPDATE
        SET amount = amount + excluded.amount, lines = lines + excluded.lines;
    INSERT INTO seller_month(month, village_id, seller_id, amount, lines)
        SELECT substr(e.date, 1, 7), e.village_id, NEW.seller_id, NEW.amount, 1
        FROM sale_events e WHERE e.id = NEW.event_id AND e.deleted_at IS NULL
        ON CONFLICT(month, village_id, seller_id) DO UPDATE
        SET amount = amount + excluded.amount, lines = lines + excluded.lines;
END;

CREATE TRIGGER sale_lines_totals_update AFTER UPDATE OF amount, deleted_at, event_id, seller_id ON sale_lines
WHEN OLD.amount IS NOT NEW.amount OR OLD.deleted_at IS NOT NEW.deleted_at
  OR OLD.event_id IS NOT NEW.event_id OR OLD.seller_id IS NOT NEW.seller_id
BEGIN
    INSERT INTO sales_month(month, village_id, channel, amount, lines)
        SELECT substr(e.date, 1, 7), e.village_id, e.channel, -OLD.amount, -1
        FROM sale_events e WHERE e.id = OLD.event_id AND e.deleted_at IS NULL AND OLD.deleted_at IS NULL
        ON CONFLICT(month, village_id, channel) DO UPDATE
        SET amount = amount + excluded.amount, lines = lines + excluded.lines;
    INSERT INTO seller_month(month, village_id, seller_id, amount, lines)
        SELECT substr(e.date, 1, 7), e.village_id, OLD.seller_id, -OLD.amount, -1
        FROM sale_events e WHERE e.id = OLD.event_id AND e.deleted_at IS NULL AND OLD.deleted_at IS NULL
        ON CONFLICT(month, village_id, seller_id) DO UPDATE
        SET amount = amount + excluded.amount, lines = lines + excluded.lines;
    INSERT INTO sales_month(month, village_id, channel, amount, lines)
        SELECT substr(e.date, 1, 7), e.village_id, e.channel, NEW.amount, 1
        FROM sale_events e WHERE e.id = NEW.event_id AND e.deleted_at IS NULL AND NEW.deleted_at IS NULL
        ON CONFLICT(month, village_id, channel) DO UPDATE
        SET amount = amount + excluded.amount, lines = lines + excluded.lines;
    INSERT INTO seller_month(month, village_id, seller_id, amount, lines)
        SELECT substr(e.date, 1, 7), e.village_id, NEW.seller_id, NEW.amount, 1
        FROM sale_events e WHERE e.id = NEW.event_id AND e.deleted_at IS NULL AND NEW.deleted_at IS NULL
        ON CONFLICT(month, village_id, seller_id) DO UPDATE
        SET amount = amount + excluded.amount, lines = lines + excluded.lines;
END;

-- The app never hard-deletes a sale line; this keeps the totals right if anything does.
CREATE TRIGGER sale_lines_totals_delete AFTER DELETE ON sale_lines
WHEN OLD.deleted_at IS NULL
BEGIN
    INSERT INTO sales_month(month, village_id, channel, amount, lines)
        SELECT substr(e.date, 1, 7), e.village_id, e.channel, -OLD.amount, -1
        FROM sale_events e WHERE e.id = OLD.event_id AND e.deleted_at IS NULL
        ON CONFLICT(month, village_id, channel) DO UPDATE
        SET amount = amount + excluded.amount, lines = lines + excluded.lines;
    INSERT INTO seller_month(month, village_id, seller_id, amount, lines)
        SELECT substr(e.date, 1, 7), e.village_id, OLD.seller_id, -OLD.amount, -1
        FROM sale_events e WHERE e.id = OLD.event_id AND e.deleted_at IS NULL
        ON CONFLICT(month, village_id, seller_id) DO UPDATE
        SET amount = amount + excluded.amount, lines = lines + excluded.lines;
END;

-- Moving, re-channelling, deleting or restoring an event moves all its live lines.
CREATE TRIGGER sale_events_totals_update AFTER UPDATE OF date, village_id, channel, deleted_at ON sale_events
WHEN OLD.date IS NOT NEW.date OR OLD.village_id IS NOT NEW.village_id
  OR OLD.channel IS NOT NEW.channel OR OLD.deleted_at IS NOT NEW.deleted_at
BEGIN
    INSERT INTO sales_month(month, village_id, channel, amount, lines)
        SELECT substr(OLD.date, 1, 7), OLD.village_id, OLD.channel, -sum(l.amount), -count(*)
        FROM sale_lines l WHERE l.event_id = OLD.id AND l.deleted_at IS NULL AND OLD.deleted_at IS NULL
        GROUP BY l.event_id
        ON CONFLICT(month, village_id, channel) DO UPDATE
        SET amount = amount + excluded.amount, lines = lines + excluded.lines;
    INSERT INTO seller_month(month, village_id, seller_id, amount, lines)
        SELECT substr(OLD.date, 1, 7), OLD.village_id, l.seller_id, -sum(l.amount), -count(*)
        FROM sale_lines l WHERE l.event_id = OLD.id AND l.deleted_at IS NULL AND OLD.deleted_at IS NULL
        GROUP BY l.seller_id
        ON CONFLICT(month, village_id, seller_id) DO UPDATE
        SET amount = amount + excluded.amount, lines = lines + excluded.lines;
    INSERT INTO sales_month(month, village_id, channel, amount, lines)
        SELECT substr(NEW.date, 1, 7), NEW.village_id, NEW.channel, sum(l.amount), count(*)
        FROM sale_lines l WHERE l.event_id = NEW.id AND l.deleted_at IS NULL AND NEW.deleted_at IS NULL
        GROUP BY l.event_id
        ON CONFLICT(month, village_id, channel) DO UPDATE
        SET amount = amount + excluded.amount, lines = lines + excluded.lines;
    INSERT INTO seller_month(month, village_id, seller_id, amount, lines)
        SELECT substr(NEW.date, 1, 7), NEW.village_id, l.seller_id, sum(l.amount), count(*)
        FROM sale_lines l WHERE l.event_id = NEW.id AND l.deleted_at IS NULL AND NEW.deleted_at IS NULL
        GROUP BY l.seller_id
        ON CONFLICT(month, village_id, seller_id) DO UPDATE
        SET amount = amount + excluded.amount, lines = lines + excluded.lines;
END;

CREATE TABLE collective_entries (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    date         TEXT NOT NULL,
    village_id   INTEGER NOT NULL REFERENCES villages(id),
    direction    TEXT NOT NULL CHECK (direction IN ('income', 'expense')),
    category     TEXT NOT NULL,
    sub_item     TEXT NOT NULL DEFAULT '',
    amount       INTEGER NOT NULL CHECK (amount >= 0),
    counterparty TEXT NOT NULL DEFAULT '',
    voucher      TEXT NOT NULL DEFAULT '',
    project_id   INTEGER REFERENCES projects(id),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX collective_entries_date ON collective_entries(date);
CREATE INDEX collective_entries_village_date ON collective_entries(village_id, date);
CREATE INDEX collective_entries_project ON collective_entries(project_id) WHERE project_id IS NOT NULL;

-- The user's own details (secretary name, sending unit, language …).
CREATE TABLE settings (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
