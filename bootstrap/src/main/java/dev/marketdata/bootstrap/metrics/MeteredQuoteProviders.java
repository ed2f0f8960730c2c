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
  private final ConcurrentHashMap<ProviderId, Meters> meters = new ConcurrentHashMap<>();

  public MeteredQuoteProviders(QuoteProviders delegate, MeterRegistry registry) {
    super(delegate);
    this.registry = registry;
  }

  @Override
  protected CompletionStage<FetchedQuote> fetch(QuoteProvider provider, Symbol symbol) {
    Meters m = meters.computeIfAbsent(provider.id(), Meters::new);
    Timer.Sample sample = Timer.start(registry);
    return provider
        .fetch(symbol)
        .whenComplete(
            (quote, failure) -> {
              sample.stop(m.timer);
              m.calls(outcome(failure)).increment();
            });
  }

  /**
   * One provider's timer and its counters by outcome, each registered once: the registry's lookup
   * by name and tags (builder, tag sort, id hash) per call was work on every fetch, which under the
   * driver is every request.
   */
  private final class Meters {
    private final ProviderId provider;
    private final Timer timer;
    private final ConcurrentHashMap<String, Counter> calls = new ConcurrentHashMap<>();

    Meters(ProviderId provider) {
      this.provider = provider;
      this.timer =
          Timer.builder("mds.provider.call")
              .description("Provider call latency, whatever the outcome")
              .tag("provider", provider.value())
              .publishPercentileHistogram()
              .register(registry);
    }

    Counter calls(String outcome) {
      Counter counter = calls.get(outcome);
      return counter != null ? counter : calls.computeIfAbsent(outcome, this::register);
    }

    private Counter register(String outcome) {
      return Counter.builder("mds.provider.calls")
          .description("Provider calls by outcome")
          .tag("provider", provider.value())
          .tag("outcome", outcome)
          .register(registry);
    }
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
