-- The contacts with any of some emails: the intake writer asks once per batch of new
-- applicants, and every single look-up by email (a person by email, the API's
-- `?email=`) goes through it too. Read through `contacts_email`, whatever the statistics say.
-- On a young table (never analysed, as in the first minutes of a campaign) the planner guesses
-- that an email matches one contact in two hundred, so twenty emails look like a tenth of
-- the table and it read every contact: 5 to 27 ms a batch at 100,000 contacts, against a tenth
-- of a millisecond through the index. For one email it chose the trigram index on `email`
-- (pg_trgm answers `=` too), whose bitmap scan also reads the index's pending list: 10 to 12
-- ms a look-up under load. A plain index scan is the one way left to it here (a trigram index
-- takes only bitmap scans). The kind is not part of the search, so that no other index looks
-- cheaper; callers filter on it.
CREATE FUNCTION contacts_with_emails(emails TEXT[])
RETURNS SETOF contacts
LANGUAGE sql STABLE
SET enable_seqscan = off
SET enable_bitmapscan = off
AS $$
    SELECT * FROM contacts WHERE email = ANY (emails)
$$;
