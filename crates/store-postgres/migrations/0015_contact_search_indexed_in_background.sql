-- The trigram indexes move off `contacts` into a table of their own, `contact_search`, which the
-- server's upkeep task (`Store::tidy`, every tenth of a second) fills from a queue. Under a busy
-- public form, each new contact put some sixty trigrams into two GIN indexes inside the
-- submission's transaction: most of the write-ahead log a submission made, and most of the
-- PostgreSQL form's slowest percent under load even with the pending lists merged in the
-- background (0014). An admission, which gives a member number, could not be a heap-only
-- update and put the contact's trigrams into both indexes again.
--
-- What a search must still see (`search_contacts`): every contact is either in
-- `contact_search` with its present name and email, or named in `contact_search_queue`, which
-- the triggers below fill in the same transaction as the change; the search reads both in one
-- statement. The upkeep empties the queue and writes `contact_search` in one statement too.
CREATE TABLE contact_search (
    contact_id BIGINT PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
    search_name TEXT NOT NULL,
    email TEXT NOT NULL
);

-- No key: a contact changed twice before the upkeep passes is named twice, and a writer never
-- waits on the upkeep's delete.
CREATE TABLE contact_search_queue (
    contact_id BIGINT NOT NULL
);

INSERT INTO contact_search (contact_id, search_name, email)
SELECT id, search_name, email FROM contacts;

-- New contacts are queued a statement at a time: the intake writes a batch of them in one
-- INSERT.
CREATE FUNCTION contact_search_queue_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO contact_search_queue (contact_id) SELECT id FROM inserted;
    RETURN NULL;
END
$$;

CREATE TRIGGER contacts_queued_for_search_when_inserted
AFTER INSERT ON contacts
REFERENCING NEW TABLE AS inserted
FOR EACH STATEMENT EXECUTE FUNCTION contact_search_queue_inserted();

-- A changed name or email is rare (a manager's correction); other updates (membership, member
-- number) do not fire this trigger at all.
CREATE FUNCTION contact_search_queue_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO contact_search_queue (contact_id) VALUES (NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER contacts_queued_for_search_when_renamed
AFTER UPDATE OF search_name, email ON contacts
FOR EACH ROW
WHEN (OLD.search_name IS DISTINCT FROM NEW.search_name OR OLD.email IS DISTINCT FROM NEW.email)
EXECUTE FUNCTION contact_search_queue_changed();

-- The indexes themselves, where pg_trgm could be installed (0008). Their pending lists take a
-- tenth of a second of new contacts, merged by the same upkeep.
DO $$
BEGIN
    IF to_regclass('contacts_search_name_trgm') IS NOT NULL THEN
        DROP INDEX contacts_search_name_trgm;
        DROP INDEX contacts_email_trgm;
        EXECUTE 'CREATE INDEX contact_search_name_trgm ON contact_search
                     USING gin (search_name public.gin_trgm_ops)
                     WITH (gin_pending_list_limit = 4096)';
        EXECUTE 'CREATE INDEX contact_search_email_trgm ON contact_search
                     USING gin (email public.gin_trgm_ops)
                     WITH (gin_pending_list_limit = 4096)';
    END IF;
END
$$;
