package dev.marketdata.adapter.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem: the members every answer carries, the offending field when there is one,
 * further members ({@code suggestion}, {@code checks}, ...) and headers to send with it.
 */
record Problem(
    String type,
    String title,
    int status,
    String detail,
    String field,
    Map<String, Object> extensions,
    Map<String, String> headers) {

  static final String TYPE_PREFIX = "urn:marketdata:problem:";

  Problem {
    extensions = Map.copyOf(extensions);
    headers = Map.copyOf(headers);
  }

  static Problem of(int status, String slug, String title, String detail, String field) {
    return new Problem(typeFor(slug), title, status, detail, field, Map.of(), Map.of());
  }

  static String typeFor(String slug) {
    return slug == null ? "about:blank" : TYPE_PREFIX + slug;
  }

  Problem withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Problem(type, title, status, detail, field, extensions, more);
  }

  Problem withExtension(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(extensions);
    more.put(name, value);
    return new Problem(type, title, status, detail, field, more, headers);
  }

  /** The JSON members in RFC order, then ours. */
  Map<String, Object> body(String instance, String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", instance);
    body.put("request_id", requestId);
    if (field != null) {
      body.put("field", field);
    }
    extensions.forEach(body::putIfAbsent);
    return body;
  }
}
