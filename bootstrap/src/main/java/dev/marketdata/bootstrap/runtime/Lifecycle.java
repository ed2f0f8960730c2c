package dev.marketdata.bootstrap.runtime;

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
 * resource does not keep the others open: each gets its share of the deadline.
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

  /** Closes everything, newest first, each waited for at most {@code perResourceMillis}. */
  public void closeAll(long perResourceMillis) {
    while (true) {
      Resource next;
      synchronized (this) {
        next = resources.poll();
      }
      if (next == null) {
        return;
      }
      try {
        next.closer().get().toCompletableFuture().get(perResourceMillis, TimeUnit.MILLISECONDS);
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
