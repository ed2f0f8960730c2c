package dev.marketdata.application.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.domain.failure.DependencyUnavailable;
import dev.marketdata.domain.model.AverageEvent;
import dev.marketdata.domain.model.AverageOutboxEntry;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.OutboxRead;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.AverageEventPublisher;
import dev.marketdata.domain.port.AverageOutbox;
import dev.marketdata.testsupport.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class RelayAveragesServiceTest {
  private static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);
  private final AverageOutbox outbox = mock(AverageOutbox.class);
  private final AverageEventPublisher publisher = mock(AverageEventPublisher.class);
  private final RelayAveragesService relay =
      new RelayAveragesService(
          outbox, publisher, new MutableClock(T0), new RelayOutboxSettings(100, LEASE, "relay-a"));

  private final AverageEvent aapl =
      new AverageEvent(
          UUID.randomUUID(),
          new MovingAverage(
              Symbol.of("AAPL"), ProviderId.FINNHUB, 5, new BigDecimal("150"), 1, T0));

  @Test
  void givenWaitingAverages_relay_publishesThenMovesThePosition() {
    AverageOutboxEntry row = new AverageOutboxEntry(7, aapl, T0);
    when(outbox.lead("relay-a", LEASE))
        .thenReturn(CompletableFuture.completedFuture(OptionalLong.of(6)));
    when(outbox.readFinal(6, List.of(), 100))
        .thenReturn(
            CompletableFuture.completedFuture(new OutboxRead<>(List.of(row), 7, 7, 50, 50)));
    CompletableFuture<Void> ack = new CompletableFuture<>();
    when(publisher.publishStored(List.of(row))).thenReturn(ack);
    when(outbox.advance("relay-a", 6, 7, LEASE))
        .thenReturn(CompletableFuture.completedFuture(true));

    CompletableFuture<RelayStep> result = relay.relayBatch().toCompletableFuture();
    verify(outbox, never()).advance(anyString(), anyLong(), anyLong(), any());
    ack.complete(null);

    assertThat(result.join()).isEqualTo(new RelayStep(1, false));
    verify(outbox).advance("relay-a", 6, 7, LEASE);
  }

  @Test
  void givenBrokerDown_relay_failsAndLeavesThePosition() {
    when(outbox.lead("relay-a", LEASE))
        .thenReturn(CompletableFuture.completedFuture(OptionalLong.of(6)));
    when(outbox.readFinal(6, List.of(), 100))
        .thenReturn(
            CompletableFuture.completedFuture(
                new OutboxRead<>(List.of(new AverageOutboxEntry(7, aapl, T0)), 7, 7, 50, 50)));
    when(publisher.publishStored(anyList()))
        .thenReturn(
            CompletableFuture.failedFuture(new DependencyUnavailable("kafka", "timeout", null)));

    assertThat(relay.relayBatch().toCompletableFuture())
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(DependencyUnavailable.class);
    verify(outbox, never()).advance(anyString(), anyLong(), anyLong(), any());
  }
}
