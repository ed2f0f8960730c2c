package dev.marketdata.adapter.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.retention.MaintainStorageUseCase;
import dev.marketdata.domain.model.MaintenanceReport;
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

class StorageMaintenanceVerticleTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  /** Each pass waits for the test to finish it. */
  private static final class HeldPasses implements MaintainStorageUseCase {
    final AtomicInteger passes = new AtomicInteger();
    final AtomicReference<CompletableFuture<MaintenanceReport>> current = new AtomicReference<>();

    @Override
    public CompletionStage<MaintenanceReport> maintain() {
      passes.incrementAndGet();
      CompletableFuture<MaintenanceReport> pass = new CompletableFuture<>();
      current.set(pass);
      return pass;
    }

    void finish(MaintenanceReport report) {
      current.get().complete(report);
    }

    void fail() {
      current.get().completeExceptionally(new IllegalStateException("database down"));
    }
  }

  @Test
  void passes_runAtStart_aBacklogIsFollowedAtOnce_andStopWaitsForThePassInFlight()
      throws Exception {
    HeldPasses passes = new HeldPasses();
    String id =
        await(vertx.deployVerticle(new StorageMaintenanceVerticle(passes, Duration.ofHours(1))));

    until("the first pass runs at start", () -> passes.passes.get() == 1);
    passes.finish(new MaintenanceReport(0, 0, 1000, true, false));
    // With an hour between passes, only the backlog can bring the second one now.
    until("a backlog is followed at once", () -> passes.passes.get() == 2);
    Future<Void> undeployed = vertx.undeploy(id);
    assertThat(undeployed.isComplete()).as("stop waits for the pass in flight").isFalse();
    passes.finish(new MaintenanceReport(0, 0, 5, false, false));
    await(undeployed);

    assertThat(passes.passes.get()).isEqualTo(2);
  }

  @Test
  void givenAFailedPass_theNextOne_runsAfterTheInterval() throws Exception {
    HeldPasses passes = new HeldPasses();
    await(vertx.deployVerticle(new StorageMaintenanceVerticle(passes, Duration.ofMillis(20))));

    until("the first pass runs", () -> passes.passes.get() == 1);
    passes.fail();
    until("a pass runs after the failed one", () -> passes.passes.get() == 2);
    passes.finish(new MaintenanceReport(4, 0, 0, false, false));
    until("and another after that one", () -> passes.passes.get() == 3);
    passes.finish(new MaintenanceReport(0, 0, 0, false, true)); // lets the verticle stop
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
