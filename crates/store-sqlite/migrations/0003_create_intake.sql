-- Share types, contacts (persons and entities), representations and subscription requests.
-- Timestamps are fixed-width UTC text (2026-03-01T09:30:00.123456Z), dates YYYY-MM-DD text,
-- booleans 0 or 1, money an integer number of minor units plus a currency.

CREATE TABLE share_types (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_fr TEXT,
    name_nl TEXT,
    name_en TEXT,
    name_de TEXT,
    nominal_value_minor INTEGER NOT NULL CHECK (nominal_value_minor > 0),
    currency TEXT NOT NULL,
    for_persons INTEGER NOT NULL CHECK (for_persons IN (0, 1)),
    for_entities INTEGER NOT NULL CHECK (for_entities IN (0, 1)),
    min_quantity INTEGER NOT NULL CHECK (min_quantity >= 1),
    max_quantity INTEGER CHECK (max_quantity >= min_quantity),
    on_public_form INTEGER NOT NULL CHECK (on_public_form IN (0, 1)),
    retired INTEGER NOT NULL CHECK (retired IN (0, 1)),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- A person has a first and last name; an entity a name, a legal form and a registration
-- number (with its scheme, so it parses back as the same kind of number). The kind never
-- changes, and (id, kind) is unique so that other tables can demand a person or an entity.
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'entity')),
    -- The name to show and to search: first and last name, or name and legal form.
    display_name TEXT NOT NULL,
    -- display_name in lower case (Unicode, done by the application): SQLite's lower() and
    -- LIKE only fold ASCII, and "élise" must find "Élise".
    search_name TEXT NOT NULL,
    first_name TEXT,
    last_name TEXT,
    birth_date TEXT,
    entity_name TEXT,
    legal_form TEXT,
    registration_scheme TEXT
        CHECK (registration_scheme IN ('belgian_enterprise', 'french_siren', 'other')),
    registration_number TEXT,
    email TEXT NOT NULL,
    phone TEXT,
    street TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('fr', 'nl', 'en', 'de')),
    iban TEXT,
    membership TEXT NOT NULL DEFAULT 'none'
        CHECK (membership IN ('none', 'candidate', 'cooperator', 'former')),
    member_number INTEGER UNIQUE CHECK (member_number >= 1),
    member_since TEXT,
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (id, kind),
    CHECK (
        (kind = 'person' AND first_name IS NOT NULL AND last_name IS NOT NULL
            AND entity_name IS NULL AND legal_form IS NULL
            AND registration_scheme IS NULL AND registration_number IS NULL)
        OR (kind = 'entity' AND entity_name IS NOT NULL AND legal_form IS NOT NULL
            AND registration_scheme IS NOT NULL AND registration_number IS NOT NULL
            AND first_name IS NULL AND last_name IS NULL AND birth_date IS NULL
            AND phone IS NULL)
    )
) STRICT;

-- No uniqueness on email: two contacts may share one (a couple, an entity and its director).
CREATE INDEX contacts_email ON contacts (email);
-- An entity exists once. Persons have no registration number (NULLs never collide).
CREATE UNIQUE INDEX contacts_registration ON contacts (registration_number, registration_scheme);

-- A person acting for an entity. The constant kind columns let the foreign keys check that
-- the person is a person and the entity an entity.
CREATE TABLE representations (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL,
    person_kind TEXT NOT NULL DEFAULT 'person' CHECK (person_kind = 'person'),
    entity_id INTEGER NOT NULL,
    entity_kind TEXT NOT NULL DEFAULT 'entity' CHECK (entity_kind = 'entity'),
    role TEXT NOT NULL,
    since TEXT NOT NULL,
    until TEXT CHECK (until >= since),
    created_at TEXT NOT NULL,
    CHECK (person_id <> entity_id),
    FOREIGN KEY (person_id, person_kind) REFERENCES contacts (id, kind),
    FOREIGN KEY (entity_id, entity_kind) REFERENCES contacts (id, kind)
) STRICT;

CREATE INDEX representations_person ON representations (person_id);
CREATE INDEX representations_entity ON representations (entity_id);

-- A subscription request. `submitted` and `consents` are JSON kept exactly as received, as
-- evidence. A reason goes with its state: a hold reason only on hold, a cancel reason only
-- when cancelled.
CREATE TABLE subscription_requests (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('online_form', 'back_office', 'contact', 'api')),
    state TEXT NOT NULL
        CHECK (state IN ('submitted', 'validated', 'paid', 'cancelled', 'on_hold')),
    version INTEGER NOT NULL CHECK (version >= 1),
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    representative_id INTEGER,
    representative_kind TEXT NOT NULL DEFAULT 'person' CHECK (representative_kind = 'person'),
    share_type_id INTEGER NOT NULL REFERENCES share_types (id),
    quantity INTEGER NOT NULL CHECK (quantity >= 1),
    amount_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('fr', 'nl', 'en', 'de')),
    submitted TEXT NOT NULL,
    consents TEXT NOT NULL,
    idempotency_key TEXT UNIQUE,
    hold_reason TEXT,
    cancel_reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((hold_reason IS NOT NULL) = (state = 'on_hold')),
    CHECK ((cancel_reason IS NOT NULL) = (state = 'cancelled')),
    FOREIGN KEY (representative_id, representative_kind) REFERENCES contacts (id, kind)
) STRICT;

-- The back-office list, newest first, filtered by state or holder; the share type's
-- "subscribed" flag and the open quantity per holder and type.
CREATE INDEX subscription_requests_created ON subscription_requests (created_at, id);
CREATE INDEX subscription_requests_state ON subscription_requests (state, created_at);
CREATE INDEX subscription_requests_contact ON subscription_requests (contact_id, share_type_id);
CREATE INDEX subscription_requests_share_type ON subscription_requests (share_type_id);
