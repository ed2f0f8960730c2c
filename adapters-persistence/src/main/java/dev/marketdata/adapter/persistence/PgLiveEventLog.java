package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;

import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.LiveBatch;
import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.LiveFrontier;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.TraceContext;
import dev.marketdata.domain.port.LiveEventLog;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The live log in PostgreSQL (ADR 0012, 0013): the rows of {@code outbox} (prices), {@code
 * average_outbox} (averages) and {@code bar_outbox} (completed bars), whose ids come from one
 * sequence, read together in id order through their primary keys.
 */
public final class PgLiveEventLog implements LiveEventLog {
  // All three tables in one shape: a price's value is its price and its time its quote time; an
  // average's are its value and as-of time. Each side is cut to the limit on its own primary key,
  // so a read costs three short index range scans however long the tables are.
  private static final String PRICES =
      "SELECT id, 'p' AS kind, symbol, provider, price AS value, quote_ts AS at,"
          + " raw_response_id, NULL::int AS window_size, NULL::int AS sample_count,"
          + " NULL::text AS bar_interval, NULL::timestamptz AS bar_end, NULL::numeric AS high,"
          + " NULL::numeric AS low, NULL::numeric AS close, NULL::int AS n, suspect, traceparent"
          + " FROM outbox";
  private static final String AVERAGES =
      "SELECT id, 'a', symbol, provider, value, as_of, NULL::uuid, window_size, sample_count,"
          + " NULL, NULL, NULL, NULL, NULL, NULL, false, traceparent FROM average_outbox";
  // A bar's value and time are its open and start (ADR 0013).
  private static final String BARS =
      "SELECT id, 'b', symbol, provider, open, bucket_start, NULL::uuid, NULL, NULL,"
          + " \"interval\", bucket_end, high, low, close, count, false, NULL FROM bar_outbox";
  private static final String AFTER = " WHERE id > $1 ORDER BY id LIMIT $2";

  // One statement, so the events and the bounds come from one snapshot: under READ COMMITTED a
  // statement scans with the snapshot its portal took, which is also the active snapshot that
  // pg_current_snapshot() returns while it runs (pquery.c PortalRunSelect, xid8funcs.c).
  // The upper bound is not the snapshot's xmax (one past the latest COMPLETED xid): an xid handed
  // out earlier to a transaction still open may be at or above it, and that transaction may own a
  // gap. The bound is the next xid to be handed out, read while the statement runs (after its
  // snapshot was taken): age(x) is "next xid - x" in a transaction that has no xid of its own, so
  // xmin + age(xmin) is that. Every xid handed out before the snapshot is below it (ADR 0012).
  // The LEFT JOIN keeps one row for the bounds when there is no event.
  private static final String SNAPSHOT =
      "WITH snap AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS x)";
  private static final String BOUNDS =
      "x::text::bigint AS snapshot_xmin, x::text::bigint + age(x::xid) AS snapshot_xnext";
  private static final String READ_AFTER =
      SNAPSHOT
          + ", bounds AS (SELECT "
          + BOUNDS
          + " FROM snap),"
          + " events AS (("
          + PRICES
          + AFTER
          + ") UNION ALL ("
          + AVERAGES
          + AFTER
          + ") UNION ALL ("
          + BARS
          + AFTER
          + ") ORDER BY id LIMIT $2)"
          + " SELECT b.snapshot_xmin, b.snapshot_xnext, e.* FROM bounds b LEFT JOIN events e ON true ORDER BY e.id";
  private static final String IN_RANGE =
      " WHERE id > $1 AND id <= $2 AND symbol = ANY($3) AND provider = $4 ORDER BY id LIMIT $5";
  static final String REPLAY =
      "("
          + PRICES
          + IN_RANGE
          + ") UNION ALL ("
          + AVERAGES
          + IN_RANGE
          + ") UNION ALL ("
          + BARS
          + IN_RANGE
          + ") ORDER BY id LIMIT $5";
  private static final String WRITTEN_SINCE =
      " WHERE id = $1 AND created_at > now() - $2::bigint * interval '1 millisecond')";
  private static final String RESUMABLE =
      "SELECT EXISTS (SELECT 1 FROM outbox"
          + WRITTEN_SINCE
          + " OR EXISTS (SELECT 1 FROM average_outbox"
          + WRITTEN_SINCE
          + " OR EXISTS (SELECT 1 FROM bar_outbox"
          + WRITTEN_SINCE;
  // Not max(id) over a UNION: each side is one step down its primary key from the end.
  private static final String MAX_ID =
      "greatest((SELECT id FROM outbox ORDER BY id DESC LIMIT 1),"
          + " (SELECT id FROM average_outbox ORDER BY id DESC LIMIT 1),"
          + " (SELECT id FROM bar_outbox ORDER BY id DESC LIMIT 1), 0)";
  private static final String HEAD = "SELECT " + MAX_ID;

  // The bounds as READ_AFTER takes them, and the highest id the same snapshot sees: three index
  // probes, no event read.
  private static final String FRONTIER =
      SNAPSHOT + " SELECT " + BOUNDS + ", " + MAX_ID + " AS max_id FROM snap";

  private final Pool pool;
  private final Tracer tracer;

  /** Untraced. */
  public PgLiveEventLog(Pool pool) {
    this(pool, OpenTelemetry.noop().getTracer("market-data-service"));
  }

  @Inject
  public PgLiveEventLog(Pool pool, Tracer tracer) {
    this.pool = pool;
    this.tracer = tracer;
  }

  @Override
  public CompletionStage<LiveBatch> readAfter(long after, int limit) {
    return PgFailures.toStage(
        checked(after, limit)
            .compose(v -> pool.preparedQuery(READ_AFTER).execute(Tuple.of(after, limit)))
            .map(
                rows -> {
                  Row first = rows.iterator().next();
                  List<LiveEvent> events = new ArrayList<>(rows.size());
                  for (Row row : rows) {
                    if (row.getLong("id") != null) {
                      LiveEvent event = event(row);
                      events.add(event);
                      traceRead(row, event);
                    }
                  }
                  return new LiveBatch(
                      events, first.getLong("snapshot_xmin"), first.getLong("snapshot_xnext"));
                }));
  }

  @Override
  public CompletionStage<List<LiveEvent>> replay(
      long after, long upTo, Set<Symbol> symbols, ProviderId provider, int limit) {
    String[] names = symbols.stream().map(Symbol::value).toArray(String[]::new);
    return PgFailures.toStage(
        checked(after, limit)
            .compose(
                v ->
                    pool.preparedQuery(REPLAY)
                        .execute(Tuple.of(after, upTo, names, provider.value(), limit)))
            .map(PgLiveEventLog::events));
  }

  @Override
  public CompletionStage<Boolean> resumable(long id, Duration window) {
    return PgFailures.toStage(
        pool.preparedQuery(RESUMABLE)
            .execute(Tuple.of(id, window.toMillis()))
            .map(rows -> rows.iterator().next().getBoolean(0)));
  }

  @Override
  public CompletionStage<LiveFrontier> frontier() {
    return PgFailures.toStage(
        pool.preparedQuery(FRONTIER)
            .execute()
            .map(
                rows -> {
                  Row row = rows.iterator().next();
                  return new LiveFrontier(row.getLong(2), row.getLong(0), row.getLong(1));
                }));
  }

  @Override
  public CompletionStage<Long> head() {
    return PgFailures.toStage(
        pool.preparedQuery(HEAD).execute().map(rows -> rows.iterator().next().getLong(0)));
  }

  private static Future<Void> checked(long after, int limit) {
    if (after < 0 || limit < 1) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "a live log read needs after >= 0 and limit >= 1, got " + after + ", " + limit));
    }
    return Future.succeededFuture();
  }

  /**
   * A {@code live feed read} span for a traced price or average: a child of the fetch a price was
   * stored under, or of the consumer's {@code average commit} that stored an average (V14), marking
   * when this replica's live feed took it from the log for its SSE and WebSocket clients (each API
   * replica tails the log, so each records one). Zero length: the fan-out that follows is per
   * client and not traced.
   */
  private void traceRead(Row row, LiveEvent event) {
    String traceparent = row.getString("traceparent");
    if (traceparent == null || !(event.isPrice() || event.isAverage())) {
      return;
    }
    Context parent = StoreSpans.parent(TraceContext.lenient(traceparent, null));
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      return;
    }
    tracer
        .spanBuilder("live feed read")
        .setParent(parent)
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute("mds.live_id", event.id())
        .setAttribute("mds.symbol", event.symbol().value())
        .startSpan()
        .end();
  }

  private static List<LiveEvent> events(RowSet<Row> rows) {
    List<LiveEvent> events = new ArrayList<>(rows.size());
    for (Row row : rows) {
      events.add(event(row));
    }
    return events;
  }

  private static LiveEvent event(Row row) {
    long id = row.getLong("id");
    Symbol symbol = Symbol.of(row.getString("symbol"));
    ProviderId provider = ProviderId.of(row.getString("provider"));
    String kind = row.getString("kind");
    if (kind.equals("b")) {
      BarInterval interval = BarInterval.parse(row.getString("bar_interval"));
      return LiveEvent.ofBar(
          id,
          new Bar(
              symbol,
              provider,
              interval,
              instant(row.getOffsetDateTime("at")),
              instant(row.getOffsetDateTime("bar_end")),
              row.getBigDecimal("value"),
              row.getBigDecimal("high"),
              row.getBigDecimal("low"),
              row.getBigDecimal("close"),
              row.getInteger("n"),
              true));
    }
    if (kind.equals("p")) {
      return LiveEvent.ofPrice(
          id,
          new PriceEvent(
              symbol,
              row.getBigDecimal("value"),
              instant(row.getOffsetDateTime("at")),
              provider,
              row.getUUID("raw_response_id"),
              row.getBoolean("suspect")));
    }
    return LiveEvent.ofAverage(
        id,
        new MovingAverage(
            symbol,
            provider,
            row.getInteger("window_size"),
            row.getBigDecimal("value"),
            row.getInteger("sample_count"),
            instant(row.getOffsetDateTime("at"))));
  }
}
