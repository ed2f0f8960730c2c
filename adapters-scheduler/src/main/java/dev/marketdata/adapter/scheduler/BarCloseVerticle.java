package dev.marketdata.adapter.scheduler;

import dev.marketdata.application.bar.CloseBarsUseCase;
import dev.marketdata.vertx.RepeatingTask;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes due bars every {@code every} (ADR 0013). A failed pass is retried after the same pause (a
 * database outage is logged once, then every tenth time); stopping waits for the pass in flight.
 */
public final class BarCloseVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(BarCloseVerticle.class);
  static final int LOG_EVERY_NTH_FAILURE = 10;

  private final CloseBarsUseCase closer;
  private final long everyMillis;
  private final RepeatingTask loop;

  public BarCloseVerticle(CloseBarsUseCase closer, Duration every) {
    this.closer = closer;
    this.everyMillis = every.toMillis();
    this.loop =
        new RepeatingTask(
            "bar close", this::pass, failures -> everyMillis, LOG_EVERY_NTH_FAILURE, log);
  }

  @Override
  public Future<?> start() {
    loop.start(context);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return loop.stop();
  }

  private Future<Long> pass() {
    return Future.fromCompletionStage(closer.close(), context)
        .map(
            report -> {
              if (report.bars() > 0) {
                log.debug("bars closed bars={}", report.bars());
              }
              return everyMillis;
            });
  }
}
