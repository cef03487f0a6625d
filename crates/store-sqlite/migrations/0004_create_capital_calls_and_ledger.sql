-- Capital release requests (capital calls), the ledger, email attachments, and accounts that
-- belong to a person. Conventions as in 0003.

-- One call per request, ever: the UNIQUE on request_id is what makes two validations at the
-- same moment produce exactly one call.
CREATE TABLE capital_calls (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL CHECK (sequence >= 1),
    request_id INTEGER NOT NULL UNIQUE REFERENCES subscription_requests (id),
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    share_type_id INTEGER NOT NULL REFERENCES share_types (id),
    quantity INTEGER NOT NULL CHECK (quantity >= 1),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    -- The compact form: 12 digits (OGM) or RF… (ISO 11649).
    payment_reference TEXT NOT NULL UNIQUE,
    issue_date TEXT NOT NULL,
    due_date TEXT NOT NULL CHECK (due_date >= issue_date),
    state TEXT NOT NULL CHECK (state IN ('open', 'paid', 'cancelled')),
    cancel_reason TEXT CHECK ((cancel_reason IS NOT NULL) = (state = 'cancelled')),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (year, sequence)
) STRICT;

CREATE INDEX capital_calls_contact ON capital_calls (contact_id, id);

-- Journal entries and their lines: append-only. Each entry is balanced (the domain builds
-- only balanced entries); a correction is a reversing entry, and an entry is reversed once.
CREATE TABLE journal_entries (
    id INTEGER PRIMARY KEY,
    journal TEXT NOT NULL,
    entry_date TEXT NOT NULL,
    currency TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN
        ('capital_call', 'capital_call_cancellation', 'payment', 'payment_reversal')),
    capital_call_id INTEGER REFERENCES capital_calls (id),
    contact_id INTEGER REFERENCES contacts (id),
    reverses_id INTEGER UNIQUE REFERENCES journal_entries (id),
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX journal_entries_capital_call ON journal_entries (capital_call_id, id);
CREATE INDEX journal_entries_date ON journal_entries (entry_date);

CREATE TABLE journal_lines (
    entry_id INTEGER NOT NULL REFERENCES journal_entries (id),
    line_no INTEGER NOT NULL CHECK (line_no >= 1),
    account TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('debit', 'credit')),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    label TEXT NOT NULL,
    PRIMARY KEY (entry_id, line_no)
) STRICT;

CREATE TRIGGER journal_entries_append_only_update BEFORE UPDATE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;
CREATE TRIGGER journal_entries_append_only_delete BEFORE DELETE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;
CREATE TRIGGER journal_lines_append_only_update BEFORE UPDATE ON journal_lines
BEGIN SELECT RAISE(ABORT, 'journal lines are append-only'); END;
CREATE TRIGGER journal_lines_append_only_delete BEFORE DELETE ON journal_lines
BEGIN SELECT RAISE(ABORT, 'journal lines are append-only'); END;

-- Files sent with an email, stored exactly as sent.
CREATE TABLE outbox_attachments (
    email_id INTEGER NOT NULL REFERENCES outbox_emails (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (email_id, position)
) STRICT;

-- A member's account is a person's; a person has at most one account.
ALTER TABLE users ADD COLUMN contact_id INTEGER REFERENCES contacts (id);
CREATE UNIQUE INDEX users_contact ON users (contact_id);
