package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;

import dev.marketdata.domain.model.OutboxObservation;
import dev.marketdata.domain.model.OutboxRead;
import dev.marketdata.domain.port.PositionedOutbox;
import dev.marketdata.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an outbox as a relay does, sending each read's observation with the next, until the read is
 * final up to the highest id it saw (another transaction on the server may hold the snapshot's xmin
 * back for a moment, even when the rows written were committed).
 */
final class FinalReads {
  private FinalReads() {}

  static <E> OutboxRead<E> readWhenFinal(PositionedOutbox<E> outbox, long position, int limit) {
    List<OutboxObservation> seen = new ArrayList<>();
    List<OutboxRead<E>> last = new ArrayList<>();
    Await.until(
        "the rows above the position are final",
        Duration.ofSeconds(10),
        () -> {
          OutboxRead<E> read = result(outbox.readFinal(position, seen, limit));
          seen.add(read.observation());
          last.add(read);
          return read.finalId() >= read.maxId();
        });
    return last.get(last.size() - 1);
  }
}
