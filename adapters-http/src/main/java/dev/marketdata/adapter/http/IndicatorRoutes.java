package dev.marketdata.adapter.http;

import dev.marketdata.application.indicator.GetIndicatorUseCase;
import dev.marketdata.application.indicator.IndicatorRequest;
import dev.marketdata.application.indicator.IndicatorSeries;
import dev.marketdata.application.indicator.IndicatorSpec;
import dev.marketdata.application.indicator.SeriesInterval;
import dev.marketdata.application.provider.ListProvidersUseCase;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /prices/indicators}: SMA, EMA, RSI, MACD and Bollinger over stored data. */
public final class IndicatorRoutes {
  private static final List<String> INT_PARAMS = List.of("period", "fast", "slow", "signal");
  private static final Set<String> ALLOWED =
      Set.of(
          "symbol",
          "provider",
          "indicator",
          "interval",
          "points",
          "period",
          "k",
          "fast",
          "slow",
          "signal");

  private final GetIndicatorUseCase indicators;
  private final ListProvidersUseCase providers;

  @Inject
  public IndicatorRoutes(GetIndicatorUseCase indicators, ListProvidersUseCase providers) {
    this.indicators = indicators;
    this.providers = providers;
  }

  void mount(Router router) {
    router.get("/prices/indicators").handler(this::indicator);
  }

  private void indicator(RoutingContext ctx) {
    QueryParams q = QueryParams.of(ctx, ALLOWED);
    Symbol symbol = Symbol.of(q.optional("symbol").orElse(null));
    ProviderId provider =
        q.optionalNonBlank("provider").map(ProviderId::of).orElseGet(providers::defaultProvider);
    Map<String, Number> given = new LinkedHashMap<>();
    for (String name : INT_PARAMS) {
      q.optionalInt(name, 1, IndicatorSpec.MAX_PERIOD).ifPresent(v -> given.put(name, v));
    }
    q.optional("k").ifPresent(v -> given.put("k", k(v)));
    IndicatorSpec spec = IndicatorSpec.of(q.optional("indicator").orElse(null), given);
    SeriesInterval interval = SeriesInterval.parse(q.optional("interval").orElse(null));
    int points =
        q.optionalInt("points", 1, IndicatorRequest.MAX_POINTS)
            .orElse(IndicatorRequest.DEFAULT_POINTS);
    IndicatorRequest request = new IndicatorRequest(symbol, provider, spec, interval, points);
    Replies.async(
        ctx, () -> indicators.indicator(request), s -> Replies.json(ctx, 200, IndicatorJson.of(s)));
  }

  /** A positive decimal of at most 4 integer and 8 fractional digits, such as 2 or 2.5. */
  private static BigDecimal k(String value) {
    if (!value.matches("[0-9]{1,4}(\\.[0-9]{1,8})?") || new BigDecimal(value).signum() <= 0) {
      throw HttpProblem.badRequest(
          "k",
          "Parameter 'k' must be a positive decimal such as 2 or 2.5, at most 4 digits before"
              + " the point and 8 after (was \""
              + Text.printable(value, 32)
              + "\").");
    }
    return new BigDecimal(value);
  }

  /** One value: a number, or an object for MACD and Bollinger. */
  record ValueJson(String timestamp, Object value) {}

  /** {@code GET /prices/indicators}. */
  record IndicatorJson(
      String symbol,
      String provider,
      String indicator,
      String interval,
      Map<String, Number> params,
      List<ValueJson> values) {
    static IndicatorJson of(IndicatorSeries s) {
      IndicatorRequest r = s.request();
      return new IndicatorJson(
          r.symbol().value(),
          r.provider().value(),
          r.spec().indicator(),
          r.interval().label(),
          r.spec().params(),
          s.values().stream()
              .map(v -> new ValueJson(v.timestamp().toString(), v.value()))
              .toList());
    }
  }
}
