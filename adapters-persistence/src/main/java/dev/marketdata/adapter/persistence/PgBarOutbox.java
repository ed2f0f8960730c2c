package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;

import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarEvent;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarOutboxEntry;
import dev.marketdata.domain.model.OutboxObservation;
import dev.marketdata.domain.model.OutboxRead;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.BarOutbox;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * The {@code bar_outbox} table, which {@link PgBarCloser} fills with each closed bar: read by
 * position exactly as {@link PgOutbox} (ADR 0013, 0016).
 */
public final class PgBarOutbox implements BarOutbox {
  private final OutboxRows<BarOutboxEntry> rows;

  @Inject
  public PgBarOutbox(Pool pool) {
    this.rows =
        new OutboxRows<>(
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

  @Override
  public CompletionStage<OptionalLong> lead(String owner, Duration lease) {
    return rows.lead(owner, lease);
  }

  @Override
  public CompletionStage<OutboxRead<BarOutboxEntry>> readFinal(
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
  public CompletionStage<List<BarOutboxEntry>> unpublished(int limit) {
    return rows.unpublished(limit);
  }

  @Override
  public CompletionStage<Long> depth() {
    return rows.depth();
  }
}
