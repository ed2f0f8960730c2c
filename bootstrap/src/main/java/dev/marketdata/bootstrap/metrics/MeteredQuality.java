package dev.marketdata.bootstrap.metrics;

import dev.marketdata.application.quality.QualityObserver;
import dev.marketdata.domain.model.ProviderId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts data-quality events per provider (ADR 0014): {@code mds_duplicate_quotes_total}, {@code
 * mds_suspect_prices_total} and {@code mds_stale_prices_served_total}. Each replica counts what it
 * ingested or served; the sum over replicas is the service's.
 */
public final class MeteredQuality implements QualityObserver {
  private final MeterRegistry registry;

  public MeteredQuality(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void duplicate(ProviderId provider) {
    counter(
            "mds.duplicate.quotes",
            "Fetches that returned the newest stored quote again: raw response kept, no new point",
            provider)
        .increment();
  }

  @Override
  public void suspect(ProviderId provider) {
    counter(
            "mds.suspect.prices",
            "Prices stored suspect: too far from the previous non-suspect price",
            provider)
        .increment();
  }

  @Override
  public void staleServed(ProviderId provider) {
    counter(
            "mds.stale.prices.served",
            "Prices served stale: quoted too long ago while the regular session is open",
            provider)
        .increment();
  }

  // Registering returns the existing counter when there is one; providers are a handful.
  private Counter counter(String name, String description, ProviderId provider) {
    return Counter.builder(name)
        .description(description)
        .tag("provider", provider.value())
        .register(registry);
  }
}
