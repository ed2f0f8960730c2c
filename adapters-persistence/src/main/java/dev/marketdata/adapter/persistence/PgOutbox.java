package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;

import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.Outbox;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The {@code outbox} table: events waiting for the relay, oldest (lowest id) first. A relay claims
 * its batch in one statement: the oldest waiting rows that no live lease holds, locked with {@code
 * FOR UPDATE SKIP LOCKED} so concurrent relays take disjoint batches instead of queueing behind
 * each other, and stamped with the relay's name and the lease's end (the database's clock, so
 * replicas' clocks do not matter). See ADR 0006.
 */
public final class PgOutbox implements Outbox {
  static final String UNPUBLISHED =
      "SELECT id, raw_response_id, symbol, provider, price, quote_ts, created_at FROM outbox"
          + " WHERE published_at IS NULL ORDER BY id LIMIT $1";
  static final String CLAIM =
      "UPDATE outbox o SET claimed_by = $1,"
          + " claim_expires_at = now() + $3::bigint * interval '1 millisecond'"
          + " FROM (SELECT id FROM outbox WHERE published_at IS NULL"
          + " AND (claim_expires_at IS NULL OR claim_expires_at < now() OR claimed_by = $1)"
          + " ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) c"
          + " WHERE o.id = c.id"
          + " RETURNING o.id, o.raw_response_id, o.symbol, o.provider, o.price, o.quote_ts,"
          + " o.created_at";

  private final Pool pool;
  private final OutboxRows rows;

  @Inject
  public PgOutbox(Pool pool) {
    this.pool = pool;
    this.rows = new OutboxRows(pool, "outbox");
  }

  @Override
  public CompletionStage<List<OutboxEntry>> claim(String owner, int limit, Duration lease) {
    return PgFailures.toStage(
        pool.preparedQuery(CLAIM)
            .execute(Tuple.of(owner, limit, lease.toMillis()))
            // RETURNING comes in no particular order; the relay publishes oldest first.
            .map(rows -> sortedById(entries(rows))));
  }

  @Override
  public CompletionStage<List<OutboxEntry>> unpublished(int limit) {
    return PgFailures.toStage(
        pool.preparedQuery(UNPUBLISHED).execute(Tuple.of(limit)).map(PgOutbox::entries));
  }

  private static List<OutboxEntry> entries(RowSet<Row> rows) {
    List<OutboxEntry> entries = new ArrayList<>(rows.size());
    for (Row row : rows) {
      entries.add(entry(row));
    }
    return entries;
  }

  private static List<OutboxEntry> sortedById(List<OutboxEntry> entries) {
    entries.sort(Comparator.comparingLong(OutboxEntry::id));
    return entries;
  }

  private static OutboxEntry entry(Row row) {
    PriceEvent event =
        new PriceEvent(
            Symbol.of(row.getString("symbol")),
            row.getBigDecimal("price"),
            instant(row.getOffsetDateTime("quote_ts")),
            ProviderId.of(row.getString("provider")),
            row.getUUID("raw_response_id"));
    return new OutboxEntry(row.getLong("id"), event, instant(row.getOffsetDateTime("created_at")));
  }

  @Override
  public CompletionStage<Void> markPublished(String owner, List<Long> ids, Instant publishedAt) {
    return rows.markPublished(owner, ids, publishedAt);
  }

  @Override
  public CompletionStage<Void> release(String owner, List<Long> ids) {
    return rows.release(owner, ids);
  }

  @Override
  public CompletionStage<Long> depth() {
    return rows.depth();
  }
}
