-- Issue 20, ADR 0018: the moving-average window as three typed arrays, one element per event in
-- window order (oldest first), instead of jsonb [{"raw_response_id","price","timestamp"}]. The
-- consumer rewrote the whole jsonb document on every price and PostgreSQL parsed it from text each
-- time (28-30 % of its statement time, 1.2 KB of WAL a row); ids and times now arrive in binary,
-- the rows are less than half as wide, and each price keeps its scale in numeric[].
-- window_prices keeps its name with the new type: a consumer of the previous release still running
-- after this migration fails its window read or its upsert (jsonb vs numeric[]), writes nothing and
-- retries its records, so no window is ever written in both shapes (ADR 0018, upgrade).
ALTER TABLE symbol_averages
    ADD COLUMN window_ids uuid[],
    ADD COLUMN window_numbers numeric[],
    ADD COLUMN window_times timestamptz[];

UPDATE symbol_averages AS sa
SET (window_ids, window_numbers, window_times) = (
    SELECT array_agg((e ->> 'raw_response_id')::uuid ORDER BY ord),
           array_agg((e ->> 'price')::numeric ORDER BY ord),
           array_agg((e ->> 'timestamp')::timestamptz ORDER BY ord)
    FROM jsonb_array_elements(sa.window_prices) WITH ORDINALITY AS w(e, ord));

ALTER TABLE symbol_averages DROP COLUMN window_prices;
ALTER TABLE symbol_averages RENAME COLUMN window_numbers TO window_prices;
ALTER TABLE symbol_averages
    ALTER COLUMN window_ids SET NOT NULL,
    ALTER COLUMN window_prices SET NOT NULL,
    ALTER COLUMN window_times SET NOT NULL;

-- Every price updates its window's row in place of the last version; only the primary key is
-- indexed and it never changes, so with free room on the page the update is heap-only (HOT) and
-- the page prunes the dead versions itself, rather than each update taking a new page and a new
-- index entry until vacuum comes (448 MiB per million prices at 5,000 symbols). New pages only:
-- a row on a full page moves to one with room on its next update and stays there.
ALTER TABLE symbol_averages SET (fillfactor = 50);
