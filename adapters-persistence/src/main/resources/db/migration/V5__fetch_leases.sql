-- Who may call a provider for a (symbol, provider)'s latest price (ADR 0007). A replica that misses
-- claims the pair with one INSERT ... ON CONFLICT DO UPDATE that succeeds only when no live lease
-- holds it; the others re-read the stored price until the holder's fetch is stored. After a fetch
-- the lease is kept until its price is no longer fresh, so every replica together asks at most once
-- per freshness window. After a failed fetch the row is deleted: the next replica may try at once,
-- and symbols the provider does not know leave no row behind.
CREATE TABLE fetch_leases (
    symbol       text        NOT NULL,
    provider     text        NOT NULL,
    holder       text        NOT NULL,
    leased_until timestamptz NOT NULL,
    PRIMARY KEY (symbol, provider)
);
