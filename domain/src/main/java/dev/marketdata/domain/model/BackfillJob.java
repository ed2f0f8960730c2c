package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A durable instruction to fetch the daily history of some symbols from one provider for the days
 * {@code from} to {@code to} (both included), with each symbol's progress. The symbols are fetched
 * one after the other; a throttled provider pauses the job until {@code nextRunAt}.
 *
 * @param lastError null unless the latest attempt failed or was throttled
 */
public record BackfillJob(
    UUID id,
    ProviderId provider,
    LocalDate from,
    LocalDate to,
    BackfillJobStatus status,
    List<SymbolBackfill> progress,
    Instant createdAt,
    Instant updatedAt,
    Instant nextRunAt,
    String lastError) {
  public static final String INTERVAL = "1d";

  public BackfillJob {
    Required.field("id", id);
    Required.field("provider", provider);
    Required.field("from", from);
    Required.field("to", to);
    if (from.isAfter(to)) {
      throw new InvalidInput("from", from, "must not be after to (" + to + ")");
    }
    Required.field("status", status);
    progress = List.copyOf(Required.field("progress", progress));
    if (progress.isEmpty()) {
      throw new InvalidInput("symbols", "[]", "must name at least one symbol");
    }
    Required.field("createdAt", createdAt);
    Required.field("updatedAt", updatedAt);
    Required.field("nextRunAt", nextRunAt);
  }

  /** A new job, every symbol pending, due at once. */
  public static BackfillJob accept(
      UUID id,
      List<Symbol> symbols,
      ProviderId provider,
      LocalDate from,
      LocalDate to,
      Instant now) {
    return new BackfillJob(
        id,
        provider,
        from,
        to,
        BackfillJobStatus.ACCEPTED,
        symbols.stream().map(SymbolBackfill::pending).toList(),
        now,
        now,
        now,
        null);
  }

  public List<Symbol> symbols() {
    return progress.stream().map(SymbolBackfill::symbol).toList();
  }

  /** The next symbol to fetch, in the order given. */
  public Optional<Symbol> nextPending() {
    return progress.stream()
        .filter(p -> p.state() == SymbolBackfill.State.PENDING)
        .map(SymbolBackfill::symbol)
        .findFirst();
  }

  /** Bars inserted or changed over every symbol so far. */
  public long barsStored() {
    return progress.stream().mapToLong(SymbolBackfill::bars).sum();
  }

  public BackfillJob running(Instant now) {
    return with(BackfillJobStatus.RUNNING, progress, now, nextRunAt, lastError);
  }

  public BackfillJob symbolDone(Symbol symbol, int bars, Instant now) {
    return settle(new SymbolBackfill(symbol, SymbolBackfill.State.DONE, bars, null), now, null);
  }

  public BackfillJob symbolFailed(Symbol symbol, String error, Instant now) {
    return settle(new SymbolBackfill(symbol, SymbolBackfill.State.FAILED, 0, error), now, error);
  }

  /** Throttled: still running, nothing lost, tried again at {@code until}. */
  public BackfillJob pausedUntil(Instant until, String reason, Instant now) {
    return with(BackfillJobStatus.RUNNING, progress, now, until, reason);
  }

  private BackfillJob settle(SymbolBackfill outcome, Instant now, String error) {
    List<SymbolBackfill> next = new ArrayList<>(progress.size());
    for (SymbolBackfill p : progress) {
      next.add(p.symbol().equals(outcome.symbol()) ? outcome : p);
    }
    boolean pending = next.stream().anyMatch(p -> p.state() == SymbolBackfill.State.PENDING);
    boolean allFailed = next.stream().allMatch(p -> p.state() == SymbolBackfill.State.FAILED);
    BackfillJobStatus status =
        pending
            ? BackfillJobStatus.RUNNING
            : allFailed ? BackfillJobStatus.FAILED : BackfillJobStatus.COMPLETED;
    return with(status, next, now, now, error == null ? lastError : error);
  }

  private BackfillJob with(
      BackfillJobStatus status,
      List<SymbolBackfill> progress,
      Instant now,
      Instant nextRunAt,
      String lastError) {
    return new BackfillJob(
        id, provider, from, to, status, progress, createdAt, now, nextRunAt, lastError);
  }
}
