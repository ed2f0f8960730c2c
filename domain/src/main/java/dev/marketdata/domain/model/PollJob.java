package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.market.MarketHours;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A durable instruction to fetch some symbols every {@code interval} from an ordered provider chain
 * (the first provider, then the next ones only when it fails in a way that allows falling back),
 * during the market hours it names, with the record of how its runs went.
 *
 * @param lastRunAt null until the first run
 * @param lastError null unless the latest run failed for at least one symbol
 * @param consecutiveFailures runs in a row that failed for every symbol; drives the back-off
 * @param waitingReason null unless the job sleeps outside its market hours; {@code nextRunAt} is
 *     then when it resumes
 * @param calendarNote null unless the job's hours could not be applied because the trading calendar
 *     does not cover the time (it then polls as {@code always} does)
 */
public record PollJob(
    UUID id,
    List<Symbol> symbols,
    Duration interval,
    ProviderChain providers,
    MarketHours marketHours,
    PollJobStatus status,
    Instant createdAt,
    Instant updatedAt,
    Instant lastRunAt,
    Instant nextRunAt,
    String lastError,
    long runCount,
    long errorCount,
    int consecutiveFailures,
    String waitingReason,
    String calendarNote,
    Fallbacks fallbacks) {

  /** The longest a failing job waits between tries, unless its own interval is longer. */
  public static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  /**
   * How often the job's later providers served a symbol its first could not, and the latest time.
   *
   * @param lastFrom the providers tried and failed before {@code lastProvider}, in order
   */
  public record Fallbacks(
      long count,
      Instant lastAt,
      Symbol lastSymbol,
      List<ProviderId> lastFrom,
      ProviderId lastProvider) {
    public static final Fallbacks NONE = new Fallbacks(0, null, null, List.of(), null);

    public Fallbacks {
      if (count < 0) {
        throw new InvalidInput("fallback_count", count, "must not be negative");
      }
      lastFrom = lastFrom == null ? List.of() : List.copyOf(lastFrom);
    }

    /** One more fallback, now the latest. */
    public Fallbacks plus(Instant at, Symbol symbol, List<ProviderId> from, ProviderId served) {
      return new Fallbacks(count + 1, at, symbol, from, served);
    }

    public Optional<Instant> last() {
      return Optional.ofNullable(lastAt);
    }
  }

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
    Required.field("provider", providers);
    Required.field("market_hours", marketHours);
    Required.field("status", status);
    Required.field("createdAt", createdAt);
    Required.field("updatedAt", updatedAt);
    Required.field("nextRunAt", nextRunAt);
    fallbacks = fallbacks == null ? Fallbacks.NONE : fallbacks;
  }

  /** A new active job on one provider at any hour, due at once: the job as it was before. */
  public static PollJob start(
      UUID id, List<Symbol> symbols, Duration interval, ProviderId provider, Instant now) {
    return start(id, symbols, interval, ProviderChain.of(provider), MarketHours.ALWAYS, now);
  }

  /** A new active job, due at once (the scheduler moves it to the next open if it is closed). */
  public static PollJob start(
      UUID id,
      List<Symbol> symbols,
      Duration interval,
      ProviderChain providers,
      MarketHours hours,
      Instant now) {
    return new PollJob(
        id,
        symbols,
        interval,
        providers,
        hours,
        PollJobStatus.ACTIVE,
        now,
        now,
        null,
        now,
        null,
        0,
        0,
        0,
        null,
        null,
        Fallbacks.NONE);
  }

  /** The first provider of the chain: the one every run calls first, and whose budget it uses. */
  public ProviderId provider() {
    return providers.first();
  }

  public Optional<Instant> lastRun() {
    return Optional.ofNullable(lastRunAt);
  }

  public Optional<String> error() {
    return Optional.ofNullable(lastError);
  }

  /** Why the job sleeps until {@code nextRunAt}, when it does. */
  public Optional<String> waiting() {
    return Optional.ofNullable(waitingReason);
  }

  public boolean active() {
    return status == PollJobStatus.ACTIVE;
  }

  public PollJob stopped(Instant now) {
    return new PollJob(
        id,
        symbols,
        interval,
        providers,
        marketHours,
        PollJobStatus.STOPPED,
        createdAt,
        now,
        lastRunAt,
        nextRunAt,
        lastError,
        runCount,
        errorCount,
        consecutiveFailures,
        waitingReason,
        calendarNote,
        fallbacks);
  }

  /**
   * The job placed by the market calendar: due at {@code next}, sleeping for {@code waitingReason}
   * (null when it is not), with {@code calendarNote} (null when the calendar covers the time).
   * Counts and the last run are left as they are: a job that only waits has not run.
   */
  public PollJob scheduled(Instant now, Instant next, String waitingReason, String calendarNote) {
    return new PollJob(
        id,
        symbols,
        interval,
        providers,
        marketHours,
        status,
        createdAt,
        now,
        lastRunAt,
        next,
        lastError,
        runCount,
        errorCount,
        consecutiveFailures,
        waitingReason,
        calendarNote,
        fallbacks);
  }

  /** The job with its fallback record replaced. */
  public PollJob withFallbacks(Fallbacks record) {
    return new PollJob(
        id,
        symbols,
        interval,
        providers,
        marketHours,
        status,
        createdAt,
        updatedAt,
        lastRunAt,
        nextRunAt,
        lastError,
        runCount,
        errorCount,
        consecutiveFailures,
        waitingReason,
        calendarNote,
        record);
  }

  /**
   * The job after a run at {@code now}. {@code failure} is null when every symbol was fetched; a
   * run where every symbol failed backs off exponentially (and at least {@code retryAfter}), a
   * partial failure keeps the normal schedule so the healthy symbols keep flowing. A run is never
   * waiting: the scheduler decides afterwards whether the next run falls outside the job's hours.
   */
  public PollJob afterRun(Instant now, String failure, boolean allFailed, Duration retryAfter) {
    if (failure == null) {
      return ran(now, nextOnSchedule(now), null, errorCount, 0);
    }
    if (!allFailed) {
      return ran(now, nextOnSchedule(now), failure, errorCount + 1, 0);
    }
    int failures = consecutiveFailures + 1;
    Duration wait = backoff(failures);
    if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
      wait = retryAfter;
    }
    return ran(now, now.plus(wait), failure, errorCount + 1, failures);
  }

  private PollJob ran(Instant now, Instant next, String failure, long errors, int failures) {
    return new PollJob(
        id,
        symbols,
        interval,
        providers,
        marketHours,
        status,
        createdAt,
        now,
        now,
        next,
        failure,
        runCount + 1,
        errors,
        failures,
        null,
        calendarNote,
        fallbacks);
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
    // Keep the cadence anchored to the schedule, but never queue up missed ticks. After a job
    // waited, nextRunAt is the open it resumed at, so the cadence continues from there.
    Instant next = nextRunAt.plus(interval);
    return next.isAfter(now) ? next : now.plus(interval);
  }
}
