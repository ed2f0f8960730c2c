package dev.marketdata.application.relay;

import java.time.Duration;

/**
 * Hears the relays' leadership changes and long waits (ADR 0016), for the logs; the application has
 * no logger of its own.
 */
public interface RelayListener {
  /** Hears nothing (tests). */
  RelayListener NONE = new RelayListener() {};

  /** This relay took the lease of {@code outbox} and publishes from {@code position}. */
  default void leading(String outbox, long position) {}

  /**
   * This relay lost the lease of {@code outbox} ({@code whilePublishing}: its last batch may
   * repeat).
   */
  default void lostLease(String outbox, boolean whilePublishing) {}

  /** This relay gave the lease of {@code outbox} up (graceful stop). */
  default void resigned(String outbox) {}

  /**
   * Rows above {@code position} have waited {@code waited} for an open transaction that may still
   * commit a lower id; reported once per wait.
   */
  default void waiting(String outbox, long position, Duration waited) {}
}
