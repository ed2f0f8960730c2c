package dev.marketdata.bootstrap.reliability;

import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.bootstrap.testing.ServiceHarness;
import dev.marketdata.devservices.kafka.EmbeddedKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two API replicas in this JVM on one database, as a deployment runs them: a provider's budget is
 * the deployment's, not each replica's (issue 15: with 20/min, 40 symbols asked alternately of two
 * replicas sent 40 calls); a restarted replica finds it as spent as it was; and a provider's 429
 * heard by one replica holds the other's calls until its Retry-After.
 */
@ExtendWith(PostgresExtension.class)
class SharedProviderBudgetIT {
  private static final Logger log = LoggerFactory.getLogger(SharedProviderBudgetIT.class);

  @TempDir Path dataDir;
  private final AtomicInteger finnhubCalls = new AtomicInteger();
  private final AtomicInteger alphaCalls = new AtomicInteger();
  private MockWebServer finnhub;
  private MockWebServer alphaVantage;

  @BeforeEach
  void startProviders() throws Exception {
    finnhub = new MockWebServer();
    finnhub.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            finnhubCalls.incrementAndGet();
            return new MockResponse.Builder()
                .addHeader("Content-Type", "application/json; charset=utf-8")
                .body(
                    "{\"c\":150.25,\"d\":0.5,\"dp\":0.2,\"h\":151,\"l\":149,\"o\":150,\"pc\":149.75,"
                        + "\"t\":"
                        + Instant.now().getEpochSecond()
                        + "}")
                .build();
          }
        });
    finnhub.start();
    alphaVantage = new MockWebServer();
    alphaVantage.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            alphaCalls.incrementAndGet();
            return new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "60")
                .addHeader("Content-Type", "application/json")
                .body("{\"error\":\"rate limited\"}")
                .build();
          }
        });
    alphaVantage.start();
  }

  @AfterEach
  void stopProviders() {
    finnhub.close();
    alphaVantage.close();
  }

  private Map<String, String> env(PostgresDatabase db, EmbeddedKafka kafka, String replica) {
    Map<String, String> env = new HashMap<>();
    env.put("MDS_DATABASE_URL", db.postgresqlUrl());
    env.put("MDS_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("MDS_ROLES", "api");
    env.put("MDS_HTTP_PORT", "0");
    env.put("MDS_DATA_DIR", dataDir.resolve(replica).toString());
    env.put("MDS_INSTANCE_ID", replica);
    env.put("MDS_PROVIDERS", "simulated,finnhub,alpha_vantage");
    env.put("FINNHUB_API_KEY", "budget-finnhub-key");
    env.put("MDS_FINNHUB_BASE_URL", finnhub.url("/").toString().replaceAll("/$", ""));
    env.put("MDS_FINNHUB_LIMITS", "20/min");
    env.put("ALPHA_VANTAGE_API_KEY", "budget-alpha-key");
    env.put("MDS_ALPHA_VANTAGE_BASE_URL", alphaVantage.url("/").toString().replaceAll("/$", ""));
    env.put("MDS_ALPHA_VANTAGE_LIMITS", "6000/min");
    env.put("MDS_SHUTDOWN_TIMEOUT_SECONDS", "20");
    return env;
  }

  @Test
  void givenTwoReplicas_oneBudgetAndOneThrottlePerProvider_surviveARestart(PostgresDatabase db) {
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        ServiceHarness b = ServiceHarness.start(env(db, kafka, "budget-b"))) {
      Map<Integer, Integer> statuses = new TreeMap<>();
      try (ServiceHarness a = ServiceHarness.start(env(db, kafka, "budget-a"))) {
        for (int i = 0; i < 40; i++) {
          ServiceHarness replica = i % 2 == 0 ? a : b;
          ServiceHarness.Reply reply =
              replica.get("/prices/latest?provider=finnhub&symbol=BUD" + i);
          statuses.merge(reply.status(), 1, Integer::sum);
          if (reply.status() == 503) {
            assertThat(reply.raw().headers().firstValue("Retry-After")).isPresent();
          }
        }
        assertThat(finnhubCalls).as("calls Finnhub received from both replicas").hasValue(20);
        assertThat(statuses).containsExactly(Map.entry(200, 20), Map.entry(503, 20));
        assertThat(budget(a, "finnhub").get("remaining").asInt()).isZero();
        assertThat(budget(b, "finnhub").get("remaining").asInt()).isZero();

        // Alpha Vantage answers 429 with Retry-After 60 to replica A ...
        assertThat(a.get("/prices/latest?provider=alpha_vantage&symbol=IBM").status())
            .isEqualTo(503);
        assertThat(alphaCalls).hasValue(1);
      }
      // ... and replica B (A already stopped) sends it nothing until then, right away.
      ServiceHarness.Reply held = b.get("/prices/latest?provider=alpha_vantage&symbol=MSFT");
      assertThat(held.status()).isEqualTo(503);
      assertThat(held.body().get("title").asText()).isEqualTo("Provider throttled");
      assertThat(alphaCalls).as("no call while another replica's throttle lasts").hasValue(1);
      until(
          "replica B lists Alpha Vantage as throttled",
          () -> !provider(b, "alpha_vantage").get("available").asBoolean());

      // Replica A restarted: Finnhub's budget is as spent as before.
      try (ServiceHarness restarted = ServiceHarness.start(env(db, kafka, "budget-a"))) {
        assertThat(budget(restarted, "finnhub").get("remaining").asInt()).isZero();
        ServiceHarness.Reply refused =
            restarted.get("/prices/latest?provider=finnhub&symbol=BUD40");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().get("title").asText()).isEqualTo("Provider budget exhausted");
        assertThat(finnhubCalls).hasValue(20);
        assertThat(restarted.get("/prices/latest?provider=alpha_vantage&symbol=IBM").status())
            .isEqualTo(503);
        assertThat(alphaCalls).hasValue(1);
      }
      log.info(
          "shared-budget: 40 requests alternating two replicas at 20/min -> {}; Finnhub calls {};"
              + " Alpha Vantage calls {} after its 429",
          statuses,
          finnhubCalls.get(),
          alphaCalls.get());
    }
  }

  private static JsonNode budget(ServiceHarness replica, String id) {
    JsonNode budget = provider(replica, id).get("budget");
    assertThat(budget).hasSize(1);
    return budget.get(0);
  }

  private static JsonNode provider(ServiceHarness replica, String id) {
    ServiceHarness.Reply reply = replica.get("/providers");
    assertThat(reply.status()).isEqualTo(200);
    for (JsonNode p : reply.body().get("providers")) {
      if (id.equals(p.get("id").asText())) {
        return p;
      }
    }
    throw new AssertionError("no provider " + id + " in " + reply.body());
  }
}
