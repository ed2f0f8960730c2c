package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The most recent {@code limit} bars of one symbol at one provider whose start lies in {@code
 * [from, to)}; {@code zone} is the market time zone that {@code 1d} buckets follow. Each bar holds
 * every point of its bucket, so the points read are those quoted in {@code [ceil(from), ceil(to))}
 * with {@code ceil} the first bucket start at or after an instant.
 */
public record BarQuery(
    Symbol symbol,
    ProviderId provider,
    BarInterval interval,
    Instant from,
    Instant to,
    int limit,
    ZoneId zone) {
  public static final int DEFAULT_LIMIT = 500;
  public static final int MAX_LIMIT = 5000;

  public BarQuery {
    Required.field("symbol", symbol);
    Required.field("provider", provider);
    Required.field("interval", interval);
    Required.field("from", from);
    Required.field("to", to);
    Required.field("zone", zone);
    requireWithinBounds("from", from);
    requireWithinBounds("to", to);
    if (!from.isBefore(to)) {
      throw new InvalidInput("from", from, "must be before to (" + to + ")");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInput("limit", limit, "must be between 1 and " + MAX_LIMIT);
    }
  }

  /** The first instant whose points belong to a bar of this query. */
  public Instant pointsFrom() {
    return interval.ceil(from, zone);
  }

  /** The instant (exclusive) up to which points belong to a bar of this query. */
  public Instant pointsTo() {
    return interval.ceil(to, zone);
  }

  private static void requireWithinBounds(String field, Instant t) {
    if (!HistoryQuery.withinBounds(t)) {
      throw new InvalidInput(
          field, t, "must lie between " + HistoryQuery.EARLIEST + " and " + HistoryQuery.LATEST);
    }
  }
}
