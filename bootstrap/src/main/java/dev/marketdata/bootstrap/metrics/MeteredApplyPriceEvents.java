package dev.marketdata.bootstrap.metrics;

import dev.marketdata.application.average.ApplyPriceEventsUseCase;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.TraceContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records, for every applied event, how long after its quote time its average was committed ({@code
 * mds_ma_freshness_seconds}), and when a batch was last committed ({@code
 * mds_ma_last_commit_timestamp_seconds}, 0 before the first: the stale-averages alert compares it
 * with the time while poll jobs are active). One per consumer process; the alert takes the newest
 * over the consumer replicas.
 */
public final class MeteredApplyPriceEvents implements ApplyPriceEventsUseCase {
  private final ApplyPriceEventsUseCase delegate;
  private final Clock clock;
  private final Timer freshness;
  private final AtomicLong lastCommitMillis = new AtomicLong();

  public MeteredApplyPriceEvents(
      ApplyPriceEventsUseCase delegate, MeterRegistry registry, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
    this.freshness =
        Timer.builder("mds.ma.freshness")
            .description("Quote time to moving average committed")
            .publishPercentileHistogram()
            .register(registry);
    Gauge.builder("mds.ma.last.commit.timestamp", lastCommitMillis, m -> m.get() / 1000.0)
        .description("When this consumer last committed a batch of averages (epoch seconds)")
        .baseUnit("seconds")
        .register(registry);
  }

  @Override
  public CompletionStage<List<MovingAverage>> apply(List<PriceEvent> events) {
    return apply(events, Map.of());
  }

  @Override
  public CompletionStage<List<MovingAverage>> apply(
      List<PriceEvent> events, Map<UUID, TraceContext> traces) {
    return delegate
        .apply(events, traces)
        .thenApply(
            averages -> {
              long now = clock.millis();
              lastCommitMillis.set(now);
              for (PriceEvent event : events) {
                long lag = now - event.timestamp().toEpochMilli();
                freshness.record(Duration.ofMillis(Math.max(0, lag)));
              }
              return averages;
            });
  }
}
