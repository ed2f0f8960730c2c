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
    String body = svc.get(PATH); // primes the freshness window: the one provider call
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
    LoadResult bare = bare(body);
    log.info("HTTP service {}", service);
    log.info("HTTP bare    {}", bare);
    return new JsonObject()
        .put("path", PATH)
        .put("service_env", new JsonObject(Map.copyOf(SERVICE_ENV)))
        .put("response_bytes", body.length())
        .put("service", service.toJson())
        .put("bare_vertx", bare.toJson())
        .put("ratio", Report.round(service.requestsPerSecond() / bare.requestsPerSecond()));
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
    if (ctx.useWrk()) {
      return Wrk.run("http://127.0.0.1:" + port + PATH, ctx.params().connections(), 2, seconds);
    }
    return JavaLoad.run(port, List.of(PATH), ctx.params().connections(), seconds);
  }
}
