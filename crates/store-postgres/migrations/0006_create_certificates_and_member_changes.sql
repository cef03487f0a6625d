-- Membership certificates as issued, the cooperative's pictures printed on them, changes of
-- personal data proposed by members, and what a one-time link carries.

-- A certificate is evidence: stored once, never changed.
CREATE TABLE certificates (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number BIGINT NOT NULL UNIQUE CHECK (number >= 1),
    holder_id BIGINT NOT NULL REFERENCES contacts (id),
    member_number BIGINT NOT NULL CHECK (member_number >= 1),
    issued_on DATE NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('fr', 'nl', 'en', 'de')),
    statement TEXT NOT NULL,
    total_quantity BIGINT NOT NULL CHECK (total_quantity >= 0),
    total_value_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    pdf BYTEA NOT NULL,
    sha256 TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX certificates_holder ON certificates (holder_id, id);

CREATE TRIGGER certificates_append_only BEFORE UPDATE OR DELETE ON certificates
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER certificates_no_truncate BEFORE TRUNCATE ON certificates
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

CREATE TABLE pictures (
    kind TEXT PRIMARY KEY CHECK (kind IN ('logo', 'signature')),
    format TEXT NOT NULL CHECK (format IN ('png', 'jpeg')),
    content BYTEA NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE contact_changes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    base_version BIGINT NOT NULL,
    proposed TEXT NOT NULL,
    requested_by BIGINT NOT NULL REFERENCES users (id),
    requested_at TIMESTAMPTZ NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
    decided_by TEXT,
    decided_at TIMESTAMPTZ,
    CHECK ((state = 'pending') = (decided_at IS NULL))
);

CREATE INDEX contact_changes_pending ON contact_changes (id) WHERE state = 'pending';
CREATE INDEX contact_changes_contact ON contact_changes (contact_id, id);

ALTER TABLE one_time_links ADD COLUMN payload TEXT;
