-- Prices now enter with at most 10 decimals (and 18 digits), and the values built from stored
-- rows check that bound again. Rows stored before it may carry binary-float noise from providers
-- that send JSON floating-point numbers (Yahoo's 1.0845986604690552): round those, half even as
-- the providers' parser now does, so that they read back. The raw responses are left as they are.
UPDATE price_points SET price = round(price, 10) WHERE scale(price) > 10;
UPDATE outbox SET price = round(price, 10) WHERE scale(price) > 10;

-- The moving-average windows hold each event's price as exact text; round those the same way.
-- The averages themselves are kept: they were computed from the exact values.
UPDATE symbol_averages AS sa
SET window_prices = (
    SELECT jsonb_agg(
               CASE
                   WHEN scale((e ->> 'price')::numeric) > 10
                       THEN jsonb_set(e, '{price}', to_jsonb(round((e ->> 'price')::numeric, 10)::text))
                   ELSE e
               END
               ORDER BY ord)
    FROM jsonb_array_elements(sa.window_prices) WITH ORDINALITY AS w(e, ord))
WHERE EXISTS (
    SELECT 1
    FROM jsonb_array_elements(sa.window_prices) AS w(e)
    WHERE scale((e ->> 'price')::numeric) > 10);
