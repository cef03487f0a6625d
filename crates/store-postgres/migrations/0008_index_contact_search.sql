-- The contact search (`search_contacts`: a fragment anywhere in a name or an email) is a
-- LIKE '%…%', which no B-tree can answer: at a million contacts every search read them all.
-- Trigram indexes (pg_trgm, a trusted extension shipped with PostgreSQL) answer it from the
-- index. Where the extension cannot be installed (no privilege, not shipped), the search still
-- works, reading every contact, and the migration says so instead of failing.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
    EXECUTE 'CREATE INDEX contacts_search_name_trgm ON contacts
                 USING gin (search_name public.gin_trgm_ops)';
    EXECUTE 'CREATE INDEX contacts_email_trgm ON contacts
                 USING gin (email public.gin_trgm_ops)';
EXCEPTION
    WHEN insufficient_privilege OR undefined_file OR undefined_object
        OR feature_not_supported OR invalid_schema_name THEN
        RAISE NOTICE 'pg_trgm is not available (%): the contact search reads every contact',
            SQLERRM;
END
$$;
