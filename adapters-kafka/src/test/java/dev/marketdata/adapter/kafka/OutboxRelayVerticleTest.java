package dev.marketdata.adapter.kafka;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.relay.RelayOutboxUseCase;
import dev.marketdata.application.relay.RelayStep;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
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
  void givenPendingSteps_relay_runsAgainAtOnceUntilAStepIsNotPending() throws Exception {
    ScriptedRelay relay = new ScriptedRelay();
    relay.results.add(CompletableFuture.completedFuture(new RelayStep(BATCH, true)));
    // Nothing published, but rows about to become final: worth another read at once.
    relay.results.add(CompletableFuture.completedFuture(new RelayStep(0, true)));
    relay.results.add(CompletableFuture.completedFuture(new RelayStep(3, false)));

    // An hour between polls: only the pending steps can explain a second and third call.
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
