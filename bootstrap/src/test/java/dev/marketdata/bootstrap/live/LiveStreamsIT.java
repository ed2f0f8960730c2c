package dev.marketdata.bootstrap.live;

import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.bootstrap.testing.ServiceHarness;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live routes on the whole service in embedded mode (PostgreSQL and Kafka in-process): a poll
 * job on the simulated provider makes prices and averages appear on an SSE stream and on a
 * WebSocket, and a stream resumed from an id gets exactly what followed it, read from PostgreSQL.
 */
class LiveStreamsIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  // One request or WebSocket step: far below WAIT, so a request left unanswered fails at once.
  private static final Duration EXCHANGE = Duration.ofSeconds(15);

  @TempDir Path dataDir;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(EXCHANGE).build();

  /** One event of an SSE stream. */
  record Event(long id, String type, JsonNode data) {}

  /** Reads an SSE stream's events on a thread of its own until the stream ends. */
  static final class SseReader {
    final List<Event> events = new CopyOnWriteArrayList<>();
    final HttpResponse<InputStream> response;

    SseReader(HttpResponse<InputStream> response) {
      this.response = response;
      Thread t =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                  long id = -1;
                  String type = null;
                  for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("id: ")) {
                      id = Long.parseLong(line.substring(4));
                    } else if (line.startsWith("event: ")) {
                      type = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                      events.add(
                          new Event(id, type, ServiceHarness.JSON.readTree(line.substring(6))));
                    }
                  }
                } catch (Exception e) {
                  // ended
                }
              },
              "sse-it-reader");
      t.setDaemon(true);
      t.start();
    }

    List<Event> of(String type) {
      return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    void close() throws Exception {
      response.body().close();
    }
  }

  private SseReader sse(ServiceHarness service, String query, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
            URI.create(
                "http://127.0.0.1:" + service.service().httpPort() + "/stream/prices?" + query));
    // Up to the response head: the stream itself is read for as long as the test wants.
    request.timeout(EXCHANGE);
    headers.forEach(request::header);
    HttpResponse<InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    return new SseReader(response);
  }

  @Test
  void pricesAndAveragesOfAPollJob_appearOnSseAndWebSocket_andAResumeMissesNothing()
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("MDS_DATA_DIR", dataDir.toString());
    env.put("MDS_HTTP_PORT", "0");
    env.put("MDS_INSTANCE_ID", "live-it");
    env.put("MDS_PROVIDERS", "simulated");
    env.put("MDS_POLL_TICK_MILLIS", "100");
    env.put("MDS_MA_WINDOWS", "3,5");
    env.put("MDS_SHUTDOWN_TIMEOUT_SECONDS", "20");
    try (ServiceHarness service = ServiceHarness.start(env)) {
      SseReader stream = sse(service, "symbols=AAPL,MSFT&provider=simulated", Map.of());
      until("the snapshot", WAIT, () -> !stream.of("snapshot").isEmpty());

      List<JsonNode> socketMessages = new CopyOnWriteArrayList<>();
      WebSocket socket =
          http.newWebSocketBuilder()
              .buildAsync(
                  URI.create(
                      "ws://127.0.0.1:"
                          + service.service().httpPort()
                          + "/stream?provider=simulated"),
                  new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(
                        WebSocket ws, CharSequence data, boolean last) {
                      text.append(data);
                      if (last) {
                        try {
                          socketMessages.add(ServiceHarness.JSON.readTree(text.toString()));
                        } catch (Exception e) {
                          throw new IllegalStateException(e);
                        }
                        text.setLength(0);
                      }
                      ws.request(1);
                      return null;
                    }
                  })
              .get(EXCHANGE.toSeconds(), TimeUnit.SECONDS);
      socket
          .sendText(
              "{\"action\":\"subscribe\",\"prices\":[\"AAPL\"],\"averages\":[\"AAPL\"]}", true)
          .get(EXCHANGE.toSeconds(), TimeUnit.SECONDS);

      ServiceHarness.Reply job =
          service.post(
              "/prices/poll",
              "{\"symbols\":[\"AAPL\",\"MSFT\"],\"interval\":1,\"provider\":\"simulated\"}");
      assertThat(job.status()).isEqualTo(202);

      until(
          "prices and both windows' averages on the SSE stream",
          WAIT,
          () ->
              stream.of("price").size() >= 8
                  && stream.of("average").stream()
                      .anyMatch(e -> e.data().path("window_size").asInt() == 5)
                  && stream.of("average").stream()
                      .anyMatch(e -> e.data().path("window_size").asInt() == 3));
      until(
          "a price and an average of AAPL on the WebSocket",
          WAIT,
          () ->
              socketMessages.stream().anyMatch(m -> m.path("type").asText().equals("price"))
                  && socketMessages.stream()
                      .anyMatch(m -> m.path("type").asText().equals("average")));
      assertThat(socketMessages.get(0).path("type").asText()).isEqualTo("subscription");
      assertThat(
              socketMessages.stream()
                  .filter(m -> m.has("symbol"))
                  .allMatch(m -> m.path("symbol").asText().equals("AAPL")))
          .isTrue();

      List<Long> ids = new ArrayList<>();
      for (Event e : stream.events) {
        if (!e.type().equals("snapshot")) {
          ids.add(e.id());
        }
      }
      assertThat(ids).as("ascending, no repeat").isSorted().doesNotHaveDuplicates();
      JsonNode price = stream.of("price").get(0).data();
      assertThat(price.path("provider").asText()).isEqualTo("simulated");
      assertThat(price.path("raw_response_id").asText()).hasSize(36);

      // Resume from the middle of what the first stream saw: the replay from PostgreSQL and then
      // the live feed give exactly the ids the first stream saw after it.
      long resumeAfter = ids.get(ids.size() / 2);
      SseReader resumed =
          sse(
              service,
              "symbols=AAPL,MSFT&provider=simulated",
              Map.of("Last-Event-ID", Long.toString(resumeAfter)));
      long seenMax = ids.get(ids.size() - 1);
      until(
          "the resumed stream catches up",
          WAIT,
          () -> resumed.events.stream().anyMatch(e -> e.id() >= seenMax));
      List<Long> firstAfter =
          stream.events.stream()
              .filter(e -> !e.type().equals("snapshot"))
              .map(Event::id)
              .filter(id -> id > resumeAfter && id <= seenMax)
              .toList();
      List<Long> resumedIds =
          resumed.events.stream().map(Event::id).filter(id -> id <= seenMax).toList();
      assertThat(resumed.of("snapshot")).isEmpty();
      assertThat(resumedIds).isEqualTo(firstAfter);

      String metrics =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + service.service().httpPort() + "/metrics"))
                      .timeout(EXCHANGE)
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(metrics).contains("mds_stream_open{transport=\"sse\"} 2.0");
      assertThat(metrics).contains("mds_stream_events_sent_total{transport=\"websocket\"}");

      service.delete("/prices/poll/" + job.body().get("job_id").asText());
      socket
          .sendClose(WebSocket.NORMAL_CLOSURE, "done")
          .get(EXCHANGE.toSeconds(), TimeUnit.SECONDS);
      stream.close();
      resumed.close();
    }
  }
}
