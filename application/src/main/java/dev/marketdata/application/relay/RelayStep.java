package dev.marketdata.application.relay;

/**
 * What one relay step did: how many events it published, and whether to step again soon ({@code
 * pending}: the batch was full, or it saw rows that are not final yet and are worth re-reading at
 * once) rather than after the poll interval.
 */
public record RelayStep(int published, boolean pending) {
  /** Nothing published, nothing waiting: a follower's step, or an empty outbox. */
  public static final RelayStep IDLE = new RelayStep(0, false);

  public RelayStep {
    if (published < 0) {
      throw new IllegalArgumentException("published must not be negative, got " + published);
    }
  }
}
