package dev.marketdata.domain.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * The message published for every stored price: {@code
 * {"symbol","price","timestamp","source","raw_response_id"}}, plus {@code "suspect": true} for a
 * price the outlier rule flagged (ADR 0014; absent means false). The raw response id is the event's
 * identity: one raw response yields exactly one event, so consumers de-duplicate on it.
 */
public record PriceEvent(
    Symbol symbol,
    BigDecimal price,
    Instant timestamp,
    ProviderId source,
    UUID rawResponseId,
    boolean suspect) {

  /**
   * Event order: by quote time, then by raw response id compared as unsigned bytes (the order
   * PostgreSQL gives uuid columns), so every component agrees on which event is newer.
   */
  public static final Comparator<PriceEvent> ORDER =
      Comparator.comparing(PriceEvent::timestamp)
          .thenComparing(PriceEvent::rawResponseId, Ids.UNSIGNED_ORDER);

  public PriceEvent {
    Required.field("symbol", symbol);
    Prices.require("price", price);
    Required.field("timestamp", timestamp);
    Required.field("source", source);
    Required.field("rawResponseId", rawResponseId);
  }

  /** An event for a price not marked suspect. */
  public PriceEvent(
      Symbol symbol, BigDecimal price, Instant timestamp, ProviderId source, UUID rawResponseId) {
    this(symbol, price, timestamp, source, rawResponseId, false);
  }

  public UUID eventId() {
    return rawResponseId;
  }
}
