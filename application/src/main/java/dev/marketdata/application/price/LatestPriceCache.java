package dev.marketdata.application.price;

import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest price point this process has seen per (symbol, provider), so fresh prices are served
 * without a database round trip. Only ever moves forward in {@link PriceEvent#ORDER}.
 */
@Singleton
public final class LatestPriceCache {
  private record Key(Symbol symbol, ProviderId provider) {}

  private final ConcurrentHashMap<Key, PricePoint> latest = new ConcurrentHashMap<>();

  @Inject
  public LatestPriceCache() {}

  public Optional<PricePoint> get(Symbol symbol, ProviderId provider) {
    return Optional.ofNullable(latest.get(new Key(symbol, provider)));
  }

  public void offer(PricePoint point) {
    latest.merge(
        new Key(point.symbol(), point.provider()),
        point,
        (held, offered) ->
            PriceEvent.ORDER.compare(offered.toEvent(), held.toEvent()) > 0 ? offered : held);
  }

  public int size() {
    return latest.size();
  }
}
