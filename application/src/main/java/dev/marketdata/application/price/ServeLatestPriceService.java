package dev.marketdata.application.price;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.failure.Fallback;
import dev.marketdata.domain.failure.FallbackExhausted;
import dev.marketdata.domain.failure.MarketDataException;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProviders;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Walks a provider chain over {@link GetLatestPriceUseCase}: every attempt keeps the single-quote
 * rules (a fresh cached or stored price of that provider is served without a call, one fetch per
 * pair across replicas, the provider's budget), so a fresh price of the first provider never
 * touches the next. Each API replica decides for its own requests; nothing is shared but what the
 * single-quote rules already share (stored prices, fetch leases, budgets).
 */
public final class ServeLatestPriceService implements ServeLatestPriceUseCase {
  private final GetLatestPriceUseCase latest;
  private final QuoteProviders providers;
  private final FallbackSettings settings;
  private final LatestPriceObserver observer;

  @Inject
  public ServeLatestPriceService(
      GetLatestPriceUseCase latest,
      QuoteProviders providers,
      FallbackSettings settings,
      LatestPriceObserver observer) {
    this.latest = latest;
    this.providers = providers;
    this.settings = settings;
    this.observer = observer;
  }

  @Override
  public CompletionStage<ServedPrice> latest(Symbol symbol, Optional<ProviderChain> requested) {
    return Futures.defer(
        () -> {
          if (requested.isEmpty() && settings.fallbackProviders().isEmpty()) {
            // Exactly the request of before fallback existed: the default provider, asked as such.
            return latest.latest(symbol, Optional.empty()).thenApply(ServedPrice::direct);
          }
          if (requested.isPresent() && requested.get().single()) {
            return latest
                .latest(symbol, Optional.of(requested.get().first()))
                .thenApply(ServedPrice::direct);
          }
          ProviderChain chain = requested.orElseGet(this::defaultChain);
          checkKnown(chain);
          return attempt(symbol, chain, 0, new ArrayList<>());
        });
  }

  /** The default provider, then the configured fallbacks (bootstrap keeps the default out). */
  private ProviderChain defaultChain() {
    List<ProviderId> list = new ArrayList<>();
    list.add(providers.defaultProvider());
    settings.fallbackProviders().stream().filter(p -> !list.contains(p)).forEach(list::add);
    return new ProviderChain(list);
  }

  /**
   * A name that is not an enabled provider is the request's mistake, reported before any provider
   * is asked; one that is enabled but cannot be used (no key) is the provider's, and falls back.
   */
  private void checkKnown(ProviderChain chain) {
    for (ProviderId id : chain.providers()) {
      try {
        providers.get(id);
      } catch (ProviderUnavailable notConfigured) {
        // asked in turn below, where it fails and the chain moves on
      }
    }
  }

  private CompletionStage<ServedPrice> attempt(
      Symbol symbol, ProviderChain chain, int index, List<MarketDataException> failures) {
    ProviderId provider = chain.providers().get(index);
    return Futures.defer(() -> latest.latest(symbol, Optional.of(provider)))
        .handle(
            (point, failure) -> {
              if (failure == null) {
                return CompletableFuture.completedFuture(
                    new ServedPrice(point, chain.providers().subList(0, index)));
              }
              Throwable cause = Futures.unwrap(failure);
              if (!(cause instanceof MarketDataException domain)) {
                return CompletableFuture.<ServedPrice>failedFuture(cause); // a bug: never hidden
              }
              failures.add(domain);
              boolean more = index + 1 < chain.providers().size();
              if (more && Fallback.eligible(domain)) {
                observer.fellBack(provider, chain.providers().get(index + 1));
                return attempt(symbol, chain, index + 1, failures);
              }
              return CompletableFuture.<ServedPrice>failedFuture(
                  failures.size() == 1 ? domain : new FallbackExhausted(failures));
            })
        .thenCompose(stage -> stage);
  }
}
