package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.ProviderThrottles;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.testsupport.Await;
import dev.marketdata.testsupport.MutableClock;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every HTTP provider must do against a local server replaying recorded answers: return the
 * quote with the raw body byte for byte, and map transport trouble (5xx, timeouts, resets, bodies
 * that are not the expected JSON) to {@link ProviderUnavailable}, retried a bounded number of
 * times. After every scenario, no captured log line may contain the API key.
 */
abstract class HttpProviderContract {
  static final String KEY = "TESTKEY-7f3a9c51e2";
  static final Instant START = Instant.parse("2025-11-06T15:30:00Z");
  static final int ATTEMPTS = 3;

  protected MockWebServer server;
  protected MutableClock clock;
  protected OkHttpClient shared;
  protected ScheduledExecutorService scheduler;
  protected final LogCapture logs = new LogCapture();
  protected final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();

  abstract ProviderId providerId();

  /** The provider under test, its budget and throttles kept in {@code outbound}. */
  abstract QuoteProvider provider(HttpProviderConfig config, OutboundLimits outbound);

  QuoteProvider provider(HttpProviderConfig config) {
    return provider(config, OutboundLimits.inMemory(clock));
  }

  abstract Symbol symbol();

  /** The recorded success body of this provider. */
  abstract String successBody();

  /** The request path the provider must use for {@link #symbol()}. */
  abstract String expectedPath();

  /** Checks the provider-specific query and headers, including where the key travels. */
  abstract void assertProviderRequest(RecordedRequest request);

  @BeforeEach
  void startServer() throws Exception {
    logs.attach();
    server = new MockWebServer();
    server.start();
    clock = new MutableClock(START);
    shared = ProviderClients.shared(tracing.get("test"));
    scheduler = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stopServerAndCheckLogs() {
    server.close();
    ProviderClients.close(shared);
    scheduler.shutdownNow();
    logs.detach();
    logs.assertNoLineContains(KEY);
  }

  HttpProviderConfig config() {
    return new HttpProviderConfig(
        providerId(),
        server.url("/"),
        Optional.of(KEY),
        new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5)),
        new RetryPolicy(ATTEMPTS, Duration.ofMillis(1), Duration.ofMillis(20)),
        List.of(RateLimit.perSecond(1000)));
  }

  QuoteProvider provider() {
    return provider(config());
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .build();
  }

  void enqueueTimes(int times, MockResponse response) {
    for (int i = 0; i < times; i++) {
      server.enqueue(response);
    }
  }

  RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  @Test
  void givenRecordedSuccess_fetch_returnsQuoteWithRawBodyByteForByte() throws Exception {
    server.enqueue(json(200, successBody()));

    FetchedQuote fetched = Outcomes.value(provider().fetch(symbol()));

    assertThat(fetched.quote().provider()).isEqualTo(providerId());
    assertThat(fetched.quote().symbol()).isEqualTo(symbol());
    assertThat(fetched.quote().fetchedAt()).isEqualTo(START);
    assertThat(fetched.raw().body()).isEqualTo(successBody().getBytes(StandardCharsets.UTF_8));
    assertThat(fetched.raw().httpStatus()).isEqualTo(200);
    assertThat(fetched.raw().contentType()).isEqualTo("application/json; charset=utf-8");
    assertThat(fetched.raw().fetchedAt()).isEqualTo(START);
    assertThat(fetched.raw().id().version()).isEqualTo(7);
    assertThat(fetched.raw().id().getMostSignificantBits() >>> 16).isEqualTo(START.toEpochMilli());
  }

  @Test
  void givenRecordedSuccess_request_carriesPathQueryHeadersAndKey() throws Exception {
    server.enqueue(json(200, successBody()));

    Outcomes.value(provider().fetch(symbol()));

    RecordedRequest request = takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo(expectedPath());
    assertProviderRequest(request);
  }

  @Test
  void givenServerError500_fetch_retriesThenFailsWithServerError() throws Exception {
    enqueueTimes(ATTEMPTS, json(500, "{\"error\":\"internal\"}"));

    ProviderUnavailable failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderUnavailable.class);

    assertThat(failure.kind()).isEqualTo(ProviderUnavailable.Kind.SERVER_ERROR);
    assertThat(failure.provider()).isEqualTo(providerId().value());
    assertThat(server.getRequestCount()).isEqualTo(ATTEMPTS);
  }

  @Test
  void givenATracedCaller_fetch_recordsAClientSpanPerAttemptUnderIt_andSendsNoTraceHeader()
      throws Exception {
    server.enqueue(json(503, "busy"));
    server.enqueue(json(200, successBody()));
    Span caller = tracing.get("test").spanBuilder("caller").startSpan();

    try (var scope = caller.makeCurrent()) {
      Outcomes.value(provider().fetch(symbol()));
    }

    List<SpanData> calls = spans.getFinishedSpanItems();
    assertThat(calls).hasSize(2); // the retry too, though it ran on the retry scheduler's thread
    assertThat(calls)
        .allSatisfy(
            span -> {
              assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
              assertThat(span.getName()).isEqualTo("GET");
              assertThat(span.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
              assertThat(span.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
              assertThat(span.getAttributes().toString()).doesNotContain(KEY);
            });
    assertThat(calls)
        .extracting(s -> s.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .containsExactly(503L, 200L);
    assertThat(calls.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(takeRequest().getHeaders().get("traceparent")).isNull();
    caller.end();
  }

  @Test
  void givenOneServerErrorThenSuccess_fetch_succeedsOnRetry() throws Exception {
    server.enqueue(json(503, "busy"));
    server.enqueue(json(200, successBody()));

    FetchedQuote fetched = Outcomes.value(provider().fetch(symbol()));

    assertThat(fetched.raw().httpStatus()).isEqualTo(200);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void givenResponseSlowerThanReadTimeout_fetch_failsWithTimeout() throws Exception {
    enqueueTimes(
        ATTEMPTS, new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    ProviderUnavailable failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderUnavailable.class);

    assertThat(failure.kind()).isEqualTo(ProviderUnavailable.Kind.TIMEOUT);
    assertThat(server.getRequestCount()).isEqualTo(ATTEMPTS);
  }

  @Test
  void givenTruncatedJson_fetch_failsWithBadResponseAfterRetries() throws Exception {
    String truncated = successBody().substring(0, successBody().length() / 2);
    enqueueTimes(ATTEMPTS, json(200, truncated));

    ProviderUnavailable failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderUnavailable.class);

    assertThat(failure.kind()).isEqualTo(ProviderUnavailable.Kind.BAD_RESPONSE);
    assertThat(server.getRequestCount()).isEqualTo(ATTEMPTS);
  }

  @Test
  void givenHtmlPageAt200_fetch_failsWithBadResponse() throws Exception {
    enqueueTimes(
        ATTEMPTS,
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "text/html; charset=utf-8")
            .body(Bodies.text("maintenance.html"))
            .build());

    ProviderUnavailable failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderUnavailable.class);

    assertThat(failure.kind()).isEqualTo(ProviderUnavailable.Kind.BAD_RESPONSE);
  }

  @Test
  void givenConnectionReset_fetch_failsWithConnectionError() throws Exception {
    enqueueTimes(
        ATTEMPTS,
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());

    ProviderUnavailable failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderUnavailable.class);

    assertThat(failure.kind()).isEqualTo(ProviderUnavailable.Kind.CONNECTION);
    assertThat(server.getRequestCount()).isEqualTo(ATTEMPTS);
  }

  @Test
  void givenSpentBudget_fetch_failsFastWithoutSendingARequest() throws Exception {
    server.enqueue(json(200, successBody()));
    QuoteProvider provider = provider(config().withLimits(List.of(RateLimit.perMinute(1))));
    Outcomes.value(provider.fetch(symbol()));
    clock.advance(Duration.ofSeconds(20));

    ProviderThrottled throttled =
        Outcomes.failure(provider.fetch(symbol()), ProviderThrottled.class);

    assertThat(throttled.localBudget()).isTrue();
    assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(40));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(Outcomes.value(provider.currentStatus()).budget())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.remaining()).isZero();
              assertThat(b.resetsAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
            });
  }

  @Test
  void givenTwoInstancesSharingOneBudget_theSecond_isRefusedWhatTheFirstSpent() throws Exception {
    // Two replicas' provider objects on one shared budget store: the budget is the store's.
    server.enqueue(json(200, successBody()));
    OutboundLimits shared = OutboundLimits.inMemory(clock);
    HttpProviderConfig oncePerMinute = config().withLimits(List.of(RateLimit.perMinute(1)));
    QuoteProvider first = provider(oncePerMinute, shared);
    QuoteProvider second = provider(oncePerMinute, shared);
    Outcomes.value(first.fetch(symbol()));

    ProviderThrottled refused = Outcomes.failure(second.fetch(symbol()), ProviderThrottled.class);

    assertThat(refused.localBudget()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(Outcomes.value(second.currentStatus()).budget())
        .singleElement()
        .extracting(b -> b.remaining())
        .isEqualTo(0);
  }

  @Test
  void givenOneInstanceThrottled_anotherSharingTheThrottles_sendsNothingUntilItPasses()
      throws Exception {
    server.enqueue(
        json(429, "{\"error\":\"API limit reached\"}")
            .newBuilder()
            .setHeader("Retry-After", "30")
            .build());
    server.enqueue(json(200, successBody()));
    OutboundLimits shared = OutboundLimits.inMemory(clock);
    QuoteProvider first = provider(config(), shared);
    QuoteProvider second = provider(config(), shared);
    Outcomes.failure(first.fetch(symbol()), ProviderThrottled.class);

    ProviderThrottled held = Outcomes.failure(second.fetch(symbol()), ProviderThrottled.class);

    assertThat(held.localBudget()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(30));
    Outcomes.value(second.fetch(symbol()));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void given429_theFailure_isReportedOnlyOnceTheThrottleIsRecordedForEveryReplica()
      throws Exception {
    server.enqueue(
        json(429, "{\"error\":\"API limit reached\"}")
            .newBuilder()
            .setHeader("Retry-After", "30")
            .build());
    CompletableFuture<Void> recorded = new CompletableFuture<>();
    ProviderThrottles slowStore =
        new ProviderThrottles() {
          @Override
          public CompletionStage<Void> throttledUntil(ProviderId provider, Instant until) {
            return recorded;
          }

          @Override
          public Optional<Instant> blockedUntil(ProviderId provider, Instant now) {
            return Optional.empty();
          }
        };
    QuoteProvider provider =
        provider(config(), new OutboundLimits(slowStore, new InMemoryProviderBudgets(clock)));

    CompletableFuture<FetchedQuote> fetch = provider.fetch(symbol()).toCompletableFuture();
    server.takeRequest(5, TimeUnit.SECONDS);

    Await.holdsFor(
        "the 429 is not reported while its throttle is not yet shared",
        Duration.ofMillis(300),
        () -> !fetch.isDone());
    recorded.completeExceptionally(new IllegalStateException("store unreachable"));
    assertThat(Outcomes.failure(fetch, ProviderThrottled.class).localBudget()).isFalse();
  }

  @Test
  void givenRetriesButBudgetForOnlyTwoCalls_fetch_reportsTheRealFailureAfterTwoRequests()
      throws Exception {
    enqueueTimes(ATTEMPTS, json(500, "{}"));
    QuoteProvider provider = provider(config().withLimits(List.of(RateLimit.perMinute(2))));

    ProviderUnavailable failure =
        Outcomes.failure(provider.fetch(symbol()), ProviderUnavailable.class);

    assertThat(failure.kind()).isEqualTo(ProviderUnavailable.Kind.SERVER_ERROR);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 405, 409, 410, 413, 422, 451})
  void givenAnUnexpected4xx_fetch_failsRejectedAfterOneRequest(int status) throws Exception {
    enqueueTimes(ATTEMPTS, json(status, "{\"error\":\"no\"}"));

    ProviderUnavailable failure =
        Outcomes.failure(provider().fetch(symbol()), ProviderUnavailable.class);

    assertThat(failure.kind()).isEqualTo(ProviderUnavailable.Kind.REJECTED);
    assertThat(failure.getMessage()).contains("HTTP " + status);
    assertThat(server.getRequestCount()).as("a refused request is not sent again").isEqualTo(1);
  }

  @Test
  void given429_laterFetches_failFastWithoutARequest_untilRetryAfterPasses() throws Exception {
    server.enqueue(
        json(429, "{\"error\":\"API limit reached\"}")
            .newBuilder()
            .setHeader("Retry-After", "30")
            .build());
    server.enqueue(json(200, successBody()));
    QuoteProvider provider = provider();
    Outcomes.failure(provider.fetch(symbol()), ProviderThrottled.class);
    clock.advance(Duration.ofSeconds(10));

    ProviderThrottled held = Outcomes.failure(provider.fetch(symbol()), ProviderThrottled.class);

    assertThat(server.getRequestCount()).as("nothing sent while throttled").isEqualTo(1);
    assertThat(held.localBudget()).isFalse();
    assertThat(held.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    assertThat(provider.status().available()).isFalse();
    assertThat(provider.status().unavailableReason())
        .hasValueSatisfying(r -> assertThat(r).contains("throttled by the provider until"));
    assertThat(Outcomes.value(provider.currentStatus()).budget())
        .allSatisfy(
            b -> {
              assertThat(b.remaining()).isZero();
              assertThat(b.resetsAt()).isEqualTo(START.plusSeconds(30));
            });

    clock.advance(Duration.ofSeconds(20));
    Outcomes.value(provider.fetch(symbol()));
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(provider.status().available()).isTrue();
  }

  @Test
  void given429WithoutRetryAfter_laterFetches_waitTheDefaultPause() throws Exception {
    server.enqueue(json(429, "{\"error\":\"API limit reached\"}"));
    QuoteProvider provider = provider();
    ProviderThrottled first = Outcomes.failure(provider.fetch(symbol()), ProviderThrottled.class);
    assertThat(first.retryAfter()).isPositive();
    clock.advance(first.retryAfter().minusSeconds(1));

    Outcomes.failure(provider.fetch(symbol()), ProviderThrottled.class);

    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void givenManyFetchesAtOnce_provider_sendsThemAllWithoutQueueingPerHost() throws Exception {
    // The poller sends up to MDS_POLL_MAX_CONCURRENT_FETCHES calls per chunk to one provider; the
    // server answers only once all of them are in, as a slow provider's answers overlap.
    int calls = 16;
    CountDownLatch arrived = new CountDownLatch(calls);
    String body = successBody();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            arrived.countDown();
            return arrived.await(2, TimeUnit.SECONDS) ? json(200, body) : json(500, "{}");
          }
        });
    QuoteProvider provider =
        provider(
            new HttpProviderConfig(
                providerId(),
                server.url("/"),
                Optional.of(KEY),
                new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)),
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
                List.of(RateLimit.perSecond(1000))));

    List<CompletableFuture<FetchedQuote>> fetches = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      fetches.add(provider.fetch(symbol()).toCompletableFuture());
    }

    for (CompletableFuture<FetchedQuote> fetch : fetches) {
      assertThat(Outcomes.value(fetch).raw().httpStatus()).isEqualTo(200);
    }
    assertThat(server.getRequestCount()).isEqualTo(calls);
  }
}
