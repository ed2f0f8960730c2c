package dev.marketdata.application.indicator;

import java.util.concurrent.CompletionStage;

/** Technical indicators over the stored prices or the complete bars of one symbol. */
public interface GetIndicatorUseCase {
  /**
   * The request's last {@code points} values, oldest first; fails with {@link
   * dev.marketdata.domain.failure.InsufficientData} when the series is too short for them.
   */
  CompletionStage<IndicatorSeries> indicator(IndicatorRequest request);
}
