package dev.marketdata.application.live;

import dev.marketdata.domain.model.LiveBatch;
import dev.marketdata.domain.model.LiveEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The feed's position in the live log and the gap rule of ADR 0012: events go out in ascending id
 * order, and a missing id is waited for until it is final (a later read's snapshot xmin reaches the
 * xmax of the read that first saw it missing) or until {@code gapCap} has passed, when it is
 * skipped and reported to {@link LiveMetrics#gapSkipped}. Not thread-safe: one feed owns it.
 */
public final class LiveCursor {
  /** A read that saw ids up to {@code maxId}: every id below it it did not see was missing then. */
  private record Observation(long maxId, long xmax, Instant at) {}

  private final Clock clock;
  private final Duration gapCap;
  private final LiveMetrics metrics;
  private final Deque<Observation> observations = new ArrayDeque<>();
  private long position;
  private boolean holding;

  public LiveCursor(long start, Clock clock, Duration gapCap, LiveMetrics metrics) {
    if (start < 0) {
      throw new IllegalArgumentException("start must not be negative, got " + start);
    }
    this.position = start;
    this.clock = clock;
    this.gapCap = gapCap;
    this.metrics = metrics;
  }

  /** The id of the last event delivered (or skipped past): where the next read starts. */
  public long position() {
    return position;
  }

  /**
   * The events of {@code batch} (a read after {@link #position()}) that may go out now, ascending;
   * advances the position past them and past every gap that is final or older than the cap.
   */
  public List<LiveEvent> accept(LiveBatch batch) {
    holding = false;
    List<LiveEvent> events = batch.events();
    Instant now = clock.instant();
    if (!events.isEmpty()) {
      long maxId = events.get(events.size() - 1).id();
      // The first read that saw an id above a missing one is when that gap was first seen.
      if (observations.isEmpty() || observations.peekLast().maxId() < maxId) {
        observations.addLast(new Observation(maxId, batch.snapshotXmax(), now));
      }
    }
    List<LiveEvent> out = new ArrayList<>();
    for (LiveEvent event : events) {
      if (event.id() <= position) {
        continue;
      }
      while (event.id() > position + 1) {
        Observation first = firstSeen(position + 1);
        long skipTo = Math.min(first.maxId(), event.id()) - 1;
        if (batch.snapshotXmin() >= first.xmax()) {
          position = skipTo; // every transaction that could own these ids has ended
        } else if (!now.isBefore(first.at().plus(gapCap))) {
          // Its events, should they ever commit, are not streamed; the listener warns and counts.
          metrics.gapSkipped(position + 1, skipTo, gapCap);
          position = skipTo;
        } else {
          prune();
          holding = true;
          return out; // hold: the missing ids may still commit
        }
      }
      out.add(event);
      position = event.id();
    }
    prune();
    return out;
  }

  /**
   * Whether the last {@link #accept} held events back behind a missing id: the transaction that
   * owns it is usually a commit away, so the next read is worth making soon.
   */
  public boolean holding() {
    return holding;
  }

  private Observation firstSeen(long missingId) {
    for (Observation o : observations) {
      if (o.maxId() > missingId) {
        return o;
      }
    }
    throw new IllegalStateException("no read saw an id above " + missingId);
  }

  /** Drops reads that can no longer be the first to have seen a gap above the position. */
  private void prune() {
    while (!observations.isEmpty() && observations.peekFirst().maxId() <= position + 1) {
      observations.removeFirst();
    }
  }
}
