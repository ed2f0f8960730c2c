package dev.marketdata.domain.model;

import java.util.List;
import java.util.Optional;

/** One page of price history, newest first; {@code next} is present when more rows may follow. */
public record HistoryPage(List<PricePoint> prices, Optional<HistoryCursor> next) {
  public HistoryPage {
    prices = List.copyOf(prices);
    next = next == null ? Optional.empty() : next;
  }
}
