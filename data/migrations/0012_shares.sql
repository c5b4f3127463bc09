-- 联建 shares (issue 15): each village's share of a project in basis points (1/100 of a percent).
-- All 0 on a project means equal shares; otherwise they add up to 10000 (SaveProject checks).
ALTER TABLE project_villages ADD COLUMN share_bp INTEGER NOT NULL DEFAULT 0;

-- A village's weight w out of tw in its project (equal: 1 out of the number of villages), and
-- whether it is the lead village that takes the rounding remainder (the largest share, then the
-- lowest village id), so the parts add up exactly. Each column is an index lookup by project.
CREATE VIEW project_shares AS
SELECT project_id, village_id, bp = 0 AS equal,
    CASE WHEN bp = 0 THEN 1 ELSE share_bp END AS w,
    CASE WHEN bp = 0 THEN n ELSE bp END AS tw,
    village_id = lead_id AS lead
FROM (SELECT pv.project_id, pv.village_id, pv.share_bp,
        (SELECT count(*) FROM project_villages x WHERE x.project_id = pv.project_id) AS n,
        (SELECT sum(x.share_bp) FROM project_villages x WHERE x.project_id = pv.project_id) AS bp,
        (SELECT x.village_id FROM project_villages x WHERE x.project_id = pv.project_id
            ORDER BY x.share_bp DESC, x.village_id LIMIT 1) AS lead_id
    FROM project_villages pv);

-- 各村对比 counts each village's sellers with sales in a period: a seller's months by seller.
CREATE INDEX seller_month_seller ON seller_month(seller_id, month);

-- A project's figures at a date read only these (the summary, the project list, 各村对比): live rows
-- by project, covering what is summed, and the stages in the order the current one is picked by
-- (stageLatestFirst; the expression is stageOrderSQL("stage") exactly, which a test checks), so
-- finding a project's stage at a date reads one index entry instead of sorting.
CREATE INDEX funding_lines_live ON funding_lines(project_id, amount) WHERE deleted_at IS NULL;
CREATE INDEX disbursements_live ON disbursements(project_id, date, amount) WHERE deleted_at IS NULL;
CREATE INDEX stage_changes_order ON stage_changes(project_id, date,
    CASE stage WHEN '谋划' THEN 1 WHEN '公示' THEN 2 WHEN '入库' THEN 3 WHEN '资金下达' THEN 4 WHEN '实施' THEN 5
        WHEN '验收' THEN 6 WHEN '资产移交' THEN 7 WHEN '运营管护' THEN 8 WHEN '收益分配' THEN 9 WHEN '终止' THEN 10 ELSE 0 END,
    id) WHERE deleted_at IS NULL;
