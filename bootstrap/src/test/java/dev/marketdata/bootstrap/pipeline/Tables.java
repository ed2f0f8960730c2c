package dev.marketdata.bootstrap.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.bootstrap.OutboxSql;
import dev.marketdata.domain.average.MovingAverageCalculator;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads the service's tables with plain SQL, independently of the adapters under test: what the
 * 5-point averages must be according to {@code price_points}, what {@code symbol_averages} holds,
 * and whether every raw response has exactly one price and one event.
 */
final class Tables {
  static final int WINDOW = 5;

  private static final String NEWEST_FIVE =
      "SELECT price, quote_ts, raw_response_id FROM price_points"
          + " WHERE symbol = $1 AND provider = $2 AND NOT suspect" // ADR 0014: they do not count
          + " ORDER BY quote_ts DESC, raw_response_id DESC LIMIT 5";
  private static final String STORED_AVERAGES =
      "SELECT symbol, provider, window_size, value, sample_count, last_raw_response_id, as_of,"
          + " window_ids FROM symbol_averages a ORDER BY symbol, provider, window_size";
  private static final String LINKS_PER_RAW_ROW =
      "SELECT r.id,"
          + " (SELECT count(*) FROM price_points p WHERE p.raw_response_id = r.id) AS points,"
          + " (SELECT count(*) FROM outbox o WHERE o.raw_response_id = r.id) AS events"
          + " FROM raw_market_data r";

  private final Pool pool;

  Tables(Pool pool) {
    this.pool = pool;
  }

  void truncateAll() {
    Await.result(
        pool.query(
                "TRUNCATE outbox, average_outbox, bar_outbox, bar_closes, price_points, raw_market_data,"
                    + " symbol_averages, quote_heads,"
                    + " poll_jobs RESTART IDENTITY")
            .execute());
    Await.result(pool.query(OutboxSql.RESET).execute());
  }

  List<Row> query(String sql, Object... args) {
    List<Row> rows = new ArrayList<>();
    Await.result(pool.preparedQuery(sql).execute(Tuple.from(args))).forEach(rows::add);
    return rows;
  }

  long count(String sql, Object... args) {
    return query(sql, args).get(0).getLong(0);
  }

  long outboxDepth() {
    return count(OutboxSql.waiting("outbox"));
  }

  List<UUID> rawResponseIds() {
    return query("SELECT id FROM raw_market_data ORDER BY id").stream()
        .map(r -> r.getUUID("id"))
        .toList();
  }

  /** The events as stored in the outbox, oldest row first: what the relay publishes. */
  List<PriceEvent> outboxEvents() {
    return query(
            "SELECT symbol, provider, price, quote_ts, raw_response_id FROM outbox ORDER BY id")
        .stream()
        .map(
            r ->
                new PriceEvent(
                    Symbol.of(r.getString("symbol")),
                    r.getBigDecimal("price"),
                    r.getOffsetDateTime("quote_ts").toInstant(),
                    ProviderId.of(r.getString("provider")),
                    r.getUUID("raw_response_id")))
        .toList();
  }

  /**
   * Per (symbol, provider) in {@code price_points}: the mean of its 5 newest prices (newest by
   * quote time, then raw response id, as uuids compare in PostgreSQL), worked out here with
   * BigDecimal at the domain's scale and rounding.
   */
  Map<String, Average> expectedAverages() {
    Map<String, Average> expected = new TreeMap<>();
    for (Row series :
        query("SELECT DISTINCT symbol, provider FROM price_points ORDER BY symbol, provider")) {
      String symbol = series.getString("symbol");
      String provider = series.getString("provider");
      List<Row> newest = query(NEWEST_FIVE, symbol, provider);
      BigDecimal sum = BigDecimal.ZERO;
      List<UUID> windowOldestFirst = new ArrayList<>();
      for (Row row : newest) {
        sum = sum.add(row.getBigDecimal("price"));
        windowOldestFirst.add(row.getUUID("raw_response_id"));
      }
      Collections.reverse(windowOldestFirst);
      BigDecimal mean =
          sum.divide(
              BigDecimal.valueOf(newest.size()),
              MovingAverageCalculator.DEFAULT_SCALE,
              RoundingMode.HALF_EVEN);
      Row latest = newest.get(0);
      expected.put(
          symbol + "/" + provider,
          new Average(
              WINDOW,
              mean,
              newest.size(),
              latest.getUUID("raw_response_id"),
              latest.getOffsetDateTime("quote_ts").toInstant(),
              windowOldestFirst));
    }
    return expected;
  }

  /** What {@code symbol_averages} holds, keyed like {@link #expectedAverages()}. */
  Map<String, Average> storedAverages() {
    Map<String, Average> stored = new TreeMap<>();
    for (Row row : query(STORED_AVERAGES)) {
      stored.put(
          row.getString("symbol") + "/" + row.getString("provider"),
          new Average(
              row.getInteger("window_size"),
              row.getBigDecimal("value"),
              row.getInteger("sample_count"),
              row.getUUID("last_raw_response_id"),
              row.getOffsetDateTime("as_of").toInstant(),
              Arrays.asList(row.getArrayOfUUIDs("window_ids"))));
    }
    return stored;
  }

  /** Every column of every {@code symbol_averages} row, as JSON text, in key order. */
  List<String> averageRows() {
    return query(
            "SELECT row_to_json(a)::text AS r FROM symbol_averages a"
                + " ORDER BY symbol, provider, window_size")
        .stream()
        .map(r -> r.getString("r"))
        .toList();
  }

  /** The same rows without {@code updated_at}: what two runs that wrote them must agree on. */
  List<String> averageRowsWithoutWriteTime() {
    return query(
            "SELECT (to_jsonb(a) - 'updated_at')::text AS r FROM symbol_averages a"
                + " ORDER BY symbol, provider, window_size")
        .stream()
        .map(r -> r.getString("r"))
        .toList();
  }

  /** No orphan and no duplicate: each raw response has one price point and one outbox row. */
  void assertEveryRawRowHasOnePricePointAndOneOutboxRow(int expectedRawRows) {
    List<Row> links = query(LINKS_PER_RAW_ROW);
    assertThat(links).as("raw_market_data rows").hasSize(expectedRawRows);
    assertThat(links)
        .allSatisfy(
            r -> {
              assertThat(r.getLong("points")).as("price points of %s", r.getUUID("id")).isOne();
              assertThat(r.getLong("events")).as("outbox rows of %s", r.getUUID("id")).isOne();
            });
    assertThat(count("SELECT count(*) FROM price_points")).isEqualTo(expectedRawRows);
    assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(expectedRawRows);
  }

  /** One stored (or expected) moving average; window ids oldest first. */
  record Average(
      int windowSize,
      BigDecimal value,
      int sampleCount,
      UUID lastRawResponseId,
      Instant asOf,
      List<UUID> windowIds) {}
}
