-- Averages for the price-averages topic (ADR 0011). The consumer writes a row for every window
-- whose average changed, in the same transaction as its symbol_averages upsert, so an average is
-- stored and queued for Kafka together or not at all; a replayed batch changes nothing and queues
-- nothing. A relay claims, publishes and marks the rows as it does the outbox's (ADR 0006).
-- A table of its own rather than a kind column on outbox: those rows reference a raw response and
-- carry a price, these a window and an average; the two queues drain independently.
CREATE TABLE average_outbox (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id         uuid        NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    symbol           text        NOT NULL,
    provider         text        NOT NULL,
    window_size      integer     NOT NULL CHECK (window_size > 0),
    value            numeric     NOT NULL,
    sample_count     integer     NOT NULL CHECK (sample_count BETWEEN 1 AND window_size),
    as_of            timestamptz NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    published_at     timestamptz,
    claimed_by       text,
    claim_expires_at timestamptz
);

CREATE INDEX average_outbox_unpublished_idx ON average_outbox (id) WHERE published_at IS NULL;
CREATE INDEX average_outbox_published_idx ON average_outbox (published_at)
    WHERE published_at IS NOT NULL;
