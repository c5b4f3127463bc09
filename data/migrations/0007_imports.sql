-- Files brought in by 导入 (data/import.go): one row per import, so the whole import can be
-- undone as one unit. deleted_at is when it was undone. The rows an import added carry its id.
CREATE TABLE imports (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('sales', 'income', 'projects')),
    file_name  TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    sheets     TEXT NOT NULL DEFAULT '',
    rows       INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX imports_kind ON imports(kind, id);

ALTER TABLE villages ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE partners ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE sellers ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE products ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE sale_events ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE collective_entries ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE projects ADD COLUMN import_id INTEGER REFERENCES imports(id);

CREATE INDEX villages_import ON villages(import_id) WHERE import_id IS NOT NULL;
CREATE INDEX partners_import ON partners(import_id) WHERE import_id IS NOT NULL;
CREATE INDEX sellers_import ON sellers(import_id) WHERE import_id IS NOT NULL;
CREATE INDEX products_import ON products(import_id) WHERE import_id IS NOT NULL;
CREATE INDEX sale_events_import ON sale_events(import_id) WHERE import_id IS NOT NULL;
CREATE INDEX collective_entries_import ON collective_entries(import_id) WHERE import_id IS NOT NULL;
CREATE INDEX projects_import ON projects(import_id) WHERE import_id IS NOT NULL;
