package dev.marketdata.domain.port;

import dev.marketdata.domain.model.FetchedHistory;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.time.LocalDate;
import java.util.concurrent.CompletionStage;

/**
 * A provider's daily history, the optional capability behind backfill ({@link
 * QuoteProvider#history()}). Each call spends the provider's budget like a quote and keeps its raw
 * answer; it fails with the same domain failures as {@link QuoteProvider#fetch}.
 */
public interface HistoryProvider {
  ProviderId id();

  /**
   * The daily bars of {@code symbol} for the trading days {@code from} to {@code to}, both
   * included, in the market's time zone, ascending; days without data are left out, never made up.
   * A provider whose free history is shorter (Alpha Vantage: the last 100 trading days) returns
   * what it has within the range.
   */
  CompletionStage<FetchedHistory> dailyHistory(Symbol symbol, LocalDate from, LocalDate to);
}
