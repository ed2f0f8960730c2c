package dev.marketdata.bootstrap.metrics;

import dev.marketdata.application.average.ApplyPriceEventsUseCase;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Records, for every applied event, how long after its quote time its average was committed ({@code
 * mds_ma_freshness_seconds}).
 */
public final class MeteredApplyPriceEvents implements ApplyPriceEventsUseCase {
  private final ApplyPriceEventsUseCase delegate;
  private final Clock clock;
  private final Timer freshness;

  public MeteredApplyPriceEvents(
      ApplyPriceEventsUseCase delegate, MeterRegistry registry, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
    this.freshness =
        Timer.builder("mds.ma.freshness")
            .description("Quote time to moving average committed")
            .publishPercentileHistogram()
            .register(registry);
  }

  @Override
  public CompletionStage<List<MovingAverage>> apply(List<PriceEvent> events) {
    return delegate
        .apply(events)
        .thenApply(
            averages -> {
              long now = clock.millis();
              for (PriceEvent event : events) {
                long lag = now - event.timestamp().toEpochMilli();
                freshness.record(Duration.ofMillis(Math.max(0, lag)));
              }
              return averages;
            });
  }
}
