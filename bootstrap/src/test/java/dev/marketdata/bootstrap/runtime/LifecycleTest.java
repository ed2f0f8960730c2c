package dev.marketdata.bootstrap.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void givenResourcesThatNeverClose_closeAll_sharesOneDeadlineInsteadOfGivingEachTheWholeOfIt() {
    Lifecycle lifecycle = new Lifecycle();
    List<String> asked = new CopyOnWriteArrayList<>();
    for (String name : List.of("embedded PostgreSQL", "pool", "Vert.x", "metrics")) {
      lifecycle.add(
          name,
          () -> {
            asked.add(name);
            return new CompletableFuture<>(); // never completes
          });
    }

    long start = System.nanoTime();
    lifecycle.closeAll(Deadline.in(Duration.ofMillis(1_500)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // Each was asked, newest first; together they took the one deadline, not four of them (6 s).
    assertThat(asked).containsExactly("metrics", "Vert.x", "pool", "embedded PostgreSQL");
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(1_400))
        .isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void givenTheDeadlinePassed_closeAll_stillAsksEveryResourceWithinTheSharedFloor() {
    Lifecycle lifecycle = new Lifecycle();
    List<String> closed = new CopyOnWriteArrayList<>();
    lifecycle.add("slow", CompletableFuture::new);
    lifecycle.add("quick", () -> CompletableFuture.runAsync(() -> closed.add("quick")));
    lifecycle.addBlocking("blocking", () -> closed.add("blocking"));

    long start = System.nanoTime();
    lifecycle.closeAll(Deadline.in(Duration.ZERO));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(closed).containsExactly("blocking", "quick");
    assertThat(took).isLessThan(Lifecycle.FLOOR.multipliedBy(3));
  }

  @Test
  void givenAFailingResource_closeAll_goesOnWithTheOthers() {
    Lifecycle lifecycle = new Lifecycle();
    List<String> closed = new CopyOnWriteArrayList<>();
    lifecycle.add("first", () -> CompletableFuture.runAsync(() -> closed.add("first")));
    lifecycle.add("broken", () -> CompletableFuture.failedFuture(new IllegalStateException("x")));
    lifecycle.addBlocking(
        "throws",
        () -> {
          throw new IllegalStateException("y");
        });

    lifecycle.closeAll(Deadline.in(Duration.ofSeconds(5)));

    assertThat(closed).containsExactly("first");
  }

  @Test
  void deadline_remainingShrinksToZero_andAtLeastExtendsOnlyWhenLater() {
    Deadline passed = Deadline.in(Duration.ZERO);
    assertThat(passed.passed()).isTrue();
    assertThat(passed.remaining()).isEqualTo(Duration.ZERO);
    assertThat(passed.millisLeft()).isEqualTo(1);
    assertThat(passed.atLeast(Duration.ofSeconds(10)).remaining())
        .isGreaterThan(Duration.ofSeconds(9));

    Deadline far = Deadline.in(Duration.ofMinutes(5));
    assertThat(far.atLeast(Duration.ofSeconds(1))).isSameAs(far);
  }
}
