package dev.marketdata.application.contract;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.quote;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.model.MaintenanceReport;
import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RetentionPolicy;
import dev.marketdata.domain.model.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@code StorageMaintenance} promises: what is older than its retention goes (by whole
 * days at most a day late), what is younger stays, and events above the relay's position (not yet
 * published) are never touched.
 */
public abstract class StorageMaintenanceContract {
  /** Noon, so that "an hour ago" and "in an hour" fall on the same UTC day. */
  protected static final Instant NOW = Instant.parse("2031-05-20T12:00:00Z");

  private static final Duration DAY = Duration.ofDays(1);
  private static final Optional<Duration> KEEP = Optional.empty();

  protected MarketDataPorts ports;

  protected abstract MarketDataPorts emptyStore();

  @BeforeEach
  void createStore() {
    ports = emptyStore();
  }

  private FetchedQuote ingest(Symbol symbol, String price, Instant quoteTime) {
    FetchedQuote fetched = quote(symbol, ProviderId.FINNHUB, price, quoteTime, UUID.randomUUID());
    result(ports.ingestion().ingest(fetched));
    return fetched;
  }

  private MaintenanceReport maintain(RetentionPolicy policy, Instant now) {
    return result(ports.maintenance().maintain(policy, now));
  }

  private List<PricePoint> history(Symbol symbol) {
    return result(
            ports
                .pricePoints()
                .history(
                    new HistoryQuery(
                        symbol,
                        ProviderId.FINNHUB,
                        HistoryQuery.EARLIEST,
                        HistoryQuery.LATEST,
                        100,
                        Optional.empty())))
        .prices();
  }

  @Test
  void givenRawResponsesEitherSideOfTheRetention_maintain_removesOnlyTheOldOnes() {
    Symbol symbol = uniqueSymbol();
    FetchedQuote old = ingest(symbol, "1", NOW.minus(Duration.ofDays(40)));
    FetchedQuote recent = ingest(symbol, "2", NOW.minus(Duration.ofHours(1)));

    maintain(new RetentionPolicy(Optional.of(Duration.ofDays(30)), KEEP, KEEP), NOW);

    assertThat(result(ports.rawResponses().find(old.raw().id()))).isEmpty();
    assertThat(result(ports.rawResponses().find(recent.raw().id()))).contains(recent.raw());
    // Price points have their own retention (here: forever), so both prices stay.
    assertThat(history(symbol)).hasSize(2);
  }

  @Test
  void givenADayOfDataPastRetention_maintainLater_removesItAndKeepsTheDaysAfter() {
    Symbol symbol = uniqueSymbol();
    RetentionPolicy policy =
        new RetentionPolicy(Optional.of(Duration.ofDays(2)), Optional.of(Duration.ofDays(2)), KEEP);
    maintain(policy, NOW); // prepares today and the days ahead
    FetchedQuote first = ingest(symbol, "1", NOW.plus(Duration.ofHours(1)));
    FetchedQuote second = ingest(symbol, "2", NOW.plus(DAY).plus(Duration.ofHours(1)));
    FetchedQuote third = ingest(symbol, "3", NOW.plus(DAY.multipliedBy(2)));

    // The cutoff falls at 06:00 of the second day: the first day is wholly older, the second
    // quote (13:00) younger.
    maintain(policy, NOW.plus(DAY.multipliedBy(2)).plus(Duration.ofHours(18)));

    assertThat(result(ports.rawResponses().find(first.raw().id()))).isEmpty();
    assertThat(result(ports.rawResponses().find(third.raw().id()))).contains(third.raw());
    assertThat(history(symbol))
        .extracting(PricePoint::rawResponseId)
        .containsExactly(third.raw().id(), second.raw().id())
        .doesNotContain(first.raw().id());
    assertThat(result(ports.pricePoints().latest(symbol, ProviderId.FINNHUB)))
        .map(PricePoint::rawResponseId)
        .contains(third.raw().id());
  }

  @Test
  void givenPricesQuotedLongAgo_maintain_historyStartsLaterAndLatestIsStillTheNewest() {
    Symbol symbol = uniqueSymbol();
    ingest(symbol, "1", NOW.minus(Duration.ofDays(400)));
    FetchedQuote month = ingest(symbol, "2", NOW.minus(Duration.ofDays(30)));
    FetchedQuote hour = ingest(symbol, "3", NOW.minus(Duration.ofHours(1)));

    maintain(new RetentionPolicy(KEEP, Optional.of(Duration.ofDays(365)), KEEP), NOW);

    assertThat(history(symbol))
        .extracting(PricePoint::rawResponseId)
        .containsExactly(hour.raw().id(), month.raw().id());
    assertThat(result(ports.pricePoints().newest(symbol, ProviderId.FINNHUB, 5))).hasSize(2);
    assertThat(result(ports.pricePoints().latest(symbol, ProviderId.FINNHUB)))
        .map(PricePoint::rawResponseId)
        .contains(hour.raw().id());
  }

  @Test
  void givenPublishedAndWaitingEvents_maintain_deletesOnlyPublishedRowsWrittenBeforeTheRetention() {
    Symbol symbol = uniqueSymbol();
    for (int i = 0; i < 3; i++) {
      ingest(symbol, "1" + i, NOW.minusSeconds(60 - i));
    }
    List<OutboxEntry> waiting = result(ports.outbox().unpublished(10));
    assertThat(waiting).hasSize(3);
    publishedUpTo(waiting.get(1).id());
    RetentionPolicy hour = new RetentionPolicy(KEEP, KEEP, Optional.of(Duration.ofHours(1)));

    // Written just now: published, but younger than the retention.
    assertThat(maintain(hour, Instant.now()).rowsDeleted()).isZero();
    // Years later: the published rows go, the waiting one stays.
    MaintenanceReport report = maintain(hour, NOW);

    assertThat(report.rowsDeleted()).isEqualTo(2);
    assertThat(report.backlog()).isFalse();
    assertThat(result(ports.outbox().unpublished(10)))
        .extracting(OutboxEntry::id)
        .containsExactly(waiting.get(2).id());
    assertThat(result(ports.outbox().depth())).isEqualTo(1L);
    // A second pass finds nothing more to delete.
    assertThat(maintain(hour, NOW).rowsDeleted()).isZero();
  }

  @Test
  void givenKeepForever_maintain_removesNothing() {
    Symbol symbol = uniqueSymbol();
    FetchedQuote ancient = ingest(symbol, "1", Instant.EPOCH);
    publishedUpTo(result(ports.outbox().unpublished(10)).get(0).id());

    MaintenanceReport report = maintain(RetentionPolicy.KEEP_FOREVER, NOW);

    assertThat(report.rowsDeleted()).isZero();
    assertThat(report.partitionsDropped()).isZero();
    assertThat(result(ports.rawResponses().find(ancient.raw().id()))).contains(ancient.raw());
    assertThat(history(symbol)).hasSize(1);
  }

  /** Moves the outbox's position to {@code id}, as a relay does once it published up to there. */
  private void publishedUpTo(long id) {
    long from = result(ports.outbox().lead("relay-a", Duration.ofHours(1))).orElseThrow();
    assertThat(result(ports.outbox().advance("relay-a", from, id, Duration.ofHours(1)))).isTrue();
  }
}
