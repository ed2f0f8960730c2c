package dev.marketdata.application.relay;

import static dev.marketdata.testsupport.Samples.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.domain.failure.DependencyUnavailable;
import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.TraceContext;
import dev.marketdata.domain.port.Outbox;
import dev.marketdata.domain.port.PriceEventPublisher;
import dev.marketdata.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
  private final RelayOutboxService relay =
      new RelayOutboxService(
          outbox, publisher, new MutableClock(T0), new RelayOutboxSettings(100, LEASE, "relay-a"));

  private final PriceEvent aapl = point("AAPL", ProviderId.FINNHUB, "150", T0).toEvent();
  private final PriceEvent msft = point("MSFT", ProviderId.FINNHUB, "300", T0).toEvent();

  @Test
  void givenWaitingEvents_relay_publishesThenMarksThemPublished() {
    when(outbox.claim("relay-a", 100, LEASE))
        .thenReturn(
            CompletableFuture.completedFuture(
                List.of(new OutboxEntry(7, aapl, T0), new OutboxEntry(8, msft, T0))));
    CompletableFuture<Void> ack = new CompletableFuture<>();
    when(publisher.publish(List.of(aapl, msft))).thenReturn(ack);
    when(outbox.markPublished("relay-a", List.of(7L, 8L), T0))
        .thenReturn(CompletableFuture.completedFuture(null));

    CompletableFuture<Integer> result = relay.relayBatch().toCompletableFuture();
    verify(outbox, never())
        .markPublished(any(), anyList(), any()); // not before the broker said yes
    ack.complete(null);

    assertThat(result.join()).isEqualTo(2);
    verify(outbox).markPublished("relay-a", List.of(7L, 8L), T0);
  }

  @Test
  void givenBrokerDown_relay_failsAndReleasesItsClaimSoTheRowsWaitForAnyRelay() {
    when(outbox.claim("relay-a", 100, LEASE))
        .thenReturn(CompletableFuture.completedFuture(List.of(new OutboxEntry(7, aapl, T0))));
    when(publisher.publish(anyList()))
        .thenReturn(
            CompletableFuture.failedFuture(new DependencyUnavailable("kafka", "timeout", null)));
    when(outbox.release("relay-a", List.of(7L)))
        .thenReturn(CompletableFuture.completedFuture(null));

    assertThat(relay.relayBatch().toCompletableFuture())
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(DependencyUnavailable.class);
    verify(outbox, never()).markPublished(any(), anyList(), any());
    verify(outbox).release("relay-a", List.of(7L));
  }

  @Test
  void givenBrokerAndDatabaseDown_relay_failsWithThePublishFailureAndLeavesTheLeaseToExpire() {
    when(outbox.claim("relay-a", 100, LEASE))
        .thenReturn(CompletableFuture.completedFuture(List.of(new OutboxEntry(7, aapl, T0))));
    when(publisher.publish(anyList()))
        .thenReturn(
            CompletableFuture.failedFuture(new DependencyUnavailable("kafka", "timeout", null)));
    when(outbox.release("relay-a", List.of(7L)))
        .thenReturn(
            CompletableFuture.failedFuture(new DependencyUnavailable("postgres", "down", null)));

    assertThat(relay.relayBatch().toCompletableFuture())
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(DependencyUnavailable.class)
        .withMessageContaining("kafka");
  }

  @Test
  void givenTracedEntries_relay_handsThePublisherEachEntryWithItsStoredTraceContext() {
    TraceContext traced =
        TraceContext.lenient("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "k=v");
    List<OutboxEntry> entries =
        List.of(new OutboxEntry(7, aapl, T0, traced), new OutboxEntry(8, msft, T0));
    when(outbox.claim("relay-a", 100, LEASE))
        .thenReturn(CompletableFuture.completedFuture(entries));
    doReturn(CompletableFuture.completedFuture(null)).when(publisher).publishStored(entries);
    when(outbox.markPublished("relay-a", List.of(7L, 8L), T0))
        .thenReturn(CompletableFuture.completedFuture(null));

    assertThat(relay.relayBatch().toCompletableFuture().join()).isEqualTo(2);
    verify(publisher).publishStored(entries);
  }

  @Test
  void givenEmptyOutbox_relay_publishesNothing() {
    when(outbox.claim("relay-a", 100, LEASE))
        .thenReturn(CompletableFuture.completedFuture(List.of()));
    assertThat(relay.relayBatch().toCompletableFuture().join()).isZero();
    verify(publisher, never()).publish(anyList());
  }
}
