package dev.marketdata.application.price;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;

/** How long a fetched price is served again before the provider is asked anew. */
public record LatestPriceSettings(Duration freshness) {
  public LatestPriceSettings {
    if (freshness == null || freshness.isNegative()) {
      throw new InvalidInput("freshness", freshness, "must be zero or positive");
    }
  }
}
