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
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The {@code outbox} table: events waiting for the relay, oldest (lowest id) first. A relay claims
 * its batch in one statement: the oldest waiting rows that no live lease holds, locked with {@code
 * FOR UPDATE SKIP LOCKED} so concurrent relays take disjoint batches instead of queueing behind
 * each other, and stamped with the relay's name and the lease's end (the database's clock, so
 * replicas' clocks do not matter). See ADR 0006.
 */
public final class PgOutbox implements Outbox {
  static final String UNPUBLISHED =
      "SELECT id, raw_response_id, symbol, provider, price, quote_ts, suspect, created_at,"
          + " traceparent, tracestate FROM outbox"
          + " WHERE published_at IS NULL ORDER BY id LIMIT $1";

  private final Pool pool;
  private final OutboxRows rows;

  @Inject
  public PgOutbox(Pool pool) {
    this.pool = pool;
    this.rows =
        new OutboxRows(
            pool,
            "outbox",
            "o.id, o.raw_response_id, o.symbol, o.provider, o.price, o.quote_ts, o.suspect,"
                + " o.created_at, o.traceparent, o.tracestate");
  }

  @Override
  public CompletionStage<List<OutboxEntry>> claim(String owner, int limit, Duration lease) {
    return rows.claim(owner, limit, lease, PgOutbox::entry, OutboxEntry::id);
  }

  @Override
  public CompletionStage<List<OutboxEntry>> unpublished(int limit) {
    return PgFailures.toStage(
        pool.preparedQuery(UNPUBLISHED).execute(Tuple.of(limit)).map(PgOutbox::entries));
  }

  private static List<OutboxEntry> entries(RowSet<Row> rows) {
    List<OutboxEntry> entries = new ArrayList<>(rows.size());
    for (Row row : rows) {
      entries.add(entry(row));
    }
    return entries;
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
