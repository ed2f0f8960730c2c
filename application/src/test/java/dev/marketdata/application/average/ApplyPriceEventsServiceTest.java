package dev.marketdata.application.average;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anySet;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.TraceContext;
import dev.marketdata.domain.port.MovingAverageRepository;
import dev.marketdata.domain.port.OutboxDoorbell.Kind;
import dev.marketdata.domain.quality.QualityRules;
import dev.marketdata.testsupport.Await;
import dev.marketdata.testsupport.Samples;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ApplyPriceEventsServiceTest {
  private static final Instant T0 = Instant.parse("2026-11-30T18:00:00Z");

  private final MovingAverageRepository averages = mock(MovingAverageRepository.class);
  private final ApplyPriceEventsService service =
      new ApplyPriceEventsService(averages, AverageWindows.of(5, 20));

  @Test
  void givenAveragesApplied_apply_ringsTheAveragesRelay_afterTheCommit() {
    List<Kind> rings = new CopyOnWriteArrayList<>();
    ApplyPriceEventsService ringing =
        new ApplyPriceEventsService(
            averages, AverageWindows.of(5), QualityRules.defaults(), rings::add);
    CompletableFuture<List<MovingAverage>> commit = new CompletableFuture<>();
    when(averages.apply(anyList(), anySet(), any())).thenReturn(commit);
    PriceEvent event = Samples.event(Symbol.of("AAPL"), "150.25", T0);

    var applied = ringing.apply(List.of(event));
    assertThat(rings).isEmpty();
    commit.complete(List.of(mock(MovingAverage.class)));

    assertThat(Await.result(applied)).hasSize(1);
    assertThat(rings).containsExactly(Kind.AVERAGES);
  }

  @Test
  void givenNoAverageTouched_apply_ringsNothing() {
    List<Kind> rings = new CopyOnWriteArrayList<>();
    ApplyPriceEventsService ringing =
        new ApplyPriceEventsService(
            averages, AverageWindows.of(5), QualityRules.defaults(), rings::add);
    when(averages.apply(anyList(), anySet(), any()))
        .thenReturn(CompletableFuture.completedFuture(List.of()));

    Await.result(ringing.apply(List.of(Samples.event(Symbol.of("AAPL"), "150.25", T0))));

    assertThat(rings).isEmpty();
  }

  @Test
  void givenTracedEvents_apply_hasTheRepositoryKeepTheirTraces() {
    when(averages.apply(anyList(), anySet(), any()))
        .thenReturn(CompletableFuture.completedFuture(List.of()));
    PriceEvent event = Samples.event(Symbol.of("AAPL"), "150.25", T0);
    Map<UUID, TraceContext> traces =
        Map.of(
            event.eventId(),
            TraceContext.lenient("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null));

    Await.result(service.apply(List.of(event), traces));

    verify(averages).apply(List.of(event), AverageWindows.of(5, 20).sizes(), traces);
  }

  @Test
  void givenUntracedEvents_apply_passesNoTraces() {
    when(averages.apply(anyList(), anySet(), any()))
        .thenReturn(CompletableFuture.completedFuture(List.of()));
    PriceEvent event = Samples.event(Symbol.of("AAPL"), "150.25", T0);

    assertThat(Await.result(service.apply(List.of(event)))).isEmpty();

    verify(averages).apply(List.of(event), AverageWindows.of(5, 20).sizes(), Map.of());
  }
}
