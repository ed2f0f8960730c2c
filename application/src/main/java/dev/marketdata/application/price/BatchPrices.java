package dev.marketdata.application.price;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a batch of symbols: the prices served and the symbols that could not be, each in
 * the order the request named them.
 */
public record BatchPrices(List<ServedPrice> prices, List<SymbolFailure> errors) {
  public BatchPrices {
    prices = List.copyOf(prices);
    errors = List.copyOf(errors);
  }

  /**
   * One symbol of a batch that was not served: the symbol as the request wrote it (it may not be a
   * valid symbol) and why.
   */
  public record SymbolFailure(String symbol, Throwable failure) {
    public SymbolFailure {
      Objects.requireNonNull(symbol, "symbol");
      Objects.requireNonNull(failure, "failure");
    }
  }
}
