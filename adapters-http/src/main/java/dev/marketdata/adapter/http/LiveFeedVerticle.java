package dev.marketdata.adapter.http;

import dev.marketdata.application.live.LiveFeed;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import jakarta.inject.Inject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the process's one {@link LiveFeed}: starts it at the log's head, then reads again after each
 * step's delay (at once after a full read); a failed read is retried after a second.
 */
public final class LiveFeedVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LiveFeedVerticle.class);
  static final Duration RETRY = Duration.ofSeconds(1);

  private final LiveFeed feed;
  private volatile boolean stopped;
  private long timer = -1;
  private int failures;

  @Inject
  public LiveFeedVerticle(LiveFeed feed) {
    this.feed = feed;
  }

  @Override
  public Future<?> start() {
    return Future.fromCompletionStage(feed.start(), context)
        .onSuccess(
            head -> {
              LOG.info("live feed started at id {}", head);
              schedule(Duration.ZERO);
            });
  }

  private void schedule(Duration delay) {
    if (stopped) {
      return;
    }
    if (delay.isZero()) {
      context.runOnContext(v -> step());
    } else {
      timer = vertx.setTimer(delay.toMillis(), id -> step());
    }
  }

  private void step() {
    if (stopped) {
      return;
    }
    Future<Duration> next;
    try {
      next = Future.fromCompletionStage(feed.step(), context);
    } catch (RuntimeException e) {
      next = Future.failedFuture(e);
    }
    next.onComplete(
        r -> {
          if (r.succeeded()) {
            if (failures > 0) {
              LOG.info("live feed reading again after {} failed reads", failures);
            }
            failures = 0;
            schedule(r.result());
          } else {
            if (failures++ == 0) {
              LOG.warn(
                  "live feed read failed (retrying every {} s): {}",
                  RETRY.toSeconds(),
                  r.cause().toString());
            }
            schedule(RETRY);
          }
        });
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }
}
