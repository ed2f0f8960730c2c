package dev.marketdata.application.price;

/** Told how each latest-price request was served, so the serving mix can be measured. */
public interface LatestPriceObserver {
  /** Where a latest price came from. */
  enum Source {
    CACHE_HIT,
    STORED,
    FETCHED
  }

  void served(Source source);

  /** An observer that ignores everything. */
  static LatestPriceObserver none() {
    return source -> {};
  }
}
