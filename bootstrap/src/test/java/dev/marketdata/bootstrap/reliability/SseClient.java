package dev.marketdata.bootstrap.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Server-Sent Events client as a browser's EventSource is one: reads {@code id:}, {@code event:}
 * and {@code data:} fields, dispatches an event at each blank line, skips comments ({@code : ping})
 * and {@code retry:}. A thread reads the response as it arrives; {@link #close()} drops the
 * connection, as a client that goes away does.
 */
final class SseClient implements AutoCloseable {
  /** One dispatched event; {@code id} is null when the event carried none. */
  record Event(Long id, String type, String data) {}

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Thread reader;

  private SseClient(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Opens the stream at {@code uri}, sending {@code Last-Event-ID} when {@code lastEventId} is set.
   */
  static SseClient open(HttpClient http, URI uri, Long lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Accept", "text/event-stream")
            // Up to the response head, so a stream that never answers fails naming its URI.
            .timeout(Duration.ofSeconds(15))
            .GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", Long.toString(lastEventId));
    }
    try {
      HttpResponse<InputStream> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        throw new IllegalStateException("stream refused: " + response.statusCode() + " " + body);
      }
      return new SseClient(response);
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<InputStream> response() {
    return response;
  }

  /** The next event, waiting up to {@code deadline} for it. */
  Event next(Duration deadline) {
    try {
      Event event = events.poll(deadline.toMillis(), TimeUnit.MILLISECONDS);
      if (event == null) {
        throw new AssertionError("no event within " + deadline);
      }
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Events in the order they came, until the list of them satisfies {@code done}. */
  List<Event> until(Predicate<List<Event>> done, Duration deadline) {
    Instant end = Instant.now().plus(deadline);
    List<Event> got = new ArrayList<>();
    while (!done.test(got)) {
      Duration left = Duration.between(Instant.now(), end);
      if (left.isNegative()) {
        throw new AssertionError("stream did not deliver what was expected; got " + got);
      }
      got.add(next(left));
    }
    return got;
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      Long id = null;
      String type = null;
      StringBuilder data = null;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (data != null) {
            events.add(new Event(id, type == null ? "message" : type, data.toString()));
          }
          id = null;
          type = null;
          data = null;
        } else if (line.startsWith("id:")) {
          id = Long.parseLong(field(line, 3));
        } else if (line.startsWith("event:")) {
          type = field(line, 6);
        } else if (line.startsWith("data:")) {
          data = data == null ? new StringBuilder() : data.append('\n');
          data.append(field(line, 5));
        }
      }
    } catch (IOException e) {
      // closed by close(), or by the server: the test sees no further events
    }
  }

  private static String field(String line, int from) {
    String value = line.substring(from);
    return value.startsWith(" ") ? value.substring(1) : value;
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // already gone
    }
    reader.interrupt();
  }
}
