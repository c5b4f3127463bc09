-- Base tables every later migration relies on.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every insert, update and delete writes one row here, in the same transaction.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    tbl      TEXT NOT NULL,
    row_id   INTEGER,
    action   TEXT NOT NULL,
    old_json TEXT,
    new_json TEXT
);
CREATE INDEX audit_log_row ON audit_log(tbl, row_id);
