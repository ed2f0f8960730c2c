package dev.marketdata.domain.port;

import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Who may ask a provider for a (symbol, provider)'s latest price, shared by every replica: a lease
 * on the pair. Of several replicas that miss the same price at once, the one that claims the lease
 * calls the provider; the others read what it stored. Kept for the freshness window after a
 * successful fetch, the lease makes that at most one call per pair per window.
 */
public interface FetchLeases {
  /**
   * Leases the pair to {@code owner} for {@code lease} from now, when no live lease holds it: none
   * was taken, the last one was released, or it expired. A live lease refuses every claim, {@code
   * owner}'s own included. Completes with whether {@code owner} now holds the pair.
   */
  CompletionStage<Boolean> claim(Symbol symbol, ProviderId provider, String owner, Duration lease);

  /**
   * Ends {@code owner}'s lease on the pair {@code after} from now, or at once when {@code after} is
   * zero. Does nothing when another owner holds the pair by now ({@code owner}'s lease had expired
   * and was claimed since).
   */
  CompletionStage<Void> release(Symbol symbol, ProviderId provider, String owner, Duration after);
}
