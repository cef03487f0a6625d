-- Foundation tables: gapless sequences, API tokens, settings, audit log.
-- STRICT tables make SQLite refuse a value of the wrong type instead of storing it.

CREATE TABLE sequences (
    name TEXT NOT NULL,
    scope INTEGER NOT NULL,
    last_value INTEGER NOT NULL CHECK (last_value >= 1),
    PRIMARY KEY (name, scope)
) STRICT;

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('manager', 'intake')),
    hint TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
) STRICT;

CREATE TABLE settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL CHECK (version >= 1),
    document TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    details TEXT NOT NULL
) STRICT;

CREATE INDEX audit_log_record ON audit_log (record_type, record_id);

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
