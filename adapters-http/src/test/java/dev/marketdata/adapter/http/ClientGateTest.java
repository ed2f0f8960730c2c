package dev.marketdata.adapter.http;

import static dev.marketdata.adapter.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.domain.failure.JobNotFound;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ClientGateTest {
  static final UUID ID = UUID.fromString("0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b");

  /** Three requests of burst and a refill far slower than any test, so counts are exact. */
  static HttpConfig limited(Optional<String> apiKey) {
    return new HttpConfig(
        "127.0.0.1",
        0,
        HttpConfig.DEFAULT_BODY_LIMIT,
        new HttpConfig.RateLimitConfig(true, 3, 1, Duration.ofHours(1), 100),
        apiKey);
  }

  @Test
  void givenABurstOverCapacity_theFourthRequest_is429WithRetryAfter(Vertx vertx) {
    ApiHarness api = new ApiHarness(vertx).start(limited(Optional.empty()), Set.of(), () -> "");

    for (int i = 2; i >= 0; i--) {
      HttpResponse<Buffer> ok = api.get("/nowhere");
      assertThat(ok.statusCode()).isEqualTo(404);
      assertThat(ok.getHeader("RateLimit-Limit")).isEqualTo("3");
      assertThat(ok.getHeader("RateLimit-Remaining")).isEqualTo(Integer.toString(i));
      assertThat(Long.parseLong(ok.getHeader("RateLimit-Reset"))).isPositive();
    }
    HttpResponse<Buffer> refused = api.get("/prices/latest?symbol=AAPL");

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("0");
    assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 3600L);
    assertThat(json(refused).get("type").asText()).isEqualTo("urn:marketdata:problem:rate-limited");
    verify(api.latest, never()).latest(any(), any());
  }

  @Test
  void healthAndMetrics_areNeverRateLimited(Vertx vertx) {
    ApiHarness api = new ApiHarness(vertx).start(limited(Optional.empty()), Set.of(), () -> "");

    for (int i = 0; i < 10; i++) {
      assertThat(api.get("/health/live").statusCode()).isEqualTo(200);
      assertThat(api.get("/metrics").statusCode()).isEqualTo(200);
    }
    assertThat(api.get("/providers").getHeader("RateLimit-Remaining")).isEqualTo("2");
  }

  @Test
  void givenAnApiKey_postAndDeleteWithoutIt_are401(Vertx vertx) {
    ApiHarness api =
        new ApiHarness(vertx)
            .start(
                new HttpConfig(
                    "127.0.0.1",
                    0,
                    HttpConfig.DEFAULT_BODY_LIMIT,
                    HttpConfig.RateLimitConfig.disabled(),
                    Optional.of("s3cret")),
                Set.of(),
                () -> "");

    HttpResponse<Buffer> post =
        api.postJson("/prices/poll", "{\"symbols\":[\"AAPL\"],\"interval\":60}");
    assertThat(post.statusCode()).isEqualTo(401);
    assertThat(post.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(post.getHeader("WWW-Authenticate")).contains("X-API-Key");
    assertThat(json(post).get("field").asText()).isEqualTo("X-API-Key");

    HttpResponse<Buffer> wrongKey =
        api.send(HttpMethod.DELETE, "/prices/poll/" + ID, null, null, Map.of("X-API-Key", "s3cre"));
    assertThat(wrongKey.statusCode()).isEqualTo(401);
    verify(api.startPoll, never()).start(any());
    verify(api.stopPoll, never()).stop(any());

    when(api.stopPoll.stop(ID)).thenReturn(CompletableFuture.failedFuture(new JobNotFound(ID)));
    HttpResponse<Buffer> rightKey =
        api.send(
            HttpMethod.DELETE, "/prices/poll/" + ID, null, null, Map.of("X-API-Key", "s3cret"));
    assertThat(rightKey.statusCode()).isEqualTo(404);

    when(api.listPolls.list()).thenReturn(CompletableFuture.completedFuture(java.util.List.of()));
    assertThat(api.get("/prices/poll").statusCode()).isEqualTo(200);
  }

  @Test
  void givenTheApiKey_theClientGetsItsOwnBucket(Vertx vertx) {
    ApiHarness api =
        new ApiHarness(vertx).start(limited(Optional.of("s3cret")), Set.of(), () -> "");

    for (int i = 0; i < 3; i++) {
      api.get("/nowhere");
    }
    assertThat(api.get("/nowhere").statusCode()).isEqualTo(429);
    HttpResponse<Buffer> invented =
        api.send(HttpMethod.GET, "/nowhere", null, null, Map.of("X-API-Key", "invented"));
    assertThat(invented.statusCode()).as("an invented key buys no budget").isEqualTo(429);
    HttpResponse<Buffer> keyed =
        api.send(HttpMethod.GET, "/nowhere", null, null, Map.of("X-API-Key", "s3cret"));
    assertThat(keyed.statusCode()).isEqualTo(404);
    assertThat(keyed.getHeader("RateLimit-Remaining")).isEqualTo("2");
  }
}
