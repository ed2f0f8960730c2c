package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.DailyBar;
import dev.marketdata.domain.model.FetchedHistory;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.HistoryProvider;
import dev.marketdata.testsupport.MutableClock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Daily history of Yahoo and Alpha Vantage against a local server replaying the bodies of
 * providers.md: parsing, the request sent, and the failures each answer stands for.
 */
class ProviderHistoryTest {
  static final Instant START = Instant.parse("2025-03-25T12:00:00Z");
  static final String KEY = "TESTKEY-7f3a9c51e2";

  MockWebServer server;
  MutableClock clock;
  OkHttpClient shared;
  ScheduledExecutorService scheduler;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    clock = new MutableClock(START);
    shared = ProviderClients.shared();
    scheduler = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stop() {
    server.close();
    ProviderClients.close(shared);
    scheduler.shutdownNow();
  }

  HttpProviderConfig config(ProviderId id, List<RateLimit> limits) {
    return new HttpProviderConfig(
        id,
        server.url("/"),
        Optional.of(KEY),
        new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5)),
        new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(20)),
        limits);
  }

  HistoryProvider yahoo() {
    return new YahooQuoteProvider(
            config(ProviderId.YAHOO, List.of(RateLimit.perSecond(1000))),
            shared,
            scheduler,
            clock,
            OutboundLimits.inMemory(clock))
        .history()
        .orElseThrow();
  }

  HistoryProvider alphaVantage(List<RateLimit> limits) {
    return new AlphaVantageQuoteProvider(
            config(ProviderId.ALPHA_VANTAGE, limits),
            shared,
            scheduler,
            clock,
            OutboundLimits.inMemory(clock))
        .history()
        .orElseThrow();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .build();
  }

  RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  @Test
  void givenYahooChart_dailyHistory_readsSessionsInNewYorkAndSkipsNullDay() throws Exception {
    String body = Bodies.text("yahoo/history-aapl.json");
    server.enqueue(json(200, body));

    FetchedHistory history =
        Outcomes.value(
            yahoo()
                .dailyHistory(
                    Symbol.of("AAPL"),
                    LocalDate.parse("2022-02-22"),
                    LocalDate.parse("2022-02-24")));

    assertThat(history.bars())
        .extracting(DailyBar::day)
        .containsExactly(LocalDate.parse("2022-02-22"), LocalDate.parse("2022-02-24"));
    DailyBar first = history.bars().get(0);
    assertThat(first.open()).isEqualByComparingTo("164.9799957275");
    assertThat(first.high()).isEqualByComparingTo("166.6900024414");
    assertThat(first.low()).isEqualByComparingTo("162.1499938965");
    assertThat(first.close()).isEqualByComparingTo("164.3200073242");
    assertThat(first.volume()).isEqualTo(91162800L);
    assertThat(first.rawResponseId()).isEqualTo(history.raw().id());
    assertThat(history.raw().body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    assertThat(history.bars()).allSatisfy(b -> assertThat(b.close().signum()).isPositive());

    RecordedRequest request = takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v8/finance/chart/AAPL");
    ZoneId ny = ZoneId.of("America/New_York");
    assertThat(request.getUrl().queryParameter("period1"))
        .isEqualTo(Long.toString(LocalDate.parse("2022-02-22").atStartOfDay(ny).toEpochSecond()));
    assertThat(request.getUrl().queryParameter("period2"))
        .isEqualTo(Long.toString(LocalDate.parse("2022-02-25").atStartOfDay(ny).toEpochSecond()));
    assertThat(request.getUrl().queryParameter("interval")).isEqualTo("1d");
    assertThat(request.getUrl().queryParameter("range")).isNull();
  }

  @Test
  void givenYahooChart_dailyHistory_leavesOutDaysOutsideTheRange() throws Exception {
    server.enqueue(json(200, Bodies.text("yahoo/history-aapl.json")));

    FetchedHistory history =
        Outcomes.value(
            yahoo()
                .dailyHistory(
                    Symbol.of("AAPL"),
                    LocalDate.parse("2022-02-23"),
                    LocalDate.parse("2022-02-24")));

    assertThat(history.bars())
        .extracting(DailyBar::day)
        .containsExactly(LocalDate.parse("2022-02-24"));
  }

  @Test
  void givenYahoo404_dailyHistory_failsWithSymbolNotFound() throws Exception {
    server.enqueue(json(404, Bodies.text("yahoo/not-found.json")));

    Outcomes.failure(
        yahoo()
            .dailyHistory(
                Symbol.of("NOPE"), LocalDate.parse("2022-02-22"), LocalDate.parse("2022-02-24")),
        SymbolNotFound.class);
  }

  @Test
  void givenYahoo429_dailyHistory_failsWithProviderThrottled() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).body("Too Many Requests").build());

    ProviderThrottled failure =
        Outcomes.failure(
            yahoo()
                .dailyHistory(
                    Symbol.of("AAPL"),
                    LocalDate.parse("2022-02-22"),
                    LocalDate.parse("2022-02-24")),
            ProviderThrottled.class);

    assertThat(failure.localBudget()).isFalse();
    assertThat(failure.retryAfter()).isEqualTo(YahooQuoteProvider.DEFAULT_RETRY_AFTER);
  }

  @Test
  void givenTimeSeriesDaily_dailyHistory_readsPricesExactlyAscending() throws Exception {
    server.enqueue(json(200, Bodies.text("alphavantage/daily-ibm.json")));

    FetchedHistory history =
        Outcomes.value(
            alphaVantage(List.of(RateLimit.perSecond(1000)))
                .dailyHistory(
                    Symbol.of("IBM"),
                    LocalDate.parse("2025-03-01"),
                    LocalDate.parse("2025-03-24")));

    assertThat(history.bars())
        .extracting(DailyBar::day)
        .containsExactly(LocalDate.parse("2025-03-21"), LocalDate.parse("2025-03-24"));
    DailyBar last = history.bars().get(1);
    assertThat(last.open()).isEqualTo(new BigDecimal("249.4900"));
    assertThat(last.high()).isEqualTo(new BigDecimal("254.0500"));
    assertThat(last.low()).isEqualTo(new BigDecimal("248.7800"));
    assertThat(last.close()).isEqualTo(new BigDecimal("253.6900"));
    assertThat(last.volume()).isEqualTo(3712637L);

    RecordedRequest request = takeRequest();
    assertThat(request.getUrl().queryParameter("function")).isEqualTo("TIME_SERIES_DAILY");
    assertThat(request.getUrl().queryParameter("outputsize")).isEqualTo("compact");
    assertThat(request.getUrl().queryParameter("symbol")).isEqualTo("IBM");
    assertThat(request.getUrl().queryParameter("apikey")).isEqualTo(KEY);
  }

  @Test
  void givenErrorMessage_dailyHistory_failsWithSymbolNotFound() throws Exception {
    server.enqueue(json(200, Bodies.text("alphavantage/daily-unknown-symbol.json")));

    SymbolNotFound failure =
        Outcomes.failure(
            alphaVantage(List.of(RateLimit.perSecond(1000)))
                .dailyHistory(
                    Symbol.of("NOPE"),
                    LocalDate.parse("2025-03-01"),
                    LocalDate.parse("2025-03-24")),
            SymbolNotFound.class);

    assertThat(failure.symbol()).isEqualTo("NOPE");
  }

  @Test
  void givenDailyLimitNotice_dailyHistory_failsWithProviderThrottled() throws Exception {
    server.enqueue(json(200, Bodies.text("alphavantage/throttled-daily.json")));

    ProviderThrottled failure =
        Outcomes.failure(
            alphaVantage(List.of(RateLimit.perSecond(1000)))
                .dailyHistory(
                    Symbol.of("IBM"), LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-24")),
            ProviderThrottled.class);

    assertThat(failure.localBudget()).isFalse();
    assertThat(failure.retryAfter()).isPositive();
  }

  @Test
  void givenPremiumNotice_dailyHistory_failsAsRejectedNotAsThrottle() throws Exception {
    server.enqueue(json(200, Bodies.text("alphavantage/daily-full-premium.json")));

    ProviderUnavailable failure =
        Outcomes.failure(
            alphaVantage(List.of(RateLimit.perSecond(1000)))
                .dailyHistory(
                    Symbol.of("IBM"), LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-24")),
            ProviderUnavailable.class);

    assertThat(failure.kind()).isEqualTo(ProviderUnavailable.Kind.REJECTED);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void givenSpentBudget_dailyHistory_failsWithoutCallingTheProvider() throws Exception {
    HistoryProvider provider = alphaVantage(List.of(RateLimit.perDay(1)));
    server.enqueue(json(200, Bodies.text("alphavantage/daily-ibm.json")));
    Outcomes.value(
        provider.dailyHistory(
            Symbol.of("IBM"), LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-24")));

    ProviderThrottled failure =
        Outcomes.failure(
            provider.dailyHistory(
                Symbol.of("IBM"), LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-24")),
            ProviderThrottled.class);

    assertThat(failure.localBudget()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void finnhub_offersNoHistory() {
    FinnhubQuoteProvider finnhub =
        new FinnhubQuoteProvider(
            config(ProviderId.FINNHUB, List.of()),
            shared,
            scheduler,
            clock,
            OutboundLimits.inMemory(clock));

    assertThat(finnhub.history()).isEmpty();
  }
}
