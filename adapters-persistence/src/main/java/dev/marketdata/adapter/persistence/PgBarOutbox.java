package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;

import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarEvent;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarOutboxEntry;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.BarOutbox;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import jakarta.inject.Inject;

/**
 * The {@code bar_outbox} table, which {@link PgBarCloser} fills with each closed bar: read by
 * position exactly as {@link PgOutbox} (ADR 0013, 0016).
 */
public final class PgBarOutbox extends OutboxRows<BarOutboxEntry> implements BarOutbox {
  @Inject
  public PgBarOutbox(Pool pool) {
    super(
        pool,
        "bar_outbox",
        "id, event_id, symbol, provider, \"interval\", bucket_start, bucket_end,"
            + " open, high, low, close, count, created_at",
        PgBarOutbox::entry);
  }

  static BarOutboxEntry entry(Row row) {
    return new BarOutboxEntry(
        row.getLong("id"),
        new BarEvent(row.getUUID("event_id"), bar(row)),
        instant(row.getOffsetDateTime("created_at")));
  }

  /** The bar of a {@code bar_outbox} row; a closed bar is complete. */
  static Bar bar(Row row) {
    return new Bar(
        Symbol.of(row.getString("symbol")),
        ProviderId.of(row.getString("provider")),
        BarInterval.parse(row.getString("interval")),
        instant(row.getOffsetDateTime("bucket_start")),
        instant(row.getOffsetDateTime("bucket_end")),
        row.getBigDecimal("open"),
        row.getBigDecimal("high"),
        row.getBigDecimal("low"),
        row.getBigDecimal("close"),
        row.getInteger("count"),
        true);
  }
}
