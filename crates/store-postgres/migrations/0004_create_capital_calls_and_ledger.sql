-- Capital release requests (capital calls), the ledger, email attachments, and accounts that
-- belong to a person. Conventions as in 0003.

-- One call per request, ever: the UNIQUE on request_id is what makes two validations at the
-- same moment produce exactly one call.
CREATE TABLE capital_calls (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year INTEGER NOT NULL,
    sequence BIGINT NOT NULL CHECK (sequence >= 1),
    request_id BIGINT NOT NULL UNIQUE REFERENCES subscription_requests (id),
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    share_type_id BIGINT NOT NULL REFERENCES share_types (id),
    quantity BIGINT NOT NULL CHECK (quantity >= 1),
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    -- The compact form: 12 digits (OGM) or RF… (ISO 11649).
    payment_reference TEXT NOT NULL UNIQUE,
    issue_date DATE NOT NULL,
    due_date DATE NOT NULL CHECK (due_date >= issue_date),
    state TEXT NOT NULL CHECK (state IN ('open', 'paid', 'cancelled')),
    cancel_reason TEXT CHECK ((cancel_reason IS NOT NULL) = (state = 'cancelled')),
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (year, sequence)
);

CREATE INDEX capital_calls_contact ON capital_calls (contact_id, id);

-- Journal entries and their lines: append-only. Each entry is balanced (the domain builds
-- only balanced entries); a correction is a reversing entry, and an entry is reversed once.
CREATE TABLE journal_entries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    journal TEXT NOT NULL,
    entry_date DATE NOT NULL,
    currency TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN
        ('capital_call', 'capital_call_cancellation', 'payment', 'payment_reversal')),
    capital_call_id BIGINT REFERENCES capital_calls (id),
    contact_id BIGINT REFERENCES contacts (id),
    reverses_id BIGINT UNIQUE REFERENCES journal_entries (id),
    created_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX journal_entries_capital_call ON journal_entries (capital_call_id, id);
CREATE INDEX journal_entries_date ON journal_entries (entry_date);

CREATE TABLE journal_lines (
    entry_id BIGINT NOT NULL REFERENCES journal_entries (id),
    line_no INTEGER NOT NULL CHECK (line_no >= 1),
    account TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('debit', 'credit')),
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    label TEXT NOT NULL,
    PRIMARY KEY (entry_id, line_no)
);

-- refuse_change_to_append_only() comes from 0001.
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER journal_lines_append_only BEFORE UPDATE OR DELETE ON journal_lines
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER journal_lines_no_truncate BEFORE TRUNCATE ON journal_lines
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

-- Files sent with an email, stored exactly as sent.
CREATE TABLE outbox_attachments (
    email_id BIGINT NOT NULL REFERENCES outbox_emails (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content BYTEA NOT NULL,
    PRIMARY KEY (email_id, position)
);

-- A member's account is a person's; a person has at most one account.
ALTER TABLE users ADD COLUMN contact_id BIGINT UNIQUE REFERENCES contacts (id);
