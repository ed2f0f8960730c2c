package dev.marketdata.application.contract;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.quote;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.HistoryCursor;
import dev.marketdata.domain.model.HistoryPage;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@code PricePointRepository} promises: newest in {@code PriceEvent.ORDER}. */
public abstract class PricePointRepositoryContract {
  private static final Comparator<PricePoint> NEWEST_FIRST =
      Comparator.comparing(PricePoint::toEvent, PriceEvent.ORDER).reversed();

  protected MarketDataPorts ports;

  protected abstract MarketDataPorts emptyStore();

  @BeforeEach
  void createStore() {
    ports = emptyStore();
  }

  private PricePoint ingest(Symbol symbol, String price, Instant at) {
    return result(ports.ingestion().ingest(quote(symbol, price, at)));
  }

  private PricePoint ingest(Symbol symbol, String price, Instant at, UUID rawId) {
    return result(ports.ingestion().ingest(quote(symbol, ProviderId.FINNHUB, price, at, rawId)));
  }

  @Test
  void givenNothingStored_latest_isEmpty() {
    assertThat(result(ports.pricePoints().latest(uniqueSymbol(), ProviderId.FINNHUB))).isEmpty();
  }

  @Test
  void givenQuotesStoredOutOfOrder_latest_isTheOneWithTheNewestQuoteTime() {
    Symbol symbol = uniqueSymbol();
    ingest(symbol, "2", T0.plusSeconds(10));
    PricePoint newest = ingest(symbol, "3", T0.plusSeconds(20));
    ingest(symbol, "1", T0);
    PricePoint otherProvider =
        result(
            ports
                .ingestion()
                .ingest(
                    quote(symbol, ProviderId.YAHOO, "500", T0.plusSeconds(99), UUID.randomUUID())));

    Optional<PricePoint> latest = result(ports.pricePoints().latest(symbol, ProviderId.FINNHUB));

    assertThat(latest).contains(newest);
    assertThat(result(ports.pricePoints().latest(symbol, ProviderId.YAHOO)))
        .contains(otherProvider);
  }

  @Test
  void givenSameQuoteTime_latest_breaksTheTieByRawIdAsUnsignedBytes() {
    Symbol symbol = uniqueSymbol();
    // Signed comparison (UUID.compareTo) would call 7fff... the larger; PostgreSQL says 8000...
    UUID low = UUID.fromString("7fffffff-ffff-7fff-bfff-ffffffffffff");
    UUID high = UUID.fromString("80000000-0000-7000-8000-000000000000");
    ingest(symbol, "1", T0, high);
    ingest(symbol, "2", T0, low);

    assertThat(result(ports.pricePoints().latest(symbol, ProviderId.FINNHUB)))
        .map(PricePoint::rawResponseId)
        .contains(high);
    assertThat(result(ports.pricePoints().newest(symbol, ProviderId.FINNHUB, 2)))
        .extracting(PricePoint::rawResponseId)
        .containsExactly(high, low);
  }

  @Test
  void givenTinyAndLargePrices_read_returnsTheExactDecimalsWithTheirScale() {
    Symbol symbol = uniqueSymbol();
    ingest(symbol, "0.00012345", T0);
    ingest(symbol, "123456.7891", T0.plusSeconds(1));
    ingest(symbol, "100.10", T0.plusSeconds(2));

    List<PricePoint> points = result(ports.pricePoints().newest(symbol, ProviderId.FINNHUB, 3));

    assertThat(points)
        .extracting(PricePoint::price)
        .containsExactly(
            new BigDecimal("100.10"), new BigDecimal("123456.7891"), new BigDecimal("0.00012345"));
    assertThat(points).extracting(p -> p.price().scale()).containsExactly(2, 4, 8);
  }

  @Test
  void givenMorePointsThanCount_newest_returnsTheNewestFirst() {
    Symbol symbol = uniqueSymbol();
    List<PricePoint> stored = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      stored.add(ingest(symbol, "5" + i, T0.plusSeconds(i)));
    }

    assertThat(result(ports.pricePoints().newest(symbol, ProviderId.FINNHUB, 5)))
        .containsExactlyElementsOf(stored.stream().sorted(NEWEST_FIRST).limit(5).toList());
  }

  @Test
  void givenPagesOfHistory_history_returnsEveryRowInRangeExactlyOnceNewestFirst() {
    Symbol symbol = uniqueSymbol();
    List<PricePoint> inRange = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      // Pairs of points share a quote time, so pages must split ties correctly.
      inRange.add(ingest(symbol, "10." + i, T0.plusSeconds(i / 2)));
    }
    ingest(symbol, "1", T0.minusSeconds(1)); // before from
    ingest(symbol, "1", T0.plusSeconds(60)); // at to: excluded

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
                          symbol, ProviderId.FINNHUB, T0, T0.plusSeconds(60), 5, after)));
      assertThat(page.prices()).hasSizeLessThanOrEqualTo(5);
      seen.addAll(page.prices());
      after = page.next();
      pages++;
    } while (after.isPresent() && pages < 100);

    assertThat(seen).containsExactlyElementsOf(inRange.stream().sorted(NEWEST_FIRST).toList());
    assertThat(pages).isEqualTo(5);
  }

  @Test
  void givenExactlyOnePageOfRows_history_hasNoNextCursor() {
    Symbol symbol = uniqueSymbol();
    for (int i = 0; i < 3; i++) {
      ingest(symbol, "7", T0.plusSeconds(i));
    }

    HistoryPage page =
        result(
            ports
                .pricePoints()
                .history(
                    new HistoryQuery(
                        symbol, ProviderId.FINNHUB, T0, T0.plusSeconds(10), 3, Optional.empty())));

    assertThat(page.prices()).hasSize(3);
    assertThat(page.next()).isEmpty();
  }
}
