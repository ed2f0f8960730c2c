package dev.marketdata.bench;

import dev.marketdata.testsupport.TcpPorts;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Part 1: {@code GET /prices/latest} served from the freshness window, against a bare Vert.x
 * endpoint returning the same bytes, with the same load generator and connection count.
 */
final class HttpBench {
  private static final Logger log = LoggerFactory.getLogger(HttpBench.class);
  static final String PATH = "/prices/latest?symbol=AAPL&provider=simulated";

  /** The service configured so every request is a cache hit and the client limiter never bites. */
  static final Map<String, String> SERVICE_ENV =
      Map.of(
          "MDS_FRESHNESS_MILLIS", "86400000",
          "MDS_RATE_LIMIT_CAPACITY", "1000000",
          "MDS_RATE_LIMIT_PER_SECOND", "1000000");

  private final BenchContext ctx;

  HttpBench(BenchContext ctx) {
    this.ctx = ctx;
  }

  /** Loads a service started with {@link #SERVICE_ENV}, then the bare server with its answer. */
  JsonObject run(BenchService svc) throws Exception {
    Measured service = measure(svc);
    LoadResult bare = bare(service.body());
    log.info("HTTP service {}", service.load());
    log.info("HTTP bare    {}", bare);
    return new JsonObject()
        .put("path", PATH)
        .put("service_env", new JsonObject(Map.copyOf(SERVICE_ENV)))
        .put("response_bytes", service.body().length())
        .put("service", service.load().toJson())
        .put("bare_vertx", bare.toJson())
        .put("ratio", Report.round(service.load().requestsPerSecond() / bare.requestsPerSecond()));
  }

  /** What the measured window of one service saw, and the answer it gave. */
  record Measured(String body, LoadResult load) {}

  /**
   * Primes the freshness window (the one provider call), warms up, then measures; fails when the
   * window called the provider (not every answer a cache hit) or any request failed.
   */
  Measured measure(BenchService svc) throws Exception {
    String body = svc.get(PATH);
    load(svc.port(), ctx.params().httpWarmupSeconds()); // JIT warm-up, not recorded
    PromMetrics before = svc.metrics();
    LoadResult service = load(svc.port(), ctx.params().httpSeconds());
    PromMetrics after = svc.metrics();
    double providerCalls =
        after.value("mds_provider_calls_total") - before.value("mds_provider_calls_total");
    if (providerCalls > 0) {
      throw new IllegalStateException(
          "the measured run called the provider " + providerCalls + " times: not a cache hit");
    }
    if (service.errors() > 0) {
      throw new IllegalStateException(service.errors() + " failed requests against the service");
    }
    return new Measured(body, service);
  }

  /**
   * Part 1b: the same cached GET against services in external mode (PostgreSQL and Kafka started by
   * the harness): {@code MDS_ROLES=api}, then all four roles with nothing to do (no poll job, an
   * empty outbox), then the bare server, in one run: whether idle background roles cost the API its
   * throughput or p99.
   */
  JsonObject apiRole() throws Exception {
    try (ExternalInfra infra = ExternalInfra.start(ctx.workDir().resolve("http-api-role-infra"))) {
      Measured api = externalService(infra, "http-api-role", "api");
      Measured all = externalService(infra, "http-all-roles-idle", "api,poller,relay,consumer");
      LoadResult bare = bare(api.body());
      log.info("HTTP api role       {}", api.load());
      log.info("HTTP all roles idle {}", all.load());
      log.info("HTTP bare           {}", bare);
      return new JsonObject()
          .put("path", PATH)
          .put("service_env", new JsonObject(Map.copyOf(SERVICE_ENV)))
          .put("infra", infra.describe())
          .put("api_role", api.load().toJson())
          .put("all_roles_idle", all.load().toJson())
          .put("bare_vertx", bare.toJson())
          .put("ratio", Report.round(api.load().requestsPerSecond() / bare.requestsPerSecond()))
          .put(
              "ratio_all_roles_idle",
              Report.round(all.load().requestsPerSecond() / bare.requestsPerSecond()));
    }
  }

  private Measured externalService(ExternalInfra infra, String name, String roles)
      throws Exception {
    Map<String, String> env = new java.util.HashMap<>(SERVICE_ENV);
    env.putAll(infra.env());
    env.put("MDS_ROLES", roles);
    env.put("MDS_INSTANCE_ID", name);
    try (BenchService svc = ctx.startService(name, env, List.of())) {
      svc.awaitReady(Duration.ofSeconds(180));
      return measure(svc);
    }
  }

  /** The service's side of {@link #run} alone (no bare server): primed, warmed, measured. */
  JsonObject serviceOnly(BenchService svc) throws Exception {
    svc.get(PATH);
    load(svc.port(), ctx.params().httpWarmupSeconds());
    LoadResult service = load(svc.port(), ctx.params().httpSeconds());
    if (service.errors() > 0) {
      throw new IllegalStateException(service.errors() + " failed requests against the service");
    }
    return service.toJson();
  }

  private LoadResult bare(String body) throws Exception {
    Path bodyFile = ctx.workDir().resolve("latest.json");
    Files.writeString(bodyFile, body);
    int port = TcpPorts.free();
    try (ChildJava server =
        ChildJava.start(
            BareJsonServer.class,
            ctx.workDir().resolve("bare.log"),
            String.valueOf(port),
            String.valueOf(ctx.httpInstances()),
            bodyFile.toString())) {
      server.awaitHttp(port, "/", Duration.ofSeconds(30));
      load(port, ctx.params().httpWarmupSeconds());
      return load(port, ctx.params().httpSeconds());
    }
  }

  private LoadResult load(int port, int seconds) throws IOException, InterruptedException {
    return load(ctx, port, ctx.params().connections(), 2, seconds);
  }

  /** The cached GET from wrk when installed, else from the Java generator. */
  static LoadResult load(BenchContext ctx, int port, int connections, int threads, int seconds)
      throws IOException, InterruptedException {
    if (ctx.useWrk()) {
      return Wrk.run("http://127.0.0.1:" + port + PATH, connections, threads, seconds);
    }
    return JavaLoad.run(port, List.of(PATH), connections, seconds);
  }
}
