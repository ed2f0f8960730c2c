package dev.marketdata.domain.average;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Required;
import dev.marketdata.domain.model.Symbol;
import java.util.Comparator;

/**
 * Names one stored moving-average window: the newest {@code size} events of a symbol at a provider.
 */
public record WindowKey(Symbol symbol, ProviderId provider, int size)
    implements Comparable<WindowKey> {
  private static final Comparator<WindowKey> ORDER =
      Comparator.comparing(WindowKey::symbol)
          .thenComparing(WindowKey::provider)
          .thenComparingInt(WindowKey::size);

  public WindowKey {
    Required.field("symbol", symbol);
    Required.field("provider", provider);
    if (size < 1) {
      throw new InvalidInput("window", size, "must be at least 1");
    }
  }

  /** The window of this key before any event. */
  public MovingAverageWindow emptyWindow() {
    return MovingAverageWindow.empty(symbol, provider, size);
  }

  @Override
  public int compareTo(WindowKey other) {
    return ORDER.compare(this, other);
  }
}
