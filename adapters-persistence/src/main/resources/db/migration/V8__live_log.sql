-- One order for the live streams (ADR 0012): every stored price (an outbox row, written by the
-- ingest transaction) and every committed average (an average_outbox row, written by the consumer's
-- transaction) takes its id from one sequence, the outbox's, so the two tables together are one log
-- ordered by id that every API replica reads alike and a client resumes from on any replica.
--
-- average_outbox.id leaves its own identity for a plain default on the outbox's identity sequence.
-- No insert names the id (the price outbox keeps GENERATED ALWAYS), so the writers are unchanged.
-- CACHE 1 (the identity default, made explicit): a session that cached a block of values would
-- hand out ids out of time order across sessions, and the live stream's gap rule needs "a lower id
-- was taken earlier".
DO $$
DECLARE
    seq regclass := pg_get_serial_sequence('outbox', 'id')::regclass;
    last_id bigint;
BEGIN
    ALTER TABLE average_outbox ALTER COLUMN id DROP IDENTITY;
    EXECUTE format('ALTER TABLE average_outbox ALTER COLUMN id SET DEFAULT nextval(%L::regclass)',
                   seq);
    EXECUTE format('ALTER SEQUENCE %s CACHE 1', seq);
    -- Past every id either table already holds (and every value the sequence gave), so no id is
    -- used twice across the tables; a sequence never used and empty tables are left to start at 1.
    SELECT greatest(
               (SELECT max(id) FROM outbox),
               (SELECT max(id) FROM average_outbox),
               (SELECT last_value FROM pg_sequences
                 WHERE format('%I.%I', schemaname, sequencename)::regclass = seq))
      INTO last_id;
    IF last_id IS NOT NULL THEN
        PERFORM setval(seq, last_id);
    END IF;
END
$$;
