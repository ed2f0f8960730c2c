package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.domain.failure.SymbolNotFound;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Only the exact probe and scrape paths skip the rate limit, judged on the path the router matches:
 * dot segments, their percent-encoded spellings and trailing slashes sent as-is (like {@code curl
 * --path-as-is}) must not turn an API request into an exempt one.
 */
@ExtendWith(VertxExtension.class)
class RateLimitExemptionTest {
  static final List<String> EXEMPT = List.of("/health/live", "/health/ready", "/metrics");

  /** Request targets that start like an exempt path but are not exactly one once normalized. */
  static final List<String> DISGUISED =
      List.of(
          "/health/../prices/latest?symbol=AAPL",
          "/health/%2e%2e/prices/latest?symbol=AAPL",
          "/health/%2E%2E/prices/latest?symbol=AAPL",
          "/health/.%2e/prices/latest?symbol=AAPL",
          "/health/live/../../prices/latest?symbol=AAPL",
          "/health/ready/%2e%2e/%2e%2e/prices/latest?symbol=AAPL",
          "/metrics/../prices/latest?symbol=AAPL",
          "/metrics/%2e%2e/prices/latest?symbol=AAPL",
          "/health/./../prices/latest?symbol=AAPL",
          "//health/live/..",
          "/health/live/",
          "/health/live/..",
          "/health/",
          "/health/nope",
          "/metrics/",
          "/metrics/x",
          "/health/ready/.");

  static HttpConfig limited(long capacity) {
    return new HttpConfig(
        "127.0.0.1",
        0,
        HttpConfig.DEFAULT_BODY_LIMIT,
        new HttpConfig.RateLimitConfig(true, capacity, 1, Duration.ofHours(1), 100),
        Optional.empty());
  }

  @Test
  void everyDisguisedTarget_isChargedAndCarriesRateLimitHeaders(Vertx vertx) {
    ApiHarness api = new ApiHarness(vertx).start(limited(1000), Set.of(), () -> "");
    when(api.latest.latest(any(), any()))
        .thenReturn(CompletableFuture.failedFuture(new SymbolNotFound("AAPL", "finnhub")));

    long remaining = 1000;
    for (String target : DISGUISED) {
      RawHttp.Response r = RawHttp.get(api.port(), target);
      assertThat(r.header("RateLimit-Limit")).as(target).isEqualTo("1000");
      assertThat(r.header("RateLimit-Remaining")).as(target).isEqualTo(Long.toString(--remaining));
    }
  }

  @Test
  void onlyTheExactProbeAndScrapePaths_areExempt(Vertx vertx) {
    ApiHarness api = new ApiHarness(vertx).start(limited(1000), Set.of(), () -> "");

    for (String target : EXEMPT) {
      RawHttp.Response r = RawHttp.get(api.port(), target);
      assertThat(r.status()).as(target).isEqualTo(200);
      assertThat(r.header("RateLimit-Limit")).as(target).isNull();
    }
    RawHttp.Response charged = RawHttp.get(api.port(), "/providers");
    assertThat(charged.header("RateLimit-Remaining")).isEqualTo("999");
  }

  @Test
  void givenASpentBudget_aDisguisedApiRequest_isStill429(Vertx vertx) {
    ApiHarness api = new ApiHarness(vertx).start(limited(2), Set.of(), () -> "");
    when(api.latest.latest(any(), any()))
        .thenReturn(CompletableFuture.failedFuture(new SymbolNotFound("AAPL", "finnhub")));
    RawHttp.get(api.port(), "/nowhere");
    RawHttp.get(api.port(), "/nowhere");

    for (String target : DISGUISED) {
      RawHttp.Response r = RawHttp.get(api.port(), target);
      assertThat(r.status()).as(target).isEqualTo(429);
      assertThat(r.header("Retry-After")).as(target).isNotNull();
    }
    verify(api.latest, never()).latest(any(), any());
    for (String target : EXEMPT) {
      assertThat(RawHttp.get(api.port(), target).status()).as(target).isEqualTo(200);
    }
  }

  @Test
  void givenAPathTheRouterCannotDecode_theAnswerIsA400Problem_chargedLikeAnyOther(Vertx vertx) {
    ApiHarness api = new ApiHarness(vertx).start(limited(1000), Set.of(), () -> "");

    long remaining = 1000;
    for (String target :
        List.of("/prices/poll/%zz", "/prices/latest%zz?symbol=AAPL", "/health/%", "/metrics%2")) {
      RawHttp.Response r = RawHttp.get(api.port(), target);
      assertThat(r.status()).as(target).isEqualTo(400);
      assertThat(r.header("Content-Type")).as(target).startsWith("application/problem+json");
      assertThat(r.header("RateLimit-Remaining")).as(target).isEqualTo(Long.toString(--remaining));
    }
  }
}
