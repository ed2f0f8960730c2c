package dev.marketdata.bootstrap.reliability;

import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.bootstrap.testing.ServiceHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 5: local servers stand in for Finnhub and Alpha Vantage and misbehave in every way the
 * real ones do. Each fault gives the documented status, a job records it and backs off, no row is
 * stored for a failed fetch, and everything works again once the provider does.
 */
class ProviderFaultsIT {
  private static final Logger log = LoggerFactory.getLogger(ProviderFaultsIT.class);

  /** How the stand-in answers, and what the API must say about it. */
  enum Fault {
    THROTTLED_429(503),
    SERVER_ERROR_500(502),
    PAST_READ_TIMEOUT(504),
    MALFORMED_JSON(502),
    HTML_PAGE(502),
    CONNECTION_RESET(502),
    UNEXPECTED_422(502),
    ALPHA_VANTAGE_INFORMATION(503),
    HEALTHY(200);

    final int expectedStatus;

    Fault(int expectedStatus) {
      this.expectedStatus = expectedStatus;
    }

    String provider() {
      return this == ALPHA_VANTAGE_INFORMATION ? "alpha_vantage" : "finnhub";
    }
  }

  @TempDir Path dataDir;
  private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.HEALTHY);
  private final AtomicInteger goodAnswers = new AtomicInteger();
  private final AtomicInteger badAnswers = new AtomicInteger();
  private final Map<String, AtomicInteger> requestsBySymbol = new ConcurrentHashMap<>();
  private MockWebServer finnhub;
  private MockWebServer alphaVantage;

  @BeforeEach
  void startProviders() throws Exception {
    finnhub = new MockWebServer();
    finnhub.setDispatcher(dispatcher(false));
    finnhub.start();
    alphaVantage = new MockWebServer();
    alphaVantage.setDispatcher(dispatcher(true));
    alphaVantage.start();
  }

  @AfterEach
  void stopProviders() {
    finnhub.close();
    alphaVantage.close();
  }

  private Dispatcher dispatcher(boolean alpha) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String symbol = request.getUrl().queryParameter("symbol");
        requestsBySymbol
            .computeIfAbsent(String.valueOf(symbol), s -> new AtomicInteger())
            .incrementAndGet();
        Fault now = fault.get();
        if (now == Fault.HEALTHY || (alpha != (now == Fault.ALPHA_VANTAGE_INFORMATION))) {
          goodAnswers.incrementAndGet();
          return alpha ? alphaQuote(request) : finnhubQuote();
        }
        badAnswers.incrementAndGet();
        MockResponse.Builder r = new MockResponse.Builder();
        return switch (now) {
          case THROTTLED_429 ->
              r.code(429)
                  .addHeader("Retry-After", "7")
                  .addHeader("Content-Type", "application/json")
                  .body("{\"error\":\"API limit reached. Please try again later.\"}")
                  .build();
          case SERVER_ERROR_500 -> r.code(500).body("Internal Server Error").build();
          case PAST_READ_TIMEOUT ->
              r.headersDelay(3, TimeUnit.SECONDS)
                  .addHeader("Content-Type", "application/json")
                  .body(finnhubBody())
                  .build();
          case MALFORMED_JSON ->
              r.addHeader("Content-Type", "application/json").body("{\"c\":151.2,\"t\":").build();
          case HTML_PAGE ->
              r.addHeader("Content-Type", "text/html")
                  .body("<html><body><h1>Down for maintenance</h1></body></html>")
                  .build();
          case CONNECTION_RESET -> r.onResponseStart(new SocketEffect.CloseSocket()).build();
          case UNEXPECTED_422 ->
              r.code(422)
                  .addHeader("Content-Type", "application/json")
                  .body("{\"error\":\"Unprocessable\"}")
                  .build();
          case ALPHA_VANTAGE_INFORMATION ->
              r.addHeader("Content-Type", "application/json")
                  .body(
                      "{\"Information\": \"Thank you for using Alpha Vantage! Please consider"
                          + " spreading out your free API requests more sparingly (1 request per"
                          + " second).\"}")
                  .build();
          case HEALTHY -> throw new IllegalStateException("handled above");
        };
      }
    };
  }

  private final AtomicInteger priceStep = new AtomicInteger();

  private String finnhubBody() {
    int n = priceStep.incrementAndGet();
    return "{\"c\":"
        + (150 + n % 50)
        + ".25,\"d\":0.5,\"dp\":0.2,\"h\":210,\"l\":140,\"o\":150,\"pc\":149,\"t\":"
        + Instant.now().getEpochSecond()
        + "}";
  }

  private MockResponse finnhubQuote() {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .body(finnhubBody())
        .build();
  }

  private MockResponse alphaQuote(RecordedRequest request) {
    String symbol = request.getUrl().queryParameter("symbol");
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body(
            "{\"Global Quote\": {\"01. symbol\": \""
                + symbol
                + "\", \"02. open\": \"306.7500\", \"03. high\": \"315.4400\", \"04. low\":"
                + " \"301.0900\", \"05. price\": \"312.4200\", \"06. volume\": \"5687955\","
                + " \"07. latest trading day\": \"2025-11-06\", \"08. previous close\":"
                + " \"306.7700\", \"09. change\": \"5.6500\", \"10. change percent\":"
                + " \"1.8418%\"}}")
        .build();
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("MDS_DATA_DIR", dataDir.toString());
    env.put("MDS_HTTP_PORT", "0");
    env.put("MDS_INSTANCE_ID", "provider-faults");
    env.put("MDS_PROVIDERS", "simulated,finnhub,alpha_vantage");
    env.put("FINNHUB_API_KEY", "faults-finnhub-key");
    env.put("MDS_FINNHUB_BASE_URL", finnhub.url("/").toString().replaceAll("/$", ""));
    env.put("MDS_FINNHUB_LIMITS", "6000/min");
    env.put("ALPHA_VANTAGE_API_KEY", "faults-alpha-key");
    env.put("MDS_ALPHA_VANTAGE_BASE_URL", alphaVantage.url("/").toString().replaceAll("/$", ""));
    env.put("MDS_ALPHA_VANTAGE_LIMITS", "6000/min");
    // Small timeouts and retry pauses keep the scenario short; the behaviour is the same.
    env.put("MDS_PROVIDER_READ_TIMEOUT_MS", "300");
    env.put("MDS_PROVIDER_CALL_TIMEOUT_MS", "1500");
    env.put("MDS_PROVIDER_RETRY_ATTEMPTS", "2");
    env.put("MDS_PROVIDER_RETRY_BASE_DELAY_MS", "10");
    env.put("MDS_PROVIDER_RETRY_MAX_DELAY_MS", "20");
    env.put("MDS_POLL_TICK_MILLIS", "100");
    env.put("MDS_SHUTDOWN_TIMEOUT_SECONDS", "20");
    return env;
  }

  @Test
  void everyProviderFault_documentedStatus_jobBacksOff_nothingStored_thenRecovers()
      throws Exception {
    try (ServiceHarness service = ServiceHarness.start(env())) {
      Api api = new Api(service.service().httpPort());
      Ledger ledger = Settled.ledger(service.service().database());
      List<String> measured = new ArrayList<>();
      List<String> failingJobs = new ArrayList<>();
      int n = 0;
      for (Fault f : Fault.values()) {
        if (f == Fault.HEALTHY) {
          continue;
        }
        fault.set(f);
        String symbol = "FLT" + (char) ('A' + n++);

        Api.Reply latest = api.get("/prices/latest?symbol=" + symbol + "&provider=" + f.provider());
        assertThat(latest.status()).as(f + ": " + latest.body()).isEqualTo(f.expectedStatus);
        assertProblem(latest, f);
        if (f.expectedStatus == 503) {
          assertThat(latest.header("Retry-After")).as(f + " Retry-After").isPresent();
          assertThat(Long.parseLong(latest.header("Retry-After").get())).isPositive();
        }
        if (f == Fault.UNEXPECTED_422) {
          assertThat(latest.json().get("kind").asText()).isEqualTo("rejected");
          assertThat(requests(symbol)).as("a refused request is not retried").isOne();
        }
        if (f == Fault.THROTTLED_429) {
          assertCallsHeldWhileThrottled(api, symbol);
        }

        String job = api.startJob(f.provider(), 1, symbol);
        until(
            f + ": the job records the failure twice and backs off",
            Duration.ofSeconds(60),
            () -> {
              JsonNode j = job(api, job);
              return j.get("error_count").asLong() >= 2 && !j.get("last_error").isNull();
            });
        JsonNode failing = job(api, job);
        assertThat(failing.get("status").asText()).isEqualTo("active");
        Duration gap =
            Duration.between(
                Instant.parse(failing.get("last_run_at").asText()),
                Instant.parse(failing.get("next_run_at").asText()));
        // Two failures in a row double the 1 s interval; a provider's Retry-After wins if longer.
        Duration minimum = f == Fault.THROTTLED_429 ? Duration.ofSeconds(7) : Duration.ofSeconds(2);
        assertThat(gap).as(f + " backoff").isGreaterThanOrEqualTo(minimum);
        assertThat(ledger.count("SELECT count(*) FROM raw_market_data WHERE symbol = ?", symbol))
            .as(f + ": nothing stored for a failed fetch")
            .isZero();
        measured.add(
            f
                + " -> "
                + latest.status()
                + " ("
                + latest.json().get("title").asText()
                + "), job error_count="
                + failing.get("error_count").asLong()
                + " backoff="
                + gap.toMillis()
                + "ms, last_error="
                + failing.get("last_error").asText());
        if (f == Fault.CONNECTION_RESET || f == Fault.ALPHA_VANTAGE_INFORMATION) {
          failingJobs.add(job); // left running, to see it recover on its own
        } else {
          assertThat(api.delete("/prices/poll/" + job).status()).isEqualTo(200);
        }
        if (f == Fault.THROTTLED_429) {
          // The job's last 429 holds Finnhub for another 7 s; the next fault needs it called.
          until(
              "Finnhub is usable again once its Retry-After passed",
              Duration.ofSeconds(30),
              () -> provider(api, "finnhub").get("available").asBoolean());
        }
      }

      fault.set(Fault.HEALTHY);
      for (String job : failingJobs) {
        until(
            "job " + job + " recovers by itself once the provider is healthy",
            Duration.ofSeconds(90),
            () -> {
              JsonNode j = job(api, job);
              return j.get("last_error").isNull() && j.get("run_count").asLong() > 3;
            });
      }
      Api.Reply healed = api.get("/prices/latest?symbol=FLTZ&provider=finnhub");
      assertThat(healed.status()).isEqualTo(200);
      Api.Reply healedAlpha = api.get("/prices/latest?symbol=FLTY&provider=alpha_vantage");
      assertThat(healedAlpha.status()).as(healedAlpha.body()).isEqualTo(200);
      for (String job : failingJobs) {
        assertThat(api.delete("/prices/poll/" + job).status()).isEqualTo(200);
      }
      Settled.awaitQuiet(ledger);
      Ledger.Totals totals = Settled.assertNothingLostOrDuplicated("provider-faults", ledger, null);
      assertThat(totals.raw())
          .as("one stored row per healthy provider answer, none for the faulty ones")
          .isEqualTo(goodAnswers.get());
      assertThat(ledger.count("SELECT count(*) FROM raw_market_data WHERE http_status <> 200"))
          .isZero();
      log.info(
          "provider-faults: {} healthy answers stored={} faulty answers={}",
          String.join("; ", measured),
          totals.raw(),
          badAnswers.get());
    }
  }

  /**
   * After Finnhub's 429 (Retry-After 7), another symbol's fetch fails at once with 503 and sends
   * nothing, and {@code GET /providers} says why and until when.
   */
  private void assertCallsHeldWhileThrottled(Api api, String symbol) throws Exception {
    Api.Reply held = api.get("/prices/latest?symbol=" + symbol + "X&provider=finnhub");
    assertThat(held.status()).as(held.body()).isEqualTo(503);
    assertThat(Long.parseLong(held.header("Retry-After").orElseThrow())).isBetween(1L, 7L);
    assertThat(requests(symbol + "X")).as("no call while throttled").isZero();
    JsonNode status = provider(api, "finnhub");
    assertThat(status.get("available").asBoolean()).isFalse();
    assertThat(status.get("unavailable_reason").asText())
        .startsWith("throttled by the provider until");
    assertThat(status.get("budget"))
        .allSatisfy(b -> assertThat(b.get("remaining").asInt()).isZero());
  }

  private int requests(String symbol) {
    AtomicInteger count = requestsBySymbol.get(symbol);
    return count == null ? 0 : count.get();
  }

  private static JsonNode provider(Api api, String id) {
    Api.Reply reply;
    try {
      reply = api.get("/providers");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertThat(reply.status()).isEqualTo(200);
    for (JsonNode p : reply.json().get("providers")) {
      if (id.equals(p.get("id").asText())) {
        return p;
      }
    }
    throw new AssertionError("no provider " + id + " in " + reply.body());
  }

  private static void assertProblem(Api.Reply reply, Fault f) {
    assertThat(reply.isProblem()).as(f + " content type " + reply.contentType()).isTrue();
    JsonNode body = reply.json();
    assertThat(body.get("status").asInt()).isEqualTo(reply.status());
    assertThat(body.get("type").asText()).isNotBlank();
    assertThat(body.get("title").asText()).isNotBlank();
    // No stack trace, no Java class names and never the API key.
    assertThat(body.toString())
        .doesNotContain("\tat ")
        .doesNotContain("faults-")
        .doesNotContainPattern("[A-Za-z]+(Exception|Error)\\b");
  }

  private static JsonNode job(Api api, String id) {
    try {
      Api.Reply reply = api.get("/prices/poll/" + id);
      assertThat(reply.status()).isEqualTo(200);
      return reply.json();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
