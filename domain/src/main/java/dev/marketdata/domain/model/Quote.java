package dev.marketdata.domain.model;

import java.math.BigDecimal;
import java.time.Instant;

/** One price of one symbol from one provider: the provider's quote time, and when we fetched it. */
public record Quote(
    Symbol symbol, BigDecimal price, Instant quoteTime, Instant fetchedAt, ProviderId provider) {
  public Quote {
    Required.field("symbol", symbol);
    Prices.require("price", price);
    Required.field("quoteTime", quoteTime);
    Required.field("fetchedAt", fetchedAt);
    Required.field("provider", provider);
  }
}
