-- The relays read each outbox by a stored position instead of claiming and marking rows (ADR 0016):
-- one relay at a time leads an outbox under a row lease here, publishes the rows above the position
-- in id order, and moves the position by compare-and-set. Outbox rows are never updated again.
--
-- Writers wait while this runs: with every writer of the three tables finished and none able to
-- start, every id drawn so far is committed (or rolled back) and visible to the statements below,
-- so the initial positions cannot step over a row a transaction still in flight would commit.
LOCK TABLE outbox, average_outbox, bar_outbox IN ACCESS EXCLUSIVE MODE;

CREATE TABLE relay_positions (
    outbox           text        PRIMARY KEY,
    -- Every row of the outbox with an id at or below it has been published.
    position         bigint      NOT NULL CHECK (position >= 0),
    -- The relay that leads this outbox, until lease_expires_at (the database's clock).
    holder           text,
    lease_expires_at timestamptz
);

-- Just below the lowest unpublished row (claimed or not: a claim of the previous release may not
-- have been published), or past every row when none waits. Rows above the lowest unpublished one
-- that were already published (the batches in flight at the upgrade) go out once more.
INSERT INTO relay_positions (outbox, position)
VALUES ('outbox', coalesce((SELECT min(id) - 1 FROM outbox WHERE published_at IS NULL),
                           (SELECT max(id) FROM outbox), 0)),
       ('average_outbox', coalesce((SELECT min(id) - 1 FROM average_outbox WHERE published_at IS NULL),
                                   (SELECT max(id) FROM average_outbox), 0)),
       ('bar_outbox', coalesce((SELECT min(id) - 1 FROM bar_outbox WHERE published_at IS NULL),
                               (SELECT max(id) FROM bar_outbox), 0));

-- Rows are inserted once and never updated: V15's room for heap-only claim updates is waste now.
-- New pages only; the tables turn over within MDS_RETENTION_OUTBOX_HOURS.
ALTER TABLE outbox SET (fillfactor = 100);
ALTER TABLE average_outbox SET (fillfactor = 100);
ALTER TABLE bar_outbox SET (fillfactor = 100);

-- Nothing reads by published_at IS NULL any more, and every insert paid an entry in these.
DROP INDEX outbox_unpublished_idx;
DROP INDEX average_outbox_unpublished_idx;
DROP INDEX bar_outbox_unpublished_idx;

-- published_at, claimed_by and claim_expires_at stay (unused, nullable) so that the previous release
-- still starts after a rollback; a later release drops them (ADR 0016).
