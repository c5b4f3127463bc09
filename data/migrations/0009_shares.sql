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
