package dev.marketdata.domain.port;

import dev.marketdata.domain.model.LiveBatch;
import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.LiveFrontier;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The stored prices and committed averages in one order every replica reads alike (ADR 0012): what
 * the live streams tail and what a reconnecting client resumes from.
 */
public interface LiveEventLog {
  /**
   * Up to {@code limit} events with an id above {@code after}, ascending, all read in one snapshot,
   * with that snapshot's bounds.
   */
  CompletionStage<LiveBatch> readAfter(long after, int limit);

  /**
   * Up to {@code limit} events of these symbols and this provider with {@code after < id <= upTo},
   * ascending: what a client that last saw {@code after} missed.
   */
  CompletionStage<List<LiveEvent>> replay(
      long after, long upTo, Set<Symbol> symbols, ProviderId provider, int limit);

  /**
   * Whether a client that last saw {@code id} can resume after it: the event is still stored and
   * was written less than {@code window} ago, so nothing after it has been deleted.
   */
  CompletionStage<Boolean> resumable(long id, Duration window);

  /** The highest id written so far (0 when none): where a feed that starts now begins. */
  CompletionStage<Long> head();

  /**
   * The highest id one snapshot sees (0 when none) and that snapshot's bounds, without reading any
   * event: what a feed with no listener needs to move past the events it would only discard.
   */
  CompletionStage<LiveFrontier> frontier();
}
