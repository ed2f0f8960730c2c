package dev.marketdata.application.poll;

import dev.marketdata.domain.failure.UnservableRequest;
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
 * <p>Checked, not reserved: two jobs accepted at the same moment on two replicas can together
 * overshoot; the scheduler's pacing and the provider's own budget then throttle the excess.
 */
final class PollBudgetCheck {
  /** Rounding slack, so that a job using exactly the budget is accepted. */
  private static final double EPSILON = 1e-9;

  private PollBudgetCheck() {}

  static List<String> check(
      ProviderId provider,
      List<RateLimit> limits,
      List<PollJob> others,
      int symbols,
      Duration interval,
      Instant now) {
    List<String> warnings = new ArrayList<>();
    String refusal = null;
    long fitting = 0; // the shortest interval, in seconds, every refusing limit allows
    boolean noneFits = false;
    for (RateLimit limit : limits) {
      double periodMillis = limit.period().toMillis();
      double othersCalls = callsPer(others, periodMillis);
      double ownCalls = symbols * periodMillis / interval.toMillis();
      if (othersCalls + ownCalls <= limit.permits() * (1 + EPSILON)) {
        continue;
      }
      if (limit.period().compareTo(Duration.ofDays(1)) < 0) {
        if (refusal == null) {
          refusal = refusal(provider, limit, others.size(), othersCalls, symbols, interval);
        }
        double room = limit.permits() - othersCalls;
        if (room <= EPSILON) {
          noneFits = true;
        } else {
          fitting =
              Math.max(fitting, (long) Math.ceil(symbols * periodMillis / room / 1000 - EPSILON));
        }
        continue;
      }
      double callsPerSecond = (othersCalls + ownCalls) / (periodMillis / 1000);
      long secondsToExhaust = (long) Math.ceil(limit.permits() / callsPerSecond - EPSILON);
      warnings.add(
          "the "
              + provider
              + " budget of "
              + limit.permits()
              + " calls per "
              + describe(limit.period())
              + " runs out after about "
              + secondsToExhaust
              + " s (at "
              + now.plusSeconds(secondsToExhaust)
              + (others.isEmpty()
                  ? " if nothing else uses it"
                  : " with its " + others.size() + " other active job(s) and nothing else")
              + "); later polls fail as throttled until it refills");
    }
    if (refusal != null) {
      throw new UnservableRequest("interval", refusal, suggestion(provider, fitting, noneFits));
    }
    return warnings;
  }

  private static double callsPer(List<PollJob> jobs, double periodMillis) {
    double calls = 0;
    for (PollJob job : jobs) {
      calls += job.symbols().size() * periodMillis / job.interval().toMillis();
    }
    return calls;
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
