package dev.marketdata.application.bar;

import java.time.Duration;

/**
 * How long after a bucket's end its bars are closed: quotes are stamped with their quote time, so
 * points of a bucket still arrive for a while after it ends.
 */
public record BarCloseSettings(Duration grace) {
  public BarCloseSettings {
    if (grace == null || grace.isNegative()) {
      throw new IllegalArgumentException("grace must be zero or positive, was " + grace);
    }
  }
}
