package dev.marketdata.application.poll;

import dev.marketdata.domain.failure.UnservableRequest;
import dev.marketdata.domain.market.MarketHours;
import dev.marketdata.domain.market.TradingCalendar;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a provider's rate limits can sustain a new poll job on top of the provider's other active
 * jobs (on every replica: they are read from the store). Each job makes {@code symbols × period /
 * interval} calls per limit period; when the jobs together would exceed a limit over less than a
 * day (per second: the burst the scheduler paces calls to; per minute; ...) the job is refused,
 * naming the shortest whole-second interval that fits every such limit given the others, or saying
 * that none does. A daily limit they would exhaust only warns, saying when the budget runs out.
 *
 * <p>Market hours: a daily budget counts only the calls each job's sessions allow (a job polling
 * one symbol hourly in regular hours makes 7 calls a trading day, not 24); limits shorter than a
 * day are checked at the job's rate, which inside a session is the same whatever its hours. The
 * provider checked is the first of the job's chain: later providers are only called when it fails,
 * so their budgets are not reserved (a fallback that is throttled in turn fails as throttled).
 *
 * <p>Checked, not reserved: two jobs accepted at the same moment on two replicas can together
 * overshoot; the scheduler's pacing and the provider's own budget then throttle the excess.
 */
final class PollBudgetCheck {
  /** Rounding slack, so that a job using exactly the budget is accepted. */
  private static final double EPSILON = 1e-9;

  private PollBudgetCheck() {}

  /** A job's share of a budget: its symbols, interval and hours. */
  record Load(int symbols, Duration interval, MarketHours hours) {
    static Load of(PollJob job) {
      return new Load(job.symbols().size(), job.interval(), job.marketHours());
    }
  }

  /**
   * As described above; {@code calendar} (may be null when every job polls {@code always}) counts
   * the calls of a daily budget within the sessions each job's hours allow.
   */
  static List<String> check(
      ProviderId provider,
      List<RateLimit> limits,
      List<PollJob> others,
      Load own,
      TradingCalendar calendar,
      Instant now) {
    List<Load> otherLoads = others.stream().map(Load::of).toList();
    Sessions sessions = new Sessions(calendar);
    List<String> warnings = new ArrayList<>();
    String refusal = null;
    long fitting = 0; // the shortest interval, in seconds, every refusing limit allows
    boolean noneFits = false;
    for (RateLimit limit : limits) {
      double periodMillis = limit.period().toMillis();
      if (limit.period().compareTo(Duration.ofDays(1)) >= 0) {
        String warning = dailyWarning(provider, limit, otherLoads, own, sessions, now);
        if (warning != null) {
          warnings.add(warning);
        }
        continue;
      }
      // Limits shorter than a day: within a session a job calls at the same rate whatever its
      // hours, so these are checked at that rate (hours do not make a burst smaller).
      double othersCalls = callsPer(otherLoads, periodMillis);
      double ownCalls = own.symbols() * periodMillis / own.interval().toMillis();
      if (othersCalls + ownCalls <= limit.permits() * (1 + EPSILON)) {
        continue;
      }
      if (refusal == null) {
        refusal =
            refusal(provider, limit, others.size(), othersCalls, own.symbols(), own.interval());
      }
      double room = limit.permits() - othersCalls;
      if (room <= EPSILON) {
        noneFits = true;
      } else {
        fitting =
            Math.max(
                fitting, (long) Math.ceil(own.symbols() * periodMillis / room / 1000 - EPSILON));
      }
    }
    if (refusal != null) {
      throw new UnservableRequest("interval", refusal, suggestion(provider, fitting, noneFits));
    }
    return warnings;
  }

  /**
   * A daily (or longer) budget: the calls of one period counted within the sessions each job's
   * hours allow, starting at the first instant the new job may call (now, or its next open). That
   * window holds one full trading day of the new job's sessions wherever it starts, so a job
   * created on a Saturday is checked against Monday's calls, not against an empty weekend (the next
   * 24 hours from now would see no calls and never warn). A job polls at the start of each interval
   * of its allowed time (from the open), and the other jobs are assumed in phase with it: the
   * earliest the budget can run out, which is when the warning says it does.
   */
  private static String dailyWarning(
      ProviderId provider,
      RateLimit limit,
      List<Load> others,
      Load own,
      Sessions sessions,
      Instant now) {
    Instant from = sessions.firstAllowed(own.hours(), now);
    Instant to = from.plus(limit.period());
    if (calls(others, own, sessions, from, to) <= limit.permits()) {
      return null;
    }
    // The smallest whole second s at which the calls made in [from, from + s] exceed the budget:
    // the call that is refused.
    long lo = 0;
    long hi = limit.period().toSeconds();
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      Instant end = from.plusSeconds(mid).plusMillis(1);
      if (calls(others, own, sessions, from, end) > limit.permits()) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    Instant runsOut = from.plusSeconds(lo);
    long secondsToExhaust = Duration.between(now, runsOut).toSeconds();
    return "the "
        + provider
        + " budget of "
        + limit.permits()
        + " calls per "
        + describe(limit.period())
        + " runs out after about "
        + secondsToExhaust
        + " s (at "
        + runsOut
        + (others.isEmpty()
            ? " if nothing else uses it"
            : " with its " + others.size() + " other active job(s) and nothing else")
        + (own.hours() == MarketHours.ALWAYS
            ? ""
            : ", counting only the calls of the " + own.hours().wire() + " market hours")
        + "); later polls fail as throttled until it refills";
  }

  /** The calls every job makes in [from, to), each at the start of each interval it may poll. */
  private static long calls(
      List<Load> others, Load own, Sessions sessions, Instant from, Instant to) {
    long calls = calls(own, sessions, from, to);
    for (Load other : others) {
      calls += calls(other, sessions, from, to);
    }
    return calls;
  }

  private static long calls(Load load, Sessions sessions, Instant from, Instant to) {
    long allowed = sessions.allowedWithin(load.hours(), from, to).toMillis();
    if (allowed <= 0) {
      return 0;
    }
    return load.symbols()
        * (long) Math.ceil((double) allowed / load.interval().toMillis() - EPSILON);
  }

  private static double callsPer(List<Load> jobs, double periodMillis) {
    double calls = 0;
    for (Load job : jobs) {
      calls += job.symbols() * periodMillis / job.interval().toMillis();
    }
    return calls;
  }

  /** The calendar's view of the hours; {@code always} needs no calendar. */
  private record Sessions(TradingCalendar calendar) {
    Duration allowedWithin(MarketHours hours, Instant from, Instant to) {
      if (hours == MarketHours.ALWAYS || calendar == null) {
        return Duration.between(from, to);
      }
      return calendar.allowedWithin(hours, from, to);
    }

    Instant firstAllowed(MarketHours hours, Instant now) {
      if (hours == MarketHours.ALWAYS || calendar == null || calendar.allows(hours, now)) {
        return now;
      }
      return calendar.nextAllowed(hours, now).orElse(now);
    }
  }

  private static String refusal(
      ProviderId provider,
      RateLimit limit,
      int otherJobs,
      double othersCalls,
      int symbols,
      Duration interval) {
    return "polling "
        + symbols
        + " symbol(s) every "
        + interval.toSeconds()
        + " s"
        + (otherJobs == 0
            ? ""
            : " on top of its "
                + otherJobs
                + " other active job(s) (about "
                + Math.round(Math.ceil(othersCalls - EPSILON))
                + " calls per "
                + describe(limit.period())
                + ")")
        + " needs more than the "
        + limit.permits()
        + " calls per "
        + describe(limit.period())
        + " that "
        + provider
        + " allows";
  }

  private static String suggestion(ProviderId provider, long fitting, boolean noneFits) {
    if (noneFits || fitting > PollRequest.MAX_INTERVAL.toSeconds()) {
      return "no interval fits while the other active "
          + provider
          + " jobs use its budget; stop one of them or use another provider";
    }
    return "an interval of at least " + Math.max(1, fitting) + " s would fit";
  }

  private static String describe(Duration period) {
    if (period.equals(Duration.ofSeconds(1))) {
      return "second";
    }
    if (period.equals(Duration.ofMinutes(1))) {
      return "minute";
    }
    if (period.equals(Duration.ofHours(1))) {
      return "hour";
    }
    if (period.equals(Duration.ofDays(1))) {
      return "day";
    }
    return period.toSeconds() + " s";
  }
}
