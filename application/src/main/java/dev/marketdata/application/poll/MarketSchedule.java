package dev.marketdata.application.poll;

import dev.marketdata.domain.market.Exchange;
import dev.marketdata.domain.market.MarketHours;
import dev.marketdata.domain.market.MarketSession;
import dev.marketdata.domain.market.MarketStatus;
import dev.marketdata.domain.market.TradingCalendar;
import dev.marketdata.domain.model.MarketTimeZone;
import dev.marketdata.domain.model.PollJob;
import java.time.Instant;

/**
 * Places poll jobs in the market's sessions (XNYS; XNAS shares the calendar): a run that would fall
 * outside the job's hours is moved to the next instant they allow, with the reason the job is
 * waiting. Outside the calendar's years nothing is moved (the calendar does not guess), and the job
 * says so. Every replica loads the same bundled calendar and reads the same clock source, so any
 * poller that claims a job places it the same way; claiming itself is unchanged.
 */
final class MarketSchedule {
  private final TradingCalendar calendar;

  MarketSchedule(TradingCalendar calendar) {
    this.calendar = calendar;
  }

  /** What the hours say about calling a provider at one instant. */
  record Decision(boolean allowed, Instant resumesAt, String waitingReason, String calendarNote) {}

  Decision decide(MarketHours hours, Instant at) {
    if (hours == MarketHours.ALWAYS) {
      return new Decision(true, at, null, null);
    }
    if (!calendar.covers(at)) {
      return new Decision(true, at, null, outsideCalendar(hours, at));
    }
    if (calendar.allows(hours, at)) {
      return new Decision(true, at, null, null);
    }
    // Empty means the next allowed instant lies beyond the table: the job waits for the table's
    // end, after which it polls at any hour (and says so) rather than guess at holidays.
    Instant resumes = calendar.nextAllowed(hours, at).orElseGet(this::endOfTable);
    return new Decision(false, resumes, reason(at), null);
  }

  /**
   * The job with its next run moved into its hours when {@code nextRunAt} falls outside them, or
   * with its waiting reason cleared when it does not.
   */
  PollJob place(PollJob job, Instant now) {
    if (job.marketHours() == MarketHours.ALWAYS
        && job.waitingReason() == null
        && job.calendarNote() == null) {
      return job;
    }
    Decision decision = decide(job.marketHours(), job.nextRunAt());
    return job.scheduled(
        now, decision.resumesAt(), decision.waitingReason(), decision.calendarNote());
  }

  private Instant endOfTable() {
    return calendar.lastDay().plusDays(1).atStartOfDay(MarketTimeZone.NEW_YORK.zone()).toInstant();
  }

  private String outsideCalendar(MarketHours hours, Instant at) {
    return "the trading calendar covers "
        + calendar.firstDay()
        + " to "
        + calendar.lastDay()
        + " only; at "
        + at
        + " it cannot tell the "
        + hours.wire()
        + " hours, so the job polls at any hour as \"always\" does";
  }

  private String reason(Instant at) {
    MarketStatus status = calendar.status(Exchange.XNYS, at);
    String why = status.reason() == null ? "" : " (" + status.reason() + ")";
    if (status.session() == MarketSession.CLOSED) {
      return status.reason() == null ? "market closed" : "market closed: " + status.reason();
    }
    // Only a regular-hours job waits while the market is open: in the pre- or after-hours session.
    return (status.session() == MarketSession.PRE
            ? "outside the regular session: pre-market"
            : "outside the regular session: after-hours")
        + why;
  }
}
