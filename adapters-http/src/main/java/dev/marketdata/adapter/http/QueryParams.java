package dev.marketdata.adapter.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A route's query parameters read strictly: a parameter the route does not document, or one given
 * twice, is a 400 naming it (a typo such as {@code sybmol} must not silently fall back to a
 * default).
 */
final class QueryParams {
  private static final int SLOTS = 256;
  private static final int MAX_CACHED_URI = 256;

  /**
   * Query strings recently read and found valid, by request URI and the route's allowed names: the
   * hot path reads the same few URIs over and over, and decoding one (percent-decoding into a new
   * case-insensitive map) was about 7% of a cached latest-price answer. A fixed table of slots by
   * the URI's hash, so memory stays bounded whatever clients send; the maps are never written after
   * they are parsed, so event loops share them.
   */
  private static final AtomicReferenceArray<Parsed> RECENT = new AtomicReferenceArray<>(SLOTS);

  private record Parsed(String uri, Set<String> allowed, Map<String, String> values) {
    boolean holds(String requestUri, Set<String> allowedNames) {
      return uri.equals(requestUri) && (allowed == allowedNames || allowed.equals(allowedNames));
    }
  }

  /**
   * Each parameter's one value by its exact name: once the names are checked (each documented, so
   * spelled as documented, and given once) this holds all the query says, and a look-up is a plain
   * hash rather than the parsed map's case-insensitive scan.
   */
  private final Map<String, String> values;

  private QueryParams(Map<String, String> values) {
    this.values = values;
  }

  static QueryParams of(RoutingContext ctx, Set<String> allowed) {
    String uri = ctx.request().uri();
    if (uri == null || uri.length() > MAX_CACHED_URI) {
      return parse(ctx, allowed);
    }
    int slot = slot(uri);
    Parsed recent = RECENT.get(slot);
    if (recent != null && recent.holds(uri, allowed)) {
      return new QueryParams(recent.values);
    }
    QueryParams parsed = parse(ctx, allowed);
    RECENT.set(slot, new Parsed(uri, allowed, parsed.values));
    return parsed;
  }

  /**
   * The URI's slot, from its length and a few of its characters (most from the end, where the
   * values are): a request's URI is a new string each time, so {@link String#hashCode} would hash
   * it whole on every request, while the slot only has to spread URIs, the comparison that follows
   * being exact.
   */
  static int slot(String uri) {
    int n = uri.length();
    int h = n;
    int step = Math.max(1, n / 8);
    for (int i = n - 1, k = 0; i >= 0 && k < 8; i -= step, k++) {
      h = 31 * h + uri.charAt(i);
    }
    return (h ^ (h >>> 16)) & (SLOTS - 1);
  }

  private static QueryParams parse(RoutingContext ctx, Set<String> allowed) {
    MultiMap params;
    try {
      params = ctx.queryParams();
    } catch (RuntimeException e) {
      throw HttpProblem.badRequest(null, "The query string is not valid percent-encoded text.");
    }
    // Checked by entry rather than by names() and getAll(name), which each build a collection per
    // request: a valid query string (a few documented names, each once) allocates no collection.
    if (params.isEmpty()) {
      return new QueryParams(Map.of());
    }
    String[] seen = new String[allowed.size()];
    int count = 0;
    boolean repeated = false;
    for (var entry : params) {
      String name = entry.getKey();
      if (!allowed.contains(name)) {
        String shown = Text.printable(name, 64);
        throw HttpProblem.badRequest(
            shown,
            "Unknown query parameter '"
                + shown
                + "'; allowed: "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
      if (!repeated) {
        for (int i = 0; i < count && !repeated; i++) {
          repeated = seen[i].equals(name);
        }
        if (!repeated) {
          // Every name is allowed and none repeated so far, so there are at most allowed.size().
          seen[count++] = name;
        }
      }
    }
    if (repeated) {
      for (String name : params.names()) {
        List<String> values = params.getAll(name);
        if (values.size() > 1) {
          throw HttpProblem.badRequest(
              name,
              "Query parameter '"
                  + name
                  + "' was given "
                  + values.size()
                  + " times; give it once.");
        }
      }
    }
    Map<String, String> values = new HashMap<>();
    for (var entry : params) {
      values.put(entry.getKey(), entry.getValue());
    }
    return new QueryParams(Collections.unmodifiableMap(values));
  }

  Optional<String> optional(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** The value, or empty when absent or blank ({@code ?provider=} means "the default"). */
  Optional<String> optionalNonBlank(String name) {
    return optional(name).filter(v -> !v.isBlank());
  }

  Optional<Integer> optionalInt(String name, int min, int max) {
    return optional(name).map(v -> parseInt(name, v, min, max));
  }

  static int parseInt(String name, String value, int min, int max) {
    String range = " must be a whole number between " + min + " and " + max;
    if (!value.matches("[+-]?[0-9]{1,10}")) {
      throw HttpProblem.badRequest(
          name,
          "Parameter '" + name + "'" + range + " (was \"" + Text.printable(value, 32) + "\").");
    }
    long parsed = Long.parseLong(value);
    if (parsed < min || parsed > max) {
      throw HttpProblem.badRequest(
          name, "Parameter '" + name + "'" + range + " (was " + parsed + ").");
    }
    return (int) parsed;
  }
}
