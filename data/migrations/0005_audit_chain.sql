-- The audit log becomes a hash chain (data/audit.go): each entry's hash covers its content and
-- the previous entry's hash; row_hash and old_hash are the ledger row's hash after and before.
ALTER TABLE audit_log ADD COLUMN row_hash TEXT;
ALTER TABLE audit_log ADD COLUMN old_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

-- The chain starts here. Rows already in the ledgers were written before hashes existed: the
-- marker keeps each table's highest id, and rows up to it are compared only once changed again.
INSERT INTO audit_log(at, tbl, action, new_json)
SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'audit_log', 'chain_start', json_object('max_ids', json_object(
    'villages', (SELECT coalesce(max(id), 0) FROM villages),
    'village_targets', (SELECT coalesce(max(id), 0) FROM village_targets),
    'partners', (SELECT coalesce(max(id), 0) FROM partners),
    'projects', (SELECT coalesce(max(id), 0) FROM projects),
    'funding_lines', (SELECT coalesce(max(id), 0) FROM funding_lines),
    'disbursements', (SELECT coalesce(max(id), 0) FROM disbursements),
    'stage_changes', (SELECT coalesce(max(id), 0) FROM stage_changes),
    'distributions', (SELECT coalesce(max(id), 0) FROM distributions),
    'progress_notes', (SELECT coalesce(max(id), 0) FROM progress_notes),
    'attachments', (SELECT coalesce(max(id), 0) FROM attachments),
    'sellers', (SELECT coalesce(max(id), 0) FROM sellers),
    'products', (SELECT coalesce(max(id), 0) FROM products),
    'sale_events', (SELECT coalesce(max(id), 0) FROM sale_events),
    'sale_lines', (SELECT coalesce(max(id), 0) FROM sale_lines),
    'collective_entries', (SELECT coalesce(max(id), 0) FROM collective_entries)));
