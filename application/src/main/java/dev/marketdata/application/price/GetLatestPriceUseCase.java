package dev.marketdata.application.price;

import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The latest price of a symbol: served from the freshness window when a fresh one is held,
 * otherwise fetched from the provider, stored (raw + point + event) and returned.
 */
public interface GetLatestPriceUseCase {
  /** {@code provider} empty means the configured default provider. */
  CompletionStage<PricePoint> latest(Symbol symbol, Optional<ProviderId> provider);
}
