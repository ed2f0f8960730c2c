package dev.marketdata.adapter.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marketdata.application.bar.BarRequest;
import dev.marketdata.application.bar.GetBarsUseCase;
import dev.marketdata.application.provider.ListProvidersUseCase;
import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarCursor;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarQuery;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code GET /prices/bars}: OHLC bars of stored prices. */
public final class BarRoutes {
  private static final Set<String> PARAMS =
      Set.of("symbol", "provider", "interval", "from", "to", "limit", "cursor");

  private final GetBarsUseCase bars;
  private final ListProvidersUseCase providers;

  @Inject
  public BarRoutes(GetBarsUseCase bars, ListProvidersUseCase providers) {
    this.bars = bars;
    this.providers = providers;
  }

  void mount(Router router) {
    router.get("/prices/bars").handler(this::bars);
  }

  private void bars(RoutingContext ctx) {
    QueryParams q = QueryParams.of(ctx, PARAMS);
    Symbol symbol = Symbol.of(q.optional("symbol").orElse(null));
    ProviderId provider =
        q.optionalNonBlank("provider").map(ProviderId::of).orElseGet(providers::defaultProvider);
    BarInterval interval = BarInterval.parse(q.optional("interval").orElse(null));
    Optional<Instant> from = q.optional("from").map(v -> PriceRoutes.instant("from", v));
    Optional<Instant> to = q.optional("to").map(v -> PriceRoutes.instant("to", v));
    int limit = q.optionalInt("limit", 1, BarQuery.MAX_LIMIT).orElse(BarQuery.DEFAULT_LIMIT);
    Optional<BarCursor> cursor = q.optional("cursor").map(c -> BarCursor.parse(c, interval));
    BarRequest request = new BarRequest(symbol, provider, interval, from, to, limit, cursor);
    Replies.async(
        ctx,
        () -> bars.bars(request),
        page ->
            Replies.json(
                ctx,
                200,
                new BarsJson(
                    symbol.value(),
                    provider.value(),
                    interval.label(),
                    page.bars().stream().map(BarJson::of).toList(),
                    page.next().map(BarCursor::encode).orElse(null))));
  }

  /** One bar of {@code GET /prices/bars}. */
  record BarJson(
      String start,
      String end,
      BigDecimal open,
      BigDecimal high,
      BigDecimal low,
      BigDecimal close,
      long count,
      boolean complete) {
    static BarJson of(Bar b) {
      return new BarJson(
          b.start().toString(),
          b.end().toString(),
          b.open(),
          b.high(),
          b.low(),
          b.close(),
          b.count(),
          b.complete());
    }
  }

  /** {@code GET /prices/bars}. */
  record BarsJson(
      String symbol,
      String provider,
      String interval,
      List<BarJson> bars,
      @JsonProperty("next_cursor") String nextCursor) {}
}
