package dev.marketdata.application.contract;

import static dev.marketdata.testsupport.Await.failure;
import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.quote;
import static dev.marketdata.testsupport.Samples.quoteFetchedAt;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@code IngestionRepository} promises: raw, point and event, all or nothing. */
public abstract class IngestionRepositoryContract {
  protected MarketDataPorts ports;

  /** A store with nothing in it. */
  protected abstract MarketDataPorts emptyStore();

  @BeforeEach
  void createStore() {
    ports = emptyStore();
  }

  @Test
  void givenQuote_ingest_storesRawResponsePricePointAndOutboxEvent() {
    Symbol symbol = uniqueSymbol();
    FetchedQuote fetched = quote(symbol, "187.42", T0);

    PricePoint stored = result(ports.ingestion().ingest(fetched));

    assertThat(stored).isEqualTo(PricePoint.of(fetched));
    assertThat(result(ports.rawResponses().find(fetched.raw().id()))).contains(fetched.raw());
    assertThat(result(ports.pricePoints().latest(symbol, ProviderId.FINNHUB))).contains(stored);
    List<OutboxEntry> waiting = result(ports.outbox().unpublished(10));
    assertThat(waiting).extracting(OutboxEntry::event).containsExactly(stored.toEvent());
    assertThat(result(ports.outbox().depth())).isEqualTo(1L);
  }

  @Test
  void givenSameRawResponseIdTwice_ingest_failsNamingItAndStoresNothingMore() {
    Symbol symbol = uniqueSymbol();
    UUID rawId = UUID.randomUUID();
    result(ports.ingestion().ingest(quote(symbol, ProviderId.FINNHUB, "10.5", T0, rawId)));

    Throwable failure =
        failure(
            ports
                .ingestion()
                .ingest(quote(symbol, ProviderId.FINNHUB, "11.5", T0.plusSeconds(1), rawId)));

    assertThat(failure)
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("rawResponseId"));
    assertThat(result(ports.pricePoints().newest(symbol, ProviderId.FINNHUB, 10)))
        .extracting(p -> p.price().toPlainString())
        .containsExactly("10.5");
    assertThat(result(ports.outbox().depth())).isEqualTo(1L);
  }

  @Test
  void givenNanosecondInstants_ingest_keepsThemToTheMicrosecond() {
    Symbol symbol = uniqueSymbol();
    Instant withNanos = Instant.parse("2024-03-01T14:30:00.123456789Z");
    FetchedQuote fetched = quote(symbol, "1.25", withNanos);

    PricePoint stored = result(ports.ingestion().ingest(fetched));

    assertThat(stored.timestamp()).isEqualTo(Instant.parse("2024-03-01T14:30:00.123456Z"));
    assertThat(result(ports.pricePoints().latest(symbol, ProviderId.FINNHUB))).contains(stored);
    assertThat(result(ports.rawResponses().find(fetched.raw().id())).orElseThrow().fetchedAt())
        .isEqualTo(Instant.parse("2024-03-01T14:30:00.373456Z"));
  }

  @Test
  void givenABatch_ingestAll_storesEveryQuoteWithItsEvent() {
    Symbol symbol = uniqueSymbol();
    List<FetchedQuote> batch =
        List.of(
            quote(symbol, ProviderId.FINNHUB, "10.5", T0, UUID.randomUUID()),
            quote(symbol, ProviderId.FINNHUB, "11.25", T0.plusSeconds(1), UUID.randomUUID()),
            quote(symbol, ProviderId.FINNHUB, "0.00012345", T0.plusSeconds(2), UUID.randomUUID()));

    List<PricePoint> stored = result(ports.ingestion().ingestAll(batch));

    assertThat(stored)
        .extracting(PricePoint::rawResponseId)
        .containsExactlyElementsOf(batch.stream().map(f -> f.raw().id()).toList());
    assertThat(stored)
        .extracting(PricePoint::price)
        .containsExactly(
            new java.math.BigDecimal("10.5"),
            new java.math.BigDecimal("11.25"),
            new java.math.BigDecimal("0.00012345"));
    for (FetchedQuote f : batch) {
      assertThat(result(ports.rawResponses().find(f.raw().id()))).contains(f.raw());
    }
    // The outbox keeps the batch's order: it is the order the relay publishes in.
    assertThat(result(ports.outbox().unpublished(100)))
        .extracting(e -> e.event().rawResponseId())
        .containsExactlyElementsOf(batch.stream().map(f -> f.raw().id()).toList());
  }

  @Test
  void givenABatchWithAnAlreadyStoredQuote_ingestAll_storesNoneOfIt() {
    Symbol symbol = uniqueSymbol();
    UUID taken = UUID.randomUUID();
    result(ports.ingestion().ingest(quote(symbol, ProviderId.FINNHUB, "10", T0, taken)));
    FetchedQuote fresh =
        quote(symbol, ProviderId.FINNHUB, "11", T0.plusSeconds(1), UUID.randomUUID());

    Throwable failure =
        failure(
            ports
                .ingestion()
                .ingestAll(
                    List.of(
                        fresh, quote(symbol, ProviderId.FINNHUB, "12", T0.plusSeconds(2), taken))));

    assertThat(failure).isInstanceOf(InvalidInput.class);
    assertThat(result(ports.rawResponses().find(fresh.raw().id()))).isEmpty();
    assertThat(result(ports.outbox().unpublished(100))).hasSize(1);
  }

  // Data quality (ADR 0014). The store's rules are the defaults: 20 % within one hour.

  @Test
  void givenTheNewestQuoteFetchedAgain_ingest_keepsTheRawResponseButStoresNoPointNorEvent() {
    Symbol symbol = uniqueSymbol();
    PricePoint first = result(ports.ingestion().ingest(quote(symbol, "98", T0)));
    FetchedQuote again = quoteFetchedAt(symbol, "98.00", T0, T0.plusSeconds(60));

    PricePoint answer = result(ports.ingestion().ingest(again));

    assertThat(answer.rawResponseId()).isEqualTo(first.rawResponseId());
    assertThat(answer.timestamp()).isEqualTo(first.timestamp());
    assertThat(answer.fetchedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(result(ports.rawResponses().find(again.raw().id()))).contains(again.raw());
    assertThat(result(ports.pricePoints().newest(symbol, ProviderId.FINNHUB, 10)))
        .extracting(PricePoint::rawResponseId)
        .containsExactly(first.rawResponseId());
    assertThat(result(ports.outbox().depth())).isEqualTo(1L);
    // The confirmation is stored: the point now counts as fetched a minute later.
    assertThat(result(ports.pricePoints().latest(symbol, ProviderId.FINNHUB)).orElseThrow())
        .isEqualTo(first.confirmedAt(T0.plusSeconds(60)));
  }

  @Test
  void givenTheSameQuoteTimeWithAnotherPrice_ingest_storesANewPoint() {
    Symbol symbol = uniqueSymbol();
    result(ports.ingestion().ingest(quote(symbol, "98", T0)));

    PricePoint other = result(ports.ingestion().ingest(quote(symbol, "98.5", T0)));

    assertThat(result(ports.pricePoints().newest(symbol, ProviderId.FINNHUB, 10))).hasSize(2);
    assertThat(result(ports.outbox().depth())).isEqualTo(2L);
    assertThat(other.suspect()).isFalse();
  }

  @Test
  void givenAnOlderQuoteThanTheNewest_ingest_storesItEvenWhenItRepeatsAStoredOne() {
    Symbol symbol = uniqueSymbol();
    result(ports.ingestion().ingest(quote(symbol, "98", T0)));
    result(ports.ingestion().ingest(quote(symbol, "99", T0.plusSeconds(60))));

    result(ports.ingestion().ingest(quote(symbol, "98", T0)));

    assertThat(result(ports.pricePoints().newest(symbol, ProviderId.FINNHUB, 10))).hasSize(3);
  }

  @Test
  void givenTheSameQuoteTwiceInOneBatch_ingestAll_storesOnePoint() {
    Symbol symbol = uniqueSymbol();
    FetchedQuote a = quote(symbol, "50", T0);
    FetchedQuote b = quoteFetchedAt(symbol, "50", T0, T0.plusSeconds(5));

    List<PricePoint> answers = result(ports.ingestion().ingestAll(List.of(a, b)));

    assertThat(answers).extracting(PricePoint::rawResponseId).containsOnly(a.raw().id());
    assertThat(result(ports.outbox().depth())).isEqualTo(1L);
    assertThat(result(ports.rawResponses().find(b.raw().id()))).isPresent();
  }

  @Test
  void givenAPrice21PercentAwayWithinTheWindow_ingest_storesItSuspect() {
    Symbol symbol = uniqueSymbol();
    result(ports.ingestion().ingest(quote(symbol, "100", T0)));

    PricePoint up = result(ports.ingestion().ingest(quote(symbol, "121", T0.plusSeconds(600))));

    assertThat(up.suspect()).isTrue();
    assertThat(result(ports.pricePoints().latest(symbol, ProviderId.FINNHUB)).orElseThrow())
        .isEqualTo(up);
    assertThat(result(ports.outbox().unpublished(10)))
        .extracting(e -> e.event().suspect())
        .containsExactly(false, true);
  }

  @Test
  void givenAPrice19PercentAway_ingest_storesItNotSuspect() {
    Symbol symbol = uniqueSymbol();
    result(ports.ingestion().ingest(quote(symbol, "100", T0)));

    assertThat(result(ports.ingestion().ingest(quote(symbol, "81", T0.plusSeconds(600)))).suspect())
        .isFalse();
  }

  @Test
  void givenThePreviousPriceOlderThanTheWindow_ingest_storesAJumpNotSuspect() {
    Symbol symbol = uniqueSymbol();
    result(ports.ingestion().ingest(quote(symbol, "100", T0)));

    PricePoint later = result(ports.ingestion().ingest(quote(symbol, "150", T0.plusSeconds(3600))));

    assertThat(later.suspect()).isFalse();
  }

  @Test
  void givenASuspectPrevious_ingest_comparesWithTheLastNonSuspectOne() {
    Symbol symbol = uniqueSymbol();
    result(ports.ingestion().ingest(quote(symbol, "100", T0)));
    assertThat(
            result(ports.ingestion().ingest(quote(symbol, "1000", T0.plusSeconds(60)))).suspect())
        .isTrue();

    // 101 is 90 % away from the suspect 1000 but 1 % from the reference 100.
    assertThat(
            result(ports.ingestion().ingest(quote(symbol, "101", T0.plusSeconds(120)))).suspect())
        .isFalse();
    // 1100 is 10 % from the suspect 1000 but far from the reference 101.
    assertThat(
            result(ports.ingestion().ingest(quote(symbol, "1100", T0.plusSeconds(180)))).suspect())
        .isTrue();
  }
}
