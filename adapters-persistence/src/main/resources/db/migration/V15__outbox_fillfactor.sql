-- The relays claim a row (claimed_by, claim_expires_at: columns no index holds) and later mark it
-- published. With full pages every claim wrote a new row version on another page and a new entry
-- in each of the table's indexes, including the partial index of unpublished rows the next claim
-- scans. Free room on each page lets the claim be a heap-only (HOT) update: same page, no index
-- entries. New pages only; rows are kept for MDS_RETENTION_OUTBOX_HOURS, so the tables turn over.
ALTER TABLE outbox SET (fillfactor = 40);
ALTER TABLE average_outbox SET (fillfactor = 40);
ALTER TABLE bar_outbox SET (fillfactor = 40);
