package dev.marketdata.adapter.http;

import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketdata.application.average.GetMovingAverageUseCase;
import dev.marketdata.application.backfill.GetBackfillJobUseCase;
import dev.marketdata.application.backfill.StartBackfillUseCase;
import dev.marketdata.application.bar.GetBarsUseCase;
import dev.marketdata.application.indicator.GetIndicatorUseCase;
import dev.marketdata.application.live.LiveHub;
import dev.marketdata.application.live.LiveMetrics;
import dev.marketdata.application.live.LiveSettings;
import dev.marketdata.application.live.LiveStreamService;
import dev.marketdata.application.market.GetMarketStatusUseCase;
import dev.marketdata.application.poll.GetPollJobUseCase;
import dev.marketdata.application.poll.ListPollJobsUseCase;
import dev.marketdata.application.poll.StartPollJobUseCase;
import dev.marketdata.application.poll.StopPollJobUseCase;
import dev.marketdata.application.price.BatchSettings;
import dev.marketdata.application.price.FallbackSettings;
import dev.marketdata.application.price.GetLatestPriceUseCase;
import dev.marketdata.application.price.GetLatestPricesService;
import dev.marketdata.application.price.GetPriceHistoryUseCase;
import dev.marketdata.application.price.LatestPriceObserver;
import dev.marketdata.application.price.ServeLatestPriceService;
import dev.marketdata.application.provider.ListProvidersUseCase;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.port.MovingAverageRepository;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.testsupport.Await;
import dev.marketdata.testsupport.ScriptedLiveEventLog;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A real listening server on a random port with mocked use cases, and a real HTTP client to call
 * it.
 */
final class ApiHarness {
  static final Instant NOW = Instant.parse("2024-03-20T10:30:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  final GetLatestPriceUseCase latest = mock(GetLatestPriceUseCase.class);

  /** The real chain and batch services over the mocked single quote: at most 5 symbols a batch. */
  final QuoteProviders quoteProviders = mock(QuoteProviders.class);

  final ServeLatestPriceService serve =
      new ServeLatestPriceService(
          latest, quoteProviders, FallbackSettings.none(), LatestPriceObserver.none());
  final GetLatestPricesService batch = new GetLatestPricesService(serve, new BatchSettings(5, 2));
  final GetPriceHistoryUseCase history = mock(GetPriceHistoryUseCase.class);
  final GetBarsUseCase bars = mock(GetBarsUseCase.class);
  final GetMovingAverageUseCase averages = mock(GetMovingAverageUseCase.class);
  final GetIndicatorUseCase indicators = mock(GetIndicatorUseCase.class);
  final ListProvidersUseCase providers = mock(ListProvidersUseCase.class);
  final StartPollJobUseCase startPoll = mock(StartPollJobUseCase.class);
  final ListPollJobsUseCase listPolls = mock(ListPollJobsUseCase.class);
  final GetPollJobUseCase getPoll = mock(GetPollJobUseCase.class);
  final StopPollJobUseCase stopPoll = mock(StopPollJobUseCase.class);
  final StartBackfillUseCase startBackfill = mock(StartBackfillUseCase.class);
  final GetBackfillJobUseCase getBackfill = mock(GetBackfillJobUseCase.class);
  final GetMarketStatusUseCase marketStatus = mock(GetMarketStatusUseCase.class);
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  /** What the API reports its requests to; set before {@code start}. */
  HttpObserver observer = HttpObserver.NONE;

  private final Vertx vertx;
  private WebClient client;
  private HttpServerVerticle verticle;

  ApiHarness(Vertx vertx) {
    this.vertx = vertx;
    lenient().when(providers.defaultProvider()).thenReturn(ProviderId.FINNHUB);
    lenient().when(providers.list()).thenReturn(CompletableFuture.completedFuture(List.of()));
  }

  static HttpConfig unlimited() {
    return new HttpConfig(
        "127.0.0.1",
        0,
        HttpConfig.DEFAULT_BODY_LIMIT,
        HttpConfig.RateLimitConfig.disabled(),
        java.util.Optional.empty());
  }

  ApiHarness start(HttpConfig config, Set<HealthCheck> checks, MetricsScraper metrics) {
    return start(config, new OpsRoutes(providers, checks, metrics));
  }

  /** With readiness as given (its own cache age and clock). */
  ApiHarness start(HttpConfig config, Readiness readiness) {
    return start(config, new OpsRoutes(providers, readiness, () -> ""));
  }

  /**
   * The API over this harness's mocked use cases (the live routes over an empty log whose feed is
   * not started), without a listening server.
   */
  HttpApi api(HttpConfig config, OpsRoutes ops) {
    return new HttpApi(
        config,
        new PriceRoutes(serve, batch, history, averages, providers, clock),
        new BarRoutes(bars, providers),
        new IndicatorRoutes(indicators, providers),
        new PollRoutes(startPoll, listPolls, getPoll, stopPoll),
        ops,
        new BackfillRoutes(startBackfill, getBackfill),
        new StreamRoutes(
            config,
            new LiveHub(),
            new LiveStreamService(
                mock(QuoteProviders.class),
                mock(PricePointRepository.class),
                mock(MovingAverageRepository.class),
                new ScriptedLiveEventLog(),
                LiveSettings.defaults()),
            LiveMetrics.NONE),
        new MarketRoutes(marketStatus),
        observer);
  }

  /** The API with no health checks and no metrics. */
  HttpApi api() {
    return api(unlimited(), new OpsRoutes(providers, Set.of(), () -> ""));
  }

  private ApiHarness start(HttpConfig config, OpsRoutes ops) {
    verticle = new HttpServerVerticle(api(config, ops));
    Await.result(vertx.deployVerticle(verticle));
    client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(verticle.actualPort())
                .setKeepAlive(false));
    return this;
  }

  ApiHarness start() {
    return start(unlimited(), Set.of(), () -> "# no metrics\n");
  }

  /** With this build info for {@code GET /info}. */
  ApiHarness start(ServiceInfo info) {
    return start(unlimited(), new OpsRoutes(providers, Set.of(), () -> "", info));
  }

  int port() {
    return verticle.actualPort();
  }

  Vertx vertx() {
    return vertx;
  }

  HttpResponse<Buffer> get(String uri) {
    return send(HttpMethod.GET, uri, null, null, Map.of());
  }

  HttpResponse<Buffer> delete(String uri) {
    return send(HttpMethod.DELETE, uri, null, null, Map.of());
  }

  HttpResponse<Buffer> postJson(String uri, String body) {
    return send(HttpMethod.POST, uri, "application/json", Buffer.buffer(body), Map.of());
  }

  HttpResponse<Buffer> send(
      HttpMethod method, String uri, String contentType, Buffer body, Map<String, String> headers) {
    HttpRequest<Buffer> request = client.request(method, uri);
    MultiMap h = request.headers();
    if (contentType != null) {
      h.set("Content-Type", contentType);
    }
    headers.forEach(h::set);
    return Exchanges.await(
        method + " " + uri, body == null ? request.send() : request.sendBuffer(body));
  }

  static JsonNode json(HttpResponse<Buffer> response) {
    try {
      return JSON.readTree(response.bodyAsString());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.bodyAsString(), e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
