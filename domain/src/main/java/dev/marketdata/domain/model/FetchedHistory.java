package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.util.List;

/**
 * What a provider returns for one history call: the daily bars read from it, ascending by day, and
 * the raw answer they were read from (which every bar names).
 */
public record FetchedHistory(List<DailyBar> bars, RawResponse raw) {
  public FetchedHistory {
    bars = List.copyOf(Required.field("bars", bars));
    Required.field("raw", raw);
    for (DailyBar bar : bars) {
      if (!bar.rawResponseId().equals(raw.id())
          || !bar.symbol().equals(raw.symbol())
          || !bar.provider().equals(raw.provider())) {
        throw new InvalidInput("bars", bar.day(), "must be read from the raw response given");
      }
    }
  }
}
