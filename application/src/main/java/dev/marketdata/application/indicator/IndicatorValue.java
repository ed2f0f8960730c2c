package dev.marketdata.application.indicator;

import dev.marketdata.domain.model.Required;
import java.time.Instant;

/**
 * One value of an indicator at the timestamp of the input that produced it: a {@link
 * java.math.BigDecimal}, a {@link dev.marketdata.domain.indicator.MacdValue} or a {@link
 * dev.marketdata.domain.indicator.BollingerValue}.
 */
public record IndicatorValue(Instant timestamp, Object value) {
  public IndicatorValue {
    Required.field("timestamp", timestamp);
    Required.field("value", value);
  }
}
