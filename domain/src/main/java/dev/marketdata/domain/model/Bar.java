package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An OHLC bar: the price points of one symbol at one provider quoted in {@code [start, end)}, taken
 * in {@link PriceEvent#ORDER}: {@code open} the first, {@code close} the last, {@code high} and
 * {@code low} the extremes, {@code count} how many. {@code complete} is false while the bucket is
 * still forming (its end is after now). {@code source} says where it comes from: {@link
 * Source#PRICES} for that aggregation; {@link Source#HISTORY} for a provider's own daily bar stored
 * by a backfill (a {@code 1d} bar only, {@code count} 0: no stored price makes it).
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
    boolean complete,
    Source source) {
  /** Where a bar's values come from. */
  public enum Source {
    /** Aggregated from the stored price points of its bucket. */
    PRICES,
    /** A provider's daily bar, stored by a backfill. */
    HISTORY;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A bar aggregated from stored prices. */
  public Bar(
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
    this(
        symbol,
        provider,
        interval,
        start,
        end,
        open,
        high,
        low,
        close,
        count,
        complete,
        Source.PRICES);
  }

  /** The bar of {@code day} from a provider's daily history, as of {@code now}. */
  public static Bar ofHistory(DailyBar day, java.time.ZoneId zone, Instant now) {
    Instant start = day.day().atStartOfDay(zone).toInstant();
    Instant end = day.day().plusDays(1).atStartOfDay(zone).toInstant();
    return new Bar(
        day.symbol(),
        day.provider(),
        BarInterval.ONE_DAY,
        start,
        end,
        day.open(),
        day.high(),
        day.low(),
        day.close(),
        0,
        !end.isAfter(now),
        Source.HISTORY);
  }

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
    Required.field("source", source);
    if (source == Source.PRICES && count < 1) {
      throw new InvalidInput("count", count, "must be at least 1");
    }
    if (source == Source.HISTORY && (count != 0 || interval != BarInterval.ONE_DAY)) {
      throw new InvalidInput("source", source, "is a daily bar with no stored prices");
    }
  }
}
