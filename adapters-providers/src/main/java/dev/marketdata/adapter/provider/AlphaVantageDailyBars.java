package dev.marketdata.adapter.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.domain.model.DailyBar;
import dev.marketdata.domain.model.RawResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Daily bars from Alpha Vantage's {@code "Time Series (Daily)"}: keys are trading days in
 * US/Eastern, values {@code "1. open"} to {@code "5. volume"} as strings, read exactly.
 */
final class AlphaVantageDailyBars {
  static final String SERIES = "Time Series (Daily)";

  private AlphaVantageDailyBars() {}

  static List<DailyBar> read(
      String provider, JsonNode body, RawResponse raw, LocalDate from, LocalDate to) {
    JsonNode series = body.get(SERIES);
    if (series == null || !series.isObject()) {
      throw ProviderJson.badResponse(provider, "no \"" + SERIES + "\" object", null);
    }
    List<DailyBar> bars = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = series.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      LocalDate day = day(provider, entry.getKey());
      if (day.isBefore(from) || day.isAfter(to)) {
        continue;
      }
      JsonNode v = entry.getValue();
      bars.add(
          YahooDailyBars.bar(
              provider,
              raw,
              day,
              ProviderJson.price(provider, v.get("1. open"), day + " 1. open"),
              ProviderJson.price(provider, v.get("2. high"), day + " 2. high"),
              ProviderJson.price(provider, v.get("3. low"), day + " 3. low"),
              ProviderJson.price(provider, v.get("4. close"), day + " 4. close"),
              volume(v.get("5. volume"))));
    }
    bars.sort(Comparator.comparing(DailyBar::day));
    return bars;
  }

  private static LocalDate day(String provider, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ProviderJson.badResponse(provider, "not a trading day: " + text, null);
    }
  }

  private static Long volume(JsonNode node) {
    if (node == null || !node.isTextual()) {
      return null;
    }
    try {
      return Long.parseLong(node.asText().strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
