-- Completed bars for the price-bars topic and the live streams (ADR 0013). The bar closer (relay
-- role, one at a time across replicas) writes the bars of every bucket whose end plus the close
-- grace has passed, and advances that interval's watermark in bar_closes, in one transaction: a
-- bucket is emitted once or not at all. A relay claims, publishes and marks the rows as it does
-- the averages' (ADR 0011).
--
-- id takes its value from the outbox's sequence, as average_outbox.id does since V8, so prices,
-- averages and bars are one id-ordered log for the live streams (ADR 0012).
DO $$
DECLARE
    seq regclass := pg_get_serial_sequence('outbox', 'id')::regclass;
BEGIN
    EXECUTE format($f$
        CREATE TABLE bar_outbox (
            id               bigint      PRIMARY KEY DEFAULT nextval(%L::regclass),
            event_id         uuid        NOT NULL DEFAULT gen_random_uuid() UNIQUE,
            symbol           text        NOT NULL,
            provider         text        NOT NULL,
            interval         text        NOT NULL,
            bucket_start     timestamptz NOT NULL,
            bucket_end       timestamptz NOT NULL CHECK (bucket_end > bucket_start),
            open             numeric     NOT NULL,
            high             numeric     NOT NULL,
            low              numeric     NOT NULL,
            close            numeric     NOT NULL,
            count            integer     NOT NULL CHECK (count > 0),
            created_at       timestamptz NOT NULL DEFAULT now(),
            published_at     timestamptz,
            claimed_by       text,
            claim_expires_at timestamptz,
            UNIQUE (interval, bucket_start, symbol, provider)
        )$f$, seq);
END
$$;

CREATE INDEX bar_outbox_unpublished_idx ON bar_outbox (id) WHERE published_at IS NULL;
CREATE INDEX bar_outbox_published_idx ON bar_outbox (published_at) WHERE published_at IS NOT NULL;

-- Per interval, every bucket ending at or before closed_until has been closed (its bars written).
CREATE TABLE bar_closes (
    interval     text        PRIMARY KEY,
    closed_until timestamptz NOT NULL
);

-- The closer aggregates one minute of every symbol's points at a time; the (symbol, provider,
-- quote_ts) index cannot find them without a scan of the day's partition.
CREATE INDEX price_points_quote_ts_idx ON price_points (quote_ts);
