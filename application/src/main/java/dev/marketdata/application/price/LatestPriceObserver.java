package dev.marketdata.application.price;

import dev.marketdata.domain.model.ProviderId;

/** Told how each latest-price request was served, so the serving mix can be measured. */
public interface LatestPriceObserver {
  /** Where a latest price came from. */
  enum Source {
    CACHE_HIT,
    STORED,
    FETCHED
  }

  void served(Source source);

  /**
   * A provider chain moved on from {@code from}, which failed in a way that allows a fallback, to
   * {@code to}; counted whether or not {@code to} then serves.
   */
  default void fellBack(ProviderId from, ProviderId to) {}

  /** An observer that ignores everything. */
  static LatestPriceObserver none() {
    return source -> {};
  }
}
