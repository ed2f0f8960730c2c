package dev.marketdata.adapter.http;

import static dev.marketdata.adapter.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import dev.marketdata.domain.model.BudgetState;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.RateLimit;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class OpsRoutesTest {
  static HealthCheck check(String name, CompletionStage<Boolean> outcome) {
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public CompletionStage<Boolean> check() {
        return outcome;
      }
    };
  }

  @Test
  void providers_listsAvailabilityLimitsAndBudget(Vertx vertx) {
    ApiHarness api = new ApiHarness(vertx).start();
    when(api.providers.list())
        .thenReturn(
            CompletableFuture.completedFuture(
                List.of(
                    ProviderStatus.available(
                        ProviderId.FINNHUB,
                        List.of(RateLimit.perMinute(60)),
                        List.of(
                            new BudgetState(
                                RateLimit.perMinute(60),
                                57,
                                Instant.parse("2024-03-20T10:31:00Z")))),
                    ProviderStatus.unavailable(
                        ProviderId.ALPHA_VANTAGE,
                        "ALPHA_VANTAGE_API_KEY is not set",
                        List.of(RateLimit.perDay(25))))));

    HttpResponse<Buffer> r = api.get("/providers");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString())
        .isEqualTo(
            "{\"default_provider\":\"finnhub\",\"providers\":["
                + "{\"id\":\"finnhub\",\"available\":true,\"unavailable_reason\":null,"
                + "\"limits\":[{\"permits\":60,\"period_seconds\":60}],"
                + "\"budget\":[{\"permits\":60,\"period_seconds\":60,\"remaining\":57,"
                + "\"resets_at\":\"2024-03-20T10:31:00Z\"}]},"
                + "{\"id\":\"alpha_vantage\",\"available\":false,"
                + "\"unavailable_reason\":\"ALPHA_VANTAGE_API_KEY is not set\","
                + "\"limits\":[{\"permits\":25,\"period_seconds\":86400}],\"budget\":[]}]}");
  }

  @Test
  void live_isAlways200(Vertx vertx) {
    ApiHarness api =
        new ApiHarness(vertx)
            .start(
                ApiHarness.unlimited(),
                Set.of(check("postgresql", CompletableFuture.completedFuture(false))),
                () -> "");
    HttpResponse<Buffer> r = api.get("/health/live");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void givenAllChecksUp_ready_is200(Vertx vertx) {
    ApiHarness api =
        new ApiHarness(vertx)
            .start(
                ApiHarness.unlimited(),
                Set.of(
                    check("postgresql", CompletableFuture.completedFuture(true)),
                    check("kafka", CompletableFuture.completedFuture(true))),
                () -> "");
    HttpResponse<Buffer> r = api.get("/health/ready");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString())
        .isEqualTo(
            "{\"status\":\"UP\",\"checks\":[{\"name\":\"kafka\",\"status\":\"UP\"},"
                + "{\"name\":\"postgresql\",\"status\":\"UP\"}]}");
  }

  @Test
  void givenAFailingOrThrowingCheck_ready_is503Problem(Vertx vertx) {
    HealthCheck throwing =
        new HealthCheck() {
          @Override
          public String name() {
            return "broker";
          }

          @Override
          public CompletionStage<Boolean> check() {
            throw new IllegalStateException("no broker");
          }
        };
    ApiHarness api =
        new ApiHarness(vertx)
            .start(
                ApiHarness.unlimited(),
                Set.of(
                    check("postgresql", CompletableFuture.completedFuture(true)),
                    check(
                        "kafka",
                        CompletableFuture.failedFuture(new RuntimeException("connection refused"))),
                    throwing),
                () -> "");
    HttpResponse<Buffer> r = api.get("/health/ready");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.getHeader("Retry-After")).isEqualTo("5");
    assertThat(json(r).get("detail").asText()).isEqualTo("Not ready: broker, kafka.");
    assertThat(json(r).get("checks").toString())
        .isEqualTo(
            "[{\"name\":\"broker\",\"status\":\"DOWN\"},{\"name\":\"kafka\",\"status\":\"DOWN\"},"
                + "{\"name\":\"postgresql\",\"status\":\"UP\"}]");
    assertThat(r.bodyAsString())
        .as("why a check is down goes to the log, not to whoever asks")
        .doesNotContain("connection refused")
        .doesNotContain("no broker")
        .doesNotContain("Exception");
  }

  @Test
  void givenManyProbes_ready_runsTheChecksOncePerMaxAge(Vertx vertx) {
    AtomicInteger runs = new AtomicInteger();
    HealthCheck counted =
        new HealthCheck() {
          @Override
          public String name() {
            return "postgresql";
          }

          @Override
          public CompletionStage<Boolean> check() {
            runs.incrementAndGet();
            return CompletableFuture.completedFuture(true);
          }
        };
    AtomicLong now = new AtomicLong();
    Readiness readiness =
        new Readiness(Set.of(counted), Duration.ofSeconds(2), Duration.ofSeconds(1), now::get);
    ApiHarness api = new ApiHarness(vertx).start(ApiHarness.unlimited(), readiness);

    for (int i = 0; i < 20; i++) {
      assertThat(api.get("/health/ready").statusCode()).isEqualTo(200);
    }
    assertThat(runs).hasValue(1);
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(api.get("/health/ready").statusCode()).isEqualTo(200);
    assertThat(runs).hasValue(2);
  }

  @Test
  void givenACheckThatNeverAnswers_ready_is503AfterItsDeadline(Vertx vertx) {
    ApiHarness api =
        new ApiHarness(vertx)
            .start(
                ApiHarness.unlimited(),
                Set.of(check("postgresql", new CompletableFuture<>())),
                () -> "");
    HttpResponse<Buffer> r = api.get("/health/ready");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).get("checks").get(0).get("status").asText()).isEqualTo("DOWN");
  }

  @Test
  void metrics_servesThePrometheusText(Vertx vertx) {
    String text = "# TYPE http_requests_total counter\nhttp_requests_total 3.0\n";
    ApiHarness api = new ApiHarness(vertx).start(ApiHarness.unlimited(), Set.of(), () -> text);
    HttpResponse<Buffer> r = api.get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.bodyAsString()).isEqualTo(text);
  }

  @Test
  void openApiAndSwaggerUi_areServedFromTheClasspath(Vertx vertx) {
    ApiHarness api = new ApiHarness(vertx).start();

    HttpResponse<Buffer> spec = api.get("/openapi.yaml");
    assertThat(spec.statusCode()).isEqualTo(200);
    assertThat(spec.getHeader("Content-Type")).startsWith("application/yaml");
    assertThat(spec.bodyAsString()).startsWith("openapi: 3.1.0");

    HttpResponse<Buffer> docs = api.get("/docs");
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.getHeader("Content-Type")).startsWith("text/html");
    assertThat(docs.bodyAsString())
        .contains("/docs/swagger-initializer.js")
        .doesNotContain("https://");

    HttpResponse<Buffer> bundle = api.get("/docs/swagger-ui-bundle.js");
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.body().length()).isGreaterThan(100_000);
    assertThat(api.get("/docs/swagger-ui.css").statusCode()).isEqualTo(200);
    assertThat(api.get("/docs/swagger-ui-standalone-preset.js").statusCode()).isEqualTo(200);
    assertThat(api.get("/docs/nope.js").statusCode()).isEqualTo(404);
  }
}
