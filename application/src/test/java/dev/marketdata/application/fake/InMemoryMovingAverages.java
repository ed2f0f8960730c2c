package dev.marketdata.application.fake;

import static dev.marketdata.application.fake.InMemoryMarketDataStore.micros;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.average.MovingAverageWindow;
import dev.marketdata.domain.average.WindowFold;
import dev.marketdata.domain.average.WindowKey;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.MovingAverageRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The in-memory stand-in for {@code PgMovingAverageRepository}, held honest by {@code
 * MovingAverageRepositoryContract}: windows in a map, each batch folded by {@link WindowFold} and
 * kept all or nothing. Like PostgreSQL it keeps quote times to the microsecond. Thread-safe.
 */
public final class InMemoryMovingAverages implements MovingAverageRepository {
  private final Map<WindowKey, MovingAverageWindow> windows = new HashMap<>();

  @Override
  public synchronized CompletionStage<List<MovingAverage>> apply(
      List<PriceEvent> events, Set<Integer> windowSizes) {
    return Futures.defer(
        () -> {
          List<PriceEvent> stored =
              events.stream()
                  .map(
                      e ->
                          new PriceEvent(
                              e.symbol(),
                              e.price(),
                              micros(e.timestamp()),
                              e.source(),
                              e.rawResponseId()))
                  .toList();
          WindowFold.Result folded = WindowFold.of(stored, windowSizes).applyTo(windows);
          folded.changed().forEach(u -> windows.put(u.window().key(), u.window()));
          return CompletableFuture.completedFuture(folded.averages());
        });
  }

  @Override
  public synchronized CompletionStage<Optional<MovingAverage>> find(
      Symbol symbol, ProviderId provider, int windowSize) {
    MovingAverageWindow window = windows.get(new WindowKey(symbol, provider, windowSize));
    return CompletableFuture.completedFuture(window == null ? Optional.empty() : window.average());
  }

  /** Every stored average, in {@link WindowKey} order. */
  public synchronized SortedMap<WindowKey, MovingAverage> averages() {
    SortedMap<WindowKey, MovingAverage> out = new TreeMap<>();
    windows.forEach((key, window) -> window.average().ifPresent(a -> out.put(key, a)));
    return out;
  }
}
