-- Tracing (issue 19): the W3C trace context a price was fetched under, stored with its outbox row
-- by the ingest transaction, so the relay (another process, maybe much later) sends it on as the
-- Kafka headers traceparent and tracestate and the consumer's work joins the same trace.
-- Nullable, no default: adding them rewrites nothing (PostgreSQL only changes the catalogue), rows
-- written while tracing is off or by an older release stay NULL and go out without the headers.
-- The outbox is one table, not partitioned (V6), and its retention deletes whole rows, so the
-- columns need nothing more; the live log (V8) reads the outbox by id and is unaffected.
ALTER TABLE outbox
    ADD COLUMN traceparent text,
    ADD COLUMN tracestate text;
