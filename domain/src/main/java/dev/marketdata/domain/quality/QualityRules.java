package dev.marketdata.domain.quality;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The data-quality settings (ADR 0014): a price more than {@code outlierPercent} away from the
 * previous non-suspect price of its symbol and provider, quoted less than {@code outlierWindow}
 * from it, is suspect; suspect prices are kept out of averages, bars and indicators unless {@code
 * includeSuspect}; a price is stale when quoted more than {@code staleAfter} ago while the regular
 * session is open.
 */
public record QualityRules(
    BigDecimal outlierPercent,
    Duration outlierWindow,
    boolean includeSuspect,
    Duration staleAfter) {
  public static final BigDecimal DEFAULT_OUTLIER_PERCENT = BigDecimal.valueOf(20);
  public static final Duration DEFAULT_OUTLIER_WINDOW = Duration.ofHours(1);
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(15);

  public QualityRules {
    if (outlierPercent == null || outlierPercent.signum() <= 0) {
      throw new InvalidInput("outlierPercent", outlierPercent, "must be positive");
    }
    if (outlierWindow == null || outlierWindow.isNegative()) {
      throw new InvalidInput("outlierWindow", outlierWindow, "must not be negative");
    }
    if (staleAfter == null || staleAfter.isZero() || staleAfter.isNegative()) {
      throw new InvalidInput("staleAfter", staleAfter, "must be positive");
    }
  }

  public static QualityRules defaults() {
    return new QualityRules(
        DEFAULT_OUTLIER_PERCENT, DEFAULT_OUTLIER_WINDOW, false, DEFAULT_STALE_AFTER);
  }

  /** Whether a price marked {@code suspect} goes into averages, bars and indicators. */
  public boolean counts(boolean suspect) {
    return includeSuspect || !suspect;
  }
}
