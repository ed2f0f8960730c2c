package dev.marketdata.bootstrap;

import dev.marketdata.adapter.http.HttpServerVerticle;
import dev.marketdata.adapter.kafka.Backoff;
import dev.marketdata.adapter.kafka.KafkaSettings;
import dev.marketdata.adapter.kafka.KafkaTopics;
import dev.marketdata.adapter.kafka.MovingAverageConsumerVerticle;
import dev.marketdata.adapter.kafka.OutboxRelayVerticle;
import dev.marketdata.adapter.kafka.RelaySettings;
import dev.marketdata.adapter.persistence.Migrations;
import dev.marketdata.adapter.persistence.PgConnectionConfig;
import dev.marketdata.adapter.persistence.PgPools;
import dev.marketdata.bootstrap.config.Role;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.runtime.Deadline;
import dev.marketdata.bootstrap.runtime.Lifecycle;
import dev.marketdata.bootstrap.runtime.PollSchedulerVerticle;
import dev.marketdata.bootstrap.wiring.DaggerServiceComponent;
import dev.marketdata.bootstrap.wiring.ServiceComponent;
import dev.marketdata.devservices.kafka.EmbeddedKafka;
import dev.marketdata.devservices.postgres.EmbeddedPostgres;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running process: starts the embedded servers when no external ones are configured, wires the
 * graph, deploys the verticles of its roles, and stops them in order within a deadline.
 */
public final class MarketDataService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MarketDataService.class);

  private ServiceConfig config;
  private final Lifecycle lifecycle = new Lifecycle();

  private record Deployment(Role role, String id) {}

  private final List<Deployment> deployments = new ArrayList<>(); // in start order
  private Vertx vertx;
  private ServiceComponent component;
  private EmbeddedPostgres embeddedPostgres;
  private EmbeddedKafka embeddedKafka;
  private final AtomicReference<HttpServerVerticle> firstHttpVerticle = new AtomicReference<>();
  private final AtomicReference<Deadline> shutdownDeadline = new AtomicReference<>();
  private boolean closed;
  private PgConnectionConfig database;

  private MarketDataService(ServiceConfig config) {
    this.config = config;
  }

  /** Starts everything this process's roles need; on failure, closes what was opened and throws. */
  public static MarketDataService start(ServiceConfig config) {
    MarketDataService service = new MarketDataService(config);
    try {
      service.startAll();
      return service;
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  private void startAll() {
    if (config.http().port() == 0) {
      // Port 0 would give every HTTP verticle its own random port; pick one they all share.
      config = config.withHttpPort(freePort());
    }
    String databaseUrl = config.database().url().orElseGet(this::startEmbeddedPostgres);
    String kafkaServers = config.kafka().bootstrapServers().orElseGet(this::startEmbeddedKafka);
    logMode(databaseUrl, kafkaServers);

    PgConnectionConfig pg = PgConnectionConfig.fromUrl(databaseUrl, config.database().poolSize());
    database = pg;
    Migrations.migrate(pg);

    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    lifecycle.addBlocking("metrics registry", meters::close);
    vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setMetricsOptions(
                        new MicrometerMetricsOptions()
                            .setEnabled(true)
                            .setJvmMetricsEnabled(true)
                            .setPrometheusOptions(
                                new VertxPrometheusOptions()
                                    .setEnabled(true)
                                    .setPublishQuantiles(true))
                            // Pool labels too (Vert.x's defaults have them): without them the
                            // worker and PostgreSQL pools report the same untagged gauges and
                            // Micrometer keeps only the first, with a warning at startup.
                            .setLabels(
                                EnumSet.of(
                                    Label.HTTP_ROUTE,
                                    Label.HTTP_METHOD,
                                    Label.HTTP_CODE,
                                    Label.POOL_TYPE,
                                    Label.POOL_NAME))))
            .withMetrics(new MicrometerMetricsFactory(meters))
            .build();
    lifecycle.add("Vert.x", () -> vertx.close().toCompletionStage());
    Pool pool = PgPools.open(vertx, pg);
    lifecycle.add("PostgreSQL pool", () -> pool.close().toCompletionStage());

    KafkaSettings kafka = kafkaSettings(kafkaServers);
    component =
        DaggerServiceComponent.factory().create(vertx, config, pool, kafka, meters, lifecycle);

    if (config.runs(Role.RELAY) || config.runs(Role.CONSUMER)) {
      await(KafkaTopics.ensure(vertx, kafka), "creating the Kafka topics");
    }
    if (config.runs(Role.CONSUMER)) {
      registerConsumerLagGauges(meters);
      deploy(
          Role.CONSUMER,
          "moving-average consumer",
          () ->
              new MovingAverageConsumerVerticle(
                  kafka,
                  component.applyPriceEvents(),
                  component.priceEventCodec(),
                  Backoff.defaults()),
          1);
    }
    if (config.runs(Role.RELAY)) {
      RelaySettings relay =
          new RelaySettings(
              config.relay().batchSize(), config.relay().pollInterval(), Backoff.defaults());
      deploy(
          Role.RELAY, "outbox relay", () -> new OutboxRelayVerticle(component.relay(), relay), 1);
      registerOutboxDepthGauge(meters);
    }
    if (config.runs(Role.POLLER)) {
      deploy(
          Role.POLLER,
          "poll scheduler",
          () -> new PollSchedulerVerticle(component.pollTick(), config.poll().tick()),
          1);
    }
    // Every process listens: the API role serves the API, the others only health and metrics,
    // so each replica can be probed and scraped on MDS_HTTP_PORT.
    boolean api = config.runs(Role.API);
    deploy(
        Role.API,
        api ? "HTTP API" : "health and metrics endpoint",
        () -> {
          HttpServerVerticle verticle =
              new HttpServerVerticle(component.httpApi(), !api, this::httpDrainGrace);
          firstHttpVerticle.compareAndSet(null, verticle);
          return verticle;
        },
        api ? Math.max(1, Runtime.getRuntime().availableProcessors()) : 1);
    log.info(
        "market-data-service ready: roles={} http_port={} instance={}",
        config.instance().roles(),
        httpPort(),
        config.instance().id());
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("no free port for the HTTP listener", e);
    }
  }

  private String startEmbeddedPostgres() {
    embeddedPostgres =
        EmbeddedPostgres.startPersistentOwnedByCaller(
            config.instance().dataDir().resolve("postgres"));
    lifecycle.addBlocking("embedded PostgreSQL", embeddedPostgres);
    return embeddedPostgres.adminDatabase().postgresqlUrl();
  }

  private String startEmbeddedKafka() {
    embeddedKafka = EmbeddedKafka.start(config.instance().dataDir().resolve("kafka"));
    lifecycle.addBlocking("embedded Kafka", embeddedKafka);
    return embeddedKafka.bootstrapServers();
  }

  private void logMode(String databaseUrl, String kafkaServers) {
    if (config.embedded()) {
      log.info(
          "Embedded mode: PostgreSQL {}:{} and Kafka {} run in this process, data in {};"
              + " default provider {}. Set MDS_DATABASE_URL and MDS_KAFKA_BOOTSTRAP_SERVERS"
              + " to use real servers.",
          embeddedPostgres.host(),
          embeddedPostgres.port(),
          kafkaServers,
          config.instance().dataDir(),
          config.providers().defaultProvider());
    } else {
      log.info(
          "External mode: PostgreSQL {} ({}), Kafka {} ({})",
          PgConnectionConfig.fromUrl(databaseUrl, 1),
          embeddedPostgres == null ? "MDS_DATABASE_URL" : "embedded",
          kafkaServers,
          embeddedKafka == null ? "MDS_KAFKA_BOOTSTRAP_SERVERS" : "embedded");
    }
  }

  private KafkaSettings kafkaSettings(String servers) {
    KafkaSettings d = KafkaSettings.defaults(servers);
    return new KafkaSettings(
        servers,
        "mds-" + config.instance().id(),
        d.groupId(),
        d.topic(),
        d.deadLetterTopic(),
        config.kafka().partitions(),
        config.kafka().replicationFactor(),
        d.deliveryTimeout(),
        d.requestTimeout(),
        d.maxBlock(),
        config.consumer().maxPollRecords(),
        d.pollTimeout());
  }

  private void registerOutboxDepthGauge(PrometheusMeterRegistry meters) {
    AtomicLong depth = new AtomicLong();
    Gauge.builder("mds.outbox.depth", depth, AtomicLong::get)
        .description("Events stored but not yet acknowledged by Kafka")
        .register(meters);
    vertx.setPeriodic(
        1,
        5_000,
        id ->
            Future.fromCompletionStage(component.outbox().depth())
                .onSuccess(depth::set)
                .onFailure(e -> log.debug("outbox depth unavailable: {}", e.toString())));
  }

  private void registerConsumerLagGauges(PrometheusMeterRegistry meters) {
    var probe = component.consumerLag();
    lifecycle.addBlocking("consumer lag probe", probe);
    java.util.Map<Integer, AtomicLong> lag = new java.util.concurrent.ConcurrentHashMap<>();
    vertx.setPeriodic(
        1,
        5_000,
        id ->
            probe
                .lagByPartition()
                .onSuccess(
                    byPartition ->
                        byPartition.forEach(
                            (partition, value) ->
                                lag.computeIfAbsent(
                                        partition,
                                        p -> {
                                          AtomicLong holder = new AtomicLong();
                                          Gauge.builder("mds.consumer.lag", holder, AtomicLong::get)
                                              .description(
                                                  "Records of price-events not yet applied")
                                              .tag("partition", String.valueOf(p))
                                              .register(meters);
                                          return holder;
                                        })
                                    .set(value)))
                .onFailure(e -> log.debug("consumer lag unavailable: {}", e.toString())));
  }

  private void deploy(
      Role role,
      String name,
      java.util.function.Supplier<io.vertx.core.Deployable> factory,
      int n) {
    String id =
        await(
            vertx.deployVerticle(factory::get, new DeploymentOptions().setInstances(n)),
            "starting the " + name);
    synchronized (deployments) {
      deployments.add(new Deployment(role, id));
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

  /** The port the HTTP listener is bound to (the API, or only health and metrics). */
  public int httpPort() {
    HttpServerVerticle verticle = firstHttpVerticle.get();
    return verticle == null ? -1 : verticle.actualPort();
  }

  /** Where this process keeps its data (the embedded server's, when embedded). */
  public PgConnectionConfig database() {
    return database;
  }

  public ServiceConfig config() {
    return config;
  }

  /**
   * Graceful stop within {@code MDS_SHUTDOWN_TIMEOUT_SECONDS}: stop accepting and finish in-flight
   * requests, stop scheduling, flush the relay, commit consumer offsets, then close pools and the
   * embedded servers.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Deadline deadline = Deadline.in(config.shutdown().timeout());
    shutdownDeadline.set(deadline);
    List<Deployment> newestFirst;
    synchronized (deployments) {
      newestFirst = new ArrayList<>(deployments);
    }
    java.util.Collections.reverse(newestFirst); // API, poller, relay, consumer
    for (Deployment deployment : newestFirst) {
      try {
        vertx
            .undeploy(deployment.id())
            .toCompletionStage()
            .toCompletableFuture()
            .get(deadline.millisLeft(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        log.warn(
            "stopping the {} role did not finish cleanly: {}", deployment.role(), e.toString());
      }
      if (deployment.role() == Role.RELAY) {
        flushRelay(deadline);
      }
    }
    lifecycle.closeAll(deadline);
    log.info("market-data-service stopped");
  }

  /** Nothing is ingested any more: publish what still waits in the outbox, while time remains. */
  private void flushRelay(Deadline deadline) {
    try {
      int published;
      do {
        published =
            component
                .relay()
                .relayBatch()
                .toCompletableFuture()
                .get(deadline.millisLeft(), TimeUnit.MILLISECONDS);
      } while (published > 0 && !deadline.passed());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn(
          "outbox not flushed on shutdown; it is published on the next start: {}", e.toString());
    }
  }

  /**
   * How long requests in flight may take to finish once the API stops: half of what is left of the
   * shutdown deadline, so the scheduler, the relay flush, the consumer's commit and the pools keep
   * the other half.
   */
  private Duration httpDrainGrace() {
    Deadline deadline = shutdownDeadline.get();
    Duration left = deadline == null ? config.shutdown().timeout() : deadline.remaining();
    return left.dividedBy(2);
  }
}
