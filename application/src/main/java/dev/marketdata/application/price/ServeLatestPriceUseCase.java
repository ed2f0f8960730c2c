package dev.marketdata.application.price;

import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.Symbol;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The latest price of a symbol over a chain of providers: the first serves it under the
 * single-quote rules, the next is asked only when the one before failed in a way {@link
 * dev.marketdata.domain.failure.Fallback#eligible} allows.
 */
public interface ServeLatestPriceUseCase {
  /**
   * {@code chain} empty means the default provider followed by the configured fallback providers
   * (none by default). Fails with the single provider's failure when only one was asked, and with
   * {@link dev.marketdata.domain.failure.FallbackExhausted} when more than one was asked and none
   * served.
   */
  CompletionStage<ServedPrice> latest(Symbol symbol, Optional<ProviderChain> chain);
}
