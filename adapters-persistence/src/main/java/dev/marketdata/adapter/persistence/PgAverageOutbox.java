package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;

import dev.marketdata.domain.model.AverageEvent;
import dev.marketdata.domain.model.AverageOutboxEntry;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.TraceContext;
import dev.marketdata.domain.port.AverageOutbox;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The {@code average_outbox} table, which {@link PgMovingAverageRepository} fills with each changed
 * average: claimed by relays with a lease and {@code FOR UPDATE SKIP LOCKED} exactly as {@link
 * PgOutbox} claims price events (ADR 0006, 0011).
 */
public final class PgAverageOutbox implements AverageOutbox {
  private final OutboxRows rows;

  @Inject
  public PgAverageOutbox(Pool pool) {
    this.rows =
        new OutboxRows(
            pool,
            "average_outbox",
            "o.id, o.event_id, o.symbol, o.provider, o.window_size, o.value, o.sample_count,"
                + " o.as_of, o.created_at, o.traceparent, o.tracestate");
  }

  @Override
  public CompletionStage<List<AverageOutboxEntry>> claim(String owner, int limit, Duration lease) {
    return rows.claim(owner, limit, lease, PgAverageOutbox::entry, AverageOutboxEntry::id);
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
        instant(row.getOffsetDateTime("created_at")),
        // Lenient: a row's trace context is a hint for the trace, never a reason not to publish.
        TraceContext.lenient(row.getString("traceparent"), row.getString("tracestate")));
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
