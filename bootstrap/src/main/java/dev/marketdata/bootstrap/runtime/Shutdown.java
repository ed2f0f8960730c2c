package dev.marketdata.bootstrap.runtime;

import dev.marketdata.application.relay.RelayOutboxUseCase;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered graceful stop within one deadline: undeploy the roles newest first (API: finish
 * requests in flight; poller: end its runs; relay: then publish what still waits; consumer: commit
 * its offsets), then close everything in the lifecycle in reverse order of opening.
 */
@Singleton
public final class Shutdown {
  private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

  private final Vertx vertx;
  private final RoleDeployer roles;
  private final Provider<RelayOutboxUseCase> relay;
  private final ShutdownDeadline deadline;
  private final Lifecycle lifecycle;

  @Inject
  public Shutdown(
      Vertx vertx,
      RoleDeployer roles,
      Provider<RelayOutboxUseCase> relay,
      ShutdownDeadline deadline,
      Lifecycle lifecycle) {
    this.vertx = vertx;
    this.roles = roles;
    this.relay = relay;
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
        flushRelay(until);
      }
    }
    lifecycle.closeAll(until);
  }

  /** Nothing is ingested any more: publish what still waits in the outbox, while time remains. */
  private void flushRelay(Deadline until) {
    try {
      int published;
      do {
        published =
            relay
                .get()
                .relayBatch()
                .toCompletableFuture()
                .get(until.millisLeft(), TimeUnit.MILLISECONDS);
      } while (published > 0 && !until.passed());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn(
          "outbox not flushed on shutdown; it is published on the next start: {}", e.toString());
    }
  }
}
