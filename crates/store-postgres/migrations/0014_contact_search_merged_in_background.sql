-- The trigram indexes' pending lists (0012: 256 kB) filled every second or so under a busy
-- public form, and the submission that filled one merged it into the index while every
-- submission queued behind it waited: most of the slowest 1 % of submissions under load. The
-- server now merges them in the background every tenth of a second (`Store::tidy`), so the
-- lists stay small; the larger limit only keeps a submission from merging them itself. When
-- no server runs (a statement import from the command line alone), a search reads at most
-- 4 MB of unmerged entries, a few milliseconds.
DO $$
BEGIN
    IF to_regclass('contacts_search_name_trgm') IS NOT NULL THEN
        EXECUTE 'ALTER INDEX contacts_search_name_trgm SET (gin_pending_list_limit = 4096)';
    END IF;
    IF to_regclass('contacts_email_trgm') IS NOT NULL THEN
        EXECUTE 'ALTER INDEX contacts_email_trgm SET (gin_pending_list_limit = 4096)';
    END IF;
END
$$;
