package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import dev.marketdata.testsupport.ScriptedLiveEventLog;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrameType;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WsStreamTest {
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final Symbol MSFT = Symbol.of("MSFT");
  private static final ProviderId SIM = ProviderId.SIMULATED;

  private final Vertx vertx = Vertx.vertx();
  private final StreamHarness h = new StreamHarness(vertx);
  private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
  private final AtomicInteger pings = new AtomicInteger();
  private WebSocket socket;
  // One client for the test, referenced until the end: a client nothing references can be
  // collected, and Vert.x then shuts it down with its sockets.
  private WebSocketClient client;

  @AfterEach
  void close() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  private static void until(String what, BooleanSupplier condition) {
    Await.until(what, Duration.ofSeconds(15), condition);
  }

  private WebSocketClient client() {
    if (client == null) {
      client = vertx.createWebSocketClient();
    }
    return client;
  }

  private WebSocket connect(String uri) {
    WebSocket ws =
        Exchanges.await(
            "WebSocket " + uri,
            client()
                .connect(
                    new WebSocketConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(h.port())
                        .setURI(uri))
                .map(
                    s -> {
                      s.textMessageHandler(t -> messages.add(ApiHarness.json(t)));
                      s.frameHandler(
                          f -> {
                            if (f.type() == WebSocketFrameType.PING) {
                              pings.incrementAndGet();
                            }
                          });
                      return s;
                    }));
    socket = ws;
    return ws;
  }

  private void send(String json) {
    Exchanges.await("WebSocket message " + json, socket.writeTextMessage(json));
  }

  private JsonNode last(String type) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).path("type").asText().equals(type)) {
        return messages.get(i);
      }
    }
    return null;
  }

  private long count(String type) {
    return messages.stream().filter(m -> m.path("type").asText().equals(type)).count();
  }

  @Test
  void subscribeAndUnsubscribe_echoTheSetAndStreamOnlyWhatIsFollowed() {
    h.start(StreamHarness.defaults());
    connect("/stream?provider=simulated");

    send("{\"action\":\"subscribe\",\"prices\":[\"msft\",\"AAPL\"],\"averages\":[\"AAPL\"]}");
    until("echo", () -> count("subscription") == 1);
    JsonNode echo = last("subscription");
    assertThat(echo.path("prices").toString()).isEqualTo("[\"AAPL\",\"MSFT\"]");
    assertThat(echo.path("averages").toString()).isEqualTo("[\"AAPL\"]");

    long price = h.log.appendPrice(AAPL, SIM, "187.25");
    h.log.appendAverage(MSFT, SIM, 5, "1"); // not followed
    long average = h.log.appendAverage(AAPL, SIM, 5, "186.5");
    h.log.appendPrice(AAPL, ProviderId.FINNHUB, "1"); // another provider
    until("events", () -> count("price") + count("average") == 2);
    JsonNode p = last("price");
    assertThat(p.path("id").asLong()).isEqualTo(price);
    assertThat(p.path("symbol").asText()).isEqualTo("AAPL");
    assertThat(p.path("price").decimalValue()).isEqualByComparingTo("187.25");
    assertThat(p.path("provider").asText()).isEqualTo("simulated");
    assertThat(p.has("raw_response_id")).isTrue();
    JsonNode a = last("average");
    assertThat(a.path("id").asLong()).isEqualTo(average);
    assertThat(a.path("window_size").asInt()).isEqualTo(5);

    send("{\"action\":\"unsubscribe\",\"prices\":[\"AAPL\"]}");
    until("second echo", () -> count("subscription") == 2);
    assertThat(last("subscription").path("prices").toString()).isEqualTo("[\"MSFT\"]");
    h.log.appendPrice(AAPL, SIM, "188");
    long msft = h.log.appendPrice(MSFT, SIM, "400");
    until("msft", () -> last("price").path("id").asLong() == msft);
    assertThat(count("price")).as("the AAPL price after unsubscribing is not sent").isEqualTo(2);
  }

  @Test
  void subscribedToBars_aSocketGetsBarMessagesOfThoseSymbolsOnly() {
    h.start(StreamHarness.defaults());
    connect("/stream?provider=simulated");

    send("{\"action\":\"subscribe\",\"prices\":[\"MSFT\"],\"bars\":[\"aapl\"]}");
    until("echo", () -> count("subscription") == 1);
    assertThat(last("subscription").path("bars").toString()).isEqualTo("[\"AAPL\"]");
    assertThat(last("subscription").path("averages").toString()).isEqualTo("[]");

    Instant start = Instant.parse("2026-03-09T14:30:00Z");
    h.log.appendBar(MSFT, SIM, ScriptedLiveEventLog.bar(MSFT, SIM, BarInterval.ONE_MINUTE, start));
    h.log.appendAverage(AAPL, SIM, 5, "1"); // bars only for AAPL
    long bar =
        h.log.appendBar(
            AAPL, SIM, ScriptedLiveEventLog.bar(AAPL, SIM, BarInterval.ONE_HOUR, start));
    long price = h.log.appendPrice(MSFT, SIM, "400");
    until("price after the bar", () -> count("price") == 1);

    assertThat(count("bar")).isEqualTo(1);
    assertThat(count("average")).isZero();
    JsonNode b = last("bar");
    assertThat(b.path("id").asLong()).isEqualTo(bar).isLessThan(price);
    assertThat(fields(b))
        .containsExactly(
            "type",
            "id",
            "symbol",
            "provider",
            "interval",
            "start",
            "end",
            "open",
            "high",
            "low",
            "close",
            "count",
            "complete",
            "source");
    assertThat(b.path("interval").asText()).isEqualTo("1h");
    assertThat(b.path("end").asText()).isEqualTo("2026-03-09T15:30:00Z");
    assertThat(b.path("close").decimalValue()).isEqualByComparingTo("2");

    send("{\"action\":\"unsubscribe\",\"bars\":[\"AAPL\"]}");
    until("second echo", () -> count("subscription") == 2);
    assertThat(last("subscription").path("bars").toString()).isEqualTo("[]");
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void badMessages_areAnsweredWithErrors_andTheSocketStaysOpen() {
    h.start(StreamHarness.defaults()); // at most 3 symbols
    connect("/stream");

    send("not json");
    send("{\"action\":\"dance\"}");
    send("{\"action\":\"subscribe\",\"prices\":[\"bad symbol\"]}");
    send("{\"action\":\"subscribe\",\"prices\":[\"A\",\"B\"],\"averages\":[\"C\",\"D\"]}");
    send("{\"action\":\"subscribe\",\"prices\":[\"AAPL\"],\"extra\":1}");
    until("errors", () -> count("error") == 5);
    assertThat(messages.stream().map(m -> m.path("code").asText()).toList())
        .containsExactly(
            "invalid_message",
            "invalid_message",
            "invalid_symbol",
            "too_many_symbols",
            "invalid_message");

    send("{\"action\":\"subscribe\",\"prices\":[\"AAPL\"]}");
    until("still open", () -> count("subscription") == 1);
  }

  @Test
  void theServerPings_andASocketThatAnswersStaysOpenPastTheIdleTime() {
    h.start(
        StreamHarness.settings(
            3, 50, Duration.ofMillis(200), Duration.ofMillis(800), Duration.ofSeconds(30)));
    connect("/stream");

    until("pings", () -> pings.get() >= 6); // 1.2 s: past the idle time, answered by pongs
    assertThat(socket.isClosed()).isFalse();
    Exchanges.await("WebSocket close", socket.close());
  }

  @Test
  void aSocketThatSendsNothing_notEvenPongs_isClosedWithCode4000() throws Exception {
    h.start(
        StreamHarness.settings(
            3, 50, Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(30)));
    try (Socket raw = new Socket("127.0.0.1", h.port())) {
      raw.setSoTimeout(15_000);
      raw.getOutputStream()
          .write(
              ("GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                      + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      + "Sec-WebSocket-Version: 13\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      byte[] received = readUntilClosed(raw.getInputStream());
      String text = new String(received, StandardCharsets.ISO_8859_1);
      assertThat(text).startsWith("HTTP/1.1 101");
      // A close frame: 0x88, payload length, then the code 4000 (0x0FA0) and "idle timeout".
      int close = text.indexOf("\u0088");
      assertThat(close).as("a close frame").isPositive();
      assertThat(received[close + 2] & 0xff).isEqualTo(0x0F);
      assertThat(received[close + 3] & 0xff).isEqualTo(0xA0);
    }
  }

  private static byte[] readUntilClosed(InputStream in) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1024];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      out.write(buffer, 0, n);
      if (out.toString(StandardCharsets.ISO_8859_1).contains("idle timeout")) {
        break;
      }
    }
    return out.toByteArray();
  }

  @Test
  void overTheClientLimit_theHandshakeIsRefused429() {
    h.start(
        StreamHarness.settings(
            3, 1, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30)));
    connect("/stream");

    StreamHarness.Answer refused = h.get("/stream");
    // A plain GET is no handshake either, but the limit is checked first for a real one:
    assertThat(refused.status()).isEqualTo(400);
    Throwable failed =
        Await.failure(
            client()
                .connect(h.port(), "127.0.0.1", "/stream")
                .timeout(Exchanges.DEADLINE.toSeconds(), TimeUnit.SECONDS)
                .toCompletionStage());
    assertThat(failed).hasMessageContaining("429");
  }

  @Test
  void stoppingTheServer_closesSocketsAtOnceWith1001() {
    h.start(StreamHarness.defaults());
    connect("/stream");
    AtomicInteger code = new AtomicInteger();
    socket.closeHandler(v -> code.set(socket.closeStatusCode()));

    Await.result(vertx.undeploy(h.serverId()));
    until("closed", () -> code.get() != 0);
    assertThat(code.get()).isEqualTo(1001);
  }
}
