package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.event;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.domain.model.AverageOutboxEntry;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.RetentionPolicy;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.TraceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code average_outbox}: filled by the averages' own transaction with each changed window, and
 * only then; read by position like the price outbox; purged by retention once published.
 */
@ExtendWith(PgStoreExtension.class)
class PgAverageOutboxIT {
  private static PgTestStore store;
  private MarketDataPorts ports;
  private PgAverageOutbox outbox;

  @BeforeAll
  static void start(PgTestStore shared) {
    store = shared;
  }

  @BeforeEach
  void empty() {
    ports = store.emptyPorts();
    outbox = new PgAverageOutbox(store.pool);
  }

  @Test
  void givenABatch_apply_queuesEachChangedWindowOnceWithItsAverage() {
    Symbol symbol = uniqueSymbol();
    List<PriceEvent> events =
        List.of(
            event(symbol, "10", T0),
            event(symbol, "20", T0.plusSeconds(1)),
            event(symbol, "30", T0.plusSeconds(2)));

    List<MovingAverage> averages = result(ports.movingAverages().apply(events, Set.of(2, 5)));
    List<AverageOutboxEntry> queued = result(outbox.unpublished(10));

    assertThat(queued)
        .extracting(e -> e.event().average())
        .containsExactlyInAnyOrderElementsOf(averages);
    // In window order within the batch: sizes 2 and 5.
    assertThat(queued.get(0).event().average().value()).isEqualByComparingTo("25");
    assertThat(queued.get(1).event().average().value()).isEqualByComparingTo("20");
    assertThat(queued).extracting(e -> e.event().eventId()).doesNotHaveDuplicates();
  }

  @Test
  void givenTracedPrices_apply_queuesEachAverageWithTheTraceOfItsNewestTracedPrice() {
    Symbol symbol = uniqueSymbol();
    PriceEvent first = event(symbol, "10", T0);
    PriceEvent second = event(symbol, "20", T0.plusSeconds(1));
    PriceEvent third = event(symbol, "30", T0.plusSeconds(2)); // untraced
    TraceContext firstTrace =
        TraceContext.lenient("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null);
    TraceContext secondTrace =
        TraceContext.lenient(
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "vendor=opaque");

    result(
        ports
            .movingAverages()
            .apply(
                List.of(first, second, third),
                Set.of(1, 5),
                Map.of(first.eventId(), firstTrace, second.eventId(), secondTrace)));
    List<AverageOutboxEntry> queued = result(outbox.unpublished(10));

    // Window 1 holds only the untraced third price; window 5 all three, the newest traced being
    // the second, whose tracestate comes back too.
    assertThat(queued).extracting(e -> e.event().average().windowSize()).containsExactly(1, 5);
    assertThat(queued.get(0).trace()).isEqualTo(TraceContext.NONE);
    assertThat(queued.get(1).trace()).isEqualTo(secondTrace);
  }

  @Test
  void givenUntracedOrMalformedRows_unpublished_givesNoTraceAndStillTheAverage() {
    Symbol symbol = uniqueSymbol();
    result(ports.movingAverages().apply(List.of(event(symbol, "10", T0)), Set.of(1, 5)));
    assertThat(
            store
                .query(
                    "SELECT count(*) FROM average_outbox WHERE traceparent IS NULL"
                        + " AND tracestate IS NULL")
                .get(0)
                .getLong(0))
        .isEqualTo(2L);
    store.execute(
        "UPDATE average_outbox SET traceparent = 'not-a-traceparent', tracestate = 'x=1'"
            + " WHERE window_size = 5");

    List<AverageOutboxEntry> queued = result(outbox.unpublished(10));

    assertThat(queued)
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.trace()).isEqualTo(TraceContext.NONE));
  }

  @Test
  void givenTheSameBatchAgain_apply_queuesNothing() {
    Symbol symbol = uniqueSymbol();
    List<PriceEvent> events =
        List.of(event(symbol, "10", T0), event(symbol, "20", T0.plusSeconds(1)));
    result(ports.movingAverages().apply(events, Set.of(5)));
    assertThat(result(outbox.depth())).isEqualTo(1L);

    result(ports.movingAverages().apply(events, Set.of(5)));
    result(ports.movingAverages().apply(List.of(events.get(0)), Set.of(5)));

    assertThat(result(outbox.depth())).isEqualTo(1L);
  }

  @Test
  void givenALeader_otherRelays_cannotLeadOrMoveThePositionUntilItResigns() {
    Symbol symbol = uniqueSymbol();
    result(ports.movingAverages().apply(List.of(event(symbol, "10", T0)), Set.of(1, 2)));
    long from = result(outbox.lead("a", Duration.ofMinutes(1))).orElseThrow();
    List<AverageOutboxEntry> read = FinalReads.readWhenFinal(outbox, from, 10).entries();
    assertThat(read).hasSize(2);
    assertThat(result(outbox.lead("b", Duration.ofMinutes(1)))).isEmpty();
    assertThat(result(outbox.advance("b", from, read.get(1).id(), Duration.ofMinutes(1))))
        .isFalse();

    assertThat(result(outbox.advance("a", from, read.get(0).id(), Duration.ofMinutes(1)))).isTrue();
    result(outbox.resign("a"));

    assertThat(result(outbox.lead("b", Duration.ofMinutes(1)))).hasValue(read.get(0).id());
    assertThat(result(outbox.depth())).isEqualTo(1L);
  }

  @Test
  void givenPublishedAveragesPastRetention_maintain_deletesThemAndKeepsTheRest() {
    Symbol symbol = uniqueSymbol();
    result(ports.movingAverages().apply(List.of(event(symbol, "10", T0)), Set.of(1, 2, 3)));
    List<AverageOutboxEntry> queued = result(outbox.unpublished(10));
    // The first two published, the first written two hours ago; the third waits.
    store.publishedUpTo("average_outbox", queued.get(1).id());
    store.query(
        "UPDATE average_outbox SET created_at = now() - interval '2 hours' WHERE id = $1",
        queued.get(0).id());
    RetentionPolicy hour =
        new RetentionPolicy(Optional.empty(), Optional.empty(), Optional.of(Duration.ofHours(1)));

    result(new PgStorageMaintenance(store.pool).maintain(hour, Instant.now()));

    assertThat(store.count("average_outbox")).isEqualTo(2);
    assertThat(result(outbox.depth())).isEqualTo(1L);
  }
}
