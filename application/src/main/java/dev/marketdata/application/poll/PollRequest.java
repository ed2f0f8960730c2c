package dev.marketdata.application.poll;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.market.MarketHours;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A request to poll symbols at an interval from an ordered provider chain (the default provider
 * alone when empty), during the market hours it names ({@code always} when null). Symbols are
 * de-duplicated, keeping the first occurrence's order.
 */
public record PollRequest(
    List<Symbol> symbols,
    Duration interval,
    Optional<ProviderChain> providers,
    MarketHours marketHours) {
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
    providers = providers == null ? Optional.empty() : providers;
    marketHours = marketHours == null ? MarketHours.ALWAYS : marketHours;
  }

  /** One provider (or the default), at any hour: the request as it was before market hours. */
  public PollRequest(List<Symbol> symbols, Duration interval, Optional<ProviderId> provider) {
    this(
        symbols,
        interval,
        provider == null ? Optional.empty() : provider.map(ProviderChain::of),
        MarketHours.ALWAYS);
  }
}
