package dev.marketdata.application.poll;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;

/**
 * When polling waits for the pipeline behind it (ADR 0017).
 *
 * @param high a chunk waits while the backlog is at or above this many events; 0 turns waiting off
 * @param low once waiting, chunks go again when the backlog is at or below this (hysteresis)
 * @param checkEvery how often the backlog is read at most, per replica
 */
public record BackpressureSettings(long high, long low, Duration checkEvery) {
  public BackpressureSettings {
    if (high < 0) {
      throw new InvalidInput("high", high, "must be zero (off) or positive");
    }
    if (low < 0) {
      throw new InvalidInput("low", low, "must be zero or positive");
    }
    if (high > 0 && low >= high) {
      throw new InvalidInput("low", low, "must be below high (" + high + ")");
    }
    if (checkEvery == null || checkEvery.isZero() || checkEvery.isNegative()) {
      throw new InvalidInput("checkEvery", checkEvery, "must be positive");
    }
  }

  /** Never waits. */
  public static BackpressureSettings off() {
    return new BackpressureSettings(0, 0, Duration.ofMillis(500));
  }

  boolean enabled() {
    return high > 0;
  }
}
