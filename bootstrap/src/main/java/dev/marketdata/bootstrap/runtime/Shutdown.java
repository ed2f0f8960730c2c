package dev.marketdata.bootstrap.runtime;

import dev.marketdata.application.relay.RelayAveragesUseCase;
import dev.marketdata.application.relay.RelayBarsUseCase;
import dev.marketdata.application.relay.RelayOutboxUseCase;
import dev.marketdata.application.relay.RelayStep;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered graceful stop within one deadline: undeploy the roles newest first (API: finish
 * requests in flight; poller: end its runs; relay: then publish what still waits and give the three
 * outboxes' leases up, so another relay replica leads at once; consumer: commit its offsets), then
 * close everything in the lifecycle in reverse order of opening.
 */
@Singleton
public final class Shutdown {
  private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

  private final Vertx vertx;
  private final RoleDeployer roles;
  private final Provider<RelayOutboxUseCase> relay;
  private final Provider<RelayAveragesUseCase> averageRelay;
  private final Provider<RelayBarsUseCase> barRelay;
  private final ShutdownDeadline deadline;
  private final Lifecycle lifecycle;

  @Inject
  public Shutdown(
      Vertx vertx,
      RoleDeployer roles,
      Provider<RelayOutboxUseCase> relay,
      Provider<RelayAveragesUseCase> averageRelay,
      Provider<RelayBarsUseCase> barRelay,
      ShutdownDeadline deadline,
      Lifecycle lifecycle) {
    this.vertx = vertx;
    this.roles = roles;
    this.relay = relay;
    this.averageRelay = averageRelay;
    this.barRelay = barRelay;
    this.deadline = deadline;
    this.lifecycle = lifecycle;
  }

  public void run() {
    Deadline until = deadline.begin();
    for (RoleDeployer.Deployment deployment : roles.newestFirst()) {
      try {
        vertx
            .undeploy(deployment.id())
            .toCompletionStage()
            .toCompletableFuture()
            .get(until.millisLeft(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        log.warn(
            "stopping the {} ({} role) did not finish cleanly: {}",
            deployment.name(),
            deployment.role(),
            e.toString());
      }
      if (deployment.isOutboxRelay()) {
        // The average and bar relays were undeployed before (newest first).
        flushRelay(until);
        resign(until, relay.get(), averageRelay.get(), barRelay.get());
      }
    }
    lifecycle.closeAll(until);
  }

  /** Nothing is ingested any more: publish what still waits in the outbox, while time remains. */
  private void flushRelay(Deadline until) {
    try {
      RelayStep step;
      do {
        step =
            relay
                .get()
                .relayBatch()
                .toCompletableFuture()
                .get(until.millisLeft(), TimeUnit.MILLISECONDS);
      } while ((step.published() > 0 || step.pending() || step.waiting()) && !until.passed());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn(
          "outbox not flushed on shutdown; it is published on the next start: {}", e.toString());
    }
  }

  /** Gives the outboxes' leases up: a follower replica leads now, not once the leases ended. */
  private void resign(Deadline until, RelayOutboxUseCase... relays) {
    for (RelayOutboxUseCase r : relays) {
      try {
        r.resign().toCompletableFuture().get(until.millisLeft(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        log.warn("relay lease not given up on shutdown; it ends by itself: {}", e.toString());
      }
    }
  }
}
