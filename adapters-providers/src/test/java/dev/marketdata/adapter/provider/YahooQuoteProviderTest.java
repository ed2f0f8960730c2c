package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class YahooQuoteProviderTest extends HttpProviderContract {
  @Override
  ProviderId providerId() {
    return ProviderId.YAHOO;
  }

  /** Yahoo takes no key: the configured one must not be sent anywhere. */
  @Override
  QuoteProvider provider(HttpProviderConfig config, OutboundLimits outbound) {
    return new YahooQuoteProvider(config, shared, scheduler, clock, outbound);
  }

  @Override
  Symbol symbol() {
    return Symbol.of("AAPL");
  }

  @Override
  String successBody() {
    return Bodies.text("yahoo/chart-aapl.json");
  }

  @Override
  String expectedPath() {
    return "/v8/finance/chart/AAPL";
  }

  @Override
  void assertProviderRequest(RecordedRequest request) {
    assertThat(request.getUrl().queryParameter("range")).isEqualTo("1d");
    assertThat(request.getUrl().queryParameter("interval")).isEqualTo("1d");
    assertThat(request.getUrl().querySize()).isEqualTo(2);
    assertThat(request.getHeaders().get("User-Agent")).startsWith("Mozilla/5.0").contains("Chrome");
    assertThat(request.getHeaders().toString()).doesNotContain(KEY);
  }

  @Test
  void givenChart_fetch_readsRegularMarketPriceExactlyAndRegularMarketTime() throws Exception {
    server.enqueue(json(200, successBody()));

    FetchedQuote fetched = Outcomes.value(provider().fetch(symbol()));

    assertThat(fetched.quote().price()).isEqualTo(new BigDecimal("220.003"));
    assertThat(fetched.quote().quoteTime()).isEqualTo(Instant.ofEpochSecond(1742824293L));
  }

  @Test
  void givenNoKeyConfigured_fetch_stillWorks() throws Exception {
    server.enqueue(json(200, successBody()));
    QuoteProvider provider = provider(config().withApiKey(null));

    Outcomes.value(provider.fetch(symbol()));
    assertThat(config().withApiKey(null).apiKey()).isEqualTo(Optional.empty());
  }

  @Test
  void given404_fetch_failsWithSymbolNotFoundWithoutRetry() throws Exception {
    server.enqueue(json(404, Bodies.text("yahoo/not-found.json")));

    SymbolNotFound failure =
        Outcomes.failure(provider().fetch(Symbol.of("NOPE")), SymbolNotFound.class);

    assertThat(failure.provider()).isEqualTo("yahoo");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"yahoo/result-null.json", "yahoo/result-empty.json", "yahoo/chart-null.json"})
  void givenEmptyResultAt200_fetch_failsWithSymbolNotFound(String resource) throws Exception {
    server.enqueue(json(200, Bodies.text(resource)));

    Outcomes.failure(provider().fetch(symbol()), SymbolNotFound.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yahoo/throttled.txt", "yahoo/throttled-edge.txt"})
  void given429PlainText_fetch_failsThrottledWithoutRetry(String resource) throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .setHeader("Content-Type", "text/plain")
            .body(Bodies.text(resource))
            .build());

    ProviderThrottled failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderThrottled.class);

    assertThat(failure.localBudget()).isFalse();
    assertThat(failure.retryAfter()).isEqualTo(YahooQuoteProvider.DEFAULT_RETRY_AFTER);
    assertThat(failure.getMessage()).contains("Too Many Requests");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({
    "BRK.B, /v8/finance/chart/BRK-B",
    "BF.A, /v8/finance/chart/BF-A",
    "VOD.L, /v8/finance/chart/VOD.L",
    "^GSPC, /v8/finance/chart/%5EGSPC",
    "EURUSD=X, /v8/finance/chart/EURUSD=X"
  })
  void givenSymbol_request_usesYahooSpellingEncodedAsOnePathSegment(String symbol, String path)
      throws Exception {
    server.enqueue(json(200, successBody()));

    Outcomes.value(provider().fetch(Symbol.of(symbol)));

    assertThat(takeRequest().getUrl().encodedPath()).isEqualTo(path);
  }

  @Test
  void givenARegularMarketTimeFromTheFuture_fetch_failsWithBadResponse() throws Exception {
    String future =
        successBody()
            .replace(
                "\"regularMarketTime\":1742824293",
                "\"regularMarketTime\":" + START.plus(Duration.ofDays(1)).getEpochSecond());
    assertThat(future).isNotEqualTo(successBody());
    enqueueTimes(ATTEMPTS, json(200, future));

    ProviderUnavailable failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderUnavailable.class);

    assertThat(failure.kind()).isEqualTo(ProviderUnavailable.Kind.BAD_RESPONSE);
    assertThat(failure.getMessage()).contains("quote time must not be later than");
  }

  @Test
  void givenAPoisonRegularMarketPrice_fetch_failsWithBadResponse() throws Exception {
    String poison =
        successBody()
            .replace("\"regularMarketPrice\":220.003", "\"regularMarketPrice\":1e-999999999");
    assertThat(poison).isNotEqualTo(successBody());
    enqueueTimes(ATTEMPTS, json(200, poison));

    ProviderUnavailable failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderUnavailable.class);

    assertThat(failure.kind()).isEqualTo(ProviderUnavailable.Kind.BAD_RESPONSE);
    assertThat(failure.getMessage()).contains("regularMarketPrice is not a usable price");
  }
}
