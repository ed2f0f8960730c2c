package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Instant;
import java.util.Optional;

/**
 * A page of one symbol's price history at one provider, newest first, with quote times in {@code
 * [from, to)} and, when {@code after} is given, strictly older than that cursor.
 */
public record HistoryQuery(
    Symbol symbol,
    ProviderId provider,
    Instant from,
    Instant to,
    int limit,
    Optional<HistoryCursor> after) {
  public static final int MAX_LIMIT = 1000;

  public HistoryQuery {
    Required.field("symbol", symbol);
    Required.field("provider", provider);
    Required.field("from", from);
    Required.field("to", to);
    if (!from.isBefore(to)) {
      throw new InvalidInput("from", from, "must be before to (" + to + ")");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInput("limit", limit, "must be between 1 and " + MAX_LIMIT);
    }
    after = after == null ? Optional.empty() : after;
  }
}
