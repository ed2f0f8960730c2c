package dev.marketdata.domain.model;

import java.util.List;

/**
 * One read of an outbox after a relay's position, all from one database snapshot (ADR 0016): the
 * rows above the position up to {@code finalId}, ascending by id and at most the limit asked for;
 * {@code finalId}, the highest observed id that this snapshot made final (the position itself when
 * none); the table's highest id {@code maxId} (0 when empty), a new observation together with the
 * snapshot's next transaction id {@code snapshotXnext}; and the snapshot's {@code xmin}.
 */
public record OutboxRead<E>(
    List<E> entries, long finalId, long maxId, long snapshotXmin, long snapshotXnext) {
  public OutboxRead {
    entries = List.copyOf(Required.field("entries", entries));
    if (snapshotXmin > snapshotXnext) {
      throw new IllegalArgumentException("xmin " + snapshotXmin + " above xnext " + snapshotXnext);
    }
  }

  /** What this read saw, to make its {@code maxId} final on a later read. */
  public OutboxObservation observation() {
    return new OutboxObservation(maxId, snapshotXnext);
  }
}
