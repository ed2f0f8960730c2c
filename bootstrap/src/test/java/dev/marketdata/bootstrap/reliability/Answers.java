package dev.marketdata.bootstrap.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/** What a client may expect of every answer, checked the same way by every bad-input scenario. */
final class Answers {
  private Answers() {}

  /** Null when {@code e} is a whole 4xx problem+json with type, title and a matching status. */
  static String problemDefect(RawHttp.Exchange e) {
    if (!e.answered() || !e.complete()) {
      return "no whole answer: " + e.error();
    }
    if (e.status() < 400 || e.status() > 499) {
      return "status " + e.status() + " " + abbreviate(e.body());
    }
    if (!e.head().contains("\r\ncontent-type: application/problem+json")) {
      return e.status() + " without problem+json: " + abbreviate(e.head());
    }
    try {
      JsonNode body = Api.JSON.readTree(e.body());
      if (body.path("status").asInt() != e.status()
          || body.path("type").asText().isBlank()
          || body.path("title").asText().isBlank()) {
        return "incomplete problem " + abbreviate(e.body());
      }
    } catch (IOException ex) {
      return "problem body is not JSON: " + abbreviate(e.body());
    }
    return null;
  }

  /**
   * Null when {@code e} is a success, or a 4xx problem as above; a success that is JSON must not
   * carry a timestamp outside 1970 to 9999 (a far date accepted somewhere comes back this way).
   */
  static String successOrProblemDefect(RawHttp.Exchange e) {
    if (!e.answered() || !e.complete()) {
      return "no whole answer: " + e.error();
    }
    if (e.status() >= 400) {
      return problemDefect(e);
    }
    if (e.body().toLowerCase(java.util.Locale.ROOT).contains("petstore")) {
      return e.status() + " serves the Swagger UI sample (petstore): " + abbreviate(e.body());
    }
    if (e.head().contains("\r\ncontent-type: application/json")) {
      try {
        return timestampDefect(Api.JSON.readTree(e.body()));
      } catch (IOException ex) {
        return e.status() + " body is not JSON: " + abbreviate(e.body());
      }
    }
    return null;
  }

  private static final Set<String> EXEMPT = Set.of("/health/live", "/health/ready", "/metrics");

  /**
   * Null when {@code e} carries the {@code RateLimit-*} headers, or is an answer of one of the
   * exempt probes ({@code /health/live}, {@code /health/ready}, {@code /metrics}) as the router
   * matched it: a health body, the metrics text, or a problem whose instance is one of them.
   */
  static String rateLimitDefect(RawHttp.Exchange e) {
    if (!e.answered() || e.head().contains("\r\nratelimit-limit:")) {
      return null;
    }
    if (e.head().contains("\r\ncontent-type: text/plain")) {
      return null; // the metrics scrape
    }
    try {
      JsonNode body = Api.JSON.readTree(e.body());
      String instance = body.path("instance").asText("");
      boolean health =
          body.size() <= 2
              && body.path("status").isTextual()
              && List.of("UP", "DOWN").contains(body.path("status").asText());
      if (health || EXEMPT.contains(instance)) {
        return null;
      }
    } catch (IOException | RuntimeException ex) {
      // not JSON: not a probe's answer either
    }
    return e.status() + " answered without RateLimit headers: " + abbreviate(e.body());
  }

  private static String timestampDefect(JsonNode node) {
    if (node.isObject()) {
      var fields = node.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        if (field.getKey().endsWith("timestamp") && field.getValue().isTextual()) {
          String text = field.getValue().asText();
          try {
            Instant at = Instant.parse(text);
            if (at.isBefore(Instant.EPOCH) || text.startsWith("+") || text.startsWith("-")) {
              return "served timestamp out of range: " + abbreviate(text);
            }
          } catch (DateTimeParseException ex) {
            return "served timestamp is not an instant: " + abbreviate(text);
          }
        }
        String nested = timestampDefect(field.getValue());
        if (nested != null) {
          return nested;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        String nested = timestampDefect(item);
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }

  static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
