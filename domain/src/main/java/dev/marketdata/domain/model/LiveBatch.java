package dev.marketdata.domain.model;

import java.util.List;

/**
 * One read of the live log: the events after a position, ascending by id, as one database snapshot
 * saw them, with that snapshot's bounds ({@code xmin}: every transaction below it had finished;
 * {@code xmax}: every transaction that had started is below it). A gap in the ids is an event whose
 * transaction was still open or rolled back; it can no longer fill once a later read's {@code xmin}
 * reaches the {@code xmax} of the read that first saw the gap (ADR 0012).
 */
public record LiveBatch(List<LiveEvent> events, long snapshotXmin, long snapshotXmax) {
  public LiveBatch {
    events = List.copyOf(events);
    if (snapshotXmin > snapshotXmax) {
      throw new IllegalArgumentException("xmin " + snapshotXmin + " above xmax " + snapshotXmax);
    }
  }
}
