package dev.marketdata.bootstrap.runtime;

import dev.marketdata.domain.model.Backlog;
import dev.marketdata.domain.port.Outbox;
import dev.marketdata.domain.port.PipelineBacklog;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's backlog as the poller sees it: price events waiting in the shared outbox plus the
 * moving-average consumer group's lag on {@code price-events}, both read from shared state, so
 * every poller replica sees the same number. The lag is optional: when it cannot be read within
 * {@code lagTimeout} (no broker reachable) or the group has committed nothing yet, the outbox alone
 * counts; when the outbox cannot be read the reading fails, and the poller goes on without
 * back-pressure. Each kind of failure is logged at WARN once per outage, then at DEBUG.
 */
public final class OutboxAndLagBacklog implements PipelineBacklog {
  private static final Logger log = LoggerFactory.getLogger(OutboxAndLagBacklog.class);

  private final Outbox outbox;
  private final Supplier<Future<OptionalLong>> lag;
  private final Duration lagTimeout;
  private final AtomicBoolean outboxFailing = new AtomicBoolean();
  private final AtomicBoolean lagFailing = new AtomicBoolean();

  /** {@code lag} reads the consumer group's lag, empty when it is not known. */
  public OutboxAndLagBacklog(
      Outbox outbox, Supplier<Future<OptionalLong>> lag, Duration lagTimeout) {
    this.outbox = outbox;
    this.lag = lag;
    this.lagTimeout = lagTimeout;
  }

  @Override
  public CompletionStage<Backlog> current() {
    // Both at once; the lag never fails the reading, it only goes missing from it.
    CompletionStage<OptionalLong> unconsumed = unconsumed().toCompletionStage();
    return outbox
        .depth()
        .whenComplete(
            (depth, failure) -> {
              if (failure != null) {
                noteFailure(outboxFailing, "the outbox depth", failure);
              } else if (outboxFailing.compareAndSet(true, false)) {
                log.info("back-pressure reads the outbox depth again");
              }
            })
        .thenCombine(unconsumed, Backlog::new);
  }

  private Future<OptionalLong> unconsumed() {
    Future<OptionalLong> read;
    try {
      read = lag.get().timeout(lagTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      read = Future.failedFuture(e);
    }
    return read.onSuccess(ignored -> lagFailing.set(false))
        .recover(
            failure -> {
              noteFailure(lagFailing, "the consumer's lag", failure);
              return Future.succeededFuture(OptionalLong.empty());
            });
  }

  private static void noteFailure(AtomicBoolean failing, String what, Throwable failure) {
    if (failing.compareAndSet(false, true)) {
      log.warn(
          "back-pressure cannot read {}; polling goes on{}: {}",
          what,
          what.startsWith("the outbox") ? " without back-pressure" : " on the outbox depth alone",
          failure.toString());
    } else {
      log.debug("back-pressure cannot read {}: {}", what, failure.toString());
    }
  }
}
