package dev.marketdata.adapter.scheduler;

import dev.marketdata.vertx.RepeatingTask;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * A verticle that runs one pass, waits, runs the next: passes never overlap, a failed pass is
 * retried after the same pause (logged once, then every {@code logEveryNthFailure}-th time in a
 * row), and stopping waits for the pass in flight. Each scheduler says only what its pass does.
 */
abstract class PeriodicVerticle extends VerticleBase {
  private final long everyMillis;
  private final RepeatingTask loop;

  PeriodicVerticle(String name, Duration every, int logEveryNthFailure, Logger log) {
    this.everyMillis = every.toMillis();
    this.loop =
        new RepeatingTask(name, this::pass, failures -> everyMillis, logEveryNthFailure, log);
  }

  /** One pass; completes with the pause before the next, in milliseconds. */
  abstract Future<Long> pass();

  /** The configured pause between passes, in milliseconds. */
  final long everyMillis() {
    return everyMillis;
  }

  /** True once {@link #stop()} ran. */
  final boolean stopping() {
    return loop.stopping();
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
}
