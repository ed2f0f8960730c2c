package dev.marketdata.application.price;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;

/**
 * How long a fetched price is served again before the provider is asked anew, how many (symbol,
 * provider) pairs the latest-price cache holds at most, and how replicas share a fetch: the fetch
 * lease (how long a claim on a pair lasts while its holder fetches, and so how long the other
 * replicas wait for it at most) and the name this replica claims under.
 */
public record LatestPriceSettings(
    Duration freshness, int cacheMaxEntries, Duration fetchLease, String owner) {
  /** Far more pairs than a deployment polls, at a few hundred bytes each (tens of MB at most). */
  public static final int DEFAULT_CACHE_MAX_ENTRIES = 100_000;

  /**
   * Longer than one provider call may take with the default timeouts and retries (3 × 10 s calls, 2
   * pauses of at most 2 s) plus the default 5 s wait to be stored; bootstrap derives the real one
   * from the configured values.
   */
  public static final Duration DEFAULT_FETCH_LEASE = Duration.ofSeconds(45);

  public LatestPriceSettings {
    if (freshness == null || freshness.isNegative()) {
      throw new InvalidInput("freshness", freshness, "must be zero or positive");
    }
    if (cacheMaxEntries < 1) {
      throw new InvalidInput("cacheMaxEntries", cacheMaxEntries, "must be at least 1");
    }
    if (fetchLease == null || fetchLease.isZero() || fetchLease.isNegative()) {
      throw new InvalidInput("fetchLease", fetchLease, "must be positive");
    }
    if (owner == null || owner.isBlank()) {
      throw new InvalidInput("owner", owner, "must not be blank");
    }
  }

  /** With the default fetch lease, under the name {@code local}. */
  public LatestPriceSettings(Duration freshness, int cacheMaxEntries) {
    this(freshness, cacheMaxEntries, DEFAULT_FETCH_LEASE, "local");
  }

  /** With the default cache bound and fetch lease, under the name {@code local}. */
  public LatestPriceSettings(Duration freshness) {
    this(freshness, DEFAULT_CACHE_MAX_ENTRIES);
  }
}
