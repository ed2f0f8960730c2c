package dev.marketdata.adapter.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.poll.RunPollTickUseCase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollSchedulerVerticleTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  /** Each tick waits for the test to finish it; counts ticks, overlaps and stopRuns calls. */
  private static final class HeldTicks implements RunPollTickUseCase {
    final AtomicInteger ticks = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    final AtomicInteger stopRuns = new AtomicInteger();
    final AtomicReference<CompletableFuture<TickReport>> current = new AtomicReference<>();

    @Override
    public CompletionStage<TickReport> runTick() {
      ticks.incrementAndGet();
      if (running.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      CompletableFuture<TickReport> tick = new CompletableFuture<>();
      current.set(tick);
      return tick.whenComplete((r, e) -> running.decrementAndGet());
    }

    void finish(boolean fail) {
      CompletableFuture<TickReport> tick = current.get();
      if (fail) {
        tick.completeExceptionally(new IllegalStateException("database down"));
      } else {
        tick.complete(new TickReport(0, 0, 0));
      }
    }

    @Override
    public CompletionStage<Void> stopRuns() {
      stopRuns.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    }
  }

  @Test
  void ticks_neverOverlap_goOnAfterAFailure_andStopEndsTheRunsAfterTheTickInFlight()
      throws Exception {
    HeldTicks ticks = new HeldTicks();
    PollSchedulerVerticle scheduler = new PollSchedulerVerticle(ticks, Duration.ofMillis(5));
    String id = await(vertx.deployVerticle(scheduler));

    until("the first tick runs", () -> ticks.ticks.get() == 1);
    ticks.finish(true);
    until("a tick runs after the failed one", () -> ticks.ticks.get() == 2);
    ticks.finish(false);
    until("the third tick runs", () -> ticks.ticks.get() == 3);

    Future<Void> undeployed = vertx.undeploy(id);
    until("stop() has run", scheduler::stopRequested);
    assertThat(ticks.stopRuns.get()).as("runs end only after the tick in flight").isZero();
    ticks.finish(false);
    await(undeployed);

    assertThat(ticks.stopRuns.get()).isEqualTo(1);
    assertThat(ticks.overlaps.get()).isZero();
    assertThat(ticks.ticks.get()).isEqualTo(3);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // polling a condition
    }
  }
}
