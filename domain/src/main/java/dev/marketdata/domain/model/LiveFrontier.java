package dev.marketdata.domain.model;

/**
 * How far the live log reaches in one database snapshot, without its events: the highest id the
 * snapshot sees, with the snapshot's bounds as in {@link LiveBatch}. Every id at or below {@code
 * maxId} is final (committed and visible, or never to be) once a later snapshot's {@code xmin}
 * reaches this one's {@code xmax}: the transaction that took such an id took its xid first, before
 * this snapshot (ADR 0012).
 */
public record LiveFrontier(long maxId, long snapshotXmin, long snapshotXmax) {
  public LiveFrontier {
    if (maxId < 0) {
      throw new IllegalArgumentException("maxId must not be negative, got " + maxId);
    }
    if (snapshotXmin > snapshotXmax) {
      throw new IllegalArgumentException("xmin " + snapshotXmin + " above xmax " + snapshotXmax);
    }
  }
}
