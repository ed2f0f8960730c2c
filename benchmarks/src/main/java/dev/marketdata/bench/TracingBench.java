package dev.marketdata.bench;

import dev.marketdata.testsupport.TcpPorts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracing overhead on the HTTP hot path: part 1 ({@link HttpBench}, every request a cache hit) on a
 * service with tracing off, then on, then off and on again (alternating, so the machine's drift
 * shows as the spread between the two runs of each). "On" exports over OTLP/HTTP to a local port
 * nothing listens on: every request records its server span and the batch exporter's attempts are
 * refused at once, so the figure is the cost of recording and handing spans over, not of a
 * collector's network.
 */
final class TracingBench {
  private static final Logger log = LoggerFactory.getLogger(TracingBench.class);

  private final BenchContext ctx;

  TracingBench(BenchContext ctx) {
    this.ctx = ctx;
  }

  JsonObject run() throws Exception {
    String endpoint = "http://127.0.0.1:" + TcpPorts.free();
    Map<String, String> on = new HashMap<>(HttpBench.SERVICE_ENV);
    on.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
    JsonArray runs = new JsonArray();
    for (int round = 1; round <= 2; round++) {
      runs.add(measure("off", round, HttpBench.SERVICE_ENV));
      runs.add(measure("on", round, on));
    }
    return new JsonObject()
        .put("path", HttpBench.PATH)
        .put("tracing_on_endpoint", endpoint + " (nothing listens)")
        .put("runs", runs);
  }

  private JsonObject measure(String tracing, int round, Map<String, String> env) throws Exception {
    try (BenchService svc = ctx.startService("tracing-" + tracing + "-" + round, env, List.of())) {
      svc.awaitReady(Duration.ofSeconds(180));
      JsonObject http = new HttpBench(ctx).serviceOnly(svc);
      log.info("tracing {} round {}: {}", tracing, round, http.encode());
      return new JsonObject()
          .put("tracing", tracing)
          .put("round", round)
          .put("load_average", Machine.loadAverage())
          .put("service", http);
    }
  }
}
