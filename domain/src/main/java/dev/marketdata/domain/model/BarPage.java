package dev.marketdata.domain.model;

import java.util.List;
import java.util.Optional;

/** One page of bars, oldest first; {@code next} is present when older bars remain in the range. */
public record BarPage(List<Bar> bars, Optional<BarCursor> next) {
  public BarPage {
    bars = List.copyOf(bars);
    next = next == null ? Optional.empty() : next;
  }

  public static BarPage empty() {
    return new BarPage(List.of(), Optional.empty());
  }
}
