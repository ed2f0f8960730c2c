package dev.marketdata.adapter.http;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import dev.marketdata.application.live.LiveFeed;
import dev.marketdata.application.live.LiveHub;
import dev.marketdata.application.live.LiveMetrics;
import dev.marketdata.application.live.LiveSettings;
import dev.marketdata.application.live.LiveStreamService;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.port.MovingAverageRepository;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.testsupport.Await;
import dev.marketdata.testsupport.ScriptedLiveEventLog;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real server with the live routes over a {@link ScriptedLiveEventLog} and the real feed, hub and
 * stream service; stored prices and averages are mocks.
 */
final class StreamHarness {
  final ScriptedLiveEventLog log = new ScriptedLiveEventLog();
  final LiveHub hub = new LiveHub();
  final QuoteProviders providers = mock(QuoteProviders.class);
  final PricePointRepository prices = mock(PricePointRepository.class);
  final MovingAverageRepository averages = mock(MovingAverageRepository.class);
  final AtomicLong conflated = new AtomicLong();
  final AtomicInteger slowClosed = new AtomicInteger();
  final AtomicInteger opened = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();
  final LiveMetrics metrics =
      new LiveMetrics() {
        @Override
        public void opened(String transport) {
          opened.incrementAndGet();
        }

        @Override
        public void closed(String transport) {
          closed.incrementAndGet();
        }

        @Override
        public void conflated(int events) {
          conflated.addAndGet(events);
        }

        @Override
        public void slowClosed(String transport) {
          slowClosed.incrementAndGet();
        }
      };

  private final Vertx vertx;
  private HttpServerVerticle server;
  private String serverId;
  HttpClient client;

  StreamHarness(Vertx vertx) {
    this.vertx = vertx;
    lenient().when(providers.defaultProvider()).thenReturn(ProviderId.SIMULATED);
    lenient()
        .when(providers.get(any()))
        .thenAnswer(
            inv -> {
              ProviderId id = inv.getArgument(0);
              if (!Set.of("simulated", "finnhub").contains(id.value())) {
                throw new InvalidInput("provider", id.value(), "is not an enabled provider");
              }
              return mock(QuoteProvider.class);
            });
    lenient()
        .when(prices.latest(any(), any()))
        .thenReturn(CompletableFuture.completedFuture(Optional.empty()));
    lenient()
        .when(averages.find(any(), any(), anyInt()))
        .thenReturn(CompletableFuture.completedFuture(Optional.empty()));
  }

  /** Small, fast settings: the given ping, behind and per-client limits. */
  static LiveSettings settings(
      int maxSymbols, int maxPerClient, Duration ping, Duration idle, Duration maxBehind) {
    return new LiveSettings(
        maxSymbols,
        100,
        maxPerClient,
        ping,
        idle,
        maxBehind,
        Duration.ofMinutes(15),
        new TreeSet<>(List.of(5)),
        Duration.ofMillis(20),
        Duration.ofMillis(50),
        500,
        Duration.ofSeconds(10));
  }

  static LiveSettings defaults() {
    return settings(3, 50, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30));
  }

  StreamHarness start(LiveSettings settings) {
    return start(settings, ApiHarness.unlimited());
  }

  StreamHarness start(LiveSettings settings, HttpConfig config) {
    LiveStreamService service = new LiveStreamService(providers, prices, averages, log, settings);
    LiveFeed feed = new LiveFeed(log, hub, settings, Clock.systemUTC(), metrics);
    Await.result(vertx.deployVerticle(new LiveFeedVerticle(feed)));
    ApiHarness api = new ApiHarness(vertx);
    HttpApi httpApi =
        new HttpApi(
            config,
            new PriceRoutes(
                api.serve, api.batch, api.history, api.averages, api.providers, api.clock),
            new BarRoutes(api.bars, api.providers),
            new IndicatorRoutes(api.indicators, api.providers),
            new PollRoutes(api.startPoll, api.listPolls, api.getPoll, api.stopPoll),
            new OpsRoutes(api.providers, Set.of(), () -> ""),
            new BackfillRoutes(api.startBackfill, api.getBackfill),
            new StreamRoutes(config, hub, service, metrics),
            new MarketRoutes(api.marketStatus),
            HttpObserver.NONE);
    server = new HttpServerVerticle(httpApi, false, () -> Duration.ofSeconds(20));
    serverId = Await.result(vertx.deployVerticle(server));
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    return this;
  }

  int port() {
    return server.actualPort();
  }

  String serverId() {
    return serverId;
  }

  /** An SSE stream read into text as it arrives (by the JDK's client, on a thread of its own). */
  static final class Sse {
    final java.net.http.HttpResponse<java.io.InputStream> response;
    final StringBuffer text = new StringBuffer();
    final CompletableFuture<Void> ended = new CompletableFuture<>();

    Sse(java.net.http.HttpResponse<java.io.InputStream> response) {
      this.response = response;
      Thread reader =
          new Thread(
              () -> {
                byte[] buffer = new byte[8192];
                try (java.io.InputStream in = response.body()) {
                  for (int n; (n = in.read(buffer)) >= 0; ) {
                    text.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                  }
                } catch (java.io.IOException e) {
                  // the stream broke: ended, as far as the client can tell
                } finally {
                  ended.complete(null);
                }
              },
              "sse-reader");
      reader.setDaemon(true);
      reader.start();
    }

    int status() {
      return response.statusCode();
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    String text() {
      return text.toString();
    }

    void close() {
      try {
        response.body().close();
      } catch (java.io.IOException ignored) {
        // closing is all we want
      }
    }
  }

  private final java.net.http.HttpClient jdk =
      java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1)
          .connectTimeout(Exchanges.DEADLINE)
          .build();

  Sse open(String uri, Map<String, String> headers) {
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port() + uri))
            // Up to the response head: the stream itself is read for as long as the test wants.
            .timeout(Exchanges.DEADLINE);
    headers.forEach(request::header);
    try {
      return new Sse(
          jdk.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("GET " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A whole (non-streaming) answer: status, headers and body. */
  record Answer(int status, io.vertx.core.MultiMap headers, String body) {}

  Answer get(String uri) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost("127.0.0.1")
            .setPort(port())
            .setURI(uri);
    // The body is asked for inside the callback that sends the request, never by a step chained
    // here on the test thread: Vert.x 5.0.8 never completes a body() asked for after the response
    // has ended (eclipse-vertx/vert.x#6038), and a step chained here is attached late whenever this
    // thread is descheduled while the event loop runs the whole exchange (a loaded CI machine).
    return Exchanges.await(
        "GET " + uri,
        client
            .request(options)
            .compose(
                request ->
                    request
                        .send()
                        .compose(
                            r ->
                                r.body()
                                    .map(
                                        (Buffer b) ->
                                            new Answer(
                                                r.statusCode(), r.headers(), b.toString())))));
  }
}
