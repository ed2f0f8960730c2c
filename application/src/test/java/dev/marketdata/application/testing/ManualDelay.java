package dev.marketdata.application.testing;

import dev.marketdata.application.support.Delay;
import dev.marketdata.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Timers driven by a {@link MutableClock}: {@link #advance} moves the clock to each due timer in
 * turn and fires it on the calling thread, so a test replays minutes of scheduling at once.
 */
public final class ManualDelay implements Delay {
  private record Timer(Instant at, long seq, CompletableFuture<Void> fires) {}

  private final MutableClock clock;
  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>(
          (a, b) ->
              a.at().equals(b.at()) ? Long.compare(a.seq(), b.seq()) : a.at().compareTo(b.at()));
  private long seq;

  public ManualDelay(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized CompletionStage<Void> after(Duration wait) {
    if (wait.isZero() || wait.isNegative()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> fires = new CompletableFuture<>();
    timers.add(new Timer(clock.instant().plus(wait), seq++, fires));
    return fires;
  }

  /** Moves the clock by {@code by}, firing every timer due on the way at its own time. */
  public void advance(Duration by) {
    Instant target = clock.instant().plus(by);
    while (true) {
      Timer next;
      synchronized (this) {
        next = timers.peek();
        if (next == null || next.at().isAfter(target)) {
          break;
        }
        timers.poll();
      }
      moveTo(next.at());
      next.fires().complete(null);
    }
    moveTo(target);
  }

  private void moveTo(Instant at) {
    if (at.isAfter(clock.instant())) {
      clock.advance(Duration.between(clock.instant(), at));
    }
  }

  public synchronized int pending() {
    return timers.size();
  }
}
