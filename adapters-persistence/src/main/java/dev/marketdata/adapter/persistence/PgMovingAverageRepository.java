package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;
import static dev.marketdata.adapter.persistence.PgValues.micros;
import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.average.MovingAverageWindow;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.MovingAverageRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Moving averages in {@code symbol_averages}. A batch is applied in one transaction: lock the
 * affected (symbol, provider) pairs, load their windows, fold the events in with {@link
 * MovingAverageWindow#apply} (which ignores an event it already holds), and write every changed
 * window back in one batched upsert. Unchanged windows are not written, so a replay leaves the rows
 * exactly as they were.
 */
public final class PgMovingAverageRepository implements MovingAverageRepository {
  // Transaction-scoped advisory locks also cover windows that have no row yet, which FOR UPDATE
  // cannot lock; taking them in sorted order keeps two appliers from deadlocking.
  private static final String LOCK_PAIRS =
      "SELECT pg_advisory_xact_lock(hashtextextended(k, 0))"
          + " FROM unnest($1::text[]) AS k ORDER BY k";
  private static final String LOAD_FOR_UPDATE =
      "SELECT a.symbol, a.provider, a.window_size, a.window_prices FROM symbol_averages a"
          + " JOIN unnest($1::text[], $2::text[], $3::int[]) AS k(symbol, provider, window_size)"
          + " ON a.symbol = k.symbol AND a.provider = k.provider"
          + " AND a.window_size = k.window_size"
          + " ORDER BY a.symbol, a.provider, a.window_size FOR UPDATE OF a";
  private static final String UPSERT =
      "INSERT INTO symbol_averages (symbol, provider, window_size, value, sample_count,"
          + " window_prices, last_raw_response_id, as_of, updated_at)"
          + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())"
          + " ON CONFLICT (symbol, provider, window_size) DO UPDATE SET value = EXCLUDED.value,"
          + " sample_count = EXCLUDED.sample_count, window_prices = EXCLUDED.window_prices,"
          + " last_raw_response_id = EXCLUDED.last_raw_response_id, as_of = EXCLUDED.as_of,"
          + " updated_at = now()";
  private static final String FIND =
      "SELECT value, sample_count, as_of FROM symbol_averages"
          + " WHERE symbol = $1 AND provider = $2 AND window_size = $3";

  private final Pool pool;

  @Inject
  public PgMovingAverageRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public CompletionStage<List<MovingAverage>> apply(
      List<PriceEvent> events, Set<Integer> windowSizes) {
    if (events.isEmpty() || windowSizes.isEmpty()) {
      return Future.<List<MovingAverage>>succeededFuture(List.of()).toCompletionStage();
    }
    List<PriceEvent> stored = events.stream().map(PgMovingAverageRepository::truncated).toList();
    TreeSet<WindowKey> keys = new TreeSet<>();
    for (PriceEvent e : stored) {
      for (int size : windowSizes) {
        keys.add(new WindowKey(e.symbol(), e.source(), size));
      }
    }
    return PgFailures.toStage(pool.withTransaction(conn -> apply(conn, stored, keys)));
  }

  private Future<List<MovingAverage>> apply(
      SqlConnection conn, List<PriceEvent> events, TreeSet<WindowKey> keys) {
    String[] pairs =
        keys.stream()
            .map(k -> k.symbol().value() + "|" + k.provider().value())
            .distinct()
            .toArray(String[]::new);
    Tuple keyArrays =
        Tuple.of(
            keys.stream().map(k -> k.symbol().value()).toArray(String[]::new),
            keys.stream().map(k -> k.provider().value()).toArray(String[]::new),
            keys.stream().map(WindowKey::size).toArray(Integer[]::new));
    return conn.preparedQuery(LOCK_PAIRS)
        .execute(Tuple.of((Object) pairs))
        .compose(locked -> conn.preparedQuery(LOAD_FOR_UPDATE).execute(keyArrays))
        .compose(
            rows -> {
              Map<WindowKey, MovingAverageWindow> loaded = new TreeMap<>();
              for (Row row : rows) {
                WindowKey key =
                    new WindowKey(
                        Symbol.of(row.getString("symbol")),
                        ProviderId.of(row.getString("provider")),
                        row.getInteger("window_size"));
                loaded.put(key, restore(key, row.getJsonArray("window_prices")));
              }
              List<Tuple> changed = new ArrayList<>();
              List<MovingAverage> touched = new ArrayList<>();
              for (WindowKey key : keys) {
                MovingAverageWindow before =
                    loaded.getOrDefault(
                        key, MovingAverageWindow.empty(key.symbol(), key.provider(), key.size()));
                MovingAverageWindow after = before;
                for (PriceEvent e : events) {
                  if (e.symbol().equals(key.symbol()) && e.source().equals(key.provider())) {
                    after = after.apply(e);
                  }
                }
                MovingAverage average = after.average().orElseThrow();
                touched.add(average);
                if (after != before) { // apply returns the same window when nothing changed
                  changed.add(upsertRow(after, average));
                }
              }
              if (changed.isEmpty()) {
                return Future.succeededFuture(touched);
              }
              return conn.preparedQuery(UPSERT).executeBatch(changed).map(done -> touched);
            });
  }

  private static Tuple upsertRow(MovingAverageWindow window, MovingAverage average) {
    List<PriceEvent> entries = window.entries();
    JsonArray json = new JsonArray();
    for (PriceEvent e : entries) {
      json.add(
          new JsonObject()
              .put("raw_response_id", e.rawResponseId().toString())
              .put("price", exact(e.price()))
              .put("timestamp", e.timestamp().toString()));
    }
    return Tuple.of(
        window.symbol().value(),
        window.provider().value(),
        window.size(),
        average.value(),
        average.sampleCount(),
        json,
        entries.get(entries.size() - 1).rawResponseId(),
        timestamptz(average.asOf()));
  }

  private static MovingAverageWindow restore(WindowKey key, JsonArray json) {
    List<PriceEvent> entries = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      JsonObject o = json.getJsonObject(i);
      entries.add(
          new PriceEvent(
              key.symbol(),
              new BigDecimal(o.getString("price")),
              Instant.parse(o.getString("timestamp")),
              key.provider(),
              UUID.fromString(o.getString("raw_response_id"))));
    }
    return MovingAverageWindow.restore(key.symbol(), key.provider(), key.size(), entries);
  }

  /** The price as a string that parses back to the same BigDecimal, scale included. */
  private static String exact(BigDecimal price) {
    return price.scale() < 0 ? price.toString() : price.toPlainString();
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

  private record WindowKey(Symbol symbol, ProviderId provider, int size)
      implements Comparable<WindowKey> {
    private static final Comparator<WindowKey> ORDER =
        Comparator.comparing(WindowKey::symbol)
            .thenComparing(WindowKey::provider)
            .thenComparingInt(WindowKey::size);

    @Override
    public int compareTo(WindowKey other) {
      return ORDER.compare(this, other);
    }
  }
}
