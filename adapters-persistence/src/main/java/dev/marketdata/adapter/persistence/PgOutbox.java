package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;

import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.OutboxObservation;
import dev.marketdata.domain.model.OutboxRead;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.TraceContext;
import dev.marketdata.domain.port.Outbox;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * The {@code outbox} table: events in id order, read by the relay that leads it from its position
 * in {@code relay_positions} (ADR 0016); rows are inserted by the ingest transaction and never
 * changed.
 */
public final class PgOutbox implements Outbox {
  private final OutboxRows<OutboxEntry> rows;

  @Inject
  public PgOutbox(Pool pool) {
    this.rows =
        new OutboxRows<>(
            pool,
            "outbox",
            "id, raw_response_id, symbol, provider, price, quote_ts, suspect, created_at,"
                + " traceparent, tracestate",
            PgOutbox::entry);
  }

  private static OutboxEntry entry(Row row) {
    PriceEvent event =
        new PriceEvent(
            Symbol.of(row.getString("symbol")),
            row.getBigDecimal("price"),
            instant(row.getOffsetDateTime("quote_ts")),
            ProviderId.of(row.getString("provider")),
            row.getUUID("raw_response_id"),
            row.getBoolean("suspect"));
    return new OutboxEntry(
        row.getLong("id"),
        event,
        instant(row.getOffsetDateTime("created_at")),
        // Lenient: a row's trace context is a hint for the trace, never a reason not to publish.
        TraceContext.lenient(row.getString("traceparent"), row.getString("tracestate")));
  }

  @Override
  public CompletionStage<OptionalLong> lead(String owner, Duration lease) {
    return rows.lead(owner, lease);
  }

  @Override
  public CompletionStage<OutboxRead<OutboxEntry>> readFinal(
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
  public CompletionStage<List<OutboxEntry>> unpublished(int limit) {
    return rows.unpublished(limit);
  }

  @Override
  public CompletionStage<Long> depth() {
    return rows.depth();
  }
}
