package dev.marketdata.adapter.kafka;

import dev.marketdata.application.relay.RelayOutboxUseCase;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the outbox relay: one batch at a time, straight on while batches come back full, then on a
 * short timer; after a failure it waits with a growing (bounded) delay and tries again. Rows stay
 * in the outbox until the broker acknowledged them, so nothing is lost while Kafka is down.
 */
public final class OutboxRelayVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(OutboxRelayVerticle.class);

  private final RelayOutboxUseCase relay;
  private final RelaySettings settings;
  private volatile boolean stopping;
  private long timerId = -1;
  private int failures;
  private Future<Void> inFlight = Future.succeededFuture();

  public OutboxRelayVerticle(RelayOutboxUseCase relay, RelaySettings settings) {
    this.relay = relay;
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    stopping = false;
    next(0);
    return Future.succeededFuture();
  }

  /** Lets the batch in flight finish (and be marked published) before the verticle is gone. */
  @Override
  public Future<?> stop() {
    stopping = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    return inFlight;
  }

  /** True once {@link #stop()} ran; tests wait for it instead of guessing at timing. */
  boolean stopRequested() {
    return stopping;
  }

  private void relayOnce() {
    timerId = -1;
    if (stopping) {
      return;
    }
    Future<Integer> batch;
    try {
      batch = Future.fromCompletionStage(relay.relayBatch(), context);
    } catch (RuntimeException e) {
      batch = Future.failedFuture(e);
    }
    inFlight = batch.transform(this::afterBatch);
  }

  private Future<Void> afterBatch(AsyncResult<Integer> result) {
    if (result.succeeded()) {
      failures = 0;
      int relayed = result.result();
      next(relayed >= settings.batchSize() ? 0 : settings.pollInterval().toMillis());
    } else {
      failures++;
      long delay = settings.backoff().delayMillis(failures);
      log.warn(
          "Outbox relay failed (attempt {}), retrying in {} ms: {}",
          failures,
          delay,
          result.cause().toString());
      next(delay);
    }
    return Future.succeededFuture();
  }

  private void next(long delayMillis) {
    if (stopping) {
      return;
    }
    if (delayMillis <= 0) {
      context.runOnContext(v -> relayOnce());
    } else {
      timerId = vertx.setTimer(delayMillis, id -> relayOnce());
    }
  }
}
