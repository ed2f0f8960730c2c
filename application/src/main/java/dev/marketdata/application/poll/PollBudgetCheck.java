package dev.marketdata.application.poll;

import dev.marketdata.domain.failure.UnservableRequest;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a provider's rate limits can sustain a poll job: a limit over less than a day that the
 * job would exceed refuses it (naming an interval that fits); a daily one it would exhaust only
 * warns, saying when the budget runs out.
 */
final class PollBudgetCheck {
  private PollBudgetCheck() {}

  static List<String> check(
      ProviderId provider, List<RateLimit> limits, int symbols, Duration interval, Instant now) {
    List<String> warnings = new ArrayList<>();
    for (RateLimit limit : limits) {
      // calls per period = symbols × period / interval, compared without rounding.
      long periodMillis = limit.period().toMillis();
      long intervalMillis = interval.toMillis();
      boolean exceeds = (double) symbols * periodMillis > (double) limit.permits() * intervalMillis;
      if (!exceeds) {
        continue;
      }
      if (limit.period().compareTo(Duration.ofDays(1)) < 0) {
        long fitting = ceilDiv((long) symbols * periodMillis, (long) limit.permits() * 1000L);
        throw new UnservableRequest(
            "interval",
            "polling "
                + symbols
                + " symbol(s) every "
                + interval.toSeconds()
                + " s needs more than the "
                + limit.permits()
                + " calls per "
                + describe(limit.period())
                + " that "
                + provider
                + " allows",
            "an interval of at least " + Math.max(1, fitting) + " s would fit");
      }
      long secondsToExhaust = ceilDiv((long) limit.permits() * intervalMillis, symbols * 1000L);
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
              + " if nothing else uses it); later polls fail as throttled until it refills");
    }
    return warnings;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
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
