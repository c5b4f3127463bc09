-- A town database (汇总库, docs/PACKAGE.md) keeps the package it merged last for each village:
-- a newer package of the village replaces its rows, an older or identical one changes nothing.
CREATE TABLE town_packages (
    id           INTEGER PRIMARY KEY,
    village_uuid TEXT NOT NULL UNIQUE,
    village_id   INTEGER NOT NULL REFERENCES villages(id),
    made         TEXT NOT NULL,     -- the manifest's time of making (RFC3339, UTC)
    sha256       TEXT NOT NULL,     -- of the package's data
    manifest     TEXT NOT NULL,     -- the manifest as JSON
    merged_at    TEXT NOT NULL
);
