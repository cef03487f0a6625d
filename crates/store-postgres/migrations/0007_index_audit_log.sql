-- Searching the audit log (the back office's /admin/audit): filtered by action, actor, record
-- or day, newest first, 50 lines a page. Each filter walks an index in the order the page
-- shows, so a search reads about one page of index whatever the size of the log. The table
-- stays append-only (its triggers are in 0001).

-- Replaced by audit_log_record_at, which also gives the lines of one record in time order.
DROP INDEX audit_log_record;

CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_action ON audit_log (action, at, id);
CREATE INDEX audit_log_actor ON audit_log (actor, at, id);
CREATE INDEX audit_log_record_type ON audit_log (record_type, at, id);
CREATE INDEX audit_log_record_at ON audit_log (record_type, record_id, at, id);
