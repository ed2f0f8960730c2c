package dev.marketdata.adapter.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marketdata.application.market.GetMarketStatusUseCase;
import dev.marketdata.domain.market.Exchange;
import dev.marketdata.domain.market.MarketStatus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /market/status}: the trading calendar's answer for an exchange, now or at {@code at}.
 * Every API replica answers alike: the calendar is bundled and per process, with no shared state.
 */
public final class MarketRoutes {
  private static final Set<String> ALLOWED = Set.of("exchange", "at");

  /**
   * An answer about a given {@code at} depends only on the bundled table, so it may be cached for
   * an hour (a release that corrects the table is picked up within that); an answer about "now"
   * changes at the next session boundary and carries its own {@code as_of}, so it is not cached.
   */
  static final String CACHE_AT = "max-age=3600";

  private final GetMarketStatusUseCase status;

  @Inject
  public MarketRoutes(GetMarketStatusUseCase status) {
    this.status = status;
  }

  void mount(Router router) {
    router.get("/market/status").handler(this::status);
  }

  private void status(RoutingContext ctx) {
    QueryParams q = QueryParams.of(ctx, ALLOWED);
    Exchange exchange =
        q.optionalNonBlank("exchange")
            .map(v -> Exchange.parse("exchange", v))
            .orElse(Exchange.XNYS);
    Optional<Instant> at = q.optional("at").map(v -> PriceRoutes.instant("at", v));
    StatusJson body = StatusJson.of(status.status(exchange, at));
    Replies.json(ctx, 200, body, at.isPresent() ? CACHE_AT : "no-store");
  }

  /** {@code GET /market/status}; instants as ISO-8601 UTC, null when absent. */
  record StatusJson(
      String exchange,
      @JsonProperty("is_open") boolean isOpen,
      String session,
      String reason,
      @JsonProperty("next_open") String nextOpen,
      @JsonProperty("next_close") String nextClose,
      @JsonProperty("as_of") String asOf) {
    static StatusJson of(MarketStatus s) {
      return new StatusJson(
          s.exchange().name(),
          s.isOpen(),
          s.session().wire(),
          s.reason(),
          text(s.nextOpen()),
          text(s.nextClose()),
          s.asOf().toString());
    }

    private static String text(Instant instant) {
      return instant == null ? null : instant.toString();
    }
  }
}
