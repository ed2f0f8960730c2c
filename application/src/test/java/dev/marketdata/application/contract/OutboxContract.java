package dev.marketdata.application.contract;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.quote;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.relay.RelayOutboxService;
import dev.marketdata.application.relay.RelayOutboxSettings;
import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.PriceEventPublisher;
import dev.marketdata.testsupport.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@code Outbox} promises: unpublished events oldest first, until marked; a batch
 * claimed by one relay is no other relay's until its lease ends or it is released.
 */
public abstract class OutboxContract {
  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final Duration SHORT_LEASE = Duration.ofMillis(300);

  protected MarketDataPorts ports;

  protected abstract MarketDataPorts emptyStore();

  @BeforeEach
  void createStore() {
    ports = emptyStore();
  }

  private List<PricePoint> ingestFive() {
    Symbol symbol = uniqueSymbol();
    List<PricePoint> stored = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // Quote times run backwards: the outbox orders by when rows were written, not quote time.
      stored.add(result(ports.ingestion().ingest(quote(symbol, "1" + i, T0.minusSeconds(i)))));
    }
    return stored;
  }

  @Test
  void givenFiveEvents_claim_returnsTheOldestFirstUpToTheLimit() {
    List<PricePoint> stored = ingestFive();

    List<OutboxEntry> batch = result(ports.outbox().claim("relay-a", 3, LEASE));

    assertThat(batch)
        .extracting(OutboxEntry::event)
        .containsExactly(stored.get(0).toEvent(), stored.get(1).toEvent(), stored.get(2).toEvent());
    assertThat(batch).extracting(OutboxEntry::id).isSorted().doesNotHaveDuplicates();
    assertThat(result(ports.outbox().depth())).isEqualTo(5L);
  }

  @Test
  void givenFiveEvents_unpublished_returnsTheOldestFirstUpToTheLimit() {
    List<PricePoint> stored = ingestFive();

    List<OutboxEntry> batch = result(ports.outbox().unpublished(3));

    assertThat(batch)
        .extracting(OutboxEntry::event)
        .containsExactly(stored.get(0).toEvent(), stored.get(1).toEvent(), stored.get(2).toEvent());
    assertThat(batch).extracting(OutboxEntry::id).isSorted().doesNotHaveDuplicates();
    assertThat(result(ports.outbox().depth())).isEqualTo(5L);
  }

  @Test
  void givenMarkedBatch_unpublished_continuesWithTheRestAndDepthShrinks() {
    List<PricePoint> stored = ingestFive();
    List<Long> first = ids(result(ports.outbox().claim("relay-a", 3, LEASE)));

    result(ports.outbox().markPublished("relay-a", first, T0.plusSeconds(60)));
    result(ports.outbox().markPublished("relay-a", first, T0.plusSeconds(120)));

    assertThat(result(ports.outbox().unpublished(10)))
        .extracting(OutboxEntry::event)
        .containsExactly(stored.get(3).toEvent(), stored.get(4).toEvent());
    assertThat(result(ports.outbox().depth())).isEqualTo(2L);
  }

  @Test
  void givenEmptyOutbox_unpublished_isEmptyAndDepthZero() {
    assertThat(result(ports.outbox().unpublished(10))).isEmpty();
    assertThat(result(ports.outbox().depth())).isZero();
    assertThat(result(ports.outbox().claim("relay-a", 10, LEASE))).isEmpty();
    result(ports.outbox().markPublished("relay-a", List.of(), T0));
    result(ports.outbox().release("relay-a", List.of()));
  }

  @Test
  void givenOneRelayHoldsABatch_anotherRelay_claimsTheRowsAfterIt() {
    List<PricePoint> stored = ingestFive();

    List<OutboxEntry> a = result(ports.outbox().claim("relay-a", 3, LEASE));
    List<OutboxEntry> b = result(ports.outbox().claim("relay-b", 3, LEASE));

    assertThat(a)
        .extracting(OutboxEntry::event)
        .containsExactly(stored.get(0).toEvent(), stored.get(1).toEvent(), stored.get(2).toEvent());
    assertThat(b)
        .extracting(OutboxEntry::event)
        .containsExactly(stored.get(3).toEvent(), stored.get(4).toEvent());
    assertThat(result(ports.outbox().claim("relay-c", 3, LEASE))).isEmpty();
  }

  @Test
  void givenRowsARelayHoldsButDidNotMark_thatRelay_claimsThemAgainAtOnce() {
    ingestFive();
    List<Long> unmarked = ids(result(ports.outbox().claim("relay-a", 3, LEASE)));

    List<Long> again = ids(result(ports.outbox().claim("relay-a", 5, LEASE)));

    assertThat(again).hasSize(5).startsWith(unmarked.toArray(Long[]::new)).isSorted();
    assertThat(result(ports.outbox().claim("relay-b", 5, LEASE))).isEmpty();
  }

  @Test
  void givenRowsHeldByAnotherRelay_markPublished_leavesThemWaiting() {
    ingestFive();
    List<Long> a = ids(result(ports.outbox().claim("relay-a", 5, LEASE)));

    result(ports.outbox().markPublished("relay-b", a, T0));

    assertThat(result(ports.outbox().depth())).isEqualTo(5L);
    result(ports.outbox().markPublished("relay-a", a, T0));
    assertThat(result(ports.outbox().depth())).isZero();
  }

  @Test
  void givenReleasedRows_anotherRelay_claimsThemAtOnce() {
    ingestFive();
    List<Long> a = ids(result(ports.outbox().claim("relay-a", 5, LEASE)));

    result(ports.outbox().release("relay-b", a)); // not b's to give back
    assertThat(result(ports.outbox().claim("relay-b", 5, LEASE))).isEmpty();
    result(ports.outbox().release("relay-a", a));

    assertThat(ids(result(ports.outbox().claim("relay-b", 5, LEASE)))).isEqualTo(a);
  }

  @Test
  void givenRelayDiedMidBatch_anotherRelay_takesItsRowsOverOnceTheLeaseEnded() {
    ingestFive();
    List<Long> crashed = ids(result(ports.outbox().claim("crashed", 3, SHORT_LEASE)));
    List<Long> rest = ids(result(ports.outbox().claim("relay-b", 10, LEASE)));
    assertThat(rest).hasSize(2).doesNotContainAnyElementsOf(crashed);
    result(ports.outbox().markPublished("relay-b", rest, T0));

    List<Long> takenOver = new ArrayList<>();
    Await.until(
        "the crashed relay's rows free again",
        Duration.ofSeconds(10),
        () -> takenOver.addAll(ids(result(ports.outbox().claim("relay-b", 10, LEASE)))));

    assertThat(takenOver).isEqualTo(crashed);
    // The crashed relay coming back late cannot mark rows that relay-b now holds...
    result(ports.outbox().markPublished("crashed", crashed, T0));
    assertThat(result(ports.outbox().depth())).isEqualTo(3L);
    // ...which relay-b publishes and marks.
    result(ports.outbox().markPublished("relay-b", takenOver, T0));
    assertThat(result(ports.outbox().depth())).isZero();
  }

  @Test
  void givenTwoRelaysRunningAtOnce_everyEvent_isPublishedExactlyOnce() throws Exception {
    Symbol symbol = uniqueSymbol();
    int events = 300;
    for (int i = 0; i < events; i++) {
      result(ports.ingestion().ingest(quote(symbol, "1" + i, T0.plusSeconds(i))));
    }
    ConcurrentLinkedQueue<PriceEvent> published = new ConcurrentLinkedQueue<>();
    PriceEventPublisher broker =
        batch -> {
          published.addAll(batch);
          return CompletableFuture.completedFuture(null);
        };
    List<RelayOutboxService> relays =
        List.of(relay("relay-a", broker), relay("relay-b", broker), relay("relay-c", broker));

    ExecutorService threads = Executors.newFixedThreadPool(relays.size());
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (RelayOutboxService relay : relays) {
        runs.add(threads.submit(() -> drain(relay)));
      }
      int relayed = 0;
      for (Future<Integer> run : runs) {
        relayed += run.get(90, TimeUnit.SECONDS);
      }
      assertThat(relayed).isEqualTo(events);
    } finally {
      threads.shutdownNow();
    }

    assertThat(published).hasSize(events).doesNotHaveDuplicates();
    assertThat(result(ports.outbox().depth())).isZero();
  }

  private RelayOutboxService relay(String owner, PriceEventPublisher broker) {
    return new RelayOutboxService(
        ports.outbox(), broker, Clock.systemUTC(), new RelayOutboxSettings(7, LEASE, owner));
  }

  /** Relays batches until this relay finds nothing left to claim; how many it published. */
  private static int drain(RelayOutboxService relay) {
    int total = 0;
    int batch;
    while ((batch = result(relay.relayBatch())) > 0) {
      total += batch;
    }
    return total;
  }

  private static List<Long> ids(List<OutboxEntry> entries) {
    return entries.stream().map(OutboxEntry::id).toList();
  }
}
