-- Bank statements and their lines, payments reconciled with capital calls, and the share
-- register. Conventions as in 0003.

-- An imported file. The same file again is recognised by its hash.
CREATE TABLE bank_statements (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_hash TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL CHECK (format IN ('camt053', 'coda', 'csv', 'manual')),
    filename TEXT,
    size_bytes BIGINT NOT NULL CHECK (size_bytes >= 0),
    imported_by TEXT NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL
);

-- A movement on the account, stored once whatever file brings it again: the fingerprint
-- (account and bank reference, or the line's whole content) is unique.
CREATE TABLE statement_lines (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    statement_id BIGINT NOT NULL REFERENCES bank_statements (id),
    fingerprint TEXT NOT NULL UNIQUE,
    position BIGINT NOT NULL CHECK (position >= 1),
    account TEXT,
    booking_date DATE NOT NULL,
    value_date DATE NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    reversal BOOLEAN NOT NULL,
    counterparty_name TEXT,
    counterparty_account TEXT,
    structured_reference TEXT,
    free_text TEXT NOT NULL,
    bank_reference TEXT,
    transaction_code TEXT,
    state TEXT NOT NULL CHECK (state IN ('unmatched', 'matched', 'ignored')),
    note TEXT,
    version BIGINT NOT NULL CHECK (version >= 1)
);

CREATE INDEX statement_lines_statement ON statement_lines (statement_id, position);
CREATE INDEX statement_lines_unmatched ON statement_lines (state, value_date);

-- A payment on a capital call, from a statement line or registered by hand. Never deleted:
-- undoing one posts a reversing entry and records it here.
CREATE TABLE payments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    capital_call_id BIGINT NOT NULL REFERENCES capital_calls (id),
    statement_line_id BIGINT REFERENCES statement_lines (id),
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    value_date DATE NOT NULL,
    note TEXT,
    entry_id BIGINT NOT NULL UNIQUE REFERENCES journal_entries (id),
    excess_minor BIGINT NOT NULL CHECK (excess_minor >= 0 AND excess_minor <= amount_minor),
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    reversal_entry_id BIGINT UNIQUE REFERENCES journal_entries (id),
    undone_at TIMESTAMPTZ,
    CHECK ((reversal_entry_id IS NULL) = (undone_at IS NULL))
);

CREATE INDEX payments_capital_call ON payments (capital_call_id, id);
CREATE INDEX payments_statement_line ON payments (statement_line_id, id);

-- The share register: append-only.
CREATE TABLE register_movements (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    movement_date DATE NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('issue', 'transfer', 'redemption', 'conversion')),
    share_type_id BIGINT NOT NULL REFERENCES share_types (id),
    quantity BIGINT NOT NULL CHECK (quantity >= 1),
    unit_value_minor BIGINT NOT NULL CHECK (unit_value_minor > 0),
    currency TEXT NOT NULL,
    holder_id BIGINT NOT NULL REFERENCES contacts (id),
    counterparty_id BIGINT REFERENCES contacts (id),
    converted_from_share_type_id BIGINT REFERENCES share_types (id),
    converted_from_quantity BIGINT CHECK (converted_from_quantity >= 1),
    capital_call_id BIGINT UNIQUE REFERENCES capital_calls (id),
    recorded_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX register_movements_holder ON register_movements (holder_id, movement_date, id);
CREATE INDEX register_movements_counterparty ON register_movements (counterparty_id)
    WHERE counterparty_id IS NOT NULL;
CREATE INDEX register_movements_date ON register_movements (movement_date, id);

-- refuse_change_to_append_only() comes from 0001.
CREATE TRIGGER register_movements_append_only BEFORE UPDATE OR DELETE ON register_movements
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER register_movements_no_truncate BEFORE TRUNCATE ON register_movements
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
