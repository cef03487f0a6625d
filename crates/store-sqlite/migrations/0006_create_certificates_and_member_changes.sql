-- Membership certificates as issued, the cooperative's pictures printed on them, changes of
-- personal data proposed by members, and what a one-time link carries.

-- A certificate is evidence: stored once, never changed.
CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE CHECK (number >= 1),
    holder_id INTEGER NOT NULL REFERENCES contacts (id),
    member_number INTEGER NOT NULL CHECK (member_number >= 1),
    issued_on TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('fr', 'nl', 'en', 'de')),
    statement TEXT NOT NULL,
    total_quantity INTEGER NOT NULL CHECK (total_quantity >= 0),
    total_value_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    pdf BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX certificates_holder ON certificates (holder_id, id);

CREATE TRIGGER certificates_append_only_update BEFORE UPDATE ON certificates
BEGIN SELECT RAISE(ABORT, 'certificates are stored as issued'); END;
CREATE TRIGGER certificates_append_only_delete BEFORE DELETE ON certificates
BEGIN SELECT RAISE(ABORT, 'certificates are stored as issued'); END;

CREATE TABLE pictures (
    kind TEXT PRIMARY KEY CHECK (kind IN ('logo', 'signature')),
    format TEXT NOT NULL CHECK (format IN ('png', 'jpeg')),
    content BLOB NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE contact_changes (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    base_version INTEGER NOT NULL,
    proposed TEXT NOT NULL,
    requested_by INTEGER NOT NULL REFERENCES users (id),
    requested_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
    decided_by TEXT,
    decided_at TEXT,
    CHECK ((state = 'pending') = (decided_at IS NULL))
) STRICT;

CREATE INDEX contact_changes_pending ON contact_changes (id) WHERE state = 'pending';
CREATE INDEX contact_changes_contact ON contact_changes (contact_id, id);

ALTER TABLE one_time_links ADD COLUMN payload TEXT;
