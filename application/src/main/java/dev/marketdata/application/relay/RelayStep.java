package dev.marketdata.application.relay;

/**
 * What one relay step did: how many events it published, whether to step again at once ({@code
 * pending}: the batch was full, so more rows wait), and whether it saw rows that are not final yet
 * ({@code waiting}: their writers are committing, worth re-reading after a short pause rather than
 * after the poll interval).
 */
public record RelayStep(int published, boolean pending, boolean waiting) {
  /** Nothing published, nothing waiting: a follower's step, or an empty outbox. */
  public static final RelayStep IDLE = new RelayStep(0, false, false);

  /** A step that saw no rows waiting to become final. */
  public RelayStep(int published, boolean pending) {
    this(published, pending, false);
  }

  public RelayStep {
    if (published < 0) {
      throw new IllegalArgumentException("published must not be negative, got " + published);
    }
  }
}
