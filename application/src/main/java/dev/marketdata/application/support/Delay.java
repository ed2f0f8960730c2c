package dev.marketdata.application.support;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Waits without holding a thread: the poll scheduler's timers. The service binds one backed by
 * Vert.x timers; tests move a manual one together with their clock.
 */
@FunctionalInterface
public interface Delay {
  /** A stage that completes once {@code wait} has passed; at once when it is zero or negative. */
  CompletionStage<Void> after(Duration wait);
}
