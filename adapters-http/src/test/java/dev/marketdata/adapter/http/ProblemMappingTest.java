package dev.marketdata.adapter.http;

import static dev.marketdata.adapter.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.domain.failure.DependencyUnavailable;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.failure.Overloaded;
import dev.marketdata.domain.failure.ProviderAuthFailure;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.failure.SymbolNotFound;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every domain failure, raised by a use case, reaches the client as the documented problem. */
@ExtendWith(VertxExtension.class)
class ProblemMappingTest {
  ApiHarness api;

  @BeforeEach
  void start(Vertx vertx) {
    api = new ApiHarness(vertx).start();
  }

  private HttpResponse<Buffer> latestFailingWith(Throwable failure) {
    when(api.latest.latest(any(), any())).thenReturn(CompletableFuture.failedFuture(failure));
    return api.get("/prices/latest?symbol=AAPL&provider=finnhub");
  }

  private static JsonNode problem(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonNode body = json(r);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("title").asText()).isNotBlank();
    assertThat(body.get("detail").asText()).isNotBlank();
    assertThat(body.get("instance").asText()).isEqualTo("/prices/latest");
    assertThat(body.get("request_id").asText()).isEqualTo(r.getHeader("X-Request-Id"));
    return body;
  }

  @Test
  void invalidInput_is400NamingTheField() {
    JsonNode body =
        problem(latestFailingWith(new InvalidInput("provider", "nope", "is not configured")), 400);
    assertThat(body.get("field").asText()).isEqualTo("provider");
    assertThat(body.get("type").asText()).isEqualTo("urn:marketdata:problem:invalid-input");
  }

  @Test
  void symbolNotFound_is404() {
    JsonNode body = problem(latestFailingWith(new SymbolNotFound("ZZZZ", "finnhub")), 404);
    assertThat(body.get("field").asText()).isEqualTo("symbol");
    assertThat(body.get("type").asText()).isEqualTo("urn:marketdata:problem:symbol-not-found");
  }

  @Test
  void spentLocalBudget_is503WithRetryAfterRoundedUp() {
    HttpResponse<Buffer> r =
        latestFailingWith(
            new ProviderThrottled("finnhub", Duration.ofMillis(12_300), true, "budget spent"));
    JsonNode body = problem(r, 503);
    assertThat(r.getHeader("Retry-After")).isEqualTo("13");
    assertThat(body.get("title").asText()).isEqualTo("Provider budget exhausted");
  }

  @Test
  void providerThrottle_is503WithRetryAfterOfAtLeastOne() {
    HttpResponse<Buffer> r =
        latestFailingWith(new ProviderThrottled("finnhub", Duration.ZERO, false, "429"));
    problem(r, 503);
    assertThat(r.getHeader("Retry-After")).isEqualTo("1");
  }

  @Test
  void providerTimeout_is504() {
    problem(
        latestFailingWith(
            new ProviderUnavailable("finnhub", ProviderUnavailable.Kind.TIMEOUT, "10 s", null)),
        504);
  }

  @Test
  void providerNotConfigured_is503() {
    problem(
        latestFailingWith(
            new ProviderUnavailable(
                "finnhub", ProviderUnavailable.Kind.NOT_CONFIGURED, "no key", null)),
        503);
  }

  @Test
  void otherProviderFailures_are502() {
    for (ProviderUnavailable.Kind kind :
        new ProviderUnavailable.Kind[] {
          ProviderUnavailable.Kind.CONNECTION,
          ProviderUnavailable.Kind.SERVER_ERROR,
          ProviderUnavailable.Kind.BAD_RESPONSE
        }) {
      JsonNode body =
          problem(latestFailingWith(new ProviderUnavailable("finnhub", kind, "x", null)), 502);
      assertThat(body.get("provider").asText()).isEqualTo("finnhub");
    }
  }

  @Test
  void providerAuthFailure_is502() {
    problem(latestFailingWith(new ProviderAuthFailure("finnhub", "401")), 502);
  }

  @Test
  void dependencyDown_is503WithRetryAfterAndNoInfrastructureDetail() {
    HttpResponse<Buffer> r =
        latestFailingWith(
            new DependencyUnavailable(
                "postgresql", "connection refused to db.internal:5432", null));
    JsonNode body = problem(r, 503);
    assertThat(r.getHeader("Retry-After")).isEqualTo("5");
    assertThat(r.bodyAsString()).doesNotContain("db.internal");
    assertThat(body.get("detail").asText()).contains("postgresql");
  }

  @Test
  void overloaded_is503WithItsRetryAfterAndNoInternalLimits() {
    HttpResponse<Buffer> r =
        latestFailingWith(
            new Overloaded("ingest queue", Duration.ofMillis(1500), "10000 quotes waiting"));
    JsonNode body = problem(r, 503);
    assertThat(r.getHeader("Retry-After")).isEqualTo("2");
    assertThat(body.get("type").asText()).isEqualTo("urn:marketdata:problem:overloaded");
    assertThat(r.bodyAsString()).doesNotContain("10000");
  }

  @Test
  void wrappedFailures_areUnwrappedBeforeMapping() {
    problem(latestFailingWith(new CompletionException(new SymbolNotFound("ZZZZ", "finnhub"))), 404);
  }

  @Test
  void anUnexpectedException_is500WithoutStackTraceOrMessage() {
    HttpResponse<Buffer> r =
        latestFailingWith(new IllegalStateException("secret internal state at line 42"));
    JsonNode body = problem(r, 500);
    assertThat(r.bodyAsString())
        .doesNotContain("secret")
        .doesNotContain("IllegalStateException")
        .doesNotContain("\tat ")
        .doesNotContain("dev.marketdata");
    assertThat(body.get("detail").asText()).contains("request id");
  }

  @Test
  void aSynchronousThrowFromTheUseCase_isMappedToo() {
    when(api.latest.latest(any(), any())).thenThrow(new SymbolNotFound("ZZZZ", "finnhub"));
    problem(api.get("/prices/latest?symbol=AAPL"), 404);
  }

  @Test
  void aClientRequestId_isEchoedAndUsedInTheProblem() {
    when(api.latest.latest(any(), any()))
        .thenReturn(CompletableFuture.failedFuture(new SymbolNotFound("ZZZZ", "finnhub")));
    HttpResponse<Buffer> r =
        api.send(
            io.vertx.core.http.HttpMethod.GET,
            "/prices/latest?symbol=ZZZZ",
            null,
            null,
            Map.of("X-Request-Id", "abc-123"));
    assertThat(r.getHeader("X-Request-Id")).isEqualTo("abc-123");
    assertThat(json(r).get("request_id").asText()).isEqualTo("abc-123");
  }

  @Test
  void anUnsafeClientRequestId_isReplaced() {
    HttpResponse<Buffer> r =
        api.send(
            io.vertx.core.http.HttpMethod.GET,
            "/nowhere",
            null,
            null,
            Map.of("X-Request-Id", "x".repeat(300)));
    assertThat(r.getHeader("X-Request-Id")).hasSize(36);
  }
}
