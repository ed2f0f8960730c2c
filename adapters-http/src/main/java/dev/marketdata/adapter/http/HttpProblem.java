package dev.marketdata.adapter.http;

import java.util.Map;

/**
 * A failure the HTTP layer itself detects (malformed body, wrong content type, missing API key,
 * rate limit): already knows its status, and optionally the field and extra response headers.
 */
final class HttpProblem extends RuntimeException {
  private final int status;
  private final String slug;
  private final String title;
  private final String field;
  private final Map<String, String> headers;

  HttpProblem(int status, String slug, String title, String detail, String field) {
    this(status, slug, title, detail, field, Map.of());
  }

  HttpProblem(
      int status,
      String slug,
      String title,
      String detail,
      String field,
      Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.field = field;
    this.headers = Map.copyOf(headers);
  }

  static HttpProblem badRequest(String field, String detail) {
    return new HttpProblem(400, "invalid-input", "Invalid input", detail, field);
  }

  static HttpProblem malformedBody(String detail) {
    return new HttpProblem(400, "malformed-body", "Malformed request body", detail, null);
  }

  int status() {
    return status;
  }

  String slug() {
    return slug;
  }

  String title() {
    return title;
  }

  String field() {
    return field;
  }

  Map<String, String> headers() {
    return headers;
  }
}
