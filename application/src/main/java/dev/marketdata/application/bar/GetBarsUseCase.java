package dev.marketdata.application.bar;

import dev.marketdata.domain.model.BarPage;
import java.util.concurrent.CompletionStage;

/** OHLC bars of one symbol at one provider, the most recent first chosen, returned oldest first. */
public interface GetBarsUseCase {
  CompletionStage<BarPage> bars(BarRequest request);
}
