-- 揭榜挂帅 and 帮扶组团 (issue 17): the 榜单 items a first secretary took on, what serves them, and
-- what each partner unit gave. Names from fixed lists are checked in Go, as in 0002.

-- A funding line given by a partner unit, and a sale whose buyer is a partner unit (单位采购/消费帮扶).
-- Both are optional; the buyer's text stays as typed. Verify hashes partner_id only when set, so
-- rows audited before this migration verify unchanged (data/audit.go, hashOptional).
ALTER TABLE funding_lines ADD COLUMN partner_id INTEGER REFERENCES partners(id);
ALTER TABLE sale_events ADD COLUMN partner_id INTEGER REFERENCES partners(id);
CREATE INDEX funding_lines_partner ON funding_lines(partner_id) WHERE partner_id IS NOT NULL;
CREATE INDEX sale_events_partner ON sale_events(partner_id, date) WHERE partner_id IS NOT NULL AND deleted_at IS NULL;

-- One 榜单 item. status is stored 进行中/已完成/已撤销; 逾期 is never stored: an item 进行中 past its
-- deadline reads as 逾期 (Task.StatusOn). target_value is fen for the money kinds, households for 户数.
CREATE TABLE tasks (
    id                INTEGER PRIMARY KEY,
    uuid              TEXT NOT NULL UNIQUE,
    village_id        INTEGER NOT NULL REFERENCES villages(id),
    title             TEXT NOT NULL,
    poster            TEXT NOT NULL,                   -- 市 / 区（县） / 镇（街道） / 帮扶单位
    poster_partner_id INTEGER REFERENCES partners(id), -- the unit, when a partner unit posted it
    goal              TEXT NOT NULL DEFAULT '',
    target_kind       TEXT NOT NULL DEFAULT '',        -- '' (goal in words) / 集体经营性收入 / 销售额 / 带动户数 / 项目阶段
    target_value      INTEGER NOT NULL DEFAULT 0 CHECK (target_value >= 0),
    target_stage      TEXT NOT NULL DEFAULT '',        -- 项目阶段: the stage the linked project is to reach
    taken_on          TEXT NOT NULL,                   -- 揭榜日期
    deadline          TEXT NOT NULL,
    responsible       TEXT NOT NULL DEFAULT '',        -- 挂帅: who answers for it
    status            TEXT NOT NULL,
    progress          INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100), -- typed by hand, percent
    closed_on         TEXT,                            -- 完成 or 撤销 date
    closing_note      TEXT NOT NULL DEFAULT '',
    note              TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT
);
CREATE INDEX tasks_village ON tasks(village_id, deadline);
CREATE INDEX tasks_live_deadline ON tasks(deadline, taken_on) WHERE deleted_at IS NULL;

-- A project, contract or sales event serving an item: exactly one of the three.
CREATE TABLE task_links (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    task_id     INTEGER NOT NULL REFERENCES tasks(id),
    project_id  INTEGER REFERENCES projects(id),
    contract_id INTEGER REFERENCES contracts(id),
    event_id    INTEGER REFERENCES sale_events(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK ((project_id IS NOT NULL) + (contract_id IS NOT NULL) + (event_id IS NOT NULL) = 1)
);
CREATE INDEX task_links_task ON task_links(task_id);
CREATE INDEX task_links_event ON task_links(event_id) WHERE event_id IS NOT NULL;

-- The closing evidence of an item: photos and documents, stored like record_files.
CREATE TABLE task_files (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    task_id     INTEGER NOT NULL REFERENCES tasks(id),
    file_name   TEXT NOT NULL,
    mime        TEXT NOT NULL DEFAULT '',
    size        INTEGER NOT NULL,
    data        BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX task_files_task ON task_files(task_id);

-- People a partner unit sent to a village (驻村、挂职、派驻) for a period: a count and, optionally, names.
CREATE TABLE partner_staff (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    partner_id  INTEGER NOT NULL REFERENCES partners(id),
    village_id  INTEGER NOT NULL REFERENCES villages(id),
    date_from   TEXT NOT NULL,
    date_to     TEXT,                                  -- NULL: still there
    people      INTEGER NOT NULL CHECK (people >= 1),
    names       TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX partner_staff_partner ON partner_staff(partner_id, date_from);
