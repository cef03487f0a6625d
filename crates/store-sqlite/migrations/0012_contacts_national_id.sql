-- A person's national register number, when the cooperative collects it (setting
-- `collect_national_id`): eleven digits, a person only. The intake matches a person by it
-- before their email, so the look-up has an index; most contacts have none.
ALTER TABLE contacts ADD COLUMN national_id TEXT
    CHECK (national_id IS NULL OR (kind = 'person' AND length(national_id) = 11
        AND national_id NOT GLOB '*[^0-9]*'));
CREATE INDEX contacts_national_id ON contacts (national_id) WHERE national_id IS NOT NULL;
