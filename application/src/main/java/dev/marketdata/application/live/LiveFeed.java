package dev.marketdata.application.live;

import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.LiveFrontier;
import dev.marketdata.domain.port.LiveEventLog;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Tails the live log for one process: starts at its head, reads after its position, lets the {@link
 * LiveCursor} hold gaps, and hands what may go out to the {@link LiveHub}. Its owner calls {@link
 * #step()} again after the delay each step returns.
 *
 * <p>While nobody is subscribed it reads no events, which would only be discarded: each step reads
 * the log's {@link LiveFrontier} and moves the position to the previous step's highest id once that
 * is final (this step's xmin reached the previous step's xmax), the rule the cursor applies to
 * gaps. A mark not final after the gap cap is skipped to, as a gap would be. The position then
 * trails the log by about two idle pauses, and a first subscriber's stream starts there with
 * nothing missed: everything at or below the position is final, so its replay reads it.
 */
public final class LiveFeed {
  /**
   * The pause before the next read while events wait behind a missing id: its writer is usually
   * committing, and a full poll interval would add that interval to every held event's latency.
   */
  static final Duration GAP_POLL = Duration.ofMillis(10);

  private final LiveEventLog log;
  private final LiveHub hub;
  private final LiveSettings settings;
  private final Clock clock;
  private final LiveMetrics metrics;
  private LiveCursor cursor;
  // The oldest frontier an idle step saw that the position has not reached; null after a read.
  private IdleMark idleMark;

  private record IdleMark(LiveFrontier frontier, Instant at) {}

  @Inject
  public LiveFeed(
      LiveEventLog log, LiveHub hub, LiveSettings settings, Clock clock, LiveMetrics metrics) {
    this.log = log;
    this.hub = hub;
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Starts at the log's head: streams opened from now on see every event written after it. */
  public CompletionStage<Long> start() {
    return log.head()
        .thenApply(
            head -> {
              cursor = new LiveCursor(head, clock, settings.gapCap(), metrics);
              hub.start(head);
              return head;
            });
  }

  /**
   * One read: hands the deliverable events to the hub, and completes with how long to wait before
   * the next read (none after a full batch). While nobody listens, reads only the frontier and
   * waits the idle pause.
   */
  public CompletionStage<Duration> step() {
    if (cursor == null) {
      throw new IllegalStateException("start() first");
    }
    if (hub.subscriberCount() == 0) {
      return log.frontier().thenApply(this::skipUnread);
    }
    idleMark = null;
    return log.readAfter(cursor.position(), settings.feedBatch())
        .thenApply(
            batch -> {
              List<LiveEvent> ready = cursor.accept(batch);
              hub.publish(ready, cursor.position());
              if (batch.events().size() >= settings.feedBatch() && !ready.isEmpty()) {
                return Duration.ZERO;
              }
              return cursor.holding() && GAP_POLL.compareTo(settings.feedPoll()) < 0
                  ? GAP_POLL
                  : settings.feedPoll();
            });
  }

  private Duration skipUnread(LiveFrontier now) {
    Instant at = clock.instant();
    IdleMark mark = idleMark;
    if (mark == null || mark.frontier().maxId() <= cursor.position()) {
      idleMark = new IdleMark(now, at);
      return settings.feedIdlePoll();
    }
    // The older mark is kept until it is final, so a steady stream of writes cannot keep
    // replacing it with one that is never final yet. Past the gap cap it is skipped to as the
    // cursor skips a gap: nobody is listening, so no stream misses anything.
    if (now.snapshotXmin() < mark.frontier().snapshotXmax()
        && at.isBefore(mark.at().plus(settings.gapCap()))) {
      return settings.feedIdlePoll();
    }
    long skipTo = mark.frontier().maxId();
    if (!hub.skipWhileUnsubscribed(skipTo)) {
      idleMark = null;
      return Duration.ZERO; // a subscriber arrived since the check: read its events now
    }
    // Nothing at or below the new position can still appear, so no gap is carried over.
    cursor = new LiveCursor(skipTo, clock, settings.gapCap(), metrics);
    idleMark = new IdleMark(now, at);
    return settings.feedIdlePoll();
  }

  public long position() {
    return cursor == null ? -1 : cursor.position();
  }
}
