package dev.marketdata.bootstrap.metrics;

import dev.marketdata.application.price.LatestPriceObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Counts how latest-price requests were served ({@code mds_latest_price_requests_total}). */
public final class MeteredLatestPrice implements LatestPriceObserver {
  private final Map<Source, Counter> counters = new EnumMap<>(Source.class);

  public MeteredLatestPrice(MeterRegistry registry) {
    for (Source source : Source.values()) {
      counters.put(
          source,
          Counter.builder("mds.latest.price.requests")
              .description("Latest-price requests by how they were served")
              .tag("result", source.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
  }

  @Override
  public void served(Source source) {
    counters.get(source).increment();
  }
}
