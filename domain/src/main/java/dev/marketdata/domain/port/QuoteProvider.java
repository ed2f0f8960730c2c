package dev.marketdata.domain.port;

import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.Symbol;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A source of quotes. {@link #fetch} completes with the parsed quote and the raw answer, or fails
 * with one of the domain failures: {@code SymbolNotFound}, {@code ProviderThrottled}, {@code
 * ProviderAuthFailure}, {@code ProviderUnavailable}. It never makes a price up.
 */
public interface QuoteProvider {
  ProviderId id();

  CompletionStage<FetchedQuote> fetch(Symbol symbol);

  /**
   * Whether it can be used now, and what is left of its outbound budget as this process last saw
   * it, answered without asking anyone; {@link #currentStatus()} asks.
   */
  ProviderStatus status();

  /**
   * Whether it can be used now, and what is left of its outbound budget now: with a budget shared
   * by several replicas, what all of them together have left. By default {@link #status()}.
   */
  default CompletionStage<ProviderStatus> currentStatus() {
    return CompletableFuture.completedFuture(status());
  }

  /**
   * Its daily history, when it offers one (backfill); empty when it does not (Finnhub's candles are
   * a paid endpoint), and then it is never asked.
   */
  default Optional<HistoryProvider> history() {
    return Optional.empty();
  }
}
