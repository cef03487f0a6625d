-- When a fragment is common (more contacts hold it than the contact search takes from the
-- trigram index of 0008, see `search_contacts`), the search walks the contacts in name order
-- and keeps the first that match, which this index makes a short walk instead of a sort of
-- every match. SQLite keeps the rowid (`id`) after the indexed column, so the index is also
-- in the order of the tiebreak (`search_name, id`).
CREATE INDEX contacts_search_order ON contacts (search_name);
