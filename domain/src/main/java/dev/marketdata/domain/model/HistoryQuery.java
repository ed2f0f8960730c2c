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

  /** The earliest instant {@code from}, {@code to} and a cursor may name. */
  public static final Instant EARLIEST = Instant.EPOCH;

  /** The latest instant {@code from}, {@code to} and a cursor may name. */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  public HistoryQuery {
    Required.field("symbol", symbol);
    Required.field("provider", provider);
    Required.field("from", from);
    Required.field("to", to);
    requireWithinBounds("from", from);
    requireWithinBounds("to", to);
    if (!from.isBefore(to)) {
      throw new InvalidInput("from", from, "must be before to (" + to + ")");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInput("limit", limit, "must be between 1 and " + MAX_LIMIT);
    }
    after = after == null ? Optional.empty() : after;
  }

  /** Whether {@code t} lies in [{@link #EARLIEST}, {@link #LATEST}]. */
  public static boolean withinBounds(Instant t) {
    return !t.isBefore(EARLIEST) && !t.isAfter(LATEST);
  }

  private static void requireWithinBounds(String field, Instant t) {
    if (!withinBounds(t)) {
      throw new InvalidInput(field, t, "must lie between " + EARLIEST + " and " + LATEST);
    }
  }
}
