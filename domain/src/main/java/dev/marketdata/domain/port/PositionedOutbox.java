package dev.marketdata.domain.port;

import dev.marketdata.domain.model.OutboxObservation;
import dev.marketdata.domain.model.OutboxRead;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * An outbox that one relay at a time reads in id order from a stored position (ADR 0016): the relay
 * that holds the outbox's lease leads, reads after its position, and moves the position past what
 * it published by compare-and-set, so a relay whose lease another took cannot move it. Rows are
 * never changed; everything above the position waits to be published.
 */
public interface PositionedOutbox<E> {
  /**
   * Takes or renews the lease for {@code owner} when it is free, expired (on the database's clock)
   * or already {@code owner}'s, and completes with the position it then leads from; empty when
   * another relay's lease is live (and nothing was written).
   */
  CompletionStage<OptionalLong> lead(String owner, Duration lease);

  /**
   * In one snapshot: the highest of the {@code observations} that the snapshot makes final (its
   * {@code xmin} at or above the observation's {@code xnext}; the read's own observation counts
   * too), up to {@code limit} rows above {@code position} and at or below that final id, ascending,
   * and the table's highest id as a new observation. Rows that may still have a lower id commit
   * before them are never read, so a relay reads each row once (ADR 0016).
   */
  CompletionStage<OutboxRead<E>> readFinal(
      long position, List<OutboxObservation> observations, int limit);

  /**
   * Moves the position from {@code from} to {@code to} and renews the lease, only while {@code
   * owner} holds the lease and the position is still {@code from}; false when it is not (another
   * relay took over, and this one must stop leading).
   */
  CompletionStage<Boolean> advance(String owner, long from, long to, Duration lease);

  /** Gives up {@code owner}'s lease, if it holds it, so another relay leads at once. */
  CompletionStage<Void> resign(String owner);

  /** The oldest rows above the position, without taking anything (for inspection). */
  CompletionStage<List<E>> unpublished(int limit);

  /** How many rows wait above the position. */
  CompletionStage<Long> depth();
}
