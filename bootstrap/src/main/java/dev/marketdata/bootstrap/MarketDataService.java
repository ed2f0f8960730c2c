package dev.marketdata.bootstrap;

import dev.marketdata.adapter.persistence.Migrations;
import dev.marketdata.adapter.persistence.PgConnectionConfig;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.runtime.Deadline;
import dev.marketdata.bootstrap.runtime.EmbeddedServers;
import dev.marketdata.bootstrap.runtime.EmbeddedServers.Endpoints;
import dev.marketdata.bootstrap.runtime.Lifecycle;
import dev.marketdata.bootstrap.runtime.VertxFactory;
import dev.marketdata.bootstrap.tracing.Telemetry;
import dev.marketdata.bootstrap.wiring.DaggerServiceComponent;
import dev.marketdata.bootstrap.wiring.ServiceComponent;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running process, in order: the embedded servers its configuration names none for, the schema,
 * metrics and Vert.x, then the graph, which deploys the verticles of its roles; stopped in the
 * reverse order within one deadline.
 */
public final class MarketDataService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MarketDataService.class);

  private ServiceConfig config;
  private final OpenTelemetry givenTelemetry;
  private final Lifecycle lifecycle = new Lifecycle();
  private PgConnectionConfig database;
  private ServiceComponent component;
  private boolean closed;

  private MarketDataService(ServiceConfig config, OpenTelemetry telemetry) {
    this.config = config;
    this.givenTelemetry = telemetry;
  }

  /** Starts everything this process's roles need; on failure, closes what was opened and throws. */
  public static MarketDataService start(ServiceConfig config) {
    return start(config, null);
  }

  /**
   * As {@link #start(ServiceConfig)}, tracing into {@code telemetry} (a test's in-memory exporter)
   * rather than what the configuration says; the caller closes it.
   */
  public static MarketDataService start(ServiceConfig config, OpenTelemetry telemetry) {
    MarketDataService service = new MarketDataService(config, telemetry);
    try {
      service.startAll();
      return service;
    } catch (RuntimeException | Error e) { // an Error too: half-started servers would outlive it
      service.close();
      throw e;
    }
  }

  private void startAll() {
    if (config.http().port() == 0) {
      // Port 0 would give every HTTP verticle its own random port; pick one they all share.
      config = config.withHttpPort(freePort());
    }
    Endpoints endpoints = EmbeddedServers.startMissing(config, lifecycle);
    database = config.database().connection(endpoints.databaseUrl());
    Migrations.migrate(database);

    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    lifecycle.addBlocking("metrics registry", meters::close);
    OpenTelemetry telemetry = givenTelemetry;
    if (telemetry == null) {
      telemetry = Telemetry.create(config.tracing(), config.instance().id());
      OpenTelemetry built = telemetry;
      // Closed after Vert.x (the lifecycle closes in reverse), so the last spans are exported.
      lifecycle.addBlocking("tracing", () -> Telemetry.close(built));
    }
    boolean tracing = givenTelemetry != null || config.tracing().enabled();
    Vertx vertx = VertxFactory.create(meters, telemetry, tracing);
    lifecycle.add("Vert.x", () -> vertx.close().toCompletionStage());

    component =
        DaggerServiceComponent.factory()
            .create(vertx, config, database, endpoints, meters, lifecycle, telemetry);
    component.roles().deployAll();
    log.info(
        "market-data-service ready: roles={} http_port={} instance={}",
        config.instance().roles(),
        httpPort(),
        config.instance().id());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the HTTP listener", e);
    }
  }

  /** The port the HTTP listener is bound to (the API, or only health and metrics). */
  public int httpPort() {
    return component == null ? -1 : component.roles().httpPort();
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
    if (component != null) {
      component.shutdown().run();
    } else { // failed before the graph existed: only servers, metrics and Vert.x to close
      lifecycle.closeAll(Deadline.in(config.shutdown().timeout()));
    }
    log.info("market-data-service stopped");
  }
}
