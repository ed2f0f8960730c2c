package dev.marketdata.adapter.kafka;

import dev.marketdata.application.relay.RelayOutboxUseCase;
import dev.marketdata.vertx.RepeatingTask;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the outbox relay: one step at a time, straight on while a step says more is pending, then
 * on a short timer; after a failure it waits with a growing (bounded) delay and tries again. Rows
 * stay in the outbox until the broker acknowledged them, so nothing is lost while Kafka is down.
 */
public final class OutboxRelayVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(OutboxRelayVerticle.class);

  private final RelayOutboxUseCase relay;
  private final RelaySettings settings;
  private final RepeatingTask loop;

  public OutboxRelayVerticle(RelayOutboxUseCase relay, RelaySettings settings) {
    this.relay = relay;
    this.settings = settings;
    this.loop =
        new RepeatingTask("outbox relay", this::relayOnce, settings.backoff()::delayMillis, 1, log);
  }

  @Override
  public Future<?> start() {
    loop.start(context);
    return Future.succeededFuture();
  }

  /** Lets the batch in flight finish (and be marked published) before the verticle is gone. */
  @Override
  public Future<?> stop() {
    return loop.stop();
  }

  /** True once {@link #stop()} ran; tests wait for it instead of guessing at timing. */
  boolean stopRequested() {
    return loop.stopping();
  }

  /**
   * One step; straight on when it says more is pending (a full batch, or rows about to become
   * final), else after the poll interval.
   */
  private Future<Long> relayOnce() {
    return Future.fromCompletionStage(relay.relayBatch(), context)
        .map(step -> step.pending() ? 0L : settings.pollInterval().toMillis());
  }
}
