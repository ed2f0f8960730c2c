package dev.marketdata.bootstrap.e2e;

import static dev.marketdata.testsupport.Await.holdsFor;
import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.bootstrap.OutboxSql;
import dev.marketdata.bootstrap.testing.ServiceHarness;
import dev.marketdata.domain.average.MovingAverageCalculator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec's "fetch → DB → Kafka → MA storage" on the real service in embedded mode (in-process
 * PostgreSQL and Kafka), with a local HTTP server standing in for Finnhub.
 */
class EndToEndIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dataDir;
  private MockWebServer finnhub;
  private final AtomicInteger quotesServed = new AtomicInteger();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startFinnhub() throws Exception {
    finnhub = new MockWebServer();
    finnhub.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            int n = quotesServed.incrementAndGet();
            // A different price on every call, so averages over the last five are checkable.
            String price = new BigDecimal("150.25").add(BigDecimal.valueOf(n, 2)).toPlainString();
            long t = Instant.now().getEpochSecond();
            return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json; charset=utf-8")
                .body(
                    "{\"c\":"
                        + price
                        + ",\"d\":0.5,\"dp\":0.2,\"h\":160,\"l\":140,\"o\":150,\"pc\":149,\"t\":"
                        + t
                        + "}")
                .build();
          }
        });
    finnhub.start();
  }

  @AfterEach
  void stopFinnhub() {
    finnhub.close();
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("MDS_DATA_DIR", dataDir.toString());
    env.put("MDS_HTTP_PORT", "0");
    env.put("MDS_INSTANCE_ID", "e2e");
    env.put("MDS_PROVIDERS", "simulated,finnhub");
    env.put("FINNHUB_API_KEY", "e2e-finnhub-key");
    env.put("MDS_FINNHUB_BASE_URL", finnhub.url("/").toString().replaceAll("/$", ""));
    env.put("MDS_FINNHUB_LIMITS", "6000/min");
    env.put("MDS_POLL_TICK_MILLIS", "100");
    env.put("MDS_SHUTDOWN_TIMEOUT_SECONDS", "20");
    return env;
  }

  private static String sql(String symbol) {
    return "symbol = '" + symbol + "' AND provider = 'finnhub'";
  }

  @Test
  void quoteFetched_isStoredPublishedAndAveraged() {
    try (ServiceHarness service = ServiceHarness.start(env())) {
      // GET /prices/latest: fetched from "Finnhub", stored, returned in the spec's shape.
      ServiceHarness.Reply latest = service.get("/prices/latest?symbol=AAPL&provider=finnhub");
      assertThat(latest.status()).isEqualTo(200);
      JsonNode body = latest.body();
      assertThat(body.fieldNames())
          .toIterable()
          .containsExactly("symbol", "price", "timestamp", "provider", "stale", "suspect");
      assertThat(body.get("symbol").asText()).isEqualTo("AAPL");
      assertThat(body.get("provider").asText()).isEqualTo("finnhub");
      assertThat(body.get("price").isNumber()).isTrue();
      assertThat(body.get("price").decimalValue()).isEqualByComparingTo("150.26");
      assertThat(body.get("timestamp").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      RecordedRequest first = requests.get(0);
      assertThat(first.getUrl().encodedPath()).isEqualTo("/api/v1/quote");
      assertThat(first.getUrl().queryParameter("symbol")).isEqualTo("AAPL");
      assertThat(first.getHeaders().get("X-Finnhub-Token")).isEqualTo("e2e-finnhub-key");

      // POST /prices/poll for two symbols every second.
      ServiceHarness.Reply accepted =
          service.post(
              "/prices/poll",
              "{\"symbols\":[\"AAPL\",\"MSFT\"],\"interval\":1,\"provider\":\"finnhub\"}");
      assertThat(accepted.status()).isEqualTo(202);
      assertThat(accepted.body().get("status").asText()).isEqualTo("accepted");
      String jobId = accepted.body().get("job_id").asText();
      assertThat(accepted.raw().headers().firstValue("Location")).contains("/prices/poll/" + jobId);

      until(
          "both symbols have at least seven stored prices",
          WAIT,
          () ->
              service.count("SELECT count(*) FROM price_points WHERE " + sql("AAPL")) >= 7
                  && service.count("SELECT count(*) FROM price_points WHERE " + sql("MSFT")) >= 7);

      // DELETE stops it: after the in-flight tick, no further rows appear.
      ServiceHarness.Reply stopped = service.delete("/prices/poll/" + jobId);
      assertThat(stopped.status()).isEqualTo(200);
      assertThat(stopped.body().get("status").asText()).isEqualTo("stopped");
      until(
          "every stored event is published and applied",
          WAIT,
          () ->
              service.count(OutboxSql.waiting("outbox")) == 0
                  && averagesMatchStoredPrices(service, "AAPL")
                  && averagesMatchStoredPrices(service, "MSFT"));
      long raw = service.count("SELECT count(*) FROM raw_market_data");
      holdsFor(
          "no row is added once the job is stopped",
          Duration.ofSeconds(3),
          () -> service.count("SELECT count(*) FROM raw_market_data") == raw);

      // Every raw response has exactly one price point and one outbox event.
      assertThat(service.count("SELECT count(*) FROM price_points")).isEqualTo(raw);
      assertThat(service.count("SELECT count(*) FROM outbox")).isEqualTo(raw);
      assertThat(
              service.count(
                  "SELECT count(*) FROM raw_market_data r WHERE (SELECT count(*) FROM"
                      + " price_points p WHERE p.raw_response_id = r.id) <> 1"))
          .isZero();
      assertThat(quotesServed.get()).isEqualTo((int) raw);
      // The relay role's storage maintenance prepared today and the days ahead, so the rows are in
      // their day's partition, none left in the default ones (ADR 0009).
      until(
          "today's partitions and three days ahead exist",
          WAIT,
          () ->
              service.count(
                      "SELECT count(*) FROM pg_inherits WHERE inhparent = 'price_points'::regclass")
                  >= 5);
      assertThat(service.count("SELECT count(*) FROM price_points_default")).isZero();
      assertThat(service.count("SELECT count(*) FROM raw_market_data_default")).isZero();

      for (String symbol : List.of("AAPL", "MSFT")) {
        ServiceHarness.Reply average =
            service.get("/prices/moving-average?symbol=" + symbol + "&provider=finnhub");
        assertThat(average.status()).isEqualTo(200);
        assertThat(average.body().get("window_size").asInt()).isEqualTo(5);
        assertThat(average.body().get("sample_count").asInt()).isEqualTo(5);
        assertThat(average.body().get("value").decimalValue())
            .isEqualByComparingTo(meanOfLastFive(service, symbol));
      }
    }
  }

  private static BigDecimal meanOfLastFive(ServiceHarness service, String symbol) {
    List<BigDecimal> newestFirst =
        service.decimals(
            "SELECT price FROM price_points WHERE "
                + sql(symbol)
                + " ORDER BY quote_ts DESC, raw_response_id DESC LIMIT 5");
    List<BigDecimal> oldestFirst = new java.util.ArrayList<>(newestFirst);
    java.util.Collections.reverse(oldestFirst);
    return MovingAverageCalculator.ofWindow(5).average(oldestFirst).value();
  }

  private static boolean averagesMatchStoredPrices(ServiceHarness service, String symbol) {
    List<BigDecimal> stored =
        service.decimals(
            "SELECT value FROM symbol_averages WHERE " + sql(symbol) + " AND window_size = 5");
    return stored.size() == 1 && stored.get(0).compareTo(meanOfLastFive(service, symbol)) == 0;
  }

  @Test
  void activeJob_resumesAfterARestart() {
    Map<String, String> env = env();
    String jobId;
    long before;
    try (ServiceHarness service = ServiceHarness.start(env)) {
      ServiceHarness.Reply accepted =
          service.post(
              "/prices/poll", "{\"symbols\":[\"RSME\"],\"interval\":1,\"provider\":\"simulated\"}");
      assertThat(accepted.status()).isEqualTo(202);
      jobId = accepted.body().get("job_id").asText();
      until(
          "the job ran twice",
          WAIT,
          () -> service.count("SELECT count(*) FROM price_points WHERE symbol = 'RSME'") >= 2);
      before = service.count("SELECT count(*) FROM price_points WHERE symbol = 'RSME'");
    }
    try (ServiceHarness restarted = ServiceHarness.start(env)) {
      until(
          "the job runs again after the restart",
          WAIT,
          () ->
              restarted.count("SELECT count(*) FROM price_points WHERE symbol = 'RSME'")
                  >= before + 2);
      ServiceHarness.Reply job = restarted.get("/prices/poll/" + jobId);
      assertThat(job.status()).isEqualTo(200);
      assertThat(job.body().get("status").asText()).isEqualTo("active");
      assertThat(job.body().get("run_count").asLong()).isGreaterThanOrEqualTo(before + 2);
    }
  }
}
