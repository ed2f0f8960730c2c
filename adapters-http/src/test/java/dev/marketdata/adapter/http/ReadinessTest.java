package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ReadinessTest {
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final Duration MAX_AGE = Duration.ofSeconds(1);

  final AtomicLong now = new AtomicLong();
  final ListAppender<ILoggingEvent> log = new ListAppender<>();
  final Logger logger = (Logger) LoggerFactory.getLogger(Readiness.class);
  Level levelBefore;

  @BeforeEach
  void captureLog() {
    levelBefore = logger.getLevel();
    logger.setLevel(Level.INFO);
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(log);
    logger.setLevel(levelBefore);
  }

  /** A check that counts its runs and answers what {@code answer} says at that moment. */
  static final class Counted implements HealthCheck {
    final String name;
    final AtomicInteger runs = new AtomicInteger();
    volatile Supplier<CompletionStage<Boolean>> answer;

    Counted(String name, Supplier<CompletionStage<Boolean>> answer) {
      this.name = name;
      this.answer = answer;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public CompletionStage<Boolean> check() {
      runs.incrementAndGet();
      return answer.get();
    }
  }

  Readiness readiness(HealthCheck... checks) {
    return new Readiness(Set.of(checks), TIMEOUT, MAX_AGE, now::get);
  }

  static Readiness.Outcome await(CompletionStage<Readiness.Outcome> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void givenCallsWithinMaxAge_theChecksRunOnce_andAgainOnceItHasPassed() throws Exception {
    Counted db = new Counted("postgresql", () -> CompletableFuture.completedFuture(true));
    Readiness readiness = readiness(db);

    for (int i = 0; i < 50; i++) {
      assertThat(await(readiness.outcome()).ready()).isTrue();
      now.addAndGet(MAX_AGE.toNanos() / 100);
    }
    assertThat(db.runs).hasValue(1);

    now.addAndGet(MAX_AGE.toNanos() / 2);
    await(readiness.outcome());
    assertThat(db.runs).hasValue(2);
  }

  @Test
  void callersWhileARunIsUnderWay_shareIt() throws Exception {
    CompletableFuture<Boolean> slow = new CompletableFuture<>();
    Counted kafka = new Counted("kafka", () -> slow);
    Readiness readiness = readiness(kafka);

    List<CompletionStage<Readiness.Outcome>> waiting = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      waiting.add(readiness.outcome());
      now.addAndGet(MAX_AGE.toNanos()); // time passes, but nothing has finished to grow old
    }
    assertThat(kafka.runs).hasValue(1);
    slow.complete(true);

    for (CompletionStage<Readiness.Outcome> each : waiting) {
      assertThat(await(each).checks()).containsExactly(new Readiness.CheckState("kafka", true));
    }
  }

  @Test
  void aDownCheck_isNamedWithoutItsCause_whichIsLoggedOncePerChangeOfState() throws Exception {
    RuntimeException cause =
        new RuntimeException("FATAL: password authentication failed for user \"mds\"");
    Counted db = new Counted("postgresql", () -> CompletableFuture.failedFuture(cause));
    Counted kafka = new Counted("kafka", () -> CompletableFuture.completedFuture(true));
    Readiness readiness = readiness(db, kafka);

    Readiness.Outcome down = await(readiness.outcome());
    assertThat(down.ready()).isFalse();
    assertThat(down.checks())
        .containsExactly(
            new Readiness.CheckState("kafka", true), new Readiness.CheckState("postgresql", false));
    for (int i = 0; i < 3; i++) {
      now.addAndGet(MAX_AGE.toNanos());
      await(readiness.outcome());
    }
    db.answer = () -> CompletableFuture.completedFuture(true);
    now.addAndGet(MAX_AGE.toNanos());
    assertThat(await(readiness.outcome()).ready()).isTrue();
    db.answer = () -> CompletableFuture.completedFuture(false);
    now.addAndGet(MAX_AGE.toNanos());
    assertThat(await(readiness.outcome()).ready()).isFalse();

    assertThat(db.runs).hasValue(6);
    List<String> lines =
        log.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    assertThat(lines)
        .containsExactly(
            "WARN readiness check postgresql is DOWN",
            "INFO readiness check postgresql is UP again",
            "WARN readiness check postgresql is DOWN: reported not ready");
    assertThat(log.list.get(0).getThrowableProxy().getMessage()).isEqualTo(cause.getMessage());
  }

  @Test
  void aThrowingOrSilentCheck_isDown() throws Exception {
    Counted throwing =
        new Counted(
            "broker",
            () -> {
              throw new IllegalStateException("no broker");
            });
    Counted silent = new Counted("postgresql", CompletableFuture::new);
    Readiness readiness =
        new Readiness(Set.of(throwing, silent), Duration.ofMillis(50), MAX_AGE, now::get);

    assertThat(await(readiness.outcome()).checks())
        .containsExactly(
            new Readiness.CheckState("broker", false),
            new Readiness.CheckState("postgresql", false));
    assertThat(log.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains("readiness check postgresql is DOWN: no answer within 50 ms");
  }
}
