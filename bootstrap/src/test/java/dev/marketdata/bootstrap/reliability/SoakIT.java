package dev.marketdata.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.bootstrap.testing.ServiceHarness;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 7: 50 concurrent clients for 30 s on {@code /prices/latest}, mixed with poll jobs
 * created and stopped, against the service in this JVM. The only error allowed is the client rate
 * limit's 429, and the heap after a full GC is back near where it started.
 */
class SoakIT {
  private static final Logger log = LoggerFactory.getLogger(SoakIT.class);
  private static final int CLIENTS = 50;
  private static final Duration LENGTH = Duration.ofSeconds(30);

  /**
   * Retained-heap growth allowed across the soak. It bounds memory kept after the load, not speed:
   * a leak of even a few hundred bytes per request over the ~10^5 requests of the run would pass
   * it, so it is not a timing assertion and holds on a slow machine as on a fast one.
   */
  private static final long MAX_RETAINED_GROWTH = 64L * 1024 * 1024;

  @TempDir Path dataDir;

  @Test
  void fiftyClientsThirtySeconds_onlyRateLimitErrors_heapBackNearStart() throws Exception {
    try (ServiceHarness service =
        ServiceHarness.start(
            Map.of(
                "MDS_DATA_DIR", dataDir.toString(),
                "MDS_HTTP_PORT", "0",
                "MDS_INSTANCE_ID", "soak",
                "MDS_POLL_TICK_MILLIS", "100",
                // One address for all 50 clients: a bucket this size still refuses bursts.
                "MDS_RATE_LIMIT_CAPACITY", "2000",
                "MDS_RATE_LIMIT_PER_SECOND", "1000"))) {
      Api api = new Api(service.service().httpPort());
      for (int i = 0; i < 50; i++) {
        assertThat(api.get("/prices/latest?symbol=SK" + (i % 20)).status()).isEqualTo(200);
      }
      long heapBefore = heapAfterGc();

      ConcurrentMap<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
      List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
      long end = System.nanoTime() + LENGTH.toNanos();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        Random random = new Random(c);
        clients.add(
            pool.submit(
                () -> {
                  String job = null;
                  while (System.nanoTime() < end) {
                    String kind;
                    Api.Reply reply;
                    try {
                      if (random.nextInt(50) == 0) {
                        if (job == null) {
                          kind = "POST /prices/poll";
                          reply =
                              api.post(
                                  "/prices/poll",
                                  "{\"symbols\":[\"SK"
                                      + random.nextInt(20)
                                      + "\"],\"interval\":"
                                      + (1 + random.nextInt(3))
                                      + ",\"provider\":\"simulated\"}");
                          if (reply.status() == 202) {
                            job = reply.json().get("job_id").asText();
                          }
                        } else {
                          kind = "DELETE /prices/poll/{id}";
                          reply = api.delete("/prices/poll/" + job);
                          if (reply.status() == 200) {
                            job = null;
                          }
                        }
                      } else {
                        kind = "GET /prices/latest";
                        reply = api.get("/prices/latest?symbol=SK" + random.nextInt(20));
                      }
                      outcomes
                          .computeIfAbsent(kind + " " + reply.status(), k -> new AtomicLong())
                          .incrementAndGet();
                      if (reply.status() >= 400 && reply.status() != 429) {
                        errors.add(kind + " " + reply.status() + " " + reply.body());
                      }
                    } catch (java.io.IOException e) {
                      errors.add("I/O: " + e);
                    }
                  }
                  while (job != null) {
                    // The stop itself may meet the rate limit; a 429 means "ask again".
                    Api.Reply stopped = api.delete("/prices/poll/" + job);
                    if (stopped.status() == 200) {
                      job = null;
                    } else if (stopped.status() != 429) {
                      errors.add("final stop " + stopped.status() + " " + stopped.body());
                      job = null;
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> client : clients) {
        client.get();
      }
      pool.shutdown();
      Map<String, Long> counts = new TreeMap<>();
      outcomes.forEach((k, v) -> counts.put(k, v.get()));
      long total = counts.values().stream().mapToLong(Long::longValue).sum();
      assertThat(errors).as("errors other than 429 (%s)", counts).isEmpty();

      Api.Reply jobs = api.get("/prices/poll");
      jobs.json()
          .get("jobs")
          .forEach(
              j -> {
                if (j.get("status").asText().equals("active")) {
                  errors.add("job left active: " + j);
                }
              });
      assertThat(errors).isEmpty();
      Ledger ledger = Settled.ledger(service.service().database());
      Settled.awaitQuiet(ledger);
      Ledger.Totals totals = Settled.assertNothingLostOrDuplicated("soak", ledger, null);
      assertThat(api.get("/health/ready").status()).isEqualTo(200);

      long heapAfter = heapAfterGc();
      log.info(
          "soak: {} requests in {} by {} clients, outcomes {}; heap after GC before={} MiB"
              + " after={} MiB; raw={}",
          total,
          LENGTH,
          CLIENTS,
          counts,
          heapBefore >> 20,
          heapAfter >> 20,
          totals.raw());
      assertThat(heapAfter - heapBefore)
          .as("heap retained after the soak (before %d MiB)", heapBefore >> 20)
          .isLessThan(MAX_RETAINED_GROWTH);
    }
  }

  /**
   * Heap in use after asking for full collections until it stops shrinking; {@code System.gc()} is
   * a request, so it is repeated and the smallest reading kept.
   */
  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long smallest = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      smallest = Math.min(smallest, memory.getHeapMemoryUsage().getUsed());
    }
    return smallest;
  }
}
