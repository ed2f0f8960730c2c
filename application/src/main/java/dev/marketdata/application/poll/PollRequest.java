package dev.marketdata.application.poll;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A request to poll symbols at an interval from one provider (the default one when empty). Symbols
 * are de-duplicated, keeping the first occurrence's order.
 */
public record PollRequest(List<Symbol> symbols, Duration interval, Optional<ProviderId> provider) {
  public static final int MAX_SYMBOLS = 100;
  public static final Duration MAX_INTERVAL = Duration.ofDays(1);

  public PollRequest {
    if (symbols == null || symbols.isEmpty()) {
      throw new InvalidInput("symbols", symbols, "must name at least one symbol");
    }
    List<Symbol> distinct = new ArrayList<>(new LinkedHashSet<>(symbols));
    if (distinct.size() > MAX_SYMBOLS) {
      throw new InvalidInput("symbols", distinct.size(), "must name at most " + MAX_SYMBOLS);
    }
    symbols = List.copyOf(distinct);
    if (interval == null) {
      throw new InvalidInput("interval", null, "is required (whole seconds, at least 1)");
    }
    if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
      throw new InvalidInput(
          "interval", interval.toSeconds(), "must be between 1 and " + MAX_INTERVAL.toSeconds());
    }
    provider = provider == null ? Optional.empty() : provider;
  }
}
