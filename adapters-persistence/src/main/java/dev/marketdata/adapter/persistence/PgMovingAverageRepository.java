package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;
import static dev.marketdata.adapter.persistence.PgValues.micros;

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
import jakarta.inject.Inject;
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
 * become, and write every changed window back in one batched upsert ({@link AverageUpsert}).
 * Unchanged windows are not written, so a replay leaves the rows exactly as they were. Each written
 * window is also queued in {@code average_outbox} in that transaction, for the relay to publish
 * (ADR 0011). Windows it read or wrote are kept in a {@link WindowCache} and read again only when
 * their row changed since.
 */
public final class PgMovingAverageRepository implements MovingAverageRepository {
  // Transaction-scoped advisory locks also cover windows that have no row yet, which FOR UPDATE
  // cannot lock; taking them in sorted order keeps two appliers from deadlocking.
  // pg_current_xact_id() gives the transaction its xid here, before AverageUpsert draws live-log
  // ids for
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
  // row. Row locks would only write each row's xmax (a heap write and WAL) before AverageUpsert
  // does.
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
              return conn.preparedQuery(AverageUpsert.SQL)
                  .execute(AverageUpsert.parameters(changed, traces))
                  .map(done -> folded.averages());
            });
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
