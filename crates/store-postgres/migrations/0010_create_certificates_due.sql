-- Holders whose shares changed in a large statement import: their certificate is drawn after
-- the import commits (rendering one PDF per admission inside the import's transaction would
-- hold the locks for minutes). The row commits with the admission, so a certificate is never
-- forgotten: whoever issues it deletes the row in the certificate's own transaction.
CREATE TABLE certificates_due (
    holder_id BIGINT PRIMARY KEY REFERENCES contacts (id),
    due_since TIMESTAMPTZ NOT NULL
);

CREATE INDEX certificates_due_since ON certificates_due (due_since, holder_id);
