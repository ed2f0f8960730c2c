package dev.marketdata.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.marketdata.adapter.http.PriceRoutes.AverageJson;
import dev.marketdata.application.live.LiveStreamService.Snapshot;
import dev.marketdata.application.quality.Staleness;
import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.PricePoint;
import java.math.BigDecimal;
import java.util.List;

/** The live streams' JSON: the members of GET /prices/latest and /prices/moving-average. */
final class LiveJson {
  private LiveJson() {}

  /**
   * A stored price: the members of GET /prices/latest plus the raw response it was parsed from,
   * which identifies it (the REST answer's shape is fixed by its spec, so it stays without it).
   */
  record PriceJson(
      String symbol,
      BigDecimal price,
      String timestamp,
      String provider,
      @JsonProperty("raw_response_id") String rawResponseId,
      boolean stale,
      boolean suspect) {
    static PriceJson of(PricePoint p, Staleness staleness) {
      return of(p.toEvent(), staleness);
    }

    /** The flags as in {@link PriceRoutes.PriceJson}: stale computed now, suspect as stored. */
    static PriceJson of(PriceEvent e, Staleness staleness) {
      return new PriceJson(
          e.symbol().value(),
          e.price(),
          e.timestamp().toString(),
          e.source().value(),
          e.rawResponseId().toString(),
          staleness.served(e.source(), e.timestamp()),
          e.suspect());
    }
  }

  /**
   * A completed bar (ADR 0013): the bar of GET /prices/bars after the series it belongs to, as on
   * the price-bars topic.
   */
  record BarEventJson(
      String symbol, String provider, String interval, @JsonUnwrapped BarRoutes.BarJson bar) {
    static BarEventJson of(Bar b) {
      return new BarEventJson(
          b.symbol().value(), b.provider().value(), b.interval().label(), BarRoutes.BarJson.of(b));
    }
  }

  /** The SSE event name and WebSocket message type of an event. */
  static String type(LiveEvent event) {
    return event.isPrice() ? "price" : event.isAverage() ? "average" : "bar";
  }

  /** The data of an SSE {@code price}, {@code average} or {@code bar} event. */
  static Object data(LiveEvent event, Staleness staleness) {
    if (event.isBar()) {
      return BarEventJson.of(event.bar());
    }
    return event.isPrice()
        ? PriceJson.of(event.price(), staleness)
        : AverageJson.of(event.average());
  }

  /** The data of the SSE {@code snapshot} event. */
  record SnapshotJson(List<PriceJson> prices, List<AverageJson> averages) {
    static SnapshotJson of(Snapshot s, Staleness staleness) {
      return new SnapshotJson(
          s.prices().stream().map(p -> PriceJson.of(p, staleness)).toList(),
          s.averages().stream().map(AverageJson::of).toList());
    }
  }

  /** A WebSocket price, average or bar message: type, id, then the members of the SSE data. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EventMessage(
      String type,
      long id,
      @JsonUnwrapped PriceJson price,
      @JsonUnwrapped AverageJson average,
      @JsonUnwrapped BarEventJson bar) {
    static EventMessage of(LiveEvent e, Staleness staleness) {
      if (e.isBar()) {
        return new EventMessage("bar", e.id(), null, null, BarEventJson.of(e.bar()));
      }
      return e.isPrice()
          ? new EventMessage("price", e.id(), PriceJson.of(e.price(), staleness), null, null)
          : new EventMessage("average", e.id(), null, AverageJson.of(e.average()), null);
    }
  }

  /** The set a socket follows, after each accepted action. */
  record SubscriptionMessage(
      String type, List<String> prices, List<String> averages, List<String> bars) {
    static SubscriptionMessage of(List<String> prices, List<String> averages, List<String> bars) {
      return new SubscriptionMessage("subscription", prices, averages, bars);
    }
  }

  /** A refused message; the socket stays open. */
  record ErrorMessage(String type, String code, String message) {
    static ErrorMessage of(String code, String message) {
      return new ErrorMessage("error", code, message);
    }
  }

  /** What a client sends on the socket. */
  record ActionMessage(
      String action,
      @JsonProperty("prices") List<String> prices,
      @JsonProperty("averages") List<String> averages,
      @JsonProperty("bars") List<String> bars) {}
}
