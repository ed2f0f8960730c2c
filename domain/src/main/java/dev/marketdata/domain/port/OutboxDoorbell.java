package dev.marketdata.domain.port;

/**
 * Tells this process's relay of an outbox that rows were just committed to it, so it publishes them
 * now rather than on its next timed step. Ring only after the commit (the relay must find the
 * rows); ringing is cheap, never fails, and does nothing when no relay of that outbox runs here (a
 * relay in another process finds the rows on its own timer).
 */
public interface OutboxDoorbell {
  /** Which outbox: each has its own relay. */
  enum Kind {
    /** Price events, for price-events. */
    PRICES,
    /** Changed averages, for price-averages. */
    AVERAGES,
    /** Closed bars, for price-bars. */
    BARS
  }

  /** Wakes this process's relay of the {@code kind} outbox, if one runs here; returns at once. */
  void ring(Kind kind);

  /** A doorbell no relay listens to: for processes and tests without one. */
  static OutboxDoorbell none() {
    return kind -> {};
  }
}
