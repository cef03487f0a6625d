-- The contact search (`search_contacts`: a fragment anywhere in a name or an email) is a
-- LIKE '%…%', which no B-tree can answer: at a million contacts every search read them all.
-- An FTS5 index of trigrams over the two searched columns finds the contacts holding a
-- fragment of three characters or more: the fragment, quoted as a phrase, matches the rows
-- where its trigrams follow one another, that is where it occurs. Positions are needed for
-- that (detail=full, the default); sizes per column are not (no ranking), so columnsize=0.
-- Case is folded by the tokenizer as well, though both columns are already in lower case.
--
-- The index reads its text from `contacts` (external content) and is kept in step by the
-- triggers below; an external-content index must be told the old text of a row to forget
-- it, which the triggers give from `old`.
CREATE VIRTUAL TABLE contacts_search USING fts5 (
    search_name,
    email,
    content = 'contacts',
    content_rowid = 'id',
    tokenize = 'trigram',
    columnsize = 0
);

-- The contacts recorded before this migration.
INSERT INTO contacts_search (contacts_search) VALUES ('rebuild');

CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts
BEGIN
    INSERT INTO contacts_search (rowid, search_name, email)
    VALUES (new.id, new.search_name, new.email);
END;

CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts
BEGIN
    INSERT INTO contacts_search (contacts_search, rowid, search_name, email)
    VALUES ('delete', old.id, old.search_name, old.email);
END;

-- Only a change of what is indexed rewrites the entry (a membership change does not).
CREATE TRIGGER contacts_search_update AFTER UPDATE OF id, search_name, email ON contacts
BEGIN
    INSERT INTO contacts_search (contacts_search, rowid, search_name, email)
    VALUES ('delete', old.id, old.search_name, old.email);
    INSERT INTO contacts_search (rowid, search_name, email)
    VALUES (new.id, new.search_name, new.email);
END;
