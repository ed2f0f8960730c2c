package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;

import dev.marketdata.domain.model.AverageEvent;
import dev.marketdata.domain.model.AverageOutboxEntry;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.AverageOutbox;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The {@code average_outbox} table, which {@link PgMovingAverageRepository} fills with each changed
 * average: claimed by relays with a lease and {@code FOR UPDATE SKIP LOCKED} exactly as {@link
 * PgOutbox} claims price events (ADR 0006, 0011).
 */
public final class PgAverageOutbox implements AverageOutbox {
  private static final String CLAIM =
      "UPDATE average_outbox o SET claimed_by = $1,"
          + " claim_expires_at = now() + $3::bigint * interval '1 millisecond'"
          + " FROM (SELECT id FROM average_outbox WHERE published_at IS NULL"
          + " AND (claim_expires_at IS NULL OR claim_expires_at < now() OR claimed_by = $1)"
          + " ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) c"
          + " WHERE o.id = c.id"
          + " RETURNING o.id, o.event_id, o.symbol, o.provider, o.window_size, o.value,"
          + " o.sample_count, o.as_of, o.created_at";

  private final Pool pool;
  private final OutboxRows rows;

  @Inject
  public PgAverageOutbox(Pool pool) {
    this.pool = pool;
    this.rows = new OutboxRows(pool, "average_outbox");
  }

  @Override
  public CompletionStage<List<AverageOutboxEntry>> claim(String owner, int limit, Duration lease) {
    return PgFailures.toStage(
        pool.preparedQuery(CLAIM)
            .execute(Tuple.of(owner, limit, lease.toMillis()))
            .map(
                rows -> {
                  List<AverageOutboxEntry> entries = new ArrayList<>(rows.size());
                  for (Row row : rows) {
                    entries.add(entry(row));
                  }
                  // RETURNING comes in no particular order; the relay publishes oldest first.
                  entries.sort(Comparator.comparingLong(AverageOutboxEntry::id));
                  return entries;
                }));
  }

  private static AverageOutboxEntry entry(Row row) {
    MovingAverage average =
        new MovingAverage(
            Symbol.of(row.getString("symbol")),
            ProviderId.of(row.getString("provider")),
            row.getInteger("window_size"),
            row.getBigDecimal("value"),
            row.getInteger("sample_count"),
            instant(row.getOffsetDateTime("as_of")));
    return new AverageOutboxEntry(
        row.getLong("id"),
        new AverageEvent(row.getUUID("event_id"), average),
        instant(row.getOffsetDateTime("created_at")));
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
