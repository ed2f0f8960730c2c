package dev.marketdata.application.price;

import dev.marketdata.domain.model.ProviderChain;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The latest prices of several symbols at once, each served as a single quote would be (with the
 * same provider chain); one symbol's failure does not fail the others.
 */
public interface GetLatestPricesUseCase {
  /**
   * {@code symbols} as the request wrote them, duplicates allowed (served once, first place kept).
   * Fails with {@code InvalidInput} on field {@code symbols} when the list is empty, has an empty
   * entry, or names more distinct symbols than allowed; a single entry that is not a valid symbol
   * is reported among the errors instead.
   */
  CompletionStage<BatchPrices> latest(List<String> symbols, Optional<ProviderChain> chain);
}
