package dev.marketdata.application.bar;

import dev.marketdata.domain.model.BarCloseReport;
import java.util.concurrent.CompletionStage;

/**
 * One bar-closing pass: queue the bars of every bucket that ended more than the close grace ago,
 * for the price-bars topic and the live streams. Safe to run from every replica at once.
 */
public interface CloseBarsUseCase {
  CompletionStage<BarCloseReport> close();
}
