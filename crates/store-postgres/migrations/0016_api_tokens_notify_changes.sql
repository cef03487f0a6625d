-- Each server keeps the live API tokens in memory (store-postgres, `token_cache`) instead of
-- reading `api_tokens` on every API call. Every change to the table, whoever makes it and from
-- whatever process, tells the servers when it commits: they empty their caches, so a revoked
-- token is refused everywhere within the moment the notification takes to arrive. Inserts
-- need no notice (a token not cached is looked up), so they do not fire it.
CREATE FUNCTION api_tokens_notify_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('coopshares_api_tokens', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER api_tokens_changed
AFTER UPDATE OR DELETE OR TRUNCATE ON api_tokens
FOR EACH STATEMENT EXECUTE FUNCTION api_tokens_notify_changed();
