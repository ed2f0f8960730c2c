package dev.marketdata.adapter.persistence;

import dev.marketdata.application.ingest.IngestQuoteService;
import dev.marketdata.application.price.FallbackSettings;
import dev.marketdata.application.price.GetLatestPriceService;
import dev.marketdata.application.price.LatestPriceCache;
import dev.marketdata.application.price.LatestPriceObserver;
import dev.marketdata.application.price.LatestPriceSettings;
import dev.marketdata.application.price.ServeLatestPriceService;
import dev.marketdata.application.support.Delay;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.HistoryPage;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.FetchLeases;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.testsupport.Await;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One API replica's latest-price path as the service wires it: its own pool on the shared database,
 * its own cache and single flight, the PostgreSQL repositories and fetch leases, and real timers.
 * Counts its stored-price reads.
 */
final class LatestPriceReplica implements AutoCloseable {
  /** Real timers, as the service's Vert.x ones: the waiting replica's pauses. */
  static final Delay TIMERS =
      wait ->
          CompletableFuture.runAsync(
              () -> {}, CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS));

  final GetLatestPriceService service;

  /** The provider chain over {@link #service}, with no configured fallback. */
  final ServeLatestPriceService chain;

  private final Pool pool;
  private final AtomicInteger storedReads = new AtomicInteger();

  /**
   * @param leases given this replica's pool; {@link PgFetchLeases#PgFetchLeases} for the service as
   *     it is, or a stand-in that lets every claim win for the service as it was before leases
   */
  LatestPriceReplica(
      String name,
      PgTestStore store,
      QuoteProvider provider,
      Duration freshness,
      Function<Pool, FetchLeases> leases) {
    this(name, store, List.of(provider), freshness, leases);
  }

  /** Asking each of {@code providers} by its id; the first is the default. */
  LatestPriceReplica(
      String name,
      PgTestStore store,
      List<QuoteProvider> providers,
      Duration freshness,
      Function<Pool, FetchLeases> leases) {
    this.pool = store.newPool();
    LatestPriceCache cache = new LatestPriceCache();
    this.service =
        new GetLatestPriceService(
            providers(providers),
            counted(new PgPricePointRepository(pool)),
            new IngestQuoteService(new PgIngestionRepository(pool), cache),
            cache,
            leases.apply(pool),
            TIMERS,
            Clock.systemUTC(),
            new LatestPriceSettings(freshness, 1000, Duration.ofSeconds(10), name),
            LatestPriceObserver.none());
    this.chain =
        new ServeLatestPriceService(
            service, providers(providers), FallbackSettings.none(), LatestPriceObserver.none());
  }

  /** Leases that every claim wins: each replica fetches on its own, as before leases existed. */
  static FetchLeases noLeases(Pool pool) {
    return new FetchLeases() {
      @Override
      public CompletionStage<Boolean> claim(
          Symbol symbol, ProviderId provider, String owner, Duration lease) {
        return CompletableFuture.completedFuture(true);
      }

      @Override
      public CompletionStage<Void> release(
          Symbol symbol, ProviderId provider, String owner, Duration after) {
        return CompletableFuture.completedFuture(null);
      }
    };
  }

  CompletionStage<PricePoint> latest(Symbol symbol) {
    return service.latest(symbol, Optional.of(ProviderId.FINNHUB));
  }

  int storedReads() {
    return storedReads.get();
  }

  private PricePointRepository counted(PricePointRepository repository) {
    return new PricePointRepository() {
      @Override
      public CompletionStage<Optional<PricePoint>> latest(Symbol symbol, ProviderId provider) {
        return repository
            .latest(symbol, provider)
            .whenComplete((point, failure) -> storedReads.incrementAndGet());
      }

      @Override
      public CompletionStage<HistoryPage> history(HistoryQuery query) {
        return repository.history(query);
      }

      @Override
      public CompletionStage<List<PricePoint>> newest(
          Symbol symbol, ProviderId provider, int count) {
        return repository.newest(symbol, provider, count);
      }
    };
  }

  private static QuoteProviders providers(List<QuoteProvider> providers) {
    return new QuoteProviders() {
      @Override
      public ProviderId defaultProvider() {
        return providers.get(0).id();
      }

      @Override
      public QuoteProvider get(ProviderId id) {
        if (providers.size() == 1) {
          return providers.get(0);
        }
        return providers.stream()
            .filter(p -> p.id().equals(id))
            .findFirst()
            .orElseThrow(() -> new InvalidInput("provider", id, "is not enabled"));
      }

      @Override
      public List<ProviderStatus> statuses() {
        return providers.stream().map(QuoteProvider::status).toList();
      }
    };
  }

  @Override
  public void close() {
    Await.result(pool.close());
  }
}
