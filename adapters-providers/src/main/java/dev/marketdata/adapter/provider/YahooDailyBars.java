package dev.marketdata.adapter.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.domain.model.DailyBar;
import dev.marketdata.domain.model.RawResponse;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Daily bars from a Yahoo chart answer: {@code timestamp[i]} (the session's open, unix seconds)
 * with {@code indicators.quote[0].open[i]}, {@code high[i]}, {@code low[i]}, {@code close[i]},
 * {@code volume[i]}. The day is the session's date in the exchange's zone. A day where any price is
 * null has no trading data and is skipped, never stored as 0. The unadjusted close is kept ({@code
 * adjclose} stays in the raw body), so the bars agree with the quotes.
 */
final class YahooDailyBars {
  static final ZoneId MARKET_ZONE = ZoneId.of("America/New_York");

  private YahooDailyBars() {}

  static List<DailyBar> read(
      String provider, JsonNode result, RawResponse raw, LocalDate from, LocalDate to) {
    JsonNode timestamps = result.path("timestamp");
    if (timestamps.isMissingNode() || timestamps.isNull()) {
      return List.of(); // a range without any session: Yahoo leaves the arrays out
    }
    JsonNode quote = result.path("indicators").path("quote").path(0);
    if (!timestamps.isArray() || !quote.isObject()) {
      throw ProviderJson.badResponse(provider, "no timestamp or indicators.quote[0]", null);
    }
    ZoneId zone = zone(result.path("meta").path("exchangeTimezoneName").asText(null));
    List<DailyBar> bars = new ArrayList<>(timestamps.size());
    for (int i = 0; i < timestamps.size(); i++) {
      JsonNode open = quote.path("open").path(i);
      JsonNode high = quote.path("high").path(i);
      JsonNode low = quote.path("low").path(i);
      JsonNode close = quote.path("close").path(i);
      if (absent(open) || absent(high) || absent(low) || absent(close)) {
        continue;
      }
      Instant start =
          ProviderJson.epochSeconds(provider, timestamps.get(i), "timestamp[" + i + "]");
      LocalDate day = LocalDate.ofInstant(start, zone);
      if (day.isBefore(from) || day.isAfter(to)) {
        continue;
      }
      JsonNode volume = quote.path("volume").path(i);
      bars.add(
          bar(
              provider,
              raw,
              day,
              ProviderJson.price(provider, open, "open[" + i + "]"),
              ProviderJson.price(provider, high, "high[" + i + "]"),
              ProviderJson.price(provider, low, "low[" + i + "]"),
              ProviderJson.price(provider, close, "close[" + i + "]"),
              volume.isIntegralNumber() && volume.canConvertToLong() ? volume.longValue() : null));
    }
    return bars;
  }

  /** A bar whose prices contradict each other is a bad answer, never a stored bar. */
  static DailyBar bar(
      String provider,
      RawResponse raw,
      LocalDate day,
      BigDecimal open,
      BigDecimal high,
      BigDecimal low,
      BigDecimal close,
      Long volume) {
    try {
      return new DailyBar(
          raw.symbol(), raw.provider(), day, open, high, low, close, volume, raw.id());
    } catch (dev.marketdata.domain.failure.InvalidInput e) {
      throw ProviderJson.badResponse(provider, "bar of " + day + ": " + e.getMessage(), null);
    }
  }

  private static boolean absent(JsonNode node) {
    return node.isMissingNode() || node.isNull();
  }

  private static ZoneId zone(String name) {
    if (name == null) {
      return MARKET_ZONE;
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      return MARKET_ZONE;
    }
  }
}
