package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;

/** What a provider returns for a successful fetch: the parsed quote and the raw answer. */
public record FetchedQuote(Quote quote, RawResponse raw) {
  public FetchedQuote {
    Required.field("quote", quote);
    Required.field("raw", raw);
    if (!quote.symbol().equals(raw.symbol()) || !quote.provider().equals(raw.provider())) {
      throw new InvalidInput("raw", raw, "must belong to the same symbol and provider as quote");
    }
  }
}
