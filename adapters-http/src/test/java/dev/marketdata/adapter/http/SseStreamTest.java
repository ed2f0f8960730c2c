package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import dev.marketdata.testsupport.Samples;
import dev.marketdata.testsupport.ScriptedLiveEventLog;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SseStreamTest {
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final Symbol MSFT = Symbol.of("MSFT");
  private static final ProviderId SIM = ProviderId.SIMULATED;
  private static final Pattern ID = Pattern.compile("(?m)^id: (\\d+)\\nevent: (\\w+)\\n");

  private final Vertx vertx = Vertx.vertx();
  private final StreamHarness h = new StreamHarness(vertx);

  @AfterEach
  void close() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  private static void until(String what, java.util.function.BooleanSupplier condition) {
    Await.until(what, Duration.ofSeconds(15), condition);
  }

  private static List<Long> liveIds(String text) {
    List<Long> ids = new ArrayList<>();
    Matcher m = ID.matcher(text);
    while (m.find()) {
      if (!m.group(2).equals("snapshot")) {
        ids.add(Long.parseLong(m.group(1)));
      }
    }
    return ids;
  }

  private void assertProblem(String uri, int status, String field) {
    StreamHarness.Answer a = h.get(uri);
    assertThat(a.status()).as(uri).isEqualTo(status);
    assertThat(a.headers().get("Content-Type")).isEqualTo("application/problem+json");
    if (field != null) {
      assertThat(ApiHarness.json(a.body()).path("field").asText()).as(uri).isEqualTo(field);
    }
  }

  @Test
  void givenBadRequests_theStreamIsRefusedWithAProblemNamingTheField() {
    h.start(StreamHarness.defaults());

    assertProblem("/stream/prices", 400, "symbols");
    assertProblem("/stream/prices?symbols=", 400, "symbols");
    assertProblem("/stream/prices?symbols=AAPL,bad%20sym", 400, "symbols");
    assertProblem("/stream/prices?symbols=A,B,C,D", 400, "symbols");
    assertProblem("/stream/prices?symbols=AAPL&provider=nosuch", 400, "provider");
    assertProblem("/stream/prices?symbols=AAPL&last_event_id=-1", 400, "last_event_id");
    assertProblem("/stream/prices?symbols=AAPL&last_event_id=abc", 400, "last_event_id");
    assertProblem("/stream/prices?symbols=AAPL&sybmols=X", 400, "sybmols");
    assertProblem("/stream/prices?symbols=AAPL&intervals=", 400, "intervals");
    assertProblem("/stream/prices?symbols=AAPL&intervals=1m,2m", 400, "intervals");
    assertThat(h.opened.get()).as("no stream opened").isZero();
  }

  @Test
  void givenAFreshClient_theStreamStartsAtOnceWithHeadersRetryAndASnapshot() {
    h.log.appendPrice(AAPL, SIM, "1.00");
    h.log.appendPrice(AAPL, SIM, "2.00");
    when(h.prices.latest(AAPL, SIM))
        .thenReturn(
            CompletableFuture.completedFuture(
                Optional.of(Samples.point("AAPL", SIM, "187.25", Samples.T0))));
    when(h.averages.find(eq(AAPL), eq(SIM), eq(5)))
        .thenReturn(
            CompletableFuture.completedFuture(
                Optional.of(
                    new MovingAverage(AAPL, SIM, 5, new BigDecimal("186.5"), 5, Samples.T0))));
    h.start(StreamHarness.defaults());

    StreamHarness.Sse sse =
        h.open("/stream/prices?symbols=aapl", Map.of("Accept-Encoding", "gzip"));

    assertThat(sse.status()).isEqualTo(200);
    assertThat(sse.header("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
    assertThat(sse.header("Cache-Control")).isEqualTo("no-cache");
    assertThat(sse.header("X-Accel-Buffering")).isEqualTo("no");
    assertThat(sse.header("Content-Encoding")).isNotEqualTo("gzip");
    until("snapshot", () -> sse.text().contains("event: snapshot"));
    String text = sse.text();
    assertThat(text).startsWith("retry: 3000\n\n");
    assertThat(text).contains("id: 2\nevent: snapshot\ndata: ");
    String data =
        text.substring(text.indexOf("data: ") + 6, text.indexOf("\n\n", text.indexOf("data: ")));
    JsonNode snapshot = ApiHarness.json(data);
    assertThat(snapshot.path("prices").get(0).path("price").asText()).isEqualTo("187.25");
    assertThat(snapshot.path("prices").get(0).path("raw_response_id").asText()).isNotEmpty();
    assertThat(snapshot.path("averages").get(0).path("window_size").asInt()).isEqualTo(5);
    verify(h.providers, never()).get(any()); // no provider named, none asked

    long id = h.log.appendPrice(AAPL, SIM, "3.00");
    h.log.appendPrice(MSFT, SIM, "9.00");
    until("live price", () -> sse.text().contains("id: " + id + "\nevent: price\n"));
    assertThat(liveIds(sse.text())).containsExactly(id);
  }

  @Test
  void givenACompletedBar_theStreamSendsItAsABarEventWithTheBarsJsonAndItsSeries() {
    h.start(StreamHarness.defaults());
    StreamHarness.Sse sse = h.open("/stream/prices?symbols=AAPL&provider=simulated", Map.of());
    until("snapshot", () -> sse.text().contains("event: snapshot"));

    Instant start = Instant.parse("2026-03-09T14:30:00Z");
    h.log.appendBar(MSFT, SIM, ScriptedLiveEventLog.bar(MSFT, SIM, BarInterval.ONE_MINUTE, start));
    long bar =
        h.log.appendBar(
            AAPL, SIM, ScriptedLiveEventLog.bar(AAPL, SIM, BarInterval.FIVE_MINUTES, start));
    until("bar", () -> sse.text().contains("id: " + bar + "\nevent: bar\n"));

    String text = sse.text();
    int at = text.indexOf("data: ", text.indexOf("event: bar")) + 6;
    assertThat(text.substring(at, text.indexOf("\n\n", at)))
        .isEqualTo(
            "{\"symbol\":\"AAPL\",\"provider\":\"simulated\",\"interval\":\"5m\","
                + "\"start\":\"2026-03-09T14:30:00Z\",\"end\":\"2026-03-09T14:35:00Z\","
                + "\"open\":1,\"high\":3,\"low\":0.5,\"close\":2,\"count\":4,\"complete\":true,\"source\":\"prices\"}");
    assertThat(liveIds(text)).containsExactly(bar);
  }

  @Test
  void givenIntervals_theStreamSendsOnlyBarsOfThoseIntervals_liveAndOnResume() {
    h.start(StreamHarness.defaults());
    Instant start = Instant.parse("2026-03-09T14:00:00Z");
    long first = h.log.appendPrice(AAPL, SIM, "1");
    h.log.appendBar(
        AAPL, SIM, ScriptedLiveEventLog.bar(AAPL, SIM, BarInterval.FIVE_MINUTES, start));
    long missed =
        h.log.appendBar(AAPL, SIM, ScriptedLiveEventLog.bar(AAPL, SIM, BarInterval.ONE_DAY, start));

    StreamHarness.Sse sse =
        h.open(
            "/stream/prices?symbols=AAPL&provider=simulated&intervals=1m,1d&last_event_id=" + first,
            Map.of());
    until("replayed bar", () -> sse.text().contains("id: " + missed + "\nevent: bar\n"));
    h.log.appendBar(
        AAPL, SIM, ScriptedLiveEventLog.bar(AAPL, SIM, BarInterval.FIVE_MINUTES, start));
    long live =
        h.log.appendBar(
            AAPL, SIM, ScriptedLiveEventLog.bar(AAPL, SIM, BarInterval.ONE_MINUTE, start));
    long price = h.log.appendPrice(AAPL, SIM, "2");
    until("live price", () -> sse.text().contains("id: " + price + "\nevent: price\n"));

    assertThat(liveIds(sse.text())).containsExactly(missed, live, price);
    assertThat(sse.text()).doesNotContain("\"interval\":\"5m\"");
  }

  @Test
  void givenALastEventId_theStreamReplaysWhatWasMissedThenGoesLive_noGapNoRepeat() {
    List<Long> aapl = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      aapl.add(h.log.appendPrice(AAPL, SIM, "1." + i));
      h.log.appendPrice(MSFT, SIM, "2." + i);
      aapl.add(h.log.appendAverage(AAPL, SIM, 5, "1." + i));
    }
    h.start(StreamHarness.defaults());
    long seen = aapl.get(3);

    StreamHarness.Sse sse =
        h.open("/stream/prices?symbols=AAPL&last_event_id=1", Map.of("Last-Event-ID", "" + seen));
    until("replay", () -> liveIds(sse.text()).size() >= aapl.size() - 4);
    // While live events keep coming, nothing is lost or repeated around the switch.
    for (int i = 0; i < 20; i++) {
      aapl.add(h.log.appendPrice(AAPL, SIM, "3." + i));
    }
    List<Long> expected = aapl.subList(4, aapl.size());
    until("live", () -> liveIds(sse.text()).size() >= expected.size());
    assertThat(liveIds(sse.text())).containsExactlyElementsOf(expected);
    assertThat(sse.text()).doesNotContain("event: snapshot");
  }

  @Test
  void givenAnIdOutsideTheResumeWindow_theStreamStartsWithASnapshot() {
    h.log.appendPrice(AAPL, SIM, "1");
    h.log.appendPrice(AAPL, SIM, "2");
    h.log.deleteBefore(2);
    h.start(StreamHarness.defaults());

    StreamHarness.Sse sse = h.open("/stream/prices?symbols=AAPL&last_event_id=1", Map.of());
    until("snapshot", () -> sse.text().contains("event: snapshot"));
    assertThat(liveIds(sse.text())).isEmpty();
  }

  @Test
  void anIdleStream_isPinged() {
    h.start(
        StreamHarness.settings(
            3, 50, Duration.ofMillis(200), Duration.ofSeconds(60), Duration.ofSeconds(30)));
    StreamHarness.Sse sse = h.open("/stream/prices?symbols=AAPL", Map.of());
    until("ping", () -> sse.text().contains(": ping\n\n"));
  }

  @Test
  void givenAClientAtItsLimit_aFurtherStreamIsRefused429WithRetryAfter() {
    h.start(
        StreamHarness.settings(
            3, 1, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30)));
    StreamHarness.Sse first = h.open("/stream/prices?symbols=AAPL", Map.of());
    until("first open", () -> first.text().startsWith("retry:"));

    StreamHarness.Answer second = h.get("/stream/prices?symbols=MSFT");
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.headers().get("Retry-After")).isEqualTo("5");
    assertThat(second.headers().get("Content-Type")).isEqualTo("application/problem+json");

    first.close();
    until("permit back", () -> h.closed.get() == 1);
    StreamHarness.Sse third = h.open("/stream/prices?symbols=MSFT", Map.of());
    assertThat(third.status()).isEqualTo(200);
  }

  @Test
  void aClientThatDoesNotRead_hasItsEventsConflated_andIsClosedAfterTheBehindTime()
      throws Exception {
    h.start(
        StreamHarness.settings(
            3, 50, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(1)));
    try (java.net.Socket raw = new java.net.Socket()) {
      raw.setReceiveBufferSize(4096);
      raw.connect(new java.net.InetSocketAddress("127.0.0.1", h.port()));
      raw.getOutputStream()
          .write(
              "GET /stream/prices?symbols=AAPL,MSFT HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                  .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      until("open", () -> h.opened.get() == 1);
      // Never read: the socket's buffers fill, then the server's write queue.
      java.util.concurrent.atomic.AtomicInteger written =
          new java.util.concurrent.atomic.AtomicInteger();
      long pump =
          vertx.setPeriodic(
              20,
              id -> {
                if (h.slowClosed.get() > 0 || written.get() > 400_000) {
                  vertx.cancelTimer(id);
                  return;
                }
                for (int i = 0; i < 1000; i++) {
                  h.log.appendPrice(i % 2 == 0 ? AAPL : MSFT, SIM, "100." + i);
                  h.log.appendAverage(AAPL, SIM, 5, "100." + i);
                }
                written.addAndGet(2000);
              });
      Await.until("closed as too slow", Duration.ofSeconds(60), () -> h.slowClosed.get() == 1);
      vertx.cancelTimer(pump);
      assertThat(h.conflated.get()).as("pending events replaced while behind").isPositive();
      until("stream gone", () -> h.closed.get() == 1);
    }
  }

  @Test
  void givenAnApiKey_theStreamRoutesTakeItAsAQueryParameter_countingTheStreamAgainstTheKey() {
    HttpConfig config =
        new HttpConfig(
            "127.0.0.1",
            0,
            HttpConfig.DEFAULT_BODY_LIMIT,
            HttpConfig.RateLimitConfig.disabled(),
            Optional.of("s3cret"));
    h.start(
        StreamHarness.settings(
            3, 1, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30)),
        config);

    assertProblem("/stream/prices?symbols=AAPL&api_key=wrong", 401, "api_key");

    StreamHarness.Sse withKey = h.open("/stream/prices?symbols=AAPL&api_key=s3cret", Map.of());
    assertThat(withKey.status()).isEqualTo(200);
    StreamHarness.Sse byAddress = h.open("/stream/prices?symbols=AAPL", Map.of());
    assertThat(byAddress.status()).as("the address is another client than the key").isEqualTo(200);
    assertProblem("/stream/prices?symbols=AAPL&api_key=s3cret", 429, null);
  }

  @Test
  void stoppingTheServer_endsStreamsAtOnceInsteadOfWaitingForTheDrain() {
    h.start(StreamHarness.defaults());
    StreamHarness.Sse sse = h.open("/stream/prices?symbols=AAPL", Map.of());
    until("open", () -> sse.text().contains("event: snapshot"));

    long start = System.nanoTime();
    Await.result(vertx.undeploy(h.serverId()));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(sse.ended).succeedsWithin(Duration.ofSeconds(5));
  }
}
