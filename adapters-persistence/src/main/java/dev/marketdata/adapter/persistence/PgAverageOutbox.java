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

/**
 * The {@code average_outbox} table, which {@link PgMovingAverageRepository} fills with each changed
 * average: read by position exactly as {@link PgOutbox} (ADR 0011, 0016).
 */
public final class PgAverageOutbox extends OutboxRows<AverageOutboxEntry> implements AverageOutbox {
  @Inject
  public PgAverageOutbox(Pool pool) {
    super(
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
}
