-- 联建 shares (issue 15): each village's share of a project in basis points (1/100 of a percent).
-- All 0 on a project means equal shares; otherwise they add up to 10000 (SaveProject checks).
ALTER TABLE project_villages ADD COLUMN share_bp INTEGER NOT NULL DEFAULT 0;

-- A village's weight w out of tw in its project, and whether it is the lead village that takes the
-- rounding remainder (the largest share, then the lowest village id), so the parts add up exactly.
CREATE VIEW project_shares AS
SELECT pv.project_id, pv.village_id,
    CASE WHEN t.bp = 0 THEN 1 ELSE pv.share_bp END AS w,
    CASE WHEN t.bp = 0 THEN t.n ELSE t.bp END AS tw,
    pv.village_id = (SELECT x.village_id FROM project_villages x WHERE x.project_id = pv.project_id
        ORDER BY x.share_bp DESC, x.village_id LIMIT 1) AS lead
FROM project_villages pv
JOIN (SELECT project_id, count(*) AS n, sum(share_bp) AS bp FROM project_villages GROUP BY project_id) t
    ON t.project_id = pv.project_id;
