package dev.marketdata.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
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

  /**
   * Loads a service started with {@link #SERVICE_ENV} and the bare server answering its bytes, in
   * alternating rounds ({@link PairedRounds}).
   */
  JsonObject run(BenchService svc) throws Exception {
    try (BareServer bare = new BareServer(ctx)) {
      Measured service = measure(svc, bare);
      PairedRounds rounds = service.rounds();
      LoadResult serviceLoad = PairedRounds.combined(rounds.service());
      LoadResult bareLoad = PairedRounds.combined(rounds.bare());
      log.info("HTTP service {}", serviceLoad);
      log.info("HTTP bare    {}", bareLoad);
      log.info("HTTP ratio   {} (median of {} paired rounds)", rounds.ratio(), rounds.size());
      return new JsonObject()
          .put("path", PATH)
          .put("service_env", new JsonObject(Map.copyOf(SERVICE_ENV)))
          .put("response_bytes", service.body().length())
          .put("service", serviceLoad.toJson())
          .put("bare_vertx", bareLoad.toJson())
          .put("ratio", Report.round(rounds.ratio()))
          .put("ratio_from", RATIO_FROM)
          .put("rounds", rounds.toJson());
    }
  }

  static final String RATIO_FROM = "median of the paired rounds' ratios";

  /** What the measured rounds of one service saw, and the answer it gave. */
  record Measured(String body, PairedRounds rounds) {}

  /**
   * Primes the freshness window (the one provider call), starts the bare server with that answer if
   * it is not up yet, warms both up, then measures them in alternating rounds; fails when the
   * rounds called the provider (not every answer a cache hit) or any request to the service failed.
   */
  Measured measure(BenchService svc, BareServer bare) throws Exception {
    String body = svc.get(PATH);
    int barePort = bare.start(body);
    Params p = ctx.params();
    load(svc.port(), p.httpWarmupSeconds()); // JIT warm-up, not recorded
    load(barePort, p.httpWarmupSeconds());
    PromMetrics before = svc.metrics();
    List<LoadResult> service = new ArrayList<>();
    List<LoadResult> bareLoads = new ArrayList<>();
    for (int round = 0; round < p.httpRounds(); round++) {
      if (PairedRounds.serviceFirst(round)) {
        service.add(load(svc.port(), p.httpRoundSeconds()));
        bareLoads.add(load(barePort, p.httpRoundSeconds()));
      } else {
        bareLoads.add(load(barePort, p.httpRoundSeconds()));
        service.add(load(svc.port(), p.httpRoundSeconds()));
      }
    }
    PromMetrics after = svc.metrics();
    double providerCalls =
        after.value("mds_provider_calls_total") - before.value("mds_provider_calls_total");
    if (providerCalls > 0) {
      throw new IllegalStateException(
          "the measured rounds called the provider " + providerCalls + " times: not a cache hit");
    }
    PairedRounds rounds = new PairedRounds(service, bareLoads);
    if (rounds.serviceErrors() > 0) {
      throw new IllegalStateException(
          rounds.serviceErrors() + " failed requests against the service");
    }
    return new Measured(body, rounds);
  }

  /**
   * Part 1b: the same cached GET against services in external mode (PostgreSQL and Kafka started by
   * the harness): {@code MDS_ROLES=api}, then all four roles with nothing to do (no poll job, an
   * empty outbox), each in rounds alternating with the bare server (started with the api role's
   * answer and up for the whole part): whether idle background roles cost the API its throughput or
   * p99.
   */
  JsonObject apiRole() throws Exception {
    try (ExternalInfra infra = ExternalInfra.start(ctx.workDir().resolve("http-api-role-infra"));
        BareServer bare = new BareServer(ctx)) {
      PairedRounds api = externalService(infra, "http-api-role", "api", bare);
      PairedRounds all =
          externalService(infra, "http-all-roles-idle", "api,poller,relay,consumer", bare);
      List<LoadResult> bareLoads = new ArrayList<>(api.bare());
      bareLoads.addAll(all.bare());
      LoadResult apiLoad = PairedRounds.combined(api.service());
      LoadResult allLoad = PairedRounds.combined(all.service());
      LoadResult bareLoad = PairedRounds.combined(bareLoads);
      log.info("HTTP api role       {} ratio {}", apiLoad, api.ratio());
      log.info("HTTP all roles idle {} ratio {}", allLoad, all.ratio());
      log.info("HTTP bare           {}", bareLoad);
      return new JsonObject()
          .put("path", PATH)
          .put("service_env", new JsonObject(Map.copyOf(SERVICE_ENV)))
          .put("infra", infra.describe())
          .put("api_role", apiLoad.toJson())
          .put("all_roles_idle", allLoad.toJson())
          .put("bare_vertx", bareLoad.toJson())
          .put("ratio", Report.round(api.ratio()))
          .put("ratio_all_roles_idle", Report.round(all.ratio()))
          .put("ratio_from", RATIO_FROM)
          .put("rounds_api_role", api.toJson())
          .put("rounds_all_roles_idle", all.toJson());
    }
  }

  private PairedRounds externalService(
      ExternalInfra infra, String name, String roles, BareServer bare) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(SERVICE_ENV);
    env.putAll(infra.env());
    env.put("MDS_ROLES", roles);
    env.put("MDS_INSTANCE_ID", name);
    try (BenchService svc = ctx.startService(name, env, List.of())) {
      svc.awaitReady(Duration.ofSeconds(180));
      return measure(svc, bare).rounds();
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
