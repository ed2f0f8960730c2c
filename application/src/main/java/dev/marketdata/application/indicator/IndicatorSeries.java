package dev.marketdata.application.indicator;

import java.util.List;

/** The answer to an {@link IndicatorRequest}: its last {@code points} values, oldest first. */
public record IndicatorSeries(IndicatorRequest request, List<IndicatorValue> values) {
  public IndicatorSeries {
    values = List.copyOf(values);
  }
}
