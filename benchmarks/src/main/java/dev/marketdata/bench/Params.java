package dev.marketdata.bench;

import java.util.List;

/**
 * How big each part runs: {@link #full()} for the published numbers (under ~10 minutes on two
 * cores, plus about 2 for the live parts), {@link #smoke()} for a quick check that every part still
 * works. {@code scaleSymbols}: one fresh service per size, poll jobs at 1 s; {@code
 * splitRolesSymbols}: the same load on the split-role processes. The live parts: {@code
 * liveSymbols} polled at 1 s, {@code liveClients} SSE clients of {@code liveSymbolsPerClient}
 * symbols each; {@code idleConnections} idle SSE connections. The HTTP parts measure {@code
 * httpSeconds} of each side in {@code httpRounds} alternating rounds.
 */
record Params(
    String mode,
    int connections,
    int httpWarmupSeconds,
    int httpSeconds,
    int httpRounds,
    int pipelineWarmupSeconds,
    int pipelineSeconds,
    int driverSymbols,
    int latencySymbols,
    List<Integer> scaleSymbols,
    List<Integer> splitRolesSymbols,
    int kafkaRecords,
    int postgresRows,
    int startupRuns,
    boolean jmhFork,
    int jmhWarmupMillis,
    int jmhMeasureMillis,
    int jmhIterations,
    int liveSymbols,
    int liveClients,
    int liveSymbolsPerClient,
    int liveWarmupSeconds,
    int liveSeconds,
    int idleConnections) {

  static Params full() {
    return new Params(
        "full",
        64,
        5,
        15,
        3,
        15,
        30,
        10_000,
        5_000,
        List.of(100, 1_000, 5_000, 10_000, 15_000, 20_000),
        List.of(10_000),
        300_000,
        500_000,
        3,
        true,
        1_000,
        1_000,
        3,
        2_000,
        1_000,
        10,
        15,
        30,
        10_000);
  }

  static Params smoke() {
    return new Params(
        "smoke",
        16,
        1,
        2,
        2,
        2,
        2,
        200,
        50,
        List.of(20),
        List.of(50),
        5_000,
        5_000,
        1,
        false,
        100,
        100,
        1,
        20,
        10,
        10,
        2,
        3,
        200);
  }

  /** One HTTP round's window for each side: the measured seconds shared by the rounds. */
  int httpRoundSeconds() {
    return Math.max(1, (httpSeconds + httpRounds - 1) / httpRounds);
  }

  /** {@code --sizes}: the symbols of the scale part and of the split-roles part. */
  Params withSizes(List<Integer> sizes) {
    return new Params(
        mode + " sizes " + sizes,
        connections,
        httpWarmupSeconds,
        httpSeconds,
        httpRounds,
        pipelineWarmupSeconds,
        pipelineSeconds,
        driverSymbols,
        latencySymbols,
        List.copyOf(sizes),
        List.copyOf(sizes),
        kafkaRecords,
        postgresRows,
        startupRuns,
        jmhFork,
        jmhWarmupMillis,
        jmhMeasureMillis,
        jmhIterations,
        liveSymbols,
        liveClients,
        liveSymbolsPerClient,
        liveWarmupSeconds,
        liveSeconds,
        idleConnections);
  }

  /** {@code --seconds}: the measured window of the HTTP, pipeline and live parts (not warm-ups). */
  Params withSeconds(int seconds) {
    return new Params(
        mode + " " + seconds + " s",
        connections,
        httpWarmupSeconds,
        seconds,
        httpRounds,
        pipelineWarmupSeconds,
        seconds,
        driverSymbols,
        latencySymbols,
        scaleSymbols,
        splitRolesSymbols,
        kafkaRecords,
        postgresRows,
        startupRuns,
        jmhFork,
        jmhWarmupMillis,
        jmhMeasureMillis,
        jmhIterations,
        liveSymbols,
        liveClients,
        liveSymbolsPerClient,
        liveWarmupSeconds,
        seconds,
        idleConnections);
  }
}
