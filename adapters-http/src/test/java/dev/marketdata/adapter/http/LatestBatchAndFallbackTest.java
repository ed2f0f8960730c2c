package dev.marketdata.adapter.http;

import static dev.marketdata.adapter.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.failure.ProviderUnavailable.Kind;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /prices/latest} with a provider chain and with {@code symbols}: the real chain and
 * batch services over a scripted single quote, through a real server and client.
 */
@ExtendWith(VertxExtension.class)
class LatestBatchAndFallbackTest {
  private static final Instant AT = Instant.parse("2024-03-20T10:30:00Z");

  ApiHarness api;

  @BeforeEach
  void start(Vertx vertx) {
    api = new ApiHarness(vertx).start();
  }

  private static PricePoint point(String symbol, ProviderId provider, String price) {
    return new PricePoint(
        Symbol.of(symbol),
        provider,
        new BigDecimal(price),
        AT,
        AT.plusSeconds(1),
        UUID.randomUUID());
  }

  private void serves(String symbol, ProviderId provider, String price) {
    when(api.latest.latest(Symbol.of(symbol), Optional.of(provider)))
        .thenReturn(CompletableFuture.completedFuture(point(symbol, provider, price)));
  }

  private void servesDefault(String symbol, String price) {
    when(api.latest.latest(Symbol.of(symbol), Optional.empty()))
        .thenReturn(CompletableFuture.completedFuture(point(symbol, ProviderId.FINNHUB, price)));
  }

  private void fails(String symbol, Optional<ProviderId> provider, RuntimeException failure) {
    when(api.latest.latest(Symbol.of(symbol), provider))
        .thenReturn(CompletableFuture.failedFuture(failure));
  }

  private static void isProblem(HttpResponse<Buffer> r, int status, String field) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    if (field != null) {
      assertThat(json(r).get("field").asText()).isEqualTo(field);
    }
  }

  @Test
  void givenAChainWhoseFirstIsDown_latest_namesTheServerAndWhereItFellBackFrom() {
    fails(
        "AAPL",
        Optional.of(ProviderId.FINNHUB),
        new ProviderUnavailable("finnhub", Kind.SERVER_ERROR, "HTTP 503", null));
    serves("AAPL", ProviderId.YAHOO, "151.5");

    HttpResponse<Buffer> r = api.get("/prices/latest?symbol=AAPL&provider=finnhub,yahoo");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString())
        .isEqualTo(
            "{\"symbol\":\"AAPL\",\"price\":151.5,\"timestamp\":\"2024-03-20T10:30:00Z\","
                + "\"provider\":\"yahoo\",\"fallback_from\":[\"finnhub\"]}");
  }

  @Test
  void givenAChainWhoseFirstServes_latest_hasNoFallbackFrom() {
    serves("AAPL", ProviderId.FINNHUB, "150");

    HttpResponse<Buffer> r = api.get("/prices/latest?symbol=AAPL&provider=finnhub,yahoo");

    assertThat(json(r).has("fallback_from")).isFalse();
    verify(api.latest, never()).latest(Symbol.of("AAPL"), Optional.of(ProviderId.YAHOO));
  }

  @Test
  void givenEveryProviderOfTheChainFails_latest_answersTheLastFailureWithEachAttempt() {
    fails(
        "AAPL",
        Optional.of(ProviderId.FINNHUB),
        new ProviderUnavailable("finnhub", Kind.TIMEOUT, "read timed out", null));
    fails(
        "AAPL",
        Optional.of(ProviderId.YAHOO),
        new ProviderThrottled("yahoo", Duration.ofSeconds(42), false, "HTTP 429"));

    HttpResponse<Buffer> r = api.get("/prices/latest?symbol=AAPL&provider=finnhub,yahoo");

    isProblem(r, 503, null);
    assertThat(r.getHeader("Retry-After")).isEqualTo("42");
    JsonNode body = json(r);
    assertThat(body.get("type").asText()).isEqualTo("urn:marketdata:problem:provider-throttled");
    assertThat(body.get("attempts")).hasSize(2);
    assertThat(body.get("attempts").get(0).get("provider").asText()).isEqualTo("finnhub");
    assertThat(body.get("attempts").get(0).get("status").asInt()).isEqualTo(504);
    assertThat(body.get("attempts").get(1).get("provider").asText()).isEqualTo("yahoo");
    assertThat(body.get("attempts").get(1).get("status").asInt()).isEqualTo(503);
  }

  @Test
  void givenNotFoundAtTheFirst_latest_is404WithoutAskingTheNext() {
    fails("ZZZZ", Optional.of(ProviderId.FINNHUB), new SymbolNotFound("ZZZZ", "finnhub"));

    HttpResponse<Buffer> r = api.get("/prices/latest?symbol=ZZZZ&provider=finnhub,yahoo");

    isProblem(r, 404, "symbol");
    verify(api.latest, never()).latest(Symbol.of("ZZZZ"), Optional.of(ProviderId.YAHOO));
  }

  @Test
  void givenBadChains_latest_is400NamingProvider() {
    for (String chain : new String[] {"finnhub,", "finnhub,finnhub", "a,b,c,d,e,f", "yahoo,Bad!"}) {
      isProblem(api.get("/prices/latest?symbol=AAPL&provider=" + chain), 400, "provider");
    }
    verify(api.latest, never()).latest(any(), any());
  }

  @Test
  void givenSymbols_batch_answersPricesAndErrorsInOrder() {
    servesDefault("AAPL", "150.25");
    servesDefault("MSFT", "400");
    fails("ZZZZ", Optional.empty(), new SymbolNotFound("ZZZZ", "finnhub"));

    HttpResponse<Buffer> r = api.get("/prices/latest?symbols=AAPL,ZZZZ,bad%20one,msft,aapl");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
    JsonNode body = json(r);
    assertThat(body.get("prices")).hasSize(2);
    assertThat(body.get("prices").get(0).toString())
        .isEqualTo(
            "{\"symbol\":\"AAPL\",\"price\":150.25,\"timestamp\":\"2024-03-20T10:30:00Z\","
                + "\"provider\":\"finnhub\"}");
    assertThat(body.get("prices").get(1).get("symbol").asText()).isEqualTo("MSFT");
    assertThat(body.get("errors")).hasSize(2);
    JsonNode unknown = body.get("errors").get(0);
    assertThat(unknown.get("symbol").asText()).isEqualTo("ZZZZ");
    assertThat(unknown.get("status").asInt()).isEqualTo(404);
    assertThat(unknown.get("title").asText()).isEqualTo("Symbol not found");
    assertThat(unknown.get("detail").asText()).contains("ZZZZ");
    JsonNode invalid = body.get("errors").get(1);
    assertThat(invalid.get("symbol").asText()).isEqualTo("bad one");
    assertThat(invalid.get("status").asInt()).isEqualTo(400);
    assertThat(invalid.has("retry_after_seconds")).isFalse();
  }

  @Test
  void givenABatchWithAChain_eachItemSaysWhereItFellBackFrom() {
    fails(
        "AAPL",
        Optional.of(ProviderId.FINNHUB),
        new ProviderThrottled("finnhub", Duration.ofSeconds(5), true, "budget"));
    serves("AAPL", ProviderId.YAHOO, "151");
    serves("MSFT", ProviderId.FINNHUB, "400");

    JsonNode body = json(api.get("/prices/latest?symbols=AAPL,MSFT&provider=finnhub,yahoo"));

    assertThat(body.get("prices").get(0).get("provider").asText()).isEqualTo("yahoo");
    assertThat(body.get("prices").get(0).get("fallback_from").toString())
        .isEqualTo("[\"finnhub\"]");
    assertThat(body.get("prices").get(1).has("fallback_from")).isFalse();
    assertThat(body.get("errors")).isEmpty();
  }

  @Test
  void givenThrottledSymbols_batch_reportsThemWithRetryAfter() {
    servesDefault("AAPL", "150");
    fails(
        "MSFT",
        Optional.empty(),
        ProviderThrottled.budgetSpent("finnhub", Duration.ofSeconds(7), "60 a minute"));

    JsonNode error = json(api.get("/prices/latest?symbols=AAPL,MSFT")).get("errors").get(0);

    assertThat(error.get("symbol").asText()).isEqualTo("MSFT");
    assertThat(error.get("status").asInt()).isEqualTo(503);
    assertThat(error.get("retry_after_seconds").asLong()).isEqualTo(7);
  }

  @Test
  void givenEverySymbolFailingAlike_batch_isThatStatusWithEachError() {
    fails("ZZZZ", Optional.empty(), new SymbolNotFound("ZZZZ", "finnhub"));
    fails("YYYY", Optional.empty(), new SymbolNotFound("YYYY", "finnhub"));

    HttpResponse<Buffer> r = api.get("/prices/latest?symbols=ZZZZ,YYYY");

    isProblem(r, 404, null);
    JsonNode body = json(r);
    assertThat(body.get("type").asText()).isEqualTo("urn:marketdata:problem:symbol-not-found");
    assertThat(body.get("errors")).hasSize(2);
    assertThat(body.get("errors").get(1).get("symbol").asText()).isEqualTo("YYYY");
  }

  @Test
  void givenEverySymbolThrottled_batch_is503WithRetryAfter() {
    RuntimeException throttled =
        ProviderThrottled.budgetSpent("finnhub", Duration.ofSeconds(9), "25 a day");
    fails("AAPL", Optional.empty(), throttled);
    fails("MSFT", Optional.empty(), throttled);

    HttpResponse<Buffer> r = api.get("/prices/latest?symbols=AAPL,MSFT");

    isProblem(r, 503, null);
    assertThat(r.getHeader("Retry-After")).isEqualTo("9");
  }

  @Test
  void givenEverySymbolFailingDifferently_batch_is400WhenAllAreTheClientsAnd502Otherwise() {
    fails("ZZZZ", Optional.empty(), new SymbolNotFound("ZZZZ", "finnhub"));
    fails(
        "AAPL",
        Optional.empty(),
        new ProviderUnavailable("finnhub", Kind.SERVER_ERROR, "HTTP 500", null));

    HttpResponse<Buffer> clients = api.get("/prices/latest?symbols=ZZZZ,no%20good");
    HttpResponse<Buffer> mixed = api.get("/prices/latest?symbols=ZZZZ,AAPL");

    isProblem(clients, 400, "symbols");
    assertThat(json(clients).get("type").asText()).isEqualTo("urn:marketdata:problem:batch-failed");
    assertThat(json(clients).get("errors")).hasSize(2);
    isProblem(mixed, 502, "symbols");
    assertThat(json(mixed).get("errors").get(1).get("status").asInt()).isEqualTo(502);
  }

  @Test
  void givenBadBatchRequests_batch_is400NamingTheField() {
    isProblem(api.get("/prices/latest?symbols="), 400, "symbols");
    assertThat(json(api.get("/prices/latest?symbols=")).get("detail").asText())
        .contains("at least one symbol");
    isProblem(api.get("/prices/latest?symbols=AAPL,,MSFT"), 400, "symbols");
    isProblem(api.get("/prices/latest?symbols=A,B,C,D,E,F"), 400, "symbols");
    isProblem(api.get("/prices/latest?symbol=AAPL&symbols=MSFT"), 400, "symbols");
    isProblem(api.get("/prices/latest?symbols=AAPL&symbols=MSFT"), 400, "symbols");
    isProblem(api.get("/prices/latest?symbols=AAPL&provider=yahoo,"), 400, "provider");
    verify(api.latest, never()).latest(any(), any());
  }

  @Test
  void givenDuplicatesBeyondTheBound_batch_countsDistinctSymbols() {
    for (String s : new String[] {"A", "B", "C", "D", "E"}) {
      servesDefault(s, "1");
    }

    HttpResponse<Buffer> r = api.get("/prices/latest?symbols=A,B,C,D,E,a,b");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("prices")).hasSize(5);
  }
}
