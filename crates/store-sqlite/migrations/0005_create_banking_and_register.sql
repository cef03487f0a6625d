-- Bank statements and their lines, payments reconciled with capital calls, and the share
-- register. Conventions as in 0003.

-- An imported file. The same file again is recognised by its hash.
CREATE TABLE bank_statements (
    id INTEGER PRIMARY KEY,
    file_hash TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL CHECK (format IN ('camt053', 'coda', 'csv', 'manual')),
    filename TEXT,
    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL
) STRICT;

-- A movement on the account, stored once whatever file brings it again: the fingerprint
-- (account and bank reference, or the line's whole content) is unique.
CREATE TABLE statement_lines (
    id INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES bank_statements (id),
    fingerprint TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL CHECK (position >= 1),
    account TEXT,
    booking_date TEXT NOT NULL,
    value_date TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    reversal INTEGER NOT NULL CHECK (reversal IN (0, 1)),
    counterparty_name TEXT,
    counterparty_account TEXT,
    structured_reference TEXT,
    free_text TEXT NOT NULL,
    bank_reference TEXT,
    transaction_code TEXT,
    state TEXT NOT NULL CHECK (state IN ('unmatched', 'matched', 'ignored')),
    note TEXT,
    version INTEGER NOT NULL CHECK (version >= 1)
) STRICT;

CREATE INDEX statement_lines_statement ON statement_lines (statement_id, position);
CREATE INDEX statement_lines_unmatched ON statement_lines (state, value_date);

-- A payment on a capital call, from a statement line or registered by hand. Never deleted:
-- undoing one posts a reversing entry and records it here.
CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    capital_call_id INTEGER NOT NULL REFERENCES capital_calls (id),
    statement_line_id INTEGER REFERENCES statement_lines (id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    value_date TEXT NOT NULL,
    note TEXT,
    entry_id INTEGER NOT NULL UNIQUE REFERENCES journal_entries (id),
    excess_minor INTEGER NOT NULL CHECK (excess_minor >= 0 AND excess_minor <= amount_minor),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    reversal_entry_id INTEGER UNIQUE REFERENCES journal_entries (id),
    undone_at TEXT,
    CHECK ((reversal_entry_id IS NULL) = (undone_at IS NULL))
) STRICT;

CREATE INDEX payments_capital_call ON payments (capital_call_id, id);
CREATE INDEX payments_statement_line ON payments (statement_line_id, id);

-- The share register: append-only.
CREATE TABLE register_movements (
    id INTEGER PRIMARY KEY,
    movement_date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('issue', 'transfer', 'redemption', 'conversion')),
    share_type_id INTEGER NOT NULL REFERENCES share_types (id),
    quantity INTEGER NOT NULL CHECK (quantity >= 1),
    unit_value_minor INTEGER NOT NULL CHECK (unit_value_minor > 0),
    currency TEXT NOT NULL,
    holder_id INTEGER NOT NULL REFERENCES contacts (id),
    counterparty_id INTEGER REFERENCES contacts (id),
    converted_from_share_type_id INTEGER REFERENCES share_types (id),
    converted_from_quantity INTEGER CHECK (converted_from_quantity >= 1),
    capital_call_id INTEGER UNIQUE REFERENCES capital_calls (id),
    recorded_at TEXT NOT NULL
) STRICT;

CREATE INDEX register_movements_holder ON register_movements (holder_id, movement_date, id);
CREATE INDEX register_movements_counterparty ON register_movements (counterparty_id)
    WHERE counterparty_id IS NOT NULL;
CREATE INDEX register_movements_date ON register_movements (movement_date, id);

CREATE TRIGGER register_movements_append_only_update BEFORE UPDATE ON register_movements
BEGIN SELECT RAISE(ABORT, 'register movements are append-only'); END;
CREATE TRIGGER register_movements_append_only_delete BEFORE DELETE ON register_movements
BEGIN SELECT RAISE(ABORT, 'register movements are append-only'); END;
