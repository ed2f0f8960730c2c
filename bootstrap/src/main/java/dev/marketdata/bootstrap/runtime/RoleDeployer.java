package dev.marketdata.bootstrap.runtime;

import dev.marketdata.adapter.http.HttpServerVerticle;
import dev.marketdata.adapter.http.LiveFeedVerticle;
import dev.marketdata.adapter.kafka.KafkaSettings;
import dev.marketdata.adapter.kafka.KafkaTopics;
import dev.marketdata.adapter.kafka.MovingAverageConsumerVerticle;
import dev.marketdata.adapter.kafka.OutboxRelayVerticle;
import dev.marketdata.adapter.scheduler.BackfillSchedulerVerticle;
import dev.marketdata.adapter.scheduler.BarCloseVerticle;
import dev.marketdata.adapter.scheduler.PollSchedulerVerticle;
import dev.marketdata.adapter.scheduler.StorageMaintenanceVerticle;
import dev.marketdata.bootstrap.config.Role;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.metrics.Gauges;
import dev.marketdata.domain.port.OutboxDoorbell.Kind;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Deploys the verticles of this process's roles (each built by the graph), in the order consumer,
 * storage maintenance and relay (the relay role runs both), poller, live feed and HTTP, and
 * remembers them so they can be stopped newest first.
 */
@Singleton
public final class RoleDeployer {
  static final String OUTBOX_RELAY = "outbox relay";

  /** One deployed verticle of a role, named as the log calls it. */
  public record Deployment(Role role, String name, String id) {
    /** The relay, after whose stop the outbox is flushed. */
    public boolean isOutboxRelay() {
      return name.equals(OUTBOX_RELAY);
    }
  }

  private final Vertx vertx;
  private final ServiceConfig config;
  private final Provider<KafkaSettings> kafka;
  private final Provider<MovingAverageConsumerVerticle> consumer;
  private final Provider<OutboxRelayVerticle> relay;
  private final Provider<OutboxRelayVerticle> averageRelay;
  private final Provider<OutboxRelayVerticle> barRelay;
  private final Provider<PollSchedulerVerticle> scheduler;
  private final Provider<BackfillSchedulerVerticle> backfills;
  private final Provider<StorageMaintenanceVerticle> maintenance;
  private final Provider<BarCloseVerticle> barClose;
  private final Provider<HttpServerVerticle> http;
  private final Provider<LiveFeedVerticle> liveFeed;
  private final Gauges gauges;
  private final InProcessDoorbell doorbell;
  private final List<Deployment> deployments = new ArrayList<>(); // in start order
  private final AtomicReference<HttpServerVerticle> firstHttp = new AtomicReference<>();

  @Inject
  public RoleDeployer(
      Vertx vertx,
      ServiceConfig config,
      Provider<KafkaSettings> kafka,
      Provider<MovingAverageConsumerVerticle> consumer,
      Provider<OutboxRelayVerticle> relay,
      @Named("averages") Provider<OutboxRelayVerticle> averageRelay,
      @Named("bars") Provider<OutboxRelayVerticle> barRelay,
      Provider<PollSchedulerVerticle> scheduler,
      Provider<BackfillSchedulerVerticle> backfills,
      Provider<StorageMaintenanceVerticle> maintenance,
      Provider<BarCloseVerticle> barClose,
      Provider<HttpServerVerticle> http,
      Provider<LiveFeedVerticle> liveFeed,
      Gauges gauges,
      InProcessDoorbell doorbell) {
    this.vertx = vertx;
    this.config = config;
    this.kafka = kafka;
    this.consumer = consumer;
    this.relay = relay;
    this.averageRelay = averageRelay;
    this.barRelay = barRelay;
    this.scheduler = scheduler;
    this.backfills = backfills;
    this.maintenance = maintenance;
    this.barClose = barClose;
    this.http = http;
    this.liveFeed = liveFeed;
    this.gauges = gauges;
    this.doorbell = doorbell;
  }

  /** Deploys every role this process runs; throws when one does not start within a minute. */
  public void deployAll() {
    if (config.runs(Role.RELAY) || config.runs(Role.CONSUMER)) {
      await(KafkaTopics.ensure(vertx, kafka.get()), "creating the Kafka topics");
    }
    if (config.runs(Role.CONSUMER)) {
      gauges.consumerLag();
      deploy(Role.CONSUMER, "moving-average consumer", consumer::get, 1);
    }
    if (config.runs(Role.RELAY)) {
      // Every deployment has a relay; with several, one at a time does the work (ADR 0009).
      deploy(Role.RELAY, "storage maintenance", maintenance::get, 1);
      // Completed bars, queued for price-bars and the live streams (ADR 0013).
      deploy(Role.RELAY, "bar close", barClose::get, 1);
      deploy(Role.RELAY, OUTBOX_RELAY, answering(Kind.PRICES, relay), 1);
      // Changed averages the consumers queued, to price-averages (ADR 0011).
      deploy(Role.RELAY, "average relay", answering(Kind.AVERAGES, averageRelay), 1);
      deploy(Role.RELAY, "bar relay", answering(Kind.BARS, barRelay), 1);
      gauges.outboxDepth();
    }
    if (config.runs(Role.POLLER)) {
      gauges.pollerGauges();
      deploy(Role.POLLER, "poll scheduler", scheduler::get, 1);
      deploy(Role.POLLER, "backfill scheduler", backfills::get, 1);
    }
    // Every process listens: the API role serves the API, the others only health and metrics,
    // so each replica can be probed and scraped on MDS_HTTP_PORT.
    boolean api = config.runs(Role.API);
    if (api) {
      // Before the listener: a stream opened at once already has a feed position to start from.
      deploy(Role.API, "live feed", liveFeed::get, 1);
    }
    deploy(
        Role.API,
        api ? "HTTP API" : "health and metrics endpoint",
        () -> {
          HttpServerVerticle verticle = http.get();
          firstHttp.compareAndSet(null, verticle);
          return verticle;
        },
        api ? Math.max(1, Runtime.getRuntime().availableProcessors()) : 1);
  }

  /** The port the HTTP listener is bound to, or -1 before it is. */
  public int httpPort() {
    HttpServerVerticle verticle = firstHttp.get();
    return verticle == null ? -1 : verticle.actualPort();
  }

  /** What was deployed, newest first: the order to stop it in. */
  public List<Deployment> newestFirst() {
    List<Deployment> copy;
    synchronized (deployments) {
      copy = new ArrayList<>(deployments);
    }
    Collections.reverse(copy);
    return copy;
  }

  /**
   * Builds the relay and has this process's writers of its outbox wake it after their commits, so
   * an idle relay may wait long between steps without delaying the next event.
   */
  private Supplier<Deployable> answering(Kind kind, Provider<OutboxRelayVerticle> relay) {
    return () -> {
      OutboxRelayVerticle verticle = relay.get();
      doorbell.answer(kind, verticle::wake);
      return verticle;
    };
  }

  private void deploy(Role role, String name, Supplier<Deployable> factory, int instances) {
    String id =
        await(
            vertx.deployVerticle(factory, new DeploymentOptions().setInstances(instances)),
            "starting the " + name);
    synchronized (deployments) {
      deployments.add(new Deployment(role, name, id));
    }
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + what, e);
    } catch (Exception e) {
      throw new IllegalStateException("failed " + what + ": " + e.getMessage(), e);
    }
  }
}
