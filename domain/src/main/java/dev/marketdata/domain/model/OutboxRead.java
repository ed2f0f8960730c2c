package dev.marketdata.domain.model;

import java.util.List;

/**
 * One read of an outbox after a relay's position: the rows, ascending by id, as one database
 * snapshot saw them, with that snapshot's {@code xmin} and the next transaction id {@code xnext}
 * read while it ran; a read's highest id is final once a later read's {@code xmin} reaches its
 * {@code xnext} (the gap rule of ADR 0012, which ADR 0016 applies to the relays).
 */
public record OutboxRead<E>(List<E> entries, long snapshotXmin, long snapshotXnext) {
  public OutboxRead {
    entries = List.copyOf(Required.field("entries", entries));
    if (snapshotXmin > snapshotXnext) {
      throw new IllegalArgumentException("xmin " + snapshotXmin + " above xnext " + snapshotXnext);
    }
  }
}
