-- Backfill (issue 17 item 3): daily bars fetched from a provider's history, and the durable jobs
-- that fetch them. (V8 is left to the bars work, which was started at the same time.)

-- One bar per (symbol, provider, trading day in the market's zone), read from one raw response.
-- raw_response_id has no foreign key: raw_market_data is partitioned by fetch time and dropped
-- partition by partition (ADR 0009), so the raw answer of an old bar may be gone while the bar is
-- kept. Storing a history again leaves an equal bar as it is, raw_response_id included; a bar
-- whose values differ (the provider corrected the day) is replaced: the newer answer wins.
CREATE TABLE daily_bars (
    symbol          text        NOT NULL,
    provider        text        NOT NULL,
    day             date        NOT NULL,
    open            numeric     NOT NULL CHECK (open > 0),
    high            numeric     NOT NULL,
    low             numeric     NOT NULL CHECK (low > 0),
    close           numeric     NOT NULL CHECK (close > 0),
    volume          bigint      CHECK (volume >= 0),
    raw_response_id uuid        NOT NULL,
    stored_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (symbol, provider, day),
    CHECK (low <= open AND low <= close AND open <= high AND close <= high)
);

-- Durable backfill jobs, leased by the poller replicas as poll_jobs are (lease_owner,
-- lease_expires_at): one runner at a time, taken up again when its lease expires. progress holds
-- one entry per symbol, in the order given: [{"symbol", "state" (pending|done|failed), "bars",
-- "error"}].
CREATE TABLE backfill_jobs (
    id               uuid        PRIMARY KEY,
    provider         text        NOT NULL,
    from_day         date        NOT NULL,
    to_day           date        NOT NULL,
    status           text        NOT NULL
        CHECK (status IN ('accepted', 'running', 'completed', 'failed')),
    progress         jsonb       NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    next_run_at      timestamptz NOT NULL,
    last_error       text,
    lease_owner      text,
    lease_expires_at timestamptz,
    CHECK (from_day <= to_day)
);

CREATE INDEX backfill_jobs_due_idx ON backfill_jobs (next_run_at)
    WHERE status IN ('accepted', 'running');
