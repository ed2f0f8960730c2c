package dev.marketdata.adapter.kafka;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.application.relay.RelayOutboxUseCase;
import dev.marketdata.application.relay.RelayStep;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxRelayVerticleTest {
  private static final int BATCH = 10;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    result(vertx.close());
  }

  @Test
  void givenPendingOrWaitingSteps_relay_runsAgainSoonUntilAStepIsNeither() throws Exception {
    ScriptedRelay relay = new ScriptedRelay();
    relay.results.add(CompletableFuture.completedFuture(new RelayStep(BATCH, true)));
    // Nothing published, but rows about to become final: worth another read after a short pause.
    relay.results.add(CompletableFuture.completedFuture(new RelayStep(0, false, true)));
    relay.results.add(CompletableFuture.completedFuture(new RelayStep(3, false)));

    // An hour between polls: only the pending and waiting steps explain a second and third call.
    result(vertx.deployVerticle(new OutboxRelayVerticle(relay, settings(Duration.ofHours(1)))));

    until("three batches are relayed", () -> relay.calls.get() == 3);
  }

  @Test
  void givenFailures_relay_retriesWithBackoff() throws Exception {
    ScriptedRelay relay = new ScriptedRelay();
    relay.results.add(CompletableFuture.failedFuture(new IllegalStateException("kafka down")));
    relay.results.add(CompletableFuture.failedFuture(new IllegalStateException("kafka down")));
    relay.results.add(CompletableFuture.completedFuture(new RelayStep(BATCH, true)));
    relay.results.add(CompletableFuture.completedFuture(new RelayStep(1, false)));

    result(vertx.deployVerticle(new OutboxRelayVerticle(relay, settings(Duration.ofHours(1)))));

    until("the relay got past the failures", () -> relay.calls.get() == 4);
  }

  @Test
  void givenABatchInFlight_undeploy_waitsForItAndStartsNoOther() throws Exception {
    ScriptedRelay relay = new ScriptedRelay();
    CompletableFuture<RelayStep> inFlight = new CompletableFuture<>();
    relay.results.add(inFlight);
    OutboxRelayVerticle verticle = new OutboxRelayVerticle(relay, settings(Duration.ofMillis(1)));
    String id = result(vertx.deployVerticle(verticle));
    until("the first batch is in flight", () -> relay.calls.get() == 1);

    Future<Void> undeployed = vertx.undeploy(id);
    // undeploy reaches stop() asynchronously; completing the batch before that would be a
    // normal full batch followed by another, not what this test is about.
    until("stop() has run", verticle::stopRequested);
    assertThat(undeployed.isComplete()).as("stop waits for the batch in flight").isFalse();
    inFlight.complete(new RelayStep(BATCH, true)); // would normally trigger another at once

    result(undeployed);
    assertThat(relay.calls.get()).isEqualTo(1);
  }

  @Test
  void givenStepsThatFindNothing_pause_doublesFromThePollIntervalUpToTheIdleMaximum() {
    OutboxRelayVerticle verticle =
        new OutboxRelayVerticle(
            new ScriptedRelay(),
            new RelaySettings(
                BATCH, Duration.ofMillis(50), Backoff.defaults(), Duration.ofMillis(500)));

    List<Long> pauses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      pauses.add(verticle.pauseAfter(RelayStep.IDLE));
    }

    assertThat(pauses).containsExactly(50L, 100L, 200L, 400L, 500L, 500L);
  }

  @Test
  void givenAStepThatFoundRows_idlePause_startsOverFromThePollInterval() {
    OutboxRelayVerticle verticle =
        new OutboxRelayVerticle(
            new ScriptedRelay(),
            new RelaySettings(
                BATCH, Duration.ofMillis(50), Backoff.defaults(), Duration.ofMillis(500)));
    for (int i = 0; i < 4; i++) {
      verticle.pauseAfter(RelayStep.IDLE);
    }

    assertThat(verticle.pauseAfter(new RelayStep(3, false))).as("a partial batch").isEqualTo(50L);
    assertThat(verticle.pauseAfter(RelayStep.IDLE))
        .as("the first empty step after it")
        .isEqualTo(50L);
    assertThat(verticle.pauseAfter(RelayStep.IDLE)).isEqualTo(100L);
    assertThat(verticle.pauseAfter(new RelayStep(BATCH, true)))
        .as("a full batch: more rows wait")
        .isZero();
    assertThat(verticle.pauseAfter(RelayStep.IDLE)).isEqualTo(50L);
    assertThat(verticle.pauseAfter(new RelayStep(0, false, true)))
        .as("rows not final yet: re-read after a short pause, not the poll interval")
        .isEqualTo(OutboxRelayVerticle.WAITING_PAUSE_MILLIS);
    assertThat(verticle.pauseAfter(RelayStep.IDLE)).as("waiting was not idle").isEqualTo(50L);
  }

  @Test
  void givenTheIdleMaximumEqualToThePollInterval_anIdleRelay_doesNotBackOff() {
    OutboxRelayVerticle verticle =
        new OutboxRelayVerticle(new ScriptedRelay(), settings(Duration.ofMillis(50)));

    for (int i = 0; i < 10; i++) {
      assertThat(verticle.pauseAfter(RelayStep.IDLE)).isEqualTo(50L);
    }
  }

  @Test
  void givenAnIdleRelayWaitingAnHour_wake_relaysAtOnce() throws Exception {
    ScriptedRelay relay = new ScriptedRelay();
    OutboxRelayVerticle verticle = new OutboxRelayVerticle(relay, settings(Duration.ofHours(1)));
    result(vertx.deployVerticle(verticle));
    until("the first (empty) batch ran", () -> relay.calls.get() == 1);

    verticle.wake();

    until("the woken batch ran", () -> relay.calls.get() == 2);
  }

  @Test
  void givenAnIdleMaximumBelowThePollInterval_settings_areRefused() {
    assertThatThrownBy(
            () ->
                new RelaySettings(
                    BATCH, Duration.ofMillis(50), Backoff.defaults(), Duration.ofMillis(49)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("relay.idleMax");
  }

  private static RelaySettings settings(Duration pollInterval) {
    return new RelaySettings(
        BATCH, pollInterval, new Backoff(Duration.ofMillis(10), Duration.ofMillis(40)));
  }

  /** Answers each relay call with the next scripted result, then with empty batches. */
  private static final class ScriptedRelay implements RelayOutboxUseCase {
    final Deque<CompletionStage<RelayStep>> results = new ArrayDeque<>();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public synchronized CompletionStage<RelayStep> relayBatch() {
      calls.incrementAndGet();
      CompletionStage<RelayStep> next = results.poll();
      return next == null ? CompletableFuture.completedFuture(RelayStep.IDLE) : next;
    }

    @Override
    public CompletionStage<Void> resign() {
      return CompletableFuture.completedFuture(null);
    }
  }
}
