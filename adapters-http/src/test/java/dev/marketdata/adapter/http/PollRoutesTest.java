package dev.marketdata.adapter.http;

import static dev.marketdata.adapter.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.application.poll.PollRequest;
import dev.marketdata.application.poll.StartedPollJob;
import dev.marketdata.domain.failure.JobNotFound;
import dev.marketdata.domain.failure.UnservableRequest;
import dev.marketdata.domain.market.MarketHours;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PollRoutesTest {
  static final UUID ID = UUID.fromString("0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b");
  static final Instant CREATED = Instant.parse("2024-03-20T10:30:00Z");

  ApiHarness api;

  @BeforeEach
  void start(Vertx vertx) {
    api = new ApiHarness(vertx).start();
  }

  static PollJob job() {
    return PollJob.start(
        ID,
        List.of(Symbol.of("AAPL"), Symbol.of("MSFT")),
        Duration.ofSeconds(60),
        ProviderId.FINNHUB,
        CREATED);
  }

  static String jobJson(String status, String updatedAt, String nextRunAt) {
    return "{\"job_id\":\""
        + ID
        + "\",\"status\":\""
        + status
        + "\",\"config\":{\"symbols\":[\"AAPL\",\"MSFT\"],\"interval\":60,\"provider\":\"finnhub\","
        + "\"market_hours\":\"always\"},\"created_at\":\"2024-03-20T10:30:00Z\",\"updated_at\":\""
        + updatedAt
        + "\",\"last_run_at\":\"2024-03-20T10:31:00Z\",\"next_run_at\":"
        + nextRunAt
        + ",\"last_error\":\"provider finnhub throttled\",\"run_count\":1,\"error_count\":1}";
  }

  static PollJob ranOnce() {
    return job()
        .afterRun(Instant.parse("2024-03-20T10:31:00Z"), "provider finnhub throttled", false, null);
  }

  @Test
  void givenAValidBody_poll_accepts202WithLocationAndTheSpecBody() {
    PollRequest expected =
        new PollRequest(
            List.of(Symbol.of("AAPL"), Symbol.of("MSFT")),
            Duration.ofSeconds(60),
            Optional.of(ProviderId.FINNHUB));
    when(api.startPoll.start(expected))
        .thenReturn(CompletableFuture.completedFuture(new StartedPollJob(job(), List.of())));

    HttpResponse<Buffer> r =
        api.postJson(
            "/prices/poll",
            "{\"symbols\":[\"AAPL\",\"MSFT\"],\"interval\":60,\"provider\":\"finnhub\"}");

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.getHeader("Location")).isEqualTo("/prices/poll/" + ID);
    assertThat(r.bodyAsString())
        .isEqualTo(
            "{\"job_id\":\""
                + ID
                + "\",\"status\":\"accepted\",\"config\":{\"symbols\":[\"AAPL\",\"MSFT\"],"
                + "\"interval\":60,\"provider\":\"finnhub\",\"market_hours\":\"always\"}}");
  }

  @Test
  void givenWarnings_poll_listsThem() {
    when(api.startPoll.start(any()))
        .thenReturn(
            CompletableFuture.completedFuture(
                new StartedPollJob(
                    job(), List.of("daily budget runs out at 2024-03-20T18:00:00Z"))));

    HttpResponse<Buffer> r =
        api.postJson("/prices/poll", "{\"symbols\":[\"AAPL\",\"MSFT\"],\"interval\":60}");

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(json(r).get("warnings").get(0).asText())
        .isEqualTo("daily budget runs out at 2024-03-20T18:00:00Z");
  }

  @Test
  void givenAnUnservableInterval_poll_is422NamingIntervalWithTheSuggestion() {
    when(api.startPoll.start(any()))
        .thenReturn(
            CompletableFuture.failedFuture(
                new UnservableRequest(
                    "interval",
                    "2 symbols every 1 s need 120 calls a minute; finnhub allows 60",
                    "an interval of at least 2 s fits")));

    HttpResponse<Buffer> r =
        api.postJson("/prices/poll", "{\"symbols\":[\"AAPL\",\"MSFT\"],\"interval\":1}");

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(json(r).get("field").asText()).isEqualTo("interval");
    assertThat(json(r).get("suggestion").asText()).isEqualTo("an interval of at least 2 s fits");
  }

  @Test
  void givenWrongTypes_poll_is400NamingTheField() {
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry("{\"symbols\":[\"AAPL\"],\"interval\":\"60\"}", "interval"),
            Map.entry("{\"symbols\":[\"AAPL\"],\"interval\":60.5}", "interval"),
            Map.entry("{\"symbols\":[\"AAPL\"],\"interval\":1e3}", "interval"),
            Map.entry("{\"symbols\":[\"AAPL\"],\"interval\":true}", "interval"),
            Map.entry("{\"symbols\":[\"AAPL\"],\"interval\":99999999999999999999999}", "interval"),
            Map.entry("{\"symbols\":[\"AAPL\"],\"interval\":2147483648}", "interval"),
            Map.entry("{\"symbols\":[\"AAPL\"],\"interval\":0}", "interval"),
            Map.entry("{\"symbols\":[\"AAPL\"],\"interval\":-5}", "interval"),
            Map.entry("{\"symbols\":[\"AAPL\"]}", "interval"),
            Map.entry("{\"symbols\":\"AAPL\",\"interval\":60}", "symbols"),
            Map.entry("{\"symbols\":[1,2],\"interval\":60}", "symbols[0]"),
            Map.entry("{\"symbols\":[\"AAPL\",null],\"interval\":60}", "symbols[1]"),
            Map.entry("{\"symbols\":[\"AAPL\",\"DROP TABLE x;\"],\"interval\":60}", "symbols[1]"),
            Map.entry("{\"symbols\":[],\"interval\":60}", "symbols"),
            Map.entry("{\"interval\":60}", "symbols"),
            Map.entry("{\"symbols\":[\"AAPL\"],\"interval\":60,\"provider\":7}", "provider"),
            Map.entry("{\"symbols\":[\"AAPL\"],\"interval\":60,\"provider\":\"a b\"}", "provider"),
            Map.entry("{\"symbols\":[\"AAPL\"],\"interval\":60,\"extra\":1}", "extra"),
            Map.entry(
                "{\"symbols\":[\"AAPL\"],\"interval\":60,\"market_hours\":\"nights\"}",
                "market_hours"),
            Map.entry(
                "{\"symbols\":[\"AAPL\"],\"interval\":60,\"market_hours\":1}", "market_hours"),
            Map.entry(
                "{\"symbols\":[\"AAPL\"],\"interval\":60,\"market_hours\":\"\"}", "market_hours"),
            Map.entry(
                "{\"symbols\":[\"AAPL\"],\"interval\":60,\"provider\":\"finnhub,,yahoo\"}",
                "provider"),
            Map.entry(
                "{\"symbols\":[\"AAPL\"],\"interval\":60,\"provider\":\"finnhub,finnhub\"}",
                "provider"),
            Map.entry("{\"symbols\":[\"AAPL\"],\"interval\":60,\"provider\":[]}", "provider"),
            Map.entry("{\"symbols\":[\"AAPL\"],\"interval\":60,\"provider\":[7]}", "provider"),
            Map.entry(
                "{\"symbols\":[\"AAPL\"],\"interval\":60,\"provider\":{\"a\":1}}", "provider"));
    cases.forEach(
        (body, field) -> {
          HttpResponse<Buffer> r = api.postJson("/prices/poll", body);
          assertThat(r.statusCode()).as(body).isEqualTo(400);
          assertThat(r.getHeader("Content-Type")).as(body).isEqualTo("application/problem+json");
          assertThat(json(r).get("field").asText()).as(body).isEqualTo(field);
        });
    verify(api.startPoll, never()).start(any());
  }

  @Test
  void givenMalformedJson_poll_is400WithoutAField() {
    for (String body :
        List.of("", "{", "[]", "null", "42", "{\"symbols\":[\"A\"]} trailing", "{'a':1}")) {
      HttpResponse<Buffer> r = api.postJson("/prices/poll", body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(json(r).get("type").asText()).as(body).endsWith("malformed-body");
    }
    HttpResponse<Buffer> dup =
        api.postJson("/prices/poll", "{\"symbols\":[\"A\"],\"interval\":5,\"interval\":6}");
    assertThat(dup.statusCode()).isEqualTo(400);
  }

  @Test
  void givenDeepNesting_poll_is400() {
    String deep = "[".repeat(500) + "]".repeat(500);
    HttpResponse<Buffer> r =
        api.postJson("/prices/poll", "{\"symbols\":" + deep + ",\"interval\":60}");
    // The strict record rejects the first nested array before the depth limit is reached.
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("symbols[0]");
  }

  @Test
  void givenInvalidUtf8_poll_is400() {
    Buffer body =
        Buffer.buffer("{\"symbols\":[\"A")
            .appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF})
            .appendString("\"],\"interval\":60}");
    HttpResponse<Buffer> r =
        api.send(HttpMethod.POST, "/prices/poll", "application/json", body, Map.of());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("detail").asText()).contains("not valid UTF-8 JSON");
  }

  @Test
  void givenJobs_list_answersThem() {
    when(api.listPolls.list()).thenReturn(CompletableFuture.completedFuture(List.of(ranOnce())));

    HttpResponse<Buffer> r = api.get("/prices/poll");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString())
        .isEqualTo(
            "{\"jobs\":["
                + jobJson("active", "2024-03-20T10:31:00Z", "\"2024-03-20T10:32:00Z\"")
                + "]}");
  }

  @Test
  void givenAJob_get_answersItsState() {
    when(api.getPoll.get(ID)).thenReturn(CompletableFuture.completedFuture(ranOnce()));

    HttpResponse<Buffer> r = api.get("/prices/poll/" + ID);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString())
        .isEqualTo(jobJson("active", "2024-03-20T10:31:00Z", "\"2024-03-20T10:32:00Z\""));
  }

  @Test
  void givenAFreshJob_get_showsNullsForWhatHasNotHappened() {
    when(api.getPoll.get(ID)).thenReturn(CompletableFuture.completedFuture(job()));

    HttpResponse<Buffer> r = api.get("/prices/poll/" + ID);

    assertThat(json(r).get("last_run_at").isNull()).isTrue();
    assertThat(json(r).get("last_error").isNull()).isTrue();
    assertThat(json(r).get("next_run_at").asText()).isEqualTo("2024-03-20T10:30:00Z");
    assertThat(json(r).get("run_count").asLong()).isZero();
  }

  @Test
  void givenAnUnknownJob_get_is404NamingJobId() {
    when(api.getPoll.get(ID)).thenReturn(CompletableFuture.failedFuture(new JobNotFound(ID)));

    HttpResponse<Buffer> r = api.get("/prices/poll/" + ID);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("field").asText()).isEqualTo("job_id");
    assertThat(json(r).get("type").asText()).isEqualTo("urn:marketdata:problem:job-not-found");
  }

  @Test
  void givenABadJobId_getAndDelete_are400NamingJobId() {
    for (String bad : List.of("123", "not-a-uuid", "1-1-1-1-1", ID + "0", "%27%20OR%201%3D1")) {
      HttpResponse<Buffer> g = api.get("/prices/poll/" + bad);
      assertThat(g.statusCode()).as(bad).isEqualTo(400);
      assertThat(json(g).get("field").asText()).isEqualTo("job_id");
      HttpResponse<Buffer> d = api.delete("/prices/poll/" + bad);
      assertThat(d.statusCode()).as(bad).isEqualTo(400);
    }
  }

  @Test
  void givenAJob_delete_answersItStopped() {
    PollJob stopped = ranOnce().stopped(Instant.parse("2024-03-20T10:32:00Z"));
    when(api.stopPoll.stop(ID)).thenReturn(CompletableFuture.completedFuture(stopped));

    HttpResponse<Buffer> r = api.delete("/prices/poll/" + ID);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).isEqualTo(jobJson("stopped", "2024-03-20T10:32:00Z", "null"));
  }

  @Test
  void givenAJobIdBody_stop_doesTheSameAsDelete() {
    PollJob stopped = ranOnce().stopped(Instant.parse("2024-03-20T10:32:00Z"));
    when(api.stopPoll.stop(ID)).thenReturn(CompletableFuture.completedFuture(stopped));

    HttpResponse<Buffer> r = api.postJson("/prices/stop", "{\"job_id\":\"" + ID + "\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).isEqualTo(jobJson("stopped", "2024-03-20T10:32:00Z", "null"));
  }

  @Test
  void givenBadStopBodies_stop_is400NamingTheField() {
    assertThat(json(api.postJson("/prices/stop", "{}")).get("field").asText()).isEqualTo("job_id");
    assertThat(json(api.postJson("/prices/stop", "{\"job_id\":12}")).get("field").asText())
        .isEqualTo("job_id");
    assertThat(json(api.postJson("/prices/stop", "{\"job_id\":\"x\"}")).get("field").asText())
        .isEqualTo("job_id");
    assertThat(json(api.postJson("/prices/stop", "{\"id\":\"" + ID + "\"}")).get("field").asText())
        .isEqualTo("id");
    verify(api.stopPoll, never()).stop(any());
  }

  @Test
  void givenMarketHoursAndAChain_poll_passesThemOnAndAnswersThem() {
    PollRequest expected =
        new PollRequest(
            List.of(Symbol.of("AAPL")),
            Duration.ofSeconds(3600),
            Optional.of(ProviderChain.parse("provider", "finnhub,yahoo")),
            MarketHours.REGULAR);
    PollJob job =
        PollJob.start(
            ID,
            List.of(Symbol.of("AAPL")),
            Duration.ofSeconds(3600),
            ProviderChain.parse("provider", "finnhub,yahoo"),
            MarketHours.REGULAR,
            CREATED);
    when(api.startPoll.start(expected))
        .thenReturn(CompletableFuture.completedFuture(new StartedPollJob(job, List.of())));

    for (String provider : List.of("\"finnhub,yahoo\"", "[\"finnhub\",\"yahoo\"]")) {
      HttpResponse<Buffer> r =
          api.postJson(
              "/prices/poll",
              "{\"symbols\":[\"AAPL\"],\"interval\":3600,\"provider\":"
                  + provider
                  + ",\"market_hours\":\"regular\"}");

      assertThat(r.statusCode()).as(provider).isEqualTo(202);
      assertThat(json(r).get("config").get("provider").asText()).isEqualTo("finnhub,yahoo");
      assertThat(json(r).get("config").get("market_hours").asText()).isEqualTo("regular");
    }
  }

  @Test
  void givenAWaitingJobWithFallbacks_get_showsWhyWhenItResumesAndWhoServed() {
    Instant resumes = Instant.parse("2026-11-27T14:30:00Z");
    PollJob job =
        PollJob.start(
                ID,
                List.of(Symbol.of("AAPL")),
                Duration.ofSeconds(3600),
                ProviderChain.parse("provider", "finnhub,yahoo"),
                MarketHours.REGULAR,
                CREATED)
            .withFallbacks(
                PollJob.Fallbacks.NONE.plus(
                    CREATED, Symbol.of("AAPL"), List.of(ProviderId.FINNHUB), ProviderId.YAHOO))
            .scheduled(CREATED, resumes, "market closed: Thanksgiving Day", null);
    when(api.getPoll.get(ID)).thenReturn(CompletableFuture.completedFuture(job));

    HttpResponse<Buffer> r = api.get("/prices/poll/" + ID);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("next_run_at").asText()).isEqualTo("2026-11-27T14:30:00Z");
    assertThat(json(r).get("waiting").get("reason").asText())
        .isEqualTo("market closed: Thanksgiving Day");
    assertThat(json(r).get("waiting").get("resumes_at").asText()).isEqualTo("2026-11-27T14:30:00Z");
    assertThat(json(r).get("fallbacks").get("count").asLong()).isEqualTo(1);
    assertThat(json(r).get("fallbacks").get("last").get("provider").asText()).isEqualTo("yahoo");
    assertThat(json(r).get("fallbacks").get("last").get("fallback_from").get(0).asText())
        .isEqualTo("finnhub");
    assertThat(json(r).has("calendar_note")).isFalse();
  }

  @Test
  void givenASingleProviderJob_get_hasNoWaitingNorFallbacks() {
    when(api.getPoll.get(ID)).thenReturn(CompletableFuture.completedFuture(job()));

    HttpResponse<Buffer> r = api.get("/prices/poll/" + ID);

    assertThat(json(r).has("waiting")).isFalse();
    assertThat(json(r).has("fallbacks")).isFalse();
    assertThat(json(r).get("config").get("provider").asText()).isEqualTo("finnhub");
  }
}
