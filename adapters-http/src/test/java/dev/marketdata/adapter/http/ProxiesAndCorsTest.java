package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real server behind a (simulated) proxy on 127.0.0.1: clients it names get their own buckets
 * only when 127.0.0.1 is trusted; CORS answers the configured origins and their preflights.
 */
@ExtendWith(VertxExtension.class)
class ProxiesAndCorsTest {
  static HttpConfig config(String trustedProxies, String corsOrigins, long capacity) {
    return new HttpConfig(
        "127.0.0.1",
        0,
        HttpConfig.DEFAULT_BODY_LIMIT,
        new HttpConfig.RateLimitConfig(true, capacity, 1, Duration.ofHours(1), 100),
        Optional.empty(),
        TrustedProxies.parse(trustedProxies),
        HttpConfig.parseCorsOrigins(corsOrigins));
  }

  static ApiHarness start(Vertx vertx, HttpConfig config) {
    return new ApiHarness(vertx).start(config, Set.of(), () -> "");
  }

  static HttpResponse<Buffer> get(ApiHarness api, Map<String, String> headers) {
    return api.send(HttpMethod.GET, "/providers", null, null, headers);
  }

  @Test
  void twoClientsBehindOneTrustedProxy_getSeparateBuckets(Vertx vertx) {
    ApiHarness api = start(vertx, config("127.0.0.1/32", "", 2));
    Map<String, String> alice = Map.of("X-Forwarded-For", "198.51.100.1");
    Map<String, String> bob = Map.of("Forwarded", "for=\"[2001:db8::2]:4711\"");

    assertThat(get(api, alice).statusCode()).isEqualTo(200);
    assertThat(get(api, alice).statusCode()).isEqualTo(200);
    assertThat(get(api, alice).statusCode()).isEqualTo(429);

    HttpResponse<Buffer> first = get(api, bob);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.getHeader("RateLimit-Remaining")).isEqualTo("1");
    // Prepending another address does not buy Alice a fresh bucket.
    assertThat(get(api, Map.of("X-Forwarded-For", "203.0.113.50, 198.51.100.1")).statusCode())
        .isEqualTo(429);
  }

  @Test
  void theSameHeadersFromAnUntrustedPeer_areIgnored(Vertx vertx) {
    ApiHarness api = start(vertx, config("10.0.0.0/8", "", 2));

    assertThat(get(api, Map.of("X-Forwarded-For", "198.51.100.1")).statusCode()).isEqualTo(200);
    assertThat(get(api, Map.of("Forwarded", "for=198.51.100.2")).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> third = get(api, Map.of("X-Forwarded-For", "198.51.100.3"));
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.getHeader("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void malformedForwardingHeaders_areChargedToThePeer_neverAFailure(Vertx vertx) {
    ApiHarness api = start(vertx, config("127.0.0.1/32", "", 1000));
    List<Map<String, String>> garbage =
        List.of(
            Map.of("Forwarded", "for=\"[2001:db8::1"),
            Map.of("Forwarded", "for=_hidden"),
            Map.of("X-Forwarded-For", ",,,"),
            Map.of("X-Forwarded-For", "example.com"));
    long remaining = 1000;
    for (Map<String, String> headers : garbage) {
      HttpResponse<Buffer> r = get(api, headers);
      assertThat(r.statusCode()).as(headers.toString()).isEqualTo(200);
      assertThat(r.getHeader("RateLimit-Remaining")).isEqualTo(Long.toString(--remaining));
    }
    // Without any header the peer's bucket is the one the garbage was charged to.
    assertThat(get(api, Map.of()).getHeader("RateLimit-Remaining"))
        .isEqualTo(Long.toString(--remaining));
  }

  @Test
  void anAllowedOrigin_getsCorsHeaders_andOtherOriginsDoNot(Vertx vertx) {
    ApiHarness api = start(vertx, config("", "https://app.example.com", 1000));

    HttpResponse<Buffer> allowed = get(api, Map.of("Origin", "https://app.example.com"));
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.getHeader("Access-Control-Allow-Origin"))
        .isEqualTo("https://app.example.com");
    assertThat(allowed.getHeader("Access-Control-Expose-Headers"))
        .contains("RateLimit-Remaining", "Retry-After", "X-Request-Id", "Location");

    HttpResponse<Buffer> other = get(api, Map.of("Origin", "https://evil.example"));
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(other.getHeader("Vary")).contains("Origin");

    assertThat(get(api, Map.of()).getHeader("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void aPreflight_isAnsweredEvenWithASpentBudget_andIsNotA405(Vertx vertx) {
    ApiHarness api = start(vertx, config("", "https://app.example.com", 1));
    get(api, Map.of());
    assertThat(get(api, Map.of()).statusCode()).isEqualTo(429);

    HttpResponse<Buffer> preflight =
        api.send(
            HttpMethod.OPTIONS,
            "/prices/poll",
            null,
            null,
            Map.of(
                "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type,x-api-key"));
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.getHeader("Access-Control-Allow-Origin"))
        .isEqualTo("https://app.example.com");
    assertThat(preflight.getHeader("Access-Control-Allow-Methods"))
        .contains("GET", "POST", "DELETE");
    assertThat(preflight.getHeader("Access-Control-Allow-Headers").toLowerCase())
        .contains("content-type", "x-api-key", "x-request-id");

    HttpResponse<Buffer> foreign =
        api.send(
            HttpMethod.OPTIONS,
            "/prices/poll",
            null,
            null,
            Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
    assertThat(foreign.statusCode()).isEqualTo(204);
    assertThat(foreign.getHeader("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void aStar_allowsEveryOrigin(Vertx vertx) {
    ApiHarness api = start(vertx, config("", "*", 1000));

    assertThat(
            get(api, Map.of("Origin", "https://any.example"))
                .getHeader("Access-Control-Allow-Origin"))
        .isEqualTo("*");
  }

  @Test
  void withCorsOff_optionsBehavesAsBefore_andNoCorsHeadersAreSent(Vertx vertx) {
    ApiHarness api = start(vertx, config("", "", 1000));

    HttpResponse<Buffer> preflight =
        api.send(
            HttpMethod.OPTIONS,
            "/prices/poll",
            null,
            null,
            Map.of("Origin", "https://app.example.com", "Access-Control-Request-Method", "POST"));
    assertThat(preflight.statusCode()).isEqualTo(405);
    assertThat(preflight.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(
            get(api, Map.of("Origin", "https://app.example.com"))
                .getHeader("Access-Control-Allow-Origin"))
        .isNull();
  }
}
