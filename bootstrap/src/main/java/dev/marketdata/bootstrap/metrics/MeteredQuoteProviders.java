package dev.marketdata.bootstrap.metrics;

import dev.marketdata.domain.failure.ProviderAuthFailure;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.HistoryProvider;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts and times every provider call by outcome ({@code mds_provider_calls_total}, {@code
 * mds_provider_call_seconds}), around whatever registry the adapters built.
 */
public final class MeteredQuoteProviders implements QuoteProviders {
  private final QuoteProviders delegate;
  private final MeterRegistry registry;
  private final ConcurrentHashMap<ProviderId, QuoteProvider> metered = new ConcurrentHashMap<>();

  public MeteredQuoteProviders(QuoteProviders delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  @Override
  public ProviderId defaultProvider() {
    return delegate.defaultProvider();
  }

  @Override
  public QuoteProvider get(ProviderId id) {
    QuoteProvider provider = delegate.get(id); // failures (unknown, not configured) pass through
    return metered.computeIfAbsent(id, ignored -> new Metered(provider));
  }

  @Override
  public List<ProviderStatus> statuses() {
    return delegate.statuses();
  }

  @Override
  public CompletionStage<List<ProviderStatus>> currentStatuses() {
    return delegate.currentStatuses();
  }

  static String outcome(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t == null) {
      return "success";
    }
    if (t instanceof SymbolNotFound) {
      return "not_found";
    }
    if (t instanceof ProviderThrottled) {
      return "throttled";
    }
    if (t instanceof ProviderAuthFailure) {
      return "auth";
    }
    return "unavailable";
  }

  private final class Metered implements QuoteProvider {
    private final QuoteProvider provider;
    private final Timer timer;

    /** History calls pass through unmetered: backfill counts its own progress per job. */
    @Override
    public Optional<HistoryProvider> history() {
      return provider.history();
    }

    Metered(QuoteProvider provider) {
      this.provider = provider;
      this.timer =
          Timer.builder("mds.provider.call")
              .description("Provider call latency, whatever the outcome")
              .tag("provider", provider.id().value())
              .publishPercentileHistogram()
              .register(registry);
    }

    @Override
    public ProviderId id() {
      return provider.id();
    }

    @Override
    public CompletionStage<FetchedQuote> fetch(Symbol symbol) {
      Timer.Sample sample = Timer.start(registry);
      return provider
          .fetch(symbol)
          .whenComplete(
              (quote, failure) -> {
                sample.stop(timer);
                Counter.builder("mds.provider.calls")
                    .description("Provider calls by outcome")
                    .tag("provider", provider.id().value())
                    .tag("outcome", outcome(failure))
                    .register(registry)
                    .increment();
              });
    }

    @Override
    public ProviderStatus status() {
      return provider.status();
    }

    @Override
    public CompletionStage<ProviderStatus> currentStatus() {
      return provider.currentStatus();
    }
  }
}
