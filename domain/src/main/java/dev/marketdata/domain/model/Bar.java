package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An OHLC bar: the price points of one symbol at one provider quoted in {@code [start, end)}, taken
 * in {@link PriceEvent#ORDER}: {@code open} the first, {@code close} the last, {@code high} and
 * {@code low} the extremes, {@code count} how many. {@code complete} is false while the bucket is
 * still forming (its end is after now).
 */
public record Bar(
    Symbol symbol,
    ProviderId provider,
    BarInterval interval,
    Instant start,
    Instant end,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    long count,
    boolean complete) {
  public Bar {
    Required.field("symbol", symbol);
    Required.field("provider", provider);
    Required.field("interval", interval);
    Required.field("start", start);
    Required.field("end", end);
    Required.field("open", open);
    Required.field("high", high);
    Required.field("low", low);
    Required.field("close", close);
    if (!start.isBefore(end)) {
      throw new InvalidInput("end", end, "must be after start (" + start + ")");
    }
    if (count < 1) {
      throw new InvalidInput("count", count, "must be at least 1");
    }
  }
}
