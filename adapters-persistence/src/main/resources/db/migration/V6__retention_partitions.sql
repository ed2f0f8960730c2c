-- Retention (ADR 0009): raw responses and price points are partitioned by day, so that what is
-- older than its retention goes by dropping whole partitions instead of by DELETE.
--   raw_market_data by fetched_at: our own clock, so every new row lands in today's partition.
--   price_points by quote_ts: the order every read walks (latest, history, computed averages), so a
--     read names the days it needs and PostgreSQL skips the rest.
-- Each has a DEFAULT partition for rows no daily partition covers (a quote time older than the
-- oldest day kept, or days the maintenance has not created yet), so no insert fails for want of a
-- partition. The daily partitions are created ahead and dropped by the service
-- (PgStorageMaintenance), not here.
--
-- An existing table is not copied: it becomes the "legacy" partition of its new parent, covering
-- every time before tomorrow (UTC), and is dropped whole once tomorrow is older than the
-- retention. Only rows at or beyond that bound (quote times in the future, from before quote
-- times were checked) are moved, through the parent, into the default partition.

-- Foreign keys between these tables go: a key on a partitioned table must include its partition
-- column, the two tables are partitioned by different columns, and raw responses are kept for a
-- shorter time than the prices parsed from them. The ingest transaction writes all three rows.
ALTER TABLE price_points DROP CONSTRAINT price_points_raw_response_id_fkey;
ALTER TABLE outbox DROP CONSTRAINT outbox_raw_response_id_fkey;

-- raw_market_data -------------------------------------------------------------------------------
ALTER TABLE raw_market_data RENAME TO raw_market_data_legacy;
ALTER TABLE raw_market_data_legacy DROP CONSTRAINT raw_market_data_pkey;

CREATE TABLE raw_market_data (
    id           uuid        NOT NULL,
    symbol       text        NOT NULL,
    provider     text        NOT NULL,
    http_status  smallint    NOT NULL,
    body         bytea       NOT NULL,
    content_type text,
    fetched_at   timestamptz NOT NULL,
    -- Unique per partition only: a raw response id is a fresh UUIDv7 per fetch, and storing one
    -- twice is still refused while its outbox row is kept (outbox_raw_response_id_key).
    CONSTRAINT raw_market_data_pkey PRIMARY KEY (id, fetched_at),
    -- Named as in the old table, whose constraint a partition must carry under the same name.
    CONSTRAINT raw_market_data_http_status_check CHECK (http_status BETWEEN 100 AND 599)
) PARTITION BY RANGE (fetched_at);

DO $$
DECLARE
    bound timestamptz := date_trunc('day', now(), 'UTC') + interval '1 day';
BEGIN
    IF EXISTS (SELECT 1 FROM raw_market_data_legacy) THEN
        CREATE TEMPORARY TABLE raw_beyond (LIKE raw_market_data_legacy) ON COMMIT DROP;
        WITH moved AS (DELETE FROM raw_market_data_legacy WHERE fetched_at >= bound RETURNING *)
        INSERT INTO raw_beyond SELECT * FROM moved;
        EXECUTE format(
            'ALTER TABLE raw_market_data ATTACH PARTITION raw_market_data_legacy'
            ' FOR VALUES FROM (MINVALUE) TO (%L)', bound);
        CREATE TABLE raw_market_data_default PARTITION OF raw_market_data DEFAULT;
        INSERT INTO raw_market_data SELECT * FROM raw_beyond;
    ELSE
        DROP TABLE raw_market_data_legacy;
        CREATE TABLE raw_market_data_default PARTITION OF raw_market_data DEFAULT;
    END IF;
END
$$;

-- price_points ----------------------------------------------------------------------------------
ALTER TABLE price_points RENAME TO price_points_legacy;
ALTER TABLE price_points_legacy DROP CONSTRAINT price_points_pkey;
ALTER TABLE price_points_legacy DROP CONSTRAINT price_points_raw_response_id_key;
-- A partition may not have an identity column of its own; the parent's continues the numbering.
ALTER TABLE price_points_legacy ALTER COLUMN id DROP IDENTITY;
ALTER INDEX price_points_symbol_provider_quote_idx
    RENAME TO price_points_legacy_symbol_provider_quote_idx;

CREATE TABLE price_points (
    id              bigint      GENERATED ALWAYS AS IDENTITY,
    symbol          text        NOT NULL,
    provider        text        NOT NULL,
    price           numeric     NOT NULL,
    quote_ts        timestamptz NOT NULL,
    fetched_at      timestamptz NOT NULL,
    raw_response_id uuid        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT price_points_pkey PRIMARY KEY (raw_response_id, quote_ts),
    CONSTRAINT price_points_price_check CHECK (price > 0)
) PARTITION BY RANGE (quote_ts);

-- As before: "latest" and history pages are keyset range scans of this index, newest first in
-- PriceEvent.ORDER. The legacy table's identical index is taken over as its partition's.
CREATE INDEX price_points_symbol_provider_quote_idx
    ON price_points (symbol, provider, quote_ts DESC, raw_response_id DESC);

DO $$
DECLARE
    bound timestamptz := date_trunc('day', now(), 'UTC') + interval '1 day';
    next_id bigint;
BEGIN
    IF EXISTS (SELECT 1 FROM price_points_legacy) THEN
        SELECT max(id) + 1 INTO next_id FROM price_points_legacy;
        EXECUTE format('ALTER TABLE price_points ALTER COLUMN id RESTART WITH %s', next_id);
        CREATE TEMPORARY TABLE points_beyond (LIKE price_points_legacy) ON COMMIT DROP;
        WITH moved AS (DELETE FROM price_points_legacy WHERE quote_ts >= bound RETURNING *)
        INSERT INTO points_beyond SELECT * FROM moved;
        EXECUTE format(
            'ALTER TABLE price_points ATTACH PARTITION price_points_legacy'
            ' FOR VALUES FROM (MINVALUE) TO (%L)', bound);
        CREATE TABLE price_points_default PARTITION OF price_points DEFAULT;
        INSERT INTO price_points OVERRIDING SYSTEM VALUE SELECT * FROM points_beyond;
    ELSE
        DROP TABLE price_points_legacy;
        CREATE TABLE price_points_default PARTITION OF price_points DEFAULT;
    END IF;
END
$$;

-- outbox ----------------------------------------------------------------------------------------
-- The outbox stays one table: it is a queue whose rows change (claimed, published), and a
-- partition could only go once every row in it was published. Published rows are deleted in
-- batches once older than the outbox retention; this index finds them without reading the rest.
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;
