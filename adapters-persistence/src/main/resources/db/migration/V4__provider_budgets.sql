-- One outbound budget per provider for the whole deployment (ADR 0010). Every call a replica sends
-- to a provider is logged here first, in a transaction that holds a per-provider advisory lock,
-- counts the calls in each limit's sliding window and logs the call only when every limit has
-- room; so replicas together never exceed a limit, and a restart does not refill a daily budget.
-- Rows older than the longest window (at least a day) are deleted as new calls are logged.
CREATE TABLE provider_calls (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider text        NOT NULL,
    sent_at  timestamptz NOT NULL
);

CREATE INDEX provider_calls_provider_sent_at ON provider_calls (provider, sent_at);

-- The wait a provider asked for (HTTP 429 with Retry-After, Alpha Vantage's limit notice): no
-- replica calls it before throttled_until. One row per provider; a later time wins.
CREATE TABLE provider_throttles (
    provider        text PRIMARY KEY,
    throttled_until timestamptz NOT NULL
);
