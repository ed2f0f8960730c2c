-- Issue 18: poll jobs that follow the market's sessions, and poll jobs with an ordered provider
-- list. Every column has a default (or is nullable), so existing jobs keep polling as before:
-- market_hours 'always', no fallback providers. PostgreSQL 11+ adds a column with a constant
-- default without rewriting the table.
--
-- provider stays the FIRST provider of the job's chain (what the budget check and activeOn read:
-- fallbacks are only called when the first fails); fallback_providers holds the rest, in order.
-- waiting_reason is set while an active job sleeps outside its hours: next_run_at is then the
-- next open. calendar_note is set while the job runs outside the trading calendar's years and so
-- polls regardless of its hours. The last_fallback_* columns describe the latest symbol that a
-- fallback provider served.
ALTER TABLE poll_jobs
    ADD COLUMN market_hours           text     NOT NULL DEFAULT 'always'
        CHECK (market_hours IN ('always', 'regular', 'extended')),
    ADD COLUMN fallback_providers     text[]   NOT NULL DEFAULT '{}'
        CHECK (cardinality(fallback_providers) <= 4),
    ADD COLUMN waiting_reason         text,
    ADD COLUMN calendar_note          text,
    ADD COLUMN fallback_count         bigint   NOT NULL DEFAULT 0 CHECK (fallback_count >= 0),
    ADD COLUMN last_fallback_at       timestamptz,
    ADD COLUMN last_fallback_symbol   text,
    ADD COLUMN last_fallback_from     text[],
    ADD COLUMN last_fallback_provider text;
