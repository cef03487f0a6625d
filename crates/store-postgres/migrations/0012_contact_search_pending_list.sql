-- 0009 turned the trigram indexes' pending list off so that a search never scans unmerged
-- entries. The cost fell on every write of a contact: an UPDATE that assigns a member number
-- cannot be a heap-only update, so each one inserted the contact's trigrams into both indexes
-- one by one (about 0.19 ms a contact; a statement import admitting 100,000 members spent
-- 25 s there). A pending list bounded at 256 kB takes the new entries in cheaply and merges
-- them in bulk when full (about 0.05 ms a contact), while a search scans at most 256 kB of
-- unmerged entries (measured: under a millisecond more on 200,000 contacts).
DO $$
BEGIN
    IF to_regclass('contacts_search_name_trgm') IS NOT NULL THEN
        EXECUTE 'ALTER INDEX contacts_search_name_trgm
                     SET (fastupdate = on, gin_pending_list_limit = 256)';
    END IF;
    IF to_regclass('contacts_email_trgm') IS NOT NULL THEN
        EXECUTE 'ALTER INDEX contacts_email_trgm
                     SET (fastupdate = on, gin_pending_list_limit = 256)';
    END IF;
END
$$;
