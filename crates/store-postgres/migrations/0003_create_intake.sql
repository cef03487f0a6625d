-- Share types, contacts (persons and entities), representations and subscription requests.
-- Money is an integer number of minor units plus a currency.

CREATE TABLE share_types (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_fr TEXT,
    name_nl TEXT,
    name_en TEXT,
    name_de TEXT,
    nominal_value_minor BIGINT NOT NULL CHECK (nominal_value_minor > 0),
    currency TEXT NOT NULL,
    for_persons BOOLEAN NOT NULL,
    for_entities BOOLEAN NOT NULL,
    min_quantity BIGINT NOT NULL CHECK (min_quantity >= 1),
    max_quantity BIGINT CHECK (max_quantity >= min_quantity),
    on_public_form BOOLEAN NOT NULL,
    retired BOOLEAN NOT NULL,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- A person has a first and last name; an entity a name, a legal form and a registration
-- number (with its scheme, so it parses back as the same kind of number). The kind never
-- changes, and (id, kind) is unique so that other tables can demand a person or an entity.
CREATE TABLE contacts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'entity')),
    -- The name to show and to search: first and last name, or name and legal form.
    display_name TEXT NOT NULL,
    -- display_name in lower case, done by the application so that both backends fold case
    -- the same way whatever the database's locale.
    search_name TEXT NOT NULL,
    first_name TEXT,
    last_name TEXT,
    birth_date DATE,
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
    member_number BIGINT UNIQUE CHECK (member_number >= 1),
    member_since DATE,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
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
);

-- No uniqueness on email: two contacts may share one (a couple, an entity and its director).
CREATE INDEX contacts_email ON contacts (email);
-- An entity exists once. Persons have no registration number (NULLs never collide).
CREATE UNIQUE INDEX contacts_registration ON contacts (registration_number, registration_scheme);

-- A person acting for an entity. The constant kind columns let the foreign keys check that
-- the person is a person and the entity an entity.
CREATE TABLE representations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id BIGINT NOT NULL,
    person_kind TEXT NOT NULL DEFAULT 'person' CHECK (person_kind = 'person'),
    entity_id BIGINT NOT NULL,
    entity_kind TEXT NOT NULL DEFAULT 'entity' CHECK (entity_kind = 'entity'),
    role TEXT NOT NULL,
    since DATE NOT NULL,
    until DATE CHECK (until >= since),
    created_at TIMESTAMPTZ NOT NULL,
    CHECK (person_id <> entity_id),
    FOREIGN KEY (person_id, person_kind) REFERENCES contacts (id, kind),
    FOREIGN KEY (entity_id, entity_kind) REFERENCES contacts (id, kind)
);

CREATE INDEX representations_person ON representations (person_id);
CREATE INDEX representations_entity ON representations (entity_id);

-- A subscription request. `submitted` and `consents` are JSON kept exactly as received (TEXT,
-- not JSONB, which would reformat it), as evidence. A reason goes with its state: a hold
-- reason only on hold, a cancel reason only when cancelled.
CREATE TABLE subscription_requests (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('online_form', 'back_office', 'contact', 'api')),
    state TEXT NOT NULL
        CHECK (state IN ('submitted', 'validated', 'paid', 'cancelled', 'on_hold')),
    version BIGINT NOT NULL CHECK (version >= 1),
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    representative_id BIGINT,
    representative_kind TEXT NOT NULL DEFAULT 'person' CHECK (representative_kind = 'person'),
    share_type_id BIGINT NOT NULL REFERENCES share_types (id),
    quantity BIGINT NOT NULL CHECK (quantity >= 1),
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('fr', 'nl', 'en', 'de')),
    submitted TEXT NOT NULL,
    consents TEXT NOT NULL,
    idempotency_key TEXT UNIQUE,
    hold_reason TEXT,
    cancel_reason TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CHECK ((hold_reason IS NOT NULL) = (state = 'on_hold')),
    CHECK ((cancel_reason IS NOT NULL) = (state = 'cancelled')),
    FOREIGN KEY (representative_id, representative_kind) REFERENCES contacts (id, kind)
);

-- The back-office list, newest first, filtered by state or holder; the share type's
-- "subscribed" flag and the open quantity per holder and type.
CREATE INDEX subscription_requests_created ON subscription_requests (created_at, id);
CREATE INDEX subscription_requests_state ON subscription_requests (state, created_at);
CREATE INDEX subscription_requests_contact ON subscription_requests (contact_id, share_type_id);
CREATE INDEX subscription_requests_share_type ON subscription_requests (share_type_id);
