-- When a fragment is common (more contacts hold it than the contact search takes from the
-- trigram indexes of 0008, see `search_contacts`), the search walks the contacts in name
-- order and keeps the first that match, which this index makes a short walk instead of a sort
-- of every match.
CREATE INDEX contacts_search_order ON contacts (search_name, id);

-- Contacts are written a few hundred times a year and searched every day: the trigram indexes
-- take each new contact at once instead of through GIN's pending list, which a search would
-- otherwise read through until a vacuum empties it.
DO $$
BEGIN
    IF to_regclass('contacts_search_name_trgm') IS NOT NULL THEN
        EXECUTE 'ALTER INDEX contacts_search_name_trgm SET (fastupdate = off)';
    END IF;
    IF to_regclass('contacts_email_trgm') IS NOT NULL THEN
        EXECUTE 'ALTER INDEX contacts_email_trgm SET (fastupdate = off)';
    END IF;
END
$$;
