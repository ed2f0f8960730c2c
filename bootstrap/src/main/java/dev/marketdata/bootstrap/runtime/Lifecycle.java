package dev.marketdata.bootstrap.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What must be closed on shutdown, closed in the reverse order it was opened. One failing or slow
 * resource does not keep the others open, and all of them share one deadline: a slow one uses up
 * time the later ones then do not get, so closing never takes longer than the deadline (plus a
 * short floor, so that pools and embedded servers are always asked to stop cleanly).
 */
public final class Lifecycle {
  private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

  private record Resource(String name, Supplier<CompletionStage<?>> closer) {}

  private final Deque<Resource> resources = new ArrayDeque<>();

  public synchronized void add(String name, Supplier<CompletionStage<?>> closer) {
    resources.push(new Resource(name, closer));
  }

  public synchronized void addBlocking(String name, AutoCloseable closeable) {
    add(
        name,
        () -> {
          try {
            closeable.close();
            return CompletableFuture.completedFuture(null);
          } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
          }
        });
  }

  /** Every resource is asked to close even when the deadline has passed; this long is shared. */
  static final Duration FLOOR = Duration.ofSeconds(1);

  /** Closes everything, newest first, waiting for each no later than the shared deadline. */
  public void closeAll(Deadline deadline) {
    Deadline shared = deadline.atLeast(FLOOR);
    while (true) {
      Resource next;
      synchronized (this) {
        next = resources.poll();
      }
      if (next == null) {
        return;
      }
      try {
        next.closer().get().toCompletableFuture().get(shared.millisLeft(), TimeUnit.MILLISECONDS);
        log.debug("closed {}", next.name());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("interrupted while closing {}", next.name());
      } catch (Exception e) {
        log.warn("closing {} failed: {}", next.name(), e.toString());
      }
    }
  }
}
