-- Market data schema: raw provider answers, the prices parsed from them, the events waiting for
-- Kafka, the moving averages folded from those events, and the durable poll jobs.

-- A provider's answer exactly as received (bytes, not text: nothing is re-encoded).
CREATE TABLE raw_market_data (
    id           uuid        PRIMARY KEY,
    symbol       text        NOT NULL,
    provider     text        NOT NULL,
    http_status  smallint    NOT NULL CHECK (http_status BETWEEN 100 AND 599),
    body         bytea       NOT NULL,
    content_type text,
    fetched_at   timestamptz NOT NULL
);

-- One price per raw response; numeric without a type modifier keeps each value's own scale.
CREATE TABLE price_points (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    symbol          text        NOT NULL,
    provider        text        NOT NULL,
    price           numeric     NOT NULL CHECK (price > 0),
    quote_ts        timestamptz NOT NULL,
    fetched_at      timestamptz NOT NULL,
    raw_response_id uuid        NOT NULL UNIQUE REFERENCES raw_market_data (id),
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Serves "latest" (first entry) and history pages (a keyset range scan), both newest first in
-- PriceEvent.ORDER: quote time, then raw response id (uuid compares as unsigned bytes).
CREATE INDEX price_points_symbol_provider_quote_idx
    ON price_points (symbol, provider, quote_ts DESC, raw_response_id DESC);

-- Price events written in the same transaction as their price, until the relay publishes them.
CREATE TABLE outbox (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    raw_response_id uuid        NOT NULL UNIQUE REFERENCES raw_market_data (id),
    symbol          text        NOT NULL,
    provider        text        NOT NULL,
    price           numeric     NOT NULL,
    quote_ts        timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz
);

-- Only the waiting rows are indexed, so the relay's scan stays small however long the history.
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;

-- One moving average per (symbol, provider, window size). window_prices holds the window's
-- events, oldest first, as [{"raw_response_id", "price" (a string: exact), "timestamp"}]; their
-- ids are what makes applying an event twice a no-op.
CREATE TABLE symbol_averages (
    symbol               text        NOT NULL,
    provider             text        NOT NULL,
    window_size          integer     NOT NULL CHECK (window_size > 0),
    value                numeric     NOT NULL,
    sample_count         integer     NOT NULL CHECK (sample_count BETWEEN 1 AND window_size),
    window_prices        jsonb       NOT NULL,
    last_raw_response_id uuid        NOT NULL,
    as_of                timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (symbol, provider, window_size)
);

-- Durable poll jobs. A replica leases a due job (lease_owner, lease_expires_at) so no other
-- replica runs the same tick; an expired lease is free again.
CREATE TABLE poll_jobs (
    id                   uuid        PRIMARY KEY,
    symbols              text[]      NOT NULL CHECK (cardinality(symbols) > 0),
    interval_ms          bigint      NOT NULL CHECK (interval_ms >= 1000),
    provider             text        NOT NULL,
    status               text        NOT NULL CHECK (status IN ('active', 'stopped')),
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    last_run_at          timestamptz,
    next_run_at          timestamptz NOT NULL,
    last_error           text,
    run_count            bigint      NOT NULL DEFAULT 0,
    error_count          bigint      NOT NULL DEFAULT 0,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    lease_owner          text,
    lease_expires_at     timestamptz
);

CREATE INDEX poll_jobs_due_idx ON poll_jobs (next_run_at) WHERE status = 'active';
CREATE INDEX poll_jobs_created_idx ON poll_jobs (created_at DESC, id DESC);
