package dev.marketdata.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marketdata.application.average.GetMovingAverageUseCase;
import dev.marketdata.application.price.GetLatestPricesUseCase;
import dev.marketdata.application.price.GetPriceHistoryUseCase;
import dev.marketdata.application.price.ServeLatestPriceUseCase;
import dev.marketdata.application.price.ServedPrice;
import dev.marketdata.application.provider.ListProvidersUseCase;
import dev.marketdata.application.quality.Staleness;
import dev.marketdata.domain.model.HistoryCursor;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Read routes over prices: the latest quote, stored history and moving averages. */
public final class PriceRoutes {
  static final int DEFAULT_WINDOW = 5;
  static final int MAX_WINDOW = 1000;
  static final int DEFAULT_LIMIT = 100;
  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  private static final Set<String> LATEST_PARAMS = Set.of("symbol", "symbols", "provider");
  private static final int MAX_CACHED_CHAINS = 64;

  /**
   * Chains already parsed, by the {@code provider} text as given: the hot path asks for the same
   * few chains over and over. Only valid texts get in, and only the first {@value
   * #MAX_CACHED_CHAINS}.
   */
  private static final ConcurrentHashMap<String, ProviderChain> CHAINS = new ConcurrentHashMap<>();

  private final ServeLatestPriceUseCase latest;
  private final GetLatestPricesUseCase batch;
  private final GetPriceHistoryUseCase history;
  private final GetMovingAverageUseCase averages;
  private final ListProvidersUseCase providers;
  private final Clock clock;
  private final Staleness staleness;
  private final EncodedPrices encoded = new EncodedPrices();

  @Inject
  public PriceRoutes(
      ServeLatestPriceUseCase latest,
      GetLatestPricesUseCase batch,
      GetPriceHistoryUseCase history,
      GetMovingAverageUseCase averages,
      ListProvidersUseCase providers,
      Clock clock,
      Staleness staleness) {
    this.latest = latest;
    this.batch = batch;
    this.history = history;
    this.averages = averages;
    this.providers = providers;
    this.clock = clock;
    this.staleness = staleness;
  }

  /** Stale by the US equity calendar and the default rules, counted nowhere. */
  public PriceRoutes(
      ServeLatestPriceUseCase latest,
      GetLatestPricesUseCase batch,
      GetPriceHistoryUseCase history,
      GetMovingAverageUseCase averages,
      ListProvidersUseCase providers,
      Clock clock) {
    this(latest, batch, history, averages, providers, clock, Staleness.of(clock));
  }

  void mount(Router router) {
    router.get("/prices/latest").handler(this::latest);
    router.get("/prices/history").handler(this::history);
    router.get("/prices/moving-average").handler(this::movingAverage);
  }

  /**
   * One symbol ({@code symbol}) or a batch ({@code symbols}), from one provider or an ordered chain
   * ({@code provider=finnhub,yahoo}); without {@code provider}, the default provider and the
   * configured fallbacks.
   */
  private void latest(RoutingContext ctx) {
    QueryParams q = QueryParams.of(ctx, LATEST_PARAMS);
    Optional<String> symbols = q.optional("symbols");
    if (symbols.isPresent() && q.optional("symbol").isPresent()) {
      throw HttpProblem.badRequest(
          "symbols", "Give either 'symbol' (one) or 'symbols' (a comma-separated list), not both.");
    }
    if (symbols.isPresent()) {
      List<String> entries = List.of(symbols.get().split(",", -1));
      Optional<ProviderChain> chain = chain(q);
      Replies.async(
          ctx,
          () -> batch.latest(entries, chain),
          prices -> BatchAnswer.reply(ctx, prices, staleness));
      return;
    }
    Symbol symbol = Symbol.of(q.optional("symbol").orElse(null));
    Optional<ProviderChain> chain = chain(q);
    Replies.async(
        ctx,
        () -> latest.latest(symbol, chain),
        p -> {
          // Computed (and counted) on every answer: only the bytes are reused.
          boolean stale = staleness.served(p.point().provider(), p.point().timestamp());
          Replies.json(ctx, 200, encoded.body(p, stale));
        });
  }

  private static Optional<ProviderChain> chain(QueryParams q) {
    return q.optionalNonBlank("provider").map(PriceRoutes::parseChain);
  }

  private static ProviderChain parseChain(String text) {
    ProviderChain chain = CHAINS.get(text);
    if (chain == null) {
      chain = ProviderChain.parse("provider", text);
      if (CHAINS.size() < MAX_CACHED_CHAINS) {
        CHAINS.putIfAbsent(text, chain);
      }
    }
    return chain;
  }

  private void history(RoutingContext ctx) {
    QueryParams q =
        QueryParams.of(ctx, Set.of("symbol", "provider", "from", "to", "limit", "cursor"));
    Symbol symbol = Symbol.of(q.optional("symbol").orElse(null));
    ProviderId provider =
        q.optionalNonBlank("provider").map(ProviderId::of).orElseGet(providers::defaultProvider);
    Instant to = q.optional("to").map(v -> instant("to", v)).orElseGet(clock::instant);
    Instant from = q.optional("from").map(v -> instant("from", v)).orElse(EARLIEST);
    int limit = q.optionalInt("limit", 1, HistoryQuery.MAX_LIMIT).orElse(DEFAULT_LIMIT);
    Optional<HistoryCursor> cursor =
        q.optional("cursor").map(c -> HistoryCursor.parse(c.length() > 200 ? "" : c));
    HistoryQuery query = new HistoryQuery(symbol, provider, from, to, limit, cursor);
    Replies.async(
        ctx,
        () -> history.history(query),
        page ->
            Replies.json(
                ctx,
                200,
                new HistoryJson(
                    symbol.value(),
                    provider.value(),
                    page.prices().stream().map(p -> HistoryPointJson.of(p, staleness)).toList(),
                    page.next().map(HistoryCursor::encode).orElse(null))));
  }

  private void movingAverage(RoutingContext ctx) {
    QueryParams q = QueryParams.of(ctx, Set.of("symbol", "provider", "window"));
    Symbol symbol = Symbol.of(q.optional("symbol").orElse(null));
    Optional<ProviderId> provider = q.optionalNonBlank("provider").map(ProviderId::of);
    int window = q.optionalInt("window", 1, MAX_WINDOW).orElse(DEFAULT_WINDOW);
    Replies.async(
        ctx,
        () -> averages.get(symbol, provider, window),
        avg -> Replies.json(ctx, 200, AverageJson.of(avg)));
  }

  static Instant instant(String field, String value) {
    Instant parsed;
    try {
      parsed = Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw HttpProblem.badRequest(
          field,
          "Parameter '"
              + field
              + "' must be an ISO-8601 instant such as 2024-03-20T10:30:00Z (was \""
              + Text.printable(value, 40)
              + "\").");
    }
    if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
      throw HttpProblem.badRequest(
          field, "Parameter '" + field + "' must lie between " + EARLIEST + " and " + LATEST + ".");
    }
    return parsed;
  }

  /**
   * A latest price as every answer writes it: {@code GET /prices/latest} and each item of a batch,
   * the one place a served price's JSON is written. {@code fallback_from} names the providers that
   * failed before {@code provider} served, and is left out when the first one served; the quality
   * flags (ADR 0014): {@code stale} computed now, {@code suspect} as stored.
   */
  record PriceJson(
      String symbol,
      BigDecimal price,
      String timestamp,
      String provider,
      @JsonProperty("fallback_from") @JsonInclude(JsonInclude.Include.NON_NULL)
          List<String> fallbackFrom,
      boolean stale,
      boolean suspect) {
    static PriceJson of(PricePoint point, Staleness staleness) {
      return of(ServedPrice.direct(point), staleness);
    }

    static PriceJson of(ServedPrice served, Staleness staleness) {
      PricePoint p = served.point();
      return of(served, staleness.served(p.provider(), p.timestamp()));
    }

    /** With {@code stale} already computed (and counted) for this answer. */
    static PriceJson of(ServedPrice served, boolean stale) {
      PricePoint p = served.point();
      return new PriceJson(
          p.symbol().value(),
          p.price(),
          p.timestamp().toString(),
          p.provider().value(),
          served.fellBack() ? served.fallbackFrom().stream().map(ProviderId::value).toList() : null,
          stale,
          p.suspect());
    }
  }

  /** One row of {@code GET /prices/history}, with the quality flags of {@link PriceJson}. */
  record HistoryPointJson(
      BigDecimal price,
      String timestamp,
      @JsonProperty("raw_response_id") String rawResponseId,
      boolean stale,
      boolean suspect) {
    static HistoryPointJson of(PricePoint p, Staleness staleness) {
      return new HistoryPointJson(
          p.price(),
          p.timestamp().toString(),
          p.rawResponseId().toString(),
          staleness.served(p.provider(), p.timestamp()),
          p.suspect());
    }
  }

  /** {@code GET /prices/history}. */
  record HistoryJson(
      String symbol,
      String provider,
      List<HistoryPointJson> prices,
      @JsonProperty("next_cursor") String nextCursor) {}

  /** {@code GET /prices/moving-average}. */
  record AverageJson(
      String symbol,
      String provider,
      @JsonProperty("window_size") int windowSize,
      BigDecimal value,
      @JsonProperty("sample_count") int sampleCount,
      String timestamp) {
    static AverageJson of(MovingAverage a) {
      return new AverageJson(
          a.symbol().value(),
          a.provider().value(),
          a.windowSize(),
          a.value(),
          a.sampleCount(),
          a.asOf().toString());
    }
  }
}
