package dev.marketdata.application.relay;

import dev.marketdata.domain.model.OutboxObservation;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The gap rule of ADR 0012 applied to a relay's position (ADR 0016): outbox ids are drawn before
 * their transactions commit, so a read that sees id M may miss a lower id whose transaction is
 * still open. The relay keeps what its reads observed (the table's highest id M and the next xid X
 * of the read that first saw it); M is <em>final</em> for a snapshot whose {@code xmin >= X}, since
 * every id at or below M that will ever exist is then visible. The outbox read computes, in its own
 * snapshot, the highest final observation F and returns only the rows in (position, F], so rows are
 * read once they are final, and once. Nothing is skipped by a timeout. Not thread-safe: one relay
 * step at a time owns it.
 */
public final class RelayWatermark {
  /**
   * At most this many observations are kept: under a long transaction elsewhere on the server none
   * becomes final and a relay would otherwise add one per step; past the cap the newest is
   * replaced, which only makes its ids final later (never earlier), so it is safe.
   */
  static final int MAX_OBSERVATIONS = 64;

  /** An observation, with when it was first made. */
  private record Seen(OutboxObservation observation, Instant at) {
    long maxId() {
      return observation.maxId();
    }
  }

  /**
   * What a read lets the relay do.
   *
   * @param publish how many of the read's rows go out now (all of them: they are final)
   * @param position where the position moves once they are published
   * @param waiting whether observed ids above the new position are not final yet
   */
  public record Decision(int publish, long position, boolean waiting) {}

  private final Deque<Seen> observations = new ArrayDeque<>();

  /** What to send with the next read: every observation above the position, ascending. */
  public List<OutboxObservation> observations() {
    return observations.stream().map(Seen::observation).toList();
  }

  /**
   * Takes one read after {@code position}: {@code ids}, ascending, are the rows it returned (all in
   * (position, finalId], at most {@code limit}); {@code finalId} is the highest id its snapshot
   * made final; {@code seen} is its new observation (the table's highest id and the next xid).
   */
  public Decision accept(
      long position, long[] ids, int limit, long finalId, OutboxObservation seen, Instant now) {
    if (finalId < position) {
      throw new IllegalArgumentException("final id " + finalId + " below position " + position);
    }
    if (seen.maxId() > position
        && (observations.isEmpty() || observations.peekLast().maxId() < seen.maxId())) {
      // The first read that saw an id is the one that can make it final soonest.
      if (observations.size() >= MAX_OBSERVATIONS) {
        observations.removeLast();
      }
      observations.addLast(new Seen(seen, now));
    }
    boolean cut = ids.length > 0 && ids.length >= limit;
    // Cut by the limit, the final rows above the last one returned are still to read; otherwise the
    // read returned every row up to the final id, so the position may go there.
    long next = cut ? ids[ids.length - 1] : finalId;
    while (!observations.isEmpty() && observations.peekFirst().maxId() <= next) {
      observations.removeFirst();
    }
    return new Decision(ids.length, next, !cut && !observations.isEmpty());
  }

  /** Since when the oldest id observed above the position has waited to become final. */
  public Optional<Instant> waitingSince() {
    return observations.isEmpty() ? Optional.empty() : Optional.of(observations.peekFirst().at());
  }
}
