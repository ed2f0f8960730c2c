package dev.marketdata.bootstrap.metrics;

import dev.marketdata.application.price.LatestPriceObserver;
import dev.marketdata.domain.model.ProviderId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts how latest-price requests were served ({@code mds_latest_price_requests_total}) and how
 * often a provider chain moved on from one provider to the next ({@code
 * mds_provider_fallbacks_total{from,to}}).
 */
public final class MeteredLatestPrice implements LatestPriceObserver {
  private final Map<Source, Counter> counters = new EnumMap<>(Source.class);
  private final MeterRegistry registry;

  public MeteredLatestPrice(MeterRegistry registry) {
    this.registry = registry;
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

  /** Tags are provider names, a handful of values: the registry keeps one counter per pair. */
  @Override
  public void fellBack(ProviderId from, ProviderId to) {
    Counter.builder("mds.provider.fallbacks")
        .description("Latest-price requests that moved on from one provider of a chain to the next")
        .tag("from", from.value())
        .tag("to", to.value())
        .register(registry)
        .increment();
  }
}
