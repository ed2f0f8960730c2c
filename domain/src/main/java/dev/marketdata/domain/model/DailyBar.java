package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * One trading day of one symbol as a provider's history reports it (a backfilled daily bar): the
 * day in the market's own time zone, its open, high, low and close, the volume when the provider
 * gives one, and the raw response it was read from.
 *
 * @param volume null when the provider reports none
 */
public record DailyBar(
    Symbol symbol,
    ProviderId provider,
    LocalDate day,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    Long volume,
    UUID rawResponseId) {
  public DailyBar {
    Required.field("symbol", symbol);
    Required.field("provider", provider);
    Required.field("day", day);
    Prices.require("open", open);
    Prices.require("high", high);
    Prices.require("low", low);
    Prices.require("close", close);
    Required.field("rawResponseId", rawResponseId);
    if (low.compareTo(high) > 0
        || open.compareTo(low) < 0
        || open.compareTo(high) > 0
        || close.compareTo(low) < 0
        || close.compareTo(high) > 0) {
      throw new InvalidInput(
          "high",
          high,
          "must be at least open, close and low, and low at most open and close (bar of "
              + day
              + ")");
    }
    if (volume != null && volume < 0) {
      throw new InvalidInput("volume", volume, "must not be negative");
    }
  }

  public Optional<Long> volumeIfKnown() {
    return Optional.ofNullable(volume);
  }

  /** The same bar as read from another raw response. */
  public DailyBar withRawResponseId(UUID id) {
    return new DailyBar(symbol, provider, day, open, high, low, close, volume, id);
  }
}
