package dev.marketdata.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RepeatingTaskTest {
  private static final long AN_HOUR = Duration.ofHours(1).toMillis();

  private Vertx vertx;
  private Context context;
  private final Logger log = (Logger) LoggerFactory.getLogger("repeating-task-test");
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final ConcurrentLinkedQueue<Future<Long>> script = new ConcurrentLinkedQueue<>();
  private final AtomicInteger steps = new AtomicInteger();
  private final List<Integer> retryDelaysAsked = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    logged.start();
    log.addAppender(logged);
  }

  @AfterEach
  void tearDown() throws Exception {
    log.detachAppender(logged);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private RepeatingTask task(int logEvery) {
    return new RepeatingTask(
        "test loop",
        () -> {
          steps.incrementAndGet();
          Future<Long> next = script.poll();
          return next == null ? Future.succeededFuture(AN_HOUR) : next;
        },
        failures -> {
          retryDelaysAsked.add(failures);
          return 1;
        },
        logEvery,
        log);
  }

  private void start(RepeatingTask task) {
    context.runOnContext(v -> task.start(context));
  }

  @Test
  void givenFailures_task_retriesAfterTheDelayOfTheFailuresInARow_logsSome_andTheRecovery() {
    for (int i = 0; i < 3; i++) {
      script.add(Future.failedFuture(new IllegalStateException("down")));
    }
    script.add(Future.succeededFuture(0L)); // 0: the next step at once, then an hour's pause

    start(task(2));

    until("five steps ran", () -> steps.get() == 5);
    assertThat(retryDelaysAsked).containsExactly(1, 2, 3);
    until("the recovery is logged", () -> messages().size() == 3);
    assertThat(messages())
        .containsExactly(
            "test loop failed (1 in a row), retrying in 1 ms: java.lang.IllegalStateException: down",
            "test loop failed (3 in a row), retrying in 1 ms: java.lang.IllegalStateException: down",
            "test loop recovered after 3 failure(s) in a row");
  }

  @Test
  void givenAStepThatThrows_task_countsItAsAFailure() {
    AtomicInteger calls = new AtomicInteger();
    RepeatingTask task =
        new RepeatingTask(
            "throwing loop",
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
              }
              return Future.succeededFuture(AN_HOUR);
            },
            failures -> 1,
            1,
            log);

    start(task);

    until("the step ran again after throwing", () -> calls.get() == 2);
    assertThat(messages().get(0)).contains("throwing loop failed (1 in a row)").contains("boom");
  }

  @Test
  void givenAStepInFlight_stop_waitsForIt_andRunsNoOther() {
    Promise<Long> inFlight = Promise.promise();
    script.add(inFlight.future());
    RepeatingTask task = task(1);
    start(task);
    until("the first step is in flight", () -> steps.get() == 1);

    Promise<Future<Void>> stopped = Promise.promise();
    context.runOnContext(v -> stopped.complete(task.stop()));
    until("stop ran", task::stopping);
    Future<Void> done = stopped.future().result();
    assertThat(done.isComplete()).as("stop waits for the step in flight").isFalse();

    context.runOnContext(v -> inFlight.complete(0L)); // would ask for the next step at once
    until("stop completed", done::isComplete);
    assertThat(done.succeeded()).isTrue();
    assertThat(steps.get()).isEqualTo(1);
  }

  @Test
  void givenATaskWaitingOnItsTimer_wake_cancelsIt_andStepsAtOnce() {
    RepeatingTask task = task(1);
    start(task);
    until("the first step ran and the task waits an hour", () -> steps.get() == 1);

    task.wake();

    until("the woken step ran", () -> steps.get() == 2);
  }

  @Test
  void givenAStepInFlight_wakes_runNoSecondStepAlongside_butOneStraightAfter() {
    Promise<Long> first = Promise.promise();
    script.add(first.future());
    RepeatingTask task = task(1);
    start(task);
    until("the first step is in flight", () -> steps.get() == 1);

    for (int i = 0; i < 5; i++) {
      task.wake();
      context.runOnContext(v -> task.wake()); // from the task's own thread too
    }
    onContext(() -> {});
    assertThat(steps.get()).as("no step alongside the one in flight").isEqualTo(1);

    Promise<Long> second = Promise.promise();
    script.add(second.future());
    onContext(() -> first.complete(AN_HOUR)); // would wait an hour but for the wakes
    until("the step after the wakes ran", () -> steps.get() == 2);
    onContext(() -> second.complete(AN_HOUR));
    onContext(() -> {}); // behind any step the second's end queued

    assertThat(steps.get()).as("the wakes made one extra step, not one each").isEqualTo(2);
  }

  @Test
  void givenAStoppedTask_wake_runsNothing() {
    RepeatingTask task = task(1);
    start(task);
    until("the first step ran", () -> steps.get() == 1);
    onContext(task::stop);

    task.wake();
    onContext(() -> {});
    onContext(() -> {});

    assertThat(steps.get()).isEqualTo(1);
  }

  @Test
  void givenATaskNotStarted_wake_runsNothing() {
    RepeatingTask task = task(1);

    task.wake();
    onContext(() -> {});

    assertThat(steps.get()).isZero();
  }

  /** Runs {@code action} on the task's context and waits until it ran, and all queued before it. */
  private void onContext(Runnable action) {
    Promise<Void> ran = Promise.promise();
    context.runOnContext(
        v -> {
          action.run();
          ran.complete();
        });
    until("the context ran the action", () -> ran.future().isComplete());
  }

  private List<String> messages() {
    return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
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
