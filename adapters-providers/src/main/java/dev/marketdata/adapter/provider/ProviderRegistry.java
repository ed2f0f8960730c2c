package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;

/**
 * The enabled providers, built from {@link ProvidersConfig}. A provider that needs a key and has
 * none is listed as unavailable with the reason and never replaced by another one. Owns the shared
 * HTTP client and the retry scheduler, and releases them on {@link #close()}.
 */
public final class ProviderRegistry implements QuoteProviders, AutoCloseable {
  private final ProviderId defaultProvider;
  private final Map<ProviderId, QuoteProvider> usable = new LinkedHashMap<>();
  private final Map<ProviderId, ProviderStatus> unusable = new LinkedHashMap<>();
  private final List<ProviderId> order;
  private final OkHttpClient shared;
  private final ScheduledExecutorService scheduler;

  private ProviderRegistry(
      ProvidersConfig config, Clock clock, OutboundLimits outbound, Tracer tracer) {
    this.defaultProvider = config.defaultProvider();
    this.order = config.enabled();
    this.shared = ProviderClients.shared(tracer);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "provider-retry");
              thread.setDaemon(true);
              return thread;
            });
    for (ProviderId id : order) {
      if (id.equals(ProviderId.SIMULATED)) {
        usable.put(id, new SimulatedQuoteProvider(config.simulated(), clock, outbound.budgets()));
      } else if (id.equals(ProviderId.YAHOO)) {
        usable.put(id, new YahooQuoteProvider(config.yahoo(), shared, scheduler, clock, outbound));
      } else if (id.equals(ProviderId.ALPHA_VANTAGE)) {
        keyed(config.alphaVantage(), "ALPHA_VANTAGE_API_KEY")
            .ifPresent(
                c ->
                    usable.put(
                        id, new AlphaVantageQuoteProvider(c, shared, scheduler, clock, outbound)));
      } else if (id.equals(ProviderId.FINNHUB)) {
        keyed(config.finnhub(), "FINNHUB_API_KEY")
            .ifPresent(
                c ->
                    usable.put(
                        id, new FinnhubQuoteProvider(c, shared, scheduler, clock, outbound)));
      }
    }
  }

  /** With budgets and throttles counted and remembered by this process only. */
  public static ProviderRegistry create(ProvidersConfig config, Clock clock) {
    return create(config, clock, OutboundLimits.inMemory(clock));
  }

  /** With budgets and throttles kept in {@code outbound}, which may be shared by every replica. */
  public static ProviderRegistry create(
      ProvidersConfig config, Clock clock, OutboundLimits outbound) {
    return create(config, clock, outbound, OpenTelemetry.noop().getTracer("market-data-service"));
  }

  /** As above, each HTTP call to a provider recorded as a client span by {@code tracer}. */
  public static ProviderRegistry create(
      ProvidersConfig config, Clock clock, OutboundLimits outbound, Tracer tracer) {
    return new ProviderRegistry(config, clock, outbound, tracer);
  }

  private Optional<HttpProviderConfig> keyed(HttpProviderConfig config, String variable) {
    if (config.apiKey().isEmpty()) {
      unusable.put(
          config.id(),
          ProviderStatus.unavailable(config.id(), variable + " is not set", config.limits()));
    }
    return Optional.of(config).filter(c -> c.apiKey().isPresent());
  }

  @Override
  public ProviderId defaultProvider() {
    return defaultProvider;
  }

  @Override
  public QuoteProvider get(ProviderId id) {
    if (id == null) {
      throw new InvalidInput("provider", null, "is required");
    }
    QuoteProvider provider = usable.get(id);
    if (provider != null) {
      return provider;
    }
    ProviderStatus status = unusable.get(id);
    if (status != null) {
      throw new ProviderUnavailable(
          id.value(),
          ProviderUnavailable.Kind.NOT_CONFIGURED,
          status.unavailableReason().orElse("not configured"),
          null);
    }
    throw new InvalidInput("provider", id, "is not an enabled provider (enabled: " + order + ")");
  }

  @Override
  public List<ProviderStatus> statuses() {
    List<ProviderStatus> statuses = new ArrayList<>(order.size());
    for (ProviderId id : order) {
      QuoteProvider provider = usable.get(id);
      statuses.add(provider != null ? provider.status() : unusable.get(id));
    }
    return statuses;
  }

  /** Every usable provider's budget asked at once; the unusable ones as configured. */
  @Override
  public CompletionStage<List<ProviderStatus>> currentStatuses() {
    List<CompletableFuture<ProviderStatus>> each = new ArrayList<>(order.size());
    for (ProviderId id : order) {
      QuoteProvider provider = usable.get(id);
      each.add(
          provider != null
              ? provider.currentStatus().toCompletableFuture()
              : CompletableFuture.completedFuture(unusable.get(id)));
    }
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    ProviderClients.close(shared);
  }
}
