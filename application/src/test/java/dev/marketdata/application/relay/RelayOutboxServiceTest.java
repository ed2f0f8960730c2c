package dev.marketdata.application.relay;

import static dev.marketdata.testsupport.Samples.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.domain.failure.DependencyUnavailable;
import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.OutboxObservation;
import dev.marketdata.domain.model.OutboxRead;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.TraceContext;
import dev.marketdata.domain.port.Outbox;
import dev.marketdata.domain.port.PriceEventPublisher;
import dev.marketdata.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class RelayOutboxServiceTest {
  private static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);
  private final Outbox outbox = mock(Outbox.class);
  // Real default methods: publishStored reaches publish unless a test says otherwise.
  private final PriceEventPublisher publisher =
      mock(PriceEventPublisher.class, Mockito.CALLS_REAL_METHODS);
  private final MutableClock clock = new MutableClock(T0);
  private final RelayOutboxService relay =
      new RelayOutboxService(
          outbox, publisher, clock, new RelayOutboxSettings(100, LEASE, "relay-a"));

  private final PriceEvent aapl = point("AAPL", ProviderId.FINNHUB, "150", T0).toEvent();
  private final PriceEvent msft = point("MSFT", ProviderId.FINNHUB, "300", T0).toEvent();

  private void leads(long position) {
    when(outbox.lead("relay-a", LEASE))
        .thenReturn(CompletableFuture.completedFuture(OptionalLong.of(position)));
  }

  /** A read whose rows are final at once: no transaction was running (xmin = xnext). */
  private void reads(long after, List<OutboxEntry> rows) {
    long last = rows.isEmpty() ? after : rows.get(rows.size() - 1).id();
    when(outbox.readFinal(eq(after), anyList(), eq(100)))
        .thenReturn(CompletableFuture.completedFuture(new OutboxRead<>(rows, last, last, 50, 50)));
  }

  /** A read that saw rows up to {@code maxId} that are not final yet: it returns none. */
  private static CompletableFuture<OutboxRead<OutboxEntry>> notFinal(long after, long maxId) {
    // xmin 40 below the read's next xid 50: a transaction that may own a lower id is open.
    return CompletableFuture.completedFuture(new OutboxRead<>(List.of(), after, maxId, 40, 50));
  }

  private void advances(long from, long to, boolean moved) {
    when(outbox.advance("relay-a", from, to, LEASE))
        .thenReturn(CompletableFuture.completedFuture(moved));
  }

  @Test
  void givenWaitingEvents_relay_publishesThenMovesThePosition() {
    leads(6);
    reads(6, List.of(new OutboxEntry(7, aapl, T0), new OutboxEntry(8, msft, T0)));
    CompletableFuture<Void> ack = new CompletableFuture<>();
    when(publisher.publish(List.of(aapl, msft))).thenReturn(ack);
    advances(6, 8, true);

    CompletableFuture<RelayStep> result = relay.relayBatch().toCompletableFuture();
    // Not before the broker said yes.
    verify(outbox, never()).advance(anyString(), anyLong(), anyLong(), any());
    ack.complete(null);

    assertThat(result.join()).isEqualTo(new RelayStep(2, false));
    verify(outbox).advance("relay-a", 6, 8, LEASE);
  }

  @Test
  void givenLeading_nextStep_readsFromTheNewPositionWithoutAskingForTheLeaseAgain() {
    leads(6);
    reads(6, List.of(new OutboxEntry(7, aapl, T0)));
    when(publisher.publish(anyList())).thenReturn(CompletableFuture.completedFuture(null));
    advances(6, 7, true);
    reads(7, List.of(new OutboxEntry(8, msft, T0)));
    advances(7, 8, true);

    relay.relayBatch().toCompletableFuture().join();
    assertThat(relay.relayBatch().toCompletableFuture().join()).isEqualTo(new RelayStep(1, false));

    verify(outbox, times(1)).lead("relay-a", LEASE);
  }

  @Test
  void givenHalfTheLeasePassed_nextStep_renewsTheLeaseFirst() {
    leads(6);
    reads(6, List.of());

    relay.relayBatch().toCompletableFuture().join();
    clock.advance(LEASE.dividedBy(2).plusMillis(1));
    relay.relayBatch().toCompletableFuture().join();

    verify(outbox, times(2)).lead("relay-a", LEASE);
  }

  @Test
  void givenAnotherRelayLeads_relay_publishesNothingAndReadsNothing() {
    when(outbox.lead("relay-a", LEASE))
        .thenReturn(CompletableFuture.completedFuture(OptionalLong.empty()));

    assertThat(relay.relayBatch().toCompletableFuture().join()).isEqualTo(RelayStep.IDLE);

    verify(outbox, never()).readFinal(anyLong(), anyList(), anyInt());
    verify(publisher, never()).publish(anyList());
  }

  @Test
  void givenTheCompareAndSetFails_relay_becomesAFollower() {
    leads(6);
    reads(6, List.of(new OutboxEntry(7, aapl, T0)));
    when(publisher.publish(anyList())).thenReturn(CompletableFuture.completedFuture(null));
    advances(6, 7, false);

    assertThat(relay.relayBatch().toCompletableFuture().join()).isEqualTo(new RelayStep(1, false));
    when(outbox.lead("relay-a", LEASE))
        .thenReturn(CompletableFuture.completedFuture(OptionalLong.empty()));
    assertThat(relay.relayBatch().toCompletableFuture().join()).isEqualTo(RelayStep.IDLE);

    verify(outbox, times(2)).lead("relay-a", LEASE);
    verify(outbox, times(1)).readFinal(anyLong(), anyList(), anyInt());
  }

  @Test
  void givenBrokerDown_relay_failsAndLeavesThePositionSoTheRowsGoOutAgain() {
    leads(6);
    reads(6, List.of(new OutboxEntry(7, aapl, T0)));
    when(publisher.publish(anyList()))
        .thenReturn(
            CompletableFuture.failedFuture(new DependencyUnavailable("kafka", "timeout", null)));

    assertThat(relay.relayBatch().toCompletableFuture())
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(DependencyUnavailable.class);
    verify(outbox, never()).advance(anyString(), anyLong(), anyLong(), any());

    when(publisher.publish(anyList())).thenReturn(CompletableFuture.completedFuture(null));
    advances(6, 7, true);
    assertThat(relay.relayBatch().toCompletableFuture().join()).isEqualTo(new RelayStep(1, false));
    verify(publisher, times(2)).publish(List.of(aapl));
  }

  @Test
  void givenRowsNotFinalYet_relay_publishesNothingAndSaysItIsWaiting() {
    leads(6);
    when(outbox.readFinal(eq(6L), anyList(), eq(100))).thenReturn(notFinal(6, 9));

    assertThat(relay.relayBatch().toCompletableFuture().join())
        .isEqualTo(new RelayStep(0, false, true));

    verify(publisher, never()).publish(anyList());
    verify(outbox, never()).advance(anyString(), anyLong(), anyLong(), any());
  }

  @Test
  void givenSomeRowsFinalAndNewerOnesNot_relay_publishesTheFinalOnesAndGoesOnAtThePollInterval() {
    leads(6);
    // First read: 7 seen while a transaction that may own a lower id is open; nothing read.
    when(outbox.readFinal(6, List.of(), 100)).thenReturn(notFinal(6, 7));
    // Second read, sent that observation: the transaction ended (xmin 50), so 7 is final and read;
    // 8 is new and is not.
    when(outbox.readFinal(6, List.of(new OutboxObservation(7, 50)), 100))
        .thenReturn(
            CompletableFuture.completedFuture(
                new OutboxRead<>(List.of(new OutboxEntry(7, aapl, T0)), 7, 8, 50, 60)));
    when(publisher.publish(List.of(aapl))).thenReturn(CompletableFuture.completedFuture(null));
    advances(6, 7, true);

    assertThat(relay.relayBatch().toCompletableFuture().join())
        .isEqualTo(new RelayStep(0, false, true));
    assertThat(relay.relayBatch().toCompletableFuture().join())
        .as("published, so not a short-pause wait even though 8 is not final yet")
        .isEqualTo(new RelayStep(1, false, false));
    verify(outbox).advance("relay-a", 6, 7, LEASE);
  }

  @Test
  void givenRowsNotFinalForLong_relay_stopsSayingItIsWaiting() {
    leads(6);
    when(outbox.readFinal(eq(6L), anyList(), eq(100))).thenReturn(notFinal(6, 9));
    relay.relayBatch().toCompletableFuture().join();

    clock.advance(PositionRelay.EAGER_WAIT.plusMillis(1));

    assertThat(relay.relayBatch().toCompletableFuture().join()).isEqualTo(new RelayStep(0, false));
  }

  @Test
  void givenRowsNotFinalForOverTenSeconds_relay_reportsTheWaitOnceAndStillSkipsNothing() {
    List<Duration> waits = new ArrayList<>();
    RelayListener listener =
        new RelayListener() {
          @Override
          public void waiting(String name, long position, Duration waited) {
            waits.add(waited);
          }
        };
    RelayOutboxService heard =
        new RelayOutboxService(
            outbox, publisher, clock, new RelayOutboxSettings(100, LEASE, "relay-a"), listener);
    leads(6);
    when(outbox.readFinal(eq(6L), anyList(), eq(100))).thenReturn(notFinal(6, 9));

    heard.relayBatch().toCompletableFuture().join();
    clock.advance(Duration.ofSeconds(11));
    heard.relayBatch().toCompletableFuture().join();
    clock.advance(Duration.ofSeconds(11));
    heard.relayBatch().toCompletableFuture().join();

    assertThat(waits).containsExactly(Duration.ofSeconds(11));
    verify(publisher, never()).publish(anyList());
    verify(outbox, never()).advance(anyString(), anyLong(), anyLong(), any());
  }

  @Test
  void givenAFullBatch_relay_asksToStepAgainAtOnce() {
    RelayOutboxService small =
        new RelayOutboxService(
            outbox, publisher, clock, new RelayOutboxSettings(2, LEASE, "relay-a"));
    leads(6);
    // Final up to 9, cut by the limit at 8.
    when(outbox.readFinal(eq(6L), anyList(), eq(2)))
        .thenReturn(
            CompletableFuture.completedFuture(
                new OutboxRead<>(
                    List.of(new OutboxEntry(7, aapl, T0), new OutboxEntry(8, msft, T0)),
                    9,
                    9,
                    50,
                    50)));
    when(publisher.publish(anyList())).thenReturn(CompletableFuture.completedFuture(null));
    advances(6, 8, true);

    assertThat(small.relayBatch().toCompletableFuture().join()).isEqualTo(new RelayStep(2, true));
  }

  @Test
  void givenTracedEntries_relay_handsThePublisherEachEntryWithItsStoredTraceContext() {
    TraceContext traced =
        TraceContext.lenient("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "k=v");
    List<OutboxEntry> entries =
        List.of(new OutboxEntry(7, aapl, T0, traced), new OutboxEntry(8, msft, T0));
    leads(6);
    reads(6, entries);
    doReturn(CompletableFuture.completedFuture(null)).when(publisher).publishStored(entries);
    advances(6, 8, true);

    assertThat(relay.relayBatch().toCompletableFuture().join().published()).isEqualTo(2);
    verify(publisher).publishStored(entries);
  }

  @Test
  void givenEmptyOutbox_relay_publishesNothingAndWritesNothing() {
    leads(6);
    reads(6, List.of());

    assertThat(relay.relayBatch().toCompletableFuture().join()).isEqualTo(RelayStep.IDLE);

    verify(publisher, never()).publish(anyList());
    verify(outbox, never()).advance(anyString(), anyLong(), anyLong(), any());
  }

  @Test
  void resign_givesTheLeaseUpAndTheNextStepAsksForItAgain() {
    leads(6);
    reads(6, List.of());
    when(outbox.resign("relay-a")).thenReturn(CompletableFuture.completedFuture(null));
    relay.relayBatch().toCompletableFuture().join();

    relay.resign().toCompletableFuture().join();
    relay.relayBatch().toCompletableFuture().join();

    verify(outbox).resign("relay-a");
    verify(outbox, times(2)).lead(eq("relay-a"), any());
  }
}
