package dev.marketdata.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The service and the bare server loaded in alternating short rounds, and their ratio taken from
 * the pairs: the bare server's own throughput drifts by tens of per cent between runs on a shared
 * machine, so one long window of each compares two different moments, while a round's two windows
 * are seconds apart. The ratio is the median of the per-round ratios, so one disturbed round does
 * not move it.
 */
record PairedRounds(List<LoadResult> service, List<LoadResult> bare) {
  PairedRounds {
    if (service.isEmpty() || service.size() != bare.size()) {
      throw new IllegalArgumentException(
          "rounds must pair up: " + service.size() + " service, " + bare.size() + " bare");
    }
    service = List.copyOf(service);
    bare = List.copyOf(bare);
  }

  /**
   * Whether round {@code round} loads the service first: alternated, so drift within a round
   * favours neither side.
   */
  static boolean serviceFirst(int round) {
    return round % 2 == 0;
  }

  int size() {
    return service.size();
  }

  /** The median of the per-round ratios of service to bare requests per second. */
  double ratio() {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < service.size(); i++) {
      ratios.add(roundRatio(i));
    }
    return Report.median(ratios);
  }

  private double roundRatio(int i) {
    return service.get(i).requestsPerSecond() / bare.get(i).requestsPerSecond();
  }

  long serviceErrors() {
    return service.stream().mapToLong(LoadResult::errors).sum();
  }

  /** Each round: which side went first, both loads and their ratio. */
  JsonArray toJson() {
    JsonArray rounds = new JsonArray();
    for (int i = 0; i < service.size(); i++) {
      rounds.add(
          new JsonObject()
              .put("round", i + 1)
              .put("first", serviceFirst(i) ? "service" : "bare_vertx")
              .put("service", service.get(i).toJson())
              .put("bare_vertx", bare.get(i).toJson())
              .put("ratio", Report.round(roundRatio(i))));
    }
    return rounds;
  }

  /**
   * Several rounds' loads as one: requests and seconds summed (so requests per second over all
   * rounds), p50 the median round's, p99 the worst round's (percentiles of the union are not
   * recoverable from each round's summary; the worst keeps a p99 target honest).
   */
  static LoadResult combined(List<LoadResult> rounds) {
    LoadResult first = rounds.get(0);
    long requests = rounds.stream().mapToLong(LoadResult::requests).sum();
    double seconds = rounds.stream().mapToDouble(LoadResult::seconds).sum();
    return new LoadResult(
        first.tool(),
        first.connections(),
        seconds,
        requests,
        requests / seconds,
        Report.median(rounds.stream().map(LoadResult::p50Millis).toList()),
        rounds.stream().mapToDouble(LoadResult::p99Millis).max().orElseThrow(),
        rounds.stream().mapToLong(LoadResult::errors).sum());
  }
}
