package dev.marketdata.application.price;

import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import java.util.List;
import java.util.Objects;

/**
 * A latest price as served: the point (whose provider is the one that served it) and the providers
 * tried before it that failed, in order; empty when the first provider asked served it.
 */
public record ServedPrice(PricePoint point, List<ProviderId> fallbackFrom) {
  public ServedPrice {
    Objects.requireNonNull(point, "point");
    fallbackFrom = List.copyOf(fallbackFrom);
  }

  /** Served by the first provider asked. */
  public static ServedPrice direct(PricePoint point) {
    return new ServedPrice(point, List.of());
  }

  public boolean fellBack() {
    return !fallbackFrom.isEmpty();
  }
}
