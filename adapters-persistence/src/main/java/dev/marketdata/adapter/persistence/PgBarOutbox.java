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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The {@code bar_outbox} table, which {@link PgBarCloser} fills with each closed bar: claimed by
 * relays with a lease and {@code FOR UPDATE SKIP LOCKED} exactly as {@link PgOutbox} claims price
 * events (ADR 0006, 0013).
 */
public final class PgBarOutbox implements BarOutbox {
  private final OutboxRows rows;

  @Inject
  public PgBarOutbox(Pool pool) {
    this.rows =
        new OutboxRows(
            pool,
            "bar_outbox",
            "o.id, o.event_id, o.symbol, o.provider, o.\"interval\", o.bucket_start, o.bucket_end,"
                + " o.open, o.high, o.low, o.close, o.count, o.created_at");
  }

  @Override
  public CompletionStage<List<BarOutboxEntry>> claim(String owner, int limit, Duration lease) {
    return rows.claim(owner, limit, lease, PgBarOutbox::entry, BarOutboxEntry::id);
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
