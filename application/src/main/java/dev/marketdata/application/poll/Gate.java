package dev.marketdata.application.poll;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An asynchronous semaphore: at most {@code permits} holders at once, the rest wait in arrival
 * order. A waiter gives up by cancelling its future. Permits are handed over from a loop, so a
 * holder that finishes synchronously never makes the next one run on a deeper stack.
 */
final class Gate {
  private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>(); // guarded by this
  private int free; // guarded by this
  private final AtomicInteger wip = new AtomicInteger();

  Gate(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1: " + permits);
    }
    this.free = permits;
  }

  /** Completes when a permit is the caller's; it must then {@link #release()} it exactly once. */
  CompletableFuture<Void> acquire() {
    CompletableFuture<Void> waiter = new CompletableFuture<>();
    synchronized (this) {
      waiting.add(waiter);
    }
    drain();
    return waiter;
  }

  void release() {
    synchronized (this) {
      free++;
    }
    drain();
  }

  synchronized int waiting() {
    return waiting.size();
  }

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    while (true) {
      CompletableFuture<Void> next;
      while ((next = handOut()) != null) {
        if (!next.complete(null)) { // cancelled after it was taken from the queue
          synchronized (this) {
            free++;
          }
        }
      }
      missed = wip.addAndGet(-missed);
      if (missed == 0) {
        return;
      }
    }
  }

  private synchronized CompletableFuture<Void> handOut() {
    while (free > 0 && !waiting.isEmpty()) {
      CompletableFuture<Void> next = waiting.poll();
      if (!next.isDone()) {
        free--;
        return next;
      }
    }
    return null;
  }
}
