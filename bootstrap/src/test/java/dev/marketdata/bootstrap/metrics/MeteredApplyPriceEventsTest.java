package dev.marketdata.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.application.average.ApplyPriceEventsUseCase;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.TraceContext;
import dev.marketdata.testsupport.Await;
import dev.marketdata.testsupport.MutableClock;
import dev.marketdata.testsupport.Samples;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MeteredApplyPriceEventsTest {
  @Test
  void givenACommittedBatch_lastCommitGauge_isTheCommitTime_andZeroBefore() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T18:00:00Z"));
    ApplyPriceEventsUseCase delegate = mock(ApplyPriceEventsUseCase.class);
    when(delegate.apply(any(), any())).thenReturn(CompletableFuture.completedFuture(List.of()));
    MeteredApplyPriceEvents metered = new MeteredApplyPriceEvents(delegate, meters, clock);
    double before = meters.get("mds.ma.last.commit.timestamp").gauge().value();

    clock.advance(Duration.ofSeconds(30));
    Await.result(
        metered.apply(
            List.of(
                Samples.event(
                    Symbol.of("AAPL"), "150.25", Instant.parse("2026-11-30T18:00:00Z")))));

    assertThat(before).isZero();
    assertThat(meters.get("mds.ma.last.commit.timestamp").gauge().value())
        .isEqualTo(Instant.parse("2026-11-30T18:00:30Z").getEpochSecond());
  }

  @Test
  void givenTracedEvents_apply_passesTheirTracesToTheDelegate() {
    ApplyPriceEventsUseCase delegate = mock(ApplyPriceEventsUseCase.class);
    when(delegate.apply(any(), any())).thenReturn(CompletableFuture.completedFuture(List.of()));
    MeteredApplyPriceEvents metered =
        new MeteredApplyPriceEvents(
            delegate, new SimpleMeterRegistry(), new MutableClock(Instant.EPOCH));
    PriceEvent event =
        Samples.event(Symbol.of("AAPL"), "150.25", Instant.parse("2026-11-30T18:00:00Z"));
    Map<UUID, TraceContext> traces =
        Map.of(
            event.eventId(),
            TraceContext.lenient("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null));

    Await.result(metered.apply(List.of(event), traces));

    verify(delegate).apply(List.of(event), traces);
  }

  @Test
  void givenAFailedBatch_lastCommitGauge_staysWhereItWas() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T18:00:00Z"));
    ApplyPriceEventsUseCase delegate = mock(ApplyPriceEventsUseCase.class);
    when(delegate.apply(any(), any()))
        .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("database away")));
    MeteredApplyPriceEvents metered = new MeteredApplyPriceEvents(delegate, meters, clock);

    Await.failure(metered.apply(List.of()));

    assertThat(meters.get("mds.ma.last.commit.timestamp").gauge().value()).isZero();
  }
}
