package dev.marketdata.domain.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored price: the quote time is the provider's, {@code fetchedAt} is ours; traced to its raw
 * response.
 */
public record PricePoint(
    Symbol symbol,
    ProviderId provider,
    BigDecimal price,
    Instant timestamp,
    Instant fetchedAt,
    UUID rawResponseId) {
  public PricePoint {
    Required.field("symbol", symbol);
    Required.field("provider", provider);
    Prices.require("price", price);
    Required.field("timestamp", timestamp);
    Required.field("fetchedAt", fetchedAt);
    Required.field("rawResponseId", rawResponseId);
  }

  public static PricePoint of(FetchedQuote fetched) {
    Quote q = fetched.quote();
    return new PricePoint(
        q.symbol(), q.provider(), q.price(), q.quoteTime(), q.fetchedAt(), fetched.raw().id());
  }

  public PriceEvent toEvent() {
    return new PriceEvent(symbol, price, timestamp, provider, rawResponseId);
  }
}
