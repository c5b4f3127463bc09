-- 驻村工作日志 (issue 14): one entry per village and day, with the households visited, the 民情日记
-- (problems raised and whether they were solved) and photos. Lists of names are checked in Go.
CREATE TABLE worklog_days (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    village_id  INTEGER NOT NULL REFERENCES villages(id),
    date        TEXT NOT NULL,
    presence    TEXT NOT NULL,                 -- 在村 / 外出
    reason      TEXT NOT NULL DEFAULT '',      -- 外出: 开会 培训 出差 请假 其他
    work        TEXT NOT NULL DEFAULT '',      -- 工作内容
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX worklog_days_live_date ON worklog_days(village_id, date) WHERE deleted_at IS NULL;
CREATE INDEX worklog_days_date ON worklog_days(date, village_id) WHERE deleted_at IS NULL;

-- A household visited: a seller of the list (seller_id; name left empty, so erasing the seller's
-- data erases it here too) or a name typed.
CREATE TABLE worklog_visits (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    day_id      INTEGER NOT NULL REFERENCES worklog_days(id),
    seller_id   INTEGER REFERENCES sellers(id),
    name        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX worklog_visits_day ON worklog_visits(day_id);

-- 民情日记: a problem raised that day, and whether and how it was solved.
CREATE TABLE worklog_issues (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    day_id      INTEGER NOT NULL REFERENCES worklog_days(id),
    problem     TEXT NOT NULL,
    solved      INTEGER NOT NULL DEFAULT 0 CHECK (solved IN (0, 1)),
    how         TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX worklog_issues_day ON worklog_issues(day_id);

-- Photos of a day, stored inside the database like record_files.
CREATE TABLE worklog_files (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    day_id      INTEGER NOT NULL REFERENCES worklog_days(id),
    file_name   TEXT NOT NULL,
    mime        TEXT NOT NULL DEFAULT '',
    size        INTEGER NOT NULL DEFAULT 0,
    data        BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX worklog_files_day ON worklog_files(day_id);
