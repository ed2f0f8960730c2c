package dev.marketdata.bootstrap.runtime;

import java.time.Duration;

/**
 * One point in time that every step of a shutdown shares, so the steps together never take longer
 * than the configured timeout (each asks what is left instead of getting a timeout of its own).
 */
public final class Deadline {
  private final long atNanos;

  private Deadline(long atNanos) {
    this.atNanos = atNanos;
  }

  /** A deadline {@code timeout} from now. */
  public static Deadline in(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  /** The later of this deadline and {@code floor} from now. */
  public Deadline atLeast(Duration floor) {
    long floorAt = System.nanoTime() + floor.toNanos();
    return floorAt - atNanos > 0 ? new Deadline(floorAt) : this;
  }

  /** Time left, zero once passed. */
  public Duration remaining() {
    long left = atNanos - System.nanoTime();
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  /** Time left in whole milliseconds, at least 1 so that it can be passed as a wait. */
  public long millisLeft() {
    return Math.max(1, remaining().toMillis());
  }

  public boolean passed() {
    return atNanos - System.nanoTime() <= 0;
  }
}
