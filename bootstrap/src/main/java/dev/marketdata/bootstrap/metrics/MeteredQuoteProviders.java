package dev.marketdata.bootstrap.metrics;

import dev.marketdata.bootstrap.runtime.FetchDecorator;
import dev.marketdata.domain.failure.ProviderAuthFailure;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts and times every provider call by outcome ({@code mds_provider_calls_total}, {@code
 * mds_provider_call_seconds}), around whatever registry the adapters built.
 */
public final class MeteredQuoteProviders extends FetchDecorator {
  private final MeterRegistry registry;
  private final ConcurrentHashMap<ProviderId, Timer> timers = new ConcurrentHashMap<>();

  public MeteredQuoteProviders(QuoteProviders delegate, MeterRegistry registry) {
    super(delegate);
    this.registry = registry;
  }

  @Override
  protected CompletionStage<FetchedQuote> fetch(QuoteProvider provider, Symbol symbol) {
    Timer timer = timers.computeIfAbsent(provider.id(), this::timer);
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

  private Timer timer(ProviderId provider) {
    return Timer.builder("mds.provider.call")
        .description("Provider call latency, whatever the outcome")
        .tag("provider", provider.value())
        .publishPercentileHistogram()
        .register(registry);
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
}
