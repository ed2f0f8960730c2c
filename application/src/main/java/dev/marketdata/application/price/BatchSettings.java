package dev.marketdata.application.price;

import dev.marketdata.domain.failure.InvalidInput;

/**
 * How many distinct symbols one batch request may ask for ({@code MDS_BATCH_MAX_SYMBOLS}), and how
 * many of them are served at once: each symbol is a single-quote request of its own (freshness,
 * single flight, fetch lease, budget), so the bound keeps one batch from taking every outbound
 * connection.
 */
public record BatchSettings(int maxSymbols, int concurrency) {
  public static final int DEFAULT_MAX_SYMBOLS = 100;
  public static final int DEFAULT_CONCURRENCY = 8;

  public BatchSettings {
    if (maxSymbols < 1) {
      throw new InvalidInput("maxSymbols", maxSymbols, "must be at least 1");
    }
    if (concurrency < 1) {
      throw new InvalidInput("concurrency", concurrency, "must be at least 1");
    }
  }

  public BatchSettings(int maxSymbols) {
    this(maxSymbols, DEFAULT_CONCURRENCY);
  }

  public static BatchSettings defaults() {
    return new BatchSettings(DEFAULT_MAX_SYMBOLS);
  }
}
