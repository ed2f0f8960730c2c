package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;

import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.TraceContext;
import dev.marketdata.domain.port.Outbox;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import jakarta.inject.Inject;

/**
 * The {@code outbox} table: events in id order, read by the relay that leads it from its position
 * in {@code relay_positions} (ADR 0016); rows are inserted by the ingest transaction and never
 * changed.
 */
public final class PgOutbox extends OutboxRows<OutboxEntry> implements Outbox {
  @Inject
  public PgOutbox(Pool pool) {
    super(
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
}
