package dev.marketdata.bootstrap.runtime;

import dev.marketdata.bootstrap.config.ServiceConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one deadline of this process's graceful stop ({@code MDS_SHUTDOWN_TIMEOUT_SECONDS} from when
 * it began), which the HTTP listener asks how long requests in flight may still take.
 */
@Singleton
public final class ShutdownDeadline {
  private final Duration timeout;
  private final AtomicReference<Deadline> deadline = new AtomicReference<>();

  @Inject
  public ShutdownDeadline(ServiceConfig config) {
    this.timeout = config.shutdown().timeout();
  }

  /** Starts the clock (once; later calls get the same deadline). */
  public Deadline begin() {
    deadline.compareAndSet(null, Deadline.in(timeout));
    return deadline.get();
  }

  /**
   * How long requests in flight may take to finish once the API stops: half of what is left, so the
   * scheduler, the relay flush, the consumer's commit and the pools keep the other half.
   */
  public Duration drainGrace() {
    Deadline started = deadline.get();
    return (started == null ? timeout : started.remaining()).dividedBy(2);
  }
}
