package dev.marketdata.application.live;

import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.LiveEventLog;
import dev.marketdata.domain.port.MovingAverageRepository;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.port.QuoteProviders;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a stream needs besides the feed: which provider it follows, the stored state it starts from
 * (no provider is called), and the events a resuming client missed.
 */
public final class LiveStreamService {
  /** Events per replay read. */
  public static final int REPLAY_PAGE = 500;

  /** The latest stored price and the stored averages of every window, per symbol followed. */
  public record Snapshot(List<PricePoint> prices, List<MovingAverage> averages) {}

  private final QuoteProviders providers;
  private final PricePointRepository prices;
  private final MovingAverageRepository averages;
  private final LiveEventLog log;
  private final LiveSettings settings;

  @Inject
  public LiveStreamService(
      QuoteProviders providers,
      PricePointRepository prices,
      MovingAverageRepository averages,
      LiveEventLog log,
      LiveSettings settings) {
    this.providers = providers;
    this.prices = prices;
    this.averages = averages;
    this.log = log;
    this.settings = settings;
  }

  public LiveSettings settings() {
    return settings;
  }

  /**
   * The provider named, or the default one; throws {@code InvalidInput} (field {@code provider})
   * for one that is not enabled. One enabled but unusable (a key missing) may still be followed.
   */
  public ProviderId provider(Optional<ProviderId> named) {
    if (named.isEmpty()) {
      return providers.defaultProvider();
    }
    try {
      providers.get(named.get());
    } catch (ProviderUnavailable notConfigured) {
      // Enabled: its stored data, if any, can still be streamed.
    }
    return named.get();
  }

  public CompletionStage<Snapshot> snapshot(Set<Symbol> symbols, ProviderId provider) {
    List<CompletableFuture<Optional<PricePoint>>> p = new ArrayList<>();
    List<CompletableFuture<Optional<MovingAverage>>> a = new ArrayList<>();
    for (Symbol symbol : symbols.stream().sorted().toList()) {
      p.add(prices.latest(symbol, provider).toCompletableFuture());
      for (int window : settings.averageWindows()) {
        a.add(averages.find(symbol, provider, window).toCompletableFuture());
      }
    }
    List<CompletableFuture<?>> all = new ArrayList<>(p);
    all.addAll(a);
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(
            done ->
                new Snapshot(
                    p.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList(),
                    a.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList()));
  }

  /** Whether a client that last saw {@code id} can be given what it missed. */
  public CompletionStage<Boolean> resumable(long id) {
    return log.resumable(id, settings.resumeWindow());
  }

  /** Up to {@link #REPLAY_PAGE} events with {@code after < id <= upTo} of these subjects. */
  public CompletionStage<List<LiveEvent>> replay(
      long after, long upTo, Set<Symbol> symbols, ProviderId provider) {
    return log.replay(after, upTo, symbols, provider, REPLAY_PAGE);
  }
}
