package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;

/** How long one HTTP call to a provider may take: to connect, between reads, and in total. */
public record Timeouts(Duration connect, Duration read, Duration call) {
  public static final Timeouts DEFAULT =
      new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10));

  public Timeouts {
    requirePositive("connectTimeout", connect);
    requirePositive("readTimeout", read);
    requirePositive("callTimeout", call);
  }

  private static void requirePositive(String field, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new InvalidInput(field, value, "must be a positive duration");
    }
  }
}
