package dev.marketdata.adapter.kafka;

import dev.marketdata.application.relay.RelayOutboxUseCase;
import dev.marketdata.application.relay.RelayStep;
import dev.marketdata.vertx.RepeatingTask;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the outbox relay: one step at a time, straight on while a step says a full batch went out,
 * after a short pause while rows it saw are not final yet, then on a short timer that lengthens
 * while the outbox stays empty; a writer in this process may {@linkplain #wake() wake} it at once.
 * After a failure it waits with a growing (bounded) delay and tries again. Rows stay in the outbox
 * until the broker acknowledged them, so nothing is lost while Kafka is down.
 */
public final class OutboxRelayVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(OutboxRelayVerticle.class);

  private final RelayOutboxUseCase relay;
  private final RelaySettings settings;
  private final RepeatingTask loop;

  /**
   * The pause before re-reading rows that are not final yet: their writers usually commit within
   * milliseconds, and reading again at once would re-read the same batch many times meanwhile.
   */
  static final long WAITING_PAUSE_MILLIS = 5;

  private int emptySteps; // in a row; touched on the verticle's context only

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

  /**
   * Steps now instead of after the pause, or straight after the step in flight; from any thread,
   * cheap when rung often (see {@link RepeatingTask#wake()}), a no-op once stopped.
   */
  public void wake() {
    loop.wake();
  }

  /** True once {@link #stop()} ran; tests wait for it instead of guessing at timing. */
  boolean stopRequested() {
    return loop.stopping();
  }

  private Future<Long> relayOnce() {
    return Future.fromCompletionStage(relay.relayBatch(), context).map(this::pauseAfter);
  }

  /**
   * At once after a full batch (more rows wait); after a short pause while rows seen are not final
   * yet (their writers are committing, ADR 0016); after the poll interval when the step published
   * some; after a pause doubling up to the idle maximum while steps find none, so an idle relay
   * costs the database little and a woken one still steps at once.
   */
  long pauseAfter(RelayStep step) {
    if (step.pending()) {
      emptySteps = 0;
      return 0;
    }
    if (step.waiting()) {
      emptySteps = 0;
      return Math.min(WAITING_PAUSE_MILLIS, settings.pollInterval().toMillis());
    }
    if (step.published() > 0) {
      emptySteps = 0;
      return settings.pollInterval().toMillis();
    }
    emptySteps++;
    return settings.idlePauseMillis(emptySteps);
  }
}
