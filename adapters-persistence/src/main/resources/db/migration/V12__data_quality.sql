-- Data quality (ADR 0014): same quotes are recognised, outliers are flagged suspect.
--
-- price_points is partitioned by quote day (ADR 0009, V6). ALTER TABLE on the partitioned parent
-- adds a column to every partition; a constant default is stored in the catalogue, so neither
-- column rewrites a partition.
--   suspect:      the outlier rule flagged this price; served, kept out of averages, bars and
--                 indicators (unless MDS_INCLUDE_SUSPECT=true).
--   confirmed_at: the last fetch that returned this same quote again (same quote time and price):
--                 no new point is stored for it, but the point counts as fetched then, so the
--                 latest-price freshness window does not call the provider again at every request.
ALTER TABLE price_points ADD COLUMN suspect boolean NOT NULL DEFAULT false;
ALTER TABLE price_points ADD COLUMN confirmed_at timestamptz;

-- The relay publishes "suspect": true from here; the averages consumer skips such events.
ALTER TABLE outbox ADD COLUMN suspect boolean NOT NULL DEFAULT false;

-- One row per (symbol, provider): the newest stored quote (PriceEvent.ORDER) and the newest
-- non-suspect quote (the outlier rule's reference). The ingest transaction upserts the rows of its
-- batch's pairs first, in (symbol, provider) order, which locks them until it commits: so two
-- transactions (two replicas, or two coalesced batches of one) never both judge the same quote as
-- new, and the row locks are always taken in one order (no deadlock between batches).
CREATE TABLE quote_heads (
    symbol          text        NOT NULL,
    provider        text        NOT NULL,
    quote_ts        timestamptz,
    price           numeric,
    raw_response_id uuid,
    suspect         boolean     NOT NULL DEFAULT false,
    fetched_at      timestamptz,
    ref_quote_ts    timestamptz,
    ref_price       numeric,
    PRIMARY KEY (symbol, provider)
);

-- The heads of the prices stored so far (none of which is suspect): each pair's newest point is
-- both its newest and its reference.
INSERT INTO quote_heads (symbol, provider, quote_ts, price, raw_response_id, suspect, fetched_at,
                         ref_quote_ts, ref_price)
SELECT DISTINCT ON (symbol, provider)
       symbol, provider, quote_ts, price, raw_response_id, false, fetched_at, quote_ts, price
  FROM price_points
 ORDER BY symbol, provider, quote_ts DESC, raw_response_id DESC;
