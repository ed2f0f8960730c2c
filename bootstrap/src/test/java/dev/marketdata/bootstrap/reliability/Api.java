package dev.marketdata.bootstrap.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A plain HTTP client for one running service (in this JVM or a child process). */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;

  Api(int port) {
    this.base = URI.create("http://127.0.0.1:" + port);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** One answer: status, content type and body as received. */
  record Reply(int status, String contentType, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
      }
    }

    Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    boolean isProblem() {
      return contentType.startsWith("application/problem+json");
    }
  }

  Reply get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  Reply post(String path, String json) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Reply delete(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body(),
        response);
  }

  /** Like {@link #get} for condition waits: an I/O failure is an answer of its own (-1). */
  int statusOrMinusOne(String path) {
    try {
      return get(path).status();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  /** A job over {@code symbols} every {@code seconds}, returning its id. */
  String startJob(String provider, int seconds, String... symbols)
      throws IOException, InterruptedException {
    StringBuilder list = new StringBuilder();
    for (String s : symbols) {
      list.append(list.length() == 0 ? "" : ",").append('"').append(s).append('"');
    }
    Reply accepted =
        post(
            "/prices/poll",
            "{\"symbols\":["
                + list
                + "],\"interval\":"
                + seconds
                + ",\"provider\":\""
                + provider
                + "\"}");
    if (accepted.status() != 202) {
      throw new AssertionError("job not accepted: " + accepted.status() + " " + accepted.body());
    }
    return accepted.json().get("job_id").asText();
  }
}
