package dev.marketdata.bench;

import dev.marketdata.adapter.persistence.PgBarRepository;
import dev.marketdata.adapter.persistence.PgConnectionConfig;
import dev.marketdata.adapter.persistence.PgPools;
import dev.marketdata.adapter.persistence.PgStorageMaintenance;
import dev.marketdata.devservices.postgres.EmbeddedPostgres;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarPage;
import dev.marketdata.domain.model.BarQuery;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RetentionPolicy;
import dev.marketdata.domain.model.Symbol;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bars query latency (issue 17): a day of 1-second prices of one symbol (23,400 for a 6.5-hour
 * session, 86,400 for 24 hours) stored in the migrated, day-partitioned {@code price_points} of an
 * embedded PostgreSQL 17, beside as many prices of other symbols; then the same bars query run N
 * times, one at a time, timed from the client: {@code PgBarRepository} itself and, to choose it,
 * the other exact ways to take the first and last price of a bucket in event order. Every variant
 * must return the same bars as the repository, or the run fails.
 *
 * <p>{@code java -cp ... dev.marketdata.bench.BarsBench [runs]} (see README.md).
 */
public final class BarsBench {
  private static final Logger log = LoggerFactory.getLogger(BarsBench.class);
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Symbol SYMBOL = Symbol.of("BENCH");
  private static final ProviderId PROVIDER = ProviderId.SIMULATED;

  private static final String WHERE =
      " FROM price_points WHERE symbol = $1 AND provider = $2 AND quote_ts >= $3 AND quote_ts < $4";
  private static final String BUCKET =
      "date_bin(INTERVAL '60 seconds', quote_ts, TIMESTAMPTZ '1970-01-01 00:00:00+00')";

  /** The alternatives to the repository's single ordered array_agg, each exact. */
  static final Map<String, String> VARIANTS = new LinkedHashMap<>();

  static {
    VARIANTS.put(
        "one_array_agg",
        "SELECT bucket, prices[1], high, low, prices[cardinality(prices)], n FROM (SELECT "
            + BUCKET
            + " AS bucket, array_agg(price ORDER BY quote_ts, raw_response_id) AS prices,"
            + " max(price) AS high, min(price) AS low, count(*) AS n"
            + WHERE
            + " GROUP BY 1 ORDER BY 1 DESC LIMIT $5) b ORDER BY bucket DESC");
    VARIANTS.put(
        "two_array_aggs",
        "SELECT "
            + BUCKET
            + " AS bucket, (array_agg(price ORDER BY quote_ts, raw_response_id))[1],"
            + " max(price), min(price),"
            + " (array_agg(price ORDER BY quote_ts DESC, raw_response_id DESC))[1], count(*)"
            + WHERE
            + " GROUP BY 1 ORDER BY 1 DESC LIMIT $5");
    VARIANTS.put(
        "window_first_last_value",
        "SELECT DISTINCT ON (bucket) bucket, first_value(price) OVER w, max(price) OVER w,"
            + " min(price) OVER w, last_value(price) OVER w, count(*) OVER w FROM (SELECT "
            + BUCKET
            + " AS bucket, price, quote_ts, raw_response_id"
            + WHERE
            + ") p WINDOW w AS (PARTITION BY bucket ORDER BY quote_ts, raw_response_id"
            + " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"
            + " ORDER BY bucket DESC LIMIT $5");
    VARIANTS.put(
        "distinct_on_joins",
        "WITH p AS (SELECT "
            + BUCKET
            + " AS bucket, price, quote_ts, raw_response_id"
            + WHERE
            + "), a AS (SELECT bucket, max(price) AS high, min(price) AS low, count(*) AS n"
            + " FROM p GROUP BY bucket ORDER BY bucket DESC LIMIT $5),"
            + " o AS (SELECT DISTINCT ON (bucket) bucket, price FROM p"
            + " ORDER BY bucket, quote_ts, raw_response_id),"
            + " c AS (SELECT DISTINCT ON (bucket) bucket, price FROM p"
            + " ORDER BY bucket, quote_ts DESC, raw_response_id DESC)"
            + " SELECT a.bucket, o.price, a.high, a.low, c.price, a.n FROM a"
            + " JOIN o USING (bucket) JOIN c USING (bucket) ORDER BY a.bucket DESC");
  }

  private BarsBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    JsonObject result = run(runs);
    System.out.println(result.encodePrettily());
  }

  static JsonObject run(int runs) throws Exception {
    JsonArray scenarios = new JsonArray();
    try (EmbeddedPostgres pg = EmbeddedPostgres.startTemporary()) {
      Vertx vertx = Vertx.vertx();
      try {
        Pool pool =
            PgPools.migrateAndOpen(
                vertx, PgConnectionConfig.fromUrl(pg.adminDatabase().postgresqlUrl(), 4));
        // A session day: 2026-11-27, 09:30 to 16:00 in New York (14:30Z to 21:00Z).
        Instant open = Instant.parse("2026-11-27T14:30:00Z");
        Instant dayStart = Instant.parse("2026-11-27T00:00:00Z");
        await(
            Future.fromCompletionStage(
                new PgStorageMaintenance(pool).maintain(RetentionPolicy.KEEP_FOREVER, dayStart)));
        scenarios.add(scenario(pool, "6.5 h session, 23,400 points", open, 23_400, 500, runs));
        await(pool.query("TRUNCATE price_points").execute());
        scenarios.add(scenario(pool, "24 h day, 86,400 points", dayStart, 86_400, 5000, runs));
        scenarios.add(
            queryOnly(pool, "24 h day, the 390 most recent bars", dayStart, 86_400, 390, runs));
        await(pool.close());
      } finally {
        await(vertx.close());
      }
    }
    JsonObject r = new JsonObject().put("runs", runs).put("scenarios", scenarios);
    log.info("bars query latency {}", r.encode());
    return r;
  }

  private static JsonObject scenario(
      Pool pool, String name, Instant start, int points, int limit, int runs) {
    load(pool, start, points);
    return queryOnly(pool, name, start, points, limit, runs);
  }

  private static JsonObject queryOnly(
      Pool pool, String name, Instant start, int points, int limit, int runs) {
    Instant end = start.plusSeconds(points);
    // "now" well after the day, so every bar is complete; the range is the whole day.
    PgBarRepository repository =
        new PgBarRepository(pool, Clock.fixed(end.plus(Duration.ofDays(1)), ZoneOffset.UTC));
    BarQuery query =
        new BarQuery(SYMBOL, PROVIDER, BarInterval.ONE_MINUTE, start, end, limit, NEW_YORK);
    BarPage reference = await(Future.fromCompletionStage(repository.bars(query)));
    JsonObject r =
        new JsonObject()
            .put("scenario", name)
            .put("points", points)
            .put("limit", limit)
            .put("bars", reference.bars().size());
    r.put(
        "PgBarRepository",
        time(runs, () -> Future.fromCompletionStage(repository.bars(query)).map(p -> 0)));
    JsonObject variants = new JsonObject();
    Tuple args =
        Tuple.of(
            SYMBOL.value(),
            PROVIDER.value(),
            OffsetDateTime.ofInstant(start, ZoneOffset.UTC),
            OffsetDateTime.ofInstant(end, ZoneOffset.UTC),
            Math.min(limit, reference.bars().size()));
    for (Map.Entry<String, String> v : VARIANTS.entrySet()) {
      RowSet<Row> rows = await(pool.preparedQuery(v.getValue()).execute(args));
      check(v.getKey(), rows, reference);
      JsonObject timing =
          time(runs, () -> pool.preparedQuery(v.getValue()).execute(args).map(x -> 0));
      timing.put("explain_analyze_ms", explainMillis(pool, v.getValue(), args));
      variants.put(v.getKey(), timing);
    }
    r.put("sql_variants", variants);
    RowSet<Row> plan =
        await(
            pool.preparedQuery("EXPLAIN (ANALYZE, BUFFERS) " + VARIANTS.get("one_array_agg"))
                .execute(args));
    StringBuilder text = new StringBuilder();
    plan.forEach(row -> text.append(row.getString(0)).append('\n'));
    log.info("plan of the repository's query ({}):\n{}", name, text);
    log.info("bars scenario {}", r.encode());
    return r;
  }

  /** Newest first from SQL, oldest first from the repository: the same bars either way. */
  private static void check(String variant, RowSet<Row> rows, BarPage reference) {
    List<String> got = new ArrayList<>();
    for (Row row : rows) {
      got.add(
          row.getOffsetDateTime(0).toInstant()
              + " "
              + row.getBigDecimal(1).toPlainString()
              + " "
              + row.getBigDecimal(2).toPlainString()
              + " "
              + row.getBigDecimal(3).toPlainString()
              + " "
              + row.getBigDecimal(4).toPlainString()
              + " "
              + row.getLong(5));
    }
    List<String> want = new ArrayList<>();
    for (int i = reference.bars().size() - 1; i >= 0; i--) {
      var b = reference.bars().get(i);
      want.add(
          b.start()
              + " "
              + b.open().toPlainString()
              + " "
              + b.high().toPlainString()
              + " "
              + b.low().toPlainString()
              + " "
              + b.close().toPlainString()
              + " "
              + b.count());
    }
    if (!got.equals(want)) {
      throw new IllegalStateException(variant + " disagrees with PgBarRepository");
    }
  }

  private static double explainMillis(Pool pool, String sql, Tuple args) {
    RowSet<Row> plan =
        await(pool.preparedQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + sql).execute(args));
    Object json = plan.iterator().next().getValue(0);
    JsonArray array = json instanceof JsonArray a ? a : new JsonArray(String.valueOf(json));
    return array.getJsonObject(0).getDouble("Execution Time");
  }

  private static JsonObject time(int runs, Supplier<Future<Integer>> query) {
    int warmup = Math.max(5, runs / 10);
    for (int i = 0; i < warmup; i++) {
      await(query.get());
    }
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      await(query.get());
      millis[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(millis);
    return new JsonObject()
        .put("p50_ms", Report.round(percentile(millis, 0.50)))
        .put("p99_ms", Report.round(percentile(millis, 0.99)))
        .put("max_ms", Report.round(millis[millis.length - 1]));
  }

  private static double percentile(double[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /**
   * One price a second from {@code start} for BENCH, with a random walk in cents and, every 7th
   * second quoted again a second earlier (a tie broken by raw response id); as many prices of
   * another symbol, so the index holds more than the one symbol read.
   */
  private static void load(Pool pool, Instant start, int points) {
    Random random = new Random(17);
    String insert =
        "INSERT INTO price_points (symbol, provider, price, quote_ts, fetched_at, raw_response_id)"
            + " VALUES ($1, $2, $3, $4, $4, $5)";
    long cents = 15_000;
    List<Tuple> batch = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      cents = Math.max(100, cents + random.nextInt(21) - 10);
      OffsetDateTime ts = OffsetDateTime.ofInstant(start.plusSeconds(i), ZoneOffset.UTC);
      Instant t = i % 7 == 0 && i > 0 ? start.plusSeconds(i - 1) : start.plusSeconds(i);
      batch.add(
          Tuple.of(
              SYMBOL.value(),
              PROVIDER.value(),
              BigDecimal.valueOf(cents, 2),
              OffsetDateTime.ofInstant(t, ZoneOffset.UTC),
              new UUID(random.nextLong(), random.nextLong())));
      batch.add(
          Tuple.of("OTHER", PROVIDER.value(), BigDecimal.valueOf(cents, 2), ts, UUID.randomUUID()));
      if (batch.size() >= 2000 || i == points - 1) {
        await(pool.preparedQuery(insert).executeBatch(batch));
        batch = new ArrayList<>();
      }
    }
    await(pool.query("ANALYZE price_points").execute());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
