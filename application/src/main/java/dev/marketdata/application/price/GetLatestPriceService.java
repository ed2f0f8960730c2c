package dev.marketdata.application.price;

import dev.marketdata.application.ingest.IngestQuoteUseCase;
import dev.marketdata.application.support.Delay;
import dev.marketdata.application.support.Futures;
import dev.marketdata.application.support.SingleFlight;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.FetchLeases;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Latest price with a freshness window: this process's cache, then the database (another replica
 * may have fetched it), then one provider call per (symbol, provider) across every replica. In this
 * process, concurrent requests for a pair share one load; across replicas, the load that claims the
 * pair's {@link FetchLeases lease} fetches, and the others re-read the stored price until its fetch
 * is stored (ADR 0007).
 */
public final class GetLatestPriceService implements GetLatestPriceUseCase {
  /** The first pause of a replica waiting for another's fetch; each next one doubles, up to MAX. */
  static final Duration FIRST_RECHECK = Duration.ofMillis(20);

  /**
   * How late at most a waiting replica sees a stored price, and so how often it looks (a stored
   * read and a claim each time) while a slow fetch lasts.
   */
  static final Duration MAX_RECHECK = Duration.ofMillis(100);

  private record Key(Symbol symbol, ProviderId provider) {}

  private final QuoteProviders providers;
  private final PricePointRepository points;
  private final IngestQuoteUseCase ingest;
  private final LatestPriceCache cache;
  private final FetchLeases leases;
  private final Delay delay;
  private final Clock clock;
  private final LatestPriceSettings settings;
  private final LatestPriceObserver observer;
  private final SingleFlight<Key, PricePoint> loads = new SingleFlight<>();

  @Inject
  public GetLatestPriceService(
      QuoteProviders providers,
      PricePointRepository points,
      IngestQuoteUseCase ingest,
      LatestPriceCache cache,
      FetchLeases leases,
      Delay delay,
      Clock clock,
      LatestPriceSettings settings,
      LatestPriceObserver observer) {
    this.providers = providers;
    this.points = points;
    this.ingest = ingest;
    this.cache = cache;
    this.leases = leases;
    this.delay = delay;
    this.clock = clock;
    this.settings = settings;
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
          Key key = new Key(symbol, providerId);
          return loads.run(key, () -> load(key, provider));
        });
  }

  private CompletionStage<PricePoint> load(Key key, QuoteProvider provider) {
    if (settings.freshness().isZero()) {
      // Nothing stored can be fresh, and every request is to reach the provider: no read, no lease.
      return fetch(key, provider);
    }
    return storedOrLeased(key, provider, null, FIRST_RECHECK);
  }

  /**
   * The stored price when it is fresh; else, when this replica wins the pair's lease, a fetch;
   * else, after {@code pause}, the same again. The waiting ends at the first look past {@code
   * deadline}, one fetch lease after the first refused claim: by then the lease that refused it has
   * ended, so only another replica's newer claim can still refuse this one.
   */
  private CompletionStage<PricePoint> storedOrLeased(
      Key key, QuoteProvider provider, Instant deadline, Duration pause) {
    return points
        .latest(key.symbol(), key.provider())
        .thenCompose(
            stored -> {
              if (stored.isPresent() && fresh(stored.get())) {
                cache.offer(stored.get());
                observer.served(LatestPriceObserver.Source.STORED);
                return CompletableFuture.completedFuture(stored.get());
              }
              return leases
                  .claim(key.symbol(), key.provider(), settings.owner(), settings.fetchLease())
                  .thenCompose(
                      won ->
                          won
                              ? fetchUnderLease(key, provider)
                              : waitForHolder(key, provider, deadline, pause));
            });
  }

  private CompletionStage<PricePoint> waitForHolder(
      Key key, QuoteProvider provider, Instant deadline, Duration pause) {
    Instant now = clock.instant();
    Instant until = deadline != null ? deadline : now.plus(settings.fetchLease());
    if (now.isAfter(until)) {
      return CompletableFuture.failedFuture(
          new ProviderUnavailable(
              key.provider().value(),
              ProviderUnavailable.Kind.TIMEOUT,
              "another replica's fetch of "
                  + key.symbol().value()
                  + " was not stored within "
                  + settings.fetchLease().toMillis()
                  + " ms",
              null));
    }
    Duration next = min(pause.multipliedBy(2), MAX_RECHECK);
    return delay.after(pause).thenCompose(ignored -> storedOrLeased(key, provider, until, next));
  }

  /**
   * Fetches and stores while holding the lease. A stored price keeps the lease for as long as it is
   * fresh, so no replica calls again within its window; a failure releases it at once, so a waiting
   * replica may try in turn. A release that fails leaves the lease to expire.
   */
  private CompletionStage<PricePoint> fetchUnderLease(Key key, QuoteProvider provider) {
    return Futures.defer(() -> fetch(key, provider))
        .handle(
            (point, failure) -> {
              Duration keep = failure == null ? freshFor(point) : Duration.ZERO;
              CompletionStage<PricePoint> outcome =
                  failure == null
                      ? CompletableFuture.completedFuture(point)
                      : CompletableFuture.failedFuture(Futures.unwrap(failure));
              return Futures.defer(
                      () -> leases.release(key.symbol(), key.provider(), settings.owner(), keep))
                  .handle((released, releaseFailure) -> null)
                  .thenCompose(ignored -> outcome);
            })
        .thenCompose(outcome -> outcome);
  }

  private CompletionStage<PricePoint> fetch(Key key, QuoteProvider provider) {
    observer.served(LatestPriceObserver.Source.FETCHED);
    return provider.fetch(key.symbol()).thenCompose(ingest::ingest);
  }

  private boolean fresh(PricePoint point) {
    return !point.fetchedAt().plus(settings.freshness()).isBefore(clock.instant());
  }

  /** How much longer {@code point} is fresh; zero when it no longer is. */
  private Duration freshFor(PricePoint point) {
    Duration left = Duration.between(clock.instant(), point.fetchedAt().plus(settings.freshness()));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
