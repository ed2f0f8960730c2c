package dev.marketdata.domain.indicator;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One MACD value, always complete: the MACD line (EMA fast − EMA slow), its signal line and the
 * histogram (line − signal, rounded from the unrounded two, so it may differ from {@code macd −
 * signal} in the last place).
 */
public record MacdValue(BigDecimal macd, BigDecimal signal, BigDecimal histogram) {
  public MacdValue {
    Objects.requireNonNull(macd, "macd");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(histogram, "histogram");
  }
}
