package dev.marketdata.bench;

import io.vertx.core.json.JsonObject;

/** What one closed-loop HTTP load run saw. Latencies in milliseconds. */
record LoadResult(
    String tool,
    int connections,
    double seconds,
    long requests,
    double requestsPerSecond,
    double p50Millis,
    double p99Millis,
    long errors) {

  JsonObject toJson() {
    return new JsonObject()
        .put("tool", tool)
        .put("connections", connections)
        .put("seconds", Report.round(seconds))
        .put("requests", requests)
        .put("requests_per_second", Report.round(requestsPerSecond))
        .put("p50_ms", Report.round(p50Millis))
        .put("p99_ms", Report.round(p99Millis))
        .put("errors", errors);
  }
}
