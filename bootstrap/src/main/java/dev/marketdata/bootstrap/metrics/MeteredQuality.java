package dev.marketdata.bootstrap.metrics;

import dev.marketdata.application.quality.QualityObserver;
import dev.marketdata.domain.model.ProviderId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts data-quality events per provider (ADR 0014): {@code mds_duplicate_quotes_total}, {@code
 * mds_suspect_prices_total} and {@code mds_stale_prices_served_total}. Each replica counts what it
 * ingested or served; the sum over replicas is the service's.
 */
public final class MeteredQuality implements QualityObserver {
  private final MeterRegistry registry;
  // Counters by provider, kept here: a stale price is counted on every answer that serves it (the
  // cached hot path when a session is open), and asking the registry by name and tags each time
  // was a look-up per request.
  private final Map<ProviderId, Counter> duplicates = new ConcurrentHashMap<>();
  private final Map<ProviderId, Counter> suspects = new ConcurrentHashMap<>();
  private final Map<ProviderId, Counter> staleServed = new ConcurrentHashMap<>();

  public MeteredQuality(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void duplicate(ProviderId provider) {
    counter(
            duplicates,
            "mds.duplicate.quotes",
            "Fetches that returned the newest stored quote again: raw response kept, no new point",
            provider)
        .increment();
  }

  @Override
  public void suspect(ProviderId provider) {
    counter(
            suspects,
            "mds.suspect.prices",
            "Prices stored suspect: too far from the previous non-suspect price",
            provider)
        .increment();
  }

  @Override
  public void staleServed(ProviderId provider) {
    counter(
            staleServed,
            "mds.stale.prices.served",
            "Prices served stale: quoted too long ago while the regular session is open",
            provider)
        .increment();
  }

  // Registered on a provider's first event; providers are a handful.
  private Counter counter(
      Map<ProviderId, Counter> counters, String name, String description, ProviderId provider) {
    Counter counter = counters.get(provider);
    if (counter == null) {
      counter =
          counters.computeIfAbsent(
              provider,
              p ->
                  Counter.builder(name)
                      .description(description)
                      .tag("provider", p.value())
                      .register(registry));
    }
    return counter;
  }
}
