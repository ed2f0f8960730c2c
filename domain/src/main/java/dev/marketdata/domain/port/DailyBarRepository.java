package dev.marketdata.domain.port;

import dev.marketdata.domain.model.DailyBar;
import dev.marketdata.domain.model.FetchedHistory;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Backfilled daily bars, one per (symbol, provider, day), each naming the raw response it was read
 * from.
 */
public interface DailyBarRepository {
  /**
   * Stores the raw response and upserts its bars in one transaction; completes with how many bars
   * were inserted or changed. A bar equal to the stored one (same open, high, low, close, volume)
   * is left as it is, raw response id included, so storing the same history twice changes no bar; a
   * bar whose values differ (the provider corrected the day) replaces the stored one: the newer
   * answer wins. The raw response is stored every time: it records a call that was made.
   */
  CompletionStage<Integer> store(FetchedHistory history);

  /** The bars of {@code fromDay <= day < toDayExclusive}, ascending by day. */
  CompletionStage<List<DailyBar>> dailyBars(
      Symbol symbol, ProviderId provider, LocalDate fromDay, LocalDate toDayExclusive);
}
