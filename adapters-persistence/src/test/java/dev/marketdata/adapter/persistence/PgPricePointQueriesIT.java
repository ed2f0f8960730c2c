package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.quote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.domain.model.HistoryCursor;
import dev.marketdata.domain.model.HistoryPage;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Price queries on a table big enough for the planner to care: exact decimals, full pagination, and
 * the plans of the latest-price and history queries.
 */
@ExtendWith(PgStoreExtension.class)
class PgPricePointQueriesIT {
  // The partitions' copies of price_points_symbol_provider_quote_idx:
  // <partition>_symbol_provider_..
  private static final String INDEX_SCAN =
      "Index Scan using price_points_\\w*symbol_provider_quote\\w*";
  private static final Symbol BULK = Symbol.of("BULK");
  private static final int BULK_ROWS = 1500;

  private static PgTestStore store;
  private static MarketDataPorts ports;

  @BeforeAll
  static void start(PgTestStore shared) {
    store = shared;
    ports = store.emptyPorts();
    // 30 symbols x 1500 rows, written directly: the adapters are not what is measured here.
    // Quote times repeat every 500 rows so ties on quote_ts are split by raw_response_id.
    store.execute(
        "INSERT INTO raw_market_data (id, symbol, provider, http_status, body, fetched_at)"
            + " SELECT gen_random_uuid(), s, 'finnhub', 200, '\\x7b7d'::bytea, now()"
            + " FROM (SELECT CASE WHEN g = 0 THEN 'BULK' ELSE 'SYM' || g END AS s"
            + " FROM generate_series(0, 29) g) syms, generate_series(1, "
            + BULK_ROWS
            + ") n;"
            + " INSERT INTO price_points (symbol, provider, price, quote_ts, fetched_at,"
            + " raw_response_id)"
            // round(.., 2): integer / 100.0 alone has 16 decimals, past the bound of a price.
            + " SELECT symbol, provider, round(100 + (row_number() OVER (PARTITION BY symbol"
            + " ORDER BY id) % 500) / 100.0, 2),"
            + " timestamptz '2024-03-01 00:00:00Z' + ((row_number() OVER (PARTITION BY symbol"
            + " ORDER BY id)) % 500) * interval '1 second', fetched_at, id FROM raw_market_data;"
            + " ANALYZE price_points");
  }

  @Test
  void givenTinyAndLargePrices_storeAndRead_keepTheExactDecimal() {
    Symbol symbol = Symbol.of("EXACT");
    PricePoint tiny = result(ports.ingestion().ingest(quote(symbol, "0.00012345", T0)));
    PricePoint large =
        result(ports.ingestion().ingest(quote(symbol, "123456.7891", T0.plusSeconds(1))));

    List<PricePoint> read = result(ports.pricePoints().newest(symbol, ProviderId.FINNHUB, 2));

    assertThat(read).containsExactly(large, tiny);
    assertThat(read.get(0).price()).isEqualTo(new BigDecimal("123456.7891"));
    assertThat(read.get(1).price()).isEqualTo(new BigDecimal("0.00012345"));
    assertThat(
            store
                .query(
                    "SELECT price::text FROM price_points WHERE symbol = $1 ORDER BY quote_ts",
                    symbol.value())
                .stream()
                .map(r -> r.getString(0)))
        .containsExactly("0.00012345", "123456.7891");
    assertThat(result(ports.outbox().unpublished(1000)))
        .filteredOn(e -> e.event().symbol().equals(symbol))
        .extracting(e -> e.event().price())
        .containsExactly(new BigDecimal("0.00012345"), new BigDecimal("123456.7891"));

    result(ports.movingAverages().apply(List.of(tiny.toEvent()), Set.of(5)));
    MovingAverage average =
        result(ports.movingAverages().find(symbol, ProviderId.FINNHUB, 5)).orElseThrow();
    assertThat(average.value()).isEqualTo(new BigDecimal("0.00012345"));
  }

  @Test
  void givenFifteenHundredRowsWithTies_history_returnsEveryRowExactlyOnceInOrder() {
    List<PricePoint> seen = new ArrayList<>();
    Optional<HistoryCursor> after = Optional.empty();
    int pages = 0;
    do {
      HistoryPage page =
          result(
              ports
                  .pricePoints()
                  .history(
                      new HistoryQuery(
                          BULK,
                          ProviderId.FINNHUB,
                          T0.minusSeconds(365L * 24 * 3600),
                          T0,
                          37,
                          after)));
      seen.addAll(page.prices());
      after = page.next();
      pages++;
    } while (after.isPresent() && pages < 1000);

    assertThat(seen).hasSize(BULK_ROWS);
    assertThat(seen.stream().map(PricePoint::rawResponseId).collect(Collectors.toSet()))
        .hasSize(BULK_ROWS);
    List<Row> expected =
        store.query(
            "SELECT raw_response_id FROM price_points WHERE symbol = 'BULK'"
                + " ORDER BY quote_ts DESC, raw_response_id DESC");
    assertThat(seen.stream().map(PricePoint::rawResponseId).toList())
        .isEqualTo(expected.stream().map(r -> r.getUUID(0)).toList());
    assertThat(new HashSet<>(seen.stream().map(PricePoint::timestamp).toList())).hasSize(500);
    assertThat(pages).isEqualTo((BULK_ROWS + 36) / 37);
  }

  @Test
  void givenThirtySymbols_latestPriceQuery_usesTheSymbolProviderQuoteIndex() {
    // "latest" is a history query over every quote time, newest first, one row.
    String plan =
        explain(
            PgPricePointRepository.HISTORY_FIRST_PAGE,
            "BULK",
            "finnhub",
            OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC),
            1);

    assertThat(plan).containsPattern(INDEX_SCAN).doesNotContain("Seq Scan");
  }

  @Test
  void givenThirtySymbols_historyQueries_useTheSymbolProviderQuoteIndex() {
    OffsetDateTime from = OffsetDateTime.of(2024, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    OffsetDateTime to = from.plusHours(1);
    String firstPage =
        explain(PgPricePointRepository.HISTORY_FIRST_PAGE, "BULK", "finnhub", from, to, 51);
    String nextPage =
        explain(
            PgPricePointRepository.HISTORY_AFTER_CURSOR,
            "BULK",
            "finnhub",
            from,
            to,
            51,
            from.plusMinutes(5),
            UUID.randomUUID());

    assertThat(firstPage).containsPattern(INDEX_SCAN).doesNotContain("Seq Scan");
    assertThat(nextPage).containsPattern(INDEX_SCAN).doesNotContain("Seq Scan");
    // No sort step: the index already yields rows in the page order.
    assertThat(firstPage).doesNotContain("Sort");
    assertThat(nextPage).doesNotContain("Sort");
  }

  private static String explain(String sql, Object... args) {
    return store.query("EXPLAIN " + sql, args).stream()
        .map(r -> r.getString(0))
        .collect(Collectors.joining("\n"));
  }
}
