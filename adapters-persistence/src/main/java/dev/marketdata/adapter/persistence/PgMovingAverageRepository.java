package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;
import static dev.marketdata.adapter.persistence.PgValues.micros;
import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.average.MovingAverageWindow;
import dev.marketdata.domain.average.WindowFold;
import dev.marketdata.domain.average.WindowKey;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.TraceContext;
import dev.marketdata.domain.port.MovingAverageRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moving averages in {@code symbol_averages}. A batch is applied in one transaction: lock the
 * affected (symbol, provider) pairs, load their windows, let {@link WindowFold} decide what they
 * become, and write every changed window back in one batched upsert. Unchanged windows are not
 * written, so a replay leaves the rows exactly as they were. Each written window is also queued in
 * {@code average_outbox} in that transaction, for the relay to publish (ADR 0011). Windows it read
 * or wrote are kept in a {@link WindowCache} and read again only when their row changed since.
 */
public final class PgMovingAverageRepository implements MovingAverageRepository {
  // Transaction-scoped advisory locks also cover windows that have no row yet, which FOR UPDATE
  // cannot lock; taking them in sorted order keeps two appliers from deadlocking.
  // pg_current_xact_id() gives the transaction its xid here, before UPSERT draws live-log ids for
  // its average_outbox rows (ADR 0012): a reader that sees a later id must be able to tell from
  // its snapshot bounds that this transaction may still own an earlier one. An advisory lock alone
  // assigns no xid; in the same statement it costs no extra round trip.
  // The xid's low 32 bits are the xmin of every row this transaction writes (WindowCache).
  private static final String LOCK_PAIRS =
      "SELECT pg_current_xact_id()::text::bigint % 4294967296 AS xid,"
          + " pg_advisory_xact_lock(hashtextextended(k, 0))"
          + " FROM unnest($1::text[]) AS k ORDER BY k";
  // Each row's version (xmin) always, its window only when the version is not the one the cache
  // holds ($4, null when nothing is cached): a consumer that wrote a window last reads 16 bytes
  // of it, not the window. No FOR UPDATE: every writer of symbol_averages holds the pairs'
  // advisory locks (LOCK_PAIRS, an earlier statement), which PostgreSQL releases only after the
  // holder's commit is visible, so this statement's snapshot, taken after them, has the newest
  // row. Row locks would only write each row's xmax (a heap write and WAL) before UPSERT does.
  private static final String LOAD =
      "SELECT a.symbol, a.provider, a.window_size, v.version,"
          + " CASE WHEN v.version IS DISTINCT FROM k.cached THEN a.window_ids END,"
          + " CASE WHEN v.version IS DISTINCT FROM k.cached THEN a.window_prices END,"
          + " CASE WHEN v.version IS DISTINCT FROM k.cached THEN a.window_times END"
          + " FROM symbol_averages a"
          + " JOIN unnest($1::text[], $2::text[], $3::int[], $4::bigint[])"
          + " AS k(symbol, provider, window_size, cached)"
          + " ON a.symbol = k.symbol AND a.provider = k.provider"
          + " AND a.window_size = k.window_size"
          + " CROSS JOIN LATERAL (SELECT a.xmin::text::bigint) AS v(version)"
          + " ORDER BY a.symbol, a.provider, a.window_size";
  // Every changed window in one statement (arrays unnested into rows; keys are distinct, so no row
  // is hit twice), rather than one executed INSERT per window.
  // The same statement queues each changed average for price-averages (ADR 0011), so the two
  // writes commit together: no average is stored without being queued, nor queued without being
  // stored.
  // Each queued average keeps the trace context of the price that changed it (V14), taken from
  // the input rows by key: RETURNING only gives symbol_averages' columns.
  // The window's ids and times (fixed-width, sent in binary) come as one flat array each, every
  // row taking sample_count elements from window_from on (a slice of a fixed-width array is found
  // by offset, not by walking it); its prices as a numeric[] literal per row, since the client
  // sends numeric as text anyway.
  private static final String UPSERT =
      "WITH t AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::numeric[],"
          + " $5::int[], $6::int[], $7::text[], $8::uuid[], $9::timestamptz[], $10::text[],"
          + " $11::text[])"
          + " AS t(symbol, provider, window_size, value, sample_count, window_from, window_prices,"
          + " last_raw_response_id, as_of, traceparent, tracestate)),"
          + " upserted AS (INSERT INTO symbol_averages (symbol, provider, window_size, value,"
          + " sample_count, window_ids, window_prices, window_times, last_raw_response_id, as_of,"
          + " updated_at)"
          + " SELECT symbol, provider, window_size, value, sample_count,"
          + " ($12::uuid[])[window_from:window_from + sample_count - 1],"
          + " window_prices::numeric[],"
          + " ($13::timestamptz[])[window_from:window_from + sample_count - 1],"
          + " last_raw_response_id, as_of, now() FROM t"
          + " ON CONFLICT (symbol, provider, window_size) DO UPDATE SET value = EXCLUDED.value,"
          + " sample_count = EXCLUDED.sample_count, window_ids = EXCLUDED.window_ids,"
          + " window_prices = EXCLUDED.window_prices, window_times = EXCLUDED.window_times,"
          + " last_raw_response_id = EXCLUDED.last_raw_response_id, as_of = EXCLUDED.as_of,"
          + " updated_at = now()"
          + " RETURNING symbol, provider, window_size, value, sample_count, as_of)"
          + " INSERT INTO average_outbox (symbol, provider, window_size, value, sample_count,"
          + " as_of, traceparent, tracestate)"
          + " SELECT u.symbol, u.provider, u.window_size, u.value, u.sample_count, u.as_of,"
          + " t.traceparent, t.tracestate FROM upserted u"
          + " JOIN t ON t.symbol = u.symbol AND t.provider = u.provider"
          + " AND t.window_size = u.window_size"
          + " ORDER BY u.symbol, u.provider, u.window_size";
  private static final String FIND =
      "SELECT value, sample_count, as_of FROM symbol_averages"
          + " WHERE symbol = $1 AND provider = $2 AND window_size = $3";

  private final Pool pool;
  private final WindowCache cache = new WindowCache();
  private final AtomicLong windowsRead = new AtomicLong();

  @Inject
  public PgMovingAverageRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public CompletionStage<List<MovingAverage>> apply(
      List<PriceEvent> events, Set<Integer> windowSizes) {
    return apply(events, windowSizes, Map.of());
  }

  @Override
  public CompletionStage<List<MovingAverage>> apply(
      List<PriceEvent> events, Set<Integer> windowSizes, Map<UUID, TraceContext> traces) {
    WindowFold fold;
    try {
      // Folded as stored: timestamptz keeps microseconds, numeric no negative scale.
      fold =
          WindowFold.of(
              events.stream().map(PgMovingAverageRepository::truncated).toList(), windowSizes);
    } catch (RuntimeException e) {
      return Future.<List<MovingAverage>>failedFuture(e).toCompletionStage();
    }
    if (fold.keys().isEmpty()) {
      return Future.<List<MovingAverage>>succeededFuture(List.of()).toCompletionStage();
    }
    // The cache learns the batch's windows only once their transaction committed.
    List<Runnable> learned = new ArrayList<>();
    return PgFailures.toStage(
        pool.withTransaction(conn -> apply(conn, fold, traces, learned))
            .onSuccess(done -> learned.forEach(Runnable::run)));
  }

  /** How many stored windows batches have read (not taken from the cache), for tests. */
  long windowsRead() {
    return windowsRead.get();
  }

  private Future<List<MovingAverage>> apply(
      SqlConnection conn, WindowFold fold, Map<UUID, TraceContext> traces, List<Runnable> learned) {
    List<WindowKey> keys = List.copyOf(fold.keys());
    String[] pairs =
        keys.stream()
            .map(k -> k.symbol().value() + "|" + k.provider().value())
            .distinct()
            .toArray(String[]::new);
    Map<WindowKey, WindowCache.Cached> cached = new HashMap<>();
    Long[] cachedVersions = new Long[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      WindowCache.Cached c = cache.get(keys.get(i));
      if (c != null) {
        cached.put(keys.get(i), c);
        cachedVersions[i] = c.version();
      }
    }
    Tuple keyArrays =
        Tuple.of(
            keys.stream().map(k -> k.symbol().value()).toArray(String[]::new),
            keys.stream().map(k -> k.provider().value()).toArray(String[]::new),
            keys.stream().map(WindowKey::size).toArray(Integer[]::new),
            cachedVersions);
    long[] xid = new long[1];
    return conn.preparedQuery(LOCK_PAIRS)
        .execute(Tuple.of((Object) pairs))
        .compose(
            locked -> {
              xid[0] = locked.iterator().next().getLong(0);
              return conn.preparedQuery(LOAD).execute(keyArrays);
            })
        .compose(
            rows -> {
              Map<WindowKey, MovingAverageWindow> loaded = new HashMap<>();
              // Columns by position (LOAD's order): looking names up was 3.9 % of the
              // consumer's profile.
              for (Row row : rows) {
                WindowKey key =
                    new WindowKey(
                        Symbol.of(row.getString(0)),
                        ProviderId.of(row.getString(1)),
                        row.getInteger(2));
                long version = row.getLong(3);
                UUID[] ids = row.getArrayOfUUIDs(4);
                MovingAverageWindow window;
                if (ids == null) {
                  // Null only when the row's version is the cached one (a row's window never is).
                  window = cached.get(key).window();
                } else {
                  windowsRead.incrementAndGet();
                  window =
                      WindowColumns.decode(
                          key, ids, row.getArrayOfBigDecimals(5), row.getArrayOfOffsetDateTimes(6));
                  learned.add(() -> cache.put(version, window));
                }
                loaded.put(key, window);
              }
              WindowFold.Result folded = fold.applyTo(loaded);
              List<WindowFold.Update> changed = folded.changed();
              if (changed.isEmpty()) {
                return Future.succeededFuture(folded.averages());
              }
              for (WindowFold.Update update : changed) {
                learned.add(() -> cache.put(xid[0], update.window()));
              }
              return conn.preparedQuery(UPSERT)
                  .execute(upsertRows(changed, traces))
                  .map(done -> folded.averages());
            });
  }

  private static Tuple upsertRows(List<WindowFold.Update> changed, Map<UUID, TraceContext> traces) {
    int n = changed.size();
    String[] symbols = new String[n];
    String[] providers = new String[n];
    Integer[] sizes = new Integer[n];
    Numeric[] values = new Numeric[n];
    Integer[] counts = new Integer[n];
    Integer[] from = new Integer[n];
    String[] prices = new String[n];
    UUID[] lastIds = new UUID[n];
    OffsetDateTime[] asOf = new OffsetDateTime[n];
    String[] traceparents = new String[n];
    String[] tracestates = new String[n];
    int entryCount = 0;
    for (WindowFold.Update update : changed) {
      entryCount += update.window().entries().size();
    }
    UUID[] ids = new UUID[entryCount];
    OffsetDateTime[] times = new OffsetDateTime[entryCount];
    int next = 0;
    for (int i = 0; i < n; i++) {
      MovingAverageWindow window = changed.get(i).window();
      MovingAverage average = changed.get(i).average();
      List<PriceEvent> entries = window.entries();
      if (average.sampleCount() != entries.size()) {
        // UPSERT slices each row's ids and times by sample_count.
        throw new IllegalStateException(
            String.format(
                "average of %s counts %d of %d prices",
                window.key(), average.sampleCount(), entries.size()));
      }
      symbols[i] = window.symbol().value();
      providers[i] = window.provider().value();
      sizes[i] = window.size();
      values[i] = Numeric.create(average.value());
      counts[i] = entries.size();
      from[i] = next + 1;
      prices[i] = WindowColumns.pricesLiteral(entries);
      for (PriceEvent e : entries) {
        ids[next] = e.rawResponseId();
        times[next] = timestamptz(e.timestamp());
        next++;
      }
      lastIds[i] = entries.get(entries.size() - 1).rawResponseId();
      asOf[i] = timestamptz(average.asOf());
      TraceContext trace = trace(entries, traces);
      traceparents[i] = trace.traceparent().orElse(null);
      tracestates[i] = trace.tracestate().orElse(null);
    }
    return Tuple.from(
        new Object[] {
          symbols,
          providers,
          sizes,
          values,
          counts,
          from,
          prices,
          lastIds,
          asOf,
          traceparents,
          tracestates,
          ids,
          times
        });
  }

  /**
   * The trace of the newest price in the window that this batch brought and was traced: the price
   * that made the average what it is now. NONE when the batch's prices in it were all untraced.
   */
  private static TraceContext trace(List<PriceEvent> entries, Map<UUID, TraceContext> traces) {
    if (traces.isEmpty()) {
      return TraceContext.NONE;
    }
    for (int i = entries.size() - 1; i >= 0; i--) {
      TraceContext trace = traces.get(entries.get(i).rawResponseId());
      if (trace != null && trace.isPresent()) {
        return trace;
      }
    }
    return TraceContext.NONE;
  }

  private static PriceEvent truncated(PriceEvent e) {
    return new PriceEvent(
        e.symbol(),
        WindowColumns.stored(e.price()),
        micros(e.timestamp()),
        e.source(),
        e.rawResponseId());
  }

  @Override
  public CompletionStage<Optional<MovingAverage>> find(
      Symbol symbol, ProviderId provider, int windowSize) {
    return PgFailures.toStage(
        pool.preparedQuery(FIND)
            .execute(Tuple.of(symbol.value(), provider.value(), windowSize))
            .map(
                rows -> {
                  if (rows.size() == 0) {
                    return Optional.empty();
                  }
                  Row row = rows.iterator().next();
                  return Optional.of(
                      new MovingAverage(
                          symbol,
                          provider,
                          windowSize,
                          row.getBigDecimal(0),
                          row.getInteger(1),
                          instant(row.getOffsetDateTime(2))));
                }));
  }
}
