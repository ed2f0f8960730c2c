package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;

/**
 * What a provider returns for a successful fetch: the parsed quote and the raw answer, and the
 * trace the fetch was part of ({@link TraceContext#NONE} when untraced), which is stored with the
 * quote's outbox row.
 */
public record FetchedQuote(Quote quote, RawResponse raw, TraceContext trace) {
  public FetchedQuote {
    Required.field("quote", quote);
    Required.field("raw", raw);
    Required.field("trace", trace);
    if (!quote.symbol().equals(raw.symbol()) || !quote.provider().equals(raw.provider())) {
      throw new InvalidInput("raw", raw, "must belong to the same symbol and provider as quote");
    }
  }

  /** An untraced fetch. */
  public FetchedQuote(Quote quote, RawResponse raw) {
    this(quote, raw, TraceContext.NONE);
  }

  /** The same fetch, part of {@code trace}. */
  public FetchedQuote withTrace(TraceContext trace) {
    return new FetchedQuote(quote, raw, trace);
  }
}
