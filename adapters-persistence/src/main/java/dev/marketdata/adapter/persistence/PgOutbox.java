package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;
import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The {@code outbox} table: events waiting for the relay, oldest (lowest id) first. */
public final class PgOutbox implements Outbox {
  static final String UNPUBLISHED =
      "SELECT id, raw_response_id, symbol, provider, price, quote_ts, created_at FROM outbox"
          + " WHERE published_at IS NULL ORDER BY id LIMIT $1";
  private static final String MARK_PUBLISHED =
      "UPDATE outbox SET published_at = $2 WHERE id = ANY($1) AND published_at IS NULL";
  private static final String DEPTH = "SELECT count(*) FROM outbox WHERE published_at IS NULL";

  private final Pool pool;

  @Inject
  public PgOutbox(Pool pool) {
    this.pool = pool;
  }

  @Override
  public CompletionStage<List<OutboxEntry>> unpublished(int limit) {
    return PgFailures.toStage(
        pool.preparedQuery(UNPUBLISHED)
            .execute(Tuple.of(limit))
            .map(
                rows -> {
                  List<OutboxEntry> entries = new ArrayList<>(rows.size());
                  for (Row row : rows) {
                    entries.add(entry(row));
                  }
                  return entries;
                }));
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
  public CompletionStage<Void> markPublished(List<Long> ids, Instant publishedAt) {
    if (ids.isEmpty()) {
      return Future.<Void>succeededFuture().toCompletionStage();
    }
    return PgFailures.toStage(
        pool.preparedQuery(MARK_PUBLISHED)
            .execute(Tuple.of(ids.toArray(Long[]::new), timestamptz(publishedAt)))
            .mapEmpty());
  }

  @Override
  public CompletionStage<Long> depth() {
    return PgFailures.toStage(
        pool.preparedQuery(DEPTH).execute().map(rows -> rows.iterator().next().getLong(0)));
  }
}
