package dev.marketdata.adapter.http;

import dev.marketdata.application.live.ConnectionLimits;
import dev.marketdata.application.live.LiveHub;
import dev.marketdata.application.live.LiveMetrics;
import dev.marketdata.application.live.LiveSettings;
import dev.marketdata.application.live.LiveStreamService;
import dev.marketdata.application.quality.Staleness;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live routes: {@code GET /stream/prices} (Server-Sent Events) and {@code /stream} (WebSocket).
 * Everything is checked before a stream starts, so a bad request is an ordinary problem+json
 * answer. Shared by every HTTP verticle: the limits are per process.
 */
@Singleton
public final class StreamRoutes {
  private final Staleness staleness;
  static final long RETRY_MILLIS = 3000;
  static final String EVENT_STREAM = "text/event-stream; charset=utf-8";
  static final String API_KEY_PARAM = "api_key";
  static final long LIMIT_RETRY_AFTER_SECONDS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);
  private static final Set<String> SSE_PARAMS =
      Set.of("symbols", "provider", "intervals", "last_event_id", API_KEY_PARAM);
  private static final Set<String> WS_PARAMS = Set.of("provider", API_KEY_PARAM);

  private final HttpConfig config;
  private final LiveHub hub;
  private final LiveStreamService service;
  private final LiveMetrics metrics;
  private final LiveSettings settings;
  private final ConnectionLimits limits;
  private final Optional<byte[]> apiKeyDigest;
  private final StreamRegistry registry = new StreamRegistry();

  /** Stale by the US equity calendar and the default rules, counted nowhere. */
  public StreamRoutes(
      HttpConfig config, LiveHub hub, LiveStreamService service, LiveMetrics metrics) {
    this(config, hub, service, metrics, Staleness.of(java.time.Clock.systemUTC()));
  }

  @Inject
  public StreamRoutes(
      HttpConfig config,
      LiveHub hub,
      LiveStreamService service,
      LiveMetrics metrics,
      Staleness staleness) {
    this.staleness = staleness;
    this.config = config;
    this.hub = hub;
    this.service = service;
    this.metrics = metrics;
    this.settings = service.settings();
    this.limits =
        new ConnectionLimits(settings.maxConnections(), settings.maxConnectionsPerClient());
    this.apiKeyDigest = config.apiKey().map(ClientGate::sha256);
  }

  void mount(Router router) {
    router.get("/stream/prices").handler(this::sse);
    router.get("/stream").handler(this::webSocket);
  }

  /** Streams open in this process. */
  public int open() {
    return registry.size();
  }

  /** Ends every stream at once (a stopping replica), so clients resume on another. */
  public void closeAll() {
    registry.closeAll();
  }

  private void sse(RoutingContext ctx) {
    QueryParams q = QueryParams.of(ctx, SSE_PARAMS);
    Set<Symbol> symbols = symbols(q.optional("symbols"));
    ProviderId provider = provider(q);
    Set<BarInterval> intervals = intervals(q.optional("intervals"));
    Optional<Long> resumeAfter = resumePoint(ctx, q);
    ConnectionLimits.Permit permit = admit(ctx, q);
    HttpServerResponse response = ctx.response();
    response
        .setStatusCode(200)
        .setChunked(true)
        .putHeader("Content-Type", EVENT_STREAM)
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no")
        // Compression would buffer events in the deflater; "identity" makes Vert.x skip it.
        .putHeader("Content-Encoding", "identity");
    response.write(Buffer.buffer("retry: " + RETRY_MILLIS + "\n\n"));
    SseStream stream =
        new SseStream(
            ctx.vertx(),
            response,
            hub,
            service,
            metrics,
            registry,
            permit,
            symbols,
            provider,
            intervals,
            staleness);
    stream.start(resumeAfter);
  }

  private void webSocket(RoutingContext ctx) {
    QueryParams q = QueryParams.of(ctx, WS_PARAMS);
    ProviderId provider = provider(q);
    if (!ctx.request().canUpgradeToWebSocket()) {
      throw new HttpProblem(
          400,
          "websocket-required",
          "WebSocket upgrade required",
          "/stream is a WebSocket; send a WebSocket handshake (Upgrade: websocket), or use"
              + " GET /stream/prices for Server-Sent Events.",
          "Upgrade");
    }
    ConnectionLimits.Permit permit = admit(ctx, q);
    ctx.request()
        .toWebSocket()
        .onSuccess(
            socket ->
                new WsStream(
                    ctx.vertx(),
                    socket,
                    hub,
                    settings,
                    metrics,
                    registry,
                    permit,
                    provider,
                    staleness))
        .onFailure(
            e -> {
              permit.release();
              LOG.debug("WebSocket handshake failed: {}", e.toString());
            });
  }

  private Set<Symbol> symbols(Optional<String> csv) {
    if (csv.isEmpty() || csv.get().isBlank()) {
      throw HttpProblem.badRequest(
          "symbols", "Parameter 'symbols' is required: a comma-separated list such as AAPL,MSFT.");
    }
    Set<Symbol> symbols = new LinkedHashSet<>();
    for (String part : csv.get().split(",", -1)) {
      try {
        symbols.add(Symbol.of(part));
      } catch (InvalidInput e) {
        throw HttpProblem.badRequest(
            "symbols",
            "Parameter 'symbols' has an invalid symbol \""
                + Text.printable(part, 40)
                + "\": "
                + e.reason()
                + ".");
      }
      if (symbols.size() > settings.maxSymbols()) {
        throw HttpProblem.badRequest(
            "symbols",
            "Parameter 'symbols' names more than " + settings.maxSymbols() + " symbols.");
      }
    }
    return symbols;
  }

  /** The bar intervals a stream wants ({@code 1m,5m}); absent: every interval. */
  private static Set<BarInterval> intervals(Optional<String> csv) {
    if (csv.isEmpty()) {
      return Set.of();
    }
    if (csv.get().isBlank()) {
      throw HttpProblem.badRequest(
          "intervals", "Parameter 'intervals' must list bar intervals such as 1m,5m when given.");
    }
    Set<BarInterval> intervals = EnumSet.noneOf(BarInterval.class);
    for (String part : csv.get().split(",", -1)) {
      try {
        intervals.add(BarInterval.parse(part.strip()));
      } catch (InvalidInput e) {
        throw HttpProblem.badRequest(
            "intervals",
            "Parameter 'intervals' has an invalid interval \""
                + Text.printable(part, 40)
                + "\": "
                + e.reason()
                + ".");
      }
    }
    return intervals;
  }

  private ProviderId provider(QueryParams q) {
    return service.provider(q.optionalNonBlank("provider").map(ProviderId::of));
  }

  /** {@code Last-Event-ID} (what EventSource resends) wins over {@code last_event_id}. */
  private static Optional<Long> resumePoint(RoutingContext ctx, QueryParams q) {
    String header = ctx.request().getHeader("Last-Event-ID");
    if (header != null && !header.isBlank()) {
      return Optional.of(eventId("Last-Event-ID", header.strip()));
    }
    return q.optionalNonBlank("last_event_id").map(v -> eventId("last_event_id", v.strip()));
  }

  private static long eventId(String field, String value) {
    if (!value.matches("[0-9]{1,18}")) {
      throw HttpProblem.badRequest(
          field,
          "'"
              + field
              + "' must be the id of an event this stream sent, a whole number (was \""
              + Text.printable(value, 32)
              + "\").");
    }
    return Long.parseLong(value);
  }

  /** Checks the optional query key, the feed, and both connection limits; returns the permit. */
  private ConnectionLimits.Permit admit(RoutingContext ctx, QueryParams q) {
    boolean validKey =
        ClientGate.isValidKey(apiKeyDigest, ctx.request().getHeader(ClientGate.API_KEY_HEADER));
    Optional<String> queryKey = q.optional(API_KEY_PARAM);
    if (queryKey.isPresent()) {
      if (!ClientGate.isValidKey(apiKeyDigest, queryKey.get())) {
        throw new HttpProblem(
            401,
            "unauthorized",
            "Invalid API key",
            "Parameter 'api_key' is not the configured API key.",
            API_KEY_PARAM);
      }
      validKey = true;
    }
    if (!hub.started()) {
      throw new HttpProblem(
          503,
          "not-ready",
          "Live feed starting",
          "The live feed has not started yet; retry shortly.",
          null,
          Map.of("Retry-After", "1"));
    }
    String client = ClientGate.identity(ctx, validKey, config.trustedProxies());
    return limits
        .tryAcquire(client)
        .orElseThrow(
            () -> {
              boolean replica = limits.refusalFor(client) == ConnectionLimits.Refusal.REPLICA;
              return new HttpProblem(
                  429,
                  "too-many-streams",
                  "Too many streams",
                  replica
                      ? "This replica serves its maximum of "
                          + limits.maxTotal()
                          + " streams; retry later or on another replica."
                      : "This client already holds "
                          + limits.maxPerClient()
                          + " streams; close one first.",
                  null,
                  Map.of("Retry-After", Long.toString(LIMIT_RETRY_AFTER_SECONDS)));
            });
  }
}
