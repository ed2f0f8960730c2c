package dev.marketdata.domain.indicator;

import java.math.BigDecimal;
import java.util.Objects;

/** One Bollinger value: the middle band (the SMA) and the bands k deviations above and below. */
public record BollingerValue(BigDecimal middle, BigDecimal upper, BigDecimal lower) {
  public BollingerValue {
    Objects.requireNonNull(middle, "middle");
    Objects.requireNonNull(upper, "upper");
    Objects.requireNonNull(lower, "lower");
  }
}
