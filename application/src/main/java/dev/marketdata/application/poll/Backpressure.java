package dev.marketdata.application.poll;

import dev.marketdata.application.support.Delay;
import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.model.Backlog;
import dev.marketdata.domain.port.PipelineBacklog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * The valve between the pipeline's backlog and this replica's polling: a poll run asks it before
 * each chunk, and while the backlog is at or above the high mark the chunk waits until it is at or
 * below the low mark (ADR 0017).
 *
 * <p>The backlog is read only when a chunk asks and the last reading is older than {@code
 * checkEvery}, one read at a time, so an idle poller reads nothing and a busy one reads at most
 * once per {@code checkEvery}. While chunks wait, one timer re-reads it on that cadence. A reading
 * that fails counts as unknown, and unknown never holds polling back: a broken probe must not stop
 * ingestion.
 */
public final class Backpressure {
  /** Ends the reason a run gives for symbols it held back for the pipeline, in its job's error. */
  public static final String MISSED_NOTE = "(back-pressure)";

  private static final CompletableFuture<Void> OPEN = CompletableFuture.completedFuture(null);

  private final PipelineBacklog backlog;
  private final BackpressureSettings settings;
  private final Clock clock;
  private final Delay delay;
  private final LongAdder waits = new LongAdder();
  private final LongAdder waitedNanos = new LongAdder();
  private final LongAdder unknownReadings = new LongAdder();
  private List<CompletableFuture<Void>> waiting = new ArrayList<>(); // guarded by this
  private boolean holding; // guarded by this
  private boolean reading; // guarded by this
  private boolean timerSet; // guarded by this
  private Instant readAt; // guarded by this; when the last reading started
  private volatile long seen = -1;

  public Backpressure(
      PipelineBacklog backlog, BackpressureSettings settings, Clock clock, Delay delay) {
    this.backlog = backlog;
    this.settings = settings;
    this.clock = clock;
    this.delay = delay;
  }

  /** Never holds anything back and reads nothing. */
  public static Backpressure off(Clock clock, Delay delay) {
    return new Backpressure(
        () -> CompletableFuture.failedFuture(new IllegalStateException("off")),
        BackpressureSettings.off(),
        clock,
        delay);
  }

  /**
   * Completes when a chunk may start: at once unless the backlog is being held back. The caller may
   * cancel the returned future to stop waiting (its run ended).
   */
  CompletableFuture<Void> awaitOpen() {
    if (!settings.enabled()) {
      return OPEN;
    }
    readIfStale();
    CompletableFuture<Void> waiter;
    synchronized (this) {
      if (!holding) {
        return OPEN;
      }
      waiter = new CompletableFuture<>();
      waiting.add(waiter);
      armTimer();
    }
    waits.increment();
    Instant from = clock.instant();
    waiter.whenComplete(
        (ignored, cancelled) -> waitedNanos.add(Duration.between(from, clock.instant()).toNanos()));
    return waiter;
  }

  /** True while chunks are held back (the last reading reached the high mark, not yet the low). */
  synchronized boolean holding() {
    return holding;
  }

  /** The last backlog read, in events; -1 before the first reading or when the last failed. */
  public long backlogSeen() {
    return seen;
  }

  /** Chunks that had to wait for the backlog, since start. */
  public long waits() {
    return waits.sum();
  }

  /** Seconds chunks spent waiting for the backlog, added up, since start. */
  public double secondsWaited() {
    return waitedNanos.sum() / 1e9;
  }

  /** Readings of the backlog that failed (treated as no back-pressure), since start. */
  public long unknownReadings() {
    return unknownReadings.sum();
  }

  private void readIfStale() {
    Instant now = clock.instant();
    synchronized (this) {
      if (reading || (readAt != null && now.isBefore(readAt.plus(settings.checkEvery())))) {
        return;
      }
      reading = true;
      readAt = now; // its start, so the waiters' timer (set just after) finds it due
    }
    Futures.defer(backlog::current).whenComplete(this::apply);
  }

  private void apply(Backlog reading, Throwable failure) {
    List<CompletableFuture<Void>> release = List.of();
    synchronized (this) {
      this.reading = false;
      if (failure != null || reading == null) {
        unknownReadings.increment();
        seen = -1;
        holding = false;
      } else {
        long total = reading.total();
        seen = total;
        if (total >= settings.high()) {
          holding = true;
        } else if (total <= settings.low()) {
          holding = false;
        }
      }
      if (!holding && !waiting.isEmpty()) {
        release = waiting;
        waiting = new ArrayList<>();
      }
    }
    release.forEach(waiter -> waiter.complete(null));
  }

  /** One timer re-reads the backlog while any chunk waits; called holding the lock. */
  private void armTimer() {
    if (timerSet) {
      return;
    }
    timerSet = true;
    delay.after(settings.checkEvery()).thenRun(this::onTimer);
  }

  private void onTimer() {
    synchronized (this) {
      timerSet = false;
      waiting.removeIf(CompletableFuture::isDone); // runs that ended gave up their chunks
      if (waiting.isEmpty()) {
        return;
      }
      armTimer();
    }
    readIfStale();
  }
}
