package dev.marketdata.application.relay;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The gap rule of ADR 0012 applied to a relay's position (ADR 0016): outbox ids are drawn before
 * their transactions commit, so a read that sees id M may miss a lower id whose transaction is
 * still open. M is <em>final</em> once a read has {@code xmin >= X}, X being the next transaction
 * id of the read that first saw M: every id at or below M that will ever exist is then visible. The
 * relay publishes only rows at or below the highest final id and never moves its position past an
 * id that could still commit; nothing is skipped by a timeout. Not thread-safe: one relay step at a
 * time owns it.
 */
public final class RelayWatermark {
  /** A read that saw ids up to {@code maxId}, with the next xid read while it ran. */
  private record Observation(long maxId, long xnext, Instant at) {}

  /**
   * What a read lets the relay do.
   *
   * @param publish how many of the read's rows (its lowest) are final and may go out now
   * @param position where the position moves once they are published
   * @param waiting whether the read saw rows that are not final yet
   */
  public record Decision(int publish, long position, boolean waiting) {}

  private final Deque<Observation> observations = new ArrayDeque<>();

  /**
   * Takes one read after {@code position}: {@code ids} ascending, all above the position, at most
   * {@code limit} of them, read by a snapshot with {@code xmin} whose next xid was {@code xnext}.
   */
  public Decision accept(long position, long[] ids, int limit, long xmin, long xnext, Instant now) {
    if (ids.length > 0) {
      long maxId = ids[ids.length - 1];
      // The first read that saw an id is the one that can make it final soonest.
      if (observations.isEmpty() || observations.peekLast().maxId() < maxId) {
        observations.addLast(new Observation(maxId, xnext, now));
      }
    }
    long finalId = position;
    for (Observation o : observations) {
      if (o.xnext() <= xmin) {
        finalId = Math.max(finalId, o.maxId());
      }
    }
    int publish = 0;
    while (publish < ids.length && ids[publish] <= finalId) {
      publish++;
    }
    boolean cut = ids.length >= limit && publish == ids.length && publish > 0;
    // Cut by the limit, ids above the last row read are unseen; otherwise the read saw every row up
    // to the final id (its transaction had ended before this snapshot), so the position may go
    // there.
    long next = cut ? ids[publish - 1] : finalId;
    while (!observations.isEmpty() && observations.peekFirst().maxId() <= next) {
      observations.removeFirst();
    }
    return new Decision(publish, next, publish < ids.length);
  }

  /** Since when the oldest row seen above the position has waited to become final. */
  public Optional<Instant> waitingSince() {
    return observations.isEmpty() ? Optional.empty() : Optional.of(observations.peekFirst().at());
  }
}
