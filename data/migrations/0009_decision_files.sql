-- 四议两公开: a photo or scan of each step (the meeting's sign-in sheet, the notice on the 公开栏).
CREATE TABLE decision_files (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    step_id     INTEGER NOT NULL REFERENCES decision_steps(id),
    file_name   TEXT NOT NULL,
    mime        TEXT NOT NULL DEFAULT '',
    size        INTEGER NOT NULL,
    data        BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX decision_files_step ON decision_files(step_id);
