package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.failure.ProviderAuthFailure;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.BudgetState;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProvider;
import java.math.BigDecimal;
import java.time.Duration;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlphaVantageQuoteProviderTest extends HttpProviderContract {
  @Override
  ProviderId providerId() {
    return ProviderId.ALPHA_VANTAGE;
  }

  @Override
  QuoteProvider provider(HttpProviderConfig config, OutboundLimits outbound) {
    return new AlphaVantageQuoteProvider(config, shared, scheduler, clock, outbound);
  }

  @Override
  Symbol symbol() {
    return Symbol.of("IBM");
  }

  @Override
  String successBody() {
    return Bodies.text("alphavantage/global-quote-ibm.json");
  }

  @Override
  String expectedPath() {
    return "/query";
  }

  @Override
  void assertProviderRequest(RecordedRequest request) {
    assertThat(request.getUrl().queryParameter("function")).isEqualTo("GLOBAL_QUOTE");
    assertThat(request.getUrl().queryParameter("symbol")).isEqualTo("IBM");
    assertThat(request.getUrl().queryParameter("apikey")).isEqualTo(KEY);
    assertThat(request.getUrl().querySize()).isEqualTo(3);
  }

  @Test
  void givenGlobalQuote_fetch_readsPriceFromTextExactlyAndUsesFetchTimeAsQuoteTime()
      throws Exception {
    server.enqueue(json(200, successBody()));

    FetchedQuote fetched = Outcomes.value(provider().fetch(symbol()));

    assertThat(fetched.quote().price()).isEqualTo(new BigDecimal("312.4200"));
    assertThat(fetched.quote().price().scale()).isEqualTo(4);
    assertThat(fetched.quote().quoteTime()).isEqualTo(START);
    assertThat(fetched.raw().bodyText()).contains("\"07. latest trading day\": \"2025-11-06\"");
  }

  @Test
  void givenEmptyGlobalQuote_fetch_failsWithSymbolNotFoundWithoutRetry() throws Exception {
    server.enqueue(json(200, Bodies.text("alphavantage/unknown-symbol.json")));

    SymbolNotFound failure =
        Outcomes.failure(provider().fetch(Symbol.of("NOPE")), SymbolNotFound.class);

    assertThat(failure.symbol()).isEqualTo("NOPE");
    assertThat(failure.provider()).isEqualTo("alpha_vantage");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({
    // 15:30 UTC: the daily limit lasts until midnight UTC, 8.5 hours later.
    "alphavantage/throttled-daily.json, PT8H30M",
    "alphavantage/throttled-burst.json, PT1S",
    "alphavantage/throttled-note.json, PT1M",
    "alphavantage/throttled-demo.json, PT1M"
  })
  void givenThrottleBody_fetch_failsWithProviderThrottledWithoutRetry(
      String resource, Duration retryAfter) throws Exception {
    server.enqueue(json(200, Bodies.text(resource)));

    ProviderThrottled failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderThrottled.class);

    assertThat(failure.localBudget()).isFalse();
    assertThat(failure.retryAfter()).isEqualTo(retryAfter);
    assertThat(failure.getMessage()).contains("throttled (retry after");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void givenInvalidKeyErrorMessage_fetch_failsWithAuthFailureWithoutRetry() throws Exception {
    server.enqueue(json(200, Bodies.text("alphavantage/invalid-key.json")));

    ProviderAuthFailure failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderAuthFailure.class);

    assertThat(failure.provider()).isEqualTo("alpha_vantage");
    assertThat(failure.getMessage()).contains("apikey is invalid or missing");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void givenFreeTierBudget_sixthCallWithinAMinute_failsFastWithoutReachingTheServer()
      throws Exception {
    QuoteProvider provider = provider(config().withLimits(AlphaVantageQuoteProvider.FREE_TIER));
    for (int call = 1; call <= 5; call++) {
      server.enqueue(json(200, successBody()));
      Outcomes.value(provider.fetch(symbol()));
      clock.advance(Duration.ofSeconds(2));
    }

    ProviderThrottled throttled =
        Outcomes.failure(provider.fetch(symbol()), ProviderThrottled.class);

    assertThat(throttled.localBudget()).isTrue();
    // Calls went out at 0, 2, 4, 6, 8 s; now is 10 s; the first leaves the minute window at 60 s.
    assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(50));
    assertThat(server.getRequestCount()).isEqualTo(5);
    assertThat(Outcomes.value(provider.currentStatus()).budget())
        .extracting(BudgetState::limit, BudgetState::remaining)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RateLimit.perMinute(5), 0),
            org.assertj.core.groups.Tuple.tuple(RateLimit.perDay(25), 20),
            org.assertj.core.groups.Tuple.tuple(RateLimit.perSecond(1), 1));
  }

  @Test
  void givenFreeTierBudget_secondCallInTheSameSecond_failsFastWithRetryAfterOneSecond()
      throws Exception {
    QuoteProvider provider = provider(config().withLimits(AlphaVantageQuoteProvider.FREE_TIER));
    server.enqueue(json(200, successBody()));
    Outcomes.value(provider.fetch(symbol()));
    clock.advance(Duration.ofMillis(400));

    ProviderThrottled throttled =
        Outcomes.failure(provider.fetch(symbol()), ProviderThrottled.class);

    assertThat(throttled.localBudget()).isTrue();
    assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void givenTheDailyLimitNotice_laterFetches_failFastWithoutARequest_untilMidnightUtc()
      throws Exception {
    server.enqueue(json(200, Bodies.text("alphavantage/throttled-daily.json")));
    server.enqueue(json(200, successBody()));
    QuoteProvider provider = provider();
    Outcomes.failure(provider.fetch(symbol()), ProviderThrottled.class);
    clock.advance(Duration.ofHours(1));

    ProviderThrottled held = Outcomes.failure(provider.fetch(symbol()), ProviderThrottled.class);

    // 15:30 UTC + 1 h: the notice asked for no calls before midnight, 7.5 hours away.
    assertThat(held.retryAfter()).isEqualTo(Duration.ofMinutes(450));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(provider.status().unavailableReason())
        .hasValue("throttled by the provider until 2025-11-07T00:00:00Z");

    clock.advance(Duration.ofMinutes(450));
    Outcomes.value(provider.fetch(symbol()));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource({"1e-999999999", "-1e999999999", "NaN", "Infinity", "0.0000", "abc"})
  void givenAPoisonPriceText_fetch_failsWithBadResponse(String price) throws Exception {
    String poison =
        successBody().replace("\"05. price\": \"312.4200\"", "\"05. price\": \"" + price + "\"");
    assertThat(poison).isNotEqualTo(successBody());
    enqueueTimes(ATTEMPTS, json(200, poison));

    ProviderUnavailable failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderUnavailable.class);

    assertThat(failure.kind()).isEqualTo(ProviderUnavailable.Kind.BAD_RESPONSE);
    assertThat(failure.getMessage()).contains("05. price is not a usable price");
  }

  @Test
  void given429_fetch_failsThrottledWithoutRetry() throws Exception {
    server.enqueue(json(429, "{}").newBuilder().setHeader("Retry-After", "12").build());

    ProviderThrottled failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderThrottled.class);

    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(12));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
