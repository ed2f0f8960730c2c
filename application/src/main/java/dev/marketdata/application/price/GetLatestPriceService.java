package dev.marketdata.application.price;

import dev.marketdata.application.ingest.IngestQuoteUseCase;
import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Latest price with a freshness window: this process's cache, then the database (another replica
 * may have fetched it), then one provider call shared by every concurrent request for the same
 * (symbol, provider).
 */
public final class GetLatestPriceService implements GetLatestPriceUseCase {
  private record Key(Symbol symbol, ProviderId provider) {}

  private final QuoteProviders providers;
  private final PricePointRepository points;
  private final IngestQuoteUseCase ingest;
  private final LatestPriceCache cache;
  private final Clock clock;
  private final Duration freshness;
  private final LatestPriceObserver observer;
  private final ConcurrentHashMap<Key, CompletableFuture<PricePoint>> inFlight =
      new ConcurrentHashMap<>();

  @Inject
  public GetLatestPriceService(
      QuoteProviders providers,
      PricePointRepository points,
      IngestQuoteUseCase ingest,
      LatestPriceCache cache,
      Clock clock,
      LatestPriceSettings settings,
      LatestPriceObserver observer) {
    this.providers = providers;
    this.points = points;
    this.ingest = ingest;
    this.cache = cache;
    this.clock = clock;
    this.freshness = settings.freshness();
    this.observer = observer;
  }

  @Override
  public CompletionStage<PricePoint> latest(Symbol symbol, Optional<ProviderId> requested) {
    return Futures.defer(
        () -> {
          ProviderId providerId = requested.orElseGet(providers::defaultProvider);
          QuoteProvider provider = providers.get(providerId); // rejects unknown providers first
          Optional<PricePoint> cached = cache.get(symbol, providerId).filter(this::fresh);
          if (cached.isPresent()) {
            observer.served(LatestPriceObserver.Source.CACHE_HIT);
            return CompletableFuture.completedFuture(cached.get());
          }
          return singleFlight(new Key(symbol, providerId), provider);
        });
  }

  private CompletionStage<PricePoint> singleFlight(Key key, QuoteProvider provider) {
    CompletableFuture<PricePoint> mine = new CompletableFuture<>();
    CompletableFuture<PricePoint> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return running.minimalCompletionStage();
    }
    Futures.defer(() -> load(key, provider))
        .whenComplete(
            (point, failure) -> {
              inFlight.remove(key, mine);
              if (failure != null) {
                mine.completeExceptionally(Futures.unwrap(failure));
              } else {
                mine.complete(point);
              }
            });
    return mine.minimalCompletionStage();
  }

  private CompletionStage<PricePoint> load(Key key, QuoteProvider provider) {
    if (freshness.isZero()) { // nothing stored can be fresh: skip the query
      return fetch(key, provider);
    }
    return points
        .latest(key.symbol(), key.provider())
        .thenCompose(
            stored -> {
              if (stored.isPresent() && fresh(stored.get())) {
                cache.offer(stored.get());
                observer.served(LatestPriceObserver.Source.STORED);
                return CompletableFuture.completedFuture(stored.get());
              }
              return fetch(key, provider);
            });
  }

  private CompletionStage<PricePoint> fetch(Key key, QuoteProvider provider) {
    observer.served(LatestPriceObserver.Source.FETCHED);
    return provider.fetch(key.symbol()).thenCompose(ingest::ingest);
  }

  private boolean fresh(PricePoint point) {
    return !point.fetchedAt().plus(freshness).isBefore(clock.instant());
  }
}
