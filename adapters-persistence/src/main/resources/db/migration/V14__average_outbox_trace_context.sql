-- Tracing (issue 19): the W3C trace context of the price that changed an average, stored with its
-- average_outbox row by the consumer's averages transaction (the context of that record's
-- "average commit" span), so the relay sends it on as the Kafka headers traceparent and
-- tracestate of price-averages and the live feed's read joins the same trace, as V13 does for
-- prices. Nullable, no default: adding them rewrites nothing, and rows written while tracing is off,
-- for an untraced record or by an older release stay NULL and go out without the headers.
-- Retention deletes whole rows; the live log (V8) reads the table by id and is unaffected.
ALTER TABLE average_outbox
    ADD COLUMN traceparent text,
    ADD COLUMN tracestate text;
