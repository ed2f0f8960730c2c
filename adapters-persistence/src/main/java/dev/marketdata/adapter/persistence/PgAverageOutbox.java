package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;

import dev.marketdata.domain.model.AverageEvent;
import dev.marketdata.domain.model.AverageOutboxEntry;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.OutboxObservation;
import dev.marketdata.domain.model.OutboxRead;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.TraceContext;
import dev.marketdata.domain.port.AverageOutbox;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * The {@code average_outbox} table, which {@link PgMovingAverageRepository} fills with each changed
 * average: read by position exactly as {@link PgOutbox} (ADR 0011, 0016).
 */
public final class PgAverageOutbox implements AverageOutbox {
  private final OutboxRows<AverageOutboxEntry> rows;

  @Inject
  public PgAverageOutbox(Pool pool) {
    this.rows =
        new OutboxRows<>(
            pool,
            "average_outbox",
            "id, event_id, symbol, provider, window_size, value, sample_count,"
                + " as_of, created_at, traceparent, tracestate",
            PgAverageOutbox::entry);
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
  public CompletionStage<OptionalLong> lead(String owner, Duration lease) {
    return rows.lead(owner, lease);
  }

  @Override
  public CompletionStage<OutboxRead<AverageOutboxEntry>> readFinal(
      long position, List<OutboxObservation> observations, int limit) {
    return rows.readFinal(position, observations, limit);
  }

  @Override
  public CompletionStage<Boolean> advance(String owner, long from, long to, Duration lease) {
    return rows.advance(owner, from, to, lease);
  }

  @Override
  public CompletionStage<Void> resign(String owner) {
    return rows.resign(owner);
  }

  @Override
  public CompletionStage<List<AverageOutboxEntry>> unpublished(int limit) {
    return rows.unpublished(limit);
  }

  @Override
  public CompletionStage<Long> depth() {
    return rows.depth();
  }
}
