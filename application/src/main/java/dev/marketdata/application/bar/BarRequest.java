package dev.marketdata.application.bar;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.BarCursor;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarQuery;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Required;
import dev.marketdata.domain.model.Symbol;
import java.time.Instant;
import java.util.Optional;

/**
 * A client's request for bars, before defaults: {@code to} defaults to now and {@code from} to
 * {@code limit} intervals before {@code to}; {@code cursor} continues a previous page.
 */
public record BarRequest(
    Symbol symbol,
    ProviderId provider,
    BarInterval interval,
    Optional<Instant> from,
    Optional<Instant> to,
    int limit,
    Optional<BarCursor> cursor) {
  public BarRequest {
    Required.field("symbol", symbol);
    Required.field("provider", provider);
    Required.field("interval", interval);
    from = from == null ? Optional.empty() : from;
    to = to == null ? Optional.empty() : to;
    cursor = cursor == null ? Optional.empty() : cursor;
    if (limit < 1 || limit > BarQuery.MAX_LIMIT) {
      throw new InvalidInput("limit", limit, "must be between 1 and " + BarQuery.MAX_LIMIT);
    }
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new InvalidInput("from", from.get(), "must be before to (" + to.get() + ")");
    }
    if (cursor.isPresent() && cursor.get().interval() != interval) {
      throw new InvalidInput("cursor", cursor.get().encode(), "is for another interval");
    }
  }
}
