package dev.marketdata.adapter.http;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the HTTP adapter listens and protects itself: address, body limit, inbound rate limit, the
 * optional API key that POST and DELETE require, the proxies trusted to name the client, and the
 * browser origins allowed by CORS.
 *
 * @param host interface to bind, such as {@code 0.0.0.0}
 * @param port TCP port; 0 picks a free one (tests)
 * @param bodyLimitBytes largest accepted request body; larger ones get 413
 * @param rateLimit the per-client token bucket
 * @param apiKey when present, POST and DELETE must send it in {@code X-API-Key}
 * @param trustedProxies peers whose {@code Forwarded} / {@code X-Forwarded-For} name the client
 * @param corsOrigins browser origins ({@code scheme://host[:port]}, or {@code *}) answered with
 *     CORS headers; empty for none
 */
public record HttpConfig(
    String host,
    int port,
    long bodyLimitBytes,
    RateLimitConfig rateLimit,
    Optional<String> apiKey,
    TrustedProxies trustedProxies,
    List<String> corsOrigins) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_BODY_LIMIT = 64 * 1024;
  private static final Pattern ORIGIN =
      Pattern.compile(
          "[a-z][a-z0-9+.-]*://(\\[[0-9a-f:.]+\\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?"
              + "(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:[0-9]{1,5})?");

  public HttpConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new InvalidInput("http.port", port, "must be between 0 and 65535");
    }
    if (bodyLimitBytes < 1) {
      throw new InvalidInput("http.bodyLimitBytes", bodyLimitBytes, "must be at least 1");
    }
    Objects.requireNonNull(rateLimit, "rateLimit");
    apiKey = apiKey == null ? Optional.empty() : apiKey.filter(k -> !k.isBlank());
    trustedProxies = trustedProxies == null ? TrustedProxies.none() : trustedProxies;
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
  }

  /** No trusted proxy and no CORS. */
  public HttpConfig(
      String host,
      int port,
      long bodyLimitBytes,
      RateLimitConfig rateLimit,
      Optional<String> apiKey) {
    this(host, port, bodyLimitBytes, rateLimit, apiKey, TrustedProxies.none(), List.of());
  }

  /**
   * Comma-separated browser origins such as {@code https://app.example.com,http://localhost:3000},
   * or {@code *} alone; lower-cased, as browsers send them.
   *
   * @throws InvalidInput naming {@code http.corsOrigins} and the bad entry
   */
  public static List<String> parseCorsOrigins(String csv) {
    List<String> origins = new ArrayList<>();
    for (String part : csv.split(",", -1)) {
      String origin = part.strip().toLowerCase(Locale.ROOT);
      if (origin.isEmpty()) {
        if (!csv.isBlank()) {
          throw new InvalidInput("http.corsOrigins", csv, "has an empty entry");
        }
        continue;
      }
      if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
        throw new InvalidInput(
            "http.corsOrigins",
            part.strip(),
            "must be scheme://host[:port] (no path), such as https://app.example.com, or *");
      }
      origins.add(origin);
    }
    if (origins.contains("*") && origins.size() > 1) {
      throw new InvalidInput("http.corsOrigins", csv, "must be * alone or a list of origins");
    }
    return List.copyOf(origins);
  }

  /** Port 8080 on every interface, a 64 KiB body limit, the default rate limit and no API key. */
  public static HttpConfig defaults() {
    return new HttpConfig(
        DEFAULT_HOST,
        DEFAULT_PORT,
        DEFAULT_BODY_LIMIT,
        RateLimitConfig.defaults(),
        Optional.empty());
  }

  public HttpConfig withPort(int newPort) {
    return new HttpConfig(
        host, newPort, bodyLimitBytes, rateLimit, apiKey, trustedProxies, corsOrigins);
  }

  /**
   * A token bucket per client: {@code capacity} requests at once, refilled by {@code refillTokens}
   * every {@code refillPeriod}; at most {@code maxClients} buckets are kept.
   */
  public record RateLimitConfig(
      boolean enabled, long capacity, long refillTokens, Duration refillPeriod, int maxClients) {
    public RateLimitConfig {
      if (capacity < 1) {
        throw new InvalidInput("http.rateLimit.capacity", capacity, "must be at least 1");
      }
      if (refillTokens < 1) {
        throw new InvalidInput("http.rateLimit.refillTokens", refillTokens, "must be at least 1");
      }
      Objects.requireNonNull(refillPeriod, "refillPeriod");
      if (refillPeriod.isZero() || refillPeriod.isNegative()) {
        throw new InvalidInput("http.rateLimit.refillPeriod", refillPeriod, "must be positive");
      }
      if (maxClients < 1) {
        throw new InvalidInput("http.rateLimit.maxClients", maxClients, "must be at least 1");
      }
    }

    /** 100 requests of burst, 50 more each second, 10,000 clients tracked. */
    public static RateLimitConfig defaults() {
      return new RateLimitConfig(true, 100, 50, Duration.ofSeconds(1), 10_000);
    }

    public static RateLimitConfig disabled() {
      return new RateLimitConfig(false, 1, 1, Duration.ofSeconds(1), 1);
    }
  }
}
