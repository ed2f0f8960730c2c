package dev.marketdata.application.price;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;

/**
 * How long a fetched price is served again before the provider is asked anew, and how many (symbol,
 * provider) pairs the latest-price cache holds at most.
 */
public record LatestPriceSettings(Duration freshness, int cacheMaxEntries) {
  /** Far more pairs than a deployment polls, at a few hundred bytes each (tens of MB at most). */
  public static final int DEFAULT_CACHE_MAX_ENTRIES = 100_000;

  public LatestPriceSettings {
    if (freshness == null || freshness.isNegative()) {
      throw new InvalidInput("freshness", freshness, "must be zero or positive");
    }
    if (cacheMaxEntries < 1) {
      throw new InvalidInput("cacheMaxEntries", cacheMaxEntries, "must be at least 1");
    }
  }

  /** With the default cache bound. */
  public LatestPriceSettings(Duration freshness) {
    this(freshness, DEFAULT_CACHE_MAX_ENTRIES);
  }
}
