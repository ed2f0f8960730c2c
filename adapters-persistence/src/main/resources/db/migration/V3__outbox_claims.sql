-- Any number of relay replicas share the outbox: a relay claims a batch of waiting rows for a
-- lease (claimed_by, claim_expires_at) with FOR UPDATE SKIP LOCKED, so no two relays publish the
-- same row; rows of a relay that died mid-batch are free again once the lease expired (ADR 0006).
ALTER TABLE outbox
    ADD COLUMN claimed_by       text,
    ADD COLUMN claim_expires_at timestamptz;
