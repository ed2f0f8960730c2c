package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.failure.ProviderAuthFailure;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.QuoteTimes;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FinnhubQuoteProviderTest extends HttpProviderContract {
  @Override
  ProviderId providerId() {
    return ProviderId.FINNHUB;
  }

  @Override
  QuoteProvider provider(HttpProviderConfig config, OutboundLimits outbound) {
    return new FinnhubQuoteProvider(config, shared, scheduler, clock, outbound);
  }

  @Override
  Symbol symbol() {
    return Symbol.of("AAPL");
  }

  @Override
  String successBody() {
    return Bodies.text("finnhub/quote-aapl.json");
  }

  @Override
  String expectedPath() {
    return "/api/v1/quote";
  }

  @Override
  void assertProviderRequest(RecordedRequest request) {
    assertThat(request.getUrl().queryParameter("symbol")).isEqualTo("AAPL");
    assertThat(request.getUrl().querySize()).as("the key travels only in the header").isEqualTo(1);
    assertThat(request.getHeaders().get("X-Finnhub-Token")).isEqualTo(KEY);
  }

  @Test
  void givenQuote_fetch_readsCAsExactPriceAndTAsQuoteTime() throws Exception {
    server.enqueue(json(200, successBody()));

    FetchedQuote fetched = Outcomes.value(provider().fetch(symbol()));

    assertThat(fetched.quote().price()).isEqualTo(new BigDecimal("261.74"));
    assertThat(fetched.quote().quoteTime()).isEqualTo(Instant.ofEpochSecond(1582641000L));
    assertThat(fetched.quote().fetchedAt()).isEqualTo(START);
  }

  @Test
  void givenAllZeroBody_fetch_failsWithSymbolNotFoundAndNeverAPriceOfZero() throws Exception {
    server.enqueue(json(200, Bodies.text("finnhub/unknown-symbol.json")));

    SymbolNotFound failure =
        Outcomes.failure(provider().fetch(Symbol.of("NOPE")), SymbolNotFound.class);

    assertThat(failure.symbol()).isEqualTo("NOPE");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void givenPriceButTimeZero_fetch_failsWithSymbolNotFound() throws Exception {
    server.enqueue(
        json(200, "{\"c\":12.5,\"d\":null,\"dp\":null,\"h\":0,\"l\":0,\"o\":0,\"pc\":0,\"t\":0}"));

    Outcomes.failure(provider().fetch(symbol()), SymbolNotFound.class);
  }

  @Test
  void given429WithoutHeaders_fetch_failsThrottledWithDefaultWaitAndNoRetry() throws Exception {
    server.enqueue(json(429, Bodies.text("finnhub/throttled.json")));

    ProviderThrottled failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderThrottled.class);

    assertThat(failure.localBudget()).isFalse();
    assertThat(failure.retryAfter()).isEqualTo(FinnhubQuoteProvider.DEFAULT_RETRY_AFTER);
    assertThat(failure.getMessage()).contains("API limit reached");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void given429WithPlainTextBody_fetch_failsThrottled() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .setHeader("Content-Type", "text/plain")
            .body(Bodies.text("finnhub/throttled.txt"))
            .build());

    Outcomes.failure(provider().fetch(symbol()), ProviderThrottled.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void given429WithRetryAfterSeconds_fetch_honoursIt() throws Exception {
    server.enqueue(
        json(429, Bodies.text("finnhub/throttled.json"))
            .newBuilder()
            .setHeader("Retry-After", "7")
            .build());

    ProviderThrottled failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderThrottled.class);

    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void given429WithRetryAfterDate_fetch_honoursIt() throws Exception {
    server.enqueue(
        json(429, Bodies.text("finnhub/throttled.json"))
            .newBuilder()
            .setHeader("Retry-After", "Thu, 06 Nov 2025 15:30:45 GMT")
            .build());

    ProviderThrottled failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderThrottled.class);

    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void given429WithRateLimitReset_fetch_waitsUntilTheReset() throws Exception {
    long reset = START.plusSeconds(30).getEpochSecond();
    server.enqueue(
        json(429, Bodies.text("finnhub/throttled.json"))
            .newBuilder()
            .setHeader("X-Ratelimit-Limit", "60")
            .setHeader("X-Ratelimit-Remaining", "0")
            .setHeader("X-Ratelimit-Reset", String.valueOf(reset))
            .build());

    ProviderThrottled failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderThrottled.class);

    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void givenRejectedKey_fetch_failsWithAuthFailureWithoutRetry(int status) throws Exception {
    server.enqueue(
        json(
            status,
            Bodies.text(status == 401 ? "finnhub/invalid-key.json" : "finnhub/no-access.json")));

    ProviderAuthFailure failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderAuthFailure.class);

    assertThat(failure.provider()).isEqualTo("finnhub");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void givenDotSymbol_request_sendsItUnchanged() throws Exception {
    server.enqueue(json(200, successBody()));

    Outcomes.value(provider().fetch(Symbol.of("BRK.B")));

    assertThat(takeRequest().getUrl().queryParameter("symbol")).isEqualTo("BRK.B");
  }

  private static String quoteBody(String c, long t) {
    return "{\"c\":"
        + c
        + ",\"d\":2.29,\"dp\":0.8826,\"h\":263.31,\"l\":260.68,"
        + "\"o\":261.07,\"pc\":259.45,\"t\":"
        + t
        + "}";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-1e999999999",
        "1e-999999999",
        "1e999999999",
        "0.00000000001",
        "1234567890.1234567891"
      })
  void givenAPoisonPrice_fetch_failsWithBadResponse_quicklyAndWithAShortMessage(String c)
      throws Exception {
    enqueueTimes(ATTEMPTS, json(200, quoteBody(c, START.getEpochSecond())));

    ProviderUnavailable failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderUnavailable.class);

    assertThat(failure.kind()).isEqualTo(ProviderUnavailable.Kind.BAD_RESPONSE);
    assertThat(failure.getMessage())
        .startsWith("provider finnhub")
        .contains("c is not a usable price")
        .hasSizeLessThan(200);
  }

  @Test
  void givenAQuoteTimeFromTheFarFuture_fetch_failsWithBadResponse_andReturnsNoQuote()
      throws Exception {
    long farFuture = Instant.parse("+300000-01-01T00:00:00Z").getEpochSecond();
    enqueueTimes(ATTEMPTS, json(200, quoteBody("261.74", farFuture)));

    ProviderUnavailable failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderUnavailable.class);

    assertThat(failure.kind()).isEqualTo(ProviderUnavailable.Kind.BAD_RESPONSE);
    assertThat(failure.getMessage()).contains("quote time must not be later than");
  }

  @Test
  void givenAQuoteTimeJustPastTheSkew_fetch_failsButOneWithinItIsKept() throws Exception {
    long withinSkew = START.plus(QuoteTimes.DEFAULT_MAX_FUTURE_SKEW).getEpochSecond();
    server.enqueue(json(200, quoteBody("261.74", withinSkew)));
    enqueueTimes(ATTEMPTS, json(200, quoteBody("261.74", withinSkew + 1)));
    QuoteProvider provider = provider();

    assertThat(Outcomes.value(provider.fetch(symbol())).quote().quoteTime())
        .isEqualTo(Instant.ofEpochSecond(withinSkew));
    Outcomes.failure(provider.fetch(symbol()), ProviderUnavailable.class);
  }

  @Test
  void givenAConfiguredSkewOfZero_aQuoteTimeOneSecondAhead_isABadResponse() throws Exception {
    enqueueTimes(ATTEMPTS, json(200, quoteBody("261.74", START.getEpochSecond() + 1)));
    QuoteProvider provider = provider(config().withQuoteTimes(new QuoteTimes(Duration.ZERO)));

    ProviderUnavailable failure =
        Outcomes.failure(provider.fetch(symbol()), ProviderUnavailable.class);

    assertThat(failure.kind()).isEqualTo(ProviderUnavailable.Kind.BAD_RESPONSE);
  }

  @Test
  void givenATimeBeyondInstant_fetch_failsWithBadResponse() throws Exception {
    enqueueTimes(ATTEMPTS, json(200, quoteBody("261.74", Long.MAX_VALUE)));

    ProviderUnavailable failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderUnavailable.class);

    assertThat(failure.getMessage()).contains("t is not a time");
  }
}
