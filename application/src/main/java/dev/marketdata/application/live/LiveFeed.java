package dev.marketdata.application.live;

import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.port.LiveEventLog;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Tails the live log for one process: starts at its head, reads after its position, lets the {@link
 * LiveCursor} hold gaps, and hands what may go out to the {@link LiveHub}. Its owner calls {@link
 * #step()} again after the delay each step returns.
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
   * the next read (none after a full batch; longer while nobody listens, still advancing).
   */
  public CompletionStage<Duration> step() {
    if (cursor == null) {
      throw new IllegalStateException("start() first");
    }
    return log.readAfter(cursor.position(), settings.feedBatch())
        .thenApply(
            batch -> {
              List<LiveEvent> ready = cursor.accept(batch);
              hub.publish(ready, cursor.position());
              if (batch.events().size() >= settings.feedBatch() && !ready.isEmpty()) {
                return Duration.ZERO;
              }
              if (hub.subscriberCount() == 0) {
                return settings.feedIdlePoll();
              }
              return cursor.holding() && GAP_POLL.compareTo(settings.feedPoll()) < 0
                  ? GAP_POLL
                  : settings.feedPoll();
            });
  }

  public long position() {
    return cursor == null ? -1 : cursor.position();
  }
}
