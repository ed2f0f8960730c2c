package dev.marketdata.application.backfill;

import dev.marketdata.application.poll.PollRequest;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.BackfillJob;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A request to backfill the daily bars of some symbols from one provider (the default one when
 * empty) for the days {@code from} to {@code to}, both included. Symbols are de-duplicated and
 * bounded as a poll job's are; only the interval {@code 1d} exists.
 */
public record BackfillRequest(
    List<Symbol> symbols,
    Optional<ProviderId> provider,
    String interval,
    LocalDate from,
    LocalDate to) {
  public static final int MAX_SYMBOLS = PollRequest.MAX_SYMBOLS;

  /** The longest range one job covers: 20 years of daily bars, about 5,000 per symbol. */
  public static final int MAX_YEARS = 20;

  public BackfillRequest {
    if (symbols == null || symbols.isEmpty()) {
      throw new InvalidInput("symbols", symbols, "must name at least one symbol");
    }
    List<Symbol> distinct = new ArrayList<>(new LinkedHashSet<>(symbols));
    if (distinct.size() > MAX_SYMBOLS) {
      throw new InvalidInput("symbols", distinct.size(), "must name at most " + MAX_SYMBOLS);
    }
    symbols = List.copyOf(distinct);
    provider = provider == null ? Optional.empty() : provider;
    if (!BackfillJob.INTERVAL.equals(interval)) {
      throw new InvalidInput("interval", interval, "must be 1d (daily bars are all backfill has)");
    }
    if (from == null) {
      throw new InvalidInput("from", null, "is required (an ISO date such as 2026-01-02)");
    }
    if (to == null) {
      throw new InvalidInput("to", null, "is required (an ISO date such as 2026-11-27)");
    }
    if (from.isAfter(to)) {
      throw new InvalidInput("from", from, "must not be after to (" + to + ")");
    }
    if (from.isBefore(to.minusYears(MAX_YEARS))) {
      throw new InvalidInput(
          "from", from, "must be at most " + MAX_YEARS + " years before to (" + to + ")");
    }
  }
}
