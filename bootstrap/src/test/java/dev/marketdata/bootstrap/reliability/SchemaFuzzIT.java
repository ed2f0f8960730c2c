package dev.marketdata.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.bootstrap.testing.ServiceHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests generated from {@code openapi.yaml} (see {@link OpenApiFuzzer}) against the running
 * service in embedded mode: no answer is a 5xx, every 4xx is a whole problem+json, no success
 * serves a timestamp out of range, every answer but the probes' carries the rate-limit headers (so
 * no path trick skips the limiter), and the service is ready afterwards.
 *
 * <p>{@code ./mvnw -B verify} runs a slice with a fixed seed; the full run is {@code ./mvnw -B -pl
 * bootstrap -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SchemaFuzzIT
 * -Dfuzz.requests=20000 -Dfuzz.seed=random} (any number replays that seed). The seed is logged.
 */
class SchemaFuzzIT {
  private static final Logger log = LoggerFactory.getLogger(SchemaFuzzIT.class);
  static final long DEFAULT_SEED = 20261130L;
  static final int DEFAULT_REQUESTS = 4_000;
  private static final int CLIENTS = 4;

  @TempDir Path dataDir;

  @Test
  void requestsFromTheOpenApiDocument_neverA5xx_every4xxAProblem_serviceReadyAfterwards()
      throws Exception {
    long seed = HostileValues.seed(DEFAULT_SEED);
    int requests = Integer.getInteger("fuzz.requests", DEFAULT_REQUESTS);
    log.info("schema fuzz: seed={} requests={} (replay with -Dfuzz.seed={})", seed, requests, seed);
    try (ServiceHarness service =
        ServiceHarness.start(
            Map.of(
                "MDS_DATA_DIR", dataDir.toString(),
                "MDS_HTTP_PORT", "0",
                "MDS_INSTANCE_ID", "schema-fuzz",
                "MDS_PROVIDERS", "simulated",
                "MDS_DEFAULT_PROVIDER", "simulated",
                "MDS_RATE_LIMIT_CAPACITY", "1000000",
                "MDS_RATE_LIMIT_PER_SECOND", "1000000"))) {
      int port = service.service().httpPort();
      var job =
          service.post(
              "/prices/poll",
              "{\"symbols\":[\"AAPL\"],\"interval\":600,\"provider\":\"simulated\"}");
      assertThat(job.status()).isEqualTo(202);
      OpenApiFuzzer fuzzer = OpenApiFuzzer.load(seed, List.of(job.body().path("job_id").asText()));

      List<MalformedCorpus.Probe> probes = new ArrayList<>(requests);
      for (int i = 0; i < requests; i++) {
        probes.add(fuzzer.next());
      }
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<RawHttp.Exchange>> answers = new ArrayList<>(requests);
      for (MalformedCorpus.Probe probe : probes) {
        answers.add(clients.submit(() -> RawHttp.send(port, probe)));
      }
      Map<Integer, Integer> byStatus = new TreeMap<>();
      List<String> wrong = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        RawHttp.Exchange e = answers.get(i).get();
        byStatus.merge(e.status(), 1, Integer::sum);
        String defect = Answers.successOrProblemDefect(e);
        if (defect == null) {
          defect = Answers.rateLimitDefect(e);
        }
        if (defect != null && wrong.size() < 50) {
          wrong.add("#" + i + " " + probes.get(i).describe() + " -> " + defect);
        }
      }
      clients.shutdown();
      log.info(
          "schema fuzz: seed={} {} requests over {} operations and {} targets, answers by status {}",
          seed,
          requests,
          fuzzer.operations().size(),
          fuzzer.coverage().size(),
          byStatus);
      assertThat(wrong).as("defective answers (seed " + seed + ")").isEmpty();
      int targets =
          fuzzer.operations().stream()
              .mapToInt(op -> (int) op.targets().stream().distinct().count())
              .sum();
      assertThat(fuzzer.coverage()).as("every operation and target reached").hasSize(targets);

      Api api = new Api(port);
      assertThat(api.get("/health/ready").status()).isEqualTo(200);
      assertThat(api.get("/prices/latest?symbol=AAPL&provider=simulated").status()).isEqualTo(200);
    }
  }
}
