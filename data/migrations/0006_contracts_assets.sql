-- 三资 (issue 13): the asset register, contracts with their receipts and rent schedule, and the
-- scans or photos of both. Names from fixed lists are checked in Go, as in 0002.

CREATE TABLE assets (
    id                 INTEGER PRIMARY KEY,
    uuid               TEXT NOT NULL UNIQUE,
    code               TEXT NOT NULL,                  -- 资产编号, unique per village among live rows
    name               TEXT NOT NULL,
    village_id         INTEGER NOT NULL REFERENCES villages(id),
    class              TEXT NOT NULL DEFAULT '',       -- 经营性 / 公益性 / 到户类
    source             TEXT NOT NULL,                  -- 衔接资金形成 (with project_id) / 村集体自建 / 上级拨付 / 捐赠 / 其他
    project_id         INTEGER REFERENCES projects(id),
    formed             TEXT,                           -- 形成日期
    value              INTEGER NOT NULL DEFAULT 0 CHECK (value >= 0),       -- 原值, fen
    quantity           INTEGER NOT NULL DEFAULT 0 CHECK (quantity >= 0),    -- 数量或面积, thousandths
    unit               TEXT NOT NULL DEFAULT '',
    location           TEXT NOT NULL DEFAULT '',       -- 存放地点
    status             TEXT NOT NULL DEFAULT '',       -- 村自用 / 出租 / 闲置 / 报废 / 已处置 ('' not yet recorded)
    disposed_on        TEXT,                           -- 处置日期 (已处置)
    keeper             TEXT NOT NULL DEFAULT '',       -- 管护责任人
    owner              TEXT NOT NULL DEFAULT '',       -- 所有权归属
    depreciation_years INTEGER NOT NULL DEFAULT 0,     -- 0: not depreciated
    residual_bp        INTEGER NOT NULL DEFAULT 0,     -- 残值率 in basis points
    note               TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT
);
CREATE INDEX assets_project ON assets(project_id) WHERE project_id IS NOT NULL;
CREATE INDEX assets_live_status ON assets(status, village_id) WHERE deleted_at IS NULL;

CREATE TABLE contracts (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    code             TEXT NOT NULL,                    -- 合同编号, unique per village among live rows
    village_id       INTEGER NOT NULL REFERENCES villages(id),
    kind             TEXT NOT NULL,                    -- 土地 林地 水面 设施农业 厂房 门面 设备 其他
    subject          TEXT NOT NULL,                    -- 标的
    area             INTEGER NOT NULL DEFAULT 0 CHECK (area >= 0),         -- 亩, thousandths
    quantity         INTEGER NOT NULL DEFAULT 0 CHECK (quantity >= 0),     -- thousandths
    unit             TEXT NOT NULL DEFAULT '',
    party            TEXT NOT NULL,                    -- 承包方
    party_kind       TEXT NOT NULL,
    start_date       TEXT NOT NULL,
    end_date         TEXT NOT NULL,
    annual_rent      INTEGER NOT NULL DEFAULT 0 CHECK (annual_rent >= 0),
    total_price      INTEGER NOT NULL DEFAULT 0 CHECK (total_price >= 0),
    payment          TEXT NOT NULL,                    -- 年付 半年付 季付 一次性
    due_day          INTEGER NOT NULL DEFAULT 0,       -- day of the month; 0: each period's first day
    deposit          INTEGER NOT NULL DEFAULT 0 CHECK (deposit >= 0),
    escalation_years INTEGER NOT NULL DEFAULT 0,
    escalation_bp    INTEGER NOT NULL DEFAULT 0,       -- basis points
    public_trade     INTEGER NOT NULL DEFAULT 0 CHECK (public_trade IN (0, 1)),
    decision_id      INTEGER,                          -- 四议两公开 record (issue 14): no REFERENCES until its table exists
    asset_id         INTEGER REFERENCES assets(id),
    renews_id        INTEGER REFERENCES contracts(id), -- the contract this one renews (续签)
    note             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
);
CREATE UNIQUE INDEX contracts_live_code ON contracts(village_id, code) WHERE deleted_at IS NULL;
CREATE INDEX contracts_asset ON contracts(asset_id, start_date) WHERE asset_id IS NOT NULL;
CREATE INDEX contracts_renews ON contracts(renews_id) WHERE renews_id IS NOT NULL;
CREATE INDEX contracts_live_end ON contracts(end_date) WHERE deleted_at IS NULL;
CREATE INDEX contracts_live_start ON contracts(start_date, end_date, village_id) WHERE deleted_at IS NULL;
CREATE INDEX contracts_undecided ON contracts(end_date) WHERE decision_id IS NULL AND deleted_at IS NULL;

-- A receipt pays one item (period) of its contract's rent schedule and wrote entry_id, the
-- 经营收入 entry of the collective ledger; the two are deleted and restored together.
CREATE TABLE contract_receipts (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    contract_id INTEGER NOT NULL REFERENCES contracts(id),
    period      INTEGER NOT NULL CHECK (period >= 1),
    date        TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount > 0),
    voucher     TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    entry_id    INTEGER NOT NULL REFERENCES collective_entries(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX contract_receipts_contract ON contract_receipts(contract_id, period);
CREATE UNIQUE INDEX contract_receipts_entry ON contract_receipts(entry_id);
CREATE INDEX contract_receipts_live_date ON contract_receipts(date, contract_id, period, amount) WHERE deleted_at IS NULL;

-- Derived, like sales_month: the rent schedule of every live contract as computed in Go
-- (Contract.Schedule) and what its live receipts paid on each item. Every write to a contract
-- or a receipt keeps it in the same transaction; RebuildRentSchedule recomputes it.
CREATE TABLE rent_schedule (
    contract_id INTEGER NOT NULL,
    period      INTEGER NOT NULL,
    village_id  INTEGER NOT NULL,
    period_from TEXT NOT NULL,
    period_to   TEXT NOT NULL,
    due_date    TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    received    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (contract_id, period)
) WITHOUT ROWID;
-- Both indexes cover what the summary and the reminders read (a WITHOUT ROWID table's indexes
-- also hold its key), so a range of them is read without going back to the table.
CREATE INDEX rent_schedule_due ON rent_schedule(due_date, village_id, amount, received);
CREATE INDEX rent_schedule_unpaid ON rent_schedule(due_date, village_id, amount, received) WHERE received < amount;

-- Scans and photos of a contract or an asset, stored in the database like project attachments.
CREATE TABLE record_files (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    contract_id INTEGER REFERENCES contracts(id),
    asset_id    INTEGER REFERENCES assets(id),
    file_name   TEXT NOT NULL,
    mime        TEXT NOT NULL DEFAULT '',
    size        INTEGER NOT NULL,
    data        BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK ((contract_id IS NULL) <> (asset_id IS NULL))
);
CREATE INDEX record_files_contract ON record_files(contract_id) WHERE contract_id IS NOT NULL;
CREATE INDEX record_files_asset ON record_files(asset_id) WHERE asset_id IS NOT NULL;

-- A project's asset moves into the register, linked to its project (an asset has one home).
-- Nothing is lost: kind → class, value, owner, description → note; the 资产移交 date, when
-- recorded, is its 形成日期; the first of its villages keeps it. The projects' own asset columns
-- stay as they were (read only), so their audit hashes still verify. The asset's uuid is the
-- project's with the version digit 8, so two copies of one village file upgraded apart agree.
INSERT INTO assets(uuid, code, name, village_id, class, source, project_id, formed, value, owner, note, created_at, updated_at)
SELECT CASE WHEN length(p.uuid) = 36 AND substr(p.uuid, 15, 1) = '4'
            THEN substr(p.uuid, 1, 14) || '8' || substr(p.uuid, 16) ELSE p.uuid || '-asset' END,
       '', p.name,
       coalesce((SELECT min(pv.village_id) FROM project_villages pv WHERE pv.project_id = p.id), (SELECT min(id) FROM villages)),
       p.asset_kind, '衔接资金形成', p.id,
       (SELECT min(sc.date) FROM stage_changes sc WHERE sc.project_id = p.id AND sc.stage = '资产移交' AND sc.deleted_at IS NULL),
       p.asset_value, p.asset_owner, p.asset_description,
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM projects p
WHERE p.asset_kind <> '' OR p.asset_value <> 0 OR p.asset_owner <> '' OR p.asset_description <> ''
ORDER BY p.id;
UPDATE assets SET code = 'ZC-' || printf('%04d', id) WHERE code = '';
CREATE UNIQUE INDEX assets_live_code ON assets(village_id, code) WHERE deleted_at IS NULL;

-- The audit chain (0005) compares rows newer than its start marker with their audit entries.
-- The assets moved above were written by this migration, not through 村记's audited writes:
-- like rows older than the chain, they are compared once changed again.
UPDATE audit_log SET new_json = json_set(new_json, '$.max_ids.assets', (SELECT coalesce(max(id), 0) FROM assets))
WHERE action = 'chain_start';
