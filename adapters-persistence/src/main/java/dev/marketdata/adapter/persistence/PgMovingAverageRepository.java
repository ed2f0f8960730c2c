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
      "SELECT a.symbol, a.provider, a.window_size, a.xmin::text::bigint AS version,"
          + " CASE WHEN a.xmin::text::bigint = k.cached THEN NULL ELSE a.window_prices END"
          + " AS window_prices FROM symbol_averages a"
          + " JOIN unnest($1::text[], $2::text[], $3::int[], $4::bigint[])"
          + " AS k(symbol, provider, window_size, cached)"
          + " ON a.symbol = k.symbol AND a.provider = k.provider"
          + " AND a.window_size = k.window_size"
          + " ORDER BY a.symbol, a.provider, a.window_size";
  // Every changed window in one statement (arrays unnested into rows; keys are distinct, so no row
  // is hit twice), rather than one executed INSERT per window.
  // The same statement queues each changed average for price-averages (ADR 0011), so the two
  // writes commit together: no average is stored without being queued, nor queued without being
  // stored.
  // Each queued average keeps the trace context of the price that changed it (V14), taken from
  // the input rows by key: RETURNING only gives symbol_averages' columns.
  private static final String UPSERT =
      "WITH t AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::numeric[],"
          + " $5::int[], $6::text[], $7::uuid[], $8::timestamptz[], $9::text[], $10::text[])"
          + " AS t(symbol, provider, window_size, value, sample_count, window_prices,"
          + " last_raw_response_id, as_of, traceparent, tracestate)),"
          + " upserted AS (INSERT INTO symbol_averages (symbol, provider, window_size, value,"
          + " sample_count, window_prices, last_raw_response_id, as_of, updated_at)"
          + " SELECT symbol, provider, window_size, value, sample_count, window_prices::jsonb,"
          + " last_raw_response_id, as_of, now() FROM t"
          + " ON CONFLICT (symbol, provider, window_size) DO UPDATE SET value = EXCLUDED.value,"
          + " sample_count = EXCLUDED.sample_count, window_prices = EXCLUDED.window_prices,"
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
      // Folded as stored: timestamptz keeps microseconds.
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
              xid[0] = locked.iterator().next().getLong("xid");
              return conn.preparedQuery(LOAD).execute(keyArrays);
            })
        .compose(
            rows -> {
              Map<WindowKey, MovingAverageWindow> loaded = new HashMap<>();
              for (Row row : rows) {
                WindowKey key =
                    new WindowKey(
                        Symbol.of(row.getString("symbol")),
                        ProviderId.of(row.getString("provider")),
                        row.getInteger("window_size"));
                long version = row.getLong("version");
                Object stored = row.getValue("window_prices");
                MovingAverageWindow window;
                if (stored == null) {
                  // Null only when the row's version is the cached one (a row's window never is).
                  window = cached.get(key).window();
                } else {
                  windowsRead.incrementAndGet();
                  window = WindowJson.decode(key, row.getJsonArray("window_prices"));
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
    String[] windows = new String[n];
    UUID[] lastIds = new UUID[n];
    OffsetDateTime[] asOf = new OffsetDateTime[n];
    String[] traceparents = new String[n];
    String[] tracestates = new String[n];
    for (int i = 0; i < n; i++) {
      MovingAverageWindow window = changed.get(i).window();
      MovingAverage average = changed.get(i).average();
      List<PriceEvent> entries = window.entries();
      symbols[i] = window.symbol().value();
      providers[i] = window.provider().value();
      sizes[i] = window.size();
      values[i] = Numeric.create(average.value());
      counts[i] = average.sampleCount();
      windows[i] = WindowJson.encode(entries);
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
          windows,
          lastIds,
          asOf,
          traceparents,
          tracestates
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
        e.symbol(), e.price(), micros(e.timestamp()), e.source(), e.rawResponseId());
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
                          row.getBigDecimal("value"),
                          row.getInteger("sample_count"),
                          instant(row.getOffsetDateTime("as_of"))));
                }));
  }
}
