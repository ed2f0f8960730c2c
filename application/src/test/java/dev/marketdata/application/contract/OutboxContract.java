package dev.marketdata.application.contract;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.quote;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.relay.RelayOutboxService;
import dev.marketdata.application.relay.RelayOutboxSettings;
import dev.marketdata.application.relay.RelayStep;
import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.OutboxObservation;
import dev.marketdata.domain.model.OutboxRead;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.PriceEventPublisher;
import dev.marketdata.testsupport.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@code Outbox} promises (ADR 0016): events in id order above a stored position; one
 * relay at a time leads it under a lease; the position moves only by its leader's compare-and-set.
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
  void givenFiveEvents_readFinal_returnsTheFinalRowsAboveThePositionOldestFirstUpToTheLimit() {
    List<PricePoint> stored = ingestFive();
    long position = result(ports.outbox().lead("relay-a", LEASE)).orElseThrow();

    OutboxRead<OutboxEntry> read = readWhenFinal(position, 3);
    List<OutboxEntry> batch = read.entries();

    assertThat(batch)
        .extracting(OutboxEntry::event)
        .containsExactly(stored.get(0).toEvent(), stored.get(1).toEvent(), stored.get(2).toEvent());
    assertThat(batch).extracting(OutboxEntry::id).isSorted().doesNotHaveDuplicates();
    assertThat(read.finalId()).isEqualTo(read.maxId());
    assertThat(
            result(ports.outbox().readFinal(batch.get(2).id(), List.of(read.observation()), 10))
                .entries())
        .extracting(OutboxEntry::event)
        .containsExactly(stored.get(3).toEvent(), stored.get(4).toEvent());
    assertThat(result(ports.outbox().depth())).isEqualTo(5L);
  }

  @Test
  void givenAFinalObservation_readFinal_returnsNoRowAboveIt() {
    ingestFive();
    List<OutboxEntry> all = result(ports.outbox().unpublished(10));
    long position = result(ports.outbox().lead("relay-a", LEASE)).orElseThrow();
    OutboxRead<OutboxEntry> read = readWhenFinal(position, 10);

    // An observation is final for any snapshot once its next xid is at or below the xmin.
    OutboxRead<OutboxEntry> upTo =
        result(
            ports
                .outbox()
                .readFinal(position, List.of(new OutboxObservation(all.get(1).id(), 0)), 10));

    assertThat(upTo.maxId()).isEqualTo(read.maxId());
    assertThat(upTo.finalId()).isBetween(all.get(1).id(), read.maxId());
    assertThat(upTo.entries())
        .extracting(OutboxEntry::id)
        .allMatch(id -> id > position && id <= upTo.finalId());
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
  void givenAdvancedPosition_unpublishedAndDepth_continueAboveIt() {
    List<PricePoint> stored = ingestFive();
    List<OutboxEntry> all = result(ports.outbox().unpublished(10));
    long from = result(ports.outbox().lead("relay-a", LEASE)).orElseThrow();

    assertThat(result(ports.outbox().advance("relay-a", from, all.get(2).id(), LEASE))).isTrue();

    assertThat(result(ports.outbox().unpublished(10)))
        .extracting(OutboxEntry::event)
        .containsExactly(stored.get(3).toEvent(), stored.get(4).toEvent());
    assertThat(result(ports.outbox().depth())).isEqualTo(2L);
    assertThat(result(ports.outbox().lead("relay-a", LEASE))).hasValue(all.get(2).id());
  }

  @Test
  void givenEmptyOutbox_unpublished_isEmptyAndDepthZero() {
    assertThat(result(ports.outbox().unpublished(10))).isEmpty();
    assertThat(result(ports.outbox().depth())).isZero();
    long position = result(ports.outbox().lead("relay-a", LEASE)).orElseThrow();
    OutboxRead<OutboxEntry> read = result(ports.outbox().readFinal(position, List.of(), 10));
    assertThat(read.entries()).isEmpty();
    assertThat(read.finalId()).isEqualTo(position);
    assertThat(read.maxId()).isZero();
  }

  @Test
  void givenALeader_anotherRelay_cannotLeadUntilItResigns() {
    assertThat(result(ports.outbox().lead("relay-a", LEASE))).isPresent();

    assertThat(result(ports.outbox().lead("relay-b", LEASE))).isEmpty();
    assertThat(result(ports.outbox().lead("relay-a", LEASE))).as("renewed").isPresent();
    result(ports.outbox().resign("relay-b")); // not b's to give up
    assertThat(result(ports.outbox().lead("relay-b", LEASE))).isEmpty();
    result(ports.outbox().resign("relay-a"));

    assertThat(result(ports.outbox().lead("relay-b", LEASE))).isPresent();
    assertThat(result(ports.outbox().lead("relay-a", LEASE))).isEmpty();
  }

  @Test
  void givenLeaseTakenOver_theOldLeader_cannotMoveThePosition() {
    List<PricePoint> stored = ingestFive();
    List<OutboxEntry> all = result(ports.outbox().unpublished(10));
    long from = result(ports.outbox().lead("crashed", SHORT_LEASE)).orElseThrow();
    OptionalLong[] taken = {OptionalLong.empty()};
    Await.until(
        "the crashed relay's lease ended",
        Duration.ofSeconds(10),
        () -> (taken[0] = result(ports.outbox().lead("relay-b", LEASE))).isPresent());
    assertThat(taken[0]).hasValue(from);

    // The old leader coming back late is fenced off...
    assertThat(result(ports.outbox().advance("crashed", from, all.get(4).id(), LEASE))).isFalse();
    assertThat(result(ports.outbox().depth())).isEqualTo(5L);
    // ...and the new one cannot move a position it did not read either.
    assertThat(result(ports.outbox().advance("relay-b", from + 1, all.get(4).id(), LEASE)))
        .isFalse();
    assertThat(result(ports.outbox().advance("relay-b", from, all.get(1).id(), LEASE))).isTrue();
    assertThat(result(ports.outbox().unpublished(10))).hasSize(stored.size() - 2);
  }

  @Test
  void givenLeaderStopsStepping_aFollower_takesOverAtTheLeadersPositionOnceTheLeaseEnded() {
    ingestFive();
    List<PriceEvent> published = new ArrayList<>();
    PriceEventPublisher broker = collecting(published);
    RelayOutboxService a = relay("relay-a", broker, 3, SHORT_LEASE);
    RelayOutboxService b = relay("relay-b", broker, 3, LEASE);

    assertThat(firstPublished(a)).isEqualTo(3);
    assertThat(result(b.relayBatch())).isEqualTo(RelayStep.IDLE);
    // a dies here; b leads once a's lease ended, from where a left off.
    assertThat(firstPublished(b)).isEqualTo(2);

    assertThat(published).hasSize(5).doesNotHaveDuplicates();
    assertThat(result(ports.outbox().depth())).isZero();
  }

  @Test
  void givenLeaderResigned_aFollower_leadsAtOnce() {
    ingestFive();
    List<PriceEvent> published = new ArrayList<>();
    PriceEventPublisher broker = collecting(published);
    RelayOutboxService a = relay("relay-a", broker, 3, LEASE);
    RelayOutboxService b = relay("relay-b", broker, 3, LEASE);
    assertThat(firstPublished(a)).isEqualTo(3);
    assertThat(result(b.relayBatch())).isEqualTo(RelayStep.IDLE);

    result(a.resign());

    assertThat(firstPublished(b)).isEqualTo(2);
    assertThat(result(a.relayBatch())).isEqualTo(RelayStep.IDLE);
    assertThat(published).hasSize(5).doesNotHaveDuplicates();
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
        List.of(
            relay("relay-a", broker, 7, LEASE),
            relay("relay-b", broker, 7, LEASE),
            relay("relay-c", broker, 7, LEASE));

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

  private RelayOutboxService relay(
      String owner, PriceEventPublisher broker, int batch, Duration lease) {
    return new RelayOutboxService(
        ports.outbox(), broker, Clock.systemUTC(), new RelayOutboxSettings(batch, lease, owner));
  }

  private static PriceEventPublisher collecting(List<PriceEvent> published) {
    return batch -> {
      published.addAll(batch);
      return CompletableFuture.completedFuture(null);
    };
  }

  /**
   * Steps this relay until a step publishes (a read's rows may need a later read to become final,
   * ADR 0012); what that step published.
   */
  private static int firstPublished(RelayOutboxService relay) {
    int[] published = {0};
    Await.until(
        "the relay published",
        Duration.ofSeconds(10),
        () -> (published[0] = result(relay.relayBatch()).published()) > 0);
    return published[0];
  }

  /**
   * Reads above {@code position} until the read is final up to the highest id it saw, sending each
   * read's observation with the next as a relay does (rows written here are committed, but another
   * transaction on the server may hold the snapshot's xmin back for a moment).
   */
  private OutboxRead<OutboxEntry> readWhenFinal(long position, int limit) {
    List<OutboxObservation> seen = new ArrayList<>();
    List<OutboxRead<OutboxEntry>> last = new ArrayList<>();
    Await.until(
        "the rows above the position are final",
        Duration.ofSeconds(10),
        () -> {
          OutboxRead<OutboxEntry> read = result(ports.outbox().readFinal(position, seen, limit));
          seen.add(read.observation());
          last.add(read);
          return read.finalId() >= read.maxId();
        });
    return last.get(last.size() - 1);
  }

  /** Steps this relay until the outbox is empty (whoever leads); how many it published. */
  private int drain(RelayOutboxService relay) {
    int total = 0;
    while (result(ports.outbox().depth()) > 0) {
      total += result(relay.relayBatch()).published();
    }
    return total;
  }
}
