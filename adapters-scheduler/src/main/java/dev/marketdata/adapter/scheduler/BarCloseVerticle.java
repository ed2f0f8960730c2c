package dev.marketdata.adapter.scheduler;

import dev.marketdata.application.bar.CloseBarsUseCase;
import io.vertx.core.Future;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes due bars every {@code every} (ADR 0013). A failed pass is retried after the same pause (a
 * database outage is logged once, then every tenth time); stopping waits for the pass in flight.
 */
public final class BarCloseVerticle extends PeriodicVerticle {
  private static final Logger log = LoggerFactory.getLogger(BarCloseVerticle.class);
  static final int LOG_EVERY_NTH_FAILURE = 10;

  private final CloseBarsUseCase closer;

  public BarCloseVerticle(CloseBarsUseCase closer, Duration every) {
    super("bar close", every, LOG_EVERY_NTH_FAILURE, log);
    this.closer = closer;
  }

  @Override
  Future<Long> pass() {
    return Future.fromCompletionStage(closer.close(), context)
        .map(
            report -> {
              if (report.bars() > 0) {
                log.debug("bars closed bars={}", report.bars());
              }
              return everyMillis();
            });
  }
}
