package dev.marketdata.adapter.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Admits a request: charges the client's token bucket (by API key when it presents the configured
 * one, else by client address, so invented keys buy no extra budget; the address a trusted proxy
 * names, see {@link ClientAddress}), sets the {@code RateLimit-*} headers, and requires the API key
 * on POST and DELETE when one is configured.
 */
final class ClientGate implements Handler<RoutingContext> {
  static final String API_KEY_HEADER = "X-API-Key";
  private static final String KEY_IDENTITY = "key";
  private static final String ADDRESS_PREFIX = "addr:";
  private static final Set<String> EXEMPT_PATHS =
      Set.of("/health/live", "/health/ready", "/metrics");

  private static final CharSequence LIMIT = HttpHeaders.createOptimized("RateLimit-Limit");
  private static final CharSequence REMAINING = HttpHeaders.createOptimized("RateLimit-Remaining");
  private static final CharSequence RESET = HttpHeaders.createOptimized("RateLimit-Reset");

  private final ClientRateLimiter limiter;
  private final boolean rateLimited;
  private final long capacity;
  private final CharSequence limitValue;
  private final Optional<byte[]> apiKeyDigest;
  private final TrustedProxies trustedProxies;
  private final HeaderNumbers remaining = new HeaderNumbers();
  private final HeaderNumbers reset = new HeaderNumbers();
  // Racy on purpose: an immutable pair, so a reader sees either one whole or another.
  private LastIdentity lastIdentity;

  ClientGate(HttpConfig config, ClientRateLimiter limiter) {
    this.limiter = limiter;
    this.rateLimited = config.rateLimit().enabled();
    this.capacity = config.rateLimit().capacity();
    // The limit is the same on every answer: encoded once.
    this.limitValue = HttpHeaders.createOptimized(Long.toString(capacity));
    this.apiKeyDigest = config.apiKey().map(ClientGate::sha256);
    this.trustedProxies = config.trustedProxies();
  }

  @Override
  public void handle(RoutingContext ctx) {
    boolean validKey = presentsValidKey(ctx);
    if (rateLimited && !exempt(normalizedPath(ctx))) {
      String client = validKey ? KEY_IDENTITY : addressIdentity(ctx);
      ClientRateLimiter.Decision d = limiter.acquire(client);
      // Added rather than put: this handler runs once per request, before any other writes these
      // names, so the replacing put's look-up for an earlier value would find nothing every time.
      var headers = ctx.response().headers();
      headers.add(LIMIT, d.limit() == capacity ? limitValue : Long.toString(d.limit()));
      headers.add(REMAINING, remaining.of(d.remaining()));
      headers.add(RESET, reset.of(d.resetSeconds()));
      if (!d.allowed()) {
        ctx.fail(
            new HttpProblem(
                429,
                "rate-limited",
                "Too many requests",
                "This client has used its request budget; retry after " + d.retryAfter() + " s.",
                null,
                Map.of("Retry-After", Long.toString(d.retryAfter()))));
        return;
      }
    }
    HttpMethod method = ctx.request().method();
    boolean mutating = HttpMethod.POST.equals(method) || HttpMethod.DELETE.equals(method);
    if (mutating && apiKeyDigest.isPresent() && !validKey) {
      ctx.fail(
          new HttpProblem(
              401,
              "unauthorized",
              "API key required",
              "POST and DELETE require a valid X-API-Key header.",
              API_KEY_HEADER,
              Map.of("WWW-Authenticate", "ApiKey header=\"X-API-Key\"")));
      return;
    }
    ctx.next();
  }

  /**
   * Probes and scrapes come from infrastructure at a fixed rate and must never be refused. Judged
   * on the path the router matches (dot segments resolved, {@code %2e} decoded) and only on exact
   * matches, so {@code /health/../prices/latest} is charged like {@code /prices/latest}.
   */
  static boolean exempt(String normalizedPath) {
    return normalizedPath != null && EXEMPT_PATHS.contains(normalizedPath);
  }

  /**
   * The path the router matches, or null when it cannot be decoded ({@code /x/%zz}): such a request
   * is charged like any other, and the router then answers it 400.
   */
  private static String normalizedPath(RoutingContext ctx) {
    try {
      return ctx.normalizedPath();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Who a request is charged to: every holder of the configured key together, else the client's
   * address; the stream limits count connections by the same identity.
   */
  static String identity(RoutingContext ctx, boolean validKey, TrustedProxies trustedProxies) {
    return validKey ? KEY_IDENTITY : ADDRESS_PREFIX + ClientAddress.of(ctx, trustedProxies);
  }

  /**
   * As {@link #identity} for a client without the key, reusing the last identity built when the
   * address is the same (a load of requests comes from few addresses): the limiter's map then finds
   * a string whose hash is already known, rather than hashing a new concatenation per request.
   */
  private String addressIdentity(RoutingContext ctx) {
    String address = ClientAddress.of(ctx, trustedProxies);
    LastIdentity last = lastIdentity;
    if (last != null && last.address().equals(address)) {
      return last.identity();
    }
    String identity = ADDRESS_PREFIX + address;
    lastIdentity = new LastIdentity(address, identity);
    return identity;
  }

  private record LastIdentity(String address, String identity) {}

  private boolean presentsValidKey(RoutingContext ctx) {
    return isValidKey(apiKeyDigest, ctx.request().getHeader(API_KEY_HEADER));
  }

  /** Whether {@code given} is the configured key; false when none is configured. */
  static boolean isValidKey(Optional<byte[]> digest, String given) {
    // Comparing fixed-length digests in constant time reveals neither content nor length.
    return digest.isPresent()
        && given != null
        && MessageDigest.isEqual(sha256(given), digest.get());
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }
}
