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
 * Scenario 6: a seeded corpus of 6,000 malformed requests across every route against the running
 * service (embedded PostgreSQL and Kafka): every answer a 4xx problem, never a 5xx, and the service
 * ready afterwards. The inbound rate limit is raised so 429s cannot hide another answer.
 */
class BadInputIT {
  private static final Logger log = LoggerFactory.getLogger(BadInputIT.class);
  static final long SEED = 20240320L;
  static final int CASES = 6_000;
  private static final int CLIENTS = 4;

  @TempDir Path dataDir;

  @Test
  void sixThousandMalformedRequests_allAnswered4xxProblem_serviceReadyAfterwards()
      throws Exception {
    try (ServiceHarness service =
        ServiceHarness.start(
            Map.of(
                "MDS_DATA_DIR", dataDir.toString(),
                "MDS_HTTP_PORT", "0",
                "MDS_INSTANCE_ID", "bad-input",
                "MDS_RATE_LIMIT_CAPACITY", "1000000",
                "MDS_RATE_LIMIT_PER_SECOND", "1000000"))) {
      int port = service.service().httpPort();
      List<MalformedCorpus.Probe> probes = new MalformedCorpus(SEED).generate(CASES);
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<RawHttp.Exchange>> answers = new ArrayList<>();
      for (MalformedCorpus.Probe probe : probes) {
        answers.add(clients.submit(() -> RawHttp.send(port, probe)));
      }
      Map<Integer, Integer> byStatus = new TreeMap<>();
      List<String> wrong = new ArrayList<>();
      for (int i = 0; i < probes.size(); i++) {
        RawHttp.Exchange e = answers.get(i).get();
        byStatus.merge(e.status(), 1, Integer::sum);
        String problem = Answers.problemDefect(e);
        if (problem != null && wrong.size() < 50) {
          wrong.add(probes.get(i).describe() + " -> " + problem);
        }
      }
      clients.shutdown();
      log.info("bad-input: {} requests, answers by status {}", probes.size(), byStatus);
      assertThat(wrong).as("answers that are not a 4xx problem+json").isEmpty();
      assertThat(byStatus.keySet()).allSatisfy(s -> assertThat(s).isBetween(400, 499));
      assertThat(byStatus).doesNotContainKey(429);

      Api api = new Api(port);
      assertThat(api.get("/health/ready").status()).isEqualTo(200);
      assertThat(api.get("/prices/latest?symbol=AAPL&provider=simulated").status()).isEqualTo(200);
      assertThat(
              new Ledger(
                      service.service().database().jdbcUrl(),
                      service.service().database().user(),
                      service.service().database().password())
                  .count("SELECT count(*) FROM poll_jobs"))
          .as("no malformed poll request created a job")
          .isZero();
    }
  }
}
