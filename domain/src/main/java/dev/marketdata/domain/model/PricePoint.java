package dev.marketdata.domain.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored price: the quote time is the provider's, {@code fetchedAt} is ours (the last fetch that
 * returned this quote, ADR 0014); traced to its raw response. {@code suspect} marks a price too far
 * from the previous one to be trusted (ADR 0014): stored and served, kept out of averages, bars and
 * indicators.
 */
public record PricePoint(
    Symbol symbol,
    ProviderId provider,
    BigDecimal price,
    Instant timestamp,
    Instant fetchedAt,
    UUID rawResponseId,
    boolean suspect) {
  public PricePoint {
    Required.field("symbol", symbol);
    Required.field("provider", provider);
    Prices.require("price", price);
    Required.field("timestamp", timestamp);
    Required.field("fetchedAt", fetchedAt);
    Required.field("rawResponseId", rawResponseId);
  }

  /** A price not marked suspect. */
  public PricePoint(
      Symbol symbol,
      ProviderId provider,
      BigDecimal price,
      Instant timestamp,
      Instant fetchedAt,
      UUID rawResponseId) {
    this(symbol, provider, price, timestamp, fetchedAt, rawResponseId, false);
  }

  public static PricePoint of(FetchedQuote fetched) {
    Quote q = fetched.quote();
    return new PricePoint(
        q.symbol(), q.provider(), q.price(), q.quoteTime(), q.fetchedAt(), fetched.raw().id());
  }

  public PriceEvent toEvent() {
    return new PriceEvent(symbol, price, timestamp, provider, rawResponseId, suspect);
  }

  /** The same point marked suspect or not. */
  public PricePoint withSuspect(boolean suspect) {
    return new PricePoint(symbol, provider, price, timestamp, fetchedAt, rawResponseId, suspect);
  }

  /**
   * The same point, last fetched at {@code fetchedAt} (a re-fetch that returned the same quote).
   */
  public PricePoint confirmedAt(Instant fetchedAt) {
    return new PricePoint(symbol, provider, price, timestamp, fetchedAt, rawResponseId, suspect);
  }
}
