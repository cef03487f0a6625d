-- The outbox of emails, managers' template overrides, login accounts, sessions and one-time
-- links. Timestamps are fixed-width UTC text (2026-03-01T09:30:00.123456Z) so that comparing
-- them as text compares them in time.

CREATE TABLE outbox_emails (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    language TEXT NOT NULL,
    recipients TEXT NOT NULL, -- JSON array of addresses
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    about TEXT,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
) STRICT;

CREATE INDEX outbox_emails_due ON outbox_emails (state, next_attempt_at);

CREATE TABLE email_template_overrides (
    kind TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, language)
) STRICT;

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('manager', 'member')),
    language TEXT CHECK (language IN ('fr', 'nl', 'en', 'de')),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;

CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE one_time_links (
    token_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
) STRICT;
