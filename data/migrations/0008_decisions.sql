-- 四议两公开 (issue 14): a decision record and its steps. contracts.decision_id (0006) stays a plain
-- nullable id; a decision also names the project, contract or asset it concerns.
CREATE TABLE decisions (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    village_id  INTEGER NOT NULL REFERENCES villages(id),
    matter      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    project_id  INTEGER REFERENCES projects(id),
    contract_id INTEGER REFERENCES contracts(id),
    asset_id    INTEGER REFERENCES assets(id),
    source      TEXT NOT NULL,
    amount      INTEGER NOT NULL DEFAULT 0,
    merged      INTEGER NOT NULL DEFAULT 0,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX decisions_village ON decisions(village_id, id);
CREATE INDEX decisions_project ON decisions(project_id) WHERE project_id IS NOT NULL;
CREATE INDEX decisions_contract ON decisions(contract_id) WHERE contract_id IS NOT NULL;
CREATE INDEX decisions_asset ON decisions(asset_id) WHERE asset_id IS NOT NULL;

CREATE TABLE decision_steps (
    id                  INTEGER PRIMARY KEY,
    uuid                TEXT NOT NULL UNIQUE,
    decision_id         INTEGER NOT NULL REFERENCES decisions(id),
    step                TEXT NOT NULL,
    date                TEXT NOT NULL,
    form                TEXT NOT NULL DEFAULT '',
    place               TEXT NOT NULL DEFAULT '',
    expected            INTEGER NOT NULL DEFAULT 0,
    present             INTEGER NOT NULL DEFAULT 0,
    households          INTEGER NOT NULL DEFAULT 0,
    households_present  INTEGER NOT NULL DEFAULT 0,
    votes_for           INTEGER NOT NULL DEFAULT 0,
    votes_against       INTEGER NOT NULL DEFAULT 0,
    votes_abstain       INTEGER NOT NULL DEFAULT 0,
    content             TEXT NOT NULL DEFAULT '',
    days                INTEGER NOT NULL DEFAULT 0,
    feedback            TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT
);
CREATE INDEX decision_steps_decision ON decision_steps(decision_id, date);
