package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A durable instruction to fetch some symbols from one provider every {@code interval}, with the
 * record of how its runs went.
 *
 * @param lastRunAt null until the first run
 * @param lastError null unless the latest run failed for at least one symbol
 * @param consecutiveFailures runs in a row that failed for every symbol; drives the back-off
 */
public record PollJob(
    UUID id,
    List<Symbol> symbols,
    Duration interval,
    ProviderId provider,
    PollJobStatus status,
    Instant createdAt,
    Instant updatedAt,
    Instant lastRunAt,
    Instant nextRunAt,
    String lastError,
    long runCount,
    long errorCount,
    int consecutiveFailures) {

  /** The longest a failing job waits between tries, unless its own interval is longer. */
  public static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  public PollJob {
    Required.field("id", id);
    symbols = List.copyOf(Required.field("symbols", symbols));
    if (symbols.isEmpty()) {
      throw new InvalidInput("symbols", "[]", "must name at least one symbol");
    }
    Required.field("interval", interval);
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new InvalidInput("interval", interval.toSeconds(), "must be at least 1 second");
    }
    Required.field("provider", provider);
    Required.field("status", status);
    Required.field("createdAt", createdAt);
    Required.field("updatedAt", updatedAt);
    Required.field("nextRunAt", nextRunAt);
  }

  /** A new active job, due at once. */
  public static PollJob start(
      UUID id, List<Symbol> symbols, Duration interval, ProviderId provider, Instant now) {
    return new PollJob(
        id, symbols, interval, provider, PollJobStatus.ACTIVE, now, now, null, now, null, 0, 0, 0);
  }

  public Optional<Instant> lastRun() {
    return Optional.ofNullable(lastRunAt);
  }

  public Optional<String> error() {
    return Optional.ofNullable(lastError);
  }

  public boolean active() {
    return status == PollJobStatus.ACTIVE;
  }

  public PollJob stopped(Instant now) {
    return new PollJob(
        id,
        symbols,
        interval,
        provider,
        PollJobStatus.STOPPED,
        createdAt,
        now,
        lastRunAt,
        nextRunAt,
        lastError,
        runCount,
        errorCount,
        consecutiveFailures);
  }

  /**
   * The job after a run at {@code now}. {@code failure} is null when every symbol was fetched; a
   * run where every symbol failed backs off exponentially (and at least {@code retryAfter}), a
   * partial failure keeps the normal schedule so the healthy symbols keep flowing.
   */
  public PollJob afterRun(Instant now, String failure, boolean allFailed, Duration retryAfter) {
    if (failure == null) {
      return new PollJob(
          id,
          symbols,
          interval,
          provider,
          status,
          createdAt,
          now,
          now,
          nextOnSchedule(now),
          null,
          runCount + 1,
          errorCount,
          0);
    }
    if (!allFailed) {
      return new PollJob(
          id,
          symbols,
          interval,
          provider,
          status,
          createdAt,
          now,
          now,
          nextOnSchedule(now),
          failure,
          runCount + 1,
          errorCount + 1,
          0);
    }
    int failures = consecutiveFailures + 1;
    Duration wait = backoff(failures);
    if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
      wait = retryAfter;
    }
    return new PollJob(
        id,
        symbols,
        interval,
        provider,
        status,
        createdAt,
        now,
        now,
        now.plus(wait),
        failure,
        runCount + 1,
        errorCount + 1,
        failures);
  }

  /** interval × 2^(failures-1), capped at the larger of the interval and {@link #MAX_BACKOFF}. */
  public Duration backoff(int failures) {
    Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
    Duration wait = interval;
    for (int i = 1; i < failures && wait.compareTo(cap) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(cap) > 0 ? cap : wait;
  }

  private Instant nextOnSchedule(Instant now) {
    // Keep the cadence anchored to the schedule, but never queue up missed ticks.
    Instant next = nextRunAt.plus(interval);
    return next.isAfter(now) ? next : now.plus(interval);
  }
}
