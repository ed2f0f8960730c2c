package dev.marketdata.adapter.http;

import static dev.marketdata.adapter.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.application.backfill.BackfillRequest;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.failure.JobNotFound;
import dev.marketdata.domain.model.BackfillJob;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(VertxExtension.class)
class BackfillRoutesTest {
  static final UUID ID = UUID.fromString("0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b");
  static final Instant CREATED = Instant.parse("2026-11-30T10:30:00Z");
  static final LocalDate FROM = LocalDate.parse("2026-01-02");
  static final LocalDate TO = LocalDate.parse("2026-11-27");
  static final String BODY =
      "{\"symbols\":[\"AAPL\",\"MSFT\"],\"provider\":\"yahoo\",\"interval\":\"1d\","
          + "\"from\":\"2026-01-02\",\"to\":\"2026-11-27\"}";

  ApiHarness api;

  @BeforeEach
  void start(Vertx vertx) {
    api = new ApiHarness(vertx).start();
  }

  static BackfillJob job() {
    return BackfillJob.accept(
        ID, List.of(Symbol.of("AAPL"), Symbol.of("MSFT")), ProviderId.YAHOO, FROM, TO, CREATED);
  }

  @Test
  void givenAValidBody_backfill_accepts202WithJobIdAndConfig() throws Exception {
    BackfillRequest expected =
        new BackfillRequest(
            List.of(Symbol.of("AAPL"), Symbol.of("MSFT")),
            Optional.of(ProviderId.YAHOO),
            "1d",
            FROM,
            TO);
    when(api.startBackfill.start(expected)).thenReturn(CompletableFuture.completedFuture(job()));

    HttpResponse<Buffer> r = api.postJson("/prices/backfill", BODY);

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.getHeader("Location")).isEqualTo("/prices/backfill/" + ID);
    assertThat(json(r))
        .isEqualTo(
            ApiHarness.JSON.readTree(
                "{\"job_id\":\""
                    + ID
                    + "\",\"status\":\"accepted\",\"config\":{\"symbols\":[\"AAPL\",\"MSFT\"],"
                    + "\"provider\":\"yahoo\",\"interval\":\"1d\",\"from\":\"2026-01-02\","
                    + "\"to\":\"2026-11-27\"}}"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"symbols\":[\"AAPL\"],\"interval\":\"1m\",\"from\":\"2026-01-02\",\"to\":\"2026-01-03\"}|interval",
        "{\"symbols\":[\"AAPL\"],\"from\":\"2026-01-02\",\"to\":\"2026-01-03\"}|interval",
        "{\"symbols\":[\"AAPL\"],\"interval\":\"1d\",\"from\":\"2026-13-02\",\"to\":\"2026-01-03\"}|from",
        "{\"symbols\":[\"AAPL\"],\"interval\":\"1d\",\"from\":\"2026-01-02\",\"to\":\"tomorrow\"}|to",
        "{\"symbols\":[\"AAPL\"],\"interval\":\"1d\",\"to\":\"2026-01-03\"}|from",
        "{\"symbols\":[\"AAPL\"],\"interval\":\"1d\",\"from\":\"2026-01-05\",\"to\":\"2026-01-03\"}|from",
        "{\"symbols\":[],\"interval\":\"1d\",\"from\":\"2026-01-02\",\"to\":\"2026-01-03\"}|symbols",
        "{\"symbols\":[\"a b\"],\"interval\":\"1d\",\"from\":\"2026-01-02\",\"to\":\"2026-01-03\"}|symbols[0]",
        "{\"interval\":\"1d\",\"from\":\"2026-01-02\",\"to\":\"2026-01-03\"}|symbols",
        "{\"symbols\":[\"AAPL\"],\"interval\":\"1d\",\"from\":\"0001-01-01\",\"to\":\"2026-01-03\"}|from",
        "{\"symbols\":[\"AAPL\"],\"provider\":\"No Such\",\"interval\":\"1d\",\"from\":\"2026-01-02\",\"to\":\"2026-01-03\"}|provider"
      })
  void givenAnInvalidBody_backfill_answers400NamingTheField(String body, String field) {
    HttpResponse<Buffer> r = api.postJson("/prices/backfill", body);

    assertThat(r.statusCode()).as(body).isEqualTo(400);
    assertThat(r.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(json(r).get("field").asText()).as(body).isEqualTo(field);
    verify(api.startBackfill, never()).start(any());
  }

  @Test
  void givenTooManySymbols_backfill_answers400NamingSymbols() {
    StringBuilder symbols = new StringBuilder();
    for (int i = 0; i <= BackfillRequest.MAX_SYMBOLS; i++) {
      symbols.append(i == 0 ? "" : ",").append("\"S").append(i).append('"');
    }
    HttpResponse<Buffer> r =
        api.postJson(
            "/prices/backfill",
            "{\"symbols\":["
                + symbols
                + "],\"interval\":\"1d\",\"from\":\"2026-01-02\",\"to\":\"2026-01-03\"}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("symbols");
  }

  @Test
  void givenAProviderWithoutHistory_backfill_answers400NamingProvider() {
    when(api.startBackfill.start(any()))
        .thenReturn(
            CompletableFuture.failedFuture(
                new InvalidInput("provider", "finnhub", "offers no daily history")));

    HttpResponse<Buffer> r = api.postJson("/prices/backfill", BODY.replace("yahoo", "finnhub"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("provider");
  }

  @Test
  void givenAJob_get_answersItsProgress() {
    BackfillJob job =
        job()
            .running(CREATED)
            .symbolDone(Symbol.of("AAPL"), 229, CREATED)
            .symbolFailed(Symbol.of("MSFT"), "symbol MSFT not found at provider yahoo", CREATED);
    when(api.getBackfill.get(ID)).thenReturn(CompletableFuture.completedFuture(job));

    HttpResponse<Buffer> r = api.get("/prices/backfill/" + ID);

    assertThat(r.statusCode()).isEqualTo(200);
    var body = json(r);
    assertThat(body.get("status").asText()).isEqualTo("completed");
    assertThat(body.get("bars_stored").asLong()).isEqualTo(229);
    assertThat(body.get("next_run_at").isNull()).isTrue();
    assertThat(body.get("progress").get(0).get("state").asText()).isEqualTo("done");
    assertThat(body.get("progress").get(1).get("state").asText()).isEqualTo("failed");
    assertThat(body.get("progress").get(1).get("error").asText()).contains("not found");
  }

  @Test
  void givenAnUnknownJob_get_answers404() {
    when(api.getBackfill.get(ID))
        .thenReturn(CompletableFuture.failedFuture(new JobNotFound(ID, "backfill job")));

    HttpResponse<Buffer> r = api.get("/prices/backfill/" + ID);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("title").asText()).isEqualTo("Backfill job not found");
  }

  @Test
  void givenAMalformedJobId_get_answers400NamingJobId() {
    HttpResponse<Buffer> r = api.get("/prices/backfill/nope");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("job_id");
  }
}
