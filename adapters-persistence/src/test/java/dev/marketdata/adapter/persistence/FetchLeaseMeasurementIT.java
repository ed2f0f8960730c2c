package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.FetchLeases;
import dev.marketdata.testsupport.Await;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures behind ADR 0007, on demand ({@code -Dmds.measure=true}): provider calls and request
 * latency of two replicas missing the same prices at once, with fetch leases and without them (each
 * replica on its own, as before), and the round trips a lease adds. Writes {@code
 * target/fetch-lease-measurement.txt}. Asserts only what leases promise (one call per symbol).
 */
@ExtendWith(PgStoreExtension.class)
@EnabledIfSystemProperty(named = "mds.measure", matches = "true")
class FetchLeaseMeasurementIT {
  private static final Logger log = LoggerFactory.getLogger(FetchLeaseMeasurementIT.class);

  private static final int WAVES = 10;
  private static final int SYMBOLS = 20;
  private static final int REQUESTS_PER_REPLICA = 50;
  private static final Duration PROVIDER_LATENCY = Duration.ofMillis(100);

  private final PgTestStore store;
  private final List<String> report = new ArrayList<>();

  FetchLeaseMeasurementIT(PgTestStore store) {
    this.store = store;
  }

  private record Outcome(int calls, long[] latencyMicros) {}

  @Test
  void twoReplicasMissingTheSamePrices_withAndWithoutLeases() throws IOException {
    line(
        "2 replicas x %d concurrent requests over %d symbols, %d waves, provider latency %d ms",
        REQUESTS_PER_REPLICA, SYMBOLS, WAVES, PROVIDER_LATENCY.toMillis());
    run("warm-up, without leases", LatestPriceReplica::noLeases);
    run("warm-up, with leases", PgFetchLeases::new);
    Outcome without = run("without leases", LatestPriceReplica::noLeases);
    Outcome with = run("with leases", PgFetchLeases::new);
    roundTrips();
    Files.write(Path.of("target", "fetch-lease-measurement.txt"), report);

    assertThat(with.calls()).isEqualTo(WAVES * SYMBOLS);
    assertThat(without.calls()).isGreaterThan(with.calls());
  }

  private Outcome run(String label, Function<Pool, FetchLeases> leases) {
    CountingProvider provider =
        new CountingProvider(
            symbol ->
                CompletableFuture.runAsync(
                    () -> {},
                    CompletableFuture.delayedExecutor(
                        PROVIDER_LATENCY.toMillis(), TimeUnit.MILLISECONDS)));
    Duration freshness = Duration.ofMinutes(5);
    List<Long> latencies = new ArrayList<>();
    List<Long> hits = new ArrayList<>();
    try (LatestPriceReplica a = new LatestPriceReplica("a", store, provider, freshness, leases);
        LatestPriceReplica b = new LatestPriceReplica("b", store, provider, freshness, leases)) {
      for (int wave = 0; wave < WAVES; wave++) {
        List<Symbol> symbols = new ArrayList<>();
        for (int i = 0; i < SYMBOLS; i++) {
          symbols.add(uniqueSymbol());
        }
        List<CompletableFuture<Long>> answers = new ArrayList<>();
        for (int i = 0; i < REQUESTS_PER_REPLICA; i++) {
          answers.add(timed(a, symbols.get(i % SYMBOLS)));
          answers.add(timed(b, symbols.get((i + 7) % SYMBOLS)));
        }
        answers.forEach(answer -> latencies.add(Await.result(answer)));
        for (Symbol symbol : symbols) { // now in both caches
          hits.add(Await.result(timed(a, symbol)));
          hits.add(Await.result(timed(b, symbol)));
        }
      }
    }
    long[] micros = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] hitMicros = hits.stream().mapToLong(Long::longValue).sorted().toArray();
    line(
        "%-24s provider calls %4d (%d symbols x %d waves); miss p50 %6.1f ms, p90 %6.1f ms,"
            + " p99 %6.1f ms, max %6.1f ms; cache hit p50 %4d us",
        label,
        provider.calls(),
        SYMBOLS,
        WAVES,
        pct(micros, 50) / 1000.0,
        pct(micros, 90) / 1000.0,
        pct(micros, 99) / 1000.0,
        micros[micros.length - 1] / 1000.0,
        pct(hitMicros, 50));
    return new Outcome(provider.calls(), micros);
  }

  private static CompletableFuture<Long> timed(LatestPriceReplica replica, Symbol symbol) {
    long start = System.nanoTime();
    return replica
        .latest(symbol)
        .toCompletableFuture()
        .thenApply((PricePoint point) -> (System.nanoTime() - start) / 1000);
  }

  /** One claim and one release as a miss makes them, one at a time, beside a stored read. */
  private void roundTrips() {
    FetchLeases leases = new PgFetchLeases(store.pool);
    PgPricePointRepository points = new PgPricePointRepository(store.pool);
    int n = 2000;
    long[] claim = new long[n];
    long[] release = new long[n];
    long[] read = new long[n];
    for (int i = 0; i < n; i++) {
      Symbol symbol = uniqueSymbol();
      long t0 = System.nanoTime();
      Await.result(leases.claim(symbol, ProviderId.FINNHUB, "a", Duration.ofSeconds(30)));
      long t1 = System.nanoTime();
      Await.result(leases.release(symbol, ProviderId.FINNHUB, "a", Duration.ofSeconds(5)));
      long t2 = System.nanoTime();
      Await.result(points.latest(symbol, ProviderId.FINNHUB));
      long t3 = System.nanoTime();
      claim[i] = (t1 - t0) / 1000;
      release[i] = (t2 - t1) / 1000;
      read[i] = (t3 - t2) / 1000;
    }
    Arrays.sort(claim);
    Arrays.sort(release);
    Arrays.sort(read);
    line(
        "round trips, %d sequential: claim p50 %d us p99 %d us; release (keep) p50 %d us p99 %d us;"
            + " stored read p50 %d us p99 %d us",
        n,
        pct(claim, 50),
        pct(claim, 99),
        pct(release, 50),
        pct(release, 99),
        pct(read, 50),
        pct(read, 99));
    storedReadThroughput(points);
  }

  /** Stored reads a second with 64 outstanding: what replicas x pairs / freshness may use of it. */
  private void storedReadThroughput(PgPricePointRepository points) {
    Symbol symbol = uniqueSymbol();
    int total = 20_000;
    int outstanding = 64;
    long start = System.nanoTime();
    List<CompletableFuture<?>> lanes = new ArrayList<>();
    for (int lane = 0; lane < outstanding; lane++) {
      lanes.add(readChain(points, symbol, total / outstanding));
    }
    lanes.forEach(Await::result);
    double seconds = (System.nanoTime() - start) / 1e9;
    line(
        "stored reads, %d outstanding on one pool of 8: %.0f reads/s",
        outstanding, total / seconds);
  }

  private static CompletableFuture<?> readChain(
      PgPricePointRepository points, Symbol symbol, int left) {
    if (left == 0) {
      return CompletableFuture.completedFuture(null);
    }
    return points
        .latest(symbol, ProviderId.FINNHUB)
        .toCompletableFuture()
        .thenCompose(ignored -> readChain(points, symbol, left - 1));
  }

  private static long pct(long[] sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private void line(String format, Object... args) {
    String text = String.format(java.util.Locale.ROOT, format, args);
    report.add(text);
    log.info("fetch-lease measurement: {}", text);
  }
}
