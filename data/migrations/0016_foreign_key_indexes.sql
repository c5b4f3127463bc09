-- Every foreign key's column leads an index. While a merge has rows waiting for their parent
-- (deferred keys), SQLite looks for the children of every parent row it inserts; without an index
-- that is a scan of the child table per row (a town's contracts scanned its 165,000 task links each).
CREATE INDEX task_links_contract ON task_links(contract_id) WHERE contract_id IS NOT NULL;
CREATE INDEX task_links_project ON task_links(project_id) WHERE project_id IS NOT NULL;
CREATE INDEX worklog_visits_seller ON worklog_visits(seller_id) WHERE seller_id IS NOT NULL;
CREATE INDEX tasks_poster_partner ON tasks(poster_partner_id) WHERE poster_partner_id IS NOT NULL;
CREATE INDEX partner_staff_village ON partner_staff(village_id);
CREATE INDEX town_packages_village ON town_packages(village_id);
